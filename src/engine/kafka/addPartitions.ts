import type { GroupMetadataChanged, PartitionsAdded, SimEvent } from './events';
import type { FaultModel, Model, ProducerModel } from './model';
import { partitionForKey } from './murmur2';
import type { SimState } from './state';

/**
 * Adding partitions to a live topic (`kafka-topics.sh --alter --partitions N`,
 * Admin.createPartitions; issue 12). Kafka 3.x behaviour followed:
 * - the broker refuses a count not above the current one (InvalidPartitionsException; the
 *   scenario validator refuses it, parseCluster.ts checkAddPartitions);
 * - clients learn of the new partitions only with a metadata refresh, every
 *   `metadata.max.age.ms` (default 300000; KAFKA-20030 lists this delay among the things to
 *   know before adding partitions): a producer keeps partitioning by the old count until then,
 *   and its keyed records go to `toPositive(murmur2(key)) % count` for the count it knows
 *   (BuiltInPartitioner.partitionForKey), so keys whose hash modulo changes move;
 * - a consumer group's leader, on a metadata refresh showing a subscribed topic's partition
 *   count changed, rejoins the group (ConsumerCoordinator.rejoinNeededOrPending: the metadata
 *   snapshot no longer matches the assignment snapshot → requestRejoin), so the group
 *   rebalances and the new partitions get assigned.
 *
 * Design: the model reserves every partition a topic will ever have (its final count) and the
 * live count is state (`SimState.livePartitions`), set by `partitionsAdded`. A scenario without
 * addPartitions compiles to exactly the model it had before: no views, no notices, the same
 * actors and the same event log.
 */

/** A producer's partition count and key → partition table from `seenUs` on. */
export interface ProducerView {
  seenUs: number;
  count: number;
  keyPartitions: Int32Array;
}

/** When a group's leader notices a topic's new partition count (the fault actor acts then). */
export interface PartitionNotice {
  atUs: number;
  group: number;
  topic: number;
  partitions: number;
}

/** One addPartitions action, in time order: from `atUs` on the topic has `count` partitions. */
export interface PartitionStep {
  atUs: number;
  topic: number;
  count: number;
}

/** Kafka's metadata.max.age.ms default (producer and consumer). */
export const METADATA_MAX_AGE_MS = 300_000;

/**
 * The first metadata refresh at or after `atUs` of a client that fetched metadata first at
 * `startUs` and every `ageUs` after.
 */
export function seenAtUs(atUs: number, startUs: number, ageUs: number): number {
  if (atUs <= startUs) return startUs;
  return startUs + Math.ceil((atUs - startUs) / ageUs) * ageUs;
}

/** The partition count a client sees at `t` (refreshing from `startUs` every `ageUs`). */
export function countSeen(
  steps: readonly PartitionStep[],
  topic: number,
  initial: number,
  startUs: number,
  ageUs: number,
  t: number,
): number {
  let n = initial;
  for (const st of steps)
    if (st.topic === topic && seenAtUs(st.atUs, startUs, ageUs) <= t) n = st.count;
  return n;
}

/** The steps of the scenario's addPartitions actions (faults are sorted by time already). */
export function partitionSteps(faults: readonly FaultModel[]): PartitionStep[] {
  const out: PartitionStep[] = [];
  for (const f of faults)
    if (f.kind === 'addPartitions') out.push({ atUs: f.atUs, topic: f.topic, count: f.count });
  return out;
}

/** A producer's views, one per step on its topic; null when its topic never grows. */
export function producerViews(pm: ProducerModel, steps: readonly PartitionStep[]) {
  const own = steps.filter((st) => st.topic === pm.topic);
  if (own.length === 0) return null;
  return own.map((st): ProducerView => ({
    seenUs: seenAtUs(st.atUs, pm.startUs, pm.metadataMaxAgeUs),
    count: st.count,
    keyPartitions: Int32Array.from(pm.keyNames, (k) => partitionForKey(k, st.count)),
  }));
}

/** The notices of every subscribing group, in time order (ties: action order, then group). */
export function partitionNotices(model: Model, steps: readonly PartitionStep[]): PartitionNotice[] {
  const out: PartitionNotice[] = [];
  for (const st of steps)
    for (const gi of model.topics[st.topic]!.subscribers) {
      const gm = model.groups[gi]!;
      out.push({
        atUs: seenAtUs(st.atUs, 0, gm.metadataMaxAgeUs),
        group: gi,
        topic: st.topic,
        partitions: st.count,
      });
    }
  return out
    .map((n, i) => ({ n, i }))
    .sort((a, b) => a.n.atUs - b.n.atUs || a.i - b.i)
    .map(({ n }) => n);
}

/** The count and key table a producer partitions by at `t` (its last metadata refresh). */
export function producerCount(pm: ProducerModel, initial: number, t: number) {
  let count = initial;
  let keyPartitions = pm.keyPartitions;
  for (const v of pm.views!)
    if (v.seenUs <= t) {
      count = v.count;
      keyPartitions = v.keyPartitions;
    }
  return { count, keyPartitions };
}

/** The fault actor's addPartitions action: the topic grows now. */
export function addPartitionsStep(
  s: SimState,
  t: number,
  f: FaultModel,
  fault: number,
): SimEvent[] {
  const tm = s.model.topics[f.topic]!;
  const from = s.livePartitions[f.topic]!;
  const moved = movedKeys(s.model, f.topic, from, f.count);
  const e: PartitionsAdded = {
    type: 'partitionsAdded',
    timeUs: t,
    topic: tm.name,
    from,
    to: f.count,
    fault,
    moved: moved.slice(0, MOVED_KEYS_SHOWN),
    movedCount: moved.length,
  };
  return [e];
}

/** How many moved keys a partitionsAdded event names. */
export const MOVED_KEYS_SHOWN = 50;

/**
 * The keys sent to the topic whose partition changes from `from` to `to` partitions: its
 * producers' keys, or every key of the run when a service emits to it with the same key.
 */
export function movedKeys(model: Model, topic: number, from: number, to: number): string[] {
  const serviced = model.groups.some((g) =>
    [...g.handlers.values()].some((list) => list.some((e) => e.topic === topic && e.sameKey)),
  );
  const keys = serviced
    ? model.keys
    : [
        ...new Set(
          model.producers
            .filter((p) => p.topic === topic && p.sendKey && p.partition === null)
            .flatMap((p) => p.keyNames),
        ),
      ];
  return keys.filter((k) => partitionForKey(k, from) !== partitionForKey(k, to));
}

/** Whether the fault actor acts now for a notice (faults come first at equal times). */
export function noticeDue(s: SimState, t: number): boolean {
  const n = s.model.partitionNotices[s.noticeCursor];
  if (!n || n.atUs > t) return false;
  const f = s.model.faults[s.faultCursor];
  return !f || f.atUs > t;
}

/**
 * A group's leader refreshed its metadata and saw the topic's new partition count: it rejoins,
 * so the group rebalances (unless one is under way: its assignment will include them).
 */
export function noticeStep(s: SimState, t: number): SimEvent[] {
  const n = s.model.partitionNotices[s.noticeCursor]!;
  const gm = s.model.groups[n.group]!;
  const g = s.groups[n.group]!;
  const topic = s.model.topics[n.topic]!.name;
  const rebalance = !g.rebalancing && g.members.length > 0;
  const e: GroupMetadataChanged = {
    type: 'groupMetadataChanged',
    timeUs: t,
    group: gm.id,
    topic,
    partitions: n.partitions,
    rebalance,
  };
  const out: SimEvent[] = [e];
  if (rebalance)
    out.push({
      type: 'rebalanceStarted',
      timeUs: t,
      group: gm.id,
      generation: g.generation,
      reason: `topic ${topic} now has ${n.partitions} partitions (the leader's metadata refresh)`,
    });
  return out;
}

/** When the fault actor next acts: the next fault or the next notice. */
export function faultWakeUs(s: SimState): number {
  const f = s.model.faults[s.faultCursor]?.atUs ?? Number.POSITIVE_INFINITY;
  const n = s.model.partitionNotices[s.noticeCursor]?.atUs ?? Number.POSITIVE_INFINITY;
  return Math.min(f, n);
}
