import {
  parseTopicPartition,
  sortedAssignment,
  subscribedPartitionsPerTopic,
  topicPartition,
} from './common';
import { compareJavaStrings, javaHashMapOrder } from './javaOrder';
import { generalAssign } from './stickyGeneral';
import type { Assignment, MemberSubscription } from './types';

/** Kafka `AbstractStickyAssignor.DEFAULT_GENERATION`. */
export const DEFAULT_GENERATION = -1;

/** A partition with its "topic-partition" key (the key is what maps and sets hold). */
export interface TP {
  topic: string;
  partition: number;
  key: string;
}

/** What both sticky builders (constrained and general) receive. */
export interface StickyInput {
  /** Member ids in Java HashMap iteration order (see javaOrder.ts). */
  order: string[];
  members: Map<string, MemberSubscription>;
  /** Subscribed topics that exist -> partition count. */
  partitionsPerTopic: Map<string, number>;
  /** Each member's valid, still-subscribed, de-conflicted owned partitions (Kafka's currentAssignment). */
  owned: Map<string, TP[]>;
  maxGeneration: number;
}

export interface StickyResult {
  /** The sticky target assignment (what Kafka's StickyAssignor returns), sorted. */
  assignment: Assignment;
  /**
   * partition key -> new owner for partitions that another member still owns and must revoke
   * first; exactly Kafka's `partitionsTransferringOwnership` (computed the way
   * CooperativeStickyAssignor does when the general path leaves it null).
   */
  transferring: Map<string, string>;
}

export function tp(topic: string, partition: number): TP {
  return { topic, partition, key: topicPartition(topic, partition) };
}

/**
 * Kafka's `AbstractStickyAssignor.assignPartitions` without racks: resolves owned partitions
 * (highest generation wins; equal-generation double claims are invalidated for everyone), then runs
 * the constrained builder when all subscriptions are equal, else the general builder.
 */
export function stickyAssign(
  membersIn: readonly MemberSubscription[],
  partitionsPerTopicIn: Readonly<Record<string, number>>,
): StickyResult {
  const members = new Map<string, MemberSubscription>();
  for (const m of membersIn) members.set(m.id, { ...m, topics: [...new Set(m.topics)] });
  const partitionsPerTopic = subscribedPartitionsPerTopic(membersIn, partitionsPerTopicIn);
  const order = javaHashMapOrder([...members.keys()]);

  // --- allSubscriptionsEqual(): owned-partition resolution, in subscriptions' HashMap order.
  const owned = new Map<string, TP[]>();
  const multiOwned = new Set<string>();
  const ownerOf = new Map<string, string>();
  let maxGeneration = DEFAULT_GENERATION;
  for (const id of order) {
    const m = members.get(id);
    if (!m) continue;
    const gen = m.generation ?? DEFAULT_GENERATION;
    maxGeneration = Math.max(maxGeneration, gen);
    const mine: TP[] = [];
    owned.set(id, mine);
    for (const s of new Set(m.owned ?? [])) {
      const { topic, partition } = parseTopicPartition(s);
      const n = partitionsPerTopic.get(topic);
      // Kafka only checks the topic; also dropping out-of-range partitions is our guard for
      // simulated topic re-creation (Kafka topics never shrink).
      if (n === undefined || partition >= n) continue;
      const p = tp(topic, partition);
      const other = ownerOf.get(p.key);
      if (other === undefined) {
        mine.push(p);
        ownerOf.set(p.key, id);
        continue;
      }
      const otherGen = members.get(other)?.generation ?? DEFAULT_GENERATION;
      if (gen === otherGen) {
        multiOwned.add(p.key); // same generation: nobody keeps it
        removeTp(owned.get(other), p.key);
        ownerOf.set(p.key, id);
      } else if (gen > otherGen) {
        mine.push(p);
        removeTp(owned.get(other), p.key);
        ownerOf.set(p.key, id);
      } // else: the other member (higher generation) keeps it
    }
  }

  const input: StickyInput = { order, members, partitionsPerTopic, owned, maxGeneration };
  if (members.size === 0) return { assignment: Object.create(null), transferring: new Map() };
  if (allSubscriptionsEqual([...members.values()])) {
    const { assignment, transferring } = constrainedAssign(input, multiOwned);
    return { assignment: sortedAssignment(assignment), transferring };
  }
  const assignment = generalAssign(input);
  return {
    assignment: sortedAssignment(assignment),
    transferring: computeTransferring(membersIn, assignment),
  };
}

function removeTp(list: TP[] | undefined, key: string): void {
  if (!list) return;
  const i = list.findIndex((p) => p.key === key);
  if (i >= 0) list.splice(i, 1);
}

/**
 * Strict set equality of all subscriptions. (Kafka re-seeds its reference set whenever it is
 * empty, so a member subscribed to nothing that happens to come first in HashMap order is
 * treated as "equal" and then handed partitions it did not subscribe to; we do not copy that.)
 */
function allSubscriptionsEqual(members: MemberSubscription[]): boolean {
  const first = members[0];
  if (!first) return true;
  const ref = new Set(first.topics);
  return members.every((m) => m.topics.length === ref.size && m.topics.every((t) => ref.has(t)));
}

/**
 * Kafka's `ConstrainedAssignmentBuilder` (all members subscribe to the same topics), step by step:
 * keep owned partitions up to minQuota/maxQuota (at most `total % members` members may keep
 * maxQuota), then deal the rest round-robin to members sorted by id, under-minQuota members first.
 */
function constrainedAssign(
  input: StickyInput,
  multiOwned: Set<string>,
): { assignment: Assignment; transferring: Map<string, string> } {
  const { order, owned, partitionsPerTopic } = input;
  let total = 0;
  for (const n of partitionsPerTopic.values()) total += n;
  const numConsumers = order.length;
  const minQuota = Math.floor(total / numConsumers);
  const maxQuota = Math.ceil(total / numConsumers);
  const expectedOver = total % numConsumers;
  let currentOver = 0;

  const assignment = new Map<string, TP[]>(order.map((id) => [id, []]));
  const transferring = new Map<string, string>();
  const revoked = new Set<string>();
  const assigned = new Set<string>();
  let under: string[] = [];
  let exactlyMin: string[] = [];

  // assignOwnedPartitions(), iterating currentAssignment in HashMap order.
  for (const id of order) {
    const mine = (owned.get(id) ?? [])
      .filter((p) => !multiOwned.has(p.key))
      .sort((a, b) => a.partition - b.partition || compareJavaStrings(a.topic, b.topic));
    const target = assignment.get(id) ?? [];
    const keep = (n: number): void => {
      for (const p of mine.slice(0, n)) {
        target.push(p);
        assigned.add(p.key);
      }
      for (const p of mine.slice(n)) revoked.add(p.key);
    };
    if (mine.length < minQuota) {
      keep(mine.length);
      under.push(id);
    } else if (mine.length >= maxQuota && currentOver < expectedOver) {
      currentOver++;
      if (currentOver === expectedOver) exactlyMin = [];
      keep(maxQuota);
    } else {
      keep(minQuota);
      if (currentOver < expectedOver) exactlyMin.push(id);
    }
  }

  const unassigned: TP[] = [];
  for (const topic of [...partitionsPerTopic.keys()].sort(compareJavaStrings)) {
    const n = partitionsPerTopic.get(topic) ?? 0;
    for (let i = 0; i < n; i++) {
      const p = tp(topic, i);
      if (!assigned.has(p.key)) unassigned.push(p);
    }
  }
  under = under.sort(compareJavaStrings);
  exactlyMin = exactlyMin.sort(compareJavaStrings);

  // assignRoundRobin(): a Java Iterator over `under` that supports remove().
  let next = 0;
  for (const p of unassigned) {
    let consumer: string | undefined;
    let fromIterator = true;
    if (next < under.length) {
      consumer = under[next++];
    } else if (under.length === 0 && exactlyMin.length === 0) {
      throw new Error('sticky: no more unfilled consumers to be assigned (assignor bug)');
    } else if (under.length === 0) {
      consumer = exactlyMin.shift();
      fromIterator = false;
    } else {
      next = 0;
      consumer = under[next++];
    }
    if (consumer === undefined) throw new Error('sticky: unfilled consumer missing (assignor bug)');
    const list = assignment.get(consumer) ?? [];
    list.push(p);
    if (revoked.has(p.key) || multiOwned.has(p.key)) transferring.set(p.key, consumer);
    if (list.length === minQuota) {
      if (fromIterator) under.splice(--next, 1);
      exactlyMin.push(consumer);
    } else if (list.length === maxQuota) {
      currentOver++;
    }
  }

  // verifyUnfilledMembers()
  if (under.length > 0) {
    if (currentOver !== expectedOver)
      throw new Error('sticky: maxQuota members missing (assignor bug)');
    for (const id of under) {
      if ((assignment.get(id) ?? []).length !== minQuota) {
        throw new Error(`sticky: ${id} below minQuota (assignor bug)`);
      }
    }
  }

  const out: Assignment = Object.create(null);
  for (const [id, list] of assignment) out[id] = list.map((p) => p.key);
  return { assignment: out, transferring };
}

/**
 * `CooperativeStickyAssignor.computePartitionsTransferringOwnership`: partitions newly assigned to
 * a member that some member reported owning and no longer gets.
 */
function computeTransferring(
  members: readonly MemberSubscription[],
  assignment: Assignment,
): Map<string, string> {
  const added = new Map<string, string>();
  const revoked = new Set<string>();
  for (const m of members) {
    const ownedSet = new Set(
      (m.owned ?? []).map((s) => {
        const p = parseTopicPartition(s);
        return topicPartition(p.topic, p.partition);
      }),
    );
    const assignedList = assignment[m.id] ?? [];
    const assignedSet = new Set(assignedList);
    for (const p of assignedList) if (!ownedSet.has(p)) added.set(p, m.id);
    for (const p of ownedSet) if (!assignedSet.has(p)) revoked.add(p);
  }
  for (const p of [...added.keys()]) if (!revoked.has(p)) added.delete(p);
  return added;
}

/**
 * `CooperativeStickyAssignor.assign`: the sticky target minus partitions still owned by another
 * member (they are revoked first; a follow-up rebalance hands them over).
 */
export function cooperativeAdjust(result: StickyResult): Assignment {
  const out: Assignment = Object.create(null);
  for (const id of Object.keys(result.assignment)) {
    out[id] = (result.assignment[id] ?? []).filter((p) => result.transferring.get(p) !== id);
  }
  return out;
}
