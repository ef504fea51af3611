/**
 * Untrusted persistent-subscription ops checked before any work: each problem names the field.
 * Bounds keep the work of one op small (EventStoreDB takes int32 for most of these; the model caps
 * what would only cost time: retries, buffers, consumers).
 */
import {
  DEFAULT_PERSISTENT_SETTINGS,
  type PersistentOp,
  type PersistentSubscriptionSettings,
} from './persistentTypes';
import type { ConsumerStrategy, NakAction } from './types';

const INT32_MAX = 2_147_483_647;
export const MAX_BUFFER = 10_000;
export const MAX_RETRY_COUNT = 10_000;
export const MAX_SUBSCRIBERS = 1_000;
export const MAX_IDS_PER_ACK = 10_000;
export const MAX_NAME_LENGTH = 1_000;
export const MAX_REASON_LENGTH = 10_000;

const STRATEGIES: readonly ConsumerStrategy[] = ['RoundRobin', 'DispatchToSingle', 'Pinned'];
const NAK_ACTIONS: readonly NakAction[] = ['Park', 'Retry', 'Skip', 'Stop'];

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Rec, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

function int(p: string[], path: string, v: unknown, min: number, max: number): number | null {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    p.push(`${path}: must be an integer from ${min} to ${max}`);
    return null;
  }
  return v;
}

function name(p: string[], path: string, v: unknown): string | null {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_NAME_LENGTH) {
    p.push(`${path}: must be a non-empty string of at most ${MAX_NAME_LENGTH} characters`);
    return null;
  }
  return v;
}

function bool(p: string[], path: string, v: unknown): boolean | null {
  if (typeof v !== 'boolean') {
    p.push(`${path}: must be true or false`);
    return null;
  }
  return v;
}

const SETTING_KEYS = Object.keys(
  DEFAULT_PERSISTENT_SETTINGS,
) as (keyof PersistentSubscriptionSettings)[];

/** The settings a create/update gives, over the defaults (EventStoreDB's client defaults). */
export function validateSettings(
  p: string[],
  path: string,
  raw: unknown,
): PersistentSubscriptionSettings | null {
  if (raw === undefined) return { ...DEFAULT_PERSISTENT_SETTINGS };
  if (!isRec(raw)) {
    p.push(`${path}: must be an object`);
    return null;
  }
  const before = p.length;
  for (const k of Object.keys(raw)) {
    if (!(SETTING_KEYS as string[]).includes(k))
      p.push(`${path}.${k}: unknown setting (known: ${SETTING_KEYS.join(', ')})`);
  }
  const s: PersistentSubscriptionSettings = { ...DEFAULT_PERSISTENT_SETTINGS };
  const get = (k: keyof PersistentSubscriptionSettings): unknown => own(raw, k);
  const f = (k: string) => `${path}.${k}`;
  if (get('resolveLinkTos') !== undefined)
    s.resolveLinkTos = bool(p, f('resolveLinkTos'), get('resolveLinkTos')) ?? false;
  if (get('extraStatistics') !== undefined)
    s.extraStatistics = bool(p, f('extraStatistics'), get('extraStatistics')) ?? false;
  const sf = get('startFrom');
  if (sf !== undefined) {
    if (sf === 'start' || sf === 'end') s.startFrom = sf;
    else if (typeof sf === 'number' && Number.isSafeInteger(sf) && sf >= 0) s.startFrom = sf;
    else p.push(`${f('startFrom')}: must be 'start', 'end' or an integer position >= 0`);
  }
  const ints: [keyof PersistentSubscriptionSettings, number, number][] = [
    ['messageTimeoutMilliseconds', 0, INT32_MAX],
    ['maxRetryCount', 0, MAX_RETRY_COUNT],
    ['checkPointAfterMilliseconds', 0, INT32_MAX],
    ['minCheckPointCount', 0, INT32_MAX],
    ['maxCheckPointCount', 0, INT32_MAX],
    ['maxSubscriberCount', 0, MAX_SUBSCRIBERS],
    ['liveBufferSize', 1, MAX_BUFFER],
    ['readBatchSize', 1, MAX_BUFFER],
    ['bufferSize', 1, MAX_BUFFER],
  ];
  for (const [k, min, max] of ints) {
    const v = get(k);
    if (v === undefined) continue;
    const n = int(p, f(k), v, min, max);
    if (n !== null) (s as unknown as Record<string, number>)[k] = n;
  }
  const strat = get('namedConsumerStrategy');
  if (strat !== undefined) {
    if (typeof strat === 'string' && (STRATEGIES as string[]).includes(strat))
      s.namedConsumerStrategy = strat as ConsumerStrategy;
    else if (strat === 'PinnedByCorrelation')
      p.push(`${f('namedConsumerStrategy')}: PinnedByCorrelation is not simulated (use Pinned)`);
    // PersistentSubscriptionService: "Consumer strategy X does not exist."
    else
      p.push(`${f('namedConsumerStrategy')}: Consumer strategy ${String(strat)} does not exist.`);
  }
  // PersistentSubscription's constructor / the HTTP API: BufferSize must be larger than ReadBatchSize.
  if (p.length === before && !(s.bufferSize > s.readBatchSize))
    p.push(
      `${f('bufferSize')}: BufferSize (${s.bufferSize}) must be larger than ReadBatchSize (${s.readBatchSize})`,
    );
  return p.length === before ? s : null;
}

export type ValidatedOp = { op: PersistentOp; problems: [] } | { op: null; problems: string[] };

/** Checks one op; `at` prefixes every problem (e.g. `ops[3]`). */
export function validatePersistentOp(raw: unknown, at = 'op'): ValidatedOp {
  const p: string[] = [];
  if (!isRec(raw)) return { op: null, problems: [`${at}: must be an object`] };
  const kind = own(raw, 'op');
  const f = (k: string) => `${at}.${k}`;
  const target = () => {
    const stream = name(p, f('stream'), own(raw, 'stream'));
    const group = name(p, f('group'), own(raw, 'group'));
    return { stream: stream ?? '', group: group ?? '' };
  };
  const ids = (): string[] => {
    const v = own(raw, 'eventIds');
    if (!Array.isArray(v) || v.length > MAX_IDS_PER_ACK) {
      p.push(`${f('eventIds')}: must be an array of at most ${MAX_IDS_PER_ACK} event ids`);
      return [];
    }
    const out: string[] = [];
    v.forEach((x, i) => {
      if (typeof x === 'string' && x.length <= MAX_NAME_LENGTH) out.push(x);
      else
        p.push(`${f(`eventIds[${i}]`)}: must be a string of at most ${MAX_NAME_LENGTH} characters`);
    });
    return out;
  };
  let op: PersistentOp | null = null;
  switch (kind) {
    case 'createPersistentSubscription':
    case 'updatePersistentSubscription': {
      const t = target();
      const settings = validateSettings(p, f('settings'), own(raw, 'settings'));
      if (settings) op = { op: kind, ...t, settings };
      break;
    }
    case 'deletePersistentSubscription':
      op = { op: kind, ...target() };
      break;
    case 'connectToPersistentSubscription': {
      const t = target();
      const consumer = name(p, f('consumer'), own(raw, 'consumer'));
      const bufferSize = int(p, f('bufferSize'), own(raw, 'bufferSize'), 1, MAX_BUFFER);
      if (consumer !== null && bufferSize !== null) op = { op: kind, ...t, consumer, bufferSize };
      break;
    }
    case 'disconnect': {
      const t = target();
      const consumer = name(p, f('consumer'), own(raw, 'consumer'));
      if (consumer !== null) op = { op: kind, ...t, consumer };
      break;
    }
    case 'ack': {
      const t = target();
      const consumer = name(p, f('consumer'), own(raw, 'consumer'));
      const eventIds = ids();
      if (consumer !== null) op = { op: kind, ...t, consumer, eventIds };
      break;
    }
    case 'nak': {
      const t = target();
      const consumer = name(p, f('consumer'), own(raw, 'consumer'));
      const eventIds = ids();
      const action = own(raw, 'action');
      if (typeof action !== 'string' || !(NAK_ACTIONS as string[]).includes(action))
        p.push(`${f('action')}: must be one of ${NAK_ACTIONS.join(', ')}`);
      const reason = own(raw, 'reason');
      if (reason !== undefined && (typeof reason !== 'string' || reason.length > MAX_REASON_LENGTH))
        p.push(`${f('reason')}: must be a string of at most ${MAX_REASON_LENGTH} characters`);
      if (consumer !== null)
        op = {
          op: kind,
          ...t,
          consumer,
          eventIds,
          action: action as NakAction,
          ...(typeof reason === 'string' ? { reason } : {}),
        };
      break;
    }
    case 'replayParked': {
      const t = target();
      const stopAt = own(raw, 'stopAt');
      if (stopAt !== undefined) {
        // PersistentSubscriptionService: a negative stopAt fails with this text.
        if (typeof stopAt === 'number' && Number.isInteger(stopAt) && stopAt < 0)
          p.push(`${f('stopAt')}: Cannot stop replaying parked message at a negative version.`);
        else int(p, f('stopAt'), stopAt, 0, Number.MAX_SAFE_INTEGER);
      }
      op = { op: kind, ...t, ...(typeof stopAt === 'number' ? { stopAt } : {}) };
      break;
    }
    case 'appended':
    case 'restartPersistentSubscriptions':
      op = { op: kind };
      break;
    case 'advanceTime': {
      const toUs = int(p, f('toUs'), own(raw, 'toUs'), 0, Number.MAX_SAFE_INTEGER);
      if (toUs !== null) op = { op: kind, toUs };
      break;
    }
    default:
      p.push(`${f('op')}: unknown op ${JSON.stringify(String(kind)).slice(0, 80)}`);
  }
  if (p.length > 0 || op === null) return { op: null, problems: p.length ? p : [`${at}: invalid`] };
  return { op, problems: [] };
}
