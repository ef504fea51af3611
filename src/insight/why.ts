import type { Model } from '../engine';
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import type { ExpiryFact, PauseFact } from './facts';
import { timeParam } from './format';

/**
 * Why the coordinator removed a member, in Kafka's terms: paused past session.timeout.ms (a
 * stop-the-world GC, a frozen VM), silent with no pause on record, or slower than
 * max.poll.interval.ms between polls. `subject` names the member ("consumer c-1" by default).
 */
export function expiryReason(
  model: Model,
  group: string,
  member: string,
  expiry: ExpiryFact,
  pause: PauseFact | null | undefined,
  subject: Msg = msg('explain.subject.consumer', { member }),
): Msg {
  const gm = model.groups[model.groupIndex.get(group) ?? -1];
  if (expiry.reason === 'max.poll.interval.ms') {
    const limit = gm ? msg('explain.limit', { time: timeParam(gm.maxPollIntervalUs) }) : '';
    return msg('explain.why.maxPoll', { subject, limit });
  }
  const session = gm ? msg('explain.limit', { time: timeParam(gm.sessionTimeoutUs) }) : '';
  if (pause) {
    return msg('explain.why.paused', {
      subject,
      at: timeParam(pause.timeUs),
      duration: timeParam(pause.untilUs - pause.timeUs),
      session,
    });
  }
  return msg('explain.why.silent', { subject, at: timeParam(expiry.lastSeenUs), session });
}
