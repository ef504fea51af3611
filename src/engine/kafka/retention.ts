/**
 * The log over time (issue 12): segments, retention and the log start offset, as Kafka's
 * broker keeps them. Sources followed (Apache Kafka 3.x):
 * - segment roll: LogSegment.shouldRoll, called by UnifiedLog.maybeRoll on every append: the
 *   active segment rolls when `size > segment.bytes - batchSize` (the append would not fit) or
 *   when it is not empty and the new record's timestamp is more than segment.ms past the
 *   segment's rolling-base timestamp (its first batch's; here its first record's). A roll is a
 *   consequence of the append itself, so it happens in evolve with the append (no event of its
 *   own): the state's segments are a fold of the appends, and the deletion events name them.
 * - retention: LogManager runs cleanupLogs every log.retention.check.interval.ms (default
 *   300000) after log.initial.task.delay.ms (default 30000); for each log with
 *   cleanup.policy=delete, UnifiedLog.deleteOldSegments runs deleteRetentionMsBreachedSegments
 *   (`now - segment.largestTimestamp > retention.ms`), then deleteRetentionSizeBreachedSegments
 *   (while `size - retention.bytes - segment.size >= 0`, oldest first). Both go through
 *   deletableSegments: oldest first, stopping at the first segment that does not qualify, never
 *   a segment holding offsets at or above the high watermark, never an empty active segment.
 *   When every segment is deletable, deleteSegments rolls a new empty active segment first.
 *   The log start offset moves to the first remaining segment's base offset.
 * - consumers: a fetch below the log start offset gets OFFSET_OUT_OF_RANGE, and the consumer
 *   resets its position by auto.offset.reset (Fetcher / SubscriptionState.requestOffsetReset):
 *   earliest → the log start offset, latest → the log end (the high watermark).
 * Sizes are the producers' `recordBytes` (services' records: 200 bytes), without Kafka's
 * record-batch overhead.
 */
import type {
  FetchRange,
  LogRecord,
  OffsetOutOfRange,
  OffsetsSkipped,
  SegmentsDeleted,
  SimEvent,
} from './events';
import type { Scenario } from '../scenario/types';
import { isDeleted } from '../scenario/parseRetention';
import type { Model } from './model';
import type { SimState } from './state';

/** A topic's LogConfig, in µs and bytes; -1 = unlimited, as in Kafka. */
export interface TopicLogModel {
  retentionMs: number;
  retentionUs: number;
  retentionBytes: number;
  segmentUs: number;
  segmentBytes: number;
  /** cleanup.policy includes delete: retention applies (compact alone: only the cleaner). */
  delete: boolean;
}

export interface RetentionModel {
  /** log.retention.check.interval.ms, in µs. */
  checkIntervalUs: number;
  /** When the first check runs (LogManager.InitialTaskDelayMs). */
  firstCheckUs: number;
  /** Per topic index. */
  topics: TopicLogModel[];
  /** Bytes per record, per record source (Model.sourceIndex). */
  sourceBytes: Float64Array;
}

/**
 * Per global partition: its segments, oldest first; the last is the active one. Parallel
 * arrays, copied by cloneSegments (a snapshot's segments never change under it).
 */
export interface SegmentLog {
  base: number[];
  bytes: number[];
  /** The timestamp a time-based roll counts from (the first record's), -1 while empty. */
  rollTs: number[];
  /** The segment's largest record timestamp (what retention.ms compares), -1 while empty. */
  maxTs: number[];
  /** One past the last offset appended (the log-end offset the segments know). */
  end: number;
}

/** Kafka's defaults (LogConfig): 7 days, unlimited size, 7-day and 1 GiB segments. */
export const KAFKA_LOG_DEFAULTS = {
  'retention.ms': 604_800_000,
  'retention.bytes': -1,
  'segment.ms': 604_800_000,
  'segment.bytes': 1_073_741_824,
  'log.retention.check.interval.ms': 300_000,
} as const;
/** log.initial.task.delay.ms (LogManager's initial task delay): the first check runs 30 s in. */
export const INITIAL_TASK_DELAY_MS = 30_000;
/** A service's records: the size its producer's sticky batching assumes (consumer.ts). */
const SERVICE_RECORD_BYTES = 200;

const LOG_KEYS = [
  'retention.ms',
  'retention.bytes',
  'segment.ms',
  'segment.bytes',
  'cleanup.policy',
];

/**
 * The log settings, or null when the scenario sets none (no topic log setting, no broker
 * section): then nothing here runs, no actor is added and the event log is what it was.
 */
export function compileRetention(s: Scenario, sourceBytes: number[]): RetentionModel | null {
  const used = s.broker !== undefined || s.topics.some((t) => LOG_KEYS.some((k) => k in t));
  if (!used) return null;
  const d = KAFKA_LOG_DEFAULTS;
  const us = (ms: number) => Math.round(ms * 1000);
  return {
    checkIntervalUs: us(
      s.broker?.['log.retention.check.interval.ms'] ?? d['log.retention.check.interval.ms'],
    ),
    firstCheckUs: us(s.broker?.['log.initial.task.delay.ms'] ?? INITIAL_TASK_DELAY_MS),
    topics: s.topics.map((t) => {
      const retentionMs = t['retention.ms'] ?? d['retention.ms'];
      return {
        retentionMs,
        retentionUs: retentionMs < 0 ? -1 : us(retentionMs),
        retentionBytes: t['retention.bytes'] ?? d['retention.bytes'],
        segmentUs: us(t['segment.ms'] ?? d['segment.ms']),
        segmentBytes: t['segment.bytes'] ?? d['segment.bytes'],
        delete: isDeleted(t),
      };
    }),
    sourceBytes: Float64Array.from(sourceBytes),
  };
}

/** Record bytes per record source: producers' recordBytes, then 200 for every other source. */
export function sourceRecordBytes(s: Scenario, sources: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < sources; i++)
    out.push(i < s.producers.length ? (s.producers[i]!.recordBytes ?? 200) : SERVICE_RECORD_BYTES);
  return out;
}

export function initialSegments(gpCount: number): SegmentLog[] {
  return Array.from({ length: gpCount }, () => ({
    base: [0],
    bytes: [0],
    rollTs: [-1],
    maxTs: [-1],
    end: 0,
  }));
}

export function cloneSegments(segs: SegmentLog[]): SegmentLog[] {
  return segs.map((g) => ({
    base: g.base.slice(),
    bytes: g.bytes.slice(),
    rollTs: g.rollTs.slice(),
    maxTs: g.maxTs.slice(),
    end: g.end,
  }));
}

export function recordBytes(model: Model, rec: LogRecord): number {
  const src = model.sourceIndex.get(rec.producer);
  return src === undefined ? SERVICE_RECORD_BYTES : model.retention!.sourceBytes[src]!;
}

/** The record at `offset` was appended to partition gp: roll first if Kafka would. */
export function appendToSegments(s: SimState, gp: number, offset: number, rec: LogRecord): void {
  const g = s.segments![gp]!;
  const cfg = s.model.retention!.topics[s.model.gpTopic[gp]!]!;
  const size = recordBytes(s.model, rec);
  let a = g.base.length - 1;
  const cur = g.bytes[a]!;
  if (cur > 0 && (cur > cfg.segmentBytes - size || rec.timeUs - g.rollTs[a]! > cfg.segmentUs)) {
    g.base.push(offset);
    g.bytes.push(0);
    g.rollTs.push(-1);
    g.maxTs.push(-1);
    a++;
  }
  if (g.bytes[a] === 0) g.rollTs[a] = rec.timeUs;
  g.bytes[a] = g.bytes[a]! + size;
  if (rec.timeUs > g.maxTs[a]!) g.maxTs[a] = rec.timeUs;
  g.end = offset + 1;
}

/**
 * The log was cut back to `to` (an unclean election, lost acks=1 records): segments above go,
 * the one holding `to - 1` shrinks. The removed records [to, end) are still in memory: the
 * memory floor never passes a replica's log end (retain.ts). Below the log start offset, Kafka's truncateFullyAndStartAt
 * starts an empty log at `to`.
 */
export function truncateSegments(s: SimState, gp: number, to: number): void {
  const g = s.segments![gp]!;
  if (to < s.logStartOffset[gp]!) {
    s.logStartOffset[gp] = to;
    s.segments![gp] = { base: [to], bytes: [0], rollTs: [-1], maxTs: [-1], end: to };
    return;
  }
  let removed = 0;
  for (let o = to; o < g.end; o++) {
    const r = s.logs[gp]![o - s.logStart[gp]!];
    if (r) removed += recordBytes(s.model, r);
  }
  let last = g.base.length - 1;
  while (last > 0 && g.base[last]! >= to) {
    removed -= g.bytes[last]!;
    g.base.pop();
    g.bytes.pop();
    g.rollTs.pop();
    g.maxTs.pop();
    last--;
  }
  g.bytes[last] = Math.max(0, g.bytes[last]! - removed);
  g.end = Math.min(g.end, to);
  // The segment's largest timestamp stays (an upper bound: Kafka re-reads its time index). Its
  // records below the memory floor may be released (retain.ts), and the state must not depend
  // on what memory holds; a later deletion by time can only come later, never earlier.
  if (g.bytes[last] === 0) {
    g.rollTs[last] = -1;
    g.maxTs[last] = -1;
  }
}

/** Total bytes of a partition's segments from index `from` on. */
function sizeFrom(g: SegmentLog, from: number): number {
  let n = 0;
  for (let i = from; i < g.bytes.length; i++) n += g.bytes[i]!;
  return n;
}

/**
 * Kafka's deletableSegments: from segment `from`, how many (oldest first) pass `pred` and lie
 * wholly below the high watermark; an empty active segment never does.
 */
function deletable(
  s: SimState,
  gp: number,
  g: SegmentLog,
  from: number,
  pred: (i: number) => boolean,
): number {
  const n = g.base.length;
  let k = from;
  while (k < n) {
    const upper = k + 1 < n ? g.base[k + 1]! : s.leo[gp]!;
    const lastAndEmpty = k === n - 1 && g.bytes[k] === 0;
    if (s.hw[gp]! >= upper && !lastAndEmpty && pred(k)) k++;
    else break;
  }
  return k - from;
}

/** The retention check (LogManager.cleanupLogs): what each partition deletes, then the next check. */
export function retentionStep(s: SimState, t: number): SimEvent[] {
  const model = s.model;
  const rm = model.retention!;
  const out: SimEvent[] = [];
  for (let gp = 0; gp < model.gpTopic.length; gp++) {
    const cfg = rm.topics[model.gpTopic[gp]!]!;
    if (!cfg.delete) continue;
    const g = s.segments![gp]!;
    let first = 0;
    let rolled = false;
    const emit = (reason: SegmentsDeleted['reason'], count: number, limit: number) => {
      const all = first + count === g.base.length;
      let bytes = 0;
      for (let i = first; i < first + count; i++) bytes += g.bytes[i]!;
      out.push({
        type: 'segmentsDeleted',
        timeUs: t,
        topic: model.topics[model.gpTopic[gp]!]!.name,
        partition: model.gpPartition[gp]!,
        reason,
        limit,
        baseOffsets: g.base.slice(first, first + count),
        fromOffset: Math.max(s.logStartOffset[gp]!, g.base[first]!),
        logStartOffset: all ? s.leo[gp]! : g.base[first + count]!,
        bytes,
        rolled: all,
      });
      first += count;
      rolled = all;
    };
    if (cfg.retentionUs >= 0) {
      const n = deletable(s, gp, g, 0, (i) => t - g.maxTs[i]! > cfg.retentionUs);
      if (n > 0) emit('retention.ms', n, cfg.retentionMs);
    }
    if (cfg.retentionBytes >= 0 && !rolled) {
      let diff = sizeFrom(g, first) - cfg.retentionBytes;
      if (diff >= 0) {
        const n = deletable(s, gp, g, first, (i) => {
          if (diff - g.bytes[i]! < 0) return false;
          diff -= g.bytes[i]!;
          return true;
        });
        if (n > 0) emit('retention.bytes', n, cfg.retentionBytes);
      }
    }
  }
  out.push({ type: 'retentionChecked', timeUs: t, nextCheckUs: t + rm.checkIntervalUs });
  return out;
}

/** Applies a deletion: the segments go, the log start offset moves up. */
export function applySegmentsDeleted(s: SimState, gp: number, e: SegmentsDeleted): void {
  const g = s.segments![gp]!;
  const n = e.baseOffsets.length;
  if (g.base[0] !== e.baseOffsets[0] || n > g.base.length)
    throw new Error(
      `invariant: ${e.topic}-${e.partition} deletes segments from ${e.baseOffsets[0]}, its oldest is ${g.base[0]}`,
    );
  if (e.logStartOffset > s.hw[gp]!)
    throw new Error(
      `invariant: ${e.topic}-${e.partition} log start offset ${e.logStartOffset} above the high watermark ${s.hw[gp]}`,
    );
  if (e.rolled) {
    // deleteSegments: "we must always have at least one segment": a new empty active one.
    g.base.push(s.leo[gp]!);
    g.bytes.push(0);
    g.rollTs.push(-1);
    g.maxTs.push(-1);
  }
  g.base.splice(0, n);
  g.bytes.splice(0, n);
  g.rollTs.splice(0, n);
  g.maxTs.splice(0, n);
  if (e.logStartOffset > s.logStartOffset[gp]!) s.logStartOffset[gp] = e.logStartOffset;
}

/**
 * poll(): a fetch position below the log start offset is out of range (OFFSET_OUT_OF_RANGE);
 * auto.offset.reset moves it. Records between the position and the log start the group had
 * not processed were deleted before it read them: lost to it (an `offsetsSkipped` with reason
 * `retention`), and with latest the records it jumps over too (`auto.offset.reset=latest`).
 * Null when every position is in range.
 */
export function outOfRange(s: SimState, mi: number, t: number): SimEvent[] | null {
  if (!s.segments) return null;
  const m = s.members[mi]!;
  const mm = s.model.members[mi]!;
  const gm = s.model.groups[mm.group]!;
  const g = s.groups[mm.group]!;
  let out: SimEvent[] | null = null;
  for (const gp of m.assigned) {
    const pos = m.position.get(gp);
    const lso = s.logStartOffset[gp]!;
    if (pos === undefined || pos >= lso) continue;
    out ??= [];
    const tp = {
      topic: s.model.topics[s.model.gpTopic[gp]!]!.name,
      partition: s.model.gpPartition[gp]!,
    };
    const policy = gm.resetLatest ? 'latest' : 'earliest';
    const resetTo = gm.resetLatest ? s.hw[gp]! : lso;
    const who = { group: gm.id, member: mm.id };
    const done = g.processedEnd[gp]!;
    const reset = { position: pos, logStartOffset: lso, policy, resetTo } as const;
    if (lso > Math.max(pos, done))
      out.push(skipped(t, who, tp, Math.max(pos, done), lso, 'retention', reset));
    if (resetTo > Math.max(lso, done))
      out.push(
        skipped(t, who, tp, Math.max(lso, done), resetTo, 'auto.offset.reset=latest', reset),
      );
    const e: OffsetOutOfRange = {
      type: 'offsetOutOfRange',
      timeUs: t,
      ...who,
      ...tp,
      ...reset,
      // The reset asks the leader for the offset (ListOffsets): a round trip before the next fetch.
      wakeUs: t + gm.fetchLatencyUs,
    };
    out.push(e);
  }
  return out;
}

function skipped(
  t: number,
  who: { group: string; member: string },
  tp: Pick<FetchRange, 'topic' | 'partition'>,
  from: number,
  to: number,
  reason: OffsetsSkipped['reason'],
  outOfRange?: OffsetsSkipped['outOfRange'],
): OffsetsSkipped {
  return {
    type: 'offsetsSkipped',
    timeUs: t,
    ...who,
    ...tp,
    from,
    to,
    reason,
    ...(outOfRange ? { outOfRange } : {}),
  };
}

/**
 * SyncGroup for a group with no committed offset and auto.offset.reset=earliest: it starts at
 * the log start offset. Records already deleted below it were the group's to read (earliest
 * reads the whole log): lost to it, deleted before it read them. Null when none were deleted.
 */
export function startBelowLogStart(
  s: SimState,
  mi: number,
  gp: number,
  t: number,
): OffsetsSkipped | null {
  const lso = s.logStartOffset[gp]!;
  const mm = s.model.members[mi]!;
  const g = s.groups[mm.group]!;
  const done = g.processedEnd[gp]!;
  if (lso <= done) return null;
  return skipped(
    t,
    { group: s.model.groups[mm.group]!.id, member: mm.id },
    { topic: s.model.topics[s.model.gpTopic[gp]!]!.name, partition: s.model.gpPartition[gp]! },
    done,
    lso,
    'retention',
    { position: null, logStartOffset: lso, policy: 'earliest', resetTo: lso },
  );
}

/** Applies a reset: the member fetches from `resetTo` next, after the ListOffsets round trip. */
export function applyOffsetReset(s: SimState, mi: number, gp: number, e: OffsetOutOfRange): void {
  const m = s.members[mi]!;
  if (!m.position.has(gp)) return;
  m.position.set(gp, e.resetTo);
  m.dirty = true;
}
