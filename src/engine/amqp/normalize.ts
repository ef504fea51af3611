/**
 * What both runners do to their observations before comparing them:
 * - write every object's keys in one order (code-point), at every level;
 * - drop what cannot match across runs: the `time` of every x-death entry (a wall-clock
 *   timestamp) and empty `headers` (one client reports {} where another reports none);
 * - order the observations of one step canonically: by channel (observations without one —
 *   queueStats, connectionError — first), keeping each channel's own order, because a real
 *   broker's deliveries to different channels interleave arbitrarily.
 */
import type { AmqpObservation, AmqpTable, AmqpValue } from './script';

function cleanHeaders(h: AmqpTable | undefined): AmqpTable | undefined {
  if (h === undefined || Object.keys(h).length === 0) return undefined;
  const out: AmqpTable = {};
  for (const [k, v0] of Object.entries(h)) {
    let v: AmqpValue = v0;
    if (k === 'x-death' && Array.isArray(v)) v = v.map(withoutTime);
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function withoutTime(d: AmqpValue): AmqpValue {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return d;
  const out: AmqpTable = {};
  for (const [k, v] of Object.entries(d)) {
    if (k !== 'time')
      Object.defineProperty(out, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

function channelOf(o: AmqpObservation): string {
  return 'channel' in o ? o.channel : '';
}

/** A copy with object keys in code-point order at every level (arrays keep their order), so
 *  equal observations serialise equally whichever runner built them. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o).sort()) {
    if (o[k] === undefined) continue;
    Object.defineProperty(out, k, {
      value: sortKeys(o[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

export function normalizeObservations(obs: readonly AmqpObservation[]): AmqpObservation[] {
  const cleaned = obs.map((o): AmqpObservation => {
    if (o.kind !== 'delivery' && o.kind !== 'get') return sortKeys(o) as AmqpObservation;
    const { headers, ...rest } = o;
    const h = cleanHeaders(headers);
    return sortKeys(h === undefined ? rest : { ...rest, headers: h }) as AmqpObservation;
  });
  // A stable sort: equal keys keep their order (Array.prototype.sort is stable since ES2019).
  return cleaned
    .map((o, i) => ({ o, i }))
    .sort((a, b) => {
      if (a.o.step !== b.o.step) return a.o.step - b.o.step;
      const ca = channelOf(a.o);
      const cb = channelOf(b.o);
      if (ca !== cb) return ca < cb ? -1 : 1;
      return a.i - b.i;
    })
    .map((x) => x.o);
}
