import {
  crossCheckCluster,
  parseCluster,
  checkAddPartitions,
  parseInfraFault,
  parseNetwork,
  parseProducerConfig,
  parseTxnSettings,
} from './parseCluster';
import { checkInstantLoops } from './instantLoops';
import {
  amqpName,
  crossCheckAmqp,
  exchangeNames,
  parseAmqp,
  routingKeyTemplate,
  type SharedParsers,
} from './parseAmqp';
import { parseSagas } from './parseSagas';
import { parseEventStore } from './parseEventStore';
import { parseStreams } from './parseStreams';
import { upcastScenario } from './upcast';
import { isCompacted, parseBroker, parseTopicLog, TOPIC_LOG_KEYS } from './parseRetention';
import { checkJsonValue, JSON_LIMITS, parseJsonBounded } from './jsonBounds';
import { Checker, child, type ScenarioError } from './validate';
import type {
  ConsumerConfig,
  DistSpec,
  EmitSpec,
  FailureSpec,
  FaultSpec,
  GroupSpec,
  HandlerRule,
  KeySpec,
  MemberSpec,
  ProducerSpec,
  RateSpec,
  Scenario,
  TopicSpec,
} from './types';

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

const NAME = /^[A-Za-z0-9._-]+$/;
const MAX_MS = 1e9;
const LIMITS = {
  topics: 200,
  partitions: 10_000,
  producers: 100,
  groups: 100,
  members: 200,
  faults: 10_000,
};

/**
 * Validates untrusted input (an imported file, a URL, a form) into a typed Scenario.
 * Never throws: every problem comes back with the JSON path it was found at.
 */
export function parseScenario(input: unknown): ParseResult {
  // Depth and size first, without recursion: a value nested thousands deep must be refused
  // here, not accepted and then break JSON.stringify (autosave, export) or postMessage later.
  const bounds = checkJsonValue(input, JSON_LIMITS);
  if (bounds) return { ok: false, errors: [bounds] };
  const c = new Checker();
  const s = parseRoot(c, input);
  if (c.errors.length > 0 || !s) return { ok: false, errors: c.errors };
  crossCheck(c, s);
  if (c.errors.length === 0) checkInstantLoops(c, s);
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  // Version 1 documents are upcast on load: the engine and every reader see version 2.
  return { ok: true, scenario: s.version === 1 ? upcastScenario({ ...s, version: 1 }) : s };
}

/**
 * Parses JSON text first, within JSON_LIMITS (length, then nesting, checked before JSON.parse);
 * a syntax error is reported at `$`, a too-deep value at its path.
 */
export function parseScenarioJson(text: string): ParseResult {
  const r = parseJsonBounded(text, JSON_LIMITS);
  return r.ok ? parseScenario(r.value) : { ok: false, errors: [r.error] };
}

/** A default for a field left out; an explicit null is a value, and gets its error. */
export function orDefault(v: unknown, fallback: unknown): unknown {
  return v === undefined ? fallback : v;
}

export function formatErrors(errors: ScenarioError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}

function parseRoot(c: Checker, input: unknown): Scenario | undefined {
  const o = c.object(input, '$');
  if (!o) return undefined;
  // `layout` (node positions saved by the editor) is UI state: accepted and ignored.
  c.knownKeys(o, '$', [
    'layout',
    'cluster',
    'broker',
    'network',
    '$schema',
    'version',
    'name',
    'description',
    'seed',
    'durationMs',
    'topics',
    'producers',
    'groups',
    'faults',
    'amqp',
    'eventStore',
    'streams',
    'sagas',
  ]);
  if (o.$schema !== undefined) c.string(o.$schema, '$.$schema', { maxLength: 2000 });
  // Node positions are checked where they are read (src/diagram/file.ts); here only the shape.
  if (o.layout !== undefined) c.object(o.layout, '$.layout');
  if (o.version !== 1 && o.version !== 2)
    c.fail(
      '$.version',
      `must be 1 or 2 (the scenario format versions; 1 is read as 2), got ${JSON.stringify(o.version) ?? 'nothing'}`,
      'unsupportedVersion',
      {
        got: JSON.stringify(o.version) ?? '',
        gotKind: o.version === undefined ? 'missing' : 'value',
      },
    );
  const version = o.version === 2 ? 2 : 1;
  if (version === 1 && o.amqp !== undefined) needsVersion2(c, '$.amqp', 'amqp');
  if (version === 1 && o.eventStore !== undefined) needsVersion2(c, '$.eventStore', 'eventStore');
  if (version === 1 && o.streams !== undefined) needsVersion2(c, '$.streams', 'streams');
  if (version === 1 && o.sagas !== undefined) needsVersion2(c, '$.sagas', 'sagas');
  const name = c.string(o.name, '$.name');
  const description =
    o.description === undefined
      ? undefined
      : c.string(o.description, '$.description', { nonEmpty: false, maxLength: 5000 });
  const seed =
    o.seed === undefined
      ? undefined
      : c.number(o.seed, '$.seed', { integer: true, min: 0, max: 0xffffffff });
  const durationMs =
    o.durationMs === undefined
      ? undefined
      : c.number(o.durationMs, '$.durationMs', { min: 0, max: MAX_MS, exclusiveMin: true });
  const topics = list(c, o.topics, '$.topics', LIMITS.topics, parseTopic);
  const producers = list(
    c,
    orDefault(o.producers, []),
    '$.producers',
    LIMITS.producers,
    parseProducer,
  );
  const groups = list(c, orDefault(o.groups, []), '$.groups', LIMITS.groups, parseGroup);
  const faults = list(c, orDefault(o.faults, []), '$.faults', LIMITS.faults, parseFault);
  const amqp = o.amqp === undefined ? undefined : parseAmqp(c, o.amqp, '$.amqp', SHARED);
  if (!name || !topics || !producers || !groups || !faults) return undefined;
  if (o.amqp !== undefined && !amqp) return undefined;
  const eventStore =
    o.eventStore === undefined
      ? undefined
      : parseEventStore(
          c,
          o.eventStore,
          '$.eventStore',
          SHARED,
          new Set(topics.map((t) => t.name)),
        );
  if (o.eventStore !== undefined && !eventStore) return undefined;
  const streams =
    o.streams === undefined
      ? undefined
      : parseStreams(c, o.streams, '$.streams', new Set(topics.map((t) => t.name)));
  if (o.streams !== undefined && !streams) return undefined;
  const sagas =
    o.sagas === undefined
      ? undefined
      : parseSagas(c, o.sagas, '$.sagas', list, new Set(topics.map((t) => t.name)));
  if (o.sagas !== undefined && !sagas) return undefined;
  const s: Scenario = { version, name, topics, producers, groups, faults };
  if (description !== undefined) s.description = description;
  if (seed !== undefined) s.seed = seed;
  if (durationMs !== undefined) s.durationMs = durationMs;
  if (o.cluster !== undefined) s.cluster = parseCluster(c, o.cluster, '$.cluster');
  if (o.broker !== undefined) s.broker = parseBroker(c, o.broker, '$.broker');
  if (o.network !== undefined) s.network = parseNetwork(c, o.network, '$.network', parseDist);
  if (amqp) s.amqp = amqp;
  if (eventStore) s.eventStore = eventStore;
  if (streams) s.streams = streams;
  if (sagas) s.sagas = sagas;
  return s;
}

/** A version 2 feature in a version 1 scenario. */
function needsVersion2(
  c: Checker,
  path: string,
  feature:
    | 'amqp'
    | 'eventStore'
    | 'streams'
    | 'sagas'
    | 'exchangeEmit'
    | 'rabbitmqRestart'
    | 'connectionLoss',
): void {
  const what =
    feature === 'amqp' || feature === 'eventStore' || feature === 'streams' || feature === 'sagas'
      ? `the ${feature} section`
      : feature === 'exchangeEmit'
        ? 'an emit to an exchange'
        : `the ${feature} fault`;
  c.fail(path, `needs "version": 2 (${what} is a version 2 feature)`, 'needsVersion2', {
    feature,
  });
}

function list<T>(
  c: Checker,
  v: unknown,
  path: string,
  max: number,
  item: (c: Checker, v: unknown, p: string) => T | undefined,
): T[] | undefined {
  const a = c.array(v, path);
  if (!a) return undefined;
  if (a.length > max)
    return c.fail(path, `at most ${max} entries, got ${a.length}`, 'tooManyEntries', {
      max,
      got: a.length,
    });
  const out: T[] = [];
  let ok = true;
  a.forEach((x, i) => {
    const r = item(c, x, child(path, i));
    if (r === undefined) ok = false;
    else out.push(r);
  });
  return ok ? out : undefined;
}

function parseTopic(c: Checker, v: unknown, p: string): TopicSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, [
    'name',
    'partitions',
    'replication.factor',
    'min.insync.replicas',
    'unclean.leader.election.enable',
    ...TOPIC_LOG_KEYS,
  ]);
  const name = c.string(o.name, child(p, 'name'), { pattern: NAME });
  const partitions = c.number(o.partitions, child(p, 'partitions'), {
    integer: true,
    min: 1,
    max: LIMITS.partitions,
  });
  const rf =
    o['replication.factor'] === undefined
      ? undefined
      : c.number(o['replication.factor'], child(p, 'replication.factor'), {
          integer: true,
          min: 1,
          max: 7,
        });
  if (name === undefined || partitions === undefined) return undefined;
  const t: TopicSpec = { name, partitions };
  if (rf !== undefined) t['replication.factor'] = rf;
  if (o['min.insync.replicas'] !== undefined) {
    t['min.insync.replicas'] = c.number(o['min.insync.replicas'], child(p, 'min.insync.replicas'), {
      integer: true,
      min: 1,
      max: 7,
    });
  }
  if (o['unclean.leader.election.enable'] !== undefined) {
    t['unclean.leader.election.enable'] = c.boolean(
      o['unclean.leader.election.enable'],
      child(p, 'unclean.leader.election.enable'),
    );
  }
  parseTopicLog(c, o, p, t);
  return t;
}

export function parseDist(c: Checker, v: unknown, p: string): DistSpec | undefined {
  if (typeof v === 'number') return c.number(v, p, { min: 0, max: MAX_MS });
  const o = c.object(v, p);
  if (!o) return undefined;
  const kind = c.oneOf(o.kind, child(p, 'kind'), [
    'constant',
    'uniform',
    'exponential',
    'normal',
  ] as const);
  const ms = (k: string) => c.number(o[k], child(p, k), { min: 0, max: MAX_MS });
  switch (kind) {
    case 'constant': {
      c.knownKeys(o, p, ['kind', 'ms']);
      const x = ms('ms');
      return x === undefined ? undefined : { kind, ms: x };
    }
    case 'uniform': {
      c.knownKeys(o, p, ['kind', 'minMs', 'maxMs']);
      const a = ms('minMs');
      const b = ms('maxMs');
      if (a === undefined || b === undefined) return undefined;
      if (b < a)
        return c.fail(child(p, 'maxMs'), `must be ≥ minMs (${a}), got ${b}`, 'maxBelowMin', {
          min: a,
          got: b,
        });
      return { kind, minMs: a, maxMs: b };
    }
    case 'exponential': {
      c.knownKeys(o, p, ['kind', 'meanMs']);
      const m = ms('meanMs');
      return m === undefined ? undefined : { kind, meanMs: m };
    }
    case 'normal': {
      c.knownKeys(o, p, ['kind', 'meanMs', 'stddevMs']);
      const m = ms('meanMs');
      const sd = ms('stddevMs');
      return m === undefined || sd === undefined ? undefined : { kind, meanMs: m, stddevMs: sd };
    }
    default:
      return undefined;
  }
}

function parseRate(c: Checker, v: unknown, p: string): RateSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['kind', 'perSec', 'bursts']);
  const kind = c.oneOf(o.kind, child(p, 'kind'), ['constant', 'poisson'] as const);
  const perSec = c.number(o.perSec, child(p, 'perSec'), { min: 0, max: 10_000_000 });
  const bursts =
    o.bursts === undefined
      ? []
      : list(c, o.bursts, child(p, 'bursts'), 1000, (c2, b, bp) => {
          const bo = c2.object(b, bp);
          if (!bo) return undefined;
          c2.knownKeys(bo, bp, ['atMs', 'durationMs', 'multiplier']);
          const atMs = c2.number(bo.atMs, child(bp, 'atMs'), { min: 0, max: MAX_MS });
          const durationMs = c2.number(bo.durationMs, child(bp, 'durationMs'), {
            min: 0,
            max: MAX_MS,
            exclusiveMin: true,
          });
          const multiplier = c2.number(bo.multiplier, child(bp, 'multiplier'), {
            min: 0,
            max: 1000,
          });
          if (atMs === undefined || durationMs === undefined || multiplier === undefined)
            return undefined;
          return { atMs, durationMs, multiplier };
        });
  if (!kind || perSec === undefined || !bursts) return undefined;
  return bursts.length ? { kind, perSec, bursts } : { kind, perSec };
}

function parseKeys(c: Checker, v: unknown, p: string): KeySpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  const kind = c.oneOf(o.kind, child(p, 'kind'), ['null', 'fixed', 'uniform', 'zipf'] as const);
  switch (kind) {
    case 'null':
      c.knownKeys(o, p, ['kind']);
      return { kind };
    case 'fixed': {
      c.knownKeys(o, p, ['kind', 'keys']);
      const keys = list(c, o.keys, child(p, 'keys'), 100_000, (c2, k, kp) => c2.string(k, kp));
      if (keys && keys.length === 0)
        return c.fail(child(p, 'keys'), 'must list at least one key', 'needsAKey');
      return keys ? { kind, keys } : undefined;
    }
    case 'uniform':
    case 'zipf': {
      c.knownKeys(
        o,
        p,
        kind === 'zipf' ? ['kind', 'count', 'exponent', 'prefix'] : ['kind', 'count', 'prefix'],
      );
      const count = c.number(o.count, child(p, 'count'), { integer: true, min: 1, max: 1_000_000 });
      const prefix =
        o.prefix === undefined
          ? undefined
          : c.string(o.prefix, child(p, 'prefix'), { nonEmpty: false });
      const exponent =
        o.exponent === undefined
          ? undefined
          : c.number(o.exponent, child(p, 'exponent'), { min: 0, max: 10 });
      if (count === undefined) return undefined;
      const k: KeySpec = kind === 'zipf' ? { kind, count } : { kind, count };
      if (prefix !== undefined) k.prefix = prefix;
      if (exponent !== undefined && k.kind === 'zipf') k.exponent = exponent;
      return k;
    }
    default:
      return undefined;
  }
}

function parseProducer(c: Checker, v: unknown, p: string): ProducerSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, [
    'id',
    'topic',
    'rate',
    'keys',
    'sendKey',
    'keyField',
    'eventType',
    'payload',
    'partition',
    'recordBytes',
    'startMs',
    'stopMs',
    'config',
    'tombstoneShare',
    'transactionRecords',
    'outOfOrdernessMs',
  ]);
  const id = c.string(o.id, child(p, 'id'), { pattern: NAME });
  const topic = c.string(o.topic, child(p, 'topic'));
  const rate = parseRate(c, o.rate, child(p, 'rate'));
  const keys = parseKeys(c, o.keys, child(p, 'keys'));
  const eventType = c.string(o.eventType, child(p, 'eventType'));
  if (!id || !topic || !rate || !keys || !eventType) return undefined;
  const out: ProducerSpec = { id, topic, rate, keys, eventType };
  if (o.sendKey !== undefined) out.sendKey = c.boolean(o.sendKey, child(p, 'sendKey'));
  if (o.keyField !== undefined) out.keyField = c.string(o.keyField, child(p, 'keyField'));
  if (o.payload !== undefined) out.payload = c.object(o.payload, child(p, 'payload'));
  if (o.partition !== undefined)
    out.partition = c.number(o.partition, child(p, 'partition'), { integer: true, min: 0 });
  if (o.recordBytes !== undefined)
    out.recordBytes = c.number(o.recordBytes, child(p, 'recordBytes'), {
      integer: true,
      min: 1,
      max: 10_000_000,
    });
  if (o.startMs !== undefined)
    out.startMs = c.number(o.startMs, child(p, 'startMs'), { min: 0, max: MAX_MS });
  if (o.stopMs !== undefined)
    out.stopMs = c.number(o.stopMs, child(p, 'stopMs'), { min: 0, max: MAX_MS });
  if (o.config !== undefined) out.config = parseProducerConfig(c, o.config, child(p, 'config'));
  if (o.tombstoneShare !== undefined) {
    const share = c.number(o.tombstoneShare, child(p, 'tombstoneShare'), { min: 0, max: 1 });
    if (share !== undefined) out.tombstoneShare = share;
  }
  if (o.transactionRecords !== undefined)
    out.transactionRecords = c.number(o.transactionRecords, child(p, 'transactionRecords'), {
      integer: true,
      min: 1,
      max: 100_000,
    });
  if (o.outOfOrdernessMs !== undefined)
    out.outOfOrdernessMs = c.number(o.outOfOrdernessMs, child(p, 'outOfOrdernessMs'), {
      integer: true,
      min: 0,
      max: MAX_MS,
    });
  return out;
}

const CONSUMER_KEYS = [
  'enable.auto.commit',
  'auto.commit.interval.ms',
  'auto.offset.reset',
  'max.poll.records',
  'max.poll.interval.ms',
  'session.timeout.ms',
  'heartbeat.interval.ms',
  'partition.assignment.strategy',
  'fetch.latency.ms',
  'group.instance.id',
  'transactional.id',
  'transaction.timeout.ms',
  'isolation.level',
  'metadata.max.age.ms',
] as const;

function parseConsumerConfig(c: Checker, v: unknown, p: string): ConsumerConfig | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, CONSUMER_KEYS);
  const cfg: ConsumerConfig = {};
  const ms = (k: string, min = 1) => c.number(o[k], child(p, k), { min, max: MAX_MS });
  if (o['enable.auto.commit'] !== undefined)
    cfg['enable.auto.commit'] = c.boolean(o['enable.auto.commit'], child(p, 'enable.auto.commit'));
  if (o['auto.commit.interval.ms'] !== undefined)
    cfg['auto.commit.interval.ms'] = ms('auto.commit.interval.ms');
  if (o['auto.offset.reset'] !== undefined)
    cfg['auto.offset.reset'] = c.oneOf(o['auto.offset.reset'], child(p, 'auto.offset.reset'), [
      'earliest',
      'latest',
    ] as const);
  if (o['max.poll.records'] !== undefined)
    cfg['max.poll.records'] = c.number(o['max.poll.records'], child(p, 'max.poll.records'), {
      integer: true,
      min: 1,
      max: 100_000,
    });
  if (o['max.poll.interval.ms'] !== undefined)
    cfg['max.poll.interval.ms'] = ms('max.poll.interval.ms');
  if (o['session.timeout.ms'] !== undefined) cfg['session.timeout.ms'] = ms('session.timeout.ms');
  if (o['heartbeat.interval.ms'] !== undefined)
    cfg['heartbeat.interval.ms'] = ms('heartbeat.interval.ms');
  if (o['partition.assignment.strategy'] !== undefined) {
    cfg['partition.assignment.strategy'] = c.oneOf(
      o['partition.assignment.strategy'],
      child(p, 'partition.assignment.strategy'),
      ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const,
    );
  }
  if (o['fetch.latency.ms'] !== undefined) cfg['fetch.latency.ms'] = ms('fetch.latency.ms', 0);
  if (o['group.instance.id'] !== undefined)
    cfg['group.instance.id'] = c.string(o['group.instance.id'], child(p, 'group.instance.id'), {
      maxLength: 249,
    });
  parseTxnSettings(c, o, p, cfg);
  if (o['isolation.level'] !== undefined)
    cfg['isolation.level'] = c.oneOf(o['isolation.level'], child(p, 'isolation.level'), [
      'read_uncommitted',
      'read_committed',
    ] as const);
  if (o['metadata.max.age.ms'] !== undefined)
    cfg['metadata.max.age.ms'] = ms('metadata.max.age.ms');
  const hb = cfg['heartbeat.interval.ms'];
  const st = cfg['session.timeout.ms'];
  if (hb !== undefined && st !== undefined && hb >= st) {
    c.fail(
      child(p, 'heartbeat.interval.ms'),
      `must be lower than session.timeout.ms (${st}), got ${hb}`,
      'heartbeatNotBelowSession',
      { session: st, got: hb },
    );
  }
  return cfg;
}

/**
 * A transactional service commits its offsets inside each batch's transaction
 * (sendOffsetsToTransaction), so auto-commit and the at-most-once loop cannot be combined with
 * it; and each member's producer needs its own transactional.id, or each would fence the others.
 */
function checkTransactional(c: Checker, g: GroupSpec, count: number, p: string): void {
  const tid = g.config?.['transactional.id'];
  if (tid === undefined) return;
  const cp = child(p, 'config');
  if (count > 1 && !tid.includes('{member}'))
    c.fail(
      child(cp, 'transactional.id'),
      `every member's producer needs its own transactional.id: put {member} in it (${count} members share "${tid}" and would fence each other)`,
      'transactionalIdNotUnique',
      { n: count, id: tid, token: '{member}' },
    );
  if (g.config?.['enable.auto.commit'] === true)
    c.fail(
      child(cp, 'enable.auto.commit'),
      'must be false with transactional.id: the offsets commit in the transaction (sendOffsetsToTransaction)',
      'transactionalAutoCommit',
    );
  if (g.commit === 'before-processing')
    c.fail(
      child(p, 'commit'),
      'cannot be before-processing with transactional.id: the offsets commit with the records in each transaction',
      'transactionalCommitMode',
    );
}

function parseMember(c: Checker, v: unknown, p: string): MemberSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['id', 'startMs', 'processingMs']);
  const id = c.string(o.id, child(p, 'id'), { pattern: NAME });
  if (!id) return undefined;
  const m: MemberSpec = { id };
  if (o.startMs !== undefined)
    m.startMs = c.number(o.startMs, child(p, 'startMs'), { min: 0, max: MAX_MS });
  if (o.processingMs !== undefined)
    m.processingMs = parseDist(c, o.processingMs, child(p, 'processingMs'));
  return m;
}

function parseEmit(c: Checker, v: unknown, p: string): EmitSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['type', 'topic', 'exchange', 'routingKey', 'probability', 'key']);
  const type = c.string(o.type, child(p, 'type'));
  // Exactly one sink: a Kafka topic, or (version 2) a RabbitMQ exchange with a routing key.
  // Without an exchange the topic is required, as in version 1 (same problem, same path).
  if (o.topic !== undefined && o.exchange !== undefined)
    return c.fail(
      p,
      'must name exactly one of topic (a Kafka topic) and exchange (a RabbitMQ exchange), not both',
      'emitTarget',
    );
  if (o.routingKey !== undefined && o.exchange === undefined)
    return c.fail(
      child(p, 'routingKey'),
      'is for an exchange: a Kafka topic has no routing key',
      'routingKeyWithoutExchange',
    );
  const topic = o.exchange === undefined ? c.string(o.topic, child(p, 'topic')) : undefined;
  const exchange =
    o.exchange === undefined
      ? undefined
      : amqpName(c, o.exchange, child(p, 'exchange'), { nonEmpty: false });
  const routingKey =
    o.routingKey === undefined
      ? undefined
      : routingKeyTemplate(c, o.routingKey, child(p, 'routingKey'));
  if (!type || (topic === undefined && exchange === undefined)) return undefined;
  if (o.routingKey !== undefined && routingKey === undefined) return undefined;
  const e: EmitSpec = topic !== undefined ? { type, topic } : { type, exchange };
  if (routingKey !== undefined) e.routingKey = routingKey;
  if (o.probability !== undefined)
    e.probability = c.number(o.probability, child(p, 'probability'), { min: 0, max: 1 });
  if (o.key !== undefined) e.key = c.oneOf(o.key, child(p, 'key'), ['same', 'none'] as const);
  return e;
}

function parseHandler(c: Checker, v: unknown, p: string): HandlerRule | undefined {
  return handlerRule(c, v, p, false);
}

/** A Kafka service's rule: may also fail (onFailure) and change its stock (issue 14). */
function parseServiceHandler(c: Checker, v: unknown, p: string): HandlerRule | undefined {
  return handlerRule(c, v, p, true);
}

function handlerRule(c: Checker, v: unknown, p: string, service: boolean): HandlerRule | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, service ? ['on', 'emit', 'onFailure', 'stock'] : ['on', 'emit']);
  const on = c.string(o.on, child(p, 'on'));
  const emit = list(c, orDefault(o.emit, []), child(p, 'emit'), 50, parseEmit);
  if (!on || !emit) return undefined;
  const rule: HandlerRule = { on, emit };
  if (service && o.onFailure !== undefined) {
    const fp = child(p, 'onFailure');
    const fo = c.object(o.onFailure, fp);
    if (fo) {
      c.knownKeys(fo, fp, ['rate', 'emit']);
      const rate =
        fo.rate === undefined
          ? undefined
          : c.number(fo.rate, child(fp, 'rate'), { min: 0, max: 1 });
      const femit = list(c, orDefault(fo.emit, []), child(fp, 'emit'), 50, parseEmit);
      if (femit) rule.onFailure = rate === undefined ? { emit: femit } : { rate, emit: femit };
    }
  }
  if (service && o.stock !== undefined) {
    const sp = child(p, 'stock');
    const so = c.object(o.stock, sp);
    if (so) {
      c.knownKeys(so, sp, ['item', 'delta']);
      const item = c.string(so.item, child(sp, 'item'), { maxLength: 200 });
      const delta = c.number(so.delta, child(sp, 'delta'), { integer: true, min: -1e6, max: 1e6 });
      if (item !== undefined && delta !== undefined) rule.stock = { item, delta };
    }
  }
  return rule;
}

/** A service's stock per item: names are user text (a Map-safe object without a prototype). */
function parseStock(c: Checker, v: unknown, p: string): Record<string, number> | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  const keys = Object.keys(o);
  if (keys.length > 100) return c.fail(p, 'at most 100 items', 'tooManyEntries', { max: 100 });
  const out = Object.create(null) as Record<string, number>;
  for (const k of keys) {
    const n = c.number(o[k], child(p, k), { integer: true, min: 0, max: 1e9 });
    if (n !== undefined) out[k] = n;
  }
  return out;
}

function parseFailure(c: Checker, v: unknown, p: string): FailureSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['rate', 'retries', 'backoffMs', 'deadLetterTopic']);
  const rate = c.number(o.rate, child(p, 'rate'), { min: 0, max: 1 });
  const retries = c.number(orDefault(o.retries, 0), child(p, 'retries'), {
    integer: true,
    min: 0,
    max: 1000,
  });
  const backoffMs = c.number(orDefault(o.backoffMs, 100), child(p, 'backoffMs'), {
    min: 0,
    max: MAX_MS,
  });
  const dlt =
    o.deadLetterTopic === undefined
      ? undefined
      : c.string(o.deadLetterTopic, child(p, 'deadLetterTopic'));
  if (rate === undefined || retries === undefined || backoffMs === undefined) return undefined;
  const f: FailureSpec = { rate, retries, backoffMs };
  if (dlt !== undefined) f.deadLetterTopic = dlt;
  return f;
}

function parseGroup(c: Checker, v: unknown, p: string): GroupSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, [
    'id',
    'topics',
    'members',
    'config',
    'commit',
    'processingMs',
    'handlers',
    'failure',
    'idempotent',
    'readModel',
    'stock',
  ]);
  const id = c.string(o.id, child(p, 'id'), { pattern: NAME });
  const topics = list(c, o.topics, child(p, 'topics'), LIMITS.topics, (c2, t, tp) =>
    c2.string(t, tp),
  );
  if (topics && topics.length === 0)
    c.fail(child(p, 'topics'), 'must subscribe to at least one topic', 'needsATopic');
  const mp = child(p, 'members');
  const members =
    typeof o.members === 'number'
      ? c.number(o.members, mp, { integer: true, min: 0, max: LIMITS.members })
      : list(c, o.members, mp, LIMITS.members, parseMember);
  if (!id || !topics || members === undefined) return undefined;
  const g: GroupSpec = { id, topics, members };
  if (o.config !== undefined) g.config = parseConsumerConfig(c, o.config, child(p, 'config'));
  const instance = g.config?.['group.instance.id'];
  const count = typeof members === 'number' ? members : members.length;
  if (instance !== undefined && count > 1 && !instance.includes('{member}'))
    c.fail(
      child(child(p, 'config'), 'group.instance.id'),
      `every member needs its own group.instance.id: put {member} in it (${count} members share "${instance}")`,
      'instanceIdNotUnique',
      { n: count, id: instance, token: '{member}' },
    );
  if (o.commit !== undefined)
    g.commit = c.oneOf(o.commit, child(p, 'commit'), [
      'after-processing',
      'before-processing',
    ] as const);
  checkTransactional(c, g, count, p);
  if (o.processingMs !== undefined)
    g.processingMs = parseDist(c, o.processingMs, child(p, 'processingMs'));
  if (o.handlers !== undefined)
    g.handlers = list(c, o.handlers, child(p, 'handlers'), 100, parseServiceHandler);
  if (o.stock !== undefined) g.stock = parseStock(c, o.stock, child(p, 'stock'));
  g.handlers?.forEach((h, j) => {
    if (h.stock !== undefined && !(g.stock !== undefined && Object.hasOwn(g.stock, h.stock.item)))
      c.fail(
        `${child(p, 'handlers')}[${j}].stock.item`,
        `unknown item "${h.stock.item}" (declare its stock in the group's stock)`,
        'unknownStockItem',
        { name: h.stock.item },
      );
  });
  if (o.failure !== undefined) g.failure = parseFailure(c, o.failure, child(p, 'failure'));
  if (o.idempotent !== undefined) g.idempotent = c.boolean(o.idempotent, child(p, 'idempotent'));
  if (o.readModel !== undefined) g.readModel = c.boolean(o.readModel, child(p, 'readModel'));
  return g;
}

function parseFault(c: Checker, v: unknown, p: string): FaultSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  const kind = c.oneOf(o.kind, child(p, 'kind'), [
    'crash',
    'restart',
    'leave',
    'pause',
    'brokerDown',
    'brokerUp',
    'networkPartition',
    'ackLoss',
    'poisonMessage',
    'rabbitmqRestart',
    'connectionLoss',
    'producerRestart',
    'txnCoordinatorFailover',
    'addPartitions',
  ] as const);
  if (kind && kind !== 'crash' && kind !== 'restart' && kind !== 'leave' && kind !== 'pause') {
    const at = c.number(o.atMs, child(p, 'atMs'), { min: 0, max: MAX_MS });
    return at === undefined ? undefined : parseInfraFault(c, o, p, kind, at);
  }
  c.knownKeys(
    o,
    p,
    kind === 'pause'
      ? ['kind', 'atMs', 'group', 'member', 'durationMs']
      : ['kind', 'atMs', 'group', 'member'],
  );
  const atMs = c.number(o.atMs, child(p, 'atMs'), { min: 0, max: MAX_MS });
  const group = c.string(o.group, child(p, 'group'));
  const member = c.string(o.member, child(p, 'member'));
  if (!kind || atMs === undefined || !group || !member) return undefined;
  if (kind === 'pause') {
    const durationMs = c.number(o.durationMs, child(p, 'durationMs'), {
      min: 0,
      max: MAX_MS,
      exclusiveMin: true,
    });
    return durationMs === undefined ? undefined : { kind, atMs, group, member, durationMs };
  }
  return { kind, atMs, group, member };
}

const SHARED: SharedParsers = {
  list,
  rate: parseRate,
  keys: parseKeys,
  dist: parseDist,
  member: parseMember,
  handler: parseHandler,
};

/** References between sections: topics that exist, unique ids, members that exist. */
/**
 * Tombstones and compacted topics need keys: Kafka's broker refuses a record without a key on a
 * compacted topic (INVALID_RECORD, "Compacted topic cannot accept message without key"), and a
 * tombstone (a null value) deletes its key.
 */
function checkKeyedProducer(c: Checker, pr: ProducerSpec, t: TopicSpec | undefined, p: string) {
  const keyless = pr.keys.kind === 'null' || pr.sendKey === false;
  if (keyless && (pr.tombstoneShare ?? 0) > 0)
    c.fail(
      `${p}.tombstoneShare`,
      'a tombstone deletes its key: the producer must send keys (keys not null, sendKey not false)',
      'tombstoneNeedsKey',
    );
  if (keyless && t && isCompacted(t))
    c.fail(
      `${p}.keys`,
      `topic "${t.name}" is compacted (cleanup.policy=${t['cleanup.policy']}): Kafka refuses records without a key there (INVALID_RECORD)`,
      'compactedNeedsKey',
      { topic: t.name, policy: t['cleanup.policy'] ?? 'delete' },
    );
  if (t && isCompacted(t) && pr.config?.['transactional.id'] !== undefined)
    c.fail(
      `${p}.topic`,
      `a transactional producer cannot write to the compacted topic "${t.name}" (cleanup.policy=${t['cleanup.policy']}): transactions on compacted topics are not simulated`,
      'compactedTransactional',
      { topic: t.name, policy: t['cleanup.policy'] ?? 'delete' },
    );
  if (pr.transactionRecords !== undefined && pr.config?.['transactional.id'] === undefined)
    c.fail(
      `${p}.transactionRecords`,
      'counts the records of each transaction: it needs config["transactional.id"]',
      'transactionRecordsNeedsId',
    );
}

/**
 * A service's emit to a compacted topic must be keyed (as above); and a transactional service
 * may not write to one: transaction markers and aborted records under the log cleaner are not
 * simulated, so the combination is refused rather than run wrong.
 */
function checkCompactedEmit(
  c: Checker,
  g: GroupSpec,
  e: EmitSpec,
  topics: Map<string, TopicSpec>,
  p: string,
): void {
  const t = e.topic === undefined ? undefined : topics.get(e.topic);
  if (!t || !isCompacted(t)) return;
  const policy = t['cleanup.policy'] ?? 'delete';
  if (e.key === 'none')
    c.fail(
      `${p}.key`,
      `topic "${t.name}" is compacted (cleanup.policy=${policy}): Kafka refuses records without a key there (INVALID_RECORD)`,
      'compactedNeedsKey',
      { topic: t.name, policy },
    );
  if (g.config?.['transactional.id'] !== undefined)
    c.fail(
      `${p}.topic`,
      `a transactional service cannot write to the compacted topic "${t.name}" (cleanup.policy=${policy}): transactions on compacted topics are not simulated`,
      'compactedTransactional',
      { topic: t.name, policy },
    );
}

function crossCheck(c: Checker, s: Scenario): void {
  const topics = new Map<string, TopicSpec>();
  s.topics.forEach((t, i) => {
    if (topics.has(t.name))
      c.fail(`$.topics[${i}].name`, `duplicate topic "${t.name}"`, 'duplicateTopic', {
        name: t.name,
      });
    topics.set(t.name, t);
  });
  const needTopic = (name: string, path: string) => {
    if (!topics.has(name))
      c.fail(path, `unknown topic "${name}" (declare it in $.topics)`, 'unknownTopic', { name });
  };
  const exchanges = exchangeNames(s.amqp);
  const needEmitTarget = (e: EmitSpec, path: string) => {
    if (e.topic !== undefined) needTopic(e.topic, `${path}.topic`);
    if (e.exchange === undefined) return;
    if (s.version === 1) needsVersion2(c, `${path}.exchange`, 'exchangeEmit');
    else if (!exchanges.has(e.exchange))
      c.fail(
        `${path}.exchange`,
        `unknown exchange "${e.exchange}" (declare it in $.amqp.exchanges)`,
        'unknownExchange',
        { name: e.exchange },
      );
  };
  const ids = new Set<string>();
  s.producers.forEach((pr, i) => {
    const p = `$.producers[${i}]`;
    if (ids.has(pr.id)) c.fail(`${p}.id`, `duplicate id "${pr.id}"`, 'duplicateId', { id: pr.id });
    ids.add(pr.id);
    needTopic(pr.topic, `${p}.topic`);
    const t = topics.get(pr.topic);
    if (t && pr.partition !== undefined && pr.partition >= t.partitions) {
      c.fail(
        `${p}.partition`,
        `topic "${t.name}" has ${t.partitions} partitions; partition must be < ${t.partitions}, got ${pr.partition}`,
        'partitionOutOfRange',
        { topic: t.name, partitions: t.partitions, got: pr.partition },
      );
    }
    checkKeyedProducer(c, pr, t, p);
    if (pr.startMs !== undefined && pr.stopMs !== undefined && pr.stopMs < pr.startMs) {
      c.fail(`${p}.stopMs`, `must be ≥ startMs (${pr.startMs})`, 'stopBeforeStart', {
        start: pr.startMs,
        got: pr.stopMs,
      });
    }
  });
  const members = new Map<string, Set<string>>();
  s.groups.forEach((g, i) => {
    const p = `$.groups[${i}]`;
    if (ids.has(g.id))
      c.fail(
        `${p}.id`,
        `duplicate id "${g.id}" (producers and groups share one namespace)`,
        'duplicateGroupId',
        { id: g.id },
      );
    ids.add(g.id);
    g.topics.forEach((t, j) => needTopic(t, `${p}.topics[${j}]`));
    g.handlers?.forEach((h, j) => {
      h.emit.forEach((e, k) => {
        needEmitTarget(e, `${p}.handlers[${j}].emit[${k}]`);
        checkCompactedEmit(c, g, e, topics, `${p}.handlers[${j}].emit[${k}]`);
      });
      h.onFailure?.emit.forEach((e, k) => {
        needEmitTarget(e, `${p}.handlers[${j}].onFailure.emit[${k}]`);
        checkCompactedEmit(c, g, e, topics, `${p}.handlers[${j}].onFailure.emit[${k}]`);
      });
    });
    if (g.failure?.deadLetterTopic !== undefined)
      needTopic(g.failure.deadLetterTopic, `${p}.failure.deadLetterTopic`);
    const ms = new Set<string>();
    memberIds(g).forEach((m, j) => {
      if (ms.has(m))
        c.fail(`${p}.members[${j}].id`, `duplicate member "${m}"`, 'duplicateMember', {
          member: m,
        });
      ms.add(m);
    });
    members.set(g.id, ms);
  });
  const consumerMembers = s.amqp
    ? crossCheckAmqp(c, s.amqp, ids, needEmitTarget)
    : new Map<string, Set<string>>();
  crossCheckCluster(c, s, members);
  checkAddPartitions(c, s);
  checkTransactionalIds(c, s);
  s.faults.forEach((f, i) => {
    const p = `$.faults[${i}]`;
    if (
      f.kind === 'txnCoordinatorFailover' &&
      !s.groups.some((g) => g.config?.['transactional.id'] !== undefined) &&
      !s.producers.some((pr) => pr.config?.['transactional.id'] !== undefined)
    )
      return c.fail(
        `${p}.kind`,
        'no group or producer is transactional, so there is no transaction coordinator to fail over (set transactional.id on a group or a producer)',
        'noTransactionalGroup',
        {},
      );
    if (f.kind === 'rabbitmqRestart' || f.kind === 'connectionLoss') {
      if (s.version === 1) return needsVersion2(c, `${p}.kind`, f.kind);
      if (!s.amqp)
        return c.fail(
          `${p}.kind`,
          `${f.kind} needs a RabbitMQ broker: the scenario has no $.amqp section`,
          'noAmqpBroker',
          { kind: f.kind },
        );
    }
    if (f.kind === 'connectionLoss') {
      const ms = consumerMembers.get(f.consumer);
      if (!ms)
        c.fail(`${p}.consumer`, `unknown consumer "${f.consumer}"`, 'unknownConsumer', {
          consumer: f.consumer,
        });
      else if (!ms.has(f.member))
        c.fail(
          `${p}.member`,
          `consumer "${f.consumer}" has no member "${f.member}" (members: ${[...ms].join(', ')})`,
          'unknownConsumerMember',
          { consumer: f.consumer, member: f.member, members: [...ms].join(', ') },
        );
      return;
    }
    if (!('group' in f)) return;
    // crash / restart may name a RabbitMQ consumer and one of its members.
    const amqpMs = members.has(f.group) ? undefined : consumerMembers.get(f.group);
    if (amqpMs && (f.kind === 'crash' || f.kind === 'restart')) {
      if (!amqpMs.has(f.member))
        c.fail(
          `${p}.member`,
          `consumer "${f.group}" has no member "${f.member}" (members: ${[...amqpMs].join(', ')})`,
          'unknownConsumerMember',
          { consumer: f.group, member: f.member, members: [...amqpMs].join(', ') },
        );
      return;
    }
    const ms = members.get(f.group);
    if (!ms) c.fail(`${p}.group`, `unknown group "${f.group}"`, 'unknownGroup', { group: f.group });
    else if (!ms.has(f.member))
      c.fail(
        `${p}.member`,
        `group "${f.group}" has no member "${f.member}" (members: ${[...ms].join(', ')})`,
        'unknownMember',
        { group: f.group, member: f.member, members: [...ms].join(', ') },
      );
  });
}

/** The member ids of a group: listed, or `${group}-1` … `${group}-n` for a count. */
/**
 * Each transactional producer needs its own transactional.id: two clients sharing one fence
 * each other at every initTransactions (a zombie pair), which this simulator does not model
 * between plain producers. A service member's id is its template with {member} filled in.
 */
function checkTransactionalIds(c: Checker, s: Scenario): void {
  const taken = new Map<string, { kind: 'member' | 'producer'; name: string }>();
  s.groups.forEach((g) => {
    const tid = g.config?.['transactional.id'];
    if (tid === undefined) return;
    for (const m of memberIds(g))
      taken.set(tid.replace(/\{member\}/g, m), { kind: 'member', name: m });
  });
  s.producers.forEach((pr, i) => {
    const tid = pr.config?.['transactional.id'];
    if (tid === undefined) return;
    const other = taken.get(tid);
    if (other !== undefined)
      c.fail(
        `$.producers[${i}].config["transactional.id"]`,
        `"${tid}" is already the transactional.id of ${other.kind} ${other.name}: each transactional producer needs its own, or they would fence each other`,
        'duplicateTransactionalId',
        { id: tid, kind: other.kind, name: other.name },
      );
    taken.set(tid, { kind: 'producer', name: pr.id });
  });
}

export function memberIds(g: GroupSpec): string[] {
  if (typeof g.members === 'number')
    return Array.from({ length: g.members }, (_, i) => `${g.id}-${i + 1}`);
  return g.members.map((m) => m.id);
}
