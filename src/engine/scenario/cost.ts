/**
 * What a scenario costs to simulate, estimated from the scenario alone (pure, no run): each
 * field can be within its own bounds while their product exhausts memory or time (rate ×
 * bursts, producers × keys, topics × partitions, handler fan-out). `costProblems` compares an
 * estimate with limits and names what is too large; the app refuses to play past
 * BROWSER_LIMITS, the CLI past CLI_LIMITS unless `--allow-large`.
 *
 * Sizes follow the engine's state (state.ts): per partition and group five typed-array slots,
 * per group and record source a Float64Array over every key (order tables), a dedup store entry
 * per record an idempotent group processes. Event counts follow measured runs: about one event
 * per appended record plus ~1.5 per record and reading group (poll, processed, commit).
 */
import { assertNever } from '../kafka/events';
import type { CostProblemCode, ErrorParams } from './errorCodes';
import { Router } from './instantLoops';
import type { Scenario } from './types';

export interface ScenarioCost {
  durationMs: number;
  topics: number;
  partitions: number;
  members: number;
  /** Σ over groups of members × partitions read: what each rebalance's assignor works through. */
  assignmentWork: number;
  /** Keys over all producers (the engine's key table). */
  keys: number;
  /** Per-key order tables: groups × record sources × keys × 8 bytes. */
  keyTableBytes: number;
  /** Records appended per record produced, through handler rules (Infinity: a cycle amplifies). */
  fanOut: number;
  /** Records appended per second at the busiest moment (bursts and fan-out included). */
  peakRecordsPerSec: number;
  /** Records appended over the whole run. */
  totalRecords: number;
  totalEvents: number;
  /** Simulation state at the run's end (partitions, groups, key tables, dedup stores). */
  stateBytes: number;
  /** RabbitMQ: exchanges, queues and bindings declared. */
  amqpTopology: number;
  /** RabbitMQ: bindings examined per second at the busiest moment (publishes × bindings). */
  amqpRoutingPerSec: number;
}

export interface CostLimits {
  partitions: number;
  members: number;
  assignmentWork: number;
  keys: number;
  keyTableBytes: number;
  fanOut: number;
  peakRecordsPerSec: number;
  totalEvents: number;
  stateBytes: number;
  amqpRoutingPerSec: number;
}

const MB = 2 ** 20;

/** What the app runs in a browser tab's worker (a few hundred MB, no hang over ~1 s a step). */
export const BROWSER_LIMITS: CostLimits = {
  partitions: 50_000,
  members: 2_000,
  assignmentWork: 5_000_000,
  keys: 1_000_000,
  keyTableBytes: 256 * MB,
  fanOut: 1_000,
  peakRecordsPerSec: 2_000_000,
  totalEvents: 500_000_000,
  stateBytes: 512 * MB,
  amqpRoutingPerSec: 50_000_000,
};

/** What the CLI runs without `--allow-large` (Node has more memory and no frame to keep). */
export const CLI_LIMITS: CostLimits = {
  partitions: 500_000,
  members: 20_000,
  assignmentWork: 50_000_000,
  keys: 10_000_000,
  keyTableBytes: 2048 * MB,
  fanOut: 10_000,
  peakRecordsPerSec: 20_000_000,
  totalEvents: 10_000_000_000,
  stateBytes: 4096 * MB,
  amqpRoutingPerSec: 500_000_000,
};

const DEFAULT_DURATION_MS = 10_000;
/** Rounds of handler propagation: deeper chains than this count as unbounded fan-out. */
const FAN_OUT_ROUNDS = 64;

export function estimateCost(s: Scenario): ScenarioCost {
  const durationMs = positive(s.durationMs) ?? DEFAULT_DURATION_MS;
  const topics = arr(s.topics);
  const groups = arr(s.groups);
  const producers = arr(s.producers);
  // addPartitions reserves the topic's final count from the start (model.ts).
  const partitionsOf = new Map(topics.map((t) => [t.name, nonNeg(t.partitions)]));
  for (const f of arr(s.faults))
    if (f && f.kind === 'addPartitions' && partitionsOf.has(f.topic))
      partitionsOf.set(f.topic, Math.max(partitionsOf.get(f.topic)!, nonNeg(f.partitions)));
  const partitions =
    sum(topics.map((t) => nonNeg(t.partitions))) +
    sum(topics.map((t) => (partitionsOf.get(t.name) ?? 0) - nonNeg(t.partitions)));
  const membersOf = (g: Scenario['groups'][number]) =>
    Array.isArray(g.members) ? g.members.length : nonNeg(g.members);
  const members = sum(groups.map(membersOf));
  const readOf = (g: Scenario['groups'][number]) =>
    sum(arr(g.topics).map((t) => partitionsOf.get(t) ?? 0));
  const assignmentWork = sum(groups.map((g) => membersOf(g) * readOf(g)));
  const keys = sum(producers.map((p) => keysOf(p.keys)));
  const sources = producers.length + groups.filter((g) => arr(g.handlers).length > 0).length;
  const keyTableBytes = groups.length * sources * keys * 8;

  // Records per second into each topic by event type: producers, then handler rules, to a
  // fixed point (a cycle whose gain is ≥ 1 never settles: unbounded).
  const avg = flows(s, durationMs, false);
  const peak = flows(s, durationMs, true);
  const produced = sum(producers.map((p) => avgRate(p, durationMs)));
  const fanOut = !Number.isFinite(avg.total) ? Infinity : produced > 0 ? avg.total / produced : 1;
  const totalRecords = Number.isFinite(avg.total) ? (avg.total * durationMs) / 1000 : Infinity;
  const readers = (topic: string) => groups.filter((g) => arr(g.topics).includes(topic)).length;
  let eventsPerSec = 0;
  for (const [topic, rate] of avg.byTopic) eventsPerSec += rate * (1 + 1.5 * readers(topic));
  // Kafka services that publish to an exchange: at most one message per emit rule per record read
  // (publishers' messages are amqpCost's).
  for (const g of groups) {
    const read = sum(arr(g.topics).map((t) => avg.byTopic.get(t) ?? 0));
    for (const h of arr(g.handlers))
      for (const e of arr(h?.emit))
        if (typeof e?.exchange === 'string')
          eventsPerSec +=
            read * Math.min(1, nonNeg(e.probability ?? 1)) * amqpEventsPerMessage(s, e.exchange);
  }
  const totalEvents = Number.isFinite(avg.total) ? (eventsPerSec * durationMs) / 1000 : Infinity;
  const detailed = s.cluster !== undefined || s.network !== undefined;
  const rf = Math.max(1, ...topics.map((t) => nonNeg(t['replication.factor'] ?? 1)));
  let dedupRecords = 0;
  for (const g of groups)
    if (g.idempotent)
      for (const t of arr(g.topics))
        dedupRecords += ((avg.byTopic.get(t) ?? 0) * durationMs) / 1000;
  const amqp = amqpCost(s, durationMs);
  const es = eventStoreCost(s, durationMs);
  const st = streamsCost(s, durationMs);
  const stateBytes =
    st.bytes +
    es.records * 256 +
    amqp.messages * 96 +
    partitions * (96 + 36 * groups.length + (detailed ? 48 + 24 * rf : 0)) +
    sum(groups.map((g) => readOf(g) * 48)) +
    members * 512 +
    keys * 64 +
    keyTableBytes +
    dedupRecords * 48;
  return {
    durationMs,
    topics: topics.length,
    partitions,
    members: members + amqp.members + es.members,
    assignmentWork,
    keys,
    keyTableBytes,
    fanOut,
    peakRecordsPerSec: peak.total + amqp.peakPerSec + es.peakPerSec,
    totalRecords: totalRecords + amqp.messages + es.records + st.records,
    totalEvents: totalEvents + amqp.events + es.events + st.events,
    stateBytes,
    amqpTopology: amqp.topology,
    amqpRoutingPerSec: amqp.routingPerSec,
  };
}

/**
 * RabbitMQ's part: each publish is routed through the bindings (routing work) and lands in
 * every queue its exchange can reach (an upper bound: where the key decides, every binding
 * counts); each queued message costs about four events (published, queued, delivered, acked)
 * and is counted as held until the end (state). Consumers' handler emits are not followed.
 */
function amqpCost(s: Scenario, durationMs: number) {
  const a = s.amqp;
  const none = { members: 0, peakPerSec: 0, messages: 0, events: 0, topology: 0, routingPerSec: 0 };
  if (!a || typeof a !== 'object') return none;
  const exchanges = arr(a.exchanges);
  const queues = arr(a.queues);
  const bindings = arr(a.bindings);
  // Untrusted input may reach here unparsed: route only through well-formed entries.
  const obj = <T>(xs: readonly T[]) =>
    xs.filter((x): x is T => typeof x === 'object' && x !== null);
  const r = new Router({
    ...a,
    exchanges: obj(exchanges).filter((x) => typeof x.name === 'string'),
    queues: obj(queues).filter((q) => typeof q.name === 'string'),
    bindings: obj(bindings).filter(
      (b) => typeof b.source === 'string' && typeof b.routingKey === 'string',
    ),
  });
  let peakPerSec = 0;
  let avgPerSec = 0;
  let publishPeak = 0;
  for (const p of obj(arr(a.publishers))) {
    const reached = Math.max(
      1,
      r.route(typeof p.exchange === 'string' ? p.exchange : '', null).length,
    );
    publishPeak += peakRate(p as unknown as ProducerSpec);
    peakPerSec += peakRate(p as unknown as ProducerSpec) * reached;
    avgPerSec += avgRate(p as unknown as ProducerSpec, durationMs) * reached;
  }
  const messages = (avgPerSec * durationMs) / 1000;
  return {
    members: sum(
      obj(arr(a.consumers)).map((c) =>
        Array.isArray(c.members) ? c.members.length : nonNeg(c.members),
      ),
    ),
    peakPerSec,
    messages,
    events: messages * 4,
    topology: exchanges.length + queues.length + bindings.length,
    routingPerSec: publishPeak * (bindings.length + 1),
  };
}

/**
 * The event store's part (esdb/system): each command is a few events (sent, read, appended,
 * succeeded; a conflict adds a read per retry, and only concurrent handlers conflict) plus two
 * per projection of its stream, and a handler reads its stream on each attempt: without snapshots the whole stream (half of it on
 * average over the run), with them at most `every` events. Queries are one event each. Commands
 * from a Kafka topic follow the topic's records; a client source sends between startMs and stopMs.
 */
function eventStoreCost(s: Scenario, durationMs: number) {
  const e = s.eventStore;
  const none = { members: 0, peakPerSec: 0, records: 0, events: 0 };
  if (!e || typeof e !== 'object') return none;
  const obj = <T>(xs: readonly T[]) =>
    xs.filter((x): x is T => typeof x === 'object' && x !== null);
  const projections = obj(arr(e.projections)).length;
  const topicRates = flows(s, durationMs, false).byTopic;
  let members = 0;
  let peakPerSec = 0;
  let records = 0;
  let events = 0;
  for (const a of obj(arr(e.aggregates))) {
    const c = a.commands as Record<string, unknown> | undefined;
    if (!c || typeof c !== 'object') continue;
    const spec = c as unknown as ProducerSpec;
    const topicRate = typeof c.topic === 'string' ? (topicRates.get(c.topic) ?? 0) : -1;
    const peak = topicRate >= 0 ? topicRate : peakRate(spec);
    let commands: number;
    let keys: number;
    if (topicRate < 0) {
      commands = (avgRate(spec, durationMs) * activeMs(spec, durationMs)) / 1000;
      keys = Math.max(1, keysOf(spec.keys));
    } else {
      // A topic's records: its producers' (while they send, over their keys), plus what
      // services emit to it (the topic's rate beyond its producers').
      const ps = obj(arr(s.producers)).filter((p) => p.topic === c.topic);
      let own = 0;
      let ownRate = 0;
      keys = 0;
      for (const p of ps) {
        own += (avgRate(p, durationMs) * activeMs(p, durationMs)) / 1000;
        ownRate += avgRate(p, durationMs);
        keys += Math.max(1, keysOf(p.keys));
      }
      commands = own + (Math.max(0, topicRate - ownRate) * durationMs) / 1000;
      keys = Math.max(1, keys);
    }
    const every = nonNeg(a.snapshot?.every);
    const perStream = commands / keys;
    const handlers = Math.max(1, nonNeg(a.handlers ?? 1));
    // One handler appends one command at a time: it never conflicts with itself, so never retries.
    const attempts = handlers === 1 ? 1 : 1 + Math.min(100, nonNeg(a.maxRetries ?? 3));
    const read = every > 0 ? Math.min(every, perStream) : perStream / 2;
    members += handlers;
    peakPerSec += peak * (1 + projections);
    records += commands;
    events += commands * (4 + 2 * projections + attempts) + commands * attempts * read;
  }
  for (const q of obj(arr(e.queries)))
    events +=
      (avgRate({ rate: q.rate } as unknown as ProducerSpec, durationMs) * durationMs) / 1000;
  return { members, peakPerSec, records, events };
}

/**
 * Stream jobs' part (stream/system/): each source record is an element of every window job
 * reading its topic (an assignment fact, and a place in each window it joins: size / slide for
 * sliding windows), kept in the job's input log for the timeline's replay (state); a periodic
 * watermark emission per autoWatermarkInterval at most; about one firing per element at most
 * (an upper bound: every element its own window) with its alert record. An EPL job's events
 * are bounded the same way: a fact and an output record per input at most, plus its timers.
 */
function streamsCost(s: Scenario, durationMs: number) {
  const st = s.streams;
  const none = { records: 0, events: 0, bytes: 0 };
  if (!st || typeof st !== 'object') return none;
  const obj = <T>(xs: readonly T[]) =>
    xs.filter((x): x is T => typeof x === 'object' && x !== null);
  const topicRates = flows(s, durationMs, false).byTopic;
  let records = 0;
  let events = 0;
  let bytes = 0;
  for (const w of obj(arr(st.windows))) {
    const elements = ((topicRates.get(w.source) ?? 0) * durationMs) / 1000;
    const a = w.assigner as { type?: unknown; size?: unknown; slide?: unknown } | undefined;
    const perElement =
      a?.type === 'sliding' ? Math.ceil(nonNeg(a.size) / Math.max(1, nonNeg(a.slide))) : 1;
    const interval = Math.max(1, nonNeg(w.watermarks?.autoWatermarkIntervalMs ?? 200));
    records += elements;
    events += elements * (3 + perElement) + durationMs / interval;
    bytes += elements * (200 + 16 * perElement);
  }
  for (const p of obj(arr(st.patterns))) {
    const inputs = sum(arr(p.sources).map((t) => ((topicRates.get(t) ?? 0) * durationMs) / 1000));
    records += inputs;
    events += inputs * 4;
    bytes += inputs * 200;
  }
  return { records, events, bytes };
}

/** One thing that is too large: a code (errorCodes.ts) and its figures, for any language. */
export interface CostProblem {
  code: CostProblemCode;
  params: ErrorParams;
}

/**
 * What is too large, as codes with their figures (`limit` is the bound that was passed); empty
 * when the scenario fits. Figures are rounded; an unbounded fan-out has its own code.
 */
export function costIssues(c: ScenarioCost, limits: CostLimits): CostProblem[] {
  const out: CostProblem[] = [];
  const r = Math.round;
  const add = (code: CostProblemCode, params: ErrorParams) => out.push({ code, params });
  if (c.partitions > limits.partitions)
    add('partitions', { partitions: c.partitions, topics: c.topics, limit: limits.partitions });
  if (c.members > limits.members) add('members', { members: c.members, limit: limits.members });
  if (c.assignmentWork > limits.assignmentWork)
    add('assignmentWork', { pairs: r(c.assignmentWork), limit: limits.assignmentWork });
  if (c.keys > limits.keys) add('keys', { keys: r(c.keys), limit: limits.keys });
  if (c.keyTableBytes > limits.keyTableBytes)
    add('keyTableBytes', { mb: r(c.keyTableBytes / MB), limitMb: r(limits.keyTableBytes / MB) });
  if (!(c.fanOut <= limits.fanOut)) {
    if (Number.isFinite(c.fanOut)) add('fanOut', { fanOut: r(c.fanOut), limit: limits.fanOut });
    else add('fanOutUnbounded', {});
  }
  if (Number.isFinite(c.fanOut) && c.peakRecordsPerSec > limits.peakRecordsPerSec)
    add('peakRecordsPerSec', {
      perSec: r(c.peakRecordsPerSec),
      limit: limits.peakRecordsPerSec,
      withFanOut: c.fanOut > 1 ? 'yes' : 'no',
    });
  if (Number.isFinite(c.fanOut) && c.totalEvents > limits.totalEvents)
    add('totalEvents', {
      events: r(c.totalEvents),
      seconds: r(c.durationMs / 1000),
      limit: limits.totalEvents,
    });
  if (Number.isFinite(c.fanOut) && c.stateBytes > limits.stateBytes)
    add('stateBytes', { mb: r(c.stateBytes / MB), limitMb: r(limits.stateBytes / MB) });
  if (c.amqpRoutingPerSec > limits.amqpRoutingPerSec)
    add('amqpRoutingWork', {
      perSec: r(c.amqpRoutingPerSec),
      bindings: c.amqpTopology,
      limit: limits.amqpRoutingPerSec,
    });
  return out;
}

/**
 * What is too large, in plain English words naming the fields involved; empty when the scenario
 * fits. `where` names the runner in the messages ("in the browser", "in the CLI").
 */
export function costProblems(c: ScenarioCost, limits: CostLimits, where: string): string[] {
  const n = (x: unknown) => (typeof x === 'number' ? x.toLocaleString('en-US') : String(x));
  return costIssues(c, limits).map(({ code, params: p }) => {
    switch (code) {
      case 'partitions':
        return `Topics × partitions: ${n(p.partitions)} partitions over ${n(p.topics)} topics; at most ${n(p.limit)} can run ${where}.`;
      case 'members':
        return `Consumers: ${n(p.members)} group members; at most ${n(p.limit)} can run ${where}.`;
      case 'assignmentWork':
        return `Members × partitions: each rebalance assigns ${n(p.pairs)} member-partition pairs; at most ${n(p.limit)} ${where}.`;
      case 'keys':
        return `Producers × keys: ${n(p.keys)} keys in all; at most ${n(p.limit)} ${where}.`;
      case 'keyTableBytes':
        return `Groups × producers × keys: per-key order tables need ${n(p.mb)} MB; at most ${n(p.limitMb)} MB ${where}.`;
      case 'fanOut':
        return `Handler fan-out: each produced record leads to ${n(p.fanOut)} appended records; at most ${n(p.limit)} ${where}.`;
      case 'fanOutUnbounded':
        return `Handler fan-out: service handlers emit into a cycle that never dies out (each record leads to more and more records).`;
      case 'peakRecordsPerSec':
        return `Rate × bursts${p.withFanOut === 'yes' ? ' × fan-out' : ''}: up to ${n(p.perSec)} records per sim second; at most ${n(p.limit)} ${where}.`;
      case 'totalEvents':
        return `Records/s × duration: about ${n(p.events)} events over ${n(p.seconds)} s of sim time; at most ${n(p.limit)} ${where} (shorten the run or lower the rates).`;
      case 'amqpRoutingWork':
        return `RabbitMQ publish rate × bindings: routing examines ${n(p.perSec)} bindings per sim second; at most ${n(p.limit)} ${where}.`;
      case 'stateBytes':
        return `State size: the simulation state would reach about ${n(p.mb)} MB (partitions, key tables, dedup stores); at most ${n(p.limitMb)} MB ${where}.`;
      default:
        return assertNever(code);
    }
  });
}

/** Records/s into each topic and in all, with the average or the peak producer rates. */
function flows(
  s: Scenario,
  durationMs: number,
  atPeak: boolean,
): { byTopic: Map<string, number>; total: number } {
  const base = new Map<string, Map<string, number>>();
  const add = (m: Map<string, Map<string, number>>, topic: string, type: string, r: number) => {
    let t = m.get(topic);
    if (!t) m.set(topic, (t = new Map()));
    t.set(type, (t.get(type) ?? 0) + r);
  };
  for (const p of arr(s.producers))
    add(base, p.topic, p.eventType, atPeak ? peakRate(p) : avgRate(p, durationMs));
  let cur = base;
  let total = totalOf(cur);
  for (let round = 0; round < FAN_OUT_ROUNDS; round++) {
    const next = new Map<string, Map<string, number>>();
    for (const [topic, types] of base) for (const [type, r] of types) add(next, topic, type, r);
    for (const g of arr(s.groups)) {
      const rules = new Map(
        arr(g.handlers).map((h) => [h.on, [...arr(h.emit), ...arr(h.onFailure?.emit)]]),
      );
      const failRate = Math.min(1, Math.max(0, g.failure?.rate ?? 0));
      const dlq = g.failure?.deadLetterTopic;
      for (const t of arr(g.topics))
        for (const [type, r] of cur.get(t) ?? []) {
          for (const e of rules.get(type) ?? [])
            if (e.topic !== undefined)
              add(next, e.topic, e.type, r * Math.min(1, Math.max(0, e.probability ?? 1)));
          if (dlq && failRate > 0) add(next, dlq, type, r * failRate);
        }
    }
    const nextTotal = totalOf(next);
    cur = next;
    if (!Number.isFinite(nextTotal) || nextTotal > 1e15)
      return { byTopic: sums(cur), total: Infinity };
    if (Math.abs(nextTotal - total) <= 1e-9 * Math.max(1, nextTotal))
      return { byTopic: sums(cur), total: nextTotal };
    total = nextTotal;
  }
  return { byTopic: sums(cur), total: Infinity };
}

function totalOf(m: Map<string, Map<string, number>>): number {
  let t = 0;
  for (const types of m.values()) for (const r of types.values()) t += r;
  return t;
}

function sums(m: Map<string, Map<string, number>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [topic, types] of m) out.set(topic, sum([...types.values()]));
  return out;
}

type ProducerSpec = Scenario['producers'][number];

function peakRate(p: ProducerSpec): number {
  const perSec = nonNeg(p.rate?.perSec);
  const mult = Math.max(1, ...arr(p.rate?.bursts).map((b) => nonNeg(b?.multiplier)));
  return perSec * mult;
}

function avgRate(p: ProducerSpec, durationMs: number): number {
  const perSec = nonNeg(p.rate?.perSec);
  let extra = 0;
  for (const b of arr(p.rate?.bursts))
    extra +=
      perSec *
      Math.max(0, nonNeg(b.multiplier) - 1) *
      Math.min(1, nonNeg(b.durationMs) / durationMs);
  return perSec + extra;
}

/** Events of one message published to `exchange`: sent, published, and per bound queue four. */
function amqpEventsPerMessage(s: Scenario, exchange: unknown): number {
  const a: unknown = s.amqp;
  const bindings =
    typeof a === 'object' && a !== null ? (a as { bindings?: unknown[] }).bindings : undefined;
  const queues = new Set<unknown>();
  for (const b of arr(bindings))
    if (typeof b === 'object' && b !== null && (b as { source?: unknown }).source === exchange)
      queues.add((b as { destination?: unknown }).destination);
  return 2 + 4 * Math.max(1, queues.size);
}

function keysOf(k: ProducerSpec['keys'] | undefined): number {
  if (!k) return 0;
  switch (k.kind) {
    case 'fixed':
      return Array.isArray(k.keys) ? k.keys.length : 0;
    case 'uniform':
    case 'zipf':
      return nonNeg(k.count);
    case 'null':
      return 0;
    default:
      return 0; // not a valid key spec: parseScenario reports it
  }
}

/** The array, or [] for anything else (untrusted input). */
function arr<T>(x: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(x) ? x : [];
}

/** How long a producer (or a command source) sends: from startMs until stopMs or the end. */
function activeMs(p: { startMs?: unknown; stopMs?: unknown }, durationMs: number): number {
  const from = Math.min(durationMs, nonNeg(p.startMs));
  const until = typeof p.stopMs === 'number' ? Math.min(durationMs, nonNeg(p.stopMs)) : durationMs;
  return Math.max(0, until - from);
}

function nonNeg(x: unknown): number {
  return typeof x === 'number' && x > 0 ? x : 0;
}

function positive(x: unknown): number | undefined {
  return typeof x === 'number' && x > 0 && Number.isFinite(x) ? x : undefined;
}

function sum(xs: number[]): number {
  let t = 0;
  for (const x of xs) t += x;
  return t;
}
