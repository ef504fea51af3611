/**
 * The broker's state: plain data in Maps keyed by name (names are user text: '__proto__' is a
 * legal queue name). Only evolve.ts changes it. Messages (`AmqpMessage`, `QueuedMessage`) are
 * immutable and shared between clones; a change replaces the object.
 */
import type { AmqpProfile, AmqpTable, ExchangeType } from './script';

/** Opaque data a simulator attaches to a message (event ids, lineage): passed unchanged. */
export type AmqpMeta = Record<string, string | number | boolean | null>;

export interface AmqpMessage {
  /** Unique per message the broker creates (a publish, a dead-lettered copy). */
  readonly id: number;
  readonly exchange: string;
  readonly routingKey: string;
  readonly body: string;
  /** UTF-8 length of the body (x-max-length-bytes counts it). */
  readonly bytes: number;
  readonly headers?: AmqpTable;
  /** Per-message TTL (AMQP `expiration`, milliseconds as a string). */
  readonly expiration?: string;
  readonly persistent: boolean;
  readonly meta?: AmqpMeta;
}

/** A message in one queue. */
export interface QueuedMessage {
  /** Order of arrival in this queue: a classic queue requeues a message back at its seq. */
  readonly seq: number;
  readonly msg: AmqpMessage;
  /** When it entered the queue (first time). */
  readonly enqueuedUs: number;
  /** When it expires (the lower of x-message-ttl and the message's expiration), or null. */
  readonly expiresAtUs: number | null;
  readonly redelivered: boolean;
  /** Quorum queues: how often it came back (x-delivery-count). */
  readonly deliveryCount: number;
}

export type QueueType = 'classic' | 'quorum';
export type Overflow = 'drop-head' | 'reject-publish' | 'reject-publish-dlx';

export interface QueueConfig {
  maxLength: number | null;
  maxLengthBytes: number | null;
  overflow: Overflow;
  messageTtlMs: number | null;
  expiresMs: number | null;
  deadLetterExchange: string | null;
  deadLetterRoutingKey: string | null;
  /** Effective delivery limit (quorum queues; the profile's default applied), or null. */
  deliveryLimit: number | null;
}

export interface AmqpQueue {
  name: string;
  type: QueueType;
  durable: boolean;
  exclusive: boolean;
  autoDelete: boolean;
  args: AmqpTable;
  cfg: QueueConfig;
  /** Ready messages in delivery order (classic: by seq). */
  ready: QueuedMessage[];
  /** Quorum queues: returned messages, delivered before `ready` (rabbit_fifo's `returns`). */
  returns: QueuedMessage[];
  readyBytes: number;
  nextSeq: number;
  /** Consumer keys in round-robin order: the next delivery goes to the first that can take it. */
  consumers: string[];
  /**
   * Consumers found at their prefetch limit when a delivery was attempted: out of the
   * round-robin until they can take a message again, then back at its tail
   * (rabbit_queue_consumers: blocked consumers, unblock).
   */
  blocked: string[];
  /** Unacknowledged deliveries of this queue's messages. */
  unacked: number;
  hadConsumer: boolean;
  /** Last declare, basic.get or consumer change (x-expires counts from here). */
  lastUsedUs: number;
}

export interface AmqpExchange {
  name: string;
  type: ExchangeType;
  durable: boolean;
  autoDelete: boolean;
  internal: boolean;
  args: AmqpTable;
}

export interface AmqpBinding {
  source: string;
  destination: string;
  destinationType: 'queue' | 'exchange';
  routingKey: string;
  args: AmqpTable;
}

export interface AmqpConsumer {
  channel: string;
  tag: string;
  queue: string;
  noAck: boolean;
  /** Unacked deliveries to this consumer (prefetch counts them). */
  unacked: number;
}

export interface Unacked {
  queue: string;
  qm: QueuedMessage;
  /** null: from basic.get. */
  consumerTag: string | null;
}

export interface AmqpChannel {
  name: string;
  confirm: boolean;
  /** basic.qos prefetch_count per consumer; 0 = unlimited. */
  prefetch: number;
  /** basic.qos global prefetch_count, shared by the channel's consumers; 0 = unlimited. */
  prefetchGlobal: number;
  nextDeliveryTag: number;
  nextPublishSeq: number;
  unacked: Map<number, Unacked>;
  /** Unacked deliveries to the channel's consumers (global prefetch counts them). */
  consumerUnacked: number;
  consumerTags: string[];
}

export interface AmqpState {
  profile: AmqpProfile;
  exchanges: Map<string, AmqpExchange>;
  /** Bindings by source exchange, in creation order. */
  bindings: Map<string, AmqpBinding[]>;
  queues: Map<string, AmqpQueue>;
  channels: Map<string, AmqpChannel>;
  consumers: Map<string, AmqpConsumer>;
  nextMessageId: number;
  /** The last published message: a consumer waiting on an empty queue gets it even with TTL 0. */
  lastPublishedId: number;
}

export const consumerKey = (channel: string, tag: string): string => `${channel}\u0000${tag}`;

/** The exchanges every vhost has (amq.rabbitmq.trace left out: internal, for tracing only). */
export const BUILTIN_EXCHANGES: ReadonlyArray<[string, ExchangeType]> = [
  ['', 'direct'],
  ['amq.direct', 'direct'],
  ['amq.fanout', 'fanout'],
  ['amq.topic', 'topic'],
  ['amq.headers', 'headers'],
  ['amq.match', 'headers'],
];

export function initialAmqpState(profile: AmqpProfile = '3.10'): AmqpState {
  const exchanges = new Map<string, AmqpExchange>();
  for (const [name, type] of BUILTIN_EXCHANGES) {
    exchanges.set(name, {
      name,
      type,
      durable: true,
      autoDelete: false,
      internal: false,
      args: {},
    });
  }
  return {
    profile,
    exchanges,
    bindings: new Map(),
    queues: new Map(),
    channels: new Map(),
    consumers: new Map(),
    nextMessageId: 1,
    lastPublishedId: 0,
  };
}

/** A copy that shares the immutable messages: O(queues + messages held) pointer copies. */
export function cloneAmqpState(s: AmqpState): AmqpState {
  const queues = new Map<string, AmqpQueue>();
  for (const [k, q] of s.queues) {
    queues.set(k, {
      ...q,
      ready: q.ready.slice(),
      returns: q.returns.slice(),
      consumers: q.consumers.slice(),
      blocked: q.blocked.slice(),
    });
  }
  const channels = new Map<string, AmqpChannel>();
  for (const [k, c] of s.channels) {
    channels.set(k, { ...c, unacked: new Map(c.unacked), consumerTags: c.consumerTags.slice() });
  }
  const consumers = new Map<string, AmqpConsumer>();
  for (const [k, c] of s.consumers) consumers.set(k, { ...c });
  const bindings = new Map<string, AmqpBinding[]>();
  for (const [k, b] of s.bindings) bindings.set(k, b.slice());
  const exchanges = new Map<string, AmqpExchange>();
  for (const [k, x] of s.exchanges) exchanges.set(k, { ...x });
  return { ...s, queues, channels, consumers, bindings, exchanges };
}

/** The head of a queue: quorum returns first. */
export function queueHead(q: AmqpQueue): QueuedMessage | undefined {
  return q.returns.length > 0 ? q.returns[0] : q.ready[0];
}

/** Consumers of the queue, blocked ones included. */
export function consumerCount(q: AmqpQueue): number {
  return q.consumers.length + q.blocked.length;
}

export function readyCount(q: AmqpQueue): number {
  return q.ready.length + q.returns.length;
}

/** The management UI's figures for one queue, or null when it does not exist. */
export function queueCounts(
  s: AmqpState,
  queue: string,
): { ready: number; unacked: number; consumers: number } | null {
  const q = s.queues.get(queue);
  if (q === undefined) return null;
  return { ready: readyCount(q), unacked: q.unacked, consumers: consumerCount(q) };
}
