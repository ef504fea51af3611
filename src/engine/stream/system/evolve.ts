/**
 * The only code that changes stream processing's state in a run.
 *
 * Sources followed (Apache Flink): WatermarkStrategy.forBoundedOutOfOrderness and
 * BoundedOutOfOrdernessWatermarks (each source partition emits maxTimestamp − bound − 1 on every
 * periodic emit, ExecutionConfig.autoWatermarkInterval, 200 ms by default, only when it rises);
 * the Kafka connector's per-partition watermarks, combined as WatermarkOutputMultiplexer /
 * StatusWatermarkValve do (the minimum over the active partitions, never going back; a partition
 * that sends nothing — never or no more — holds it back); WatermarksWithIdleness and its
 * IdlenessTimer (withIdleness(timeout): at a periodic emit with no record since the previous
 * one the inactivity starts; the partition is marked idle at the first periodic emit more than
 * the timeout later, and active again with its next record). A partition active again counts
 * once its watermark has caught up with the operator's (StatusWatermarkValve's alignment).
 * When every partition is idle the operator's watermark stays where it is.
 */
import type { RecordAppended, SimEvent } from '../../kafka/events';
import { eventOf } from '../../kafka/eventView';
import type { SimState } from '../../kafka/state';
import { StopRun } from '../windows';
import { boundedOutOfOrdernessWatermark } from '../windows/watermarks';
import type { StreamFact, StreamSimEvent } from './events';
import {
  patternJobActor,
  STREAM_JOB_MAX_INPUTS,
  STREAM_VIEW_HISTORY,
  windowJobActor,
  type PatternJobModel,
  type StreamSimModel,
  type WindowJobModel,
} from './model';
import {
  eplRuntime,
  feedEpl,
  feedWindow,
  pushShared,
  takeWindowOutputs,
  windowOperator,
  type EplInputFed,
  type PatternJobState,
  type StreamSimState,
  type WindowInputFed,
  type WindowJobState,
} from './state';
import { PatternRuntime } from '../eplPattern';

const INF = Number.POSITIVE_INFINITY;

const nowMsOf = (us: number) => Math.floor(us / 1000);

/** The first periodic emission at or after `t` (emissions at k × interval, k ≥ 1). */
function tickAtOrAfter(intervalUs: number, t: number): number {
  return Math.max(intervalUs, Math.ceil(t / intervalUs) * intervalUs);
}

/** When a partition becomes idle under withIdleness (IdlenessTimer.checkIfIdle), or ∞. */
export function idleAtUs(m: WindowJobModel, j: WindowJobState, p: number): number {
  if (m.idlenessUs < 0 || j.idle[p]) return INF;
  const I = m.intervalUs;
  const last = j.lastRecordUs[p]!;
  // The emission that sees no new record since the one before starts the inactivity.
  const start = last < 0 ? I : tickAtOrAfter(I, last) + I;
  return start + (Math.floor(m.idlenessUs / I) + 1) * I;
}

/** The periodic watermark a partition would emit now (−∞: none). */
export function partitionCandidate(m: WindowJobModel, j: WindowJobState, p: number): number {
  const max = j.maxTs[p]!;
  return Number.isFinite(max) ? boundedOutOfOrdernessWatermark(max, m.boundMs) : -INF;
}

/** The operator's watermark over partition watermarks, idleness and alignment (null: no rise). */
export function combinedWatermark(
  wm: readonly number[],
  idle: readonly boolean[],
  aligned: readonly boolean[],
  current: number,
  live: number = wm.length,
): number | null {
  let min = INF;
  let any = false;
  for (let p = 0; p < live; p++) {
    if (idle[p]) continue;
    if (!aligned[p] && wm[p]! < current) continue;
    any = true;
    if (wm[p]! < min) min = wm[p]!;
  }
  return any && Number.isFinite(min) && min > current ? min : null;
}

function windowWake(s: SimState, m: WindowJobModel, j: WindowJobState): number {
  const now = s.timeUs;
  if (j.outbox.length > 0) return now;
  if (j.stopped) return INF;
  let wake = INF;
  if (m.valid.eventTime) {
    const next = Math.max(tickAtOrAfter(m.intervalUs, now), j.lastTickUs + m.intervalUs);
    const live = Math.min(m.partitions, s.livePartitions[m.sourceTopic]!);
    for (let p = 0; p < live; p++) {
      if (!j.idle[p] && partitionCandidate(m, j, p) > j.partWm[p]!) wake = Math.min(wake, next);
      const idleAt = idleAtUs(m, j, p);
      if (idleAt < INF) wake = Math.min(wake, Math.max(idleAt, next));
    }
  }
  const pt = windowOperator(m, j).nextProcessingTimer();
  if (pt !== null) wake = Math.min(wake, Math.max(now, pt * 1000));
  return wake;
}

function patternWake(s: SimState, m: PatternJobModel, j: PatternJobState): number {
  if (j.outbox.length > 0) return s.timeUs;
  if (j.stopped) return INF;
  const due = eplRuntime(m, j).rt.nextDue();
  return due === null ? INF : Math.max(s.timeUs, due * 1000);
}

export function rescheduleWindow(s: SimState, sm: StreamSimModel, ji: number): void {
  const j = s.streams!.windows[ji]!;
  s.wake.set(windowJobActor(sm, ji), windowWake(s, sm.windows[ji]!, j));
}

export function reschedulePattern(s: SimState, sm: StreamSimModel, pi: number): void {
  const j = s.streams!.patterns[pi]!;
  s.wake.set(patternJobActor(sm, pi), patternWake(s, sm.patterns[pi]!, j));
}

function stopJob(st: StreamSimState, outbox: StreamFact[], job: string, message: string): void {
  outbox.push({ type: 'stream.jobStopped', job, message });
  st.counters.stoppedJobs++;
}

/** Feeds a window job one input and turns what its operator did into facts. */
function feedWindowJob(
  st: StreamSimState,
  m: WindowJobModel,
  j: WindowJobState,
  x: WindowInputFed,
  rec: { partition: number; offset: number } | null,
): void {
  if (j.stopped) return;
  if (j.inputs.n >= STREAM_JOB_MAX_INPUTS) {
    j.stopped = true;
    stopJob(st, j.outbox, m.id, `more than ${STREAM_JOB_MAX_INPUTS} inputs; the job stopped`);
    return;
  }
  const op = windowOperator(m, j);
  pushShared(j.inputs, x);
  let stoppedMessage: string | null = null;
  try {
    feedWindow(op, x);
  } catch (err) {
    if (!(err instanceof StopRun)) throw err;
    stoppedMessage = op.problems[op.problems.length - 1]?.message ?? 'a bound was reached';
  }
  const { results, trace } = takeWindowOutputs(op);
  op.problems.splice(0);
  let assigned: [number, number][] | null = null;
  let ri = 0;
  for (const t of trace) {
    if (t.type === 'added') {
      if (assigned === null && x.k === 'e' && rec !== null) {
        // Reported where it happened: before a late firing the element caused.
        assigned = [];
        j.outbox.push({
          type: 'stream.elementAssigned',
          job: m.id,
          partition: rec.partition,
          offset: rec.offset,
          key: x.key,
          timestamp: t.timestamp,
          windows: assigned,
        });
      }
      assigned?.push([t.window.start, t.window.end]);
    } else if (t.type === 'fired') {
      const r = results[ri++]!;
      j.outbox.push({
        type: 'stream.windowFired',
        job: m.id,
        key: r.key,
        start: r.window.start,
        end: r.window.end,
        value: r.value as number,
        count: r.count,
        timestamp: r.timestamp,
        late: r.late === true,
        alert: m.valid.condition === null || r.alert === true,
      });
    } else if (t.type === 'late' && rec !== null)
      j.outbox.push({
        type: 'stream.lateElement',
        job: m.id,
        partition: rec.partition,
        offset: rec.offset,
        key: t.key,
        timestamp: t.timestamp,
        lateBy: t.lateBy,
        outcome: t.outcome,
      });
  }
  if (x.k === 'e' && rec !== null) st.counters.elements++;
  if (stoppedMessage !== null) {
    j.stopped = true;
    stopJob(st, j.outbox, m.id, stoppedMessage);
  }
}

function isKey(v: unknown): v is string | number {
  return (
    (typeof v === 'string' && v.length <= 1000) || (typeof v === 'number' && Number.isFinite(v))
  );
}

function own(o: Record<string, unknown>, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** A record appended to a topic that stream jobs read (world.ts calls this after Kafka's evolve). */
export function streamRecordAppended(s: SimState, e: RecordAppended): void {
  const sm = s.model.streams;
  const st = s.streams;
  if (sm === null || st === null) return;
  const jobs = sm.topicJobs.get(e.topic);
  if (jobs === undefined) return;
  const payload = eventOf(s.model, e).payload;
  const nowMs = nowMsOf(e.timeUs);
  for (const ji of jobs) {
    if (ji < 0) {
      const pi = -1 - ji;
      const m = sm.patterns[pi]!;
      const j = st.patterns[pi]!;
      feedPatternJob(st, m, j, {
        k: 'e',
        ev: { type: e.eventType, time: nowMs, data: payload },
        eventId: e.eventId,
      });
      reschedulePattern(s, sm, pi);
      continue;
    }
    const m = sm.windows[ji]!;
    const j = st.windows[ji]!;
    const p = e.partition;
    if (j.stopped || p >= m.partitions) continue;
    j.lastRecordUs[p] = e.timeUs;
    if (j.idle[p]) {
      j.idle[p] = false;
      j.aligned[p] = j.partWm[p]! >= j.watermark;
    }
    const key = own(payload, m.valid.keyBy!);
    let num = Number.NaN;
    if (m.valid.fn !== 'count') {
      const v = m.valid.field === null ? undefined : own(payload, m.valid.field);
      num = typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
    }
    // A record without the key (or the aggregated number) is not an element of this job.
    if (!isKey(key) || (m.valid.fn !== 'count' && Number.isNaN(num))) {
      rescheduleWindow(s, sm, ji);
      continue;
    }
    const ts = e.eventTimeMs ?? nowMs;
    if (m.valid.eventTime) {
      if (ts > j.maxTs[p]!) j.maxTs[p] = ts;
    } else if (nowMs > windowOperator(m, j).processingTime)
      feedWindowJob(st, m, j, { k: 'p', t: nowMs }, null);
    feedWindowJob(
      st,
      m,
      j,
      { k: 'e', key, elem: { value: payload, num }, ts },
      {
        partition: p,
        offset: e.offset,
      },
    );
    rescheduleWindow(s, sm, ji);
  }
}

function feedPatternJob(
  st: StreamSimState,
  m: PatternJobModel,
  j: PatternJobState,
  x: EplInputFed,
): void {
  if (j.stopped) return;
  if (j.inputs.n >= STREAM_JOB_MAX_INPUTS) {
    j.stopped = true;
    stopJob(st, j.outbox, m.id, `more than ${STREAM_JOB_MAX_INPUTS} inputs; the job stopped`);
    return;
  }
  const { rt, ids } = eplRuntime(m, j);
  pushShared(j.inputs, x);
  feedEpl(rt, ids, x);
  j.nowMs = x.k === 'a' ? x.t : x.ev.time;
  if (rt instanceof PatternRuntime) {
    for (const mt of rt.matches.splice(0))
      j.outbox.push({
        type: 'stream.patternMatched',
        job: m.id,
        timeMs: mt.time,
        tags: [...mt.tags].map(([tag, ev]) => ({
          tag,
          eventId: ids.get(ev) ?? -1,
          eventType: ev.type,
        })),
      });
    if (rt.stopped) {
      j.stopped = true;
      stopJob(st, j.outbox, m.id, rt.problems[rt.problems.length - 1]?.message ?? 'stopped');
    }
  } else {
    for (const u of rt.updates.splice(0))
      j.outbox.push({
        type: 'stream.rowsEmitted',
        job: m.id,
        timeMs: u.time,
        insert: u.insert.map((row) => [...row]),
        remove: u.remove.length,
      });
    if (rt.stopped) {
      j.stopped = true;
      stopJob(st, j.outbox, m.id, rt.stopMessage ?? 'stopped');
    }
  }
}

function pushBounded<T>(list: T[], x: T): void {
  list.push(x);
  if (list.length > STREAM_VIEW_HISTORY) list.shift();
}

function popFact(outbox: StreamFact[], e: StreamSimEvent): void {
  const head = outbox.shift();
  if (head === undefined || head.type !== e.type)
    throw new Error(`invariant: ${e.type} reported, the job's next fact is ${head?.type}`);
}

export function evolveStreamSim(s: SimState, e: StreamSimEvent): void {
  s.timeUs = e.timeUs;
  const sm = s.model.streams;
  const st = s.streams;
  if (sm === null || st === null) throw new Error(`invariant: ${e.type} in a run without streams`);
  const wi = sm.windows.findIndex((w) => w.id === e.job);
  if (wi >= 0) evolveWindowJob(s, st, sm, wi, e);
  else {
    const pi = sm.patterns.findIndex((p) => p.id === e.job);
    if (pi < 0) throw new Error(`invariant: no stream job ${e.job}`);
    evolvePatternJob(s, st, sm, pi, e);
  }
}

function evolveWindowJob(
  s: SimState,
  st: StreamSimState,
  sm: StreamSimModel,
  wi: number,
  e: StreamSimEvent,
): void {
  const m = sm.windows[wi]!;
  const j = st.windows[wi]!;
  switch (e.type) {
    case 'stream.watermarkAdvanced':
      j.lastTickUs = e.timeUs;
      for (const c of e.partitions) {
        if (c.idle && !j.idle[c.partition]) {
          j.idle[c.partition] = true;
          j.aligned[c.partition] = false;
        }
        if (c.watermark !== null && c.watermark > j.partWm[c.partition]!) {
          j.partWm[c.partition] = c.watermark;
          if (c.watermark >= j.watermark) j.aligned[c.partition] = true;
        }
      }
      if (e.operator !== null) {
        j.watermark = e.operator;
        st.counters.watermarkAdvances++;
        feedWindowJob(st, m, j, { k: 'w', wm: e.operator }, null);
      }
      break;
    case 'stream.processingTimeAdvanced':
      feedWindowJob(st, m, j, { k: 'p', t: e.timeMs }, null);
      break;
    case 'stream.elementAssigned':
    case 'stream.jobStopped':
      popFact(j.outbox, e);
      break;
    case 'stream.windowFired':
      popFact(j.outbox, e);
      st.counters.windowsFired++;
      if (e.late) st.counters.lateFirings++;
      if (e.record !== null) st.counters.alerts++;
      pushBounded(j.fired, {
        key: e.key,
        start: e.start,
        end: e.end,
        value: e.value,
        count: e.count,
        late: e.late,
        alert: e.alert,
        timeUs: e.timeUs,
      });
      break;
    case 'stream.lateElement':
      popFact(j.outbox, e);
      if (e.outcome === 'dropped') st.counters.numLateRecordsDropped++;
      else st.counters.sideOutput++;
      pushBounded(j.late, {
        key: e.key,
        partition: e.partition,
        offset: e.offset,
        timestamp: e.timestamp,
        lateBy: e.lateBy,
        outcome: e.outcome,
        timeUs: e.timeUs,
      });
      break;
    default:
      throw new Error(`invariant: ${e.type} for window job ${m.id}`);
  }
  rescheduleWindow(s, sm, wi);
}

function evolvePatternJob(
  s: SimState,
  st: StreamSimState,
  sm: StreamSimModel,
  pi: number,
  e: StreamSimEvent,
): void {
  const m = sm.patterns[pi]!;
  const j = st.patterns[pi]!;
  switch (e.type) {
    case 'stream.eplTimeAdvanced':
      feedPatternJob(st, m, j, { k: 'a', t: e.timeMs });
      break;
    case 'stream.patternMatched':
      popFact(j.outbox, e);
      st.counters.matches++;
      pushBounded(j.matches, { timeMs: e.timeMs, tags: e.tags });
      break;
    case 'stream.rowsEmitted':
      popFact(j.outbox, e);
      st.counters.rows += e.insert.length;
      break;
    case 'stream.jobStopped':
      popFact(j.outbox, e);
      break;
    default:
      throw new Error(`invariant: ${e.type} for pattern job ${m.id}`);
  }
  reschedulePattern(s, sm, pi);
}

/** Work moves on with every fact but an emission that changed nothing. */
export function streamMovesWorkOn(e: StreamSimEvent): boolean {
  return !(
    e.type === 'stream.watermarkAdvanced' &&
    e.partitions.length === 0 &&
    e.operator === null
  );
}

export type { SimEvent };
