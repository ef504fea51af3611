import { parseTopicPartition, topicPartition } from './common';
import { assignRange } from './range';
import { assignRoundRobin } from './roundrobin';
import { cooperativeAdjust, stickyAssign } from './sticky';
import type { AssignorName, Assignment, MemberSubscription } from './types';

export type { AssignorName, Assignment, MemberSubscription } from './types';
export { topicPartition, parseTopicPartition } from './common';
export { assignRange } from './range';
export { assignRoundRobin } from './roundrobin';
export { stickyAssign, DEFAULT_GENERATION } from './sticky';

/**
 * The group leader's assignment step for `partition.assignment.strategy`, with Kafka's own
 * results: every member id is a key (empty array if it gets nothing); partitions are
 * "topic-partition" strings sorted by topic then partition number. `partitionsPerTopic` may hold
 * topics nobody subscribes to; like Kafka, only subscribed, existing topics are assigned.
 *
 * 'cooperative-sticky' returns what Kafka's CooperativeStickyAssignor returns: the sticky target
 * MINUS partitions that another member still owns (they must be revoked first; the revoking
 * member then rejoins and the next rebalance hands them over). Use `stickyTarget` for the full
 * target and `partitionsToRevoke` for each member's revocations.
 */
export function assignPartitions(
  strategy: AssignorName,
  members: MemberSubscription[],
  partitionsPerTopic: Record<string, number>,
): Assignment {
  switch (strategy) {
    case 'range':
      return assignRange(members, partitionsPerTopic);
    case 'roundrobin':
      return assignRoundRobin(members, partitionsPerTopic);
    case 'sticky':
      return stickyAssign(members, partitionsPerTopic).assignment;
    case 'cooperative-sticky':
      return cooperativeAdjust(stickyAssign(members, partitionsPerTopic));
    default: {
      const never: never = strategy;
      throw new Error(`unknown assignment strategy: ${String(never)}`);
    }
  }
}

/**
 * The balanced, sticky target both sticky strategies aim for (Kafka's StickyAssignor result).
 * For cooperative-sticky this is where the group ends up after the follow-up rebalance.
 */
export function stickyTarget(
  members: MemberSubscription[],
  partitionsPerTopic: Record<string, number>,
): Assignment {
  return stickyAssign(members, partitionsPerTopic).assignment;
}

/**
 * Partitions a member must give up (owned minus target), in the order given by `owned`; the
 * cooperative protocol revokes exactly these, eager revokes everything.
 */
export function partitionsToRevoke(owned: string[], target: string[]): string[] {
  const keep = new Set(target.map(normalize));
  return owned.filter((p) => !keep.has(normalize(p)));
}

function normalize(s: string): string {
  const p = parseTopicPartition(s);
  return topicPartition(p.topic, p.partition);
}
