/**
 * Goals: what must hold over a run (types.ts), checked on the engine's own numbers: the summary
 * at the end (engine/summary.ts) and the anomaly detector over the whole log (insight). A failing
 * goal explains itself with the first offending fact ("not yet: order-7 is still reordered at
 * 4,200 ms"); a met one names the fact that meets it.
 *
 * Pure: the check worker, the headless checker (`npm run lessons -- --check`) and tests run it.
 */
import {
  BROWSER_LIMITS,
  summarize,
  costIssues,
  estimateCost,
  recordFloors,
  simulate,
  type CostLimits,
  type Scenario,
  type Summary,
} from '../engine';
import { costProblemMsg } from '../diagram/validationText';
import { msg, type MessageKey, type Msg } from '../i18n';
import { AnomalyDetector, type Anomaly } from '../insight';
import type { AmqpSummaryCounter, EsSummaryCounter, Goal, Op, SummaryCounter } from './types';

export interface RunResult {
  summary: Summary;
  /**
   * The summary with lag, lagMax and pending at their highest during the run (sampled every
   * PEAK_EVERY_US of sim time and at the end), for goals `over: 'run'`.
   */
  peak: Summary;
  /** Every anomaly the detector found over the run, in log order. */
  anomalies: Anomaly[];
  events: number;
}

export type RunOutcome = { ok: true; result: RunResult } | { ok: false; error: Msg };

/**
 * What one check may cost: a check runs after every edit, so far below what the app plays
 * (BROWSER_LIMITS). A design past these is refused with the reasons, not run.
 */
export const CHECK_LIMITS: CostLimits = {
  // Any limit not named here (RabbitMQ's, as the cost model grows) is the browser's.
  ...BROWSER_LIMITS,
  partitions: 2_000,
  members: 200,
  assignmentWork: 200_000,
  keys: 100_000,
  keyTableBytes: 32 * 2 ** 20,
  fanOut: 100,
  peakRecordsPerSec: 200_000,
  totalEvents: 2_000_000,
  stateBytes: 128 * 2 ** 20,
};

/** How often (in events) the detector lets go of records nobody can ask about any more. */
const RELEASE_EVERY = 50_000;

/** Simulates `scenario` to its end with the anomaly detector; refuses one too large to check. */
/** How often (sim time) runForCheck samples the figures that can fall (lag, pending). */
export const PEAK_EVERY_US = 100_000;

const maxOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

/** `s` with lag, lagMax and pending raised to their highest in `peak` (groups matched by id). */
function higher(peak: Summary | null, s: Summary): Summary {
  if (!peak) return s;
  return {
    ...s,
    lagMax: maxOf(peak.lagMax, s.lagMax),
    pending: Math.max(peak.pending, s.pending),
    groups: s.groups.map((g) => {
      const p = peak.groups.find((x) => x.group === g.group);
      if (!p) return g;
      return {
        ...g,
        lag: maxOf(p.lag, g.lag),
        lagMax: maxOf(p.lagMax, g.lagMax),
        pending: Math.max(p.pending, g.pending),
      };
    }),
  };
}

export function runForCheck(scenario: Scenario, limits: CostLimits = CHECK_LIMITS): RunOutcome {
  const problems = costIssues(estimateCost(scenario), limits);
  if (problems.length > 0)
    return {
      ok: false,
      error: msg('challenges.run.tooLarge', { reason: costProblemMsg(problems[0]!) }),
    };
  try {
    let detector: AnomalyDetector | null = null;
    let index = 0;
    let peak: Summary | null = null;
    let nextSampleUs = 0;
    const r = simulate(scenario, {
      keepEvents: false,
      hash: false,
      onEvent: (e, s) => {
        detector ??= new AnomalyDetector(s.model);
        detector.push(e, index++);
        if (index % RELEASE_EVERY === 0) detector.release(recordFloors(s));
        if (e.timeUs >= nextSampleUs) {
          peak = higher(peak, summarize(s, index, ''));
          nextSampleUs = e.timeUs + PEAK_EVERY_US;
        }
      },
    });
    detector ??= new AnomalyDetector(r.model);
    return {
      ok: true,
      result: {
        summary: r.summary,
        peak: higher(peak, r.summary),
        anomalies: [...detector.anomalies()],
        events: index,
      },
    };
  } catch (e) {
    return {
      ok: false,
      error: msg('challenges.run.failed', { reason: String((e as Error)?.message ?? e) }),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Goals as data

/** RabbitMQ's counters, `amqp.<field>` of the summary's `amqp` (whole run, never per group). */
export const AMQP_COUNTERS: readonly AmqpSummaryCounter[] = [
  'amqp.published',
  'amqp.routed',
  'amqp.unroutable',
  'amqp.delivered',
  'amqp.redelivered',
  'amqp.processed',
  'amqp.duplicates',
  'amqp.reordered',
  'amqp.handlerFailures',
  'amqp.acked',
  'amqp.requeued',
  'amqp.deadLettered',
  'amqp.lost',
  'amqp.maxDeliveries',
];

/** The event store's counters, `es.<field>` of the summary's `eventStore` (whole run). */
export const ES_COUNTERS: readonly EsSummaryCounter[] = [
  'es.succeeded',
  'es.conflicts',
  'es.failedCommands',
  'es.doubleCounted',
  'es.staleReads',
  'es.versionErrors',
  'es.upcasted',
  'es.rebuilds',
];

export const SUMMARY_COUNTERS: readonly SummaryCounter[] = [
  'processed',
  'duplicates',
  'redeliveries',
  'duplicateSideEffects',
  'dedupAbsorbed',
  'reordered',
  'lost',
  'pending',
  'lag',
  'lagMax',
  'rebalances',
  'rejectedCommits',
  'dlq',
  'handlerFailures',
  'abortedRead',
  'outputDuplicates',
  'missedTombstones',
  'produced',
  'appended',
  'acknowledged',
  'logDuplicates',
  'lostAcked',
  'reorderedInLog',
  'failedSends',
  ...AMQP_COUNTERS,
  ...ES_COUNTERS,
];

/** Counters the summary has per group (the rest are the producers' and the cluster's). */
export const GROUP_COUNTERS: ReadonlySet<SummaryCounter> = new Set<SummaryCounter>([
  'processed',
  'duplicates',
  'redeliveries',
  'duplicateSideEffects',
  'dedupAbsorbed',
  'reordered',
  'lost',
  'pending',
  'lag',
  'lagMax',
  'rebalances',
  'rejectedCommits',
  'dlq',
  'handlerFailures',
  'abortedRead',
  'outputDuplicates',
  'missedTombstones',
]);

export const OPS: readonly Op[] = ['<', '<=', '==', '!=', '>=', '>'];
export const ANOMALY_KINDS = ['duplicate', 'reordered', 'lost', 'stuck'] as const;

/** Catalog keys, as literals (the catalog test looks for each key in the source). */
const COUNTER_KEY: Record<SummaryCounter, MessageKey> = {
  processed: 'challenges.counter.processed',
  duplicates: 'challenges.counter.duplicates',
  redeliveries: 'challenges.counter.redeliveries',
  duplicateSideEffects: 'challenges.counter.duplicateSideEffects',
  dedupAbsorbed: 'challenges.counter.dedupAbsorbed',
  reordered: 'challenges.counter.reordered',
  lost: 'challenges.counter.lost',
  pending: 'challenges.counter.pending',
  lag: 'challenges.counter.lag',
  lagMax: 'challenges.counter.lagMax',
  rebalances: 'challenges.counter.rebalances',
  rejectedCommits: 'challenges.counter.rejectedCommits',
  dlq: 'challenges.counter.dlq',
  handlerFailures: 'challenges.counter.handlerFailures',
  abortedRead: 'challenges.counter.abortedRead',
  outputDuplicates: 'challenges.counter.outputDuplicates',
  missedTombstones: 'challenges.counter.missedTombstones',
  produced: 'challenges.counter.produced',
  appended: 'challenges.counter.appended',
  acknowledged: 'challenges.counter.acknowledged',
  logDuplicates: 'challenges.counter.logDuplicates',
  lostAcked: 'challenges.counter.lostAcked',
  reorderedInLog: 'challenges.counter.reorderedInLog',
  failedSends: 'challenges.counter.failedSends',
  'amqp.published': 'challenges.counter.amqpPublished',
  'amqp.routed': 'challenges.counter.amqpRouted',
  'amqp.unroutable': 'challenges.counter.amqpUnroutable',
  'amqp.delivered': 'challenges.counter.amqpDelivered',
  'amqp.redelivered': 'challenges.counter.amqpRedelivered',
  'amqp.processed': 'challenges.counter.amqpProcessed',
  'amqp.duplicates': 'challenges.counter.amqpDuplicates',
  'amqp.reordered': 'challenges.counter.amqpReordered',
  'amqp.handlerFailures': 'challenges.counter.amqpHandlerFailures',
  'amqp.acked': 'challenges.counter.amqpAcked',
  'amqp.requeued': 'challenges.counter.amqpRequeued',
  'amqp.deadLettered': 'challenges.counter.amqpDeadLettered',
  'amqp.lost': 'challenges.counter.amqpLost',
  'amqp.maxDeliveries': 'challenges.counter.amqpMaxDeliveries',
  'es.succeeded': 'challenges.counter.esSucceeded',
  'es.conflicts': 'challenges.counter.esConflicts',
  'es.failedCommands': 'challenges.counter.esFailedCommands',
  'es.doubleCounted': 'challenges.counter.esDoubleCounted',
  'es.staleReads': 'challenges.counter.esStaleReads',
  'es.versionErrors': 'challenges.counter.esVersionErrors',
  'es.upcasted': 'challenges.counter.esUpcasted',
  'es.rebuilds': 'challenges.counter.esRebuilds',
};

const KIND_KEY: Record<(typeof ANOMALY_KINDS)[number], MessageKey> = {
  duplicate: 'challenges.kind.duplicate',
  reordered: 'challenges.kind.reordered',
  lost: 'challenges.kind.lost',
  stuck: 'challenges.kind.stuck',
};

const OP_WORD: Record<Op, string> = {
  '<': 'lt',
  '<=': 'le',
  '==': 'eq',
  '!=': 'ne',
  '>=': 'ge',
  '>': 'gt',
};

const MAX_GOAL_NODES = 64;
const MAX_GOAL_DEPTH = 8;

export interface GoalError {
  path: string;
  message: string;
}

/**
 * Validates an untrusted goal: bounded (at most 64 nodes, 8 deep), every problem with its JSON
 * path. `groups`, when given, are the group ids a goal may name.
 */
export function parseGoal(
  v: unknown,
  path = '$',
  groups?: readonly string[],
): { ok: true; goal: Goal } | { ok: false; errors: GoalError[] } {
  const errors: GoalError[] = [];
  let nodes = 0;
  const fail = (p: string, m: string): undefined => {
    if (errors.length < 50) errors.push({ path: p, message: m });
    return undefined;
  };
  const walk = (g: unknown, p: string, depth: number): Goal | undefined => {
    if (++nodes > MAX_GOAL_NODES) return fail(p, `a goal has at most ${MAX_GOAL_NODES} parts`);
    if (depth > MAX_GOAL_DEPTH) return fail(p, `goals nest at most ${MAX_GOAL_DEPTH} deep`);
    if (typeof g !== 'object' || g === null || Array.isArray(g))
      return fail(p, 'must be an object (all, any, not, summary or anomalies)');
    const o = g as Record<string, unknown>;
    const keys = Object.keys(o);
    const known = (allowed: string[]) => {
      for (const k of keys) if (!allowed.includes(k)) fail(`${p}.${k}`, 'is not a known field');
    };
    if (Object.hasOwn(o, 'all') || Object.hasOwn(o, 'any')) {
      const k = Object.hasOwn(o, 'all') ? 'all' : 'any';
      known([k]);
      const list = o[k];
      if (!Array.isArray(list) || list.length === 0)
        return fail(`${p}.${k}`, 'must be a non-empty list of goals');
      if (list.length > MAX_GOAL_NODES)
        return fail(`${p}.${k}`, `has at most ${MAX_GOAL_NODES} goals`);
      const parts = list.map((x, i) => walk(x, `${p}.${k}[${i}]`, depth + 1));
      if (parts.some((x) => x === undefined)) return undefined;
      return k === 'all' ? { all: parts as Goal[] } : { any: parts as Goal[] };
    }
    if (Object.hasOwn(o, 'not')) {
      known(['not']);
      const inner = walk(o.not, `${p}.not`, depth + 1);
      return inner && { not: inner };
    }
    const op = o.op;
    const value = o.value;
    let bad = false;
    if (typeof op !== 'string' || !OPS.includes(op as Op)) {
      fail(`${p}.op`, `must be one of ${OPS.join(' ')}`);
      bad = true;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 1e12) {
      fail(`${p}.value`, 'must be a finite number');
      bad = true;
    }
    const group = o.group;
    if (group !== undefined) {
      if (typeof group !== 'string' || group.length > 200 || !/^[A-Za-z0-9._-]+$/.test(group)) {
        fail(`${p}.group`, 'must be a group id');
        bad = true;
      } else if (groups && !groups.includes(group)) {
        fail(`${p}.group`, `names no group of the scenario ("${group.slice(0, 80)}")`);
        bad = true;
      }
    }
    if (Object.hasOwn(o, 'summary')) {
      known(['summary', 'op', 'value', 'group', 'over']);
      const c = o.summary;
      if (typeof c !== 'string' || !SUMMARY_COUNTERS.includes(c as SummaryCounter))
        return fail(`${p}.summary`, `must be one of ${SUMMARY_COUNTERS.join(', ')}`);
      if (group !== undefined && !GROUP_COUNTERS.has(c as SummaryCounter))
        return fail(`${p}.group`, `${c} is counted for the whole run, not per group`);
      const over = o.over;
      if (over !== undefined && over !== 'end' && over !== 'run')
        return fail(`${p}.over`, 'must be "end" or "run"');
      if (bad) return undefined;
      const out: Goal = { summary: c as SummaryCounter, op: op as Op, value: value as number };
      if (group !== undefined) out.group = group as string;
      if (over !== undefined) out.over = over;
      return out;
    }
    if (Object.hasOwn(o, 'anomalies')) {
      known(['anomalies', 'op', 'value', 'group', 'key']);
      const k = o.anomalies;
      if (typeof k !== 'string' || !(ANOMALY_KINDS as readonly string[]).includes(k))
        return fail(`${p}.anomalies`, `must be one of ${ANOMALY_KINDS.join(', ')}`);
      const key = o.key;
      if (key !== undefined && (typeof key !== 'string' || tooLongKey(key)))
        return fail(`${p}.key`, 'must be a record key (text)');
      if (bad) return undefined;
      const out: Goal = {
        anomalies: k as (typeof ANOMALY_KINDS)[number],
        op: op as Op,
        value: value as number,
      };
      if (group !== undefined) out.group = group as string;
      if (key !== undefined) out.key = key as string;
      return out;
    }
    return fail(p, 'must have one of all, any, not, summary or anomalies');
  };
  const goal = walk(v, path, 1);
  return goal && errors.length === 0 ? { ok: true, goal } : { ok: false, errors };
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface GoalResult {
  ok: boolean;
  /** Met: the fact that meets it. Not met: "not yet: …" with the first offending fact. */
  feedback: Msg;
}

/** Checks a goal against a run. */
export function evaluateGoal(goal: Goal, result: RunResult): GoalResult {
  const r = evalNode(goal, result);
  return { ok: r.ok, feedback: r.ok ? r.fact : msg('challenges.goal.notYet', { fact: r.fact }) };
}

interface Eval {
  ok: boolean;
  /** Why it holds (ok) or why not (the first offending fact). */
  fact: Msg;
}

function compare(x: number, op: Op, v: number): boolean {
  switch (op) {
    case '<':
      return x < v;
    case '<=':
      return x <= v;
    case '==':
      return x === v;
    case '!=':
      return x !== v;
    case '>=':
      return x >= v;
    case '>':
      return x > v;
  }
}

function evalNode(goal: Goal, r: RunResult): Eval {
  if ('all' in goal) {
    let last: Eval = { ok: true, fact: msg('challenges.goal.allMet') };
    for (const g of goal.all) {
      const e = evalNode(g, r);
      if (!e.ok) return e;
      last = e;
    }
    return goal.all.length === 1 ? last : { ok: true, fact: msg('challenges.goal.allMet') };
  }
  if ('any' in goal) {
    let first: Eval | null = null;
    for (const g of goal.any) {
      const e = evalNode(g, r);
      if (e.ok) return e;
      first ??= e;
    }
    return first ?? { ok: false, fact: msg('challenges.goal.allMet') };
  }
  if ('not' in goal) {
    const e = evalNode(goal.not, r);
    return e.ok
      ? { ok: false, fact: msg('challenges.goal.mustNot', { fact: e.fact }) }
      : { ok: true, fact: msg('challenges.goal.isNot', { fact: e.fact }) };
  }
  if ('summary' in goal) return evalCounter(goal, goal.over === 'run' ? r.peak : r.summary);
  return evalAnomalies(goal, r.anomalies);
}

function counterValue(
  s: Summary,
  c: SummaryCounter,
  group: string | undefined,
): number | null | undefined {
  if (group !== undefined) {
    const g = s.groups.find((x) => x.group === group);
    if (!g || !GROUP_COUNTERS.has(c)) return undefined;
    return g[c as keyof typeof g] as number | null;
  }
  if (c === 'lag') {
    let lag: number | null = null;
    for (const g of s.groups) if (g.lag !== null) lag = (lag ?? 0) + g.lag;
    return lag;
  }
  if (c === 'handlerFailures') return s.groups.reduce((a, g) => a + g.handlerFailures, 0);
  // RabbitMQ's counters: unknown (null) in a run without a RabbitMQ broker.
  if (c.startsWith('amqp.'))
    return s.amqp ? s.amqp[c.slice(5) as keyof NonNullable<Summary['amqp']>] : null;
  // The event store's counters: unknown (null) in a run without an event store.
  if (c.startsWith('es.'))
    return s.eventStore
      ? s.eventStore[c.slice(3) as keyof NonNullable<Summary['eventStore']>]
      : null;
  return s[c as keyof Summary] as number | null;
}

function evalCounter(g: Extract<Goal, { summary: unknown }>, s: Summary): Eval {
  const counter =
    g.over === 'run'
      ? msg('challenges.fact.peakOf', { counter: msg(COUNTER_KEY[g.summary]) })
      : msg(COUNTER_KEY[g.summary]);
  const x = counterValue(s, g.summary, g.group);
  const need = msg('challenges.need', { op: OP_WORD[g.op], value: g.value });
  if (x === undefined)
    return { ok: false, fact: msg('challenges.fact.noGroup', { group: g.group ?? '' }) };
  if (x === null) return { ok: false, fact: msg('challenges.fact.unknown', { counter, need }) };
  const ok = compare(x, g.op, g.value);
  const params = { counter, value: x, need, group: g.group ?? '' };
  return {
    ok,
    fact: ok
      ? msg(g.group ? 'challenges.fact.counterOfGroup' : 'challenges.fact.counter', params)
      : msg(
          g.group ? 'challenges.fact.counterOfGroupNeeds' : 'challenges.fact.counterNeeds',
          params,
        ),
  };
}

function evalAnomalies(g: Extract<Goal, { anomalies: unknown }>, all: Anomaly[]): Eval {
  const list = all.filter(
    (a) =>
      a.kind === g.anomalies &&
      a.count > 0 &&
      (g.group === undefined || a.group === g.group) &&
      (g.key === undefined || a.key === g.key),
  );
  let n = 0;
  for (const a of list) n += a.count;
  const kind = msg(KIND_KEY[g.anomalies]);
  const need = msg('challenges.need', { op: OP_WORD[g.op], value: g.value });
  const ok = compare(n, g.op, g.value);
  const first = list[0];
  if (!first) return { ok, fact: msg('challenges.fact.noAnomaly', { kind, need }) };
  const where = anomalyPlace(first);
  const at = Math.round(first.timeUs / 1000);
  // Fewer would do (== 0, < n, ≤ n): name the first one still there.
  const tooMany =
    !ok && (g.op === '<' || g.op === '<=' || (g.op === '==' && n > g.value) || g.op === '!=');
  if (tooMany)
    return {
      ok,
      fact: msg('challenges.fact.stillAnomaly', { where, kindCode: g.anomalies, at, n, need }),
    };
  return {
    ok,
    fact: ok
      ? msg('challenges.fact.anomalyAt', { where, kindCode: g.anomalies, at, n })
      : msg('challenges.fact.anomalyCount', { kind, n, need }),
  };
}

/** The record's key, else its place: "order-7", "payments-2 offset 41". */
function anomalyPlace(a: Anomaly): Msg | string {
  if (a.key !== undefined) return a.key;
  return a.offset === undefined
    ? msg('challenges.place.partition', { topic: a.topic, partition: a.partition })
    : msg('challenges.place.offset', { topic: a.topic, partition: a.partition, offset: a.offset });
}

/** More than 200 code points (as JSON Schema counts). */
function tooLongKey(s: string): boolean {
  if (s.length <= 200) return false;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    if (++n > 200) return true;
  }
  return false;
}
