/*
 * The `eventStore` section of a version 2 scenario: an EventStoreDB event store with command
 * handlers (aggregates in the Decider shape), projections to read models, queries on them and
 * the faults that break them (issue 13). Same rules as parse.ts: never throw, name the JSON path
 * of every problem, give every problem a code, bound every list.
 *
 * Stream names follow EventStoreDB's `$by_category` convention: an aggregate `order` writes
 * streams `order-<key>`, whose category is the text before the first `-` (the default
 * separator, docs "System projections"); so an aggregate id has no `-` and does not start with `$`
 * (system streams).
 */
import type { SharedParsers } from './parseAmqp';
import type {
  EsAggregateSpec,
  EsFaultSpec,
  EsProjectionSpec,
  EsQuerySpec,
  EsRuleSpec,
  EventStoreSpec,
} from './types';
import { Checker, child } from './validate';

const MAX_MS = 1e9;
export const EVENT_STORE_LIMITS = {
  aggregates: 50,
  rules: 50,
  handlers: 50,
  projections: 50,
  queries: 50,
  faults: 1000,
  maxRetries: 100,
  snapshotEvery: 1_000_000,
  schemaVersion: 1000,
  defaults: 50,
};
/** An aggregate id is a stream category: no `-` (the category separator), no leading `$`. */
export const AGGREGATE_ID = /^[A-Za-z0-9_.]+$/;
const ALL = '$all';

type Obj = Record<string, unknown>;

function positiveInt(c: Checker, v: unknown, p: string, max: number): number | undefined {
  return c.number(v, p, { integer: true, min: 1, max });
}

function schemaVersion(c: Checker, v: unknown, p: string): number | undefined {
  return positiveInt(c, v, p, EVENT_STORE_LIMITS.schemaVersion);
}

function parseRule(c: Checker, v: unknown, p: string): EsRuleSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['command', 'event', 'whenStatus', 'maxEvents', 'setStatus', 'amount']);
  const command = c.string(o.command, child(p, 'command'));
  const event = c.string(o.event, child(p, 'event'));
  const r: EsRuleSpec = { command: command ?? '', event: event ?? '' };
  if (o.whenStatus !== undefined)
    r.whenStatus = o.whenStatus === null ? null : c.string(o.whenStatus, child(p, 'whenStatus'));
  if (o.maxEvents !== undefined)
    r.maxEvents = positiveInt(c, o.maxEvents, child(p, 'maxEvents'), 1_000_000_000);
  if (o.setStatus !== undefined) r.setStatus = c.string(o.setStatus, child(p, 'setStatus'));
  if (o.amount !== undefined)
    r.amount = c.number(o.amount, child(p, 'amount'), { min: -1e9, max: 1e9 });
  return command === undefined || event === undefined ? undefined : r;
}

function parseAggregate(
  c: Checker,
  v: unknown,
  p: string,
  shared: SharedParsers,
): EsAggregateSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, [
    'id',
    'commands',
    'handlers',
    'processingMs',
    'rules',
    'maxRetries',
    'snapshot',
    'eventVersion',
    'upcast',
  ]);
  const id = c.string(o.id, child(p, 'id'), { pattern: AGGREGATE_ID, maxLength: 100 });
  const cp = child(p, 'commands');
  const co = c.object(o.commands, cp);
  let commands: EsAggregateSpec['commands'] | undefined;
  if (co && co.topic !== undefined) {
    c.knownKeys(co, cp, ['topic']);
    const topic = c.string(co.topic, child(cp, 'topic'));
    if (topic !== undefined) commands = { topic };
  } else if (co) {
    c.knownKeys(co, cp, ['rate', 'keys', 'startMs', 'stopMs']);
    const rate = shared.rate(c, co.rate, child(cp, 'rate'));
    const keys = shared.keys(c, co.keys, child(cp, 'keys'));
    const startMs =
      co.startMs === undefined
        ? undefined
        : c.number(co.startMs, child(cp, 'startMs'), { min: 0, max: MAX_MS });
    const stopMs =
      co.stopMs === undefined
        ? undefined
        : c.number(co.stopMs, child(cp, 'stopMs'), { min: 0, max: MAX_MS });
    if (keys && keys.kind === 'null')
      c.fail(
        child(child(cp, 'keys'), 'kind'),
        'an aggregate needs keys (its stream ids): null keys write no stream',
        'needsAKey',
      );
    if (startMs !== undefined && stopMs !== undefined && stopMs < startMs)
      c.fail(
        child(cp, 'stopMs'),
        `must be ≥ startMs (${startMs}), got ${stopMs}`,
        'stopBeforeStart',
        {
          startMs,
          stopMs,
        },
      );
    if (rate && keys) {
      commands = { rate, keys };
      if (startMs !== undefined) commands.startMs = startMs;
      if (stopMs !== undefined) commands.stopMs = stopMs;
    }
  }
  const rules = shared.list(c, o.rules, child(p, 'rules'), EVENT_STORE_LIMITS.rules, parseRule);
  if (rules && rules.length === 0)
    c.fail(child(p, 'rules'), 'must have at least one rule', 'tooSmall', { min: 1, got: 0 });
  const a: EsAggregateSpec = { id: id ?? '', commands: commands!, rules: rules ?? [] };
  if (o.handlers !== undefined)
    a.handlers = positiveInt(c, o.handlers, child(p, 'handlers'), EVENT_STORE_LIMITS.handlers);
  if (o.processingMs !== undefined)
    a.processingMs = shared.dist(c, o.processingMs, child(p, 'processingMs'));
  if (o.maxRetries !== undefined)
    a.maxRetries = c.number(o.maxRetries, child(p, 'maxRetries'), {
      integer: true,
      min: 0,
      max: EVENT_STORE_LIMITS.maxRetries,
    });
  if (o.eventVersion !== undefined)
    a.eventVersion = schemaVersion(c, o.eventVersion, child(p, 'eventVersion'));
  if (o.snapshot !== undefined) {
    const sp = child(p, 'snapshot');
    const so = c.object(o.snapshot, sp);
    if (so) {
      c.knownKeys(so, sp, ['every', 'schemaVersion']);
      const every = positiveInt(c, so.every, child(sp, 'every'), EVENT_STORE_LIMITS.snapshotEvery);
      const sv =
        so.schemaVersion === undefined
          ? undefined
          : schemaVersion(c, so.schemaVersion, child(sp, 'schemaVersion'));
      if (every !== undefined)
        a.snapshot = sv === undefined ? { every } : { every, schemaVersion: sv };
    }
  }
  if (o.upcast !== undefined) {
    const up = child(p, 'upcast');
    const uo = c.object(o.upcast, up);
    if (uo) {
      c.knownKeys(uo, up, ['from', 'to', 'defaults']);
      const from = schemaVersion(c, uo.from, child(up, 'from'));
      const to = schemaVersion(c, uo.to, child(up, 'to'));
      if (from !== undefined && to !== undefined && to <= from)
        c.fail(child(up, 'to'), `must be above from (${from}), got ${to}`, 'upcastVersions', {
          from,
          to,
        });
      const dp = child(up, 'defaults');
      const dO = c.object(uo.defaults, dp);
      const defaults: Record<string, string | number> = Object.create(null) as Record<
        string,
        string | number
      >;
      if (dO) {
        const keys = Object.keys(dO);
        if (keys.length > EVENT_STORE_LIMITS.defaults)
          c.fail(dp, `at most ${EVENT_STORE_LIMITS.defaults} fields`, 'tooManyEntries', {
            max: EVENT_STORE_LIMITS.defaults,
          });
        for (const k of keys.slice(0, EVENT_STORE_LIMITS.defaults)) {
          const dv = dO[k];
          if (typeof dv === 'number') {
            const n = c.number(dv, child(dp, k));
            if (n !== undefined) defaults[k] = n;
          } else {
            const s = c.string(dv, child(dp, k), { nonEmpty: false });
            if (s !== undefined) defaults[k] = s;
          }
        }
      }
      if (from !== undefined && to !== undefined) a.upcast = { from, to, defaults };
    }
  }
  return id === undefined || commands === undefined || rules === undefined ? undefined : a;
}

function parseProjection(
  c: Checker,
  v: unknown,
  p: string,
  shared: SharedParsers,
): EsProjectionSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['id', 'from', 'mode', 'kind', 'checkpointEvery', 'processingMs']);
  const id = c.string(o.id, child(p, 'id'), { maxLength: 100 });
  const from = c.string(o.from, child(p, 'from'), { maxLength: 100 });
  const mode = c.oneOf(o.mode, child(p, 'mode'), ['inline', 'async'] as const);
  const kind = c.oneOf(o.kind, child(p, 'kind'), ['counter', 'idempotent'] as const);
  const r: EsProjectionSpec = { id: id ?? '', from: from ?? '', mode: mode!, kind: kind! };
  if (o.checkpointEvery !== undefined)
    r.checkpointEvery = positiveInt(c, o.checkpointEvery, child(p, 'checkpointEvery'), 1_000_000);
  if (o.processingMs !== undefined)
    r.processingMs = shared.dist(c, o.processingMs, child(p, 'processingMs'));
  return id === undefined || from === undefined || !mode || !kind ? undefined : r;
}

function parseQuery(
  c: Checker,
  v: unknown,
  p: string,
  shared: SharedParsers,
): EsQuerySpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['id', 'projection', 'rate', 'readYourWrites', 'startMs', 'stopMs']);
  const id = c.string(o.id, child(p, 'id'), { maxLength: 100 });
  const projection = c.string(o.projection, child(p, 'projection'), { maxLength: 100 });
  const rate = shared.rate(c, o.rate, child(p, 'rate'));
  const q: EsQuerySpec = { id: id ?? '', projection: projection ?? '', rate: rate! };
  if (o.readYourWrites !== undefined)
    q.readYourWrites = c.boolean(o.readYourWrites, child(p, 'readYourWrites'));
  if (o.startMs !== undefined)
    q.startMs = c.number(o.startMs, child(p, 'startMs'), { min: 0, max: MAX_MS });
  if (o.stopMs !== undefined)
    q.stopMs = c.number(o.stopMs, child(p, 'stopMs'), { min: 0, max: MAX_MS });
  return id === undefined || projection === undefined || !rate ? undefined : q;
}

function parseFault(c: Checker, v: unknown, p: string): EsFaultSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  const kind = c.oneOf(o.kind, child(p, 'kind'), ['projectionCrash', 'rebuild', 'deploy'] as const);
  const atMs = c.number(o.atMs, child(p, 'atMs'), { min: 0, max: MAX_MS });
  if (kind === undefined) return undefined;
  if (kind === 'deploy') {
    c.knownKeys(o, p, ['kind', 'aggregate', 'atMs', 'eventVersion', 'snapshotSchemaVersion']);
    const aggregate = c.string(o.aggregate, child(p, 'aggregate'), { maxLength: 100 });
    const f: EsFaultSpec = { kind, aggregate: aggregate ?? '', atMs: atMs ?? 0 };
    if (o.eventVersion !== undefined)
      f.eventVersion = schemaVersion(c, o.eventVersion, child(p, 'eventVersion'));
    if (o.snapshotSchemaVersion !== undefined)
      f.snapshotSchemaVersion = schemaVersion(
        c,
        o.snapshotSchemaVersion,
        child(p, 'snapshotSchemaVersion'),
      );
    return aggregate === undefined || atMs === undefined ? undefined : f;
  }
  c.knownKeys(o, p, ['kind', 'projection', 'atMs']);
  const projection = c.string(o.projection, child(p, 'projection'), { maxLength: 100 });
  return projection === undefined || atMs === undefined ? undefined : { kind, projection, atMs };
}

/** Parses `$.eventStore`; references are checked here too (the section names only itself). */
export function parseEventStore(
  c: Checker,
  v: unknown,
  path: string,
  shared: SharedParsers,
  topics: ReadonlySet<string>,
): EventStoreSpec | undefined {
  const o: Obj | undefined = c.object(v, path);
  if (!o) return undefined;
  c.knownKeys(o, path, ['aggregates', 'projections', 'queries', 'faults']);
  const L = EVENT_STORE_LIMITS;
  const aggregates = shared.list(
    c,
    o.aggregates,
    child(path, 'aggregates'),
    L.aggregates,
    (c2, x, p) => parseAggregate(c2, x, p, shared),
  );
  const projections =
    o.projections === undefined
      ? []
      : shared.list(c, o.projections, child(path, 'projections'), L.projections, (c2, x, p) =>
          parseProjection(c2, x, p, shared),
        );
  const queries =
    o.queries === undefined
      ? []
      : shared.list(c, o.queries, child(path, 'queries'), L.queries, (c2, x, p) =>
          parseQuery(c2, x, p, shared),
        );
  const faults =
    o.faults === undefined
      ? []
      : shared.list(c, o.faults, child(path, 'faults'), L.faults, parseFault);
  if (!aggregates || !projections || !queries || !faults) return undefined;
  const before = c.errors.length;
  const aggIds = new Set<string>();
  aggregates.forEach((a, i) => {
    if (aggIds.has(a.id))
      c.fail(`${path}.aggregates[${i}].id`, `duplicate id "${a.id}"`, 'duplicateId', { id: a.id });
    aggIds.add(a.id);
    if ('topic' in a.commands && !topics.has(a.commands.topic))
      c.fail(
        `${path}.aggregates[${i}].commands.topic`,
        `unknown topic "${a.commands.topic}" (declare it in $.topics)`,
        'unknownTopic',
        { name: a.commands.topic },
      );
  });
  const projModes = new Map<string, string>();
  projections.forEach((pr, i) => {
    const p = `${path}.projections[${i}]`;
    if (projModes.has(pr.id))
      c.fail(`${p}.id`, `duplicate id "${pr.id}"`, 'duplicateId', { id: pr.id });
    projModes.set(pr.id, pr.mode);
    if (pr.from !== ALL && !aggIds.has(pr.from))
      c.fail(
        `${p}.from`,
        `unknown aggregate "${pr.from}" (declare it in $.eventStore.aggregates, or use $all)`,
        'unknownAggregate',
        { name: pr.from },
      );
  });
  const needProjection = (name: string, p: string) => {
    if (!projModes.has(name))
      c.fail(
        p,
        `unknown projection "${name}" (declare it in $.eventStore.projections)`,
        'unknownProjection',
        { name },
      );
  };
  const queryIds = new Set<string>();
  queries.forEach((q, i) => {
    const p = `${path}.queries[${i}]`;
    if (queryIds.has(q.id))
      c.fail(`${p}.id`, `duplicate id "${q.id}"`, 'duplicateId', { id: q.id });
    queryIds.add(q.id);
    needProjection(q.projection, `${p}.projection`);
    if (q.startMs !== undefined && q.stopMs !== undefined && q.stopMs < q.startMs)
      c.fail(
        `${p}.stopMs`,
        `must be ≥ startMs (${q.startMs}), got ${q.stopMs}`,
        'stopBeforeStart',
        {
          startMs: q.startMs,
          stopMs: q.stopMs,
        },
      );
  });
  faults.forEach((f, i) => {
    const p = `${path}.faults[${i}]`;
    if (f.kind === 'deploy') {
      if (!aggIds.has(f.aggregate))
        c.fail(
          `${p}.aggregate`,
          `unknown aggregate "${f.aggregate}" (declare it in $.eventStore.aggregates)`,
          'unknownAggregate',
          { name: f.aggregate },
        );
      return;
    }
    needProjection(f.projection, `${p}.projection`);
    if (projModes.get(f.projection) === 'inline')
      c.fail(
        `${p}.projection`,
        `${f.kind} needs an async projection: "${f.projection}" is inline (updated with the append)`,
        'inlineProjectionFault',
        { kind: f.kind, name: f.projection },
      );
  });
  if (c.errors.length > before) return undefined;
  return { aggregates, projections, queries, faults };
}
