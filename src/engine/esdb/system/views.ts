/** What the canvas, the summary and the anomaly views read of the event store's part of a state. */
import type { SimState } from '../../kafka/state';
import { categoryOf } from '../state';
import { projectionReads } from './model';
import type { EsCounters } from './state';

/** Each stream's head version (its last event number) and event count, by stream id. */
export function esStreamHeads(
  s: SimState,
): Map<string, { version: number; events: number }> | null {
  if (!s.eventStore) return null;
  const out = new Map<string, { version: number; events: number }>();
  for (const [id, st] of s.eventStore.store.streams)
    if (!id.startsWith('$'))
      out.set(id, { version: st.events.length - 1, events: st.events.length });
  return out;
}

/**
 * A projection against the head: its position and checkpoint in `$all`, the head position of
 * its streams, how many of their events it has not handled, and how long the oldest of them has
 * waited (ms); a rebuild's progress (0…1) when one runs.
 */
export function esProjectionLag(
  s: SimState,
  projection: string,
): {
  position: number;
  checkpoint: number;
  head: number;
  behindEvents: number;
  lagMs: number;
  rebuildProgress: number | null;
} | null {
  const m = s.model.eventStore;
  const es = s.eventStore;
  if (!m || !es) return null;
  const p = m.projectionIndex.get(projection);
  if (p === undefined) return null;
  const pm = m.projections[p]!;
  const ps = es.projections[p]!;
  const log = es.store.log;
  let behind = 0;
  let oldest = -1;
  let head = -1;
  for (let i = 0; i < log.length; i++) {
    const r = log[i]!;
    if (!projectionReads(m, pm, categoryOf(r.streamId))) continue;
    head = r.position;
    if (i >= ps.position) {
      behind++;
      if (oldest < 0) oldest = r.createdUs;
    }
  }
  return {
    position: ps.position,
    checkpoint: ps.checkpoint,
    head,
    behindEvents: behind,
    lagMs: oldest < 0 ? 0 : (s.timeUs - oldest) / 1000,
    rebuildProgress:
      ps.rebuildTarget === null
        ? null
        : ps.rebuildTarget === 0
          ? 1
          : Math.min(1, ps.position / ps.rebuildTarget),
  };
}

/** A projection's read model rows (count, total, last version per stream). */
export function esReadModel(
  s: SimState,
  projection: string,
): Map<string, { count: number; total: number; lastVersion: number }> | null {
  const m = s.model.eventStore;
  const p = m?.projectionIndex.get(projection);
  if (!s.eventStore || p === undefined) return null;
  return new Map([...s.eventStore.projections[p]!.readModel].map(([k, r]) => [k, { ...r }]));
}

/** The event store's summary counters, or null when the run has none. */
export function esSummary(s: SimState): EsCounters | null {
  return s.eventStore ? { ...s.eventStore.counters } : null;
}

/** An aggregate's commands: sent to it, appended, WrongExpectedVersion conflicts, failed, refused. */
export function esAggregateCounts(
  s: SimState,
  aggregate: string,
): {
  commands: number;
  succeeded: number;
  conflicts: number;
  failed: number;
  rejected: number;
} | null {
  const a = s.model.eventStore?.aggregateIndex.get(aggregate);
  if (!s.eventStore || a === undefined) return null;
  return { commands: s.eventStore.sources[a]!.sent, ...s.eventStore.aggregateCounters[a]! };
}

/** A query's answers so far and how many of them were stale; whether it waits (read-your-writes). */
export function esQueryCounts(
  s: SimState,
  query: string,
): { answered: number; stale: number; waiting: boolean } | null {
  const q = s.model.eventStore?.queries.findIndex((x) => x.id === query) ?? -1;
  if (!s.eventStore || q < 0) return null;
  const qs = s.eventStore.queries[q]!;
  return { answered: qs.sent, stale: qs.stale, waiting: qs.waiting !== null };
}

/** The newest `n` records of `$all` (position, stream, event type), oldest first; the total. */
export function esAllTail(
  s: SimState,
  n: number,
): {
  total: number;
  records: { position: number; stream: string; type: string; eventNumber: number }[];
} | null {
  if (!s.eventStore) return null;
  const log = s.eventStore.store.log;
  const from = Math.max(0, log.length - Math.max(0, Math.floor(n)));
  return {
    total: log.length,
    records: log.slice(from).map((r) => ({
      position: r.position,
      stream: r.streamId,
      type: r.eventType,
      eventNumber: r.eventNumber,
    })),
  };
}
