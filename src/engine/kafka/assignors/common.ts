import { compareJavaStrings } from './javaOrder';
import type { Assignment, MemberSubscription } from './types';

/** "topic-partition" string, Kafka's `TopicPartition.toString()` format (e.g. "orders-3"). */
export function topicPartition(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/**
 * Inverse of `topicPartition`. Splits at the LAST '-' because topic names may contain '-'
 * (Kafka's own tests parse owned partitions the same way). Throws on malformed input.
 */
export function parseTopicPartition(s: string): { topic: string; partition: number } {
  const i = s.lastIndexOf('-');
  const num = s.slice(i + 1);
  if (i <= 0 || !/^\d+$/.test(num)) throw new Error(`not a topic-partition: ${JSON.stringify(s)}`);
  return { topic: s.slice(0, i), partition: Number(num) };
}

/**
 * Kafka `AbstractPartitionAssignor.MemberInfo#compareTo`: static members (with group.instance.id)
 * sort first, by instance id; then dynamic members by member.id. Java String order (UTF-16 units).
 */
export function compareMemberInfo(a: MemberSubscription, b: MemberSubscription): number {
  const ai = a.groupInstanceId;
  const bi = b.groupInstanceId;
  if (ai !== undefined && bi !== undefined) return compareJavaStrings(ai, bi);
  if (ai !== undefined) return -1;
  if (bi !== undefined) return 1;
  return compareJavaStrings(a.id, b.id);
}

/** Order "topic-partition" pairs by topic (Java string order) then partition number. */
export function compareTopicPartition(
  a: { topic: string; partition: number },
  b: { topic: string; partition: number },
): number {
  return compareJavaStrings(a.topic, b.topic) || a.partition - b.partition;
}

/** Sort each member's partitions by topic then partition; returns a fresh object. */
export function sortedAssignment(assignment: Assignment): Assignment {
  const out: Assignment = Object.create(null);
  for (const id of Object.keys(assignment)) {
    out[id] = (assignment[id] ?? [])
      .map(parseTopicPartition)
      .sort(compareTopicPartition)
      .map((p) => topicPartition(p.topic, p.partition));
  }
  return out;
}

/**
 * Kafka hands assignors only the subscribed topics that exist in metadata
 * (`AbstractPartitionAssignor.assign(Cluster, GroupSubscription)`); mirror that so callers may pass
 * the whole cluster's topic map. Also validates counts.
 */
export function subscribedPartitionsPerTopic(
  members: readonly MemberSubscription[],
  partitionsPerTopic: Readonly<Record<string, number>>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of members) {
    for (const t of m.topics) {
      if (out.has(t) || !Object.prototype.hasOwnProperty.call(partitionsPerTopic, t)) continue;
      const n = partitionsPerTopic[t];
      if (n === undefined || !Number.isInteger(n) || n < 0) {
        throw new RangeError(`partition count for ${t} must be a non-negative integer, got ${n}`);
      }
      out.set(t, n);
    }
  }
  return out;
}
