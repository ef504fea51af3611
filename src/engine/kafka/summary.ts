import type { AmqpCounters } from '../amqp/system/state';
import type { EsCounters } from '../esdb/system/state';
import type { StreamCounters } from '../stream/system/state';
import type { SagaCounters } from '../saga/state';
import { lastStableOffset, type SimState } from './state';

export interface GroupSummary {
  group: string;
  processed: number;
  duplicates: number;
  redeliveries: number;
  duplicateSideEffects: number;
  dedupAbsorbed: number;
  reordered: number;
  lost: number;
  pending: number;
  /** The largest lag over partitions with a committed offset; null (unknown) when none has one. */
  lagMax: number | null;
  /** Σ lag over partitions with a committed offset; null (unknown) when none has one. */
  lag: number | null;
  rebalances: number;
  generation: number;
  rejectedCommits: number;
  dlq: number;
  handlerFailures: number;
  /** read_uncommitted: records of aborted transactions the group processed. */
  abortedRead: number;
  /** Runs with transactions: a second output of the same input, processed (see GroupState). */
  outputDuplicates: number;
  /** Compacted topics: deletes (tombstones) the cleaner removed before the group read them. */
  missedTombstones: number;
}

/**
 * What a run amounts to, as the CLI and tests read it. Definitions (per group, then summed):
 * - duplicates: records a group processed more than once (each counted once per group);
 * - reordered: per-key processing-order violations within a group (the key is the record key,
 *   or for a null-keyed record the payload's key field);
 * - lost: records from the group's start offset on (see below) that the group will never
 *   process: skipped past by a commit (at-most-once) or by a later auto.offset.reset=latest,
 *   committed past with no live owner left to process them, or acknowledged and then truncated
 *   away before it processed them;
 * - pending: records from the group's start offset on that it has yet to process;
 * - start offset: where the group started reading a partition, the position its first owner
 *   was given (0 with auto.offset.reset=earliest, the log end with latest). Records below it
 *   were never the group's to read. A partition no member has held yet starts at 0 with
 *   earliest; with latest it will start at the log end, so none of its records count;
 * - lag: log-end offset (high watermark; read_committed: the last stable offset, as Kafka's
 *   consumer measures it) − committed offset, for a partition with a committed offset; unknown (null, printed "-") without one, as kafka-consumer-groups --describe shows.
 *   lagMax is the largest known lag, null when no partition of the group has a committed offset.
 */
export interface Summary {
  timeUs: number;
  produced: number;
  appended: number;
  processed: number;
  duplicates: number;
  redeliveries: number;
  duplicateSideEffects: number;
  dedupAbsorbed: number;
  reordered: number;
  lost: number;
  pending: number;
  /** The largest known lag over groups and partitions; null when no lag is known. */
  lagMax: number | null;
  rebalances: number;
  rejectedCommits: number;
  dlq: number;
  /** Records of aborted transactions processed by read_uncommitted groups. */
  abortedRead: number;
  /** Runs with transactions: outputs processed twice downstream (the same input's). */
  outputDuplicates: number;
  /** Compacted topics: tombstones removed before a group that held their key read them. */
  missedTombstones: number;
  /** Records the producers had acknowledged (acks=0: sent). */
  acknowledged: number;
  /** The same producer record appended more than once (retries without idempotence). */
  logDuplicates: number;
  /** Acknowledged to the producer, then gone from the log (truncated) or never in it. */
  lostAcked: number;
  /** Per producer and key, records appended in an order different from their send order. */
  reorderedInLog: number;
  /** Records a producer gave up on (retries or delivery.timeout.ms exhausted). */
  failedSends: number;
  events: number;
  logHash: string;
  groups: GroupSummary[];
  /** RabbitMQ's counters, when the scenario has RabbitMQ (amqp/system/state.ts). */
  amqp?: AmqpCounters;
  /** The event store's counters, when the scenario has one (esdb/system/state.ts). */
  eventStore?: EsCounters;
  /** Stream processing's counters, when the scenario has stream jobs (stream/system/state.ts). */
  streams?: StreamCounters;
  /** Per saga orchestrator, its counters (saga/state.ts), when the scenario has sagas. */
  sagas?: { saga: string; counters: SagaCounters }[];
}

export function summarize(s: SimState, events: number, logHash: string): Summary {
  const groups = s.model.groups.map((gm, gi): GroupSummary => {
    const g = s.groups[gi]!;
    let lost = g.skipped;
    let pending = 0;
    let lag: number | null = null;
    let lagMax: number | null = null;
    for (const gp of gm.gps) {
      const leo = s.hw[gp]!;
      const committed = g.committed[gp]!;
      if (committed >= 0) {
        const end = gm.readCommitted ? lastStableOffset(s, gp) : leo;
        lag = (lag ?? 0) + Math.max(0, end - committed);
        lagMax = Math.max(lagMax ?? 0, end - committed);
      }
      // Not started yet with latest: the group will start at the log end.
      if (g.startOffset[gp]! < 0 && gm.resetLatest) continue;
      const done = g.processedEnd[gp]!;
      let stranded = 0;
      if (committed > done && !heldByLiveMember(s, gm.members, gp)) stranded = committed - done;
      lost += stranded;
      pending += Math.max(0, leo - done - stranded);
    }
    return {
      group: gm.id,
      processed: g.processed,
      duplicates: g.duplicates,
      redeliveries: g.redeliveries,
      duplicateSideEffects: g.duplicateSideEffects,
      dedupAbsorbed: g.dedupAbsorbed,
      reordered: g.reordered,
      lost,
      pending,
      lagMax,
      lag,
      rebalances: g.rebalances,
      generation: g.generation,
      rejectedCommits: g.rejectedCommits,
      dlq: g.deadLettered,
      handlerFailures: g.handlerFailures,
      abortedRead: g.abortedRead,
      outputDuplicates: g.outputDuplicates,
      missedTombstones: g.missedTombstones,
    };
  });
  const sum = (k: keyof GroupSummary) => groups.reduce((a, g) => a + (g[k] as number), 0);
  return {
    timeUs: s.timeUs,
    produced: s.produced,
    appended: s.appended,
    processed: sum('processed'),
    duplicates: sum('duplicates'),
    redeliveries: sum('redeliveries'),
    duplicateSideEffects: sum('duplicateSideEffects'),
    dedupAbsorbed: sum('dedupAbsorbed'),
    reordered: sum('reordered'),
    lost: sum('lost'),
    pending: sum('pending'),
    lagMax: groups.reduce<number | null>(
      (a, g) => (g.lagMax === null ? a : Math.max(a ?? 0, g.lagMax)),
      null,
    ),
    rebalances: sum('rebalances'),
    rejectedCommits: sum('rejectedCommits'),
    dlq: sum('dlq'),
    abortedRead: sum('abortedRead'),
    outputDuplicates: sum('outputDuplicates'),
    missedTombstones: sum('missedTombstones'),
    acknowledged: s.model.cluster.detailed
      ? s.cluster.acknowledged
      : s.appended - servicesAppended(s),
    logDuplicates: s.cluster.logDuplicates,
    lostAcked: s.cluster.lostAcked,
    reorderedInLog: s.cluster.reorderedInLog,
    failedSends: s.cluster.failedSends,
    events,
    logHash,
    groups,
    ...(s.amqp ? { amqp: { ...s.amqp.counters } } : {}),
    ...(s.eventStore ? { eventStore: { ...s.eventStore.counters } } : {}),
    ...(s.streams ? { streams: { ...s.streams.counters } } : {}),
    ...(s.sagas
      ? {
          sagas: s.sagas.defs.map((d, i) => ({
            saga: s.model.sagas!.defs[i]!.id,
            counters: { ...d.counters },
          })),
        }
      : {}),
  };
}

function heldByLiveMember(s: SimState, members: number[], gp: number): boolean {
  return members.some((mi) => {
    const m = s.members[mi]!;
    return m.status !== 'crashed' && m.status !== 'stopped' && m.assigned.includes(gp);
  });
}

/** On the direct path every producer record is acknowledged as it is appended. */
function servicesAppended(s: SimState): number {
  let n = 0;
  for (const p of s.producers) n += p.sent;
  return s.appended - n;
}
