/**
 * What a RabbitMQ run's log has said so far, for the anomaly detector and lineage: deliveries
 * by channel and delivery tag, each message's history (deliveries since its last ack, why it
 * last came back), each consumer's first processing of a message, and a mirror of each queue's
 * ready messages by sequence number (the engine's `MessageRef` names a ready message by queue
 * and seq). Built from events only, never from engine state.
 */
import type { AmqpSimEvent, Model } from '../engine';
import { queueConfig } from '../engine/amqp/config';
import type { AmqpMessage, Overflow } from '../engine/amqp/state';

export type AmqpReason = 'rejected' | 'expired' | 'maxlen' | 'delivery_limit';

export interface DeliveryInfo {
  queue: string;
  seq: number;
  eventId: number;
  channel: string;
  deliveryTag: number;
  consumer: string | null;
  member: string | null;
  noAck: boolean;
  redelivered: boolean;
  persistent: boolean;
  timeUs: number;
  index: number;
}

/** Why a message last went back to a queue. */
export interface Requeue {
  cause: 'consumer-crash' | 'connection-lost' | 'requeue' | 'broker-restart' | 'channel';
  /** nack / reject (cause requeue). */
  how: 'nack' | 'reject' | 'closed';
  consumer: string | null;
  member: string | null;
  /** When the crash / connection loss / restart / nack happened. */
  atUs: number;
  index: number;
}

export interface Death {
  queue: string;
  reason: AmqpReason;
  atUs: number;
  index: number;
  queues: string[];
}

export interface MessageInfo {
  eventId: number;
  entity: string | null;
  producer: string;
  deliveries: number;
  /** Deliveries since its last acknowledgement (a poison loop grows this). */
  sinceAck: number;
  stuckReported: boolean;
  lastRequeue: Requeue | null;
  lastDeath: Death | null;
}

export interface Handling {
  member: string;
  timeUs: number;
  index: number;
}

interface QueueMirror {
  nextSeq: number;
  bySeq: Map<number, { eventId: number; persistent: boolean }>;
  quorum: boolean;
  deliveryLimit: number | null;
  durable: boolean;
  exclusive: boolean;
  /** x-overflow as the broker applies it (a quorum queue has no reject-publish-dlx). */
  overflow: Overflow;
}

/** A message's id in insight: its event id (meta), else the broker's negative id. */
export function amqpEventId(m: AmqpMessage): number {
  const v = m.meta?.eventId;
  return typeof v === 'number' ? v : -m.id;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export class AmqpFacts {
  readonly deliveries = new Map<string, DeliveryInfo>();
  readonly messages = new Map<number, MessageInfo>();
  /** Per consumer: each message's first successful handling. */
  readonly handled = new Map<string, Map<number, Handling>>();
  private readonly queues = new Map<string, QueueMirror>();
  /** A member's crash or connection loss, by its channel (the requeue that follows names it). */
  readonly down = new Map<string, { kind: 'crash' | 'connection'; atUs: number; index: number }>();
  lastRestart: { atUs: number; index: number } | null = null;
  /** channel → [consumer, member]; consumers' auto-ack. */
  private readonly channels = new Map<string, [string, string]>();
  readonly autoAck = new Map<string, boolean>();
  /** Per consumer, producer and entity: the newest message handled (a reordering names it). */
  private readonly newest = new Map<string, number>();

  constructor(readonly model: Model) {
    const m = model.amqp;
    if (m)
      for (const mm of m.members) {
        const c = m.consumers[mm.consumer]!;
        this.channels.set(mm.channel, [c.id, mm.id]);
        this.autoAck.set(c.id, c.autoAck);
      }
  }

  /** The consumer and member on a channel, or nulls (a publisher's or a service's channel). */
  ownerOf(channel: string): [string | null, string | null] {
    return this.channels.get(channel) ?? [null, null];
  }

  channelOf(consumer: string, member: string): string | undefined {
    const m = this.model.amqp;
    const j = m?.memberIndex.get(`${consumer}\u0000${member}`);
    return j === undefined ? undefined : m!.members[j]!.channel;
  }

  delivery(channel: string, tag: number): DeliveryInfo | undefined {
    return this.deliveries.get(`${channel}\u0000${tag}`);
  }

  message(eventId: number): MessageInfo | undefined {
    return this.messages.get(eventId);
  }

  /** The event id of the ready message `seq` of `queue`, when the mirror knows it. */
  readyEventId(queue: string, seq: number): number | undefined {
    return this.queues.get(queue)?.bySeq.get(seq)?.eventId;
  }

  /** Of these queues, those that discard a refused copy (x-overflow reject-publish). */
  refusingForGood(queues: readonly string[]): string[] {
    return queues.filter((q) => this.queues.get(q)?.overflow === 'reject-publish');
  }

  private info(m: AmqpMessage): MessageInfo {
    const id = amqpEventId(m);
    let i = this.messages.get(id);
    if (!i) {
      i = {
        eventId: id,
        entity: str(m.meta?.entity),
        producer: str(m.meta?.producer) ?? '',
        deliveries: 0,
        sinceAck: 0,
        stuckReported: false,
        lastRequeue: null,
        lastDeath: null,
      };
      this.messages.set(id, i);
    }
    return i;
  }

  private enqueue(queue: string, m: AmqpMessage): void {
    this.info(m);
    const q = this.queues.get(queue);
    if (q)
      q.bySeq.set(q.nextSeq++, {
        eventId: amqpEventId(m),
        persistent: m.persistent,
      });
  }

  /** The message a `MessageRef` names, removing it from where it was. */
  takeRef(
    ref:
      | { kind: 'ready'; queue: string; seq: number }
      | { kind: 'unacked'; channel: string; deliveryTag: number }
      | { kind: 'refused'; queue: string },
  ): { eventId: number | undefined; delivery: DeliveryInfo | undefined } {
    if (ref.kind === 'ready') {
      const q = this.queues.get(ref.queue);
      const id = q?.bySeq.get(ref.seq)?.eventId;
      q?.bySeq.delete(ref.seq);
      return { eventId: id, delivery: undefined };
    }
    if (ref.kind === 'unacked') {
      const k = `${ref.channel}\u0000${ref.deliveryTag}`;
      const d = this.deliveries.get(k);
      this.deliveries.delete(k);
      return { eventId: d?.eventId, delivery: d };
    }
    return { eventId: undefined, delivery: undefined };
  }

  /** Folds an event in (after the detectors looked at it). */
  apply(e: AmqpSimEvent, index: number): void {
    switch (e.type) {
      case 'amqp.queueDeclared': {
        const quorum = e.queueType === 'quorum';
        const arg = e.arguments['x-delivery-limit'];
        const n = typeof arg === 'number' && Number.isInteger(arg) ? arg : null;
        const fourX = this.model.amqp?.profile === '4.x';
        const deliveryLimit = !quorum ? null : fourX ? (n === null ? 20 : n < 0 ? null : n) : n;
        this.queues.set(e.queue, {
          nextSeq: 1,
          bySeq: new Map(),
          quorum,
          deliveryLimit,
          durable: e.durable,
          exclusive: e.exclusive,
          overflow: queueConfig(e.queueType, e.arguments, this.model.amqp?.profile ?? '3.10')
            .overflow,
        });
        break;
      }
      case 'amqp.queueDeleted':
        this.queues.delete(e.queue);
        break;
      case 'amqp.queuePurged':
        this.queues.get(e.queue)?.bySeq.clear();
        break;
      case 'amqp.published':
        for (const q of e.queues) this.enqueue(q, e.message);
        if (e.queues.length === 0) this.info(e.message);
        break;
      case 'amqp.deadLettered': {
        this.takeRef(e.source);
        const i = this.info(e.message);
        i.lastDeath = {
          queue: e.fromQueue,
          reason: e.reason,
          atUs: e.timeUs,
          index,
          queues: e.queues,
        };
        for (const q of e.queues) this.enqueue(q, e.message);
        break;
      }
      case 'amqp.dropped':
        this.takeRef(e.source);
        break;
      case 'amqp.delivered': {
        this.queues.get(e.queue)?.bySeq.delete(e.seq);
        const i = this.info(e.message);
        i.deliveries++;
        i.sinceAck = e.noAck ? 0 : i.sinceAck + 1;
        if (e.noAck) i.stuckReported = false;
        const [consumer, member] = this.ownerOf(e.channel);
        this.deliveries.set(`${e.channel}\u0000${e.deliveryTag}`, {
          queue: e.queue,
          seq: e.seq,
          eventId: i.eventId,
          channel: e.channel,
          deliveryTag: e.deliveryTag,
          consumer,
          member,
          noAck: e.noAck,
          redelivered: e.redelivered,
          persistent: e.message.persistent,
          timeUs: e.timeUs,
          index,
        });
        break;
      }
      case 'amqp.acked':
        for (const tag of e.deliveryTags) {
          const k = `${e.channel}\u0000${tag}`;
          const d = this.deliveries.get(k);
          this.deliveries.delete(k);
          const i = d && this.messages.get(d.eventId);
          if (i) {
            i.sinceAck = 0;
            i.stuckReported = false;
          }
        }
        break;
      case 'amqp.requeued':
        for (const tag of e.deliveryTags) this.requeue(e.channel, tag, e.cause, e.timeUs, index);
        break;
      case 'amqp.handled': {
        const ch = this.channelOf(e.consumer, e.member);
        if (ch !== undefined && this.autoAck.get(e.consumer))
          this.deliveries.delete(`${ch}\u0000${e.deliveryTag}`);
        if (!e.ok) break;
        let h = this.handled.get(e.consumer);
        if (!h) this.handled.set(e.consumer, (h = new Map()));
        if (!h.has(e.eventId)) h.set(e.eventId, { member: e.member, timeUs: e.timeUs, index });
        if (e.entity !== null) {
          const k = `${e.consumer}\u0000${e.producer}\u0000${e.entity}`;
          const max = this.newest.get(k);
          if (max === undefined || e.eventId > max) this.newest.set(k, e.eventId);
        }
        break;
      }
      case 'amqp.memberCrashed':
      case 'amqp.connectionLost': {
        const ch = this.channelOf(e.consumer, e.member);
        if (ch !== undefined)
          this.down.set(ch, {
            kind: e.type === 'amqp.memberCrashed' ? 'crash' : 'connection',
            atUs: e.timeUs,
            index,
          });
        break;
      }
      case 'amqp.brokerRestarting':
        this.lastRestart = { atUs: e.timeUs, index };
        break;
      case 'amqp.brokerRestarted':
        for (const [name, q] of [...this.queues]) {
          if (!q.durable || q.exclusive) this.queues.delete(name);
          else if (!q.quorum)
            for (const [seq, m] of [...q.bySeq]) if (!m.persistent) q.bySeq.delete(seq);
        }
        break;
      default:
        break;
    }
  }

  /**
   * Forgets the messages no copy of which is held any more (in no queue, in no consumer's
   * hands): no later event can deliver, handle or dead-letter them again, so no later anomaly
   * asks about them. A consumer's first handling of a message stays while the message is held
   * (a duplicate names it) or while it is the newest handled for its entity (a reordering names
   * it). Bounds a long run's memory by what is held. Returns the messages forgotten.
   */
  release(): number {
    const held = new Set<number>();
    for (const q of this.queues.values()) for (const m of q.bySeq.values()) held.add(m.eventId);
    for (const d of this.deliveries.values()) held.add(d.eventId);
    let n = 0;
    for (const id of this.messages.keys())
      if (!held.has(id)) {
        this.messages.delete(id);
        n++;
      }
    const newest = new Set<string>();
    for (const [k, id] of this.newest) newest.add(`${k.slice(0, k.indexOf('\u0000'))}\u0000${id}`);
    for (const [consumer, h] of this.handled)
      for (const id of h.keys())
        if (!held.has(id) && !newest.has(`${consumer}\u0000${id}`)) h.delete(id);
    return n;
  }

  /** Why a channel's requeue happened: a crash, a connection loss, a restart, or a nack. */
  requeueCause(channel: string, cause: 'nack' | 'reject' | 'channelClosed', atUs: number) {
    if (cause !== 'channelClosed') return { cause: 'requeue' as const, atUs, index: -1 };
    const d = this.down.get(channel);
    if (d && d.atUs === atUs)
      return {
        cause: d.kind === 'crash' ? ('consumer-crash' as const) : ('connection-lost' as const),
        atUs,
        index: d.index,
      };
    if (this.lastRestart && this.lastRestart.atUs === atUs)
      return { cause: 'broker-restart' as const, atUs, index: this.lastRestart.index };
    return { cause: 'channel' as const, atUs, index: -1 };
  }

  private requeue(
    channel: string,
    tag: number,
    cause: 'nack' | 'reject' | 'channelClosed',
    atUs: number,
    index: number,
  ): void {
    const k = `${channel}\u0000${tag}`;
    const d = this.deliveries.get(k);
    if (!d) return;
    this.deliveries.delete(k);
    const why = this.requeueCause(channel, cause, atUs);
    const i = this.messages.get(d.eventId);
    if (i)
      i.lastRequeue = {
        cause: why.cause,
        how: cause === 'channelClosed' ? 'closed' : cause,
        consumer: d.consumer,
        member: d.member,
        atUs,
        index: why.index >= 0 ? why.index : index,
      };
    const q = this.queues.get(d.queue);
    if (!q) return;
    // rabbit_fifo: a nack/reject requeue on a quorum queue without a delivery limit goes to the back.
    const back = q.quorum && cause !== 'channelClosed' && q.deliveryLimit === null;
    q.bySeq.set(back ? q.nextSeq++ : d.seq, { eventId: d.eventId, persistent: d.persistent });
  }
}
