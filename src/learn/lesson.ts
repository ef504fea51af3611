/**
 * Lessons as data: parseLesson validates an untrusted lesson (a shipped one, a file, a link)
 * into a typed Lesson, naming the JSON path of every problem; resolveLessonSteps turns its steps
 * into the Scenario each one runs (a built-in, a whole scenario, or changes to the previous
 * step's). Published as public/lesson.schema.json; lesson.schema.test.ts checks they agree.
 *
 * Never throws, never hangs: the value's size and depth are bounded first (jsonBounds), every
 * list has a maximum, and the objects built here are fresh (no key of the input becomes a
 * property name of something we later index).
 */
import { checkJsonValue, JSON_LIMITS, parseJsonBounded, parseScenario } from '../engine';
import type { FaultSpec, Scenario, ScenarioError } from '../engine';
import { Checker, child, describe } from '../engine/scenario/validate';
import { renderMsg, type Params } from '../i18n';
import { applyActions, MAX_PATH, parsePath } from './actions';
import type {
  Action,
  Goal,
  JsonValue,
  Lesson,
  LessonStep,
  Localized,
  Op,
  ScenarioSource,
} from './types';
import { SUMMARY_COUNTERS } from './goals';

/** What the lesson format itself refuses (beyond the shape of one value), for the UI to word. */
export type LessonErrorCode =
  | 'version'
  | 'minEntries'
  | 'firstStepChanges'
  | 'oneSource'
  | 'badPath'
  | 'valueMissing'
  | 'toBeforeFrom'
  | 'goalForm'
  | 'unreadable'
  | 'noBuiltIn'
  | 'changeFailed';

/** A problem of the lesson format: English `message` (tests, CLI), `lessonCode` + params (UI). */
export interface LessonOwnError {
  path: string;
  message: string;
  lessonCode: LessonErrorCode;
  params: Params;
}

/** A problem found in a lesson: one the scenario validator words (`code`), or the lesson's own. */
export type LessonError = ScenarioError | LessonOwnError;
export type LessonParse = { ok: true; lesson: Lesson } | { ok: false; errors: LessonError[] };

/** Limits of the format (also in public/lesson.schema.json). */
export const LESSON_LIMITS = {
  steps: 60,
  titleChars: 200,
  summaryChars: 2000,
  narrationChars: 8000,
  changes: 50,
  nodes: 30,
  hints: 10,
  allow: 50,
  goalItems: 20,
  pathChars: MAX_PATH,
  maxMs: 1e9,
} as const;

/** kebab-case ids (a lesson's, a challenge's). */
export const LESSON_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Topic, producer and group names as scenarios spell them. */
const NAME = /^[A-Za-z0-9._-]+$/;

const OPS: readonly Op[] = ['<', '<=', '==', '!=', '>=', '>'];
/** The counters a goal may test: the goals module's list (one list for lessons and challenges). */
export { SUMMARY_COUNTERS };
const ANOMALY_KINDS = ['duplicate', 'reordered', 'lost', 'stuck'] as const;

/** The scenario validator's checks, plus the lesson's own problems in the same order. */
class LessonChecker extends Checker {
  readonly all: LessonError[] = [];
  private seen = 0;

  /** Moves the shape problems found so far into `all`, keeping the order they were found in. */
  private sync(): void {
    for (; this.seen < this.errors.length; this.seen++) this.all.push(this.errors[this.seen]!);
  }

  lesson(
    path: string,
    message: string,
    lessonCode: LessonErrorCode,
    params: Params = {},
  ): undefined {
    this.sync();
    this.all.push({ path, message, lessonCode, params });
    return undefined;
  }

  /** A problem the scenario parser found, at its place in the lesson. */
  scenario(e: ScenarioError, path: string): void {
    this.sync();
    this.all.push({ ...e, path });
  }

  done(): LessonError[] {
    this.sync();
    return this.all;
  }
}

/** Validates untrusted input into a Lesson. Never throws. */
export function parseLesson(input: unknown): LessonParse {
  try {
    const bounds = checkJsonValue(input, JSON_LIMITS);
    if (bounds) return { ok: false, errors: [bounds] };
    const c = new LessonChecker();
    const lesson = parseRoot(c, input);
    const errors = c.done();
    return errors.length > 0 || !lesson ? { ok: false, errors } : { ok: true, lesson };
  } catch (e) {
    // Defence in depth: a getter or a proxy handed over by code must not break the caller.
    const why = String(e);
    return {
      ok: false,
      errors: [
        {
          path: '$',
          message: `could not be read: ${why}`,
          lessonCode: 'unreadable',
          params: { why },
        },
      ],
    };
  }
}

/** Parses lesson JSON text within JSON_LIMITS first. */
export function parseLessonJson(text: string): LessonParse {
  const r = parseJsonBounded(text, JSON_LIMITS);
  return r.ok ? parseLesson(r.value) : { ok: false, errors: [r.error] };
}

function parseRoot(c: LessonChecker, input: unknown): Lesson | undefined {
  const o = c.object(input, '$');
  if (!o) return undefined;
  c.knownKeys(o, '$', [
    '$schema',
    'version',
    'id',
    'title',
    'summary',
    'chapter',
    'steps',
    'challenge',
  ]);
  if (o.$schema !== undefined) c.string(o.$schema, '$.$schema', { maxLength: 2000 });
  if (o.version !== 1)
    c.lesson(
      '$.version',
      `must be 1 (the only lesson format version), got ${JSON.stringify(o.version) ?? 'nothing'}`,
      'version',
      { got: String(JSON.stringify(o.version) ?? '—').slice(0, 40) },
    );
  const id = c.string(o.id, '$.id', { pattern: LESSON_ID, maxLength: 80 });
  const title = localized(c, o.title, '$.title', LESSON_LIMITS.titleChars);
  const summary = localized(c, o.summary, '$.summary', LESSON_LIMITS.summaryChars);
  const chapter = c.string(o.chapter, '$.chapter', { maxLength: 40 });
  const challenge =
    o.challenge === undefined
      ? undefined
      : c.string(o.challenge, '$.challenge', { pattern: LESSON_ID, maxLength: 80 });
  const steps = list(c, o.steps, '$.steps', 1, LESSON_LIMITS.steps, parseStep);
  if (steps && steps[0] && 'changes' in steps[0].scenario)
    c.lesson(
      '$.steps[0].scenario',
      'the first step must name a built-in or give a whole scenario (there is no previous step to change)',
      'firstStepChanges',
    );
  if (!id || !title || !summary || !chapter || !steps) return undefined;
  const lesson: Lesson = { version: 1, id, title, summary, chapter, steps };
  if (typeof o.$schema === 'string') lesson.$schema = o.$schema;
  if (challenge !== undefined) lesson.challenge = challenge;
  return lesson;
}

function list<T>(
  c: LessonChecker,
  v: unknown,
  path: string,
  min: number,
  max: number,
  item: (c: LessonChecker, v: unknown, p: string) => T | undefined,
): T[] | undefined {
  const a = c.array(v, path);
  if (!a) return undefined;
  if (a.length < min)
    return c.lesson(
      path,
      `must have at least ${min} entr${min === 1 ? 'y' : 'ies'}`,
      'minEntries',
      {
        min,
      },
    );
  if (a.length > max)
    return c.fail(path, `at most ${max} entries, got ${a.length}`, 'tooManyEntries', {
      max,
      got: a.length,
    });
  const out: T[] = [];
  let ok = true;
  for (let i = 0; i < a.length; i++) {
    const r = item(c, a[i], child(path, i));
    if (r === undefined) ok = false;
    else out.push(r);
  }
  return ok ? out : undefined;
}

function localized(
  c: LessonChecker,
  v: unknown,
  p: string,
  maxLength: number,
): Localized | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['en', 'zh-CN']);
  const en = c.string(o.en, child(p, 'en'), { maxLength });
  const zh = c.string(o['zh-CN'], child(p, 'zh-CN'), { maxLength });
  return en === undefined || zh === undefined ? undefined : { en, 'zh-CN': zh };
}

function time(c: LessonChecker, v: unknown, p: string): number | undefined {
  return c.number(v, p, { min: 0, max: LESSON_LIMITS.maxMs });
}

function parseStep(c: LessonChecker, v: unknown, p: string): LessonStep | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['title', 'narration', 'scenario', 'atMs', 'highlight', 'task']);
  const title = localized(c, o.title, child(p, 'title'), LESSON_LIMITS.titleChars);
  const narration = localized(c, o.narration, child(p, 'narration'), LESSON_LIMITS.narrationChars);
  const scenario = parseSource(c, o.scenario, child(p, 'scenario'));
  const atMs = o.atMs === undefined ? undefined : time(c, o.atMs, child(p, 'atMs'));
  const highlight =
    o.highlight === undefined ? undefined : parseHighlight(c, o.highlight, child(p, 'highlight'));
  const task = o.task === undefined ? undefined : parseTask(c, o.task, child(p, 'task'));
  if (!title || !narration || !scenario) return undefined;
  if (o.atMs !== undefined && atMs === undefined) return undefined;
  if (o.highlight !== undefined && !highlight) return undefined;
  if (o.task !== undefined && !task) return undefined;
  const step: LessonStep = { title, narration, scenario };
  if (atMs !== undefined) step.atMs = atMs;
  if (highlight) step.highlight = highlight;
  if (task) step.task = task;
  return step;
}

function parseSource(c: LessonChecker, v: unknown, p: string): ScenarioSource | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  const keys = Object.keys(o);
  if (keys.length !== 1 || !['builtIn', 'scenario', 'changes'].includes(keys[0]!)) {
    const got = keys.length === 0 ? 'none' : keys.map((k) => `"${k.slice(0, 40)}"`).join(', ');
    return c.lesson(
      p,
      `must have exactly one of "builtIn", "scenario", "changes", got ${got}`,
      'oneSource',
      { got },
    );
  }
  if (o.builtIn !== undefined) {
    const id = c.string(o.builtIn, child(p, 'builtIn'), { pattern: NAME, maxLength: 80 });
    return id === undefined ? undefined : { builtIn: id };
  }
  if (o.scenario !== undefined) {
    const r = parseScenario(o.scenario);
    if (!r.ok) {
      const at = child(p, 'scenario');
      for (const e of r.errors) c.scenario(e, at + e.path.slice(1));
      return undefined;
    }
    return { scenario: r.scenario };
  }
  const changes = list(c, o.changes, child(p, 'changes'), 0, LESSON_LIMITS.changes, parseAction);
  return changes === undefined ? undefined : { changes };
}

/** One Action (see types.ts); a fault is checked as a scenario's fault is. */
export function parseAction(c: LessonChecker, v: unknown, p: string): Action | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  const op = c.oneOf(o.op, child(p, 'op'), ['set', 'addFault', 'removeFault'] as const);
  if (!op) return undefined;
  if (op === 'set') {
    c.knownKeys(o, p, ['op', 'path', 'value']);
    let path = c.string(o.path, child(p, 'path'), { maxLength: LESSON_LIMITS.pathChars });
    if (path !== undefined) {
      const parsed = parsePath(path);
      if (!parsed.ok)
        path = c.lesson(child(p, 'path'), renderMsg('en', parsed.error), 'badPath', {
          problem: parsed.error,
        });
    }
    if (!Object.prototype.hasOwnProperty.call(o, 'value'))
      return c.lesson(child(p, 'value'), 'must be given (null removes the field)', 'valueMissing');
    return path === undefined ? undefined : { op, path, value: o.value as JsonValue };
  }
  c.knownKeys(o, p, ['op', 'fault']);
  const fault = parseFaultShape(c, o.fault, child(p, 'fault'));
  return fault ? { op, fault } : undefined;
}

/**
 * A fault's shape, checked by the scenario parser itself (the same rules, the same messages):
 * the fault is put in an otherwise empty scenario and only the problems of the fault itself are
 * kept. Whether its group, member or broker exists is checked when the change is applied.
 */
function parseFaultShape(c: LessonChecker, v: unknown, p: string): FaultSpec | undefined {
  const r = parseScenario({ version: 1, name: 'fault', topics: [], faults: [v] });
  if (r.ok) return r.scenario.faults[0];
  const own = r.errors.filter(
    (e) =>
      e.path === '$.faults[0]' ||
      e.path.startsWith('$.faults[0].') ||
      e.path.startsWith('$.faults[0]['),
  );
  const shape = own.filter((e) => !CROSS_REFERENCE.some((re) => re.test(e.message)));
  if (shape.length === 0) {
    // Only references the empty scenario lacks: the shape is right.
    return v as FaultSpec;
  }
  for (const e of shape) c.scenario(e, p + e.path.slice('$.faults[0]'.length));
  return undefined;
}

const CROSS_REFERENCE = [
  /^unknown (group|producer|topic|client|server) "/,
  /^group ".*" has no member "/,
  /^the cluster has brokers/,
  /^is \d+ but the cluster has/,
];

function parseHighlight(
  c: LessonChecker,
  v: unknown,
  p: string,
): NonNullable<LessonStep['highlight']> | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['nodes', 'fromMs', 'toMs']);
  const nodes =
    o.nodes === undefined
      ? undefined
      : list(c, o.nodes, child(p, 'nodes'), 0, LESSON_LIMITS.nodes, (c, x, q) =>
          c.string(x, q, { pattern: NAME }),
        );
  const fromMs = o.fromMs === undefined ? undefined : time(c, o.fromMs, child(p, 'fromMs'));
  const toMs = o.toMs === undefined ? undefined : time(c, o.toMs, child(p, 'toMs'));
  if (fromMs !== undefined && toMs !== undefined && toMs < fromMs)
    return c.lesson(child(p, 'toMs'), `must be ≥ fromMs (${fromMs}), got ${toMs}`, 'toBeforeFrom', {
      from: fromMs,
      got: toMs,
    });
  if ((o.nodes !== undefined && !nodes) || (o.fromMs !== undefined && fromMs === undefined))
    return undefined;
  if (o.toMs !== undefined && toMs === undefined) return undefined;
  const h: NonNullable<LessonStep['highlight']> = {};
  if (nodes) h.nodes = nodes;
  if (fromMs !== undefined) h.fromMs = fromMs;
  if (toMs !== undefined) h.toMs = toMs;
  return h;
}

function parseTask(
  c: LessonChecker,
  v: unknown,
  p: string,
): NonNullable<LessonStep['task']> | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['text', 'goal', 'hints', 'allow']);
  const text = localized(c, o.text, child(p, 'text'), LESSON_LIMITS.narrationChars);
  const goal = parseGoal(c, o.goal, child(p, 'goal'));
  const hints = list(
    c,
    o.hints === undefined ? [] : o.hints,
    child(p, 'hints'),
    0,
    LESSON_LIMITS.hints,
    (c, x, q) => localized(c, x, q, LESSON_LIMITS.summaryChars),
  );
  const allow =
    o.allow === undefined
      ? undefined
      : list(c, o.allow, child(p, 'allow'), 0, LESSON_LIMITS.allow, (c, x, q) =>
          c.string(x, q, { maxLength: LESSON_LIMITS.pathChars }),
        );
  if (!text || !goal || !hints || (o.allow !== undefined && !allow)) return undefined;
  const task: NonNullable<LessonStep['task']> = { text, goal, hints };
  if (allow) task.allow = allow;
  return task;
}

/** A Goal (see types.ts): exactly one form per object. */
export function parseGoal(c: LessonChecker, v: unknown, p: string): Goal | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  if (o.all !== undefined || o.any !== undefined) {
    const k = o.all !== undefined ? 'all' : 'any';
    c.knownKeys(o, p, [k]);
    const items = list(c, o[k], child(p, k), 1, LESSON_LIMITS.goalItems, parseGoal);
    if (!items || Object.keys(o).length !== 1) return undefined;
    return k === 'all' ? { all: items } : { any: items };
  }
  if (o.not !== undefined) {
    c.knownKeys(o, p, ['not']);
    const g = parseGoal(c, o.not, child(p, 'not'));
    return g && Object.keys(o).length === 1 ? { not: g } : undefined;
  }
  if (o.summary !== undefined) {
    c.knownKeys(o, p, ['summary', 'op', 'value', 'group']);
    const summary = c.oneOf(o.summary, child(p, 'summary'), SUMMARY_COUNTERS);
    const op = c.oneOf(o.op, child(p, 'op'), OPS);
    const value = c.number(o.value, child(p, 'value'));
    const group =
      o.group === undefined ? undefined : c.string(o.group, child(p, 'group'), { pattern: NAME });
    if (!summary || !op || value === undefined || (o.group !== undefined && !group))
      return undefined;
    return group === undefined ? { summary, op, value } : { summary, op, value, group };
  }
  if (o.anomalies !== undefined) {
    c.knownKeys(o, p, ['anomalies', 'op', 'value', 'group', 'key']);
    const anomalies = c.oneOf(o.anomalies, child(p, 'anomalies'), ANOMALY_KINDS);
    const op = c.oneOf(o.op, child(p, 'op'), OPS);
    const value = c.number(o.value, child(p, 'value'));
    const group =
      o.group === undefined ? undefined : c.string(o.group, child(p, 'group'), { pattern: NAME });
    const key =
      o.key === undefined ? undefined : c.string(o.key, child(p, 'key'), { nonEmpty: false });
    if (!anomalies || !op || value === undefined) return undefined;
    if ((o.group !== undefined && !group) || (o.key !== undefined && key === undefined))
      return undefined;
    const g: Goal = { anomalies, op, value };
    if (group !== undefined) g.group = group;
    if (key !== undefined) g.key = key;
    return g;
  }
  const fields =
    Object.keys(o).length === 0
      ? 'no fields'
      : `fields ${Object.keys(o)
          .slice(0, 5)
          .map((k) => `"${k.slice(0, 40)}"`)
          .join(', ')}`;
  return c.lesson(
    p,
    `must be one of {all}, {any}, {not}, {summary, op, value}, {anomalies, op, value}; got ${describe(v)} with ${fields}`,
    'goalForm',
    { fields },
  );
}

export type ResolvedSteps =
  { ok: true; scenarios: Scenario[] } | { ok: false; errors: LessonError[] };

/**
 * The Scenario each step runs. `builtIns` finds a built-in by id (the catalog); a `changes`
 * step is the previous step's scenario with its actions applied (applyActions parses the result:
 * a change may not make a scenario the engine refuses). Errors name the step.
 */
export function resolveLessonSteps(
  lesson: Lesson,
  builtIns: (id: string) => Scenario | undefined,
): ResolvedSteps {
  const out: Scenario[] = [];
  const errors: LessonError[] = [];
  lesson.steps.forEach((step, i) => {
    const p = `$.steps[${i}].scenario`;
    const src = step.scenario;
    let s: Scenario | undefined;
    if ('builtIn' in src) {
      s = builtIns(src.builtIn);
      if (!s)
        errors.push({
          path: `${p}.builtIn`,
          message: `no built-in scenario "${src.builtIn}"`,
          lessonCode: 'noBuiltIn',
          params: { id: src.builtIn },
        });
    } else if ('scenario' in src) s = src.scenario;
    else {
      const prev = out[i - 1];
      if (!prev) {
        if (i === 0)
          errors.push({
            path: p,
            message: 'the first step has no previous step to change',
            lessonCode: 'firstStepChanges',
            params: {},
          });
        return;
      }
      const r = applyActions(prev, src.changes);
      if (r.ok) s = r.scenario;
      else
        errors.push({
          path: r.index >= 0 ? `${p}.changes[${r.index}]` : `${p}.changes`,
          message: renderMsg('en', r.error),
          lessonCode: 'changeFailed',
          params: { problem: r.error },
        });
    }
    if (s) out[i] = s;
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, scenarios: out };
}

/** The text of a Localized in `locale`, English when missing. */
export function localize(l: Localized, locale: string): string {
  return locale === 'zh-CN' ? l['zh-CN'] || l.en : l.en;
}
