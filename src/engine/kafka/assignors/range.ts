import {
  compareMemberInfo,
  sortedAssignment,
  subscribedPartitionsPerTopic,
  topicPartition,
} from './common';
import type { Assignment, MemberSubscription } from './types';

/**
 * Kafka's `RangeAssignor` (partition.assignment.strategy=range).
 *
 * Per topic: partitions in numeric order, the consumers subscribed to that topic sorted by
 * `MemberInfo` order (static members by group.instance.id first, then member.id); each consumer
 * gets `n / k` consecutive partitions and the first `n % k` consumers one extra.
 *
 * Rack-aware range assignment (KIP-881, used only when both client.rack and replica racks are
 * known) is not modelled: EventFlow has no racks, and without racks Kafka takes exactly this path.
 */
export function assignRange(
  members: readonly MemberSubscription[],
  partitionsPerTopic: Readonly<Record<string, number>>,
): Assignment {
  const assignment: Assignment = Object.create(null);
  for (const m of members) assignment[m.id] = [];
  const topics = subscribedPartitionsPerTopic(members, partitionsPerTopic);

  for (const [topic, numPartitions] of topics) {
    const consumers = members.filter((m) => m.topics.includes(topic)).sort(compareMemberInfo);
    if (consumers.length === 0 || numPartitions === 0) continue;
    const perConsumer = Math.floor(numPartitions / consumers.length);
    const withExtra = numPartitions % consumers.length;
    consumers.forEach((c, i) => {
      const start = perConsumer * i + Math.min(i, withExtra);
      const length = perConsumer + (i < withExtra ? 1 : 0);
      const list = assignment[c.id] ?? (assignment[c.id] = []);
      for (let p = start; p < start + length; p++) list.push(topicPartition(topic, p));
    });
  }
  return sortedAssignment(assignment);
}
