/**
 * Consumer lag status as Burrow evaluates it (issue 16, "Lag status per partition and group
 * following Burrow's evaluation rules").
 *
 * Followed: Burrow's wiki page "Consumer Lag Evaluation Rules" and its evaluator,
 * core/internal/evaluator/caching.go (`calculatePartitionStatus` and its rules; the version
 * with the broker-offset ring of PR #338), whose table of cases in caching_test.go the tests
 * replay. In short, for one partition of one group, over a window of the last `intervals`
 * commits (offset, time, lag when Burrow received it):
 * - current lag 0 → OK, whatever the history;
 * - STOP: the time since the last commit is greater than the window's span (last − first
 *   commit time), unless a recent broker offset shows the consumer was caught up;
 * - then, only when no commit in the window had lag 0: REWIND (an offset went backwards),
 *   STALL (the offset never changed), WARN (the lag never decreased from one commit to the next);
 * - otherwise OK.
 * A group's status is its worst partition's, where STOP, STALL and REWIND count as ERR.
 *
 * Burrow samples the brokers' offsets every `offset-refresh` (10 s by default) and keeps the last
 * `intervals` (10 by default) of them; a commit's lag is the last sampled broker offset minus the
 * committed offset (0 when the commit is ahead). Here the broker offset is the partition's
 * log-end offset in the run.
 */
import type { InsightEvent } from './events';
import { EventNormalizer } from './normalize';

export type BurrowStatus = 'OK' | 'WARN' | 'STOP' | 'STALL' | 'REWIND';
export type BurrowGroupStatus = 'OK' | 'WARN' | 'ERR';

/** A commit as Burrow stores it: the committed offset, when (ms), and the lag then. */
export interface BurrowOffset {
  offset: number;
  timestampMs: number;
  lag: number;
}

/** Which rule decided, for the explanation. */
export type BurrowRule =
  | 'noLag'
  | 'noCommits'
  | 'stopped'
  | 'recentlyCaughtUp'
  | 'lagZeroInWindow'
  | 'rewind'
  | 'stalled'
  | 'lagNotDecreasing'
  | 'lagDecreased';

export interface BurrowPartitionResult {
  status: BurrowStatus;
  rule: BurrowRule;
}

/** Rule 1: no commit in the window had lag 0. */
function lagAlwaysNotZero(offsets: readonly BurrowOffset[]): boolean {
  return offsets.every((o) => o.lag !== 0);
}

/** Rule 2: an offset is below the one before it. */
function offsetsRewind(offsets: readonly BurrowOffset[]): boolean {
  for (let i = 1; i < offsets.length; i++)
    if (offsets[i]!.offset < offsets[i - 1]!.offset) return true;
  return false;
}

/** Rule 3: now − last commit > last commit − first commit. */
function offsetsStopped(offsets: readonly BurrowOffset[], nowMs: number): boolean {
  const first = offsets[0]!.timestampMs;
  const last = offsets[offsets.length - 1]!.timestampMs;
  return nowMs - last > last - first;
}

/** Rule 4: the committed offset never changed. */
function offsetsStalled(offsets: readonly BurrowOffset[]): boolean {
  for (let i = 1; i < offsets.length; i++)
    if (offsets[i]!.offset !== offsets[i - 1]!.offset) return false;
  return true;
}

/** Rule 5: the lag never went down from one commit to the next. */
function lagNotDecreasing(offsets: readonly BurrowOffset[]): boolean {
  for (let i = 1; i < offsets.length; i++) if (offsets[i]!.lag < offsets[i - 1]!.lag) return false;
  return true;
}

/** A broker offset in the ring at or below the last commit: the consumer was caught up lately. */
function recentLagZero(
  offsets: readonly BurrowOffset[],
  brokerOffsets: readonly number[],
): boolean {
  const last = offsets[offsets.length - 1]!.offset;
  return brokerOffsets.some((b) => b <= last);
}

/** One partition's status, by Burrow's rules in Burrow's order. */
export function burrowPartitionStatus(
  offsets: readonly BurrowOffset[],
  brokerOffsets: readonly number[],
  currentLag: number,
  nowMs: number,
): BurrowPartitionResult {
  if (offsets.length === 0) return { status: 'OK', rule: 'noCommits' };
  if (currentLag <= 0) return { status: 'OK', rule: 'noLag' };
  if (offsetsStopped(offsets, nowMs)) {
    if (!recentLagZero(offsets, brokerOffsets)) return { status: 'STOP', rule: 'stopped' };
  }
  if (!lagAlwaysNotZero(offsets)) return { status: 'OK', rule: 'lagZeroInWindow' };
  if (offsetsRewind(offsets)) return { status: 'REWIND', rule: 'rewind' };
  if (offsetsStalled(offsets)) return { status: 'STALL', rule: 'stalled' };
  if (lagNotDecreasing(offsets)) return { status: 'WARN', rule: 'lagNotDecreasing' };
  return {
    status: 'OK',
    rule: offsetsStopped(offsets, nowMs) ? 'recentlyCaughtUp' : 'lagDecreased',
  };
}

/** STOP, STALL and REWIND are errors for the group as a whole. */
export function burrowGroupStatus(statuses: Iterable<BurrowStatus>): BurrowGroupStatus {
  let out: BurrowGroupStatus = 'OK';
  for (const s of statuses) {
    if (s === 'WARN') out = out === 'OK' ? 'WARN' : out;
    else if (s !== 'OK') return 'ERR';
  }
  return out;
}

export interface BurrowOptions {
  /** Commits kept per partition (Burrow's storage `intervals`, default 10). */
  intervals?: number;
  /** How often the brokers' offsets are sampled, ms (Burrow's `offset-refresh`, default 10 s). */
  offsetRefreshMs?: number;
  /**
   * A commit sooner than this after the last one stored replaces it, keeping the stored time
   * (Burrow's storage `min-distance`, default 1 s), so fast committers still span a window.
   */
  minDistanceMs?: number;
}

export interface BurrowPartition {
  topic: string;
  partition: number;
  status: BurrowStatus;
  rule: BurrowRule;
  /** Log-end offset (last sampled) minus the last committed offset. */
  currentLag: number;
  /** The window's commits, oldest first. */
  offsets: BurrowOffset[];
  /** The window's share of `intervals` that holds commits (Burrow's `complete`). */
  complete: number;
}

export interface BurrowGroup {
  group: string;
  status: BurrowGroupStatus;
  totalLag: number;
  /** The partition with the largest current lag. */
  maxLag: BurrowPartition | null;
  partitions: BurrowPartition[];
}

interface PartitionTrack {
  topic: string;
  partition: number;
  offsets: BurrowOffset[];
}

const NUL = '\u0000';

/**
 * Every group's Burrow status at `atUs` of a run (events in log order; those after `atUs` are
 * ignored). Work is linear in the events read plus the broker samples taken, which are bounded
 * by the run's length over `offsetRefreshMs` (at least 1 ms apart).
 */
export function burrowFromEvents(
  events: readonly InsightEvent[],
  atUs: number,
  opts: BurrowOptions = {},
): BurrowGroup[] {
  const intervals = Math.max(1, Math.min(1000, Math.floor(opts.intervals ?? 10)));
  const refreshUs = Math.max(1000, Math.round((opts.offsetRefreshMs ?? 10_000) * 1000));
  const minDistanceMs = Math.max(0, opts.minDistanceMs ?? 1000);
  const normalizer = new EventNormalizer();
  /** Live log-end offsets, and the ring of sampled ones, per topic-partition. */
  const leo = new Map<string, number>();
  const sampled = new Map<string, number>();
  const ring = new Map<string, number[]>();
  const groups = new Map<string, Map<string, PartitionTrack>>();
  let nextSampleUs = 0;

  const sampleUpTo = (tUs: number) => {
    // Samples at 0, refresh, 2·refresh… each sees the offsets of the events before it.
    while (nextSampleUs <= tUs) {
      for (const [k, v] of leo) {
        sampled.set(k, v);
        let r = ring.get(k);
        if (!r) ring.set(k, (r = []));
        r.push(v);
        if (r.length > intervals) r.shift();
      }
      nextSampleUs += refreshUs;
    }
  };

  for (const raw of events) {
    if (raw.timeUs > atUs) break;
    sampleUpTo(raw.timeUs - 1);
    for (const e of normalizer.expand(raw)) {
      if (e.type === 'recordAppended') {
        const k = e.topic + NUL + e.partition;
        leo.set(k, Math.max(leo.get(k) ?? 0, e.offset + 1));
      } else if (e.type === 'logTruncated') {
        const k = e.topic + NUL + e.partition;
        const cur = leo.get(k) ?? 0;
        if (e.toOffset >= cur) leo.set(k, Math.min(cur, e.fromOffset));
      } else if (e.type === 'offsetsCommitted') {
        let g = groups.get(e.group);
        if (!g) groups.set(e.group, (g = new Map()));
        for (const c of e.offsets) {
          const k = c.topic + NUL + c.partition;
          let t = g.get(k);
          if (!t) g.set(k, (t = { topic: c.topic, partition: c.partition, offsets: [] }));
          // The partition exists (Burrow learns it from the metadata), maybe empty; a commit
          // before Burrow's first fetch of its broker offset is dropped.
          if (!leo.has(k)) leo.set(k, 0);
          const broker = sampled.get(k);
          if (broker === undefined) continue;
          const entry = {
            offset: c.offset,
            timestampMs: e.timeUs / 1000,
            lag: Math.max(0, broker - c.offset),
          };
          const last = t.offsets[t.offsets.length - 1];
          if (last && entry.timestampMs - last.timestampMs < minDistanceMs) {
            entry.timestampMs = last.timestampMs;
            t.offsets[t.offsets.length - 1] = entry;
          } else {
            t.offsets.push(entry);
            if (t.offsets.length > intervals) t.offsets.shift();
          }
        }
      }
    }
  }
  sampleUpTo(atUs);

  const out: BurrowGroup[] = [];
  const nowMs = atUs / 1000;
  for (const [group, parts] of groups) {
    const partitions: BurrowPartition[] = [];
    for (const [k, t] of parts) {
      if (t.offsets.length === 0) continue;
      const last = t.offsets[t.offsets.length - 1]!;
      const currentLag = Math.max(0, (sampled.get(k) ?? 0) - last.offset);
      const r = burrowPartitionStatus(t.offsets, ring.get(k) ?? [], currentLag, nowMs);
      partitions.push({
        topic: t.topic,
        partition: t.partition,
        status: r.status,
        rule: r.rule,
        currentLag,
        offsets: t.offsets.slice(),
        complete: t.offsets.length / intervals,
      });
    }
    partitions.sort((a, b) =>
      a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
    );
    let maxLag: BurrowPartition | null = null;
    let totalLag = 0;
    for (const p of partitions) {
      totalLag += p.currentLag;
      if (!maxLag || p.currentLag > maxLag.currentLag) maxLag = p;
    }
    out.push({
      group,
      status: burrowGroupStatus(partitions.map((p) => p.status)),
      totalLag,
      maxLag,
      partitions,
    });
  }
  out.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  return out;
}
