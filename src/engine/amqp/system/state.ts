/** RabbitMQ's part of a simulation state: the broker, and the clients around it. */
import { cloneAmqpState, initialAmqpState, type AmqpMessage, type AmqpState } from '../state';
import type { AmqpSimModel } from './model';

export interface HeldDelivery {
  deliveryTag: number;
  msg: AmqpMessage;
  redelivered: boolean;
  queue: string;
}

export type AmqpMemberStatus = 'connecting' | 'up' | 'crashed' | 'disconnected';

export interface AmqpMemberState {
  status: AmqpMemberStatus;
  /** Deliveries received and not yet handled, in arrival order. */
  buffer: HeldDelivery[];
  /** The delivery being handled, until `doneUs`. */
  busy: (HeldDelivery & { doneUs: number }) | null;
  /** disconnected: when it reconnects. */
  reconnectUs: number;
  steps: number;
  /** Deliveries it received with redelivered=true, and the newest one's message event id. */
  redelivered: number;
  lastRedelivered: number | null;
  /** Manual ack in batches (`ackEvery` > 1): deliveries handled and not yet acknowledged, the
   *  newest one's delivery tag, and when the batch is acknowledged whatever its size. */
  handledUnacked: number;
  lastHandledTag: number;
  flushUs: number;
}

/** Counters for the summary and the anomaly detector (records, as Kafka's summary counts). */
export interface AmqpCounters {
  sent: number;
  published: number;
  routed: number;
  unroutable: number;
  returned: number;
  confirmAcks: number;
  confirmNacks: number;
  refusedByQueue: number;
  delivered: number;
  redelivered: number;
  processed: number;
  duplicates: number;
  deduplicated: number;
  reordered: number;
  handlerFailures: number;
  acked: number;
  requeued: number;
  deadLettered: number;
  /** Messages gone without being processed: unroutable (published, or dead-lettered to an
   *  exchange that routes them nowhere), dropped without a DLX, refused by a full queue, auto-ack
   *  deliveries of a crashed consumer, transient messages at a restart, publishes while
   *  disconnected. */
  lost: number;
  lostUnroutable: number;
  lostDropped: number;
  lostAutoAck: number;
  lostRestart: number;
  lostDisconnected: number;
  /** Copies a queue refused at its length limit (x-overflow reject-publish): with confirms the
   *  publisher got basic.nack, but no publisher here publishes again. */
  lostRefused: number;
  /** The most deliveries any one message got from one queue (a poison loop shows here). */
  maxDeliveries: number;
}

export interface AmqpSimState {
  broker: AmqpState;
  /** The next topology declaration the broker actor runs; topology.length when done. */
  topologyCursor: number;
  /** No topology recovery before this time (after a broker restart). */
  recoverUs: number;
  publishers: { sent: number; poisonNext: boolean }[];
  members: AmqpMemberState[];
  /** Per exchange: messages routed to at least one queue, and unroutable; published, or
   *  dead-lettered through it (a dead-letter exchange). */
  exchangeStats: Map<string, { routed: number; unroutable: number }>;
  /** Per binding (`bindingKey`: source, destination, binding key): messages routed through it,
   *  published or dead-lettered. */
  bindingStats: Map<string, number>;
  /** Per consumer: message event ids processed (duplicates), and the dedup store. */
  processedIds: Map<number, number>[];
  dedup: (Set<number> | null)[];
  /** Per consumer: the highest event id processed per (publisher, entity): reordering. */
  orderMax: Map<string, number>[];
  /** Deliveries per message event id and queue (`${eventId}\0${queue}`), redeliveries included. */
  deliveries: Map<string, number>;
  /** Expiry checks found nothing due up to this time. */
  checkedUs: number;
  counters: AmqpCounters;
}

const zeroCounters = (): AmqpCounters => ({
  sent: 0,
  published: 0,
  routed: 0,
  unroutable: 0,
  returned: 0,
  confirmAcks: 0,
  confirmNacks: 0,
  refusedByQueue: 0,
  delivered: 0,
  redelivered: 0,
  processed: 0,
  duplicates: 0,
  deduplicated: 0,
  reordered: 0,
  handlerFailures: 0,
  acked: 0,
  requeued: 0,
  deadLettered: 0,
  lost: 0,
  lostUnroutable: 0,
  lostDropped: 0,
  lostAutoAck: 0,
  lostRestart: 0,
  lostDisconnected: 0,
  lostRefused: 0,
  maxDeliveries: 0,
});

export function initialAmqpSimState(m: AmqpSimModel): AmqpSimState {
  return {
    broker: initialAmqpState(m.profile),
    topologyCursor: 0,
    recoverUs: 0,
    publishers: m.publishers.map(() => ({ sent: 0, poisonNext: false })),
    members: m.members.map((): AmqpMemberState => ({
      status: 'connecting',
      buffer: [],
      busy: null,
      reconnectUs: 0,
      steps: 0,
      redelivered: 0,
      lastRedelivered: null,
      handledUnacked: 0,
      lastHandledTag: 0,
      flushUs: Number.POSITIVE_INFINITY,
    })),
    exchangeStats: new Map(),
    bindingStats: new Map(),
    processedIds: m.consumers.map(() => new Map()),
    dedup: m.consumers.map((c) => (c.idempotent ? new Set<number>() : null)),
    orderMax: m.consumers.map(() => new Map()),
    deliveries: new Map(),
    checkedUs: -1,
    counters: zeroCounters(),
  };
}

export function cloneAmqpSimState(s: AmqpSimState): AmqpSimState {
  return {
    ...s,
    broker: cloneAmqpState(s.broker),
    publishers: s.publishers.map((p) => ({ ...p })),
    members: s.members.map((m) => ({ ...m, buffer: m.buffer.slice() })),
    exchangeStats: new Map([...s.exchangeStats].map(([k, v]) => [k, { ...v }])),
    bindingStats: new Map(s.bindingStats),
    processedIds: s.processedIds.map((x) => new Map(x)),
    dedup: s.dedup.map((d) => (d ? new Set(d) : null)),
    orderMax: s.orderMax.map((x) => new Map(x)),
    deliveries: new Map(s.deliveries),
    counters: { ...s.counters },
  };
}
