/**
 * A runnable Node client script (ES module) that plays a design against a real Kafka (kafkajs)
 * and/or RabbitMQ (amqplib): its producers at their rates and keys, its consumer groups with
 * their settings, its services' handlers and emits, its RabbitMQ publishers and consumers.
 *
 * The design travels as data: one JSON text inside a string literal (`JSON.parse("…")`), so no
 * user text is ever JavaScript source, and a name like `__proto__` stays an own property. The
 * code around it is fixed (CLIENT_RUNTIME below).
 *
 * Sources followed: KafkaJS docs (Producing Messages: `producer({ idempotent,
 * maxInFlightRequests, transactionalId })`, `send({ topic, acks, messages })`, transactions with
 * `sendOffsets`; Consuming Messages: `consumer({ groupId, sessionTimeout, heartbeatInterval,
 * rebalanceTimeout, readUncommitted, maxWaitTimeInMs })`, `subscribe({ topics, fromBeginning })`,
 * `run({ autoCommit, autoCommitInterval, eachMessage })`, `commitOffsets`; Admin:
 * `createTopics({ topics: [{ topic, numPartitions, replicationFactor, configEntries }] })`) and
 * amqplib's channel API (assertExchange, assertQueue, bindQueue, bindExchange, publish with
 * persistent / mandatory / expiration / headers, createConfirmChannel + waitForConfirms,
 * prefetch, consume with noAck, ack with allUpTo, nack with requeue).
 */
import { consumerMemberIds, memberIds, type Scenario } from '../../engine';
import { autoCommit, kafkaTopicProblem } from './kafkaCli';

/** The design as the script reads it. */
export function clientPlan(s: Scenario): unknown {
  const topics = s.topics
    .filter((t) => kafkaTopicProblem(t.name) === null)
    .map((t) => ({
      name: t.name,
      partitions: t.partitions,
      replicationFactor: t['replication.factor'] ?? -1,
      configs: (
        [
          'cleanup.policy',
          'retention.ms',
          'retention.bytes',
          'segment.ms',
          'segment.bytes',
          'delete.retention.ms',
          'min.compaction.lag.ms',
          'min.cleanable.dirty.ratio',
          'min.insync.replicas',
          'unclean.leader.election.enable',
        ] as const
      )
        .filter((k) => t[k] !== undefined)
        .map((k) => [k, String(t[k])]),
    }));
  return {
    name: s.name,
    durationMs: s.durationMs ?? 10_000,
    topics,
    producers: s.producers,
    groups: s.groups.map((g) => ({ ...g, memberIds: memberIds(g), autoCommit: autoCommit(g) })),
    amqp: s.amqp
      ? {
          ...s.amqp,
          consumers: s.amqp.consumers.map((c) => ({ ...c, memberIds: consumerMemberIds(c) })),
        }
      : null,
  };
}

/** The script's text. Deterministic for one scenario. */
export function clientScript(s: Scenario): string {
  const plan = JSON.stringify(clientPlan(s));
  const usesKafka = s.topics.length > 0 || s.producers.length > 0 || s.groups.length > 0;
  const usesAmqp = s.amqp !== undefined;
  const deps = [usesKafka ? 'kafkajs' : null, usesAmqp ? 'amqplib' : null].filter(Boolean);
  const header = [
    '#!/usr/bin/env node',
    `// EventFlow client for the design ${JSON.stringify(s.name).replace(/[\u2028\u2029]/g, ' ')}: its producers and consumers against real brokers.`,
    `// npm install ${deps.join(' ') || '(nothing)'}; node <this file> [--brokers host:9092,...] [--amqp amqp://host] [--duration ms] [--create-topics] [--print-design]`,
    '// Generated: edit the design in EventFlow and export again rather than this file.',
    `const DESIGN = JSON.parse(${JSON.stringify(plan)});`,
  ];
  return header.join('\n') + '\n' + CLIENT_RUNTIME;
}

/** The fixed part of the script (plain JavaScript; no template substitutions in it). */
export const CLIENT_RUNTIME = String.raw`
const args = process.argv.slice(2);
const has = (name) => args.includes(name);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const BROKERS = opt('--brokers', process.env.KAFKA_BROKERS || 'localhost:9092').split(',');
const AMQP_URL = opt('--amqp', process.env.AMQP_URL || 'amqp://localhost');
const DURATION_MS = Number(opt('--duration', String(DESIGN.durationMs)));
const started = Date.now();
let stopping = false;
const running = () => !stopping && Date.now() - started < DURATION_MS;
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const counts = new Map();
const count = (what) => counts.set(what, (counts.get(what) || 0) + 1);

function sample(d) {
  if (d === undefined) return 0;
  if (typeof d === 'number') return d;
  switch (d.kind) {
    case 'constant': return d.ms;
    case 'uniform': return d.minMs + Math.random() * (d.maxMs - d.minMs);
    case 'exponential': return -Math.log(1 - Math.random()) * d.meanMs;
    case 'normal': {
      const u = 1 - Math.random(), v = Math.random();
      return Math.max(0, d.meanMs + d.stddevMs * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    }
  }
  return 0;
}
function keyPicker(k) {
  if (!k || k.kind === 'null') return () => null;
  const names = k.kind === 'fixed' ? k.keys : Array.from({ length: k.count }, (_, i) => (k.prefix ?? 'key-') + i);
  if (names.length === 0) return () => null;
  if (k.kind === 'zipf') {
    const s = k.exponent ?? 1, cdf = [];
    let sum = 0;
    for (let i = 0; i < names.length; i++) cdf.push((sum += 1 / Math.pow(i + 1, s)));
    return () => {
      const u = Math.random() * sum, i = cdf.findIndex((c) => u < c);
      return names[i < 0 ? names.length - 1 : i];
    };
  }
  return () => names[Math.floor(Math.random() * names.length)];
}
function rateNow(rate) {
  const t = Date.now() - started;
  let r = rate.perSec;
  for (const b of rate.bursts ?? []) if (t >= b.atMs && t < b.atMs + b.durationMs) r *= b.multiplier;
  return r;
}
function gapMs(rate) {
  const r = rateNow(rate);
  if (!(r > 0)) return 100;
  return rate.kind === 'poisson' ? (-Math.log(1 - Math.random()) * 1000) / r : 1000 / r;
}
function put(o, k, v) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
let seq = 0;
function makeEvent(type, key, keyField, payload, source, cause) {
  const id = 'evt-' + process.pid + '-' + ++seq;
  const p = JSON.parse(JSON.stringify(payload ?? {}));
  if (key !== null && key !== undefined) put(p, keyField ?? 'key', key);
  return {
    eventId: id,
    eventType: type,
    timestamp: Date.now(),
    payload: p,
    metadata: {
      correlationId: cause ? cause.metadata.correlationId : id,
      causationId: cause ? cause.eventId : null,
      source,
      version: 1,
    },
  };
}
/** The payload field that carries an event's key: its producer's keyField (default key). */
function keyFieldOf(ev) {
  if (!ev || !ev.payload || typeof ev.payload !== 'object') return 'key';
  const fields = [...DESIGN.producers, ...(DESIGN.amqp ? DESIGN.amqp.publishers : [])].map((p) => p.keyField ?? 'key');
  return fields.find((f) => Object.hasOwn(ev.payload, f) && typeof ev.payload[f] === 'string') ?? 'key';
}
function keyOf(ev) {
  const f = keyFieldOf(ev);
  return ev && ev.payload && typeof ev.payload[f] === 'string' ? ev.payload[f] : null;
}
function routingKeyFor(spec, ev, key) {
  if (typeof spec === 'string')
    return spec.replace(/\{([^{}]*)\}/g, (_, f) => {
      if (f === 'key') return String(key ?? '');
      if (f === 'type') return ev.eventType;
      const v = Object.hasOwn(ev.payload ?? {}, f) ? ev.payload[f] : undefined;
      // A list in the payload template: one of its values per message, as the simulator draws.
      const pick = Array.isArray(v) ? v[Math.floor(Math.random() * v.length)] : v;
      if (pick === undefined || pick === null) return '';
      return typeof pick === 'object' ? JSON.stringify(pick) : String(pick);
    });
  const w = spec.weights ?? spec.keys.map(() => 1);
  let u = Math.random() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < spec.keys.length; i++) if ((u -= w[i]) < 0) return spec.keys[i];
  return spec.keys[spec.keys.length - 1];
}
async function paced(from, to, rate, each) {
  await sleep((from ?? 0) - (Date.now() - started));
  let next = Date.now();
  while (running() && (to === undefined || Date.now() - started < to)) {
    await each();
    next += gapMs(rate);
    await sleep(next - Date.now());
  }
}

let kafka = null, amqpConn = null;
const closers = [];
async function emit(e, ev, key, producer, tx) {
  if (e.topic !== undefined) {
    const message = { key: e.key === 'none' ? null : key, value: JSON.stringify(ev), headers: { eventType: ev.eventType } };
    await (tx ?? producer ?? (await sharedProducer())).send({ topic: e.topic, messages: [message] });
  } else if (e.exchange !== undefined) {
    const ch = await amqpPublishChannel();
    ch.publish(e.exchange, routingKeyFor(e.routingKey ?? '', ev, key), Buffer.from(JSON.stringify(ev)),
      { persistent: true, contentType: 'application/json', type: ev.eventType, messageId: ev.eventId });
  }
  count('emitted ' + ev.eventType);
}
async function handle(owner, rules, failure, ev, key, send) {
  const retries = failure?.retries ?? 0;
  for (let attempt = 0; ; attempt++) {
    if (!(failure && Math.random() < failure.rate)) break;
    count(owner + ' failed attempts');
    if (attempt >= retries) return false;
    await sleep(failure.backoffMs ?? 0);
  }
  for (const rule of rules ?? [])
    if (rule.on === ev.eventType)
      for (const e of rule.emit)
        if (Math.random() < (e.probability ?? 1))
          await send(e, makeEvent(e.type, e.key === 'none' ? null : key, keyFieldOf(ev), {}, owner, ev));
  return true;
}

async function runProducer(p) {
  const c = p.config ?? {};
  const producer = kafka.producer({
    idempotent: c['transactional.id'] !== undefined || (c['enable.idempotence'] ?? (c.acks ?? 'all') === 'all'),
    maxInFlightRequests: c['max.in.flight.requests.per.connection'],
    transactionalId: c['transactional.id'],
    transactionTimeout: c['transaction.timeout.ms'],
    retry: c.retries === undefined ? undefined : { retries: Math.min(c.retries, 1000) },
  });
  await producer.connect();
  closers.push(() => producer.disconnect());
  const acks = c.acks === '0' ? 0 : c.acks === '1' ? 1 : -1;
  const pick = keyPicker(p.keys);
  const sendKey = (p.sendKey ?? true) && p.keys.kind !== 'null';
  const batch = c['transactional.id'] !== undefined ? p.transactionRecords ?? 10 : 1;
  const message = () => {
    const key = pick();
    const tomb = Math.random() < (p.tombstoneShare ?? 0);
    const ev = makeEvent(p.eventType, key, p.keyField, p.payload, p.id, null);
    const m = { key: sendKey ? key : null, value: tomb ? null : JSON.stringify(ev), headers: { eventType: p.eventType } };
    if (p.partition !== undefined) m.partition = p.partition;
    return m;
  };
  await paced(p.startMs, p.stopMs, { ...p.rate, perSec: p.rate.perSec / batch }, async () => {
    const messages = Array.from({ length: batch }, message);
    if (c['transactional.id'] !== undefined) {
      const tx = await producer.transaction();
      for (const m of messages) await tx.send({ topic: p.topic, messages: [m] });
      await tx.commit();
    } else await producer.send({ topic: p.topic, acks, messages });
    for (let i = 0; i < messages.length; i++) count('produced ' + p.topic);
  });
}

async function runMember(g, memberId) {
  const c = g.config ?? {};
  const consumer = kafka.consumer({
    groupId: g.id,
    sessionTimeout: c['session.timeout.ms'],
    heartbeatInterval: c['heartbeat.interval.ms'],
    rebalanceTimeout: c['max.poll.interval.ms'],
    readUncommitted: c['isolation.level'] !== 'read_committed',
    metadataMaxAge: c['metadata.max.age.ms'],
  });
  const tid = c['transactional.id'];
  const producer = kafka.producer({
    idempotent: tid !== undefined,
    transactionalId: tid === undefined ? undefined : tid.split('{member}').join(memberId),
    maxInFlightRequests: tid === undefined ? undefined : 1,
  });
  await consumer.connect();
  await producer.connect();
  closers.push(() => consumer.disconnect(), () => producer.disconnect());
  await consumer.subscribe({ topics: g.topics, fromBeginning: c['auto.offset.reset'] === 'earliest' });
  const manual = !g.autoCommit;
  await consumer.run({
    autoCommit: g.autoCommit,
    autoCommitInterval: c['auto.commit.interval.ms'] ?? 5000,
    eachMessage: async ({ topic, partition, message }) => {
      const next = String(BigInt(message.offset) + 1n);
      const commit = () => consumer.commitOffsets([{ topic, partition, offset: next }]);
      if (manual && tid === undefined && g.commit === 'before-processing') await commit();
      let ev = null;
      try { ev = message.value ? JSON.parse(message.value.toString()) : null; } catch { ev = null; }
      const key = message.key ? message.key.toString() : keyOf(ev);
      await sleep(sample(g.processingMs));
      count(g.id + ' processed');
      const tx = tid === undefined ? null : await producer.transaction();
      const ok = ev ? await handle(g.id, g.handlers, g.failure, ev, key, (e, out) => emit(e, out, key, producer, tx)) : true;
      if (!ok && g.failure?.deadLetterTopic !== undefined) {
        await (tx ?? producer).send({ topic: g.failure.deadLetterTopic, messages: [{ key: message.key, value: message.value, headers: message.headers }] });
        count(g.id + ' dead-lettered');
      }
      if (tx) {
        await tx.sendOffsets({ consumerGroupId: g.id, topics: [{ topic, partitions: [{ partition, offset: next }] }] });
        await tx.commit();
      } else if (manual && g.commit !== 'before-processing') await commit();
    },
  });
}

let shared = null;
async function sharedProducer() {
  if (!shared) {
    shared = kafka.producer();
    await shared.connect();
    closers.push(() => shared.disconnect());
  }
  return shared;
}
let publishChannel = null;
async function amqpPublishChannel() {
  if (!publishChannel) publishChannel = await amqpConn.createChannel();
  return publishChannel;
}
const predeclared = (name) => name === '' || name.startsWith('amq.');
async function declareAmqp(a) {
  const ch = await amqpConn.createChannel();
  for (const x of a.exchanges)
    if (!predeclared(x.name))
      await ch.assertExchange(x.name, x.type, { durable: x.durable ?? false, autoDelete: x.autoDelete ?? false, internal: x.internal ?? false, arguments: x.arguments ?? {} });
  for (const q of a.queues)
    await ch.assertQueue(q.name, { durable: q.durable ?? (q.arguments ?? {})['x-queue-type'] === 'quorum', exclusive: q.exclusive ?? false, autoDelete: q.autoDelete ?? false, arguments: q.arguments ?? {} });
  for (const b of a.bindings)
    if (b.destinationType === 'queue') await ch.bindQueue(b.destination, b.source, b.routingKey, b.arguments ?? {});
    else await ch.bindExchange(b.destination, b.source, b.routingKey, b.arguments ?? {});
  await ch.close();
}
async function runPublisher(p) {
  const ch = p.confirm ? await amqpConn.createConfirmChannel() : await amqpConn.createChannel();
  ch.on('return', () => count(p.id + ' returned (unroutable)'));
  const pick = keyPicker(p.keys);
  await paced(p.startMs, p.stopMs, p.rate, async () => {
    const key = pick();
    const ev = makeEvent(p.eventType, key, p.keyField, p.payload, p.id, null);
    const options = { persistent: p.persistent ?? true, mandatory: p.mandatory ?? false, headers: p.headers ?? {},
      contentType: 'application/json', type: p.eventType, messageId: ev.eventId };
    if (p.expiration !== undefined) options.expiration = p.expiration;
    ch.publish(p.exchange, routingKeyFor(p.routingKey, ev, key), Buffer.from(JSON.stringify(ev)), options);
    if (p.confirm) await ch.waitForConfirms();
    count('published ' + p.exchange);
  });
  closers.push(() => ch.close().catch(() => {}));
}
async function runAmqpConsumer(c, memberId) {
  const ch = await amqpConn.createChannel();
  if ((c.prefetch ?? 0) > 0) await ch.prefetch(c.prefetch);
  const every = c.ackEvery ?? 1;
  let chain = Promise.resolve(), handled = 0, last = null;
  const flush = () => { if (last) { ch.ack(last, true); last = null; handled = 0; } };
  const timer = setInterval(flush, c.ackFlushMs ?? 1000);
  closers.push(() => { clearInterval(timer); flush(); return ch.close().catch(() => {}); });
  await ch.consume(c.queue, (msg) => {
    if (!msg) return;
    chain = chain.then(async () => {
      let ev = null;
      try { ev = JSON.parse(msg.content.toString()); } catch { ev = null; }
      const key = keyOf(ev);
      await sleep(sample(c.processingMs));
      count(c.id + ' delivered' + (msg.fields.redelivered ? ' (redelivered)' : ''));
      if (c.failure && Math.random() < c.failure.rate) {
        if (!c.autoAck) { flush(); ch.nack(msg, false, c.failure.requeue); }
        count(c.id + ' nacked');
        return;
      }
      if (ev) await handle(c.id, c.handlers, undefined, ev, key, (e, out) => emit(e, out, key, null, null));
      if (!c.autoAck) { last = msg; if (++handled >= every) flush(); }
    }).catch((err) => { if (!stopping) console.error(c.id + '/' + memberId + ': ' + err.message); });
  }, { noAck: c.autoAck ?? false, consumerTag: memberId });
}

async function main() {
  if (has('--print-design')) { console.log(JSON.stringify(DESIGN)); return; }
  process.on('SIGINT', () => { stopping = true; });
  const tasks = [];
  if (DESIGN.topics.length || DESIGN.producers.length || DESIGN.groups.length) {
    const { Kafka, logLevel } = await import('kafkajs');
    kafka = new Kafka({ clientId: 'eventflow', brokers: BROKERS, logLevel: logLevel.WARN });
    if (has('--create-topics')) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ waitForLeaders: true, topics: DESIGN.topics.map((t) => ({
        topic: t.name, numPartitions: t.partitions, replicationFactor: t.replicationFactor,
        configEntries: t.configs.map(([name, value]) => ({ name, value })) })) });
      await admin.disconnect();
    }
  }
  if (DESIGN.amqp) {
    const amqplib = await import('amqplib');
    amqpConn = await (amqplib.connect ?? amqplib.default.connect)(AMQP_URL);
    amqpConn.on('error', (err) => { if (!stopping) { console.error('RabbitMQ: ' + err.message); process.exit(1); } });
    await declareAmqp(DESIGN.amqp);
    for (const c of DESIGN.amqp.consumers) for (const m of c.memberIds) await runAmqpConsumer(c, m);
    for (const p of DESIGN.amqp.publishers) tasks.push(runPublisher(p));
  }
  for (const g of DESIGN.groups) for (const m of g.memberIds) await runMember(g, m);
  for (const p of DESIGN.producers) tasks.push(runProducer(p));
  await Promise.all(tasks);
  while (running()) await sleep(100);
  stopping = true;
  for (const close of closers.reverse()) await close();
  if (amqpConn) await amqpConn.close();
  console.log(JSON.stringify(Object.fromEntries([...counts].sort()), null, 2));
}
main().catch((err) => { console.error(err && err.message ? err.message : String(err)); process.exit(1); });
`;
