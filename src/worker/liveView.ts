/**
 * Extra per-frame figures for the live canvas (additive to view.ts): the tail of each partition
 * (the last few records' key colour and event type, so a topic strip can be drawn without the
 * records), the high watermark, each group's current fetch positions, and a read model's newest
 * rows. Bound by partitions × RECENT_RECORDS and READ_MODEL_ROWS, never by the number of events.
 */
import type { SimState } from '../engine';

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
}

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
  for (let p = 0; p < partitions; p++) {
    const gp = firstGp + p;
    const leo = state.leo[gp]!;
    const log = state.logs[gp]!;
    const start = state.logStart?.[gp] ?? 0;
    const keys: number[] = [];
    const types: number[] = [];
    for (let o = Math.max(start, leo - RECENT_RECORDS); o < leo; o++) {
      const r = log[o - start];
      if (!r) continue;
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
  }
  return out;
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
    const cand = { key, events: row.events, lastType: row.lastType, t: row.lastTimeUs, id: row.lastEventId };
    if (top.length < READ_MODEL_ROWS) top.push(cand);
    else if (newer(cand, top[top.length - 1]!)) top[top.length - 1] = cand;
    else continue;
    top.sort((a, b) => (newer(a, b) ? -1 : 1));
  }
  return { size: table.size, rows: top.map(({ key, events, lastType }) => ({ key, events, lastType })) };
}

const newer = (a: { t: number; id: number }, b: { t: number; id: number }) => a.t > b.t || (a.t === b.t && a.id > b.id);
