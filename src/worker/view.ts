/**
 * The compact picture of a run the worker sends to the UI with every frame: per-partition
 * log-end offsets, per-group committed offsets, lag, members and counters. Its size depends on
 * the diagram (partitions × groups), never on how many events happened. Pure: state in, view out.
 */
import { compactionTail, type CompactionTail } from './compactionView';
import { esView, type EsView } from './esView';
import {
  amqpBindingCounts,
  amqpExchangeCounts,
  amqpQueueCounts,
  summarize,
  type MemberState,
  type SimState,
} from '../engine';
import {
  groupPositions,
  partitionTail,
  readModelView,
  retentionTail,
  type PartitionTail,
  type ReadModelView,
  type RetentionTail,
} from './liveView';

export interface TopicView extends PartitionTail {
  /** Log-end offset per partition (the offset the next record will get). */
  logEndOffsets: number[];
  /** Runs with log settings (retention, segments): the log start offsets and segments. */
  retention?: RetentionTail;
  /** Records appended so far: the log-end offsets less transaction markers (not records). */
  records?: number;
  /**
   * A topic that grows during the run (an addPartitions action): how many partitions exist
   * now. `logEndOffsets` covers every reserved partition; only the first `livePartitions`
   * exist yet. Absent for a topic that never grows.
   */
  livePartitions?: number;
  /** A compacted topic: what the log cleaner left of each partition (compactionView.ts). */
  compaction?: CompactionTail;
}

export interface AssignmentView {
  topic: string;
  partitions: number[];
}

export interface MemberView {
  id: string;
  status: MemberState['status'];
  assigned: AssignmentView[];
}

export interface GroupView {
  generation: number;
  rebalancing: boolean;
  /** Committed offset (the next offset to read) per topic, per partition; −1 = none yet. */
  committed: Record<string, number[]>;
  /** Fetch position (next offset to fetch) per topic, per partition; −1 = nobody holds it. */
  positions: Record<string, number[]>;
  /** A read model's table: its size and newest rows. */
  readModel?: ReadModelView;
  /**
   * Σ over partitions with a committed offset of log-end offset − committed offset, and the
   * largest of them; null (unknown, shown "-") while no partition has a committed offset.
   */
  lag: number | null;
  lagMax: number | null;
  members: MemberView[];
  processed: number;
  duplicates: number;
  lost: number;
  reordered: number;
  redeliveries: number;
  deadLettered: number;
  handlerFailures: number;
  rebalances: number;
  /** isolation.level=read_committed: its lag is measured against the last stable offset. */
  readCommitted?: true;
  /** read_uncommitted: records of aborted transactions it processed (dirty reads). */
  abortedRead: number;
  /** Runs with transactions: a second output of the same input, processed. */
  outputDuplicates: number;
  /** Compacted topics: deletes the cleaner removed before this group read them. */
  missedTombstones: number;
}

export interface ProducerView {
  sent: number;
}

export interface Totals {
  events: number;
  produced: number;
  appended: number;
  processed: number;
  duplicates: number;
  lost: number;
  reordered: number;
  deadLettered: number;
  rebalances: number;
  /** Unknown (null) while no group has a committed offset. */
  lagMax: number | null;
  /** The log's own figures (the request path): see Summary. */
  logDuplicates: number;
  lostAcked: number;
  reorderedInLog: number;
  /** Transactions: dirty reads of read_uncommitted groups, outputs processed twice downstream. */
  abortedRead: number;
  outputDuplicates: number;
  /** Compacted topics: tombstones removed before a group holding their key read them. */
  missedTombstones: number;
}

/** RabbitMQ's figures as its management UI names them (engine: amqpQueueCounts & co.). */
export interface AmqpView {
  /** By queue name: messages Ready, Unacked, and consumers attached. */
  queues: Record<string, { ready: number; unacked: number; consumers: number }>;
  /** By consumer id (a member of a consumer group node): its unacked window and prefetch. */
  consumers: Record<
    string,
    {
      unacked: number;
      prefetch: number;
      /** connecting | up | crashed | disconnected. */
      status: string;
      /** Deliveries received with redelivered=true, and the newest one's message event id. */
      redelivered: number;
      lastRedelivered: number | null;
    }
  >;
  /** By exchange name: messages routed to at least one queue, and unroutable ones. */
  exchanges: Record<string, { routed: number; unroutable: number }>;
  /** By binding (`bindingKey(source, destination, binding key)`): messages routed through it,
   *  published or dead-lettered; a binding that routed nothing yet is absent. */
  bindings: Record<string, number>;
}

export interface SimView {
  topics: Record<string, TopicView>;
  groups: Record<string, GroupView>;
  producers: Record<string, ProducerView>;
  totals: Totals;
  /** Present when the scenario has an amqp section. */
  amqp?: AmqpView;
  /** Present when the scenario has an eventStore section (esView.ts). */
  eventStore?: EsView;
}

/** Builds the view of `state`; `events` is how many events the run has applied so far. */
export function buildView(state: SimState, events: number): SimView {
  const model = state.model;
  const summary = summarize(state, events, '');
  const topics: Record<string, TopicView> = Object.create(null); // names may be __proto__
  model.topics.forEach((t, ti) => {
    const logEndOffsets: number[] = [];
    let records = 0;
    for (let p = 0; p < t.partitions; p++) {
      logEndOffsets.push(state.leo[t.firstGp + p]!);
      records += state.leo[t.firstGp + p]! - (state.txn?.markers[t.firstGp + p] ?? 0);
    }
    const retention = retentionTail(state, t.firstGp, t.partitions);
    topics[t.name] = {
      logEndOffsets,
      records,
      ...partitionTail(state, t.firstGp, t.partitions),
      ...(retention ? { retention } : {}),
    };
    if (t.partitions !== t.initialPartitions)
      topics[t.name]!.livePartitions = state.livePartitions[ti]!;
    const compaction = compactionTail(state, t.firstGp, t.partitions);
    if (compaction) topics[t.name]!.compaction = compaction;
  });
  const groups: Record<string, GroupView> = Object.create(null);
  model.groups.forEach((gm, gi) => {
    const g = state.groups[gi]!;
    const s = summary.groups[gi]!;
    const committed: Record<string, number[]> = Object.create(null);
    for (const ti of gm.topics) {
      const t = model.topics[ti]!;
      committed[t.name] = Array.from(
        { length: t.partitions },
        (_, p) => g.committed[t.firstGp + p]!,
      );
    }
    groups[gm.id] = {
      generation: g.generation,
      rebalancing: g.rebalancing,
      committed,
      positions: groupPositions(state, gi),
      ...(g.table ? { readModel: readModelView(state, gi) } : {}),
      lag: s.lag,
      lagMax: s.lagMax,
      members: gm.members.map((mi) => memberView(state, mi)),
      processed: s.processed,
      duplicates: s.duplicates,
      lost: s.lost,
      reordered: s.reordered,
      redeliveries: s.redeliveries,
      deadLettered: s.dlq,
      handlerFailures: s.handlerFailures,
      rebalances: s.rebalances,
      ...(gm.readCommitted ? { readCommitted: true as const } : {}),
      abortedRead: s.abortedRead,
      outputDuplicates: s.outputDuplicates,
      missedTombstones: s.missedTombstones,
    };
  });
  const producers: Record<string, ProducerView> = Object.create(null);
  model.producers.forEach((p, i) => (producers[p.id] = { sent: state.producers[i]!.sent }));
  // RabbitMQ's publishers are drawn as producer nodes too.
  model.amqp?.publishers.forEach(
    (p, i) => (producers[p.id] = { sent: state.amqp!.publishers[i]!.sent }),
  );
  // RabbitMQ's counters join Kafka's in the summary bar: one set of numbers for a mixed run.
  const a = summary.amqp;
  const totals: Totals = {
    events,
    produced: summary.produced + (a?.sent ?? 0),
    appended: summary.appended,
    processed: summary.processed + (a?.processed ?? 0),
    duplicates: summary.duplicates + (a?.duplicates ?? 0),
    lost: summary.lost + (a?.lost ?? 0),
    reordered: summary.reordered + (a?.reordered ?? 0),
    deadLettered: summary.dlq + (a?.deadLettered ?? 0),
    rebalances: summary.rebalances,
    lagMax: summary.lagMax,
    logDuplicates: summary.logDuplicates,
    lostAcked: summary.lostAcked,
    reorderedInLog: summary.reorderedInLog,
    abortedRead: summary.abortedRead,
    outputDuplicates: summary.outputDuplicates,
    missedTombstones: summary.missedTombstones,
  };
  const amqp = amqpView(state);
  const eventStore = esView(state);
  return {
    topics,
    groups,
    producers,
    totals,
    ...(amqp ? { amqp } : {}),
    ...(eventStore ? { eventStore } : {}),
  };
}

/** RabbitMQ's live figures: per queue, per consumer member, per exchange. */
function amqpView(state: SimState): AmqpView | null {
  const m = state.model.amqp;
  const a = state.amqp;
  if (!m || !a) return null;
  const queues: AmqpView['queues'] = Object.create(null);
  for (const q of m.spec.queues) {
    const c = amqpQueueCounts(state, q.name);
    if (c) queues[q.name] = c;
  }
  const consumers: AmqpView['consumers'] = Object.create(null);
  for (let j = 0; j < m.members.length; j++) {
    const mm = m.members[j]!;
    const ch = a.broker.channels.get(mm.channel);
    const ms = a.members[j]!;
    consumers[mm.id] = {
      unacked: ch ? ch.unacked.size : 0,
      prefetch: m.consumers[mm.consumer]!.prefetch,
      status: ms.status,
      redelivered: ms.redelivered,
      lastRedelivered: ms.lastRedelivered,
    };
  }
  const exchanges: AmqpView['exchanges'] = Object.create(null);
  for (const x of m.spec.exchanges) {
    const c = amqpExchangeCounts(state, x.name);
    if (c) exchanges[x.name] = c;
  }
  return { queues, consumers, exchanges, bindings: amqpBindingCounts(state) ?? {} };
}

function memberView(state: SimState, mi: number): MemberView {
  const model = state.model;
  const m = state.members[mi]!;
  const byTopic = new Map<string, number[]>();
  for (const gp of [...m.assigned].sort((a, b) => a - b)) {
    const topic = model.topics[model.gpTopic[gp]!]!.name;
    const list = byTopic.get(topic) ?? [];
    list.push(model.gpPartition[gp]!);
    byTopic.set(topic, list);
  }
  return {
    id: model.members[mi]!.id,
    status: m.status,
    assigned: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
  };
}
