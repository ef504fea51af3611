/**
 * RabbitMQ in a simulation run: the scenario's `amqp` section compiled once, beside Kafka's
 * model. Publishers reuse Kafka's producer rate and key model (kafka/producer.ts); consumers are
 * competing consumers of one queue, each member on its own channel (RabbitMQ's usual layout).
 *
 * Actor layout, after Kafka's actors: [broker] [publishers × P] [members × M]. The broker actor
 * runs the clients' topology declarations (at start and after a broker restart, as a client's
 * topology recovery does), pushes deliveries and expires messages.
 */
import type { Dist } from '../../kafka/distributions';
import { compileDist } from '../../kafka/distributions';
import { compileProducer, type EmitModel, type ProducerModel } from '../../kafka/model';
import { streamKey } from '../../kernel/rng';
import type { AmqpSpec, MemberSpec, RoutingKeySpec, Scenario } from '../../scenario/types';
import type { AmqpOp, AmqpProfile, AmqpTable } from '../script';

const US_PER_MS = 1000;
const us = (ms: number) => Math.round(ms * US_PER_MS);
/** RabbitMQ's Java client recovers a connection after 5 s (networkRecoveryInterval). */
export const RECOVERY_INTERVAL_US = 5_000_000;
const amqpPublisherStream = (p: number) => 3_000_000 + p;
const amqpMemberStream = (m: number) => 4_000_000 + m;

export type RoutingKeyModel =
  | { kind: 'template'; parts: (string | { field: string })[] }
  | { kind: 'choice'; keys: string[]; cdf: Float64Array };

export interface PublisherModel {
  index: number;
  id: string;
  /** Rate, keys, start/stop, random stream: Kafka's producer model (its topic unused). */
  p: ProducerModel;
  exchange: string;
  routingKey: RoutingKeyModel;
  headers: AmqpTable | undefined;
  mandatory: boolean;
  persistent: boolean;
  confirm: boolean;
  expiration: string | undefined;
  bodyBytes: number;
  payload: Record<string, unknown>;
  channel: string;
}

/** A batching consumer acknowledges what it handled at the latest this long after. */
export const DEFAULT_ACK_FLUSH_MS = 1000;

export interface ConsumerModel {
  index: number;
  id: string;
  queue: string;
  prefetch: number;
  autoAck: boolean;
  /** Manual ack: basic.ack with multiple=true after every `ackEvery` handled messages (1: each
   *  on its own), or `ackFlushUs` after the oldest one still unacknowledged. */
  ackEvery: number;
  ackFlushUs: number;
  handlers: Map<string, EmitModel[]>;
  failRate: number;
  requeue: boolean;
  idempotent: boolean;
  members: number[];
}

export interface AmqpMemberModel {
  index: number;
  consumer: number;
  id: string;
  channel: string;
  tag: string;
  processing: Dist;
  streamKey: number;
  startUs: number;
}

export interface AmqpSimModel {
  profile: AmqpProfile;
  spec: AmqpSpec;
  /** The broker actor's index; publishers and members follow. */
  base: number;
  publishers: PublisherModel[];
  consumers: ConsumerModel[];
  members: AmqpMemberModel[];
  /** The declarations a client issues at start (and again after a broker restart). */
  topology: AmqpOp[];
  publisherIndex: Map<string, number>;
  consumerIndex: Map<string, number>;
  memberIndex: Map<string, number>;
  /** Member index by its channel name. */
  channelMember: Map<string, number>;
  /** Kafka services (groups) that publish to an exchange: group id → channel. */
  serviceChannels: Map<string, string>;
  actorCount: number;
}

export const memberKey = (consumer: string, member: string) => `${consumer}\u0000${member}`;
export const brokerActor = (m: AmqpSimModel) => m.base;
export const publisherActor = (m: AmqpSimModel, p: number) => m.base + 1 + p;
export const amqpMemberActor = (m: AmqpSimModel, j: number) => m.base + 1 + m.publishers.length + j;

/** A consumer's members: listed, or `${consumer}-1` … for a count (scenario/parseAmqp.ts). */
function memberSpecs(consumer: string, members: number | MemberSpec[]): MemberSpec[] {
  if (typeof members === 'number')
    return Array.from({ length: members }, (_, i) => ({ id: `${consumer}-${i + 1}` }));
  return members;
}

function compileRoutingKey(r: RoutingKeySpec): RoutingKeyModel {
  if (typeof r === 'string') {
    const parts: (string | { field: string })[] = [];
    const re = /\{([^{}]*)\}/g;
    let last = 0;
    for (let m = re.exec(r); m !== null; m = re.exec(r)) {
      if (m.index > last) parts.push(r.slice(last, m.index));
      parts.push({ field: m[1]! });
      last = m.index + m[0].length;
    }
    if (last < r.length) parts.push(r.slice(last));
    return { kind: 'template', parts };
  }
  const w = r.keys.map((_, i) => Math.max(0, r.weights?.[i] ?? 1));
  const total = w.reduce((a, b) => a + b, 0) || 1;
  const cdf = new Float64Array(w.length);
  let sum = 0;
  w.forEach((x, i) => (cdf[i] = sum += x / total));
  return { kind: 'choice', keys: r.keys.slice(), cdf };
}

/** Compiles the amqp section; `base` is the first actor index after Kafka's. */
export function compileAmqp(s: Scenario, seed: number, base: number): AmqpSimModel | null {
  const spec = s.amqp;
  if (spec === undefined) return null;
  const publishers = spec.publishers.map((p, index): PublisherModel => {
    const pm = compileProducer(
      {
        id: p.id,
        topic: '',
        rate: p.rate,
        keys: p.keys ?? { kind: 'null' },
        keyField: p.keyField,
        eventType: p.eventType,
        payload: p.payload,
        startMs: p.startMs,
        stopMs: p.stopMs,
      },
      index,
      -1,
      1,
      seed,
    );
    pm.streamKey = streamKey(seed, amqpPublisherStream(index));
    return {
      index,
      id: p.id,
      p: pm,
      exchange: p.exchange,
      routingKey: compileRoutingKey(p.routingKey),
      headers: p.headers,
      mandatory: p.mandatory ?? false,
      persistent: p.persistent ?? true,
      confirm: p.confirm ?? false,
      expiration: p.expiration,
      bodyBytes: Math.max(0, Math.floor(p.bodyBytes ?? 100)),
      payload: p.payload ?? {},
      channel: `publisher ${p.id}`,
    };
  });
  const members: AmqpMemberModel[] = [];
  const consumers = spec.consumers.map((c, index): ConsumerModel => {
    const ids: number[] = [];
    for (const m of memberSpecs(c.id, c.members)) {
      const j = members.length;
      ids.push(j);
      members.push({
        index: j,
        consumer: index,
        id: m.id,
        channel: `${c.id} ${m.id}`,
        tag: `${c.id}.${m.id}`,
        processing: compileDist(m.processingMs ?? c.processingMs ?? 1),
        streamKey: streamKey(seed, amqpMemberStream(j)),
        startUs: us(m.startMs ?? 0),
      });
    }
    const handlers = new Map<string, EmitModel[]>();
    for (const h of c.handlers ?? []) {
      const list = handlers.get(h.on) ?? [];
      for (const e of h.emit)
        list.push({
          type: e.type,
          topic: e.topic === undefined ? -1 : s.topics.findIndex((t) => t.name === e.topic),
          ...(e.exchange !== undefined
            ? { exchange: e.exchange, routingKey: e.routingKey ?? '' }
            : {}),
          probability: e.probability ?? 1,
          sameKey: (e.key ?? 'same') === 'same',
        });
      handlers.set(h.on, list);
    }
    return {
      index,
      id: c.id,
      queue: c.queue,
      prefetch: Math.max(0, Math.floor(c.prefetch ?? 0)),
      autoAck: c.autoAck ?? false,
      ackEvery: Math.max(1, Math.floor(c.ackEvery ?? 1)),
      ackFlushUs: us(c.ackFlushMs ?? DEFAULT_ACK_FLUSH_MS),
      handlers,
      failRate: Math.min(1, Math.max(0, c.failure?.rate ?? 0)),
      requeue: c.failure?.requeue ?? true,
      idempotent: c.idempotent ?? false,
      members: ids,
    };
  });
  const serviceChannels = new Map<string, string>();
  for (const g of s.groups)
    if ((g.handlers ?? []).some((h) => h.emit.some((e) => e.exchange !== undefined)))
      serviceChannels.set(g.id, `service ${g.id}`);
  for (const c of spec.consumers)
    if ((c.handlers ?? []).some((h) => h.emit.some((e) => e.exchange !== undefined)))
      serviceChannels.set(c.id, `service ${c.id}`);
  const topology: AmqpOp[] = [];
  for (const x of spec.exchanges)
    topology.push({
      op: 'declareExchange',
      exchange: x.name,
      type: x.type,
      durable: x.durable ?? true,
      autoDelete: x.autoDelete ?? false,
      internal: x.internal ?? false,
      arguments: x.arguments ?? {},
    });
  for (const q of spec.queues)
    topology.push({
      op: 'declareQueue',
      queue: q.name,
      durable: q.durable ?? true,
      exclusive: q.exclusive ?? false,
      autoDelete: q.autoDelete ?? false,
      arguments: q.arguments ?? {},
    });
  for (const b of spec.bindings)
    topology.push({
      op: 'bind',
      source: b.source,
      destination: b.destination,
      destinationType: b.destinationType,
      routingKey: b.routingKey,
      arguments: b.arguments ?? {},
    });
  for (const p of publishers)
    topology.push({ op: 'openChannel', channel: p.channel, confirm: p.confirm });
  for (const ch of serviceChannels.values()) topology.push({ op: 'openChannel', channel: ch });
  return {
    profile: spec.profile ?? '3.10',
    spec,
    base,
    publishers,
    consumers,
    members,
    topology,
    publisherIndex: new Map(publishers.map((p) => [p.id, p.index])),
    consumerIndex: new Map(consumers.map((c) => [c.id, c.index])),
    memberIndex: new Map(members.map((m) => [memberKey(consumers[m.consumer]!.id, m.id), m.index])),
    channelMember: new Map(members.map((m) => [m.channel, m.index])),
    serviceChannels,
    actorCount: 1 + publishers.length + members.length,
  };
}

/** The ops that connect member j: its channel (with its prefetch) and its basic.consume. */
export function memberConnectOps(m: AmqpSimModel, j: number): AmqpOp[] {
  const mm = m.members[j]!;
  const c = m.consumers[mm.consumer]!;
  return [
    { op: 'openChannel', channel: mm.channel, prefetch: c.prefetch },
    { op: 'consume', channel: mm.channel, queue: c.queue, consumerTag: mm.tag, noAck: c.autoAck },
  ];
}
