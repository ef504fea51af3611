import type { Model } from '../engine';
import type { ExpiryFact, PauseFact } from './facts';
import { formatMs } from './format';

/**
 * Why the coordinator removed a member, in Kafka's terms: paused past session.timeout.ms (a
 * stop-the-world GC, a frozen VM), silent with no pause on record, or slower than
 * max.poll.interval.ms between polls.
 */
export function expiryReason(
  model: Model,
  group: string,
  member: string,
  expiry: ExpiryFact,
  pause: PauseFact | null | undefined,
  subject = `consumer ${member}`,
): string {
  const gm = model.groups[model.groupIndex.get(group) ?? -1];
  if (expiry.reason === 'max.poll.interval.ms') {
    const limit = gm ? ` (${formatMs(gm.maxPollIntervalUs)})` : '';
    return `${subject} went longer than max.poll.interval.ms${limit} without polling`;
  }
  const session = gm ? ` (${formatMs(gm.sessionTimeoutUs)})` : '';
  if (pause) {
    return `${subject} was paused at ${formatMs(pause.timeUs)} for ${formatMs(pause.untilUs - pause.timeUs)}, longer than session.timeout.ms${session}`;
  }
  return `${subject} sent no heartbeat after ${formatMs(expiry.lastSeenUs)} for session.timeout.ms${session}`;
}
