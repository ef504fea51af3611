/**
 * Challenges (types.ts): parsing an untrusted challenge document, its constraints, and checking
 * a design against it: the moves (diffScenarios from the start), the constraint violations,
 * the goal on the engine's run, and a score against par.
 *
 * parseChallenge is bounded and never throws; every problem names its JSON path. A challenge's
 * start scenario is parsed with parseScenario, so its errors name paths under `$.start.scenario`.
 */
import {
  checkJsonValue,
  JSON_LIMITS,
  parseScenario,
  type FaultSpec,
  type Scenario,
} from '../engine';
import { msg, type Msg } from '../i18n';
import { builtInScenarios } from '../scenarios';
import {
  applyActions,
  diffScenarios,
  isObj,
  matchesAllow,
  MAX_ACTIONS,
  parsePath,
} from './actions';
import { evaluateGoal, parseGoal, runForCheck, type RunResult } from './goals';
import type { Action, Challenge, Constraints, Localized } from './types';

export interface ChallengeError {
  path: string;
  message: string;
}

export type ChallengeParse =
  { ok: true; challenge: Challenge } | { ok: false; errors: ChallengeError[] };

export const FAULT_KINDS: readonly FaultSpec['kind'][] = [
  'crash',
  'restart',
  'leave',
  'pause',
  'brokerDown',
  'brokerUp',
  'networkPartition',
  'ackLoss',
  'poisonMessage',
  'producerRestart',
];

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_ERRORS = 50;
const MAX_HINTS = 20;
const MAX_ALLOW = 100;
const MAX_PAR = 1000;

/** Parses an untrusted challenge document. Never throws. */
export function parseChallenge(input: unknown): ChallengeParse {
  const bounds = checkJsonValue(input, JSON_LIMITS);
  if (bounds) return { ok: false, errors: [bounds] };
  const errors: ChallengeError[] = [];
  const fail = (path: string, message: string): undefined => {
    if (errors.length < MAX_ERRORS) errors.push({ path, message });
    return undefined;
  };
  if (!isObj(input)) return { ok: false, errors: [{ path: '$', message: 'must be an object' }] };
  const o = input;
  const KNOWN = [
    '$schema',
    'version',
    'id',
    'title',
    'brief',
    'start',
    'goal',
    'goalText',
    'constraints',
    'par',
    'solution',
    'hints',
  ];
  for (const k of Object.keys(o))
    if (!KNOWN.includes(k)) fail(`$${seg(k)}`, 'is not a known field');
  if (o.$schema !== undefined && (typeof o.$schema !== 'string' || tooLong(o.$schema, 2000)))
    fail('$.$schema', 'must be text (at most 2,000 characters)');
  if (o.version !== 1) fail('$.version', 'must be 1');
  const id = o.id;
  if (typeof id !== 'string' || id.length > 64 || !ID.test(id))
    fail('$.id', 'must be a kebab-case id (a-z, 0-9 and -, at most 64 characters)');
  const title = localized(o.title, '$.title', 200, fail);
  const brief = localized(o.brief, '$.brief', 10_000, fail);
  const goalText = localized(o.goalText, '$.goalText', 2000, fail);

  // The start scenario.
  let start: Scenario | undefined;
  let startSpec: Challenge['start'] | undefined;
  if (!isObj(o.start)) fail('$.start', 'must be an object: {"builtIn": id} or {"scenario": {…}}');
  else if (Object.keys(o.start).length !== 1)
    fail('$.start', 'must have exactly one of builtIn or scenario');
  else if (Object.hasOwn(o.start, 'builtIn')) {
    const b = o.start.builtIn;
    if (typeof b !== 'string' || !Object.hasOwn(builtInScenarios, b))
      fail(
        '$.start.builtIn',
        `must name a built-in scenario (${Object.keys(builtInScenarios).join(', ')})`,
      );
    else {
      const p = parseScenario(builtInScenarios[b]);
      if (p.ok) {
        start = p.scenario;
        startSpec = { builtIn: b };
      } else fail('$.start.builtIn', 'the built-in scenario does not parse');
    }
  } else if (Object.hasOwn(o.start, 'scenario')) {
    const p = parseScenario(o.start.scenario);
    if (p.ok) {
      start = p.scenario;
      startSpec = { scenario: p.scenario };
    } else for (const e of p.errors) fail(`$.start.scenario${e.path.slice(1)}`, e.message);
  } else fail('$.start', 'must have builtIn or scenario');

  const goalParse = parseGoal(
    o.goal,
    '$.goal',
    start?.groups.map((g) => g.id),
  );
  if (!goalParse.ok) for (const e of goalParse.errors) fail(e.path, e.message);
  const constraints = parseConstraints(o.constraints, fail);
  const par = o.par;
  if (typeof par !== 'number' || !Number.isInteger(par) || par < 0 || par > MAX_PAR)
    fail('$.par', `must be a whole number from 0 to ${MAX_PAR}`);
  const solution = parseActionList(o.solution, '$.solution', fail);
  let hints: Localized[] | undefined;
  if (!Array.isArray(o.hints)) fail('$.hints', 'must be a list (may be empty)');
  else if (o.hints.length > MAX_HINTS) fail('$.hints', `has at most ${MAX_HINTS} hints`);
  else {
    const hs = o.hints.map((h, i) => localized(h, `$.hints[${i}]`, 2000, fail));
    if (hs.every((h) => h !== undefined)) hints = hs as Localized[];
  }
  if (start && solution) {
    const r = applyActions(start, solution);
    if (!r.ok)
      fail(
        r.index >= 0 ? `$.solution[${r.index}]` : '$.solution',
        `does not apply to the start scenario (${msgKeyText(r.error)})`,
      );
  }
  if (
    errors.length > 0 ||
    !title ||
    !brief ||
    !goalText ||
    !startSpec ||
    !goalParse.ok ||
    !constraints ||
    !solution ||
    !hints
  )
    return {
      ok: false,
      errors: errors.length > 0 ? errors : [{ path: '$', message: 'is not a challenge' }],
    };
  const c: Challenge = {
    version: 1,
    id: id as string,
    title,
    brief,
    start: startSpec,
    goal: goalParse.goal,
    goalText,
    constraints,
    par: par as number,
    solution,
    hints,
  };
  return { ok: true, challenge: c };
}

function seg(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k.slice(0, 80))}]`;
}

/** A Msg's key and params as plain text, for parse errors (English, like parseScenario's). */
function msgKeyText(m: Msg): string {
  const p = m.params ?? {};
  const parts = Object.keys(p).map((k) => {
    const v = p[k];
    return `${k}=${typeof v === 'object' ? msgKeyText(v) : String(v)}`;
  });
  return parts.length > 0 ? `${m.key}: ${parts.join(', ')}` : m.key;
}

type Fail = (path: string, message: string) => undefined;

/** Longer than `max` characters, counted in code points as JSON Schema counts them. */
export function tooLong(s: string, max: number): boolean {
  if (s.length <= max) return false;
  if (s.length > 2 * max) return true;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    if (++n > max) return true;
  }
  return false;
}

function localized(v: unknown, path: string, max: number, fail: Fail): Localized | undefined {
  if (!isObj(v)) return fail(path, 'must be an object with en and zh-CN texts');
  let ok = true;
  for (const k of Object.keys(v))
    if (k !== 'en' && k !== 'zh-CN') {
      fail(`${path}${seg(k)}`, 'is not a known language (en, zh-CN)');
      ok = false;
    }
  for (const lang of ['en', 'zh-CN'] as const) {
    const s = v[lang];
    if (typeof s !== 'string' || s.trim().length === 0 || tooLong(s, max)) {
      fail(
        `${path}${seg(lang)}`,
        `must be non-empty text of at most ${max.toLocaleString('en-US')} characters`,
      );
      ok = false;
    }
  }
  return ok ? { en: v.en as string, 'zh-CN': v['zh-CN'] as string } : undefined;
}

function parseConstraints(v: unknown, fail: Fail): Constraints | undefined {
  if (!isObj(v)) return fail('$.constraints', 'must be an object (allow, faults, maxActions)');
  let ok = true;
  const bad = (p: string, m: string) => {
    fail(p, m);
    ok = false;
  };
  for (const k of Object.keys(v))
    if (!['allow', 'faults', 'maxActions'].includes(k))
      bad(`$.constraints${seg(k)}`, 'is not a known field');
  const allow: string[] = [];
  if (!Array.isArray(v.allow))
    bad('$.constraints.allow', 'must be a list of path patterns (may be empty)');
  else if (v.allow.length > MAX_ALLOW)
    bad('$.constraints.allow', `has at most ${MAX_ALLOW} patterns`);
  else
    v.allow.forEach((p, i) => {
      if (!parsePath(p).ok) bad(`$.constraints.allow[${i}]`, 'is not a path pattern');
      else allow.push(p as string);
    });
  const out: Constraints = { allow };
  if (v.faults !== undefined) {
    const f = v.faults;
    if (!isObj(f)) bad('$.constraints.faults', 'must be an object: {max, kinds?}');
    else {
      for (const k of Object.keys(f))
        if (k !== 'max' && k !== 'kinds')
          bad(`$.constraints.faults${seg(k)}`, 'is not a known field');
      if (typeof f.max !== 'number' || !Number.isInteger(f.max) || f.max < 0 || f.max > 100)
        bad('$.constraints.faults.max', 'must be a whole number from 0 to 100');
      let kinds: FaultSpec['kind'][] | undefined;
      if (f.kinds !== undefined) {
        if (!Array.isArray(f.kinds) || f.kinds.length > FAULT_KINDS.length)
          bad('$.constraints.faults.kinds', 'must be a list of fault kinds');
        else {
          kinds = [];
          f.kinds.forEach((k, i) => {
            if (typeof k !== 'string' || !FAULT_KINDS.includes(k as FaultSpec['kind']))
              bad(`$.constraints.faults.kinds[${i}]`, `must be one of ${FAULT_KINDS.join(', ')}`);
            else kinds!.push(k as FaultSpec['kind']);
          });
        }
      }
      if (typeof f.max === 'number') out.faults = kinds ? { max: f.max, kinds } : { max: f.max };
    }
  }
  if (v.maxActions !== undefined) {
    const m = v.maxActions;
    if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > MAX_ACTIONS)
      bad('$.constraints.maxActions', `must be a whole number from 1 to ${MAX_ACTIONS}`);
    else out.maxActions = m;
  }
  return ok ? out : undefined;
}

/** Checks the shape of a list of actions (what applyActions would accept as input). */
export function parseActionList(v: unknown, path: string, fail: Fail): Action[] | undefined {
  if (!Array.isArray(v)) return fail(path, 'must be a list of actions');
  if (v.length > MAX_ACTIONS) return fail(path, `has at most ${MAX_ACTIONS} actions`);
  let ok = true;
  const out: Action[] = [];
  v.forEach((a, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(a)) {
      ok = false;
      return fail(p, 'must be an object with an op');
    }
    if (a.op === 'set') {
      for (const k of Object.keys(a))
        if (!['op', 'path', 'value'].includes(k)) {
          ok = false;
          fail(`${p}${seg(k)}`, 'is not a known field');
        }
      if (!parsePath(a.path).ok) {
        ok = false;
        return fail(`${p}.path`, 'must be a path (see the schema: topics[name=…].partitions)');
      }
      if (!Object.hasOwn(a, 'value')) {
        ok = false;
        return fail(`${p}.value`, 'is required (null removes the field)');
      }
      out.push({ op: 'set', path: a.path as string, value: a.value as never });
    } else if (a.op === 'addFault' || a.op === 'removeFault') {
      for (const k of Object.keys(a))
        if (!['op', 'fault'].includes(k)) {
          ok = false;
          fail(`${p}${seg(k)}`, 'is not a known field');
        }
      if (
        !isObj(a.fault) ||
        typeof a.fault.kind !== 'string' ||
        !FAULT_KINDS.includes(a.fault.kind as FaultSpec['kind'])
      ) {
        ok = false;
        return fail(
          `${p}.fault`,
          `must be a fault object whose kind is one of ${FAULT_KINDS.join(', ')}`,
        );
      }
      out.push({ op: a.op, fault: a.fault as unknown as FaultSpec });
    } else {
      ok = false;
      fail(`${p}.op`, 'must be set, addFault or removeFault');
    }
    return undefined;
  });
  return ok ? out : undefined;
}

// ---------------------------------------------------------------------------------------------
// Checking a design

/** The challenge's start scenario (a challenge that parsed always has one). */
export function challengeStart(c: Challenge): Scenario | null {
  const doc = 'builtIn' in c.start ? builtInScenarios[c.start.builtIn] : c.start.scenario;
  const p = parseScenario(doc);
  return p.ok ? p.scenario : null;
}

/** Fields that name a design, not what it does: never moves, never violations. */
const NAMING = new Set(['name', 'description']);

/** The moves from the start to `scenario`: what the reader changed (naming aside). */
export function challengeMoves(start: Scenario, scenario: Scenario): Action[] {
  return diffScenarios(start, scenario).filter((a) => !(a.op === 'set' && NAMING.has(a.path)));
}

/** The constraints `moves` break, each as a message, in the order of the moves. */
export function constraintViolations(c: Constraints, moves: readonly Action[]): Msg[] {
  const out: Msg[] = [];
  let added = 0;
  for (const a of moves) {
    if (a.op === 'set') {
      if (!matchesAllow(a.path, c.allow))
        out.push(msg('challenges.violation.field', { path: a.path }));
    } else if (a.op === 'addFault') {
      added++;
      const kinds = c.faults?.kinds;
      if (c.faults && kinds && !kinds.includes(a.fault.kind))
        out.push(
          msg('challenges.violation.faultKind', { kind: a.fault.kind, kinds: kinds.join(', ') }),
        );
    } else if (!c.faults) out.push(msg('challenges.violation.removeFault', { kind: a.fault.kind }));
  }
  const max = c.faults?.max ?? 0;
  if (added > max) out.push(msg('challenges.violation.tooManyFaults', { n: added, max }));
  if (c.maxActions !== undefined && moves.length > c.maxActions)
    out.push(msg('challenges.violation.tooManyActions', { n: moves.length, max: c.maxActions }));
  return out;
}

/** ★★★ at or under par, ★★ up to par + 2, ★ solved. */
export function scoreOf(moves: number, par: number): 1 | 2 | 3 {
  return moves <= par ? 3 : moves <= par + 2 ? 2 : 1;
}

export interface ChallengeCheck {
  solved: boolean;
  /** "Solved in 2 moves (par 1) ★★★", or the goal's "not yet: …", or why it could not run. */
  feedback: Msg;
  violations: Msg[];
  moves: number;
  par: number;
  /** 0 until solved. */
  score: 0 | 1 | 2 | 3;
}

/**
 * Puts a goal's verdict together with the constraints: solved only when the goal holds and no
 * constraint is broken. `goal` is evaluateGoal's result (or the reason the run was refused).
 */
export function verdict(
  c: Challenge,
  moves: readonly Action[],
  goal: { ok: boolean; feedback: Msg },
): ChallengeCheck {
  const violations = constraintViolations(c.constraints, moves);
  const n = moves.length;
  const solved = goal.ok && violations.length === 0;
  const score = solved ? scoreOf(n, c.par) : 0;
  const feedback = solved
    ? msg('challenges.solved', { moves: n, par: c.par, stars: '★'.repeat(score) })
    : goal.ok
      ? msg('challenges.goalButRules', { fact: goal.feedback })
      : goal.feedback;
  return { solved, feedback, violations, moves: n, par: c.par, score };
}

/** Checks a design (as a scenario) against a challenge, running it headless. */
export function checkChallenge(c: Challenge, scenario: Scenario): ChallengeCheck {
  const start = challengeStart(c);
  if (!start) return verdict(c, [], { ok: false, feedback: msg('challenges.noStart') });
  const moves = challengeMoves(start, scenario);
  const run = runForCheck(scenario);
  const goal = run.ok ? evaluateGoal(c.goal, run.result) : { ok: false, feedback: run.error };
  return verdict(c, moves, goal);
}

/** The same check on a run already made (tests, the CLI). */
export function checkRun(
  c: Challenge,
  start: Scenario,
  scenario: Scenario,
  run: RunResult,
): ChallengeCheck {
  return verdict(c, challengeMoves(start, scenario), evaluateGoal(c.goal, run));
}
