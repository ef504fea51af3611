/**
 * Extra per-frame figures for the live canvas (additive to view.ts): the tail of each partition
 * (the last few records' key colour and event type, so a topic strip can be drawn without the
 * records), the high watermark, each group's current fetch positions, and a read model's newest
 * rows. Bound by partitions × RECENT_RECORDS and READ_MODEL_ROWS, never by the number of events.
 */
import type { SimState } from '../engine';
import { lastStableOffset } from '../engine/kafka/state';

/** Records per partition a topic strip draws. */
export const RECENT_RECORDS = 24;
/** Read-model rows shown on the node. */
export const READ_MODEL_ROWS = 5;
/** Key colours: a record's key (or, for a null key, its payload key) hashed into this many buckets. */
export const KEY_BUCKETS = 10;

export interface PartitionTail {
  /** High watermark per partition (consumers read below it). */
  highWatermarks: number[];
  /** Per partition, the last records (oldest first): key bucket, −1 for no key at all. */
  recentKeys: number[][];
  /** Per partition, the last records (oldest first): index into `eventTypes`. */
  recentTypes: number[][];
  /** Event types seen in the tails of this topic, in first-seen order. */
  eventTypes: string[];
  /**
   * Runs with transactions only: per partition, each tail record's transaction state
   * (TXN_PLAIN…TXN_ABORT_MARKER, aligned with `recentKeys`), and the last stable offset.
   */
  recentTxn?: number[][];
  lastStable?: number[];
}

/** A record outside any transaction, or of a committed one: every consumer reads it. */
export const TXN_PLAIN = 0;
/** A record of a transaction still open: read_committed waits for it (it is at or above the LSO). */
export const TXN_OPEN = 1;
/** A record of an aborted transaction: read_committed skips it, read_uncommitted reads it. */
export const TXN_ABORTED = 2;
/** A COMMIT transaction marker (a control record: takes an offset, no consumer sees it). */
export const TXN_COMMIT_MARKER = 3;
/** An ABORT transaction marker. */
export const TXN_ABORT_MARKER = 4;

export interface ReadModelView {
  /** Rows in the table (keys seen). */
  size: number;
  /** The most recently updated rows, newest first. */
  rows: { key: string; events: number; lastType: string }[];
}

export function partitionTail(state: SimState, firstGp: number, partitions: number): PartitionTail {
  const hwAll = (state as { hw?: ArrayLike<number> }).hw ?? state.leo;
  const eventTypes: string[] = [];
  const typeIndex = new Map<string, number>();
  const out: PartitionTail = { highWatermarks: [], recentKeys: [], recentTypes: [], eventTypes };
  // Transactions: each tail record's state, and the last stable offset (runs without a
  // transactional group keep their frames as they were).
  const txn = (state as { txn?: SimState['txn'] }).txn ?? null;
  const recentTxn: number[][] | undefined = txn ? [] : undefined;
  const lastStable: number[] | undefined = txn ? [] : undefined;
  for (let p = 0; p < partitions; p++) {
    const gp = firstGp + p;
    const leo = state.leo[gp]!;
    const log = state.logs[gp]!;
    const start = state.logStart?.[gp] ?? 0;
    const keys: number[] = [];
    const types: number[] = [];
    const states: number[] = [];
    for (let o = Math.max(start, leo - RECENT_RECORDS); o < leo; o++) {
      const r = log[o - start];
      if (!r) continue;
      if (txn) states.push(txnStateOf(txn, r));
      if (r.control !== undefined) {
        // A transaction marker has no key nor event type of its own (drawn as a marker).
        keys.push(-1);
        types.push(-1);
        continue;
      }
      const k = r.key ?? r.entity;
      keys.push(k === null ? -1 : keyBucket(k));
      let t = typeIndex.get(r.eventType);
      if (t === undefined) {
        t = eventTypes.length;
        eventTypes.push(r.eventType);
        typeIndex.set(r.eventType, t);
      }
      types.push(t);
    }
    out.highWatermarks.push(hwAll[gp]!);
    out.recentKeys.push(keys);
    out.recentTypes.push(types);
    if (txn) {
      recentTxn!.push(states);
      lastStable!.push(lastStableOffset(state, gp));
    }
  }
  if (txn) {
    out.recentTxn = recentTxn;
    out.lastStable = lastStable;
  }
  return out;
}

function txnStateOf(
  txn: NonNullable<SimState['txn']>,
  r: { txn?: number; control?: 'COMMIT' | 'ABORT' },
): number {
  if (r.control === 'COMMIT') return TXN_COMMIT_MARKER;
  if (r.control === 'ABORT') return TXN_ABORT_MARKER;
  if (r.txn === undefined) return TXN_PLAIN;
  if (txn.aborted.has(r.txn)) return TXN_ABORTED;
  return txn.open.has(r.txn) ? TXN_OPEN : TXN_PLAIN;
}

/** FNV-1a of the key, into KEY_BUCKETS colours: same key, same colour, in every frame. */
export function keyBucket(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % KEY_BUCKETS;
}

/** Fetch position per topic, per partition, of the member that holds it; −1 = nobody. */
export function groupPositions(state: SimState, gi: number): Record<string, number[]> {
  const model = state.model;
  const gm = model.groups[gi]!;
  const out: Record<string, number[]> = Object.create(null); // names may be __proto__
  for (const ti of gm.topics) {
    const t = model.topics[ti]!;
    out[t.name] = Array.from({ length: t.partitions }, () => -1);
  }
  for (const mi of gm.members) {
    const m = state.members[mi]!;
    if (m.status === 'crashed' || m.status === 'stopped') continue;
    for (const [gp, offset] of m.position) {
      const t = model.topics[model.gpTopic[gp]!]!;
      const row = out[t.name];
      if (row) row[model.gpPartition[gp]!] = offset;
    }
  }
  return out;
}

export function readModelView(state: SimState, gi: number): ReadModelView | undefined {
  const table = state.groups[gi]!.table;
  if (!table) return undefined;
  const top: { key: string; events: number; lastType: string; t: number; id: number }[] = [];
  for (const [key, row] of table) {
    const cand = {
      key,
      events: row.events,
      lastType: row.lastType,
      t: row.lastTimeUs,
      id: row.lastEventId,
    };
    if (top.length < READ_MODEL_ROWS) top.push(cand);
    else if (newer(cand, top[top.length - 1]!)) top[top.length - 1] = cand;
    else continue;
    top.sort((a, b) => (newer(a, b) ? -1 : 1));
  }
  return {
    size: table.size,
    rows: top.map(({ key, events, lastType }) => ({ key, events, lastType })),
  };
}

const newer = (a: { t: number; id: number }, b: { t: number; id: number }) =>
  a.t > b.t || (a.t === b.t && a.id > b.id);

/**
 * A topic's log over time (runs with log settings only: retention.ms/bytes, segments): what
 * the strips draw of it. Bounded per partition: the segment bases inside the strip's window
 * (at most RECENT_RECORDS + 1, each a distinct offset), never the whole segment list.
 */
export interface RetentionTail {
  /** Log start offset per partition: records below it were deleted by retention. */
  logStartOffsets: number[];
  /** Segments per partition (the last is the active one, being written). */
  segmentCounts: number[];
  /** The active segment's base offset per partition. */
  activeBases: number[];
  /** Per partition, the base offsets at or above log-end − RECENT_RECORDS (oldest first). */
  windowBases: number[][];
}

/** The partitions' segments and log start offsets, or null when the run has no log settings. */
export function retentionTail(
  state: SimState,
  firstGp: number,
  partitions: number,
): RetentionTail | null {
  const segs = (state as { segments?: SimState['segments'] }).segments;
  if (!segs) return null;
  const out: RetentionTail = {
    logStartOffsets: [],
    segmentCounts: [],
    activeBases: [],
    windowBases: [],
  };
  for (let p = 0; p < partitions; p++) {
    const gp = firstGp + p;
    const g = segs[gp]!;
    const from = state.leo[gp]! - RECENT_RECORDS;
    const bases: number[] = [];
    for (let i = g.base.length - 1; i >= 0 && g.base[i]! >= from; i--) bases.push(g.base[i]!);
    out.logStartOffsets.push(state.logStartOffset[gp]!);
    out.segmentCounts.push(g.base.length);
    out.activeBases.push(g.base[g.base.length - 1]!);
    out.windowBases.push(bases.reverse());
  }
  return out;
}
