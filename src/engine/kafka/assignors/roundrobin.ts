import { compareJavaStrings } from './javaOrder';
import {
  compareMemberInfo,
  sortedAssignment,
  subscribedPartitionsPerTopic,
  topicPartition,
} from './common';
import type { Assignment, MemberSubscription } from './types';

/**
 * Kafka's `RoundRobinAssignor` (partition.assignment.strategy=roundrobin).
 *
 * All partitions of all subscribed topics, topics sorted by name (Java `TreeSet<String>`),
 * partitions in numeric order, dealt out by a circular iterator over the members sorted in
 * `MemberInfo` order. Before each hand-out the iterator skips members not subscribed to the
 * partition's topic (`while (!subscribed(assigner.peek())) assigner.next()`), then the chosen
 * member receives it and the iterator advances past it. With unequal subscriptions this can be
 * unbalanced; that is Kafka's behaviour too.
 */
export function assignRoundRobin(
  members: readonly MemberSubscription[],
  partitionsPerTopic: Readonly<Record<string, number>>,
): Assignment {
  const assignment: Assignment = Object.create(null);
  for (const m of members) assignment[m.id] = [];
  const sorted = [...members].sort(compareMemberInfo);
  const subs = sorted.map((m) => new Set(m.topics));
  const topics = [...subscribedPartitionsPerTopic(members, partitionsPerTopic).keys()].sort(
    compareJavaStrings,
  );

  let cursor = 0; // CircularIterator position
  for (const topic of topics) {
    const n = partitionsPerTopic[topic] ?? 0;
    for (let p = 0; p < n; p++) {
      // Some member subscribes to `topic` (topics come from subscriptions), so this terminates.
      while (!subs[cursor]?.has(topic)) cursor = (cursor + 1) % sorted.length;
      const member = sorted[cursor];
      if (member) assignment[member.id]?.push(topicPartition(topic, p));
      cursor = (cursor + 1) % sorted.length;
    }
  }
  return sortedAssignment(assignment);
}
