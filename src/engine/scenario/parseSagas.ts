/*
 * The `sagas` section of a version 2 scenario (issue 14): saga orchestrators over Kafka topics.
 * Same rules as parse.ts: never throw, name the JSON path of every problem, give every problem a
 * code, bound every list.
 *
 * The step order is the saga literature's (Richardson, "Microservices Patterns" ch. 4):
 * compensatable steps, then at most one pivot, then retriable steps. A compensatable step has
 * a compensation; the pivot and retriable steps have none (nothing after the pivot is undone).
 */
import type { SagaCommandSpec, SagaSpec, SagaStepKind, SagaStepSpec } from './types';
import { Checker, child } from './validate';

type Obj = Record<string, unknown>;
type ListFn = <T>(
  c: Checker,
  v: unknown,
  path: string,
  max: number,
  item: (c: Checker, v: unknown, p: string) => T | undefined,
) => T[] | undefined;

const MAX_MS = 1e9;
export const SAGA_LIMITS = {
  sagas: 20,
  steps: 20,
  replyTopics: 20,
  types: 20,
  retries: 100,
  maxAttempts: 100,
  commitEvery: 10_000,
  crashes: 100,
};
const KINDS = ['compensatable', 'pivot', 'retriable'] as const;
const RANK: Record<SagaStepKind, number> = { compensatable: 0, pivot: 1, retriable: 2 };

function command(
  c: Checker,
  v: unknown,
  p: string,
  extra: string[] = [],
): (SagaCommandSpec & Obj) | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['type', 'topic', ...extra]);
  const type = c.string(o.type, child(p, 'type'), { maxLength: 200 });
  const topic = c.string(o.topic, child(p, 'topic'), { maxLength: 249 });
  return type === undefined || topic === undefined ? undefined : { ...o, type, topic };
}

function types(c: Checker, list: ListFn, v: unknown, p: string): string[] | undefined {
  const l = list(c, v, p, SAGA_LIMITS.types, (c2, x, q) => c2.string(x, q, { maxLength: 200 }));
  if (l && l.length === 0)
    c.fail(p, 'must name at least one event type', 'tooSmall', { min: 1, got: 0 });
  return l;
}

function ms(c: Checker, v: unknown, p: string, min: number): number | undefined {
  return c.number(v, p, { min, max: MAX_MS });
}

function parseStep(c: Checker, list: ListFn, v: unknown, p: string): SagaStepSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, [
    'name',
    'kind',
    'command',
    'success',
    'failure',
    'compensation',
    'timeoutMs',
    'retries',
    'backoffMs',
  ]);
  const name = c.string(o.name, child(p, 'name'), { maxLength: 100 });
  const kind = c.oneOf(o.kind, child(p, 'kind'), KINDS);
  const cmd = command(c, o.command, child(p, 'command'));
  const success = types(c, list, o.success, child(p, 'success'));
  const failure =
    o.failure === undefined
      ? undefined
      : list(c, o.failure, child(p, 'failure'), SAGA_LIMITS.types, (c2, x, q) =>
          c2.string(x, q, { maxLength: 200 }),
        );
  let compensation: SagaStepSpec['compensation'];
  if (o.compensation !== undefined) {
    const cp = child(p, 'compensation');
    const co = command(c, o.compensation, cp, ['success']);
    const cs = co ? types(c, list, co.success, child(cp, 'success')) : undefined;
    if (co && cs) compensation = { type: co.type, topic: co.topic, success: cs };
  }
  if (!name || !kind || !cmd || !success || (o.failure !== undefined && !failure)) return undefined;
  const st: SagaStepSpec = { name, kind, command: { type: cmd.type, topic: cmd.topic }, success };
  if (failure) st.failure = failure;
  if (compensation) st.compensation = compensation;
  if (o.timeoutMs !== undefined) st.timeoutMs = ms(c, o.timeoutMs, child(p, 'timeoutMs'), 1);
  if (o.backoffMs !== undefined) st.backoffMs = ms(c, o.backoffMs, child(p, 'backoffMs'), 0);
  if (o.retries !== undefined)
    st.retries = c.number(o.retries, child(p, 'retries'), {
      integer: true,
      min: 0,
      max: SAGA_LIMITS.retries,
    });
  for (const t of failure ?? [])
    if (success.includes(t))
      c.fail(
        child(p, 'failure'),
        `"${t}" is also a success type of step "${name}"`,
        'sagaReplyBoth',
        { type: t, step: name },
      );
  return st;
}

/** The steps' order and compensations, as the literature has them. */
function checkSteps(c: Checker, steps: SagaStepSpec[], p: string): void {
  const names = new Set<string>();
  let pivot: string | null = null;
  let rank = 0;
  let prev: SagaStepSpec | null = null;
  steps.forEach((st, i) => {
    const sp = `${p}[${i}]`;
    if (names.has(st.name))
      c.fail(`${sp}.name`, `duplicate step name "${st.name}"`, 'duplicateId', { id: st.name });
    names.add(st.name);
    if (st.kind === 'pivot') {
      if (pivot !== null)
        c.fail(
          `${sp}.kind`,
          `a saga has at most one pivot: "${pivot}" is one already`,
          'sagaTwoPivots',
          { first: pivot, second: st.name },
        );
      pivot = st.name;
    }
    if (RANK[st.kind] < rank && prev !== null)
      c.fail(
        `${sp}.kind`,
        `a ${st.kind} step cannot follow the ${prev.kind} step "${prev.name}" (compensatable steps, then the pivot, then retriable steps)`,
        'sagaStepOrder',
        { step: st.name, kind: st.kind, after: prev.name, afterKind: prev.kind },
      );
    rank = Math.max(rank, RANK[st.kind]);
    prev = st;
    if (st.kind === 'compensatable' && st.compensation === undefined)
      c.fail(
        `${sp}.compensation`,
        `the compensatable step "${st.name}" needs a compensation`,
        'sagaCompensationMissing',
        { step: st.name },
      );
    if (st.kind !== 'compensatable' && st.compensation !== undefined)
      c.fail(
        `${sp}.compensation`,
        `a ${st.kind} step is never compensated: remove the compensation of "${st.name}"`,
        'sagaCompensationNotAllowed',
        { step: st.name, kind: st.kind },
      );
  });
}

function parseSaga(c: Checker, list: ListFn, v: unknown, p: string): SagaSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, [
    'id',
    'start',
    'replyTopics',
    'steps',
    'compensation',
    'deduplicate',
    'processingMs',
    'commitEvery',
    'maxAttempts',
    'stuckAfterMs',
    'onCompleted',
    'onCancelled',
    'crashes',
  ]);
  const L = SAGA_LIMITS;
  const id = c.string(o.id, child(p, 'id'), { maxLength: 100 });
  const start = command(c, o.start, child(p, 'start'));
  const replyTopics = list(c, o.replyTopics, child(p, 'replyTopics'), L.replyTopics, (c2, x, q) =>
    c2.string(x, q, { maxLength: 249 }),
  );
  const steps = list(c, o.steps, child(p, 'steps'), L.steps, (c2, x, q) =>
    parseStep(c2, list, x, q),
  );
  if (steps && steps.length === 0)
    c.fail(child(p, 'steps'), 'must have at least one step', 'tooSmall', { min: 1, got: 0 });
  const crashes =
    o.crashes === undefined
      ? undefined
      : list(c, o.crashes, child(p, 'crashes'), L.crashes, (c2, x, q) => {
          const co = c2.object(x, q);
          if (!co) return undefined;
          c2.knownKeys(co, q, ['atMs']);
          const atMs = ms(c2, co.atMs, child(q, 'atMs'), 0);
          return atMs === undefined ? undefined : { atMs };
        });
  const opt: Partial<SagaSpec> = {};
  if (o.compensation !== undefined)
    opt.compensation = c.oneOf(o.compensation, child(p, 'compensation'), [
      'sequential',
      'parallel',
    ] as const);
  if (o.deduplicate !== undefined)
    opt.deduplicate = c.boolean(o.deduplicate, child(p, 'deduplicate'));
  if (o.processingMs !== undefined)
    opt.processingMs = ms(c, o.processingMs, child(p, 'processingMs'), 0.001);
  if (o.commitEvery !== undefined)
    opt.commitEvery = c.number(o.commitEvery, child(p, 'commitEvery'), {
      integer: true,
      min: 1,
      max: L.commitEvery,
    });
  if (o.maxAttempts !== undefined)
    opt.maxAttempts = c.number(o.maxAttempts, child(p, 'maxAttempts'), {
      integer: true,
      min: 1,
      max: L.maxAttempts,
    });
  if (o.stuckAfterMs !== undefined)
    opt.stuckAfterMs = ms(c, o.stuckAfterMs, child(p, 'stuckAfterMs'), 1);
  for (const k of ['onCompleted', 'onCancelled'] as const)
    if (o[k] !== undefined) {
      const e = command(c, o[k], child(p, k));
      if (e) opt[k] = { type: e.type, topic: e.topic };
    }
  if (!id || !start || !replyTopics || !steps || (o.crashes !== undefined && !crashes))
    return undefined;
  checkSteps(c, steps, child(p, 'steps'));
  const s: SagaSpec = {
    id,
    start: { type: start.type, topic: start.topic },
    replyTopics,
    steps,
    ...opt,
  };
  if (crashes) s.crashes = crashes;
  return s;
}

/** Every topic a saga names: the start, replies, commands, compensations, end records. */
function topicRefs(s: SagaSpec, p: string): [string, string][] {
  const refs: [string, string][] = [[s.start.topic, `${p}.start.topic`]];
  s.replyTopics.forEach((t, i) => refs.push([t, `${p}.replyTopics[${i}]`]));
  s.steps.forEach((st, i) => {
    refs.push([st.command.topic, `${p}.steps[${i}].command.topic`]);
    if (st.compensation) refs.push([st.compensation.topic, `${p}.steps[${i}].compensation.topic`]);
  });
  if (s.onCompleted) refs.push([s.onCompleted.topic, `${p}.onCompleted.topic`]);
  if (s.onCancelled) refs.push([s.onCancelled.topic, `${p}.onCancelled.topic`]);
  return refs;
}

/** Parses `$.sagas`; topic references are checked against `$.topics`. */
export function parseSagas(
  c: Checker,
  v: unknown,
  path: string,
  list: ListFn,
  topics: ReadonlySet<string>,
): SagaSpec[] | undefined {
  const sagas = list(c, v, path, SAGA_LIMITS.sagas, (c2, x, p) => parseSaga(c2, list, x, p));
  if (!sagas) return undefined;
  const before = c.errors.length;
  const ids = new Set<string>();
  sagas.forEach((s, i) => {
    const p = `${path}[${i}]`;
    if (ids.has(s.id)) c.fail(`${p}.id`, `duplicate id "${s.id}"`, 'duplicateId', { id: s.id });
    ids.add(s.id);
    for (const [t, tp] of topicRefs(s, p))
      if (!topics.has(t))
        c.fail(tp, `unknown topic "${t}" (declare it in $.topics)`, 'unknownTopic', { name: t });
  });
  return c.errors.length > before ? undefined : sagas;
}
