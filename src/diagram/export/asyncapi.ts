/**
 * A scenario as an AsyncAPI 3.0.0 document: one channel per Kafka topic (address = the topic),
 * RabbitMQ exchange and queue (address = its name); `send` operations for producers,
 * publishers and services' emits, `receive` for consumer groups and queue consumers; one
 * message per event type with its payload's JSON Schema (the event as the simulator's records
 * carry it: eventId, eventType, timestamp, payload with the key field and the producer's
 * fields, metadata).
 *
 * Sources followed:
 * - AsyncAPI 3.0.0 specification (channels with `address` and `messages`, operations with
 *   `action` send|receive, `channel` and `messages` as references into that channel's messages)
 *   and its JSON Schema in @asyncapi/specs (definitions/3.0.0).
 * - Kafka bindings 0.5.0 (asyncapi/bindings kafka/README.md; @asyncapi/specs
 *   bindings/kafka/0.5.0): channel `topic`, `partitions`, `replicas`, `topicConfiguration`
 *   (`cleanup.policy` as an array of compact|delete, `retention.ms`, `retention.bytes`,
 *   `delete.retention.ms`; other topic configs allowed); operation `groupId` / `clientId` as
 *   schemas; message `key` as a schema.
 * - AMQP 0-9-1 bindings 0.3.0 (asyncapi/bindings amqp/README.md; bindings/amqp/0.3.0):
 *   channel `is` routingKey + `exchange` {name, type (topic|direct|fanout|default|headers),
 *   durable, autoDelete, vhost} or `is` queue + `queue` {name, durable, exclusive, autoDelete,
 *   vhost}; operation `deliveryMode` 1|2, `mandatory`, `expiration`, `ack`; message
 *   `messageType`.
 */
import { PREDECLARED_EXCHANGES, memberIds, consumerMemberIds, type Scenario } from '../../engine';
import { computeFlows, Ids } from './flows';

export const ASYNCAPI_VERSION = '3.0.0';
export const KAFKA_BINDING_VERSION = '0.5.0';
export const AMQP_BINDING_VERSION = '0.3.0';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** An object from entries whose keys are user text (`__proto__` stays an own property). */
const obj = (entries: Iterable<readonly [string, Json]>): Obj => Object.fromEntries(entries) as Obj;

/**
 * `properties` of an object schema. A field named `__proto__` is the same constraint written as
 * `patternProperties` (`^__proto__$`): JavaScript tools that copy schemas with plain
 * assignment (the AsyncAPI parser among them) would turn the key into a prototype.
 */
export function objectProps(entries: Iterable<readonly [string, Obj]>): Obj {
  const plain = new Map<string, Json>();
  const pattern = new Map<string, Json>();
  for (const [k, v] of entries)
    if (k === '__proto__') pattern.set('^__proto__$', v);
    else plain.set(k, v);
  return pattern.size
    ? { properties: obj(plain), patternProperties: obj(pattern) }
    : { properties: obj(plain) };
}

/** A JSON Schema for a payload template's value (depth-bounded; the parser bounds it too). */
export function schemaOf(v: unknown, depth = 0): Obj {
  if (v === null) return { type: 'null' };
  if (typeof v === 'string') return { type: 'string' };
  if (typeof v === 'boolean') return { type: 'boolean' };
  if (typeof v === 'number') return { type: Number.isInteger(v) ? 'integer' : 'number' };
  if (depth >= 8) return {};
  if (Array.isArray(v)) {
    const items = v.map((x) => schemaOf(x, depth + 1));
    const first = items[0];
    const same = first && items.every((i) => JSON.stringify(i) === JSON.stringify(first));
    return same ? { type: 'array', items: first } : { type: 'array' };
  }
  if (typeof v === 'object')
    return {
      type: 'object',
      ...objectProps(Object.entries(v).map(([k, x]) => [k, schemaOf(x, depth + 1)])),
    };
  return {};
}

/** Two schemas for one field: the same, or no constraint (the producers disagree). */
const merge = (a: Obj | undefined, b: Obj): Obj =>
  a === undefined || JSON.stringify(a) === JSON.stringify(b) ? b : {};

interface TypeInfo {
  fields: Map<string, Obj>;
  keyFields: Set<string>;
  /** Record keys: 'string' sent, 'null' sent. */
  keys: Set<'string' | 'null'>;
  fixedKeys: Set<string> | null;
  sources: Set<string>;
  kafka: boolean;
  amqp: boolean;
}

const EXCHANGE_TYPE_DEFAULT = 'default';

export interface AsyncApiOptions {
  kafkaHost?: string;
  amqpHost?: string;
}

/** The AsyncAPI 3.0.0 document of a (parsed) scenario, as a JSON value. Deterministic. */
export function toAsyncApi(s: Scenario, opts: AsyncApiOptions = {}): Obj {
  const flows = computeFlows(s);
  const a = s.amqp;
  const types = new Map<string, TypeInfo>();
  const info = (t: string): TypeInfo => {
    let i = types.get(t);
    if (!i)
      types.set(
        t,
        (i = {
          fields: new Map(),
          keyFields: new Set(),
          keys: new Set(),
          fixedKeys: new Set(),
          sources: new Set(),
          kafka: false,
          amqp: false,
        }),
      );
    return i;
  };
  for (const [, ts] of flows.topicTypes) for (const t of ts) info(t).kafka = true;
  for (const m of [flows.exchangeTypes, flows.queueTypes])
    for (const [, ts] of m) for (const t of ts) info(t).amqp = true;
  const template = (i: TypeInfo, payload: Record<string, unknown> | undefined) => {
    for (const [k, v] of Object.entries(payload ?? {}))
      i.fields.set(k, merge(i.fields.get(k), schemaOf(v)));
  };
  for (const p of s.producers) {
    const i = info(p.eventType);
    i.sources.add(p.id);
    i.keyFields.add(p.keyField ?? 'key');
    template(i, p.payload);
    const sendsKey = (p.sendKey ?? true) && p.keys.kind !== 'null';
    i.keys.add(sendsKey ? 'string' : 'null');
    if (p.keys.kind === 'fixed' && sendsKey) for (const k of p.keys.keys) i.fixedKeys?.add(k);
    else if (sendsKey) i.fixedKeys = null;
  }
  for (const p of a?.publishers ?? []) {
    const i = info(p.eventType);
    i.sources.add(p.id);
    i.keyFields.add(p.keyField ?? 'key');
    template(i, p.payload);
  }
  const emitters = [...s.groups, ...(a?.consumers ?? [])];
  for (const g of emitters)
    for (const h of g.handlers ?? [])
      for (const e of h.emit) {
        const i = info(e.type);
        i.sources.add(g.id);
        if (e.topic !== undefined) i.keys.add(e.key === 'none' ? 'null' : 'string');
        if (e.topic !== undefined && e.key !== 'none') i.fixedKeys = null;
      }

  const msgIds = new Ids();
  const messages = new Map<string, Json>();
  const schemas = new Map<string, Json>();
  for (const t of [...types.keys()].sort()) {
    const i = types.get(t)!;
    const id = msgIds.of(t);
    const payloadProps = new Map<string, Obj>();
    for (const [k, v] of [...i.fields].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      payloadProps.set(k, v);
    for (const k of [...i.keyFields].sort())
      payloadProps.set(k, { type: 'string', description: 'The entity key (the record key).' });
    schemas.set(id, {
      type: 'object',
      description: `The ${t} event as EventFlow's records carry it.`,
      required: ['eventId', 'eventType', 'timestamp', 'payload', 'metadata'],
      properties: {
        eventId: { type: 'string' },
        eventType: { type: 'string', const: t },
        timestamp: { type: 'integer', description: 'Milliseconds since the epoch.' },
        payload: { type: 'object', ...objectProps(payloadProps) },
        metadata: {
          type: 'object',
          properties: {
            correlationId: { type: 'string' },
            causationId: { type: ['string', 'null'] },
            source: { type: 'string' },
            version: { type: 'integer' },
          },
        },
      },
    });
    const bindings: Obj = {};
    if (i.kafka) {
      const keyTypes = [...i.keys].sort();
      const key: Obj =
        keyTypes.length === 1
          ? { type: keyTypes[0]! }
          : { type: keyTypes.length ? keyTypes : 'string' };
      if (i.fixedKeys && i.fixedKeys.size > 0 && !i.keys.has('null'))
        key.enum = [...i.fixedKeys].sort().slice(0, 1000);
      bindings.kafka = { key, bindingVersion: KAFKA_BINDING_VERSION };
    }
    if (i.amqp) bindings.amqp = { messageType: t, bindingVersion: AMQP_BINDING_VERSION };
    messages.set(id, {
      name: t,
      title: t,
      summary: i.sources.size
        ? `Sent by ${[...i.sources].sort().join(', ')}.`
        : 'Dead-lettered or routed here.',
      contentType: 'application/json',
      payload: { $ref: `#/components/schemas/${id}` },
      bindings,
    });
  }

  const chanIds = new Ids();
  const channels = new Map<string, Json>();
  const topicChan = new Map<string, string>();
  const exchangeChan = new Map<string, string>();
  const queueChan = new Map<string, string>();
  const channelMessages = (ts: readonly string[]): Obj =>
    obj(ts.map((t) => [msgIds.of(t), { $ref: `#/components/messages/${msgIds.of(t)}` }]));
  const topicByName = new Map(s.topics.map((t) => [t.name, t]));
  for (const [name, ts] of flows.topicTypes) {
    const t = topicByName.get(name);
    const id = chanIds.of(`topic.${name}`);
    topicChan.set(name, id);
    const config = new Map<string, Json>();
    if (t) {
      const cp = t['cleanup.policy'];
      if (cp !== undefined) config.set('cleanup.policy', cp.split(','));
      for (const k of [
        'retention.ms',
        'retention.bytes',
        'delete.retention.ms',
        'segment.ms',
        'segment.bytes',
        'min.compaction.lag.ms',
        'min.cleanable.dirty.ratio',
        'min.insync.replicas',
        'unclean.leader.election.enable',
      ] as const) {
        const v = t[k];
        if (v !== undefined) config.set(k, v);
      }
    }
    const kafka: Obj = { topic: name };
    if (t) kafka.partitions = t.partitions;
    const rf = t?.['replication.factor'];
    if (rf !== undefined) kafka.replicas = rf;
    if (config.size) kafka.topicConfiguration = obj(config);
    kafka.bindingVersion = KAFKA_BINDING_VERSION;
    channels.set(id, {
      address: name,
      title: `Kafka topic ${name}`,
      servers: [{ $ref: '#/servers/kafka' }],
      messages: channelMessages(ts),
      bindings: { kafka },
    });
  }
  const declared = new Map((a?.exchanges ?? []).map((x) => [x.name, x]));
  for (const [name, ts] of flows.exchangeTypes) {
    const x = declared.get(name);
    const id = chanIds.of(`exchange.${name || 'default'}`);
    exchangeChan.set(name, id);
    const type =
      x?.type ??
      PREDECLARED_EXCHANGES.get(name) ??
      (name === '' ? EXCHANGE_TYPE_DEFAULT : 'direct');
    const exchange: Obj = { name, type, vhost: '/' };
    // Pre-declared exchanges (amq.*, "") are durable, as RabbitMQ declares them.
    exchange.durable = x ? (x.durable ?? false) : true;
    exchange.autoDelete = x?.autoDelete ?? false;
    channels.set(id, {
      address: name,
      title: `RabbitMQ exchange ${name === '' ? '(default)' : name}`,
      servers: [{ $ref: '#/servers/rabbitmq' }],
      messages: channelMessages(ts),
      bindings: {
        amqp: { is: 'routingKey', exchange, bindingVersion: AMQP_BINDING_VERSION },
      },
    });
  }
  const queueByName = new Map((a?.queues ?? []).map((q) => [q.name, q]));
  for (const [name, ts] of flows.queueTypes) {
    const q = queueByName.get(name);
    const id = chanIds.of(`queue.${name}`);
    queueChan.set(name, id);
    channels.set(id, {
      address: name,
      title: `RabbitMQ queue ${name}`,
      servers: [{ $ref: '#/servers/rabbitmq' }],
      messages: channelMessages(ts),
      bindings: {
        amqp: {
          is: 'queue',
          queue: {
            name,
            // A quorum queue is durable (RabbitMQ refuses a non-durable one; the parser too).
            durable: q?.durable ?? q?.arguments?.['x-queue-type'] === 'quorum',
            exclusive: q?.exclusive ?? false,
            autoDelete: q?.autoDelete ?? false,
            vhost: '/',
          },
          bindingVersion: AMQP_BINDING_VERSION,
        },
      },
    });
  }

  const opIds = new Ids();
  const operations = new Map<string, Json>();
  const ref = (chan: string, ts: readonly string[]): Obj => ({
    channel: { $ref: `#/channels/${chan}` },
    messages: ts.map((t) => ({ $ref: `#/channels/${chan}/messages/${msgIds.of(t)}` })),
  });
  const enumOf = (vals: readonly string[]): Obj => ({ type: 'string', enum: [...vals] });
  for (const p of s.producers) {
    const chan = topicChan.get(p.topic);
    if (chan === undefined) continue;
    operations.set(opIds.of(`produce.${p.id}`), {
      action: 'send',
      title: `${p.id} produces ${p.eventType}`,
      ...ref(chan, [p.eventType]),
      bindings: { kafka: { clientId: enumOf([p.id]), bindingVersion: KAFKA_BINDING_VERSION } },
    });
  }
  const emitOps = (
    owner: string,
    handlers: Scenario['groups'][number]['handlers'],
    kafka: boolean,
  ) => {
    const byChan = new Map<string, Set<string>>();
    for (const h of handlers ?? [])
      for (const e of h.emit) {
        const chan =
          e.topic !== undefined
            ? topicChan.get(e.topic)
            : e.exchange !== undefined
              ? exchangeChan.get(e.exchange)
              : undefined;
        if (chan !== undefined) add(byChan, chan, e.type);
      }
    for (const [chan, ts] of byChan)
      operations.set(opIds.of(`emit.${owner}.${chan}`), {
        action: 'send',
        title: `${owner} emits ${[...ts].sort().join(', ')}`,
        ...ref(chan, [...ts].sort()),
        ...(kafka
          ? {
              bindings: {
                kafka: { clientId: enumOf([owner]), bindingVersion: KAFKA_BINDING_VERSION },
              },
            }
          : {}),
      });
  };
  for (const g of s.groups) {
    for (const topic of g.topics) {
      const chan = topicChan.get(topic);
      if (chan === undefined) continue;
      operations.set(opIds.of(`consume.${g.id}.${topic}`), {
        action: 'receive',
        title: `group ${g.id} consumes ${topic}`,
        ...ref(chan, flows.topicTypes.get(topic) ?? []),
        bindings: {
          kafka: {
            groupId: enumOf([g.id]),
            // A group of no members has no client ids (an empty enum is not a schema).
            ...(memberIds(g).length ? { clientId: enumOf(memberIds(g)) } : {}),
            bindingVersion: KAFKA_BINDING_VERSION,
          },
        },
      });
    }
    emitOps(g.id, g.handlers, true);
    const dlt = g.failure?.deadLetterTopic;
    const dltChan = dlt === undefined ? undefined : topicChan.get(dlt);
    if (dlt !== undefined && dltChan !== undefined)
      operations.set(opIds.of(`deadLetter.${g.id}`), {
        action: 'send',
        title: `group ${g.id} dead-letters to ${dlt}`,
        ...ref(dltChan, flows.topicTypes.get(dlt) ?? []),
      });
  }
  // An event store's command handlers reading a topic (commands: { topic }) consume it too.
  for (const agg of s.eventStore?.aggregates ?? []) {
    const topic = 'topic' in agg.commands ? agg.commands.topic : undefined;
    const chan = topic === undefined ? undefined : topicChan.get(topic);
    if (topic === undefined || chan === undefined) continue;
    operations.set(opIds.of(`commands.${agg.id}.${topic}`), {
      action: 'receive',
      title: `the ${agg.id} command handlers read commands from ${topic}`,
      ...ref(chan, flows.topicTypes.get(topic) ?? []),
    });
  }
  for (const p of a?.publishers ?? []) {
    const chan = exchangeChan.get(p.exchange);
    if (chan === undefined) continue;
    const amqp: Obj = {
      deliveryMode: (p.persistent ?? true) ? 2 : 1,
      mandatory: p.mandatory ?? false,
    };
    if (p.expiration !== undefined) amqp.expiration = Number(p.expiration);
    amqp.bindingVersion = AMQP_BINDING_VERSION;
    operations.set(opIds.of(`publish.${p.id}`), {
      action: 'send',
      title: `${p.id} publishes ${p.eventType}`,
      ...ref(chan, [p.eventType]),
      bindings: { amqp },
    });
  }
  for (const c of a?.consumers ?? []) {
    const chan = queueChan.get(c.queue);
    if (chan === undefined) continue;
    operations.set(opIds.of(`consume.${c.id}.${c.queue}`), {
      action: 'receive',
      title: `${c.id} (${consumerMemberIds(c).length} consumers) consumes ${c.queue}`,
      ...ref(chan, flows.queueTypes.get(c.queue) ?? []),
      bindings: { amqp: { ack: !(c.autoAck ?? false), bindingVersion: AMQP_BINDING_VERSION } },
    });
    emitOps(c.id, c.handlers, false);
  }

  const servers: Obj = {};
  if (topicChan.size)
    servers.kafka = {
      host: opts.kafkaHost ?? 'localhost:9092',
      protocol: 'kafka',
      description: 'The Kafka cluster the design runs on.',
    };
  if (exchangeChan.size || queueChan.size)
    servers.rabbitmq = {
      host: opts.amqpHost ?? 'localhost:5672',
      protocol: 'amqp',
      protocolVersion: '0.9.1',
      description: 'The RabbitMQ broker (vhost /).',
    };
  const doc: Obj = {
    asyncapi: ASYNCAPI_VERSION,
    info: {
      title: s.name,
      version: '1.0.0',
      description:
        (s.description ? `${s.description}\n\n` : '') + 'Exported by EventFlow from the design.',
    },
  };
  if (Object.keys(servers).length) doc.servers = servers;
  doc.channels = obj(channels);
  doc.operations = obj(operations);
  doc.components = { messages: obj(messages), schemas: obj(schemas) };
  return doc;
}

function add(m: Map<string, Set<string>>, k: string, v: string): void {
  let set = m.get(k);
  if (!set) m.set(k, (set = new Set()));
  set.add(v);
}

export function asyncApiJson(s: Scenario, opts?: AsyncApiOptions): string {
  return JSON.stringify(toAsyncApi(s, opts), null, 2) + '\n';
}
