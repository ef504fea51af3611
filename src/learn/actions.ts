/**
 * Actions: the changes a person makes in the editor, as data (types.ts), applied to a scenario,
 * and the inverse: the actions that turn one scenario into another (a challenge's moves).
 *
 * Paths address fields by entity name, never by index (types.ts):
 *   `durationMs`, `topics[name=payments].partitions`, `topics[name=payments]["replication.factor"]`,
 *   `producers[id=checkout].config.acks`, `groups[id=ledger].config["enable.auto.commit"]`,
 *   `groups[id=audit]` (a whole entity: an object adds or replaces it, null removes it).
 * A selector's value may be quoted as a JSON string (`[id="a b"]`); a key that is not an
 * identifier is a quoted segment (`["enable.auto.commit"]`).
 *
 * Every input is untrusted: bounded (number of actions, path length, value size), never throws,
 * never mutates its input, and writes keys with defineProperty so `__proto__` is a plain key.
 */
import {
  checkJsonValue,
  JSON_LIMITS,
  parseScenario,
  type FaultSpec,
  type Scenario,
} from '../engine';
import { scenarioErrorMsg } from '../diagram/validationText';
import { msg, type Msg } from '../i18n';
import type { Action, JsonValue } from './types';

/** Most actions one list may hold (a challenge's solution, a diff the UI counts). */
export const MAX_ACTIONS = 1000;
/** Longest path read. */
export const MAX_PATH = 1000;
/** Most segments in one path. */
const MAX_SEGMENTS = 32;

export type Segment =
  /** `wild`: a pattern's `*` (never a quoted key). */
  | { kind: 'key'; key: string; wild?: boolean }
  | { kind: 'select'; field: string; value: string; wild?: boolean };

export type ApplyResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; error: Msg; /** The action at fault; -1 for the list itself. */ index: number };

type Obj = Record<string, unknown>;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const NAME = /^[A-Za-z0-9._-]+$/;

/** The entity lists and the field that names their entities. */
const ENTITIES: Readonly<Record<string, string>> = {
  topics: 'name',
  producers: 'id',
  groups: 'id',
};

/**
 * RabbitMQ's entity lists inside `amqp`, diffed like the top-level ones
 * (`amqp.consumers[id=workers].prefetch`). A binding has no name: its list is diffed by
 * destination when each destination is bound once, else it is set as a whole.
 */
const AMQP_ENTITIES: Readonly<Record<string, string>> = {
  exchanges: 'name',
  queues: 'name',
  bindings: 'destination',
  publishers: 'id',
  consumers: 'id',
};

/**
 * The event store's entity lists inside `eventStore`, diffed the same way
 * (`eventStore.aggregates[id=order].handlers`, `eventStore.projections[id=totals].kind`); its
 * faults list is set as a whole.
 */
const ES_ENTITIES: Readonly<Record<string, string>> = {
  aggregates: 'id',
  projections: 'id',
  queries: 'id',
};

// ---------------------------------------------------------------------------------------------
// Paths

/** Parses a path into segments; null when it is not a path (a message says why). */
export function parsePath(
  path: unknown,
): { ok: true; segments: Segment[] } | { ok: false; error: Msg } {
  if (typeof path !== 'string') return { ok: false, error: msg('challenges.path.notString') };
  if (path.length === 0 || path.length > MAX_PATH)
    return { ok: false, error: msg('challenges.path.length', { max: MAX_PATH }) };
  const segs: Segment[] = [];
  let i = 0;
  const bad = (at: number): { ok: false; error: Msg } => ({
    ok: false,
    error: msg('challenges.path.syntax', { path: short(path), at: at + 1 }),
  });
  while (i < path.length) {
    if (segs.length >= MAX_SEGMENTS)
      return { ok: false, error: msg('challenges.path.tooDeep', { max: MAX_SEGMENTS }) };
    const ch = path[i];
    if (ch === '[') {
      if (path[i + 1] === '"') {
        const s = readQuoted(path, i + 1);
        if (!s || path[s.end] !== ']') return bad(i);
        segs.push({ kind: 'key', key: s.value });
        i = s.end + 1;
        continue;
      }
      if (path[i + 1] === '*' && path[i + 2] === ']') {
        segs.push({ kind: 'key', key: '*', wild: true });
        i += 3;
        continue;
      }
      const eq = path.indexOf('=', i);
      if (eq < 0) return bad(i);
      const field = path.slice(i + 1, eq);
      if (!IDENT.test(field)) return bad(i);
      let value: string;
      let end: number;
      if (path[eq + 1] === '"') {
        const s = readQuoted(path, eq + 1);
        if (!s || path[s.end] !== ']') return bad(eq);
        value = s.value;
        end = s.end;
      } else {
        end = path.indexOf(']', eq);
        if (end < 0) return bad(eq);
        value = path.slice(eq + 1, end);
        if (value.length === 0 || !(NAME.test(value) || value === '*')) return bad(eq);
      }
      const wild = value === '*' && path[eq + 1] !== '"';
      segs.push(wild ? { kind: 'select', field, value, wild } : { kind: 'select', field, value });
      i = end + 1;
      continue;
    }
    let start = i;
    if (ch === '.') {
      if (segs.length === 0) return bad(i);
      start = i + 1;
    } else if (segs.length > 0) return bad(i);
    let j = start;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    const key = path.slice(start, j);
    if (!(IDENT.test(key) || key === '*')) return bad(start);
    segs.push(key === '*' ? { kind: 'key', key, wild: true } : { kind: 'key', key });
    i = j;
  }
  return { ok: true, segments: segs };
}

function readQuoted(s: string, at: number): { value: string; end: number } | null {
  // A JSON string: find its closing quote (escapes honoured), then JSON.parse that slice.
  let j = at + 1;
  while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
  if (j >= s.length) return null;
  try {
    const v: unknown = JSON.parse(s.slice(at, j + 1));
    return typeof v === 'string' ? { value: v, end: j + 1 } : null;
  } catch {
    return null;
  }
}

/** Writes segments back as a path (the inverse of parsePath). */
export function formatPath(segs: readonly Segment[]): string {
  let out = '';
  for (const s of segs) {
    if (s.kind === 'key')
      out +=
        s.wild && out !== ''
          ? '[*]'
          : IDENT.test(s.key) || s.wild
            ? `${out === '' ? '' : '.'}${s.key}`
            : `[${JSON.stringify(s.key)}]`;
    else
      out += `[${s.field}=${(NAME.test(s.value) && s.value !== '*') || s.wild ? s.value : JSON.stringify(s.value)}]`;
  }
  return out;
}

function short(s: string): string {
  return s.length <= 80 ? s : `${s.slice(0, 77)}…`;
}

/**
 * Whether `path` is allowed by one of `patterns`. In a pattern `*` stands for one whole key
 * (`config[*]`, `config.*`) or one entity name (`groups[id=*]`); a pattern also allows every
 * path below it (`groups[id=ledger].config` allows `groups[id=ledger].config.acks`).
 */
export function matchesAllow(path: string, patterns: readonly string[]): boolean {
  const p = parsePath(path);
  if (!p.ok) return false;
  for (const pattern of patterns.slice(0, MAX_ACTIONS)) {
    const q = parsePath(pattern);
    if (!q.ok || q.segments.length > p.segments.length) continue;
    if (q.segments.every((s, i) => segMatches(s, p.segments[i]!))) return true;
  }
  return false;
}

function segMatches(pat: Segment, s: Segment): boolean {
  if (pat.kind === 'key') return s.kind === 'key' && (pat.wild === true || pat.key === s.key);
  return (
    s.kind === 'select' && pat.field === s.field && (pat.wild === true || pat.value === s.value)
  );
}

// ---------------------------------------------------------------------------------------------
// Apply

/**
 * Applies actions in order to a copy of `scenario`, then validates the result with
 * parseScenario (the result is what the engine would run). Never throws; the input is untouched.
 */
export function applyActions(scenario: Scenario, actions: unknown): ApplyResult {
  if (!Array.isArray(actions))
    return { ok: false, index: -1, error: msg('challenges.action.notList') };
  if (actions.length > MAX_ACTIONS)
    return { ok: false, index: -1, error: msg('challenges.action.tooMany', { max: MAX_ACTIONS }) };
  const bounds = checkJsonValue(actions, JSON_LIMITS) ?? checkJsonValue(scenario, JSON_LIMITS);
  if (bounds)
    return {
      ok: false,
      index: -1,
      error: msg('challenges.action.tooLarge', { path: bounds.path, message: bounds.message }),
    };
  const root = cloneJson(scenario);
  if (!isObj(root)) return { ok: false, index: -1, error: msg('challenges.action.notScenario') };
  for (let i = 0; i < actions.length; i++) {
    const err = applyOne(root, actions[i]);
    if (err)
      return { ok: false, index: i, error: msg('challenges.action.at', { n: i + 1, error: err }) };
  }
  const parsed = parseScenario(root);
  if (!parsed.ok) {
    const e = parsed.errors[0]!;
    return {
      ok: false,
      index: -1,
      error: msg('challenges.action.invalid', { problem: scenarioErrorMsg(e) }),
    };
  }
  return { ok: true, scenario: parsed.scenario };
}

function applyOne(root: Obj, a: unknown): Msg | null {
  if (!isObj(a)) return msg('challenges.action.notObject');
  const op = own(a, 'op');
  if (op === 'addFault' || op === 'removeFault') {
    const fault = own(a, 'fault');
    if (!isObj(fault)) return msg('challenges.action.faultNotObject');
    let faults = own(root, 'faults');
    if (faults === undefined) define(root, 'faults', (faults = []));
    if (!Array.isArray(faults)) return msg('challenges.action.faultsNotList');
    if (op === 'addFault') {
      faults.push(cloneJson(fault));
      return null;
    }
    const at = faults.findIndex((f) => jsonEqual(f, fault));
    if (at < 0) return msg('challenges.action.noSuchFault');
    faults.splice(at, 1);
    return null;
  }
  if (op !== 'set') return msg('challenges.action.unknownOp', { op: describe(op) });
  const p = parsePath(own(a, 'path'));
  if (!p.ok) return p.error;
  if (!Object.hasOwn(a, 'value')) return msg('challenges.action.noValue');
  const value = own(a, 'value');
  const segs = p.segments;
  if (segs.some((s) => s.wild === true)) return msg('challenges.action.wildcard');
  let cur: unknown = root;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i]!;
    const next = segs[i + 1]!;
    if (s.kind === 'key') {
      if (!isObj(cur))
        return msg('challenges.action.notAnObject', { path: formatPath(segs.slice(0, i)) || '$' });
      let v = own(cur, s.key);
      if (v === undefined) {
        // Create the missing container on the way: an entity list or an object (config).
        v = next.kind === 'select' ? [] : {};
        define(cur, s.key, v);
      }
      cur = v;
    } else {
      const found = findEntity(cur, s);
      if (found < 0) return notFound(segs, i);
      cur = (cur as unknown[])[found];
    }
  }
  const last = segs[segs.length - 1]!;
  if (last.kind === 'key') {
    if (!isObj(cur))
      return msg('challenges.action.notAnObject', { path: formatPath(segs.slice(0, -1)) || '$' });
    if (value === null) delete cur[last.key];
    else define(cur, last.key, cloneJson(value));
    return null;
  }
  if (cur === undefined) return notFound(segs, segs.length - 1);
  if (!Array.isArray(cur))
    return msg('challenges.action.notAList', { path: formatPath(segs.slice(0, -1)) });
  const at = findEntity(cur, last);
  if (value === null) {
    if (at < 0) return notFound(segs, segs.length - 1);
    cur.splice(at, 1);
    return null;
  }
  if (!isObj(value) || own(value, last.field) !== last.value)
    return msg('challenges.action.entityName', {
      path: formatPath(segs),
      field: last.field,
      name: last.value,
    });
  if (at < 0) cur.push(cloneJson(value));
  else cur[at] = cloneJson(value);
  return null;
}

function findEntity(list: unknown, s: Extract<Segment, { kind: 'select' }>): number {
  if (!Array.isArray(list)) return -1;
  return list.findIndex((e) => isObj(e) && own(e, s.field) === s.value);
}

function notFound(segs: Segment[], i: number): Msg {
  return msg('challenges.action.notFound', { path: formatPath(segs.slice(0, i + 1)) });
}

// ---------------------------------------------------------------------------------------------
// Diff

/**
 * The actions that turn `start` into `current`: applyActions(start, diffScenarios(start,
 * current)) equals `current` (a property test checks it). A changed setting is one `set`; an
 * added or removed entity one `set` of the whole entity; a fault one addFault/removeFault.
 * Entities or faults moved out of order are removed and added again at the end.
 */
export function diffScenarios(start: Scenario, current: Scenario): Action[] {
  const out: Action[] = [];
  const a = start as unknown as Obj;
  const b = current as unknown as Obj;
  for (const k of unionKeys(a, b)) {
    const x = own(a, k);
    const y = own(b, k);
    const field = Object.hasOwn(ENTITIES, k) ? ENTITIES[k] : undefined;
    if (field && entityList(x, field) && entityList(y, field))
      diffEntities([{ kind: 'key', key: k }], field, x as Obj[], y as Obj[], out);
    else if (k === 'amqp' && isObj(x) && isObj(y)) diffSection('amqp', AMQP_ENTITIES, x, y, out);
    else if (k === 'eventStore' && isObj(x) && isObj(y))
      diffSection('eventStore', ES_ENTITIES, x, y, out);
    else if (k === 'faults' && Array.isArray(x) && Array.isArray(y)) diffFaults(x, y, out);
    else diffValue([{ kind: 'key', key: k }], x, y, out);
  }
  return out;
}

function diffValue(path: Segment[], x: unknown, y: unknown, out: Action[]): void {
  if (jsonEqual(x, y)) return;
  const p = formatPath(path);
  if (y === undefined) {
    out.push({ op: 'set', path: p, value: null });
    return;
  }
  // A null inside `y` cannot be a `set` (null removes): set the whole object instead.
  if (
    isObj(x) &&
    isObj(y) &&
    !Object.keys(y).some((k) => y[k] === null && !jsonEqual(own(x, k), null))
  ) {
    for (const k of unionKeys(x, y))
      diffValue([...path, { kind: 'key', key: k }], own(x, k), own(y, k), out);
    return;
  }
  out.push({ op: 'set', path: p, value: cloneJson(y) as JsonValue });
}

/** A section with entity lists of its own (RabbitMQ's `amqp`, the `eventStore`). */
function diffSection(
  section: string,
  entities: Readonly<Record<string, string>>,
  x: Obj,
  y: Obj,
  out: Action[],
): void {
  for (const k of unionKeys(x, y)) {
    const a = own(x, k);
    const b = own(y, k);
    const path: Segment[] = [
      { kind: 'key', key: section },
      { kind: 'key', key: k },
    ];
    const field = Object.hasOwn(entities, k) ? entities[k] : undefined;
    if (field && entityList(a, field) && entityList(b, field))
      diffEntities(path, field, a as Obj[], b as Obj[], out);
    else diffValue(path, a, b, out);
  }
}

function diffEntities(list: Segment[], field: string, xs: Obj[], ys: Obj[], out: Action[]): void {
  const sel = (name: string): Segment[] => [...list, { kind: 'select', field, value: name }];
  const xIndex = new Map(xs.map((e, i) => [own(e, field) as string, i]));
  // Keep the longest prefix of `ys` that appears in `xs` in the same order; the rest is added.
  const kept = new Set<string>();
  let last = -1;
  for (const e of ys) {
    const j = xIndex.get(own(e, field) as string);
    if (j === undefined || j <= last) break;
    last = j;
    kept.add(own(e, field) as string);
  }
  for (const e of xs) {
    const name = own(e, field) as string;
    if (!kept.has(name)) out.push({ op: 'set', path: formatPath(sel(name)), value: null });
  }
  for (const e of ys) {
    const name = own(e, field) as string;
    if (kept.has(name)) {
      const before = xs[xIndex.get(name)!]!;
      if (entityFieldsDiffer(before, e, field)) diffValue(sel(name), before, e, out);
    } else out.push({ op: 'set', path: formatPath(sel(name)), value: cloneJson(e) as JsonValue });
  }
}

function entityFieldsDiffer(a: Obj, b: Obj, _field: string): boolean {
  return !jsonEqual(a, b);
}

function diffFaults(xs: unknown[], ys: unknown[], out: Action[]): void {
  // Keep the longest prefix of `ys` found in `xs` in order (greedy, earliest match).
  const used = new Array<boolean>(xs.length).fill(false);
  let from = 0;
  let prefix = 0;
  for (const f of ys) {
    let j = from;
    while (j < xs.length && !jsonEqual(xs[j], f)) j++;
    if (j >= xs.length) break;
    used[j] = true;
    from = j + 1;
    prefix++;
  }
  xs.forEach((f, i) => {
    if (!used[i]) out.push({ op: 'removeFault', fault: cloneJson(f) as FaultSpec });
  });
  for (const f of ys.slice(prefix)) out.push({ op: 'addFault', fault: cloneJson(f) as FaultSpec });
}

function entityList(v: unknown, field: string): boolean {
  if (!Array.isArray(v)) return false;
  const seen = new Set<string>();
  for (const e of v) {
    if (!isObj(e)) return false;
    const name = own(e, field);
    if (typeof name !== 'string' || seen.has(name)) return false;
    seen.add(name);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// JSON helpers (own keys only; `__proto__` is a key like any other)

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Obj, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

function define(o: Obj, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

function unionKeys(a: Obj, b: Obj): string[] {
  const keys = Object.keys(a);
  for (const k of Object.keys(b)) if (!Object.hasOwn(a, k)) keys.push(k);
  return keys;
}

/** A deep copy of a JSON value (bounded by the caller); functions and undefined are dropped. */
export function cloneJson(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : cloneJson(x)));
  const o: Obj = {};
  for (const k of Object.keys(v)) {
    const x = (v as Obj)[k];
    if (x === undefined || typeof x === 'function') continue;
    define(o, k, cloneJson(x));
  }
  return o;
}

/** Deep equality of JSON values, key order ignored. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ao = a as Obj;
  const bo = b as Obj;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return (
    ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k], bo[k]))
  );
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(short(v));
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v;
}
