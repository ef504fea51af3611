/** What the canvas, the summary and the anomaly views read of RabbitMQ's part of a state. */
import type { SimState } from '../../kafka/state';
import { queueCounts } from '../state';
import type { AmqpCounters } from './state';

/** A queue's Ready / Unacked / consumers, as RabbitMQ's management UI shows them. */
export function amqpQueueCounts(
  s: SimState,
  queue: string,
): { ready: number; unacked: number; consumers: number } | null {
  if (!s.amqp) return null;
  return queueCounts(s.amqp.broker, queue);
}

/** A consumer's unacked deliveries (over its members' channels) against its prefetch. */
export function amqpConsumerCounts(
  s: SimState,
  consumerId: string,
): { unacked: number; prefetch: number; members: number; up: number } | null {
  const m = s.model.amqp;
  if (!s.amqp || !m) return null;
  const ci = m.consumerIndex.get(consumerId);
  if (ci === undefined) return null;
  const c = m.consumers[ci]!;
  let unacked = 0;
  let up = 0;
  for (const j of c.members) {
    const ch = s.amqp.broker.channels.get(m.members[j]!.channel);
    if (ch) unacked += ch.unacked.size;
    if (s.amqp.members[j]!.status === 'up') up++;
  }
  return { unacked, prefetch: c.prefetch, members: c.members.length, up };
}

/** An exchange's routed and unroutable message counts. */
export function amqpExchangeCounts(
  s: SimState,
  exchange: string,
): { routed: number; unroutable: number } | null {
  if (!s.amqp) return null;
  const st = s.amqp.exchangeStats.get(exchange);
  return st
    ? { ...st }
    : s.amqp.broker.exchanges.has(exchange)
      ? { routed: 0, unroutable: 0 }
      : null;
}

/** Messages routed through each binding so far, by `bindingKey` (only bindings that routed). */
export function amqpBindingCounts(s: SimState): Record<string, number> | null {
  if (!s.amqp) return null;
  const out: Record<string, number> = Object.create(null); // names are user text
  for (const [k, n] of s.amqp.bindingStats) out[k] = n;
  return out;
}

/** RabbitMQ's summary counters, or null when the run has no RabbitMQ. */
export function amqpSummary(s: SimState): AmqpCounters | null {
  return s.amqp ? { ...s.amqp.counters } : null;
}
