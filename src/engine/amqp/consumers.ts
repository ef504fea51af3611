import type { AmqpConsumer, AmqpQueue, AmqpState } from './state';

/**
 * Can the consumer take one more message now? no-ack consumers always can; others stay under
 * their channel's per-consumer prefetch and under its global prefetch (unacked deliveries to
 * the channel's consumers). 0 means unlimited (basic.qos).
 */
export function canTake(s: AmqpState, c: AmqpConsumer): boolean {
  if (c.noAck) return true;
  const ch = s.channels.get(c.channel);
  if (ch === undefined) return false;
  if (ch.prefetch > 0 && c.unacked >= ch.prefetch) return false;
  if (ch.prefetchGlobal > 0 && ch.consumerUnacked >= ch.prefetchGlobal) return false;
  return true;
}

/**
 * The consumer the queue's next message goes to: the first in round-robin order that can take
 * one (a consumer that got a message moves to the back, see evolve's deliver), skipping those
 * at their prefetch limit (rabbit_queue_consumers). Null when none can.
 */
export function nextConsumer(s: AmqpState, q: AmqpQueue): AmqpConsumer | null {
  for (const key of q.consumers) {
    const c = s.consumers.get(key);
    if (c !== undefined && canTake(s, c)) return c;
  }
  return null;
}

export function consumerAvailable(s: AmqpState, q: AmqpQueue): boolean {
  return nextConsumer(s, q) !== null;
}
