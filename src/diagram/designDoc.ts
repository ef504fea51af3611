/**
 * The design document: the exact diagram (any state, valid or not) as JSON. Autosave writes it;
 * export writes it when the design does not compile yet. Reading one is untrusted input: every
 * problem names its JSON path, and nothing half-read is ever returned.
 */
import { checkJsonValue, gotOf, JSON_LIMITS, type ErrorParams } from '../engine';
import type { MessageKey } from '../i18n/catalog';
import { msg, renderMsg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { scenarioErrorMsg, SCENARIO_ERROR_KEYS } from './validationText';
import type { Design, DesignEdge, DesignNode, DesignSettings, NodeData, NodeKind } from './types';

export const DESIGN_FORMAT = 'eventflow-design';
const KINDS: readonly NodeKind[] = [
  'producer',
  'topic',
  'deadLetterTopic',
  'consumerGroup',
  'service',
  'readModel',
  'exchange',
  'queue',
  'aggregate',
  'eventStore',
  'projection',
  'query',
];
const MAX_NODES = 2000;
const MAX_MEMBERS = 200;

export interface DesignDoc {
  format: typeof DESIGN_FORMAT;
  version: 1;
  /** The built-in scenario this design started from, if any. */
  origin?: string;
  settings: DesignSettings;
  nodes: DesignNode[];
  edges: DesignEdge[];
}

/**
 * `errors` in English (tests, logs); `messages` the same problems as messages for the UI, in
 * the reader's language (the JSON path as written).
 */
export type DocResult =
  { ok: true; design: Design; origin?: string } | { ok: false; errors: string[]; messages: Msg[] };

/** A problem at a JSON path: an engine code's message or one of the design reader's own. */
export function pathMsg(path: string, key: MessageKey, params: ErrorParams = {}): Msg {
  return msg('validation.atPath', { path, problem: msg(key, params) });
}

/** A refusal of untrusted input: the messages, and the same in English. */
export function refused(messages: Msg[]): { ok: false; errors: string[]; messages: Msg[] } {
  return { ok: false, errors: messages.map((m) => renderMsg('en', m)), messages };
}

const SHAPE = {
  xy: '{"x": number, "y": number}',
  rate: '{"kind": …, "perSec": …}',
  keys: '{"kind": …}',
  member: '{"id": string, …}',
  handler: '{"on": string, "emit": [{"type": string}]}',
  rule: '{"command": string, "event": string, …}',
  esFault: '[{"kind": …, "atMs": …}]',
} as const;

export function toDesignDoc(design: Design, origin?: string): DesignDoc {
  return {
    format: DESIGN_FORMAT,
    version: 1,
    ...(origin ? { origin } : {}),
    settings: design.settings,
    nodes: design.nodes.map((n) => ({
      id: n.id,
      position: { x: n.position.x, y: n.position.y },
      data: n.data,
    })),
    edges: design.edges.map(edgeDoc),
  };
}

/** An edge as saved: its ends, and a binding's key and arguments when it has them. */
function edgeDoc(e: DesignEdge): DesignEdge {
  const out: DesignEdge = { id: e.id, source: e.source, target: e.target };
  if (e.data !== undefined) out.data = e.data;
  return out;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
/** Numbers may be null: a field the user emptied (JSON has no NaN). The compiler reports it. */
const isNumOrNull = (v: unknown) => v === null || isNum(v);

export function parseDesignDoc(input: unknown): DocResult {
  const errors: Msg[] = [];
  const fail: Fail = (path, key, params) => void errors.push(pathMsg(path, key, params));
  if (!isObj(input)) return refused([pathMsg('$', SCENARIO_ERROR_KEYS.mustBeObject, gotOf(input))]);
  // Depth and size before anything else (no recursion): autosave and export must be able to
  // JSON.stringify whatever is accepted here.
  const bounds = checkJsonValue(input, JSON_LIMITS);
  if (bounds) return refused([scenarioErrorMsg(bounds)]);
  if (input.format !== DESIGN_FORMAT)
    fail('$.format', 'validation.design.format', { format: DESIGN_FORMAT });
  if (input.version !== 1) fail('$.version', 'validation.design.version', jsonGot(input.version));
  const settings = input.settings;
  if (!isObj(settings)) fail('$.settings', K.mustBeObject, gotOf(settings));
  else {
    if (typeof settings.name !== 'string')
      fail('$.settings.name', K.mustBeString, gotOf(settings.name));
    // Drawn as text in the summary bar: an object there breaks the editor.
    if (settings.description !== undefined && typeof settings.description !== 'string')
      fail('$.settings.description', K.mustBeString, gotOf(settings.description));
    if (!Array.isArray(settings.faults))
      fail('$.settings.faults', K.mustBeArray, gotOf(settings.faults));
    if (settings.eventStoreFaults !== undefined && !Array.isArray(settings.eventStoreFaults))
      fail('$.settings.eventStoreFaults', K.mustBeArray, gotOf(settings.eventStoreFaults));
    else if (
      Array.isArray(settings.eventStoreFaults) &&
      settings.eventStoreFaults.some((f) => !isObj(f))
    )
      fail('$.settings.eventStoreFaults', 'validation.design.shape', { shape: SHAPE.esFault });
  }
  const ids = new Set<string>();
  if (!Array.isArray(input.nodes)) fail('$.nodes', K.mustBeArray, gotOf(input.nodes));
  else if (input.nodes.length > MAX_NODES)
    fail('$.nodes', 'validation.design.tooManyNodes', { max: MAX_NODES, got: input.nodes.length });
  else
    input.nodes.forEach((n: unknown, i) => {
      const p = `$.nodes[${i}]`;
      if (!isObj(n)) return fail(p, K.mustBeObject, gotOf(n));
      if (typeof n.id !== 'string' || n.id === '')
        fail(`${p}.id`, 'validation.design.nonEmptyString');
      else if (ids.has(n.id)) fail(`${p}.id`, 'validation.design.duplicateNode', { id: n.id });
      else ids.add(n.id);
      if (!isObj(n.position) || !isNum(n.position.x) || !isNum(n.position.y))
        fail(`${p}.position`, 'validation.design.shape', { shape: SHAPE.xy });
      checkData(n.data, `${p}.data`, fail);
    });
  const edgeIds = new Set<string>();
  if (!Array.isArray(input.edges)) fail('$.edges', K.mustBeArray, gotOf(input.edges));
  else
    input.edges.forEach((e: unknown, i) => {
      const p = `$.edges[${i}]`;
      if (!isObj(e)) return fail(p, K.mustBeObject, gotOf(e));
      if (typeof e.id !== 'string' || edgeIds.has(e.id))
        fail(`${p}.id`, 'validation.design.uniqueString');
      else edgeIds.add(e.id);
      for (const end of ['source', 'target'] as const)
        if (typeof e[end] !== 'string' || !ids.has(e[end]))
          fail(`${p}.${end}`, 'validation.design.unknownNode', jsonGot(e[end]));
      checkBinding(e.data, `${p}.data`, fail);
    });
  if (errors.length > 0) return refused(errors);
  const doc = input as unknown as DesignDoc;
  const nodes = doc.nodes.map((n) => ({
    id: n.id,
    position: { x: n.position.x, y: n.position.y },
    data: n.data as NodeData,
  }));
  const edges = doc.edges.map(edgeDoc);
  return {
    ok: true,
    design: { settings: doc.settings, nodes, edges },
    origin: typeof doc.origin === 'string' ? doc.origin : undefined,
  };
}

type Fail = (path: string, key: MessageKey, params?: ErrorParams) => void;
const K = SCENARIO_ERROR_KEYS;

/** What was found, as JSON ("got 2", "got nothing"), for the version and edge ends. */
function jsonGot(v: unknown): ErrorParams {
  return { got: JSON.stringify(v) ?? '', gotKind: v === undefined ? 'missing' : 'value' };
}

/** A binding's settings, as the edge label and the binding form read them. */
function checkBinding(d: unknown, p: string, fail: Fail): void {
  if (d === undefined) return;
  if (!isObj(d)) return fail(p, K.mustBeObject, gotOf(d));
  if (d.routingKey !== undefined && typeof d.routingKey !== 'string')
    fail(`${p}.routingKey`, K.mustBeString, gotOf(d.routingKey));
  if (d.arguments !== undefined && !isObj(d.arguments))
    fail(`${p}.arguments`, K.mustBeObject, gotOf(d.arguments));
}

/** Checks what the editor reads from node data, so a bad file cannot break the drawing. */
function checkData(d: unknown, p: string, fail: Fail): void {
  if (!isObj(d)) return fail(p, K.mustBeObject, gotOf(d));
  if (!KINDS.includes(d.kind as NodeKind))
    return fail(`${p}.kind`, K.mustBeOneOf, { options: KINDS.join(', '), ...gotOf(d.kind) });
  const kind = d.kind as NodeKind;
  const str = (k: string) =>
    typeof d[k] !== 'string' && fail(`${p}.${k}`, K.mustBeString, gotOf(d[k]));
  const optObj = (k: string) =>
    d[k] !== undefined && !isObj(d[k]) && fail(`${p}.${k}`, K.mustBeObject, gotOf(d[k]));
  if (kind === 'exchange' || kind === 'queue') {
    str('name');
    if (kind === 'exchange') str('type');
    optObj('arguments');
    return;
  }
  if (kind === 'topic' || kind === 'deadLetterTopic') {
    str('name');
    if (!isNumOrNull(d.partitions)) fail(`${p}.partitions`, 'validation.design.number');
    return;
  }
  if (kind === 'eventStore') return;
  if (kind === 'aggregate' || kind === 'projection' || kind === 'query') {
    str('id');
    const rateOf = (v: unknown, at: string) =>
      (!isObj(v) || typeof v.kind !== 'string') &&
      fail(at, 'validation.design.shape', { shape: SHAPE.rate });
    if (kind === 'query') rateOf(d.rate, `${p}.rate`);
    if (kind !== 'aggregate') return;
    if (d.commands !== undefined) {
      if (!isObj(d.commands)) return fail(`${p}.commands`, K.mustBeObject, gotOf(d.commands));
      rateOf(d.commands.rate, `${p}.commands.rate`);
      if (!isObj(d.commands.keys) || typeof d.commands.keys.kind !== 'string')
        fail(`${p}.commands.keys`, 'validation.design.shape', { shape: SHAPE.keys });
    }
    if (!Array.isArray(d.rules)) return fail(`${p}.rules`, K.mustBeArray, gotOf(d.rules));
    const bad = d.rules.findIndex((r) => !isObj(r));
    if (bad >= 0) fail(`${p}.rules[${bad}]`, 'validation.design.shape', { shape: SHAPE.rule });
    return;
  }
  str('id');
  optObj('config');
  if (kind === 'producer') {
    str('eventType');
    if (!isObj(d.rate) || typeof d.rate.kind !== 'string')
      fail(`${p}.rate`, 'validation.design.shape', { shape: SHAPE.rate });
    if (!isObj(d.keys) || typeof d.keys.kind !== 'string')
      fail(`${p}.keys`, 'validation.design.shape', { shape: SHAPE.keys });
    else if (d.keys.keys !== undefined && !Array.isArray(d.keys.keys))
      fail(`${p}.keys.keys`, K.mustBeArray, gotOf(d.keys.keys));
    return;
  }
  if (!isNumOrNull(d.members) && !Array.isArray(d.members))
    fail(`${p}.members`, 'validation.design.members');
  // The engine's own bound: a saved list of 100k members froze loading (each is drawn).
  else if (Array.isArray(d.members) && d.members.length > MAX_MEMBERS)
    fail(`${p}.members`, 'validation.design.tooManyMembers', {
      max: MAX_MEMBERS,
      got: d.members.length,
    });
  else if (Array.isArray(d.members)) {
    // Each member is drawn by its id: a list like [null, 5] broke the canvas on load.
    const bad = d.members.findIndex((m) => !isObj(m) || typeof m.id !== 'string');
    if (bad >= 0) fail(`${p}.members[${bad}]`, 'validation.design.shape', { shape: SHAPE.member });
  }
  optObj('failure');
  if (d.processingMs !== undefined && !isNumOrNull(d.processingMs) && !isObj(d.processingMs))
    fail(`${p}.processingMs`, 'validation.design.numberOrObject');
  if (d.handlers === undefined) return;
  if (!Array.isArray(d.handlers)) return fail(`${p}.handlers`, K.mustBeArray, gotOf(d.handlers));
  d.handlers.forEach((h: unknown, i) => {
    if (
      !isObj(h) ||
      typeof h.on !== 'string' ||
      !Array.isArray(h.emit) ||
      !h.emit.every((e) => isObj(e) && typeof e.type === 'string')
    )
      fail(`${p}.handlers[${i}]`, 'validation.design.shape', { shape: SHAPE.handler });
  });
}
