/**
 * Pushing messages to consumers, basic.get, and expiry.
 * TTL (https://www.rabbitmq.com/docs/ttl, rabbit_amqqueue_process:drop_expired_msgs, 3.10):
 * only the head is checked — an expired message behind a live one stays (and is counted in
 * messages_ready) until it reaches the head; the queue re-checks when the head's TTL runs out
 * and whenever it delivers. A message whose TTL has run out at the instant it is published
 * (x-message-ttl 0) still goes to a consumer that is waiting for it (deliver_or_enqueue tries
 * consumers before enqueueing).
 */
import { canTake, nextConsumer } from './consumers';
import { deadLetter } from './deadLetter';
import type { AmqpEvent } from './events';
import {
  consumerCount,
  queueHead,
  readyCount,
  type AmqpChannel,
  type AmqpConsumer,
  type AmqpQueue,
  type AmqpState,
  type QueuedMessage,
} from './state';
import { Tx } from './tx';

/** Must the head go now (expired), rather than be delivered? */
function headExpired(s: AmqpState, q: AmqpQueue, head: QueuedMessage, nowUs: number): boolean {
  if (head.expiresAtUs === null || head.expiresAtUs > nowUs) return false;
  const handOver =
    head.expiresAtUs === head.enqueuedUs &&
    head.enqueuedUs === nowUs &&
    head.msg.id === s.lastPublishedId &&
    !head.redelivered &&
    nextConsumer(s, q) !== null;
  return !handOver;
}

/**
 * The next thing the broker does for its consumers at `nowUs`: a delivery to the first consumer
 * in round-robin order that can take one — those tried before it and found at their prefetch
 * limit become blocked (`skipped`) — or, when every consumer is at its limit, the fact that
 * they are blocked. Null when nothing can happen.
 */
export function decideDispatch(s: AmqpState, nowUs: number): AmqpEvent | null {
  for (const q of s.queues.values()) {
    if (q.consumers.length === 0) continue;
    const head = queueHead(q);
    if (head === undefined || headExpired(s, q, head, nowUs)) continue;
    const skipped: string[] = [];
    let chosen: AmqpConsumer | null = null;
    for (const key of q.consumers) {
      const c = s.consumers.get(key);
      if (c !== undefined && s.channels.has(c.channel) && canTake(s, c)) {
        chosen = c;
        break;
      }
      skipped.push(key);
    }
    if (chosen === null)
      return { type: 'amqp.consumersBlocked', queue: q.name, consumers: skipped };
    const ch = s.channels.get(chosen.channel) as AmqpChannel;
    return {
      type: 'amqp.delivered',
      queue: q.name,
      seq: head.seq,
      channel: chosen.channel,
      consumerTag: chosen.tag,
      deliveryTag: ch.nextDeliveryTag,
      noAck: chosen.noAck,
      redelivered: head.redelivered,
      deliveryCount: head.deliveryCount,
      message: head.msg,
      messageCount: null,
      skipped,
    };
  }
  return null;
}

function expireHeads(tx: Tx, name: string): void {
  for (;;) {
    const q = tx.s.queues.get(name);
    if (q === undefined || tx.full) return;
    const head = queueHead(q);
    if (head === undefined || !headExpired(tx.s, q, head, tx.timeUs)) return;
    deadLetter(tx, { kind: 'ready', queue: name, seq: head.seq }, name, 'expired', head);
  }
}

/** x-expires: an unused queue (no consumers, no basic.get, no redeclare) is deleted. */
function queueExpiresAt(q: AmqpQueue): number | null {
  if (q.cfg.expiresMs === null || consumerCount(q) > 0) return null;
  return q.lastUsedUs + q.cfg.expiresMs * 1000;
}

/** Expired heads dead-lettered or dropped, expired queues deleted, at `nowUs`. */
export function decideExpiry(s: AmqpState, nowUs: number): AmqpEvent[] {
  const tx = new Tx(s, nowUs);
  for (const name of [...s.queues.keys()]) {
    expireHeads(tx, name);
    const q = tx.s.queues.get(name);
    const at = q === undefined ? null : queueExpiresAt(q);
    if (q !== undefined && at !== null && at <= nowUs) {
      tx.emit({
        type: 'amqp.queueDeleted',
        queue: name,
        reason: 'expired',
        messages: readyCount(q),
      });
    }
  }
  return tx.events;
}

/** When something is next due: a head's TTL or a queue's x-expires. Null: nothing is. */
export function nextDueUs(s: AmqpState): number | null {
  let due: number | null = null;
  for (const q of s.queues.values()) {
    const head = queueHead(q);
    if (head !== undefined && head.expiresAtUs !== null)
      due = due === null ? head.expiresAtUs : Math.min(due, head.expiresAtUs);
    const at = queueExpiresAt(q);
    if (at !== null) due = due === null ? at : Math.min(due, at);
  }
  return due;
}

/**
 * basic.get: expired heads go first (rabbit_amqqueue_process basic_get → drop_expired_msgs),
 * and message_count leaves out the expired ones the fetch uncovers (fetch/2 drops them before
 * the reply: the real 3.10.8 broker answered 0 with one expired message left behind the head).
 */
export function getFromQueue(tx: Tx, channel: string, queue: string, noAck: boolean): void {
  expireHeads(tx, queue);
  const q = tx.s.queues.get(queue);
  const ch = tx.s.channels.get(channel);
  if (q === undefined || ch === undefined) return;
  tx.emit({ type: 'amqp.queueUsed', queue, timeUs: tx.timeUs });
  const head = queueHead(q);
  if (head === undefined) {
    tx.emit({ type: 'amqp.getEmpty', channel, queue, timeUs: tx.timeUs });
    return;
  }
  tx.emit({
    type: 'amqp.delivered',
    queue,
    seq: head.seq,
    channel,
    consumerTag: null,
    deliveryTag: ch.nextDeliveryTag,
    noAck,
    redelivered: head.redelivered,
    deliveryCount: head.deliveryCount,
    message: head.msg,
    messageCount: readyCount(q) - 1 - expiredBehind(q, tx.timeUs),
    skipped: [],
  });
  // fetch/2 drops the expired messages that the get brought to the head, before it replies.
  expireHeads(tx, queue);
}

/** Expired messages right behind the head (they go as soon as the head is fetched). */
function expiredBehind(q: AmqpQueue, nowUs: number): number {
  const rest = [...q.returns, ...q.ready].slice(1);
  let n = 0;
  for (const m of rest) {
    if (m.expiresAtUs === null || m.expiresAtUs > nowUs) break;
    n++;
  }
  return n;
}
