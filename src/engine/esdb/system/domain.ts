/**
 * The command side's domain, in the Decider shape (Jérémie Chassaing's "Functional Event
 * Sourcing Decider": `decide(command, state) → events`, `evolve(state, event) → state`, state =
 * fold(evolve, initialState, events)), with event versioning as the seed describes it: version 1
 * events carry `amount`, version 2 add `currency`; an upcaster turns a v1 event into v2 on read
 * (Greg Young, "Versioning in an Event Sourced System": upcasting), and code that expects v2 and
 * meets a v1 event without an upcaster cannot apply it (what breaks).
 *
 * Events carry their schema version in their metadata (`schemaVersion`), as EventStoreDB leaves
 * metadata to the client. Pure functions; JSON-safe values.
 */
import type { EsJson, RecordedEvent } from '../types';
import type { EsRuleSpec } from '../../scenario/types';
import type { EsUpcastModel } from './model';

/** An aggregate's state: what its rules look at, and what a read model can be checked with. */
export interface AggState {
  /** The last event number folded (−1: a new stream). */
  version: number;
  count: number;
  status: string | null;
  total: number;
  currency: string | null;
}

export const initialAggState = (): AggState => ({
  version: -1,
  count: 0,
  status: null,
  total: 0,
  currency: null,
});

/** The currency the seed's v1 → v2 change defaults to, when the upcaster gives none. */
export const DEFAULT_CURRENCY = 'EUR';

export type Applied =
  | { ok: true; state: AggState; upcasted: boolean }
  | { ok: false; eventVersion: number; expected: number };

type Obj = { [k: string]: EsJson };
const isObj = (v: EsJson): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema version an event was written with (metadata.schemaVersion; 1 when absent). */
export function schemaVersionOf(r: RecordedEvent): number {
  const m = r.metadata;
  if (isObj(m) && typeof m.schemaVersion === 'number') return m.schemaVersion;
  return 1;
}

/**
 * An event's data as code expecting `expected` reads it: as written when the versions match,
 * upcast when an upcaster goes from its version to the expected one, else null (it cannot be read).
 */
export function readData(
  r: RecordedEvent,
  expected: number,
  upcast: EsUpcastModel | null,
): { data: Obj; upcasted: boolean } | null {
  const v = schemaVersionOf(r);
  const data = isObj(r.data) ? r.data : {};
  if (v === expected) return { data, upcasted: false };
  if (upcast !== null && upcast.from === v && upcast.to === expected) {
    const out: Obj = Object.create(null) as Obj;
    for (const [k, d] of upcast.defaults) out[k] = d;
    for (const k of Object.keys(data)) out[k] = data[k]!;
    return { data: out, upcasted: true };
  }
  return null;
}

/** evolve(state, event): one event applied by code that expects schema version `expected`. */
export function evolveAgg(
  s: AggState,
  r: RecordedEvent,
  expected: number,
  upcast: EsUpcastModel | null,
): Applied {
  const read = readData(r, expected, upcast);
  if (read === null) return { ok: false, eventVersion: schemaVersionOf(r), expected };
  const d = read.data;
  const amount = typeof d.amount === 'number' ? d.amount : 0;
  const currency = typeof d.currency === 'string' ? d.currency : null;
  // Version 2 code needs a currency: a v2 event without one is as unreadable as a v1 event.
  if (expected >= 2 && currency === null)
    return { ok: false, eventVersion: schemaVersionOf(r), expected };
  return {
    ok: true,
    upcasted: read.upcasted,
    state: {
      version: r.eventNumber,
      count: s.count + 1,
      status: typeof d.status === 'string' ? d.status : s.status,
      total: s.total + amount,
      currency: currency ?? s.currency,
    },
  };
}

/** fold(evolve, state, events): the state after `events` (the first error stops it). */
export function foldAgg(
  events: readonly RecordedEvent[],
  expected: number,
  upcast: EsUpcastModel | null,
  from: AggState = initialAggState(),
):
  | { ok: true; state: AggState; upcasted: number }
  | { ok: false; at: RecordedEvent; eventVersion: number; expected: number } {
  let s = from;
  let upcasted = 0;
  for (const r of events) {
    const a = evolveAgg(s, r, expected, upcast);
    if (!a.ok) return { ok: false, at: r, eventVersion: a.eventVersion, expected };
    s = a.state;
    if (a.upcasted) upcasted++;
  }
  return { ok: true, state: s, upcasted };
}

export type Decided =
  { ok: true; event: { eventType: string; data: Obj } } | { ok: false; reason: string };

/**
 * decide(command, state): the first rule for the command whose guard the state passes decides
 * its event; no such rule: the command is rejected (a domain refusal, nothing is written).
 */
export function decideCommand(
  rules: readonly EsRuleSpec[],
  command: string,
  s: AggState,
  eventVersion: number,
  currency: string,
): Decided {
  let reason = `no rule for ${command}`;
  for (const r of rules) {
    if (r.command !== command) continue;
    if (r.whenStatus !== undefined && r.whenStatus !== s.status) {
      reason = `${command} needs status ${r.whenStatus ?? 'none (a new aggregate)'}, the aggregate is ${s.status ?? 'new'}`;
      continue;
    }
    if (r.maxEvents !== undefined && s.count >= r.maxEvents) {
      reason = `${command} needs fewer than ${r.maxEvents} events, the stream has ${s.count}`;
      continue;
    }
    const data: Obj = { amount: r.amount ?? 1 };
    if (r.setStatus !== undefined) data.status = r.setStatus;
    if (eventVersion >= 2) data.currency = currency;
    return { ok: true, event: { eventType: r.event, data } };
  }
  return { ok: false, reason };
}
