/**
 * Stream processing's part of the simulation state.
 *
 * State = fold(events): a job's operator (WindowOperator, or Esper's pattern / statement runtime)
 * is a mutable object, so the state keeps the list of inputs the job was fed (elements,
 * watermarks, time advances) and the operator built from them. A clone (a timeline snapshot)
 * shares that list copy-on-write and leaves the operator out; it is rebuilt by replaying the
 * inputs the first time it is needed (`windowOperator`, `eplRuntime`), the very calls the run
 * made, so the rebuilt operator is the one the run had.
 */
import { PatternRuntime, type EplEvent } from '../eplPattern';
import { StatementRuntime } from '../eplStatement';
import { StopRun, WindowOperator, type Elem } from '../windows';
import type { StreamFact } from './events';
import type { PatternJobModel, StreamSimModel, WindowJobModel } from './model';

export type WindowInputFed =
  | { k: 'e'; key: string | number; elem: Elem; ts: number }
  | { k: 'w'; wm: number }
  | { k: 'p'; t: number };

export type EplInputFed = { k: 'a'; t: number } | { k: 'e'; ev: EplEvent; eventId: number };

/** An append-only list shared by clones: each holder knows its own length (copy-on-write). */
export interface SharedLog<T> {
  items: T[];
  n: number;
}

export function pushShared<T>(log: SharedLog<T>, x: T): void {
  if (log.items.length !== log.n) log.items = log.items.slice(0, log.n);
  log.items.push(x);
  log.n++;
}

export interface FiredView {
  key: string | number;
  start: number;
  end: number;
  value: number;
  count: number;
  late: boolean;
  alert: boolean;
  timeUs: number;
}

export interface LateView {
  key: string | number;
  partition: number;
  offset: number;
  timestamp: number;
  lateBy: number;
  outcome: 'dropped' | 'sideOutput';
  timeUs: number;
}

export interface WindowJobState {
  inputs: SharedLog<WindowInputFed>;
  /** null in a clone until rebuilt. */
  op: WindowOperator | null;
  stopped: boolean;
  /** Per source partition: the highest event timestamp seen (−∞: none). */
  maxTs: number[];
  /** Per partition: the last watermark emitted (−∞: none yet). */
  partWm: number[];
  idle: boolean[];
  /** StatusWatermarkValve's alignment: an idle partition that became active again counts once
   *  its watermark has caught up with the operator's. */
  aligned: boolean[];
  /** Per partition: the sim time of its last record (−1: none). */
  lastRecordUs: number[];
  /** The operator's watermark (−∞: none). */
  watermark: number;
  /** The last periodic watermark emission (µs; −1: none yet). */
  lastTickUs: number;
  /** Facts the operator produced that the job's actor has not reported yet. */
  outbox: StreamFact[];
  fired: FiredView[];
  late: LateView[];
}

export interface PatternJobState {
  inputs: SharedLog<EplInputFed>;
  rt: PatternRuntime | StatementRuntime | null;
  /** Source record event ids of the events the runtime holds (rebuilt with it). */
  ids: WeakMap<EplEvent, number> | null;
  stopped: boolean;
  /** Esper's clock (ms). */
  nowMs: number;
  outbox: StreamFact[];
  matches: { timeMs: number; tags: { tag: string; eventId: number; eventType: string }[] }[];
}

export interface StreamCounters {
  elements: number;
  windowsFired: number;
  lateFirings: number;
  numLateRecordsDropped: number;
  sideOutput: number;
  alerts: number;
  watermarkAdvances: number;
  matches: number;
  rows: number;
  stoppedJobs: number;
}

export interface StreamSimState {
  windows: WindowJobState[];
  patterns: PatternJobState[];
  counters: StreamCounters;
}

const NEG = Number.NEGATIVE_INFINITY;

export function initialStreamSimState(m: StreamSimModel): StreamSimState {
  return {
    windows: m.windows.map((w) => ({
      inputs: { items: [], n: 0 },
      op: new WindowOperator(w.valid),
      stopped: false,
      maxTs: new Array<number>(w.partitions).fill(NEG),
      partWm: new Array<number>(w.partitions).fill(NEG),
      idle: new Array<boolean>(w.partitions).fill(false),
      aligned: new Array<boolean>(w.partitions).fill(true),
      lastRecordUs: new Array<number>(w.partitions).fill(-1),
      watermark: NEG,
      lastTickUs: -1,
      outbox: [],
      fired: [],
      late: [],
    })),
    patterns: m.patterns.map((p) => ({
      inputs: { items: [], n: 0 },
      rt: newRuntime(p),
      ids: new WeakMap(),
      stopped: false,
      nowMs: 0,
      outbox: [],
      matches: [],
    })),
    counters: {
      elements: 0,
      windowsFired: 0,
      lateFirings: 0,
      numLateRecordsDropped: 0,
      sideOutput: 0,
      alerts: 0,
      watermarkAdvances: 0,
      matches: 0,
      rows: 0,
      stoppedJobs: 0,
    },
  };
}

function newRuntime(p: PatternJobModel): PatternRuntime | StatementRuntime {
  return p.statement.kind === 'pattern'
    ? new PatternRuntime(p.statement.pattern, 0)
    : new StatementRuntime(p.statement);
}

/** Feeds one input to a window operator; its outputs stay in the operator until taken. */
export function feedWindow(op: WindowOperator, x: WindowInputFed): void {
  if (x.k === 'e') op.processElement(x.key, x.elem, x.ts);
  else if (x.k === 'w') op.processWatermark(x.wm);
  else op.advanceProcessingTime(x.t);
}

/** Feeds one input to an Esper runtime. */
export function feedEpl(
  rt: PatternRuntime | StatementRuntime,
  ids: WeakMap<EplEvent, number>,
  x: EplInputFed,
): void {
  if (x.k === 'a') {
    rt.advance(x.t);
    return;
  }
  ids.set(x.ev, x.eventId);
  rt.advance(x.ev.time);
  if (rt instanceof PatternRuntime && rt.done) return;
  rt.onEvent(x.ev);
}

/** The job's operator, rebuilt from its inputs in a clone. */
export function windowOperator(m: WindowJobModel, j: WindowJobState): WindowOperator {
  if (j.op !== null) return j.op;
  const op = new WindowOperator(m.valid);
  try {
    for (let i = 0; i < j.inputs.n; i++) {
      feedWindow(op, j.inputs.items[i]!);
      takeWindowOutputs(op);
    }
  } catch (err) {
    if (!(err instanceof StopRun)) throw err;
  }
  takeWindowOutputs(op);
  j.op = op;
  return op;
}

export function takeWindowOutputs(op: WindowOperator) {
  return {
    results: op.results.splice(0),
    sideOutput: op.sideOutput.splice(0),
    trace: op.trace.splice(0),
  };
}

/** The job's Esper runtime, rebuilt from its inputs in a clone. */
export function eplRuntime(
  m: PatternJobModel,
  j: PatternJobState,
): { rt: PatternRuntime | StatementRuntime; ids: WeakMap<EplEvent, number> } {
  if (j.rt !== null && j.ids !== null) return { rt: j.rt, ids: j.ids };
  const rt = newRuntime(m);
  const ids = new WeakMap<EplEvent, number>();
  for (let i = 0; i < j.inputs.n; i++) {
    feedEpl(rt, ids, j.inputs.items[i]!);
    // As the run took them: after every input (the runtime's bounds count what it holds).
    if (rt instanceof PatternRuntime) rt.matches.splice(0);
    else rt.updates.splice(0);
  }
  j.rt = rt;
  j.ids = ids;
  return { rt, ids };
}

export function cloneStreamSimState(s: StreamSimState): StreamSimState {
  return {
    windows: s.windows.map((w) => ({
      ...w,
      inputs: { items: w.inputs.items, n: w.inputs.n },
      op: null,
      maxTs: w.maxTs.slice(),
      partWm: w.partWm.slice(),
      idle: w.idle.slice(),
      aligned: w.aligned.slice(),
      lastRecordUs: w.lastRecordUs.slice(),
      outbox: w.outbox.slice(),
      fired: w.fired.slice(),
      late: w.late.slice(),
    })),
    patterns: s.patterns.map((p) => ({
      ...p,
      inputs: { items: p.inputs.items, n: p.inputs.n },
      rt: null,
      ids: null,
      outbox: p.outbox.slice(),
      matches: p.matches.slice(),
    })),
    counters: { ...s.counters },
  };
}

/** Plain data for state equality (digest.ts): everything but the operators themselves. */
export function streamDigestState(s: StreamSimState): unknown {
  return {
    windows: s.windows.map((w) => ({
      inputs: w.inputs.n,
      stopped: w.stopped,
      maxTs: w.maxTs,
      partWm: w.partWm,
      idle: w.idle,
      aligned: w.aligned,
      lastRecordUs: w.lastRecordUs,
      watermark: w.watermark,
      lastTickUs: w.lastTickUs,
      outbox: w.outbox,
      fired: w.fired,
      late: w.late,
    })),
    patterns: s.patterns.map((p) => ({
      inputs: p.inputs.n,
      stopped: p.stopped,
      nowMs: p.nowMs,
      outbox: p.outbox,
      matches: p.matches,
    })),
    counters: s.counters,
  };
}
