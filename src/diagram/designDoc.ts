/**
 * The design document: the exact diagram (any state, valid or not) as JSON. Autosave writes it;
 * export writes it when the design does not compile yet. Reading one is untrusted input: every
 * problem names its JSON path, and nothing half-read is ever returned.
 */
import { checkJsonValue, JSON_LIMITS } from '../engine';
import type { Design, DesignEdge, DesignNode, DesignSettings, NodeData, NodeKind } from './types';

export const DESIGN_FORMAT = 'eventflow-design';
const KINDS: readonly NodeKind[] = [
  'producer',
  'topic',
  'deadLetterTopic',
  'consumerGroup',
  'service',
  'readModel',
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

export type DocResult =
  { ok: true; design: Design; origin?: string } | { ok: false; errors: string[] };

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
    edges: design.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
/** Numbers may be null: a field the user emptied (JSON has no NaN). The compiler reports it. */
const isNumOrNull = (v: unknown) => v === null || isNum(v);

export function parseDesignDoc(input: unknown): DocResult {
  const errors: string[] = [];
  const fail = (path: string, msg: string) => void errors.push(`${path}: ${msg}`);
  if (!isObj(input)) return { ok: false, errors: ['$: must be an object'] };
  // Depth and size before anything else (no recursion): autosave and export must be able to
  // JSON.stringify whatever is accepted here.
  const bounds = checkJsonValue(input, JSON_LIMITS);
  if (bounds) return { ok: false, errors: [`${bounds.path}: ${bounds.message}`] };
  if (input.format !== DESIGN_FORMAT) fail('$.format', `must be "${DESIGN_FORMAT}"`);
  if (input.version !== 1)
    fail('$.version', `must be 1, got ${JSON.stringify(input.version) ?? 'nothing'}`);
  const settings = input.settings;
  if (!isObj(settings)) fail('$.settings', 'must be an object');
  else {
    if (typeof settings.name !== 'string') fail('$.settings.name', 'must be a string');
    // Drawn as text in the summary bar: an object there breaks the editor.
    if (settings.description !== undefined && typeof settings.description !== 'string')
      fail('$.settings.description', 'must be a string');
    if (!Array.isArray(settings.faults)) fail('$.settings.faults', 'must be an array');
  }
  const ids = new Set<string>();
  if (!Array.isArray(input.nodes)) fail('$.nodes', 'must be an array');
  else if (input.nodes.length > MAX_NODES)
    fail('$.nodes', `at most ${MAX_NODES} nodes, got ${input.nodes.length}`);
  else
    input.nodes.forEach((n: unknown, i) => {
      const p = `$.nodes[${i}]`;
      if (!isObj(n)) return fail(p, 'must be an object');
      if (typeof n.id !== 'string' || n.id === '') fail(`${p}.id`, 'must be a non-empty string');
      else if (ids.has(n.id)) fail(`${p}.id`, `duplicate node id "${n.id}"`);
      else ids.add(n.id);
      if (!isObj(n.position) || !isNum(n.position.x) || !isNum(n.position.y))
        fail(`${p}.position`, 'must be {"x": number, "y": number}');
      checkData(n.data, `${p}.data`, fail);
    });
  const edgeIds = new Set<string>();
  if (!Array.isArray(input.edges)) fail('$.edges', 'must be an array');
  else
    input.edges.forEach((e: unknown, i) => {
      const p = `$.edges[${i}]`;
      if (!isObj(e)) return fail(p, 'must be an object');
      if (typeof e.id !== 'string' || edgeIds.has(e.id)) fail(`${p}.id`, 'must be a unique string');
      else edgeIds.add(e.id);
      for (const end of ['source', 'target'] as const)
        if (typeof e[end] !== 'string' || !ids.has(e[end]))
          fail(
            `${p}.${end}`,
            `must name a node in $.nodes, got ${JSON.stringify(e[end]) ?? 'nothing'}`,
          );
    });
  if (errors.length > 0) return { ok: false, errors };
  const doc = input as unknown as DesignDoc;
  const nodes = doc.nodes.map((n) => ({
    id: n.id,
    position: { x: n.position.x, y: n.position.y },
    data: n.data as NodeData,
  }));
  const edges = doc.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }));
  return {
    ok: true,
    design: { settings: doc.settings, nodes, edges },
    origin: typeof doc.origin === 'string' ? doc.origin : undefined,
  };
}

/** Checks what the editor reads from node data, so a bad file cannot break the drawing. */
function checkData(d: unknown, p: string, fail: (path: string, msg: string) => void): void {
  if (!isObj(d)) return fail(p, 'must be an object');
  if (!KINDS.includes(d.kind as NodeKind))
    return fail(
      `${p}.kind`,
      `must be one of ${KINDS.join(', ')}, got ${JSON.stringify(d.kind) ?? 'nothing'}`,
    );
  const kind = d.kind as NodeKind;
  const str = (k: string) => typeof d[k] !== 'string' && fail(`${p}.${k}`, 'must be a string');
  const optObj = (k: string) =>
    d[k] !== undefined && !isObj(d[k]) && fail(`${p}.${k}`, 'must be an object');
  if (kind === 'topic' || kind === 'deadLetterTopic') {
    str('name');
    if (!isNumOrNull(d.partitions)) fail(`${p}.partitions`, 'must be a number');
    return;
  }
  str('id');
  optObj('config');
  if (kind === 'producer') {
    str('eventType');
    if (!isObj(d.rate) || typeof d.rate.kind !== 'string')
      fail(`${p}.rate`, 'must be {"kind": …, "perSec": …}');
    if (!isObj(d.keys) || typeof d.keys.kind !== 'string') fail(`${p}.keys`, 'must be {"kind": …}');
    else if (d.keys.keys !== undefined && !Array.isArray(d.keys.keys))
      fail(`${p}.keys.keys`, 'must be an array');
    return;
  }
  if (!isNumOrNull(d.members) && !Array.isArray(d.members))
    fail(`${p}.members`, 'must be a number or a list of members');
  // The engine's own bound: a saved list of 100k members froze loading (each is drawn).
  else if (Array.isArray(d.members) && d.members.length > MAX_MEMBERS)
    fail(`${p}.members`, `at most ${MAX_MEMBERS} members, got ${d.members.length}`);
  else if (Array.isArray(d.members)) {
    // Each member is drawn by its id: a list like [null, 5] broke the canvas on load.
    const bad = d.members.findIndex((m) => !isObj(m) || typeof m.id !== 'string');
    if (bad >= 0) fail(`${p}.members[${bad}]`, 'must be {"id": string, …}');
  }
  optObj('failure');
  if (d.processingMs !== undefined && !isNumOrNull(d.processingMs) && !isObj(d.processingMs))
    fail(`${p}.processingMs`, 'must be a number or an object');
  if (d.handlers === undefined) return;
  if (!Array.isArray(d.handlers)) return fail(`${p}.handlers`, 'must be an array');
  d.handlers.forEach((h: unknown, i) => {
    if (
      !isObj(h) ||
      typeof h.on !== 'string' ||
      !Array.isArray(h.emit) ||
      !h.emit.every((e) => isObj(e) && typeof e.type === 'string')
    )
      fail(`${p}.handlers[${i}]`, 'must be {"on": string, "emit": [{"type": string}]}');
  });
}
