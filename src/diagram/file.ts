/**
 * Design files. Export writes the scenario format plus a `layout` with node positions (so the
 * engine's parser checks every value on the way back in), or the design document when the
 * diagram does not compile yet. Import reads either, plus plain scenario files, and returns a
 * design or the list of problems: never half a design.
 */
import {
  exportDefinitions,
  importDefinitions,
  JSON_LIMITS,
  parseJsonBounded,
  parseScenario,
} from '../engine';
import { compile } from './compile';
import { decompile, positionKey } from './decompile';
import { DESIGN_FORMAT, parseDesignDoc, pathMsg, refused, toDesignDoc } from './designDoc';
import type { Design, XY } from './types';
import { problemMsg, scenarioErrorMsg } from './validationText';
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';

export const MAX_FILE_BYTES = 5_000_000;

/** A refusal says what is wrong twice: `errors` in English, `messages` for the UI's language. */
export type ImportResult =
  { ok: true; design: Design; origin?: string } | { ok: false; errors: string[]; messages: Msg[] };

/** The file to download: a runnable scenario with positions, or the design document. */
export function exportDesign(design: Design, origin?: string): { json: string; compiled: boolean } {
  const r = compile(design);
  if (!r.ok) return { json: JSON.stringify(toDesignDoc(design, origin), null, 2), compiled: false };
  const positions: Record<string, XY> = Object.create(null);
  for (const n of design.nodes)
    positions[positionKey(n.data)] = { x: n.position.x, y: n.position.y };
  return {
    json: JSON.stringify({ ...r.scenario, layout: { positions } }, null, 2),
    compiled: true,
  };
}

export function importDesign(text: string): ImportResult {
  if (text.length > MAX_FILE_BYTES)
    return refused([msg('validation.file.tooLarge', { bytes: text.length, max: MAX_FILE_BYTES })]);
  // Length and nesting are checked before JSON.parse, so a deep file is refused in milliseconds.
  const parsed = parseJsonBounded(text, { ...JSON_LIMITS, maxChars: MAX_FILE_BYTES });
  if (!parsed.ok) {
    const e = parsed.error;
    return {
      ok: false,
      errors: [e.path === '$' ? e.message : `${e.path}: ${e.message}`],
      messages: [e.path === '$' ? problemMsg(e) : scenarioErrorMsg(e)],
    };
  }
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refused([pathMsg('$', 'validation.file.notObject')]);
  const obj = value as Record<string, unknown>;
  if (obj.format === DESIGN_FORMAT) return parseDesignDoc(obj);
  if (isDefinitions(obj)) return fromDefinitions(obj);
  const { layout, ...scenario } = obj;
  const positions = readLayout(layout);
  if (positions instanceof LayoutProblem) return refused([layoutMsg(positions)]);
  const r = parseScenario(scenario);
  if (!r.ok)
    return {
      ok: false,
      errors: r.errors.map((e) => `${e.path}: ${e.message}`),
      messages: r.errors.map(scenarioErrorMsg),
    };
  return { ok: true, design: decompile(r.scenario, positions) };
}

/**
 * RabbitMQ's definitions.json (the management UI's and `rabbitmqctl export_definitions`' format):
 * no scenario `version`, and RabbitMQ's own keys.
 */
function isDefinitions(obj: Record<string, unknown>): boolean {
  if ('version' in obj) return false;
  return (
    'rabbit_version' in obj ||
    'rabbitmq_version' in obj ||
    ('queues' in obj && 'exchanges' in obj && 'bindings' in obj)
  );
}

/** A design holding the broker definitions.json describes: exchanges, queues, bindings. */
function fromDefinitions(obj: Record<string, unknown>): ImportResult {
  const r = importDefinitions(obj);
  if ('errors' in r)
    return {
      ok: false,
      errors: r.errors,
      messages: r.errors.map((problem) => msg('validation.file.definitions', { problem })),
    };
  const p = parseScenario({
    version: 2,
    name: 'RabbitMQ definitions',
    topics: [],
    producers: [],
    groups: [],
    faults: [],
    amqp: { ...r.spec, publishers: [], consumers: [] },
  });
  if (!p.ok)
    return {
      ok: false,
      errors: p.errors.map((e) => `${e.path}: ${e.message}`),
      messages: p.errors.map(scenarioErrorMsg),
    };
  return { ok: true, design: decompile(p.scenario) };
}

/** The design's RabbitMQ broker as definitions.json, or null when it has none (or does not compile). */
export function exportDesignDefinitions(design: Design): string | null {
  const r = compile(design);
  if (!r.ok || !r.scenario.amqp) return null;
  return JSON.stringify(exportDefinitions(r.scenario.amqp), null, 2);
}

/** What is wrong with a layout: the path and the shape it must have. */
class LayoutProblem {
  constructor(
    readonly path: string,
    readonly shape: string,
  ) {}
}

function layoutMsg(p: LayoutProblem): Msg {
  return pathMsg(p.path, 'validation.design.shape', { shape: p.shape });
}

/** Node positions by name, undefined when there are none, or what is wrong. */
function readLayout(layout: unknown): Record<string, XY> | undefined | LayoutProblem {
  if (layout === undefined) return undefined;
  const l = layout as { positions?: unknown } | null;
  if (
    typeof l !== 'object' ||
    l === null ||
    typeof l.positions !== 'object' ||
    l.positions === null
  )
    return new LayoutProblem('$.layout', '{"positions": {"topic:orders": {"x": 0, "y": 0}, …}}');
  // Keys are node names ("topic:__proto__" is a fine topic): no prototype to collide with.
  const out: Record<string, XY> = Object.create(null);
  for (const [k, v] of Object.entries(l.positions)) {
    const p = v as { x?: unknown; y?: unknown } | null;
    if (typeof p !== 'object' || p === null || !Number.isFinite(p.x) || !Number.isFinite(p.y))
      return new LayoutProblem(
        `$.layout.positions[${JSON.stringify(k)}]`,
        '{"x": number, "y": number}',
      );
    out[k] = { x: p.x as number, y: p.y as number };
  }
  return out;
}
