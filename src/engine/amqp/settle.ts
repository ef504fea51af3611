/**
 * Acknowledgements and channel ends: basic.ack / nack / reject, channel close (unacked
 * deliveries come back), connection errors and a broker restart.
 */
import { deadLetter } from './deadLetter';
import type { AmqpEvent } from './events';
import { consumerCount, readyCount, type AmqpState } from './state';
import { Tx } from './tx';

/** rabbit_channel:collect_acks: the tags a settle covers, or null (unknown delivery tag). */
export function collectTags(
  s: AmqpState,
  channel: string,
  tag: number,
  multiple: boolean,
): number[] | null {
  const ch = s.channels.get(channel);
  if (ch === undefined) return null;
  const all = [...ch.unacked.keys()].sort((a, b) => a - b);
  if (multiple && tag === 0) return all;
  if (!ch.unacked.has(tag)) return null;
  return multiple ? all.filter((t) => t <= tag) : [tag];
}

/** The broker closes `channel` with an error: 406/404/403 … as RabbitMQ words it. */
export function failChannel(tx: Tx, channel: string, code: number, text: string): void {
  tx.emit({ type: 'amqp.channelError', channel, code, text });
  closeChannel(tx, channel);
}

/**
 * Requeue deliveries; a quorum queue dead-letters (reason delivery_limit) a message whose
 * delivery count would pass its x-delivery-limit (rabbit_fifo return_one: count > limit).
 */
export function requeueTags(
  tx: Tx,
  channel: string,
  tags: number[],
  cause: 'nack' | 'reject' | 'channelClosed',
): void {
  const back: number[] = [];
  for (const tag of tags) {
    const u = tx.s.channels.get(channel)?.unacked.get(tag);
    if (u === undefined) continue;
    const q = tx.s.queues.get(u.queue);
    const limit = q?.type === 'quorum' ? q.cfg.deliveryLimit : null;
    if (limit !== null && u.qm.deliveryCount + 1 > limit) {
      const qm = { ...u.qm, deliveryCount: u.qm.deliveryCount + 1 };
      deadLetter(tx, { kind: 'unacked', channel, deliveryTag: tag }, u.queue, 'delivery_limit', qm);
    } else back.push(tag);
  }
  if (back.length > 0) tx.emit({ type: 'amqp.requeued', channel, deliveryTags: back, cause });
}

/** Unacked deliveries back to their queues, consumers gone, then the channel. */
export function closeChannel(tx: Tx, channel: string): void {
  const ch = tx.s.channels.get(channel);
  if (ch === undefined) return;
  requeueTags(
    tx,
    channel,
    [...ch.unacked.keys()].sort((a, b) => a - b),
    'channelClosed',
  );
  for (const tag of ch.consumerTags.slice()) cancelConsumer(tx, channel, tag, false);
  tx.emit({ type: 'amqp.channelClosed', channel });
}

/** basic.cancel; an auto-delete queue goes with its last consumer. Unacked deliveries stay. */
export function cancelConsumer(tx: Tx, channel: string, tag: string, byBroker: boolean): void {
  const c = tx.s.consumers.get(`${channel}\u0000${tag}`);
  if (c === undefined) return;
  tx.emit({ type: 'amqp.cancelled', channel, consumerTag: tag, byBroker, timeUs: tx.timeUs });
  const q = tx.s.queues.get(c.queue);
  if (q !== undefined && q.autoDelete && q.hadConsumer && consumerCount(q) === 0) {
    tx.emit({
      type: 'amqp.queueDeleted',
      queue: q.name,
      reason: 'autoDelete',
      messages: readyCount(q),
    });
  }
}

/** The broker closes the (script's one) connection: its channels, then its exclusive queues. */
export function failConnection(tx: Tx, code: number, text: string): void {
  tx.emit({ type: 'amqp.connectionError', code, text });
  for (const name of [...tx.s.channels.keys()]) closeChannel(tx, name);
  for (const q of [...tx.s.queues.values()]) {
    if (q.exclusive)
      tx.emit({
        type: 'amqp.queueDeleted',
        queue: q.name,
        reason: 'ownerGone',
        messages: readyCount(q),
      });
  }
}

export function decideAck(
  s: AmqpState,
  channel: string,
  deliveryTag: number,
  multiple: boolean,
  timeUs: number,
): AmqpEvent[] {
  const tx = new Tx(s, timeUs);
  if (!s.channels.has(channel)) return [];
  const tags = collectTags(s, channel, deliveryTag, multiple);
  if (tags === null)
    failChannel(tx, channel, 406, `PRECONDITION_FAILED - unknown delivery tag ${deliveryTag}`);
  else if (tags.length > 0) tx.emit({ type: 'amqp.acked', channel, deliveryTags: tags });
  return tx.events;
}

/** basic.nack / basic.reject: requeue, or dead-letter (reason rejected) / drop. */
export function decideNack(
  s: AmqpState,
  channel: string,
  deliveryTag: number,
  multiple: boolean,
  requeue: boolean,
  timeUs: number,
  kind: 'nack' | 'reject' = 'nack',
): AmqpEvent[] {
  const tx = new Tx(s, timeUs);
  if (!s.channels.has(channel)) return [];
  const tags = collectTags(s, channel, deliveryTag, multiple);
  if (tags === null) {
    failChannel(tx, channel, 406, `PRECONDITION_FAILED - unknown delivery tag ${deliveryTag}`);
    return tx.events;
  }
  if (requeue) requeueTags(tx, channel, tags, kind);
  else {
    for (const tag of tags) {
      const u = tx.s.channels.get(channel)?.unacked.get(tag);
      if (u !== undefined)
        deadLetter(tx, { kind: 'unacked', channel, deliveryTag: tag }, u.queue, 'rejected', u.qm);
    }
  }
  return tx.events;
}

export function decideReject(
  s: AmqpState,
  channel: string,
  deliveryTag: number,
  requeue: boolean,
  timeUs: number,
): AmqpEvent[] {
  return decideNack(s, channel, deliveryTag, false, requeue, timeUs, 'reject');
}

/** The client closes a channel (or a consumer's process dies with it). */
export function decideChannelClose(s: AmqpState, channel: string, timeUs: number): AmqpEvent[] {
  const tx = new Tx(s, timeUs);
  closeChannel(tx, channel);
  return tx.events;
}

export function decideCancel(
  s: AmqpState,
  channel: string,
  consumerTag: string,
  timeUs: number,
): AmqpEvent[] {
  const tx = new Tx(s, timeUs);
  cancelConsumer(tx, channel, consumerTag, false);
  return tx.events;
}

/**
 * A broker restart: every channel closes (unacked deliveries requeued first), then transient messages and non-durable queues and exchanges go.
 */
export function decideRestart(s: AmqpState, timeUs: number): AmqpEvent[] {
  const tx = new Tx(s, timeUs);
  // The client sees its connection closed (320 CONNECTION_FORCED) and reconnects: no error of
  // its own making, so no channelError/connectionError event; the channels simply end.
  for (const name of [...tx.s.channels.keys()]) closeChannel(tx, name);
  let lost = 0;
  for (const q of tx.s.queues.values()) {
    if (!q.durable || q.exclusive) lost += readyCount(q);
    else if (q.type === 'classic') {
      lost +=
        q.ready.filter((m) => !m.msg.persistent).length +
        q.returns.filter((m) => !m.msg.persistent).length;
    }
  }
  tx.emit({ type: 'amqp.brokerRestarted', lostMessages: lost, timeUs });
  return tx.events;
}
