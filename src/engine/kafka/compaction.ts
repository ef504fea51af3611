/**
 * Log compaction (issue 12): the log cleaner of a topic with cleanup.policy=compact (or
 * "compact,delete"), in sim time. Sources followed (Apache Kafka 3.x, with KIP-534's delete
 * horizon, Kafka ≥ 3.1):
 * - LogCleaner.CleanerThread: a thread cleans the filthiest log whose cleanable ratio is above
 *   min.cleanable.dirty.ratio, and sleeps log.cleaner.backoff.ms (default 15000) when none is.
 *   Here each wake cleans every log that qualifies, then backs off; cleaning takes no sim time.
 * - LogCleanerManager.cleanableOffsets: the dirty section is [firstDirtyOffset, first
 *   uncleanable offset), firstDirtyOffset the cleaner checkpoint (never below the log start
 *   offset), the first uncleanable offset the least of the last stable offset (≤ the high
 *   watermark), the active segment's base offset, and with min.compaction.lag.ms > 0 the base
 *   of the first segment from the checkpoint on whose largest timestamp is newer than
 *   now − min.compaction.lag.ms. cleanableRatio = dirty bytes / (clean + dirty bytes), with
 *   clean bytes those of [log start, firstDirtyOffset).
 * - Cleaner.doClean / buildOffsetMap / cleanSegments / shouldRetainRecord: an offset map of
 *   the dirty section (key → its latest offset); every record of [log start, end) is kept
 *   only if it has a key, is the latest of its key (offset ≥ the map's), and is not a
 *   tombstone past its delete horizon. MemoryRecords.filterTo sets a tombstone batch's
 *   deleteHorizonMs = now + delete.retention.ms the first time the cleaner rewrites it, and a
 *   later pass at or after that time drops it (`currentTime < deleteHorizonMs` retains). The
 *   checkpoint then moves to the end of the cleaned range.
 * Offsets are never renumbered: removed records leave holes, consumers fetch past them (a hole
 * is invisible to a batch fetched after its pass, as Kafka returns what the segment held at
 * fetch time), the log start offset does not move. Kafka also regroups the cleaned segments
 * into fewer files (groupSegmentsBySize); segments here keep their base offsets and shrink.
 * Transactions on compacted topics are refused by the scenario validator (parse.ts).
 */
import type { FetchRange, LogCleaned, LogRecord, SimEvent, TombstoneMissed } from './events';
import type { Model } from './model';
import { recordBytes } from './retention';
import { lastStableOffset, recordAt, type SimState } from './state';
import type { Scenario } from '../scenario/types';
import { isCompacted } from '../scenario/parseRetention';

/** Kafka's defaults (LogConfig, CleanerConfig). */
export const KAFKA_COMPACTION_DEFAULTS = {
  'delete.retention.ms': 86_400_000,
  'min.compaction.lag.ms': 0,
  'min.cleanable.dirty.ratio': 0.5,
  'log.cleaner.backoff.ms': 15_000,
} as const;

export interface TopicCompactionModel {
  deleteRetentionMs: number;
  deleteRetentionUs: number;
  lagUs: number;
  minDirtyRatio: number;
}

export interface CompactionModel {
  backoffUs: number;
  /** Per topic index; null for a topic that is not compacted. */
  topics: (TopicCompactionModel | null)[];
  /** The global partitions of compacted topics, ascending. */
  gps: number[];
  /** Per global partition: compacted or not. */
  compacted: Uint8Array;
}

/**
 * Per global partition (only compacted ones fill theirs), plus what each group has read of
 * each key: copied by cloneCompaction (snapshots never see a later pass).
 */
export interface CompactionState {
  /** Cleaning passes so far; a hole removed by pass p is invisible to batches fetched at p or later. */
  passes: number;
  /** Offset → the pass that removed it. */
  removed: Map<number, number>[];
  /** The cleaner checkpoint (Kafka's cleaner-offset-checkpoint). */
  firstDirty: number[];
  /** Tombstone offset → its delete horizon (µs), set when first cleaned. */
  horizons: Map<number, number>[];
  /** Tombstones removed past their horizon: offset → when the horizon was set, and removed. */
  expired: Map<number, { firstCleanedUs: number; removedUs: number }>[];
  /**
   * Per group × global partition (gi * partitions + gp): key → offset + 1 of the value the
   * group last read, or −(offset + 1) after a tombstone read (or missed).
   */
  seen: Map<number, Map<string, number>>;
}

/** The compaction settings, or null when no topic is compacted (nothing here runs then). */
export function compileCompaction(s: Scenario, firstGps: number[]): CompactionModel | null {
  if (!s.topics.some(isCompacted)) return null;
  const d = KAFKA_COMPACTION_DEFAULTS;
  const us = (ms: number) => Math.round(ms * 1000);
  const gpCount = s.topics.reduce((n, t) => n + t.partitions, 0);
  const compacted = new Uint8Array(gpCount);
  const gps: number[] = [];
  const topics = s.topics.map((t, ti) => {
    if (!isCompacted(t)) return null;
    for (let p = 0; p < t.partitions; p++) {
      compacted[firstGps[ti]! + p] = 1;
      gps.push(firstGps[ti]! + p);
    }
    const deleteRetentionMs = t['delete.retention.ms'] ?? d['delete.retention.ms'];
    return {
      deleteRetentionMs,
      deleteRetentionUs: us(deleteRetentionMs),
      lagUs: us(t['min.compaction.lag.ms'] ?? d['min.compaction.lag.ms']),
      minDirtyRatio: t['min.cleanable.dirty.ratio'] ?? d['min.cleanable.dirty.ratio'],
    };
  });
  return {
    backoffUs: us(s.broker?.['log.cleaner.backoff.ms'] ?? d['log.cleaner.backoff.ms']),
    topics,
    gps,
    compacted,
  };
}

export function initialCompaction(gpCount: number): CompactionState {
  return {
    passes: 0,
    removed: Array.from({ length: gpCount }, () => new Map()),
    firstDirty: new Array<number>(gpCount).fill(0),
    horizons: Array.from({ length: gpCount }, () => new Map()),
    expired: Array.from({ length: gpCount }, () => new Map()),
    seen: new Map(),
  };
}

export function cloneCompaction(c: CompactionState): CompactionState {
  return {
    passes: c.passes,
    removed: c.removed.map((m) => new Map(m)),
    firstDirty: c.firstDirty.slice(),
    horizons: c.horizons.map((m) => new Map(m)),
    expired: c.expired.map((m) => new Map(m)),
    seen: new Map([...c.seen].map(([k, v]) => [k, new Map(v)])),
  };
}

/** Whether `offset` is a hole for a batch fetched after `pass` passes (any pass: Infinity). */
export function isHole(c: CompactionState, gp: number, offset: number, pass: number): boolean {
  const p = c.removed[gp]!.get(offset);
  return p !== undefined && p <= pass;
}

/** One wake of the cleaner thread: every compacted log that qualifies, then the backoff. */
export function cleanerStep(s: SimState, t: number): SimEvent[] {
  const cm = s.model.compaction!;
  const out: SimEvent[] = [];
  for (const gp of cm.gps) {
    const e = cleanPartition(s, gp, t);
    if (e) out.push(e);
  }
  out.push({ type: 'cleanerChecked', timeUs: t, nextCheckUs: t + cm.backoffUs });
  return out;
}

/** The first uncleanable offset (LogCleanerManager.cleanableOffsets). */
function firstUncleanable(s: SimState, gp: number, firstDirty: number, t: number): number {
  const cfg = s.model.compaction!.topics[s.model.gpTopic[gp]!]!;
  const g = s.segments![gp]!;
  const last = g.base.length - 1;
  let end = Math.min(g.base[last]!, s.hw[gp]!, lastStableOffset(s, gp));
  if (cfg.lagUs > 0) {
    for (let i = 0; i < last; i++) {
      if (g.base[i + 1]! <= firstDirty) continue;
      if (g.maxTs[i]! > t - cfg.lagUs) {
        end = Math.min(end, g.base[i]!);
        break;
      }
    }
  }
  return end;
}

/** Cleaner.clean for one partition at time t, or null when it does not qualify. */
function cleanPartition(s: SimState, gp: number, t: number): LogCleaned | null {
  const c = s.compaction!;
  const cfg = s.model.compaction!.topics[s.model.gpTopic[gp]!]!;
  const start = s.logStartOffset[gp]!;
  const firstDirty = Math.max(c.firstDirty[gp]!, start);
  const end = firstUncleanable(s, gp, firstDirty, t);
  if (end <= firstDirty) return null;
  const removedBefore = c.removed[gp]!;
  let clean = 0;
  let dirty = 0;
  const latest = new Map<string, number>();
  for (let o = start; o < end; o++) {
    if (removedBefore.has(o)) continue;
    const rec = recordAt(s, gp, o)!;
    const bytes = recordBytes(s.model, rec);
    if (o < firstDirty) clean += bytes;
    else {
      dirty += bytes;
      if (rec.key !== null) latest.set(rec.key, o);
    }
  }
  const ratio = dirty / (clean + dirty);
  if (!(dirty > 0 && ratio > cfg.minDirtyRatio)) return null;
  const removed: number[] = [];
  const expired: number[] = [];
  const horizons: LogCleaned['horizons'] = [];
  let bytes = 0;
  const horizon = c.horizons[gp]!;
  for (let o = start; o < end; o++) {
    if (removedBefore.has(o)) continue;
    const rec = recordAt(s, gp, o)!;
    let keep = true;
    if (rec.key === null) keep = false;
    else if (o < (latest.get(rec.key) ?? -1)) keep = false;
    else if (rec.tombstone) {
      const h = horizon.get(o);
      if (h === undefined) horizons.push({ offset: o, deleteHorizonUs: t + cfg.deleteRetentionUs });
      else if (t >= h) {
        keep = false;
        expired.push(o);
      }
    }
    if (!keep) {
      removed.push(o);
      bytes += recordBytes(s.model, rec);
    }
  }
  return {
    type: 'logCleaned',
    timeUs: t,
    topic: s.model.topics[s.model.gpTopic[gp]!]!.name,
    partition: s.model.gpPartition[gp]!,
    firstDirtyOffset: firstDirty,
    endOffset: end,
    dirtyRatio: ratio,
    removed,
    tombstonesExpired: expired,
    horizons,
    bytes,
  };
}

/** Applies a cleaning: holes, shrunk segments, delete horizons, the new checkpoint. */
export function applyLogCleaned(s: SimState, gp: number, e: LogCleaned): void {
  const c = s.compaction!;
  const g = s.segments![gp]!;
  const activeBase = g.base[g.base.length - 1]!;
  if (e.endOffset > activeBase || e.endOffset > s.hw[gp]!)
    throw new Error(
      `invariant: ${e.topic}-${e.partition} cleaned up to ${e.endOffset}, above the active segment ${activeBase} or the high watermark ${s.hw[gp]}`,
    );
  const pass = ++c.passes;
  const removed = c.removed[gp]!;
  let seg = 0;
  for (const o of e.removed) {
    if (o < s.logStartOffset[gp]! || o >= e.endOffset || removed.has(o))
      throw new Error(`invariant: ${e.topic}-${e.partition} cleaner removes offset ${o}`);
    removed.set(o, pass);
    while (seg + 1 < g.base.length && g.base[seg + 1]! <= o) seg++;
    const rec = recordAt(s, gp, o);
    if (rec) g.bytes[seg] = Math.max(0, g.bytes[seg]! - recordBytes(s.model, rec));
  }
  const horizon = c.horizons[gp]!;
  for (const h of e.horizons) horizon.set(h.offset, h.deleteHorizonUs);
  const cfg = s.model.compaction!.topics[s.model.gpTopic[gp]!]!;
  for (const o of e.tombstonesExpired) {
    const h = horizon.get(o)!;
    horizon.delete(o);
    c.expired[gp]!.set(o, { firstCleanedUs: h - cfg.deleteRetentionUs, removedUs: e.timeUs });
  }
  c.firstDirty[gp] = e.endOffset;
}

/**
 * The log was cut back to `to` (an unclean election): what the cleaner knew above it goes, and
 * its checkpoint comes down (Kafka's LogCleanerManager.maybeTruncateCheckpoint).
 */
export function truncateCompaction(s: SimState, gp: number, to: number): void {
  const c = s.compaction!;
  for (const m of [c.removed[gp]!, c.horizons[gp]!, c.expired[gp]!])
    for (const o of [...m.keys()]) if (o >= to) m.delete(o);
  c.firstDirty[gp] = Math.min(c.firstDirty[gp]!, to);
}

const seenKey = (s: SimState, gi: number, gp: number) => gi * s.model.gpTopic.length + gp;

/** A group processed a record of a compacted partition: what its table now holds for the key. */
export function noteProcessed(
  s: SimState,
  gi: number,
  gp: number,
  offset: number,
  rec: LogRecord,
): void {
  if (rec.key === null) return;
  const k = seenKey(s, gi, gp);
  let m = s.compaction!.seen.get(k);
  if (!m) s.compaction!.seen.set(k, (m = new Map()));
  const prev = m.get(rec.key);
  if (prev !== undefined && Math.abs(prev) > offset + 1) return;
  m.set(rec.key, rec.tombstone ? -(offset + 1) : offset + 1);
}

/**
 * poll(): the fetched ranges pass the offsets of expired tombstones the group has not read
 * yet, while its table holds a value of their key: each is a delete the group will never see.
 */
export function missedTombstones(
  s: SimState,
  gi: number,
  member: string,
  ranges: FetchRange[],
  t: number,
): TombstoneMissed[] {
  const c = s.compaction!;
  const model = s.model;
  const g = s.groups[gi]!;
  let out: TombstoneMissed[] | null = null;
  for (const r of ranges) {
    const ti = model.topicIndex.get(r.topic)!;
    const cfg = model.compaction!.topics[ti];
    if (!cfg) continue;
    const gp = model.topics[ti]!.firstGp + r.partition;
    const expired = c.expired[gp]!;
    if (expired.size === 0) continue;
    const seen = c.seen.get(seenKey(s, gi, gp));
    if (!seen) continue;
    for (let o = Math.max(r.from, g.processedEnd[gp]!); o < r.to; o++) {
      const x = expired.get(o);
      if (!x) continue;
      const rec = recordAt(s, gp, o)!;
      const last = seen.get(rec.key!);
      if (last === undefined || last <= 0 || last - 1 >= o) continue;
      (out ??= []).push({
        type: 'tombstoneMissed',
        timeUs: t,
        group: model.groups[gi]!.id,
        member,
        topic: r.topic,
        partition: r.partition,
        offset: o,
        key: rec.key!,
        lastOffset: last - 1,
        tombstoneTimeUs: rec.timeUs,
        firstCleanedUs: x.firstCleanedUs,
        removedUs: x.removedUs,
        deleteRetentionMs: cfg.deleteRetentionMs,
      });
    }
  }
  return out ?? [];
}

/** Applies a missed tombstone: counted once; the key's delete is gone for the group. */
export function applyTombstoneMissed(s: SimState, gi: number, gp: number, e: TombstoneMissed) {
  s.groups[gi]!.missedTombstones++;
  const k = seenKey(s, gi, gp);
  s.compaction!.seen.get(k)!.set(e.key, -(e.offset + 1));
}

/** Model check: keyed records only on a compacted partition's cleaned range (tests use it). */
export function compactedGp(model: Model, gp: number): boolean {
  return model.compaction !== null && model.compaction.compacted[gp] === 1;
}
