/**
 * The only code that changes an AmqpState. Each case applies one fact; decide*.ts computed it.
 * Invariants asserted here: a delivered or removed message is the one the event names, delivery
 * tags increase per channel, counts never go negative.
 */
import { assertNever, type AmqpEvent, type MessageRef } from './events';
import { queueConfig, parseExpiration } from './config';
import { canTake } from './consumers';
import {
  consumerKey,
  type AmqpMessage,
  type AmqpQueue,
  type AmqpState,
  type QueuedMessage,
} from './state';
import { tableEquals } from './values';

export function evolveAmqp(s: AmqpState, e: AmqpEvent): AmqpState {
  switch (e.type) {
    case 'amqp.exchangeDeclared':
      s.exchanges.set(e.exchange, {
        name: e.exchange,
        type: e.exchangeType,
        durable: e.durable,
        autoDelete: e.autoDelete,
        internal: e.internal,
        args: e.arguments,
      });
      return s;
    case 'amqp.exchangeDeleted':
      deleteExchange(s, e.exchange);
      return s;
    case 'amqp.queueDeclared':
      s.queues.set(e.queue, {
        name: e.queue,
        type: e.queueType,
        durable: e.durable,
        exclusive: e.exclusive,
        autoDelete: e.autoDelete,
        args: e.arguments,
        cfg: queueConfig(e.queueType, e.arguments, s.profile),
        ready: [],
        returns: [],
        readyBytes: 0,
        nextSeq: 1,
        consumers: [],
        blocked: [],
        unacked: 0,
        hadConsumer: false,
        lastUsedUs: e.timeUs,
      });
      return s;
    case 'amqp.queueUsed':
      mustQueue(s, e.queue).lastUsedUs = e.timeUs;
      return s;
    case 'amqp.queueDeleted':
      deleteQueue(s, e.queue);
      return s;
    case 'amqp.queuePurged': {
      const q = mustQueue(s, e.queue);
      q.ready = [];
      q.returns = [];
      q.readyBytes = 0;
      return s;
    }
    case 'amqp.bound': {
      const list = s.bindings.get(e.binding.source) ?? [];
      if (!list.some((b) => sameBinding(b, e.binding))) list.push(e.binding);
      s.bindings.set(e.binding.source, list);
      return s;
    }
    case 'amqp.unbound':
      removeBindings(s, (b) => sameBinding(b, e.binding));
      return s;
    case 'amqp.channelOpened':
      s.channels.set(e.channel, {
        name: e.channel,
        confirm: e.confirm,
        prefetch: e.prefetch,
        prefetchGlobal: e.prefetchGlobal,
        nextDeliveryTag: 1,
        nextPublishSeq: 1,
        unacked: new Map(),
        consumerUnacked: 0,
        consumerTags: [],
      });
      return s;
    case 'amqp.channelError':
    case 'amqp.connectionError':
    case 'amqp.returned':
    case 'amqp.confirmed':
      return s;
    case 'amqp.channelClosed': {
      const ch = s.channels.get(e.channel);
      if (ch === undefined) return s;
      if (ch.unacked.size > 0)
        throw new Error(`channel ${e.channel} closed with unacked deliveries`);
      for (const tag of ch.consumerTags) removeConsumer(s, e.channel, tag);
      s.channels.delete(e.channel);
      return s;
    }
    case 'amqp.published': {
      if (e.message.id < s.nextMessageId) throw new Error('message ids go back');
      s.nextMessageId = e.message.id + 1;
      s.lastPublishedId = e.message.id;
      if (e.publishSeq !== null) {
        const ch = s.channels.get(e.channel);
        if (ch !== undefined) ch.nextPublishSeq = e.publishSeq + 1;
      }
      for (const name of e.queues) enqueue(mustQueue(s, name), e.message, e.timeUs);
      return s;
    }
    case 'amqp.delivered':
      deliver(s, e);
      return s;
    case 'amqp.consumersBlocked': {
      const q = mustQueue(s, e.queue);
      for (const k of e.consumers) block(q, k);
      return s;
    }
    case 'amqp.getEmpty':
      mustQueue(s, e.queue).lastUsedUs = e.timeUs;
      return s;
    case 'amqp.acked':
      for (const tag of e.deliveryTags) takeUnacked(s, e.channel, tag);
      return s;
    case 'amqp.requeued':
      for (const tag of e.deliveryTags) {
        const u = takeUnacked(s, e.channel, tag);
        const q = s.queues.get(u.queue);
        if (q !== undefined) requeue(q, u.qm, e.cause);
      }
      return s;
    case 'amqp.deadLettered':
      removeRef(s, e.source);
      if (e.message.id < s.nextMessageId) throw new Error('message ids go back');
      s.nextMessageId = e.message.id + 1;
      for (const name of e.queues) enqueue(mustQueue(s, name), e.message, e.timeUs);
      return s;
    case 'amqp.dropped':
      removeRef(s, e.source);
      return s;
    case 'amqp.consumed': {
      const q = mustQueue(s, e.queue);
      const ch = mustChannel(s, e.channel);
      const key = consumerKey(e.channel, e.consumerTag);
      s.consumers.set(key, {
        channel: e.channel,
        tag: e.consumerTag,
        queue: e.queue,
        noAck: e.noAck,
        unacked: 0,
      });
      q.consumers.push(key);
      q.hadConsumer = true;
      q.lastUsedUs = e.timeUs;
      ch.consumerTags.push(e.consumerTag);
      return s;
    }
    case 'amqp.cancelled': {
      const c = s.consumers.get(consumerKey(e.channel, e.consumerTag));
      removeConsumer(s, e.channel, e.consumerTag);
      const q = c === undefined ? undefined : s.queues.get(c.queue);
      if (q !== undefined) q.lastUsedUs = e.timeUs;
      return s;
    }
    case 'amqp.brokerRestarted':
      restart(s, e.timeUs);
      return s;
    default:
      return assertNever(e);
  }
}

function mustQueue(s: AmqpState, name: string): AmqpQueue {
  const q = s.queues.get(name);
  if (q === undefined) throw new Error(`no queue '${name}'`);
  return q;
}

function mustChannel(s: AmqpState, name: string) {
  const ch = s.channels.get(name);
  if (ch === undefined) throw new Error(`no channel '${name}'`);
  return ch;
}

/** When a message entering `q` at `timeUs` expires: the lower of the queue's and its own TTL. */
export function expiryFor(q: AmqpQueue, msg: AmqpMessage, timeUs: number): number | null {
  let ttl = q.cfg.messageTtlMs;
  if (msg.expiration !== undefined) {
    const p = parseExpiration(msg.expiration);
    if ('ms' in p) ttl = ttl === null ? p.ms : Math.min(ttl, p.ms);
  }
  return ttl === null ? null : timeUs + ttl * 1000;
}

function enqueue(q: AmqpQueue, msg: AmqpMessage, timeUs: number): void {
  q.ready.push({
    seq: q.nextSeq++,
    msg,
    enqueuedUs: timeUs,
    expiresAtUs: expiryFor(q, msg, timeUs),
    redelivered: false,
    deliveryCount: 0,
  });
  q.readyBytes += msg.bytes;
}

/** Removes the ready message `seq` from q (returns or ready), asserting it is there. */
function takeReady(q: AmqpQueue, seq: number): QueuedMessage {
  for (const list of [q.returns, q.ready]) {
    const i = list.findIndex((m) => m.seq === seq);
    if (i >= 0) {
      const m = list.splice(i, 1)[0] as QueuedMessage;
      q.readyBytes -= m.msg.bytes;
      return m;
    }
  }
  throw new Error(`queue '${q.name}' has no ready message ${seq}`);
}

function deliver(s: AmqpState, e: Extract<AmqpEvent, { type: 'amqp.delivered' }>): void {
  const q = mustQueue(s, e.queue);
  const ch = mustChannel(s, e.channel);
  const qm = takeReady(q, e.seq);
  if (e.deliveryTag !== ch.nextDeliveryTag) throw new Error('delivery tags must increase by one');
  ch.nextDeliveryTag = e.deliveryTag + 1;
  if (e.consumerTag !== null) {
    const key = consumerKey(e.channel, e.consumerTag);
    const c = s.consumers.get(key);
    if (c === undefined) throw new Error(`no consumer '${e.consumerTag}'`);
    for (const k of e.skipped) block(q, k);
    // Round-robin: the consumer that just got a message goes to the back.
    const i = q.consumers.indexOf(key);
    if (i >= 0) {
      q.consumers.splice(i, 1);
      q.consumers.push(key);
    }
    if (!e.noAck) {
      c.unacked++;
      ch.consumerUnacked++;
    }
  }
  if (!e.noAck) {
    ch.unacked.set(e.deliveryTag, { queue: q.name, qm, consumerTag: e.consumerTag });
    q.unacked++;
  }
}

function block(q: AmqpQueue, key: string): void {
  const i = q.consumers.indexOf(key);
  if (i < 0) throw new Error(`consumer is not in the round-robin of '${q.name}'`);
  q.consumers.splice(i, 1);
  q.blocked.push(key);
}

/** Blocked consumers of the channel that can take a message again rejoin at the tail. */
function unblock(s: AmqpState, channel: string): void {
  const ch = s.channels.get(channel);
  if (ch === undefined) return;
  for (const tag of ch.consumerTags) {
    const key = consumerKey(channel, tag);
    const c = s.consumers.get(key);
    const q = c === undefined ? undefined : s.queues.get(c.queue);
    if (c === undefined || q === undefined) continue;
    const i = q.blocked.indexOf(key);
    if (i >= 0 && canTake(s, c)) {
      q.blocked.splice(i, 1);
      q.consumers.push(key);
    }
  }
}

function takeUnacked(s: AmqpState, channel: string, tag: number) {
  const ch = mustChannel(s, channel);
  const u = ch.unacked.get(tag);
  if (u === undefined) throw new Error(`channel '${channel}' has no delivery tag ${tag}`);
  ch.unacked.delete(tag);
  if (u.consumerTag !== null) {
    ch.consumerUnacked--;
    const c = s.consumers.get(consumerKey(channel, u.consumerTag));
    if (c !== undefined) c.unacked--;
  }
  const q = s.queues.get(u.queue);
  if (q !== undefined) q.unacked--;
  if (u.consumerTag !== null) unblock(s, channel);
  return u;
}

function removeRef(s: AmqpState, ref: MessageRef): void {
  if (ref.kind === 'ready') takeReady(mustQueue(s, ref.queue), ref.seq);
  else if (ref.kind === 'unacked') takeUnacked(s, ref.channel, ref.deliveryTag);
}

/**
 * A message comes back. Classic queues put it back at its original position (by seq) with
 * redelivered set. Quorum queues (rabbit_fifo, v3.10.25 and v4.0.1) count the return in its
 * delivery count; a nack/reject requeue on a queue WITHOUT a delivery limit is appended to the
 * back (handle_aux turns the #return{} into #requeue{} commands), otherwise — a delivery limit
 * set, or the channel closed (return_all) — it goes to the `returns` queue, served first.
 */
function requeue(
  q: AmqpQueue,
  qm: QueuedMessage,
  cause: 'nack' | 'reject' | 'channelClosed',
): void {
  q.readyBytes += qm.msg.bytes;
  if (q.type === 'classic') {
    const m = { ...qm, redelivered: true };
    let lo = 0;
    let hi = q.ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((q.ready[mid] as QueuedMessage).seq < m.seq) lo = mid + 1;
      else hi = mid;
    }
    q.ready.splice(lo, 0, m);
    return;
  }
  const m = { ...qm, redelivered: true, deliveryCount: qm.deliveryCount + 1 };
  if (cause !== 'channelClosed' && q.cfg.deliveryLimit === null) {
    q.ready.push({ ...m, seq: q.nextSeq++ });
  } else {
    q.returns.push(m);
  }
}

function sameBinding(
  a: {
    source: string;
    destination: string;
    destinationType: string;
    routingKey: string;
    args: object;
  },
  b: typeof a,
): boolean {
  return (
    a.source === b.source &&
    a.destination === b.destination &&
    a.destinationType === b.destinationType &&
    a.routingKey === b.routingKey &&
    tableEquals(a.args as never, b.args as never)
  );
}

/** Removes matching bindings; an auto-delete exchange that lost its last binding goes too. */
function removeBindings(s: AmqpState, match: (b: import('./state').AmqpBinding) => boolean): void {
  const emptied: string[] = [];
  for (const [source, list] of [...s.bindings]) {
    const kept = list.filter((b) => !match(b));
    if (kept.length === list.length) continue;
    if (kept.length === 0) {
      s.bindings.delete(source);
      emptied.push(source);
    } else s.bindings.set(source, kept);
  }
  for (const name of emptied) {
    const x = s.exchanges.get(name);
    if (x !== undefined && x.autoDelete) deleteExchange(s, name);
  }
}

function deleteExchange(s: AmqpState, name: string): void {
  if (!s.exchanges.delete(name)) return;
  s.bindings.delete(name);
  removeBindings(s, (b) => b.destinationType === 'exchange' && b.destination === name);
}

function deleteQueue(s: AmqpState, name: string): void {
  const q = s.queues.get(name);
  if (q === undefined) return;
  for (const key of [...q.consumers, ...q.blocked]) {
    const c = s.consumers.get(key);
    if (c !== undefined) removeConsumer(s, c.channel, c.tag);
  }
  s.queues.delete(name);
  removeBindings(s, (b) => b.destinationType === 'queue' && b.destination === name);
}

function removeConsumer(s: AmqpState, channel: string, tag: string): void {
  const key = consumerKey(channel, tag);
  const c = s.consumers.get(key);
  if (c === undefined) return;
  s.consumers.delete(key);
  const q = s.queues.get(c.queue);
  if (q !== undefined) {
    q.consumers = q.consumers.filter((k) => k !== key);
    q.blocked = q.blocked.filter((k) => k !== key);
  }
  const ch = s.channels.get(channel);
  if (ch !== undefined) ch.consumerTags = ch.consumerTags.filter((t) => t !== tag);
}

/**
 * A broker restart, after every channel closed: non-durable and exclusive queues are gone, and
 * so are non-durable exchanges and the bindings that involve them; durable classic queues keep
 * their persistent messages only (quorum queues keep all: they log every message).
 */
function restart(s: AmqpState, timeUs: number): void {
  if (s.channels.size > 0) throw new Error('restart with open channels');
  for (const q of [...s.queues.values()]) {
    if (!q.durable || q.exclusive) {
      deleteQueue(s, q.name);
      continue;
    }
    if (q.type === 'classic') {
      q.ready = q.ready.filter((m) => m.msg.persistent);
      q.returns = [];
      q.readyBytes = q.ready.reduce((n, m) => n + m.msg.bytes, 0);
    }
    q.lastUsedUs = timeUs;
  }
  for (const x of [...s.exchanges.values()]) if (!x.durable) deleteExchange(s, x.name);
}
