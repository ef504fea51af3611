import { initialAmqpSimState, type AmqpSimState } from '../amqp/system/state';
import { esFaultActor, esQueryActor, esSourceActor } from '../esdb/system/model';
import { initialEsSimState, type EsSimState } from '../esdb/system/state';
import { initialStreamSimState, type StreamSimState } from '../stream/system/state';
import { initialSagaSystemState, type SagaSystemState } from '../saga/state';
import { amqpMemberActor, brokerActor, publisherActor } from '../amqp/system/model';
import type { LogRecord } from './events';
import {
  initialCluster,
  initialRequests,
  type ClusterState,
  type ProducerRequests,
} from './stateCluster';
import {
  cleanerActor,
  FAULT_ACTOR,
  hasTxnActor,
  memberActor,
  producerActor,
  retentionActor,
  type Model,
} from './model';
import { initialSegments, type SegmentLog } from './retention';
import { initialCompaction, type CompactionState } from './compaction';
import { Schedule } from '../kernel/schedule';

/**
 * The mutable state of a run. `evolve` is the only code that writes to it. Partition logs are
 * append-only arrays of the very RecordAppended events that created them (a record is never
 * copied), so a snapshot can share them and keep only the small mutable rest.
 */
export interface SimState {
  readonly model: Model;
  timeUs: number;
  /**
   * Records per global partition index; offset = array index. The arrays may be shared with
   * other states of the same run (snapshots) and hold records past this state's end: read the
   * log-end offset from `leo`, never from the array's length.
   */
  logs: LogRecord[][];
  /**
   * Per global partition: the offset of `logs[gp][0]`. Records below it were released to bound
   * memory (src/engine/retain.ts), only once no reader of this state could need them; read a
   * record with `recordAt`, never by indexing `logs` with an offset.
   */
  logStart: Int32Array;
  /**
   * Request path, per global partition: for records released below `logStart`, the event id of
   * the last one per (producer index × keys + keyId) — what a truncation's order fallback reads
   * (appendOrder.ts). Replaced, never mutated, so states share them.
   */
  releasedHeads: (Map<number, number> | undefined)[];
  /**
   * Kafka's log start offset per global partition: the first offset the log still holds after
   * retention deleted segments (retention.ts). Not `logStart`, which only releases memory.
   */
  logStartOffset: Float64Array;
  /** Segments per global partition (retention.ts), null when the scenario sets no log setting. */
  segments: SegmentLog[] | null;
  /** The log cleaner's holes and checkpoints (compaction.ts), null when no topic is compacted. */
  compaction: CompactionState | null;
  /** Log-end offset per global partition index. */
  leo: Int32Array;
  /** High watermark per global partition: consumers read below it (= leo on the direct path). */
  hw: Int32Array;
  /** Brokers, replicas, producer requests and the network (request path only). */
  cluster: ClusterState;
  groups: GroupState[];
  members: MemberState[];
  producers: ProducerState[];
  /** Next scheduled fault (index into model.faults). */
  /** RabbitMQ's part (amqp/system/state.ts), or null when the scenario has none. */
  amqp: AmqpSimState | null;
  /** The event store's part (esdb/system/state.ts), or null when the scenario has none. */
  eventStore: EsSimState | null;
  /** Stream processing's part (stream/system/state.ts), or null when the scenario has none. */
  streams: StreamSimState | null;
  /** The saga orchestrators' part (saga/state.ts), or null when the scenario has none. */
  sagas: SagaSystemState | null;
  faultCursor: number;
  /** Each topic's live partition count (addPartitions.ts; the model reserves the final count). */
  livePartitions: Int32Array;
  /** Next group notice of added partitions (index into model.partitionNotices). */
  noticeCursor: number;
  /** Transactions (transactional services and producers), or null when none is transactional. */
  txn: TxnState | null;
  /** When each actor next acts (see model.ts for the layout); Infinity = waits for an event. */
  wake: Schedule;
  nextEventId: number;
  produced: number;
  appended: number;
}

/**
 * The transaction coordinator's view, plus what each partition's aborted-transaction index
 * holds (which transactions' records read_committed consumers skip).
 */
export interface TxnState {
  /**
   * Per transactional client, by owner index: members first (a service member's producer), then
   * plain producers at `members.length + producer index` (see `txnOwner`).
   */
  producers: TxnProducer[];
  /** Open transactions by number. */
  open: Map<number, OpenTxn>;
  /** Numbers of aborted transactions (their records stay in the log, skipped by read_committed). */
  aborted: Set<number>;
  /** The next transaction number, and the next producer id the coordinator hands out. */
  nextTxn: number;
  nextPid: number;
  /** While the coordinator fails over (txnCoordinatorFailover): when it is back; else -1. */
  downUntilUs: number;
  /**
   * Per global partition: transaction markers (COMMIT/ABORT control records) in [0, leo), so a
   * view can count records without scanning the log (markers take offsets, they are no records).
   */
  markers: number[];
}

export interface TxnProducer {
  /** -1 until its first initTransactions. */
  producerId: number;
  epoch: number;
  /** initTransactions is owed: the member (re)started. */
  initDue: boolean;
  /** Its open transaction's number, -1 for none. */
  txn: number;
  /** The coordinator aborted its transaction (timeout) and bumped the epoch: the member finds
   *  out on its next send or commit. */
  fenced: boolean;
}

export interface OpenTxn {
  /** Its producer's owner index (TxnState.producers). */
  owner: number;
  producerId: number;
  epoch: number;
  startUs: number;
  /** Per global partition written: the offset of the transaction's first record there. */
  first: Map<number, number>;
  records: number;
}

/** One row of a read model: what the projection knows about one key (e.g. one order). */
export interface ReadModelRow {
  events: number;
  lastType: string;
  lastEventId: number;
  lastTimeUs: number;
}

export interface ProducerState {
  /** Request path only: batches, sequence numbers, requests in flight. */
  req: ProducerRequests | null;
  sent: number;
  /** Sticky partitioner: the current partition for null keys and records sent to it. */
  stickyPartition: number;
  stickyCount: number;
}

export interface GroupState {
  generation: number;
  /** PreparingRebalance: waiting for every member to (re)join. */
  rebalancing: boolean;
  rebalanceStartUs: number;
  /** Member indices in the group, in join order. */
  members: number[];
  /** When the group last became Empty (its last member left), -1 while it has members. */
  emptySinceUs: number;
  /** The partitions (global indices) each member gets in the current generation. */
  target: Map<number, number[]>;
  /** Committed offset per global partition (the next offset to read); -1 = none. */
  committed: Float64Array;
  /** One past the highest offset this group has processed (or skipped) per global partition. */
  processedEnd: Float64Array;
  /**
   * Where the group started reading each global partition: the position its first owner was
   * given (0 with auto.offset.reset=earliest, the log end with latest); -1 while no member has
   * held it. Records below it were never this group's to process: not lost, not pending.
   */
  startOffset: Float64Array;
  /**
   * Ranges [from, to) per global partition, as flat pairs, that a commit skipped past (counted
   * as lost). A zombie may still process one late; then it is first-time, not a duplicate.
   */
  skippedRanges: Map<number, number[]>;
  /** One past the highest offset already counted as a duplicate. */
  dupCountedEnd: Float64Array;
  /** The member that owns each partition in the newest generation it was synced in; -1 = none. */
  owner: Int32Array;
  /**
   * Per record source (Model.sourceIndex), per keyId: the highest eventId processed first-time
   * (-1 = none). Kafka promises order per producer and key.
   */
  orderMax: (Float64Array | null)[];
  /** Idempotent consumer's dedup store (event ids), null when the group is not idempotent. */
  dedup: Set<number> | null;
  /** The service's stock per item (its rules' `stock`), or null (issue 14). */
  stock: Map<string, number> | null;
  /** A read model's table (null unless the group is one): key → the row folded so far. */
  table: Map<string, ReadModelRow> | null;
  /** Sticky partitioner state for records this service emits with a null key, per topic. */
  emitSticky: Map<number, { partition: number; count: number }>;
  rebalances: number;
  processed: number;
  redeliveries: number;
  duplicates: number;
  sideEffects: number;
  duplicateSideEffects: number;
  dedupAbsorbed: number;
  reordered: number;
  skipped: number;
  deadLettered: number;
  handlerFailures: number;
  rejectedCommits: number;
  /** read_uncommitted: records of aborted transactions this group processed (first time). */
  abortedRead: number;
  /** Markers, and aborted records read_committed skips: offsets passed, never processed. */
  invisible: number;
  /**
   * Runs with transactions: the outputs this group processed first-time, as "service|causation
   * id|type" (null otherwise), to count a second output of the same input (`outputDuplicates`):
   * what exactly-once is about, seen from downstream.
   */
  outputsSeen: Set<string> | null;
  outputDuplicates: number;
  /** Compacted topics: tombstones removed before the group read them, its table holding the key. */
  missedTombstones: number;
}

export type MemberStatus =
  'stopped' | 'joining' | 'awaiting' | 'running' | 'idle' | 'paused' | 'crashed';

export interface MemberState {
  status: MemberStatus;
  /** The status to return to when a pause ends. */
  pausedFrom: MemberStatus;
  /** Time left on the member's timer when it was paused (Infinity: it was waiting). */
  pausedRemainingUs: number;
  /** In the coordinator's member list (a crashed member stays until its session expires). */
  inGroup: boolean;
  /** The member has sent JoinGroup in the current rebalance round. */
  joinedRound: boolean;
  /** A new assignment waits to be picked up at the next poll (SyncGroup). */
  syncDue: boolean;
  /** Cooperative: gave up partitions and must trigger the follow-up rebalance. */
  rejoinDue: boolean;
  /** The generation of the assignment the member holds. */
  generation: number;
  assigned: number[];
  /** Partitions owned before an eager revoke: the sticky assignors' "owned" user data. */
  previouslyOwned: number[];
  /** Fetch position per assigned global partition. */
  position: Map<number, number>;
  /** Positions advanced since the last successful commit. */
  dirty: boolean;
  /** A batch finished and the at-least-once loop owes a commit before its next poll. */
  commitDue: boolean;
  batch: FetchBatch | null;
  /** Failed attempts of the current record. */
  attempt: number;
  lastPollUs: number;
  /** When heartbeats stopped (crash or pause); -1 while heartbeating. */
  silentSinceUs: number;
  joinedUs: number;
  nextAutoCommitUs: number;
  /** Rotates the partition a poll starts from, as Kafka's fetcher does for fairness. */
  pollRotation: number;
  /** Counter for this member's random draws. */
  steps: number;
}

/** Records returned by one poll: ranges over global partitions, processed in order. */
export interface FetchBatch {
  gps: number[];
  from: number[];
  to: number[];
  range: number;
  offset: number;
  /** Compacted topics: the cleaning passes done at fetch time (later holes are still read). */
  pass?: number;
}

export function initialState(model: Model): SimState {
  const gpCount = model.gpTopic.length;
  const wake = new Schedule(model.actorCount);
  const groups = model.groups.map((g): GroupState => ({
    generation: 0,
    rebalancing: false,
    rebalanceStartUs: 0,
    members: [],
    target: new Map(),
    committed: new Float64Array(gpCount).fill(-1),
    processedEnd: new Float64Array(gpCount),
    startOffset: new Float64Array(gpCount).fill(-1),
    dupCountedEnd: new Float64Array(gpCount),
    skippedRanges: new Map(),
    owner: new Int32Array(gpCount).fill(-1),
    orderMax: [],
    dedup: g.idempotent ? new Set() : null,
    stock: g.stock ? new Map(g.stock) : null,
    table: g.readModel ? new Map() : null,
    emitSticky: new Map(),
    emptySinceUs: -1,
    rebalances: 0,
    processed: 0,
    redeliveries: 0,
    duplicates: 0,
    sideEffects: 0,
    duplicateSideEffects: 0,
    dedupAbsorbed: 0,
    reordered: 0,
    skipped: 0,
    deadLettered: 0,
    handlerFailures: 0,
    rejectedCommits: 0,
    abortedRead: 0,
    invisible: 0,
    outputsSeen: model.groups.some((x) => x.transactional) ? new Set() : null,
    outputDuplicates: 0,
    missedTombstones: 0,
  }));
  const members = model.members.map((m): MemberState => {
    wake.set(memberActor(model, m.index), m.startUs);
    return {
      status: 'joining',
      pausedFrom: 'joining',
      pausedRemainingUs: 0,
      inGroup: false,
      joinedRound: false,
      syncDue: false,
      rejoinDue: false,
      generation: -1,
      assigned: [],
      previouslyOwned: [],
      position: new Map(),
      dirty: false,
      commitDue: false,
      batch: null,
      attempt: 0,
      lastPollUs: 0,
      silentSinceUs: -1,
      joinedUs: 0,
      nextAutoCommitUs: 0,
      pollRotation: 0,
      steps: 0,
    };
  });
  const producers = model.producers.map((p): ProducerState => {
    wake.set(
      producerActor(model, p.index),
      p.perSec > 0 || p.bursts.length > 0 ? p.startUs : Number.POSITIVE_INFINITY,
    );
    return {
      req: p.requestPath ? { ...initialRequests(model, p.index), genUs: p.startUs } : null,
      sent: 0,
      stickyPartition: -1,
      stickyCount: 0,
    };
  });
  wake.set(
    FAULT_ACTOR,
    Math.min(
      model.faults[0]?.atUs ?? Number.POSITIVE_INFINITY,
      model.partitionNotices[0]?.atUs ?? Number.POSITIVE_INFINITY,
    ),
  );
  if (model.retention) wake.set(retentionActor(model), model.retention.firstCheckUs);
  // The cleaner thread starts with the broker: its first look is at once.
  if (model.compaction) wake.set(cleanerActor(model), 0);
  const am = model.amqp;
  if (am) {
    wake.set(brokerActor(am), am.topology.length > 0 ? 0 : Number.POSITIVE_INFINITY);
    for (const p of am.publishers)
      wake.set(
        publisherActor(am, p.index),
        p.p.perSec > 0 || p.p.bursts.length > 0 ? p.p.startUs : Number.POSITIVE_INFINITY,
      );
    for (const m of am.members) wake.set(amqpMemberActor(am, m.index), m.startUs);
  }
  const em = model.eventStore;
  if (em) {
    wake.set(esFaultActor(em), em.faults[0]?.atUs ?? Number.POSITIVE_INFINITY);
    for (const a of em.aggregates)
      wake.set(
        esSourceActor(em, a.index),
        a.source !== null && (a.source.perSec > 0 || a.source.bursts.length > 0)
          ? a.source.startUs
          : Number.POSITIVE_INFINITY,
      );
    for (const q of em.queries)
      wake.set(
        esQueryActor(em, q.index),
        q.rate.perSec > 0 || q.rate.bursts.length > 0 ? q.rate.startUs : Number.POSITIVE_INFINITY,
      );
  }
  // An orchestrator's first wake is its first crash or its first message.
  for (const d of model.sagas?.defs ?? [])
    wake.set(model.sagas!.base + d.index, d.crashesUs[0] ?? Number.POSITIVE_INFINITY);
  return {
    model,
    timeUs: 0,
    logs: Array.from({ length: gpCount }, () => []),
    logStart: new Int32Array(gpCount),
    releasedHeads: [],
    logStartOffset: new Float64Array(gpCount),
    segments: model.retention ? initialSegments(gpCount) : null,
    compaction: model.compaction ? initialCompaction(gpCount) : null,
    leo: new Int32Array(gpCount),
    hw: new Int32Array(gpCount),
    cluster: initialCluster(model),
    groups,
    members,
    producers,
    faultCursor: 0,
    livePartitions: Int32Array.from(model.topics, (t) => t.initialPartitions),
    noticeCursor: 0,
    txn: hasTxnActor(model)
      ? {
          producers: [
            ...model.members.map(() => true),
            ...model.producers.map((p) => p.transactionalId !== null),
          ].map((initDue) => ({ producerId: -1, epoch: -1, initDue, txn: -1, fenced: false })),
          open: new Map(),
          aborted: new Set(),
          nextTxn: 1,
          nextPid: 1000,
          downUntilUs: -1,
          markers: new Array<number>(gpCount).fill(0),
        }
      : null,
    amqp: am ? initialAmqpSimState(am) : null,
    eventStore: em ? initialEsSimState(em) : null,
    streams: model.streams ? initialStreamSimState(model.streams) : null,
    sagas: model.sagas ? initialSagaSystemState(model.sagas.defs) : null,
    wake,
    nextEventId: 1,
    produced: 0,
    appended: 0,
  };
}

/** The record at `offset` of partition gp, or undefined if released or past the log's end. */
export function recordAt(s: SimState, gp: number, offset: number): LogRecord | undefined {
  return s.logs[gp]![offset - s.logStart[gp]!];
}

/**
 * The last stable offset: below it every transaction is decided (committed or aborted). A
 * read_committed consumer reads up to it; it equals the high watermark when nothing is open.
 */
export function lastStableOffset(s: SimState, gp: number): number {
  let lso = s.hw[gp]!;
  if (s.txn === null || s.txn.open.size === 0) return lso;
  for (const t of s.txn.open.values()) {
    const first = t.first.get(gp);
    if (first !== undefined && first < lso) lso = first;
  }
  return lso;
}

/** Whether a consumer of this isolation level ever sees the record (markers: never). */
export function visibleTo(s: SimState, rec: LogRecord, readCommitted: boolean): boolean {
  if (rec.control !== undefined) return false;
  return !readCommitted || rec.txn === undefined || !s.txn!.aborted.has(rec.txn);
}

/** "topic-partition", Kafka's TopicPartition.toString(). */
export function tpName(model: Model, gp: number): string {
  return `${model.topics[model.gpTopic[gp] ?? 0]?.name}-${model.gpPartition[gp]}`;
}

/** The global partition index of "topic-partition" (topic names may contain '-'). */
export function gpOfName(model: Model, tp: string): number {
  const dash = tp.lastIndexOf('-');
  return gpOf(model, tp.slice(0, dash), Number(tp.slice(dash + 1)));
}

let memoTopicModel: Model | null = null;
let memoTopic = '';
let memoTopicIndex = -1;

/** The global partition index of a topic's partition (memoised on the last topic name). */
export function gpOf(model: Model, topic: string, partition: number): number {
  if (memoTopicModel !== model || topic !== memoTopic) {
    memoTopicModel = model;
    memoTopic = topic;
    memoTopicIndex = model.topicIndex.get(topic) ?? -1;
  }
  const t = model.topics[memoTopicIndex];
  if (!t || partition < 0 || partition >= t.partitions)
    throw new Error(`unknown partition ${topic}-${partition}`);
  return t.firstGp + partition;
}

/**
 * When a member hears that its group is rebalancing: with the first heartbeat response after
 * the rebalance began (members send one every heartbeat.interval.ms), as in Kafka. Infinity when
 * there is nothing to hear.
 */
export function rebalanceNoticeUs(s: SimState, mi: number): number {
  const gi = s.model.members[mi]!.group;
  const g = s.groups[gi]!;
  const m = s.members[mi]!;
  if (!g.rebalancing || m.joinedRound || !m.inGroup) return Number.POSITIVE_INFINITY;
  const hb = s.model.groups[gi]!.heartbeatIntervalUs;
  return g.rebalanceStartUs + hb - ((g.rebalanceStartUs - m.joinedUs) % hb);
}

/** Whether this group skipped `offset` of partition gp (a commit went past it unprocessed). */
export function wasSkipped(g: GroupState, gp: number, offset: number): boolean {
  const r = g.skippedRanges.get(gp);
  if (!r) return false;
  for (let i = 0; i < r.length; i += 2) if (offset >= r[i]! && offset < r[i + 1]!) return true;
  return false;
}

/** The owner index (TxnState.producers) of a plain producer's transactional client. */
export function txnOwner(model: Model, pi: number): number {
  return model.members.length + pi;
}
