/**
 * The event store's part of a frame (issue 13): what its nodes show, bounded by the diagram and
 * never by how many events the run has. Streams: the most recently written ones (id, head version
 * = the last event number, event count) and how many there are; `$all`: its newest records
 * (position, stream, event type); per aggregate its command outcomes (WrongExpectedVersion
 * conflicts); per projection its position and checkpoint against the head, its lag in events and
 * ms, a rebuild's progress and the read model's newest rows; per query its answers, stale ones.
 * Pure: state in, view out.
 */
import {
  esAggregateCounts,
  esAllTail,
  esProjectionLag,
  esQueryCounts,
  esStreamHeads,
  type SimState,
} from '../engine';
import { READ_MODEL_ROWS } from './liveView';

/** Streams listed by the event store node (the most recently written). */
export const ES_STREAM_ROWS = 5;
/** Records of `$all` the event store node's lane shows. */
export const ES_ALL_LANE = 6;
/** How far back `$all` is read to find the newest streams and rows (the rest are counted only). */
const SCAN = 4000;

export interface EsStreamRow {
  id: string;
  /** The head version (last event number); −1: no events. */
  version: number;
  events: number;
}

export interface EsReadModelRow {
  stream: string;
  /** Events the projection applied to the row (a counter counts a redelivered one again). */
  count: number;
  /** The last event number of the stream it has seen. */
  lastVersion: number;
}

export interface EsProjectionView {
  position: number;
  checkpoint: number;
  head: number;
  behindEvents: number;
  lagMs: number;
  rebuildProgress: number | null;
  rows: number;
  newest: EsReadModelRow[];
}

export interface EsView {
  streams: { total: number; recent: EsStreamRow[] };
  all: { total: number; records: { position: number; stream: string; type: string }[] };
  aggregates: Record<
    string,
    { commands: number; succeeded: number; conflicts: number; failed: number; rejected: number }
  >;
  projections: Record<string, EsProjectionView>;
  queries: Record<string, { answered: number; stale: number; waiting: boolean }>;
}

/** The streams of the newest records of `$all` (newest first, each once), at most `n`. */
function newestStreams(state: SimState, n: number, keep: (stream: string) => boolean): string[] {
  const log = state.eventStore!.store.log;
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = log.length - 1; i >= Math.max(0, log.length - SCAN) && out.length < n; i--) {
    const id = log[i]!.streamId;
    if (seen.has(id) || !keep(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

export function esView(state: SimState): EsView | null {
  const m = state.model.eventStore;
  const es = state.eventStore;
  if (!m || !es) return null;
  const heads = esStreamHeads(state)!;
  const recent = newestStreams(state, ES_STREAM_ROWS, (id) => heads.has(id)).map(
    (id): EsStreamRow => ({ id, ...heads.get(id)! }),
  );
  const tail = esAllTail(state, ES_ALL_LANE)!;
  const aggregates: EsView['aggregates'] = Object.create(null); // ids are user text
  for (const a of m.aggregates) aggregates[a.id] = esAggregateCounts(state, a.id)!;
  const projections: EsView['projections'] = Object.create(null);
  for (const p of m.projections) {
    const lag = esProjectionLag(state, p.id)!;
    const model = es.projections[p.index]!.readModel;
    const newest = newestStreams(state, READ_MODEL_ROWS, (id) => model.has(id)).map((id) => {
      const r = model.get(id)!;
      return { stream: id, count: r.count, lastVersion: r.lastVersion };
    });
    projections[p.id] = { ...lag, rows: model.size, newest };
  }
  const queries: EsView['queries'] = Object.create(null);
  for (const q of m.queries) queries[q.id] = esQueryCounts(state, q.id)!;
  return {
    streams: { total: heads.size, recent },
    all: {
      total: tail.total,
      records: tail.records.map((r) => ({ position: r.position, stream: r.stream, type: r.type })),
    },
    aggregates,
    projections,
    queries,
  };
}
