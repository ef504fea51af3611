import { parseTopicPartition, topicPartition } from './common';
import { compareJavaStrings, JavaHashSet, topicPartitionHash } from './javaOrder';
import type { StickyInput, TP } from './sticky';
import type { Assignment } from './types';

/**
 * Kafka's `AbstractStickyAssignor.GeneralAssignmentBuilder` (used when subscriptions differ),
 * ported without the rack-aware branches. Steps: keep owned partitions the member is still
 * subscribed to; give each unassigned partition (topics with fewest potential consumers first) to
 * the least-loaded subscribed member; then move partitions from members with 2+ more than a
 * subscribed peer, preferring a partition's previous-generation owner and undoing earlier moves
 * (`PartitionMovements`) so partitions do not ping-pong; revert if the balance score got no better.
 *
 * Deviations (defensive, for inputs Kafka would NPE on or mis-assign): a previous owner is only
 * preferred if it is still a participating member subscribed to the topic.
 */
export function generalAssign(input: StickyInput): Assignment {
  const { order, members, partitionsPerTopic, maxGeneration } = input;

  const topicConsumers = new Map<string, string[]>();
  for (const t of partitionsPerTopic.keys()) topicConsumers.set(t, []);
  const consumerTopics = new Map<string, string[]>();
  for (const id of order) {
    const topics = (members.get(id)?.topics ?? []).filter((t) => partitionsPerTopic.has(t));
    consumerTopics.set(id, topics);
    for (const t of topics) topicConsumers.get(t)?.push(id);
  }
  const subscribed = (c: string, topic: string): boolean =>
    consumerTopics.get(c)?.includes(topic) ?? false;

  let current = new Map<string, TP[]>();
  for (const id of order) current.set(id, [...(input.owned.get(id) ?? [])]);
  let partitionConsumer = new Map<string, string>();
  for (const [id, list] of current) for (const p of list) partitionConsumer.set(p.key, id);

  // TopicComparator: fewer potential consumers first, then name.
  const sortedTopics = [...partitionsPerTopic.keys()].sort(
    (a, b) =>
      (topicConsumers.get(a)?.length ?? 0) - (topicConsumers.get(b)?.length ?? 0) ||
      compareJavaStrings(a, b),
  );
  let sortedAllPartitions: TP[] = [];
  for (const t of sortedTopics) {
    const n = partitionsPerTopic.get(t) ?? 0;
    for (let i = 0; i < n; i++)
      sortedAllPartitions.push({ topic: t, partition: i, key: `${t}-${i}` });
  }
  const size = (c: string): number => current.get(c)?.length ?? 0;

  // sortedCurrentSubscriptions: TreeSet ordered by (assignment size, member id).
  const sorted: string[] = [];
  const cmp = (a: string, b: string): number => size(a) - size(b) || compareJavaStrings(a, b);
  const sortedRemove = (c: string): void => {
    const i = sorted.indexOf(c);
    if (i >= 0) sorted.splice(i, 1);
  };
  const sortedAdd = (c: string): void => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(sorted[mid] ?? '', c) < 0) lo = mid + 1;
      else hi = mid;
    }
    sorted.splice(lo, 0, c);
  };

  // prepopulateCurrentAssignments(): owner from the highest generation below maxGeneration.
  const prev = new Map<string, { consumer: string; generation: number }>();
  for (const id of order) {
    const m = members.get(id);
    if (!m) continue;
    const gen = m.generation;
    let useGen: number | undefined;
    if (gen !== undefined && gen < maxGeneration) useGen = gen;
    else if (gen === undefined && maxGeneration > -1) useGen = -1;
    if (useGen === undefined) continue;
    for (const s of new Set(m.owned ?? [])) {
      const { topic, partition } = parseTopicPartition(s);
      const key = topicPartition(topic, partition);
      const existing = prev.get(key);
      if (!existing || useGen > existing.generation)
        prev.set(key, { consumer: id, generation: useGen });
    }
  }

  // assignOwnedPartitions(): drop partitions of topics the member no longer subscribes to.
  let revocationRequired = false;
  const assignedKeys = new Set<string>();
  for (const [id, list] of current) {
    for (let i = list.length - 1; i >= 0; i--) {
      const p = list[i];
      if (!p) continue;
      if (!subscribed(id, p.topic)) {
        list.splice(i, 1);
        revocationRequired = true;
      } else {
        assignedKeys.add(p.key);
      }
    }
  }
  let unassigned = sortedAllPartitions.filter((p) => !assignedKeys.has(p.key));
  for (const id of current.keys()) sortedAdd(id);

  // --- balance()
  const last = sorted[sorted.length - 1];
  const initializing = last === undefined || size(last) === 0;
  for (const p of unassigned) {
    if ((topicConsumers.get(p.topic)?.length ?? 0) === 0) continue;
    const c = sorted.find((id) => subscribed(id, p.topic)); // maybeAssignPartition
    if (c === undefined) continue;
    sortedRemove(c);
    current.get(c)?.push(p);
    partitionConsumer.set(p.key, c);
    sortedAdd(c);
  }

  const canTopicMove = (t: string): boolean => (topicConsumers.get(t)?.length ?? 0) >= 2;
  const maxSize = (c: string): number =>
    (consumerTopics.get(c) ?? []).reduce((s, t) => s + (partitionsPerTopic.get(t) ?? 0), 0);
  sortedAllPartitions = sortedAllPartitions.filter((p) => canTopicMove(p.topic));
  unassigned = unassigned.filter((p) => canTopicMove(p.topic));

  const fixed = new Map<string, TP[]>();
  for (const c of consumerTopics.keys()) {
    const list = current.get(c) ?? [];
    const canMove = list.length < maxSize(c) || list.some((p) => canTopicMove(p.topic));
    if (!canMove) {
      sortedRemove(c);
      fixed.set(c, list);
      current.delete(c);
    }
  }

  const preBalance = deepCopy(current);
  const prePartitionConsumer = new Map(partitionConsumer);
  const movements = new PartitionMovements();

  const isBalanced = (): boolean => {
    const first = sorted[0];
    const lastC = sorted[sorted.length - 1];
    if (first === undefined || lastC === undefined) return true;
    if (size(first) >= size(lastC) - 1) return true;
    const owner = new Map<string, string>();
    for (const [id, list] of current) for (const p of list) owner.set(p.key, id);
    for (const c of sorted) {
      const count = size(c);
      if (count === maxSize(c)) continue;
      const mine = new Set((current.get(c) ?? []).map((p) => p.key));
      for (const t of consumerTopics.get(c) ?? []) {
        const n = partitionsPerTopic.get(t) ?? 0;
        for (let i = 0; i < n; i++) {
          const key = `${t}-${i}`;
          if (mine.has(key)) continue;
          const other = owner.get(key);
          if (other !== undefined && count + 1 < size(other)) return false;
        }
      }
    }
    return true;
  };

  const processMovement = (p: TP, newConsumer: string): void => {
    const old = partitionConsumer.get(p.key);
    if (old === undefined) return;
    sortedRemove(old);
    sortedRemove(newConsumer);
    movements.move(p, old, newConsumer);
    const oldList = current.get(old) ?? [];
    const i = oldList.findIndex((x) => x.key === p.key);
    if (i >= 0) oldList.splice(i, 1);
    current.get(newConsumer)?.push(p);
    partitionConsumer.set(p.key, newConsumer);
    sortedAdd(newConsumer);
    sortedAdd(old);
  };
  const reassignTo = (p: TP, newConsumer: string): void => {
    const consumer = partitionConsumer.get(p.key);
    if (consumer === undefined) return;
    processMovement(movements.actualPartitionToMove(p, consumer, newConsumer), newConsumer);
  };

  const performReassignments = (partitions: TP[]): boolean => {
    let performed = false;
    let modified: boolean;
    do {
      modified = false;
      for (const p of partitions) {
        if (isBalanced()) break;
        const consumer = partitionConsumer.get(p.key);
        if (consumer === undefined) continue;
        const pr = prev.get(p.key);
        if (
          pr &&
          current.has(pr.consumer) &&
          subscribed(pr.consumer, p.topic) &&
          size(consumer) > size(pr.consumer) + 1
        ) {
          reassignTo(p, pr.consumer);
          performed = modified = true;
          continue;
        }
        for (const other of topicConsumers.get(p.topic) ?? []) {
          if (current.has(other) && size(consumer) > size(other) + 1) {
            const target = sorted.find((id) => subscribed(id, p.topic));
            if (target !== undefined) reassignTo(p, target);
            performed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return performed;
  };

  if (!revocationRequired) performReassignments(unassigned);
  const performed = performReassignments(sortedAllPartitions);
  if (!initializing && performed && balanceScore(current) >= balanceScore(preBalance)) {
    current = deepCopy(preBalance);
    partitionConsumer = prePartitionConsumer;
  }
  for (const [c, list] of fixed) current.set(c, list);

  const out: Assignment = Object.create(null);
  for (const id of order) out[id] = (current.get(id) ?? []).map((p) => p.key);
  return out;
}

function deepCopy(m: Map<string, TP[]>): Map<string, TP[]> {
  return new Map([...m].map(([k, v]) => [k, [...v]]));
}

/** Sum over member pairs of |size difference|; 0 is perfectly balanced. */
function balanceScore(m: Map<string, TP[]>): number {
  const sizes = [...m.values()].map((l) => l.length);
  let score = 0;
  for (let i = 0; i < sizes.length; i++)
    for (let j = i + 1; j < sizes.length; j++) score += Math.abs((sizes[i] ?? 0) - (sizes[j] ?? 0));
  return score;
}

/**
 * Kafka's `PartitionMovements`: remembers src->dst moves per topic so that moving a partition
 * of topic T from B back to A moves one that came from A earlier (keeps stickiness). The set's
 * `iterator().next()` follows Java HashSet order (javaOrder.ts).
 */
class PartitionMovements {
  private readonly byTopic = new Map<string, Map<string, JavaHashSet<string>>>();
  private readonly moves = new Map<string, { src: string; dst: string }>();
  private readonly tps = new Map<string, TP>();

  actualPartitionToMove(p: TP, oldConsumer: string, newConsumer: string): TP {
    const topicMoves = this.byTopic.get(p.topic);
    if (!topicMoves) return p;
    const m = this.moves.get(p.key);
    const src = m ? m.src : oldConsumer;
    const first = topicMoves.get(pairKey(newConsumer, src))?.first();
    return (first === undefined ? undefined : this.tps.get(first)) ?? p;
  }

  move(p: TP, oldConsumer: string, newConsumer: string): void {
    const existing = this.moves.get(p.key);
    if (existing) {
      this.removeRecord(p, existing);
      if (existing.src !== newConsumer) this.addRecord(p, { src: existing.src, dst: newConsumer });
    } else {
      this.addRecord(p, { src: oldConsumer, dst: newConsumer });
    }
  }

  private removeRecord(p: TP, pair: { src: string; dst: string }): void {
    this.moves.delete(p.key);
    const topicMoves = this.byTopic.get(p.topic);
    const k = pairKey(pair.src, pair.dst);
    const set = topicMoves?.get(k);
    if (!topicMoves || !set) return;
    set.delete(p.key);
    if (set.size === 0) topicMoves.delete(k);
    if (topicMoves.size === 0) this.byTopic.delete(p.topic);
  }

  private addRecord(p: TP, pair: { src: string; dst: string }): void {
    this.moves.set(p.key, pair);
    this.tps.set(p.key, p);
    let topicMoves = this.byTopic.get(p.topic);
    if (!topicMoves) this.byTopic.set(p.topic, (topicMoves = new Map()));
    const k = pairKey(pair.src, pair.dst);
    let set = topicMoves.get(k);
    if (!set) {
      set = new JavaHashSet<string>((key) => {
        const t = this.tps.get(key);
        return t ? topicPartitionHash(t.topic, t.partition) : 0;
      });
      topicMoves.set(k, set);
    }
    set.add(p.key);
  }
}

function pairKey(src: string, dst: string): string {
  return JSON.stringify([src, dst]);
}
