/**
 * Shape checks for untrusted event store scripts (JSON from a file or the UI): each problem names
 * the op and the field, e.g. `ops[3].events[0].eventId: must be a non-empty string`. The JSON
 * Schema (public/eventstore-script.schema.json) says the same; schema.test.ts keeps the two in
 * agreement. Never throws: event data is walked with an explicit stack (checkJsonValue), so a
 * deep or cyclic value is refused, not overflowed.
 */
import { checkJsonValue } from '../scenario/jsonBounds';
import { DEFAULT_PERSISTENT_SETTINGS } from './persistentTypes';
import {
  MAX_BUFFER,
  MAX_IDS_PER_ACK,
  MAX_RETRY_COUNT,
  MAX_SUBSCRIBERS,
} from './persistentValidate';

/** Most operations a script may have. */
export const MAX_OPS = 10_000;
/** Most events one append may carry (EventStoreDB's TCP API: 4095). */
export const MAX_EVENTS_PER_APPEND = 4095;
/** Most events one read returns (EventStoreDB's TCP API: 4096). */
export const MAX_READ_COUNT = 4096;
/** Most milliseconds one advanceTime may move (a year). */
export const MAX_ADVANCE_MS = 31_536_000_000;
export const MAX_NAME_LENGTH = 500;
/** Event data and metadata: nesting and value count. */
export const EVENT_JSON_LIMITS = { maxDepth: 32, maxValues: 10_000 };
/** Most characters (code points) of a nak's reason. */
export const MAX_REASON_LENGTH = 5_000;
const INT32_MAX = 2_147_483_647;

type Kind =
  | 'name'
  | 'stream'
  | 'readStream'
  | 'expectedVersion'
  | 'events'
  | 'direction'
  | 'from'
  | 'maxCount'
  | 'boolean'
  | 'mode'
  | 'metadata'
  | 'ms'
  | 'projection'
  | 'text'
  | 'subscribeStream'
  | 'settings'
  | 'bufferSize'
  | 'eventIds'
  | 'nakAction'
  | 'reason'
  | 'nat';

/** Required fields (name → kind) and optional ones, per op. */
const SHAPES = new Map<string, { req: Record<string, Kind>; opt: Record<string, Kind> }>([
  [
    'append',
    { req: { stream: 'stream', events: 'events' }, opt: { expectedVersion: 'expectedVersion' } },
  ],
  [
    'read',
    {
      req: { stream: 'readStream' },
      opt: {
        direction: 'direction',
        from: 'from',
        maxCount: 'maxCount',
        resolveLinkTos: 'boolean',
      },
    },
  ],
  [
    'delete',
    { req: { stream: 'stream' }, opt: { expectedVersion: 'expectedVersion', mode: 'mode' } },
  ],
  [
    'setStreamMetadata',
    {
      req: { stream: 'stream', metadata: 'metadata' },
      opt: { expectedVersion: 'expectedVersion' },
    },
  ],
  ['advanceTime', { req: { ms: 'ms' }, opt: {} }],
  ['enableProjection', { req: { name: 'projection' }, opt: {} }],
  ['disableProjection', { req: { name: 'projection' }, opt: {} }],
  // Persistent subscriptions (persistent.ts): `stream` may be `$all`.
  [
    'createPersistentSubscription',
    { req: { stream: 'readStream', group: 'name' }, opt: { settings: 'settings' } },
  ],
  [
    'updatePersistentSubscription',
    { req: { stream: 'readStream', group: 'name' }, opt: { settings: 'settings' } },
  ],
  ['deletePersistentSubscription', { req: { stream: 'readStream', group: 'name' }, opt: {} }],
  [
    'connectToPersistentSubscription',
    {
      req: { stream: 'readStream', group: 'name', consumer: 'name' },
      opt: { bufferSize: 'bufferSize' },
    },
  ],
  ['disconnect', { req: { stream: 'readStream', group: 'name', consumer: 'name' }, opt: {} }],
  [
    'ack',
    {
      req: { stream: 'readStream', group: 'name', consumer: 'name', eventIds: 'eventIds' },
      opt: {},
    },
  ],
  [
    'nak',
    {
      req: {
        stream: 'readStream',
        group: 'name',
        consumer: 'name',
        eventIds: 'eventIds',
        action: 'nakAction',
      },
      opt: { reason: 'reason' },
    },
  ],
  ['replayParked', { req: { stream: 'readStream', group: 'name' }, opt: { stopAt: 'nat' } }],
  ['listParked', { req: { stream: 'readStream', group: 'name' }, opt: {} }],
  ['restartPersistentSubscriptions', { req: {}, opt: {} }],
  // Catch-up subscriptions (catchUp.ts).
  [
    'subscribeToStream',
    {
      req: { subscriptionId: 'name', stream: 'subscribeStream' },
      opt: { fromRevision: 'from', fromCheckpoint: 'boolean', resolveLinkTos: 'boolean' },
    },
  ],
  [
    'subscribeToAll',
    {
      req: { subscriptionId: 'name' },
      opt: { fromPosition: 'from', fromCheckpoint: 'boolean', resolveLinkTos: 'boolean' },
    },
  ],
  ['unsubscribe', { req: { subscriptionId: 'name' }, opt: {} }],
  ['checkpoint', { req: { subscriptionId: 'name' }, opt: {} }],
  ['clientRestart', { req: {}, opt: {} }],
]);

export const ES_OP_NAMES = [...SHAPES.keys()];

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNat = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function nameProblem(v: unknown): string | null {
  // Counted in code points, as JSON Schema's maxLength counts.
  return typeof v === 'string' && v.length > 0 && codePoints(v) <= MAX_NAME_LENGTH
    ? null
    : `must be a non-empty string of at most ${MAX_NAME_LENGTH} characters`;
}

function codePoints(v: string): number {
  if (v.length > 2 * MAX_NAME_LENGTH) return v.length;
  return Array.from(v).length;
}

/** Problems with one value of a kind, at `at`. */
function check(kind: Kind, v: unknown, at: string): string[] {
  const one = (p: string | null) => (p === null ? [] : [`${at}: ${p}`]);
  switch (kind) {
    case 'name':
      return one(nameProblem(v));
    case 'text':
      return one(typeof v === 'string' ? null : 'must be a string');
    case 'stream':
      if (v === '$all') return one('cannot write to $all');
      return one(nameProblem(v));
    case 'readStream':
      return one(nameProblem(v));
    case 'expectedVersion':
      return one(
        v === 'any' || v === 'no_stream' || v === 'stream_exists' || isNat(v)
          ? null
          : 'must be "any", "no_stream", "stream_exists" or a revision (an integer ≥ 0)',
      );
    case 'direction':
      return one(
        v === 'forwards' || v === 'backwards' ? null : 'must be "forwards" or "backwards"',
      );
    case 'from':
      return one(
        v === 'start' || v === 'end' || isNat(v)
          ? null
          : 'must be "start", "end" or an integer ≥ 0',
      );
    case 'maxCount':
      return one(
        Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= MAX_READ_COUNT
          ? null
          : `must be an integer from 1 to ${MAX_READ_COUNT}`,
      );
    case 'boolean':
      return one(typeof v === 'boolean' ? null : 'must be true or false');
    case 'mode':
      return one(v === 'soft' || v === 'hard' ? null : 'must be "soft" or "hard"');
    case 'ms':
      return one(
        isNat(v) && v <= MAX_ADVANCE_MS ? null : `must be an integer from 0 to ${MAX_ADVANCE_MS}`,
      );
    case 'projection':
      return one(
        v === '$by_category' || v === '$by_event_type'
          ? null
          : 'must be "$by_category" or "$by_event_type"',
      );
    case 'subscribeStream':
      if (v === '$all') return one('use subscribeToAll for $all');
      return one(nameProblem(v));
    case 'nat':
      return one(isNat(v) ? null : 'must be an integer ≥ 0');
    case 'bufferSize':
      return one(
        Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= MAX_BUFFER
          ? null
          : `must be an integer from 1 to ${MAX_BUFFER}`,
      );
    case 'nakAction':
      return one(
        v === 'Park' || v === 'Retry' || v === 'Skip' || v === 'Stop'
          ? null
          : 'must be "Park", "Retry", "Skip" or "Stop"',
      );
    case 'reason':
      return one(
        typeof v === 'string' && codePointsUpTo(v, MAX_REASON_LENGTH)
          ? null
          : `must be a string of at most ${MAX_REASON_LENGTH} characters`,
      );
    case 'eventIds':
      return eventIdsProblems(v, at);
    case 'settings':
      return settingsProblems(v, at);
    case 'metadata':
      return metadataProblems(v, at);
    case 'events':
      return eventsProblems(v, at);
  }
}

function codePointsUpTo(v: string, max: number): boolean {
  if (v.length <= max) return true;
  if (v.length > 2 * max) return false;
  return Array.from(v).length <= max;
}

function eventIdsProblems(v: unknown, at: string): string[] {
  if (!Array.isArray(v) || v.length > MAX_IDS_PER_ACK)
    return [`${at}: must be an array of at most ${MAX_IDS_PER_ACK} event ids`];
  const out: string[] = [];
  for (let i = 0; i < v.length && out.length < 20; i++)
    out.push(...check('name', v[i], `${at}[${i}]`));
  return out;
}

/** A persistent subscription's settings (persistentTypes.ts), with the ranges the model takes. */
const SETTING_RANGES = new Map<string, [number, number]>([
  ['messageTimeoutMilliseconds', [0, INT32_MAX]],
  ['maxRetryCount', [0, MAX_RETRY_COUNT]],
  ['checkPointAfterMilliseconds', [0, INT32_MAX]],
  ['minCheckPointCount', [0, INT32_MAX]],
  ['maxCheckPointCount', [0, INT32_MAX]],
  ['maxSubscriberCount', [0, MAX_SUBSCRIBERS]],
  ['liveBufferSize', [1, MAX_BUFFER]],
  ['readBatchSize', [1, MAX_BUFFER]],
  ['bufferSize', [1, MAX_BUFFER]],
]);
const SETTING_NAMES = Object.keys(DEFAULT_PERSISTENT_SETTINGS);

/**
 * Shape only: EventStoreDB's own check that bufferSize exceeds readBatchSize is the server's
 * answer at run time (a problem of the op), as the JSON Schema cannot say it.
 */
function settingsProblems(v: unknown, at: string): string[] {
  if (!isObject(v)) return [`${at}: must be an object`];
  const out: string[] = [];
  for (const k of Object.keys(v)) {
    const x = v[k];
    const f = `${at}.${k}`;
    if (!SETTING_NAMES.includes(k)) {
      out.push(`${f}: unknown setting (${SETTING_NAMES.join(', ')})`);
      continue;
    }
    if (x === undefined) continue;
    const range = SETTING_RANGES.get(k);
    if (range !== undefined) {
      const [min, max] = range;
      if (!(Number.isSafeInteger(x) && (x as number) >= min && (x as number) <= max))
        out.push(`${f}: must be an integer from ${min} to ${max}`);
    } else if (k === 'resolveLinkTos' || k === 'extraStatistics') {
      out.push(...check('boolean', x, f));
    } else if (k === 'startFrom') {
      out.push(...check('from', x, f));
    } else if (k === 'namedConsumerStrategy') {
      if (x !== 'RoundRobin' && x !== 'DispatchToSingle' && x !== 'Pinned')
        out.push(`${f}: must be "RoundRobin", "DispatchToSingle" or "Pinned"`);
    }
  }
  return out;
}

function metadataProblems(v: unknown, at: string): string[] {
  if (!isObject(v)) return [`${at}: must be an object`];
  const out: string[] = [];
  const mins: Record<string, number> = { maxAge: 1, maxCount: 1, truncateBefore: 0 };
  for (const k of Object.keys(v)) {
    const min = own(mins, k) ? mins[k] : undefined;
    if (min === undefined) {
      out.push(`${at}.${k}: unknown field (maxAge, maxCount, truncateBefore)`);
      continue;
    }
    const x = v[k];
    if (!(Number.isSafeInteger(x) && (x as number) >= min))
      out.push(`${at}.${k}: must be an integer ≥ ${min}`);
  }
  return out;
}

function eventsProblems(v: unknown, at: string): string[] {
  if (!Array.isArray(v)) return [`${at}: must be an array`];
  if (v.length === 0) return [`${at}: must hold at least one event`];
  if (v.length > MAX_EVENTS_PER_APPEND)
    return [`${at}: at most ${MAX_EVENTS_PER_APPEND} events, got ${v.length}`];
  const out: string[] = [];
  for (let i = 0; i < v.length && out.length < 20; i++) {
    const e: unknown = v[i];
    const ea = `${at}[${i}]`;
    if (!isObject(e)) {
      out.push(`${ea}: must be an object`);
      continue;
    }
    for (const k of ['eventId', 'eventType']) {
      if (!own(e, k)) out.push(`${ea}.${k}: required`);
      else out.push(...check('name', e[k], `${ea}.${k}`));
    }
    for (const k of Object.keys(e)) {
      if (k === 'eventId' || k === 'eventType') continue;
      if (k !== 'data' && k !== 'metadata') {
        out.push(`${ea}.${k}: unknown field (eventId, eventType, data, metadata)`);
        continue;
      }
      if (e[k] === undefined) continue;
      const bad = checkJsonValue(e[k], EVENT_JSON_LIMITS, `${ea}.${k}`);
      if (bad !== null) out.push(`${bad.path}: ${bad.message}`);
      else if (!isJson(e[k])) out.push(`${ea}.${k}: must be JSON (no undefined, NaN or Infinity)`);
    }
  }
  return out;
}

/** A JSON value (already bounded by checkJsonValue): walked with an explicit stack. */
function isJson(v: unknown): boolean {
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === null || typeof x === 'string' || typeof x === 'boolean') continue;
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) return false;
      continue;
    }
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) stack.push(x[i]);
      continue;
    }
    if (typeof x !== 'object') return false;
    const proto: unknown = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const k of Object.keys(x)) stack.push((x as Record<string, unknown>)[k]);
  }
  return true;
}

/** Problems with one op (empty: fine). */
export function opProblems(op: unknown, i: number): string[] {
  const at = `ops[${i}]`;
  if (!isObject(op)) return [`${at}: must be an object`];
  const name = op.op;
  const shape = typeof name === 'string' ? SHAPES.get(name) : undefined;
  if (shape === undefined) return [`${at}.op: must be one of ${ES_OP_NAMES.join(', ')}`];
  const out: string[] = [];
  for (const [k, kind] of Object.entries(shape.req)) {
    if (!own(op, k)) out.push(`${at}.${k}: required`);
    else out.push(...check(kind, op[k], `${at}.${k}`));
  }
  for (const k of Object.keys(op)) {
    if (k === 'op' || own(shape.req, k)) continue;
    if (!own(shape.opt, k)) {
      out.push(`${at}.${k}: unknown field for ${name as string}`);
      continue;
    }
    if (op[k] === undefined) continue;
    out.push(...check(shape.opt[k] as Kind, op[k], `${at}.${k}`));
  }
  return out;
}

/** Problems with the script as a whole (not its ops). */
export function scriptProblems(script: unknown): string[] {
  if (!isObject(script)) return ['$: must be an object'];
  const out: string[] = [];
  for (const k of Object.keys(script)) {
    if (script[k] === undefined) continue;
    if (k === 'name' || k === 'description') out.push(...check('text', script[k], k));
    else if (k === 'startStandardProjections') out.push(...check('boolean', script[k], k));
    else if (k !== 'ops')
      out.push(`${k}: unknown field (name, description, startStandardProjections, ops)`);
  }
  if (!Array.isArray(script.ops)) out.push('ops: must be an array');
  else if (script.ops.length > MAX_OPS)
    out.push(`ops: at most ${MAX_OPS} operations, got ${script.ops.length}`);
  return out;
}
