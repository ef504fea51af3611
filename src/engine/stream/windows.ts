/**
 * Flink's keyed window operator as a pure function: runWindows(spec, inputs).
 *
 * Sources followed (Apache Flink, flink-streaming-java):
 * - runtime/operators/windowing/WindowOperator.java: processElement (isSkippedElement, isWindowLate,
 *   isElementLate, side output or numLateRecordsDropped only when no window accepted the element),
 *   onEventTime / onProcessingTime (fire, purge, clearAllState at the cleanup time), cleanupTime =
 *   maxTimestamp + allowedLateness for event time and maxTimestamp for processing time,
 *   registerCleanupTimer / deleteCleanupTimer, emitWindowContents (output timestamp maxTimestamp).
 * - runtime/operators/windowing/MergingWindowSet.java: addWindow (mapping from windows to state
 *   windows, merge function: trigger onMerge, clear merged windows' triggers and cleanup timers,
 *   merge state namespaces), retireWindow, getStateWindow.
 * - api/windowing/triggers/EventTimeTrigger.java (fire immediately when maxTimestamp <= watermark,
 *   otherwise a timer at maxTimestamp; onMerge re-registers when maxTimestamp > watermark),
 *   ProcessingTimeTrigger.java, CountTrigger.java (fire and reset at maxCount, merge counts),
 *   PurgingTrigger.java (FIRE becomes FIRE_AND_PURGE).
 * - InternalTimerServiceImpl.advanceWatermark: currentWatermark is set first, then every timer with
 *   timestamp <= watermark fires (timers are unique per key, window and timestamp).
 * - Docs: "Windows" page of the Flink DataStream docs, sections Allowed Lateness and Getting late
 *   data as a side output.
 * Replayed cases: WindowOperatorTest (see windows.test.ts).
 *
 * Deliberate choices where Flink leaves things open: timers with equal timestamps fire in
 * registration order (Flink's heap leaves ties unordered; its tests compare sorted output);
 * processing time starts at 0; a watermark not above the current one is ignored (as Flink's
 * StatusWatermarkValve never forwards a non-increasing watermark).
 */
import { TimerHeap } from './windows/heap';
import {
  WINDOW_LIMITS,
  isTime,
  testCondition,
  validateSpec,
  type ElementInput,
  type TriggerSpec,
  type ValidSpec,
  type WindowKey,
  type WindowProblem,
} from './windows/spec';
import {
  assignWindows,
  intersects,
  maxTimestamp,
  mergeWindows,
  windowId,
  type TimeWindow,
} from './windows/timeWindow';

export * from './windows/spec';
export * from './windows/timeWindow';
export * from './windows/watermarks';

export interface WindowResult {
  readonly key: WindowKey;
  /** The aggregate (a number, or the list of element values for fn 'list'). */
  readonly value: number | unknown[];
  /** Output timestamp: the window's maxTimestamp() = end - 1. */
  readonly timestamp: number;
  readonly window: TimeWindow;
  /** Elements in the window contents at this firing. */
  readonly count: number;
  /** A late firing: an element arrived after the watermark passed maxTimestamp, within allowedLateness. */
  readonly late?: true;
  /** The spec's condition held for this result. */
  readonly alert?: true;
  /** Index of the input (element, watermark or processing time) that caused the firing. */
  readonly input: number;
}

export interface LateElement {
  readonly key: WindowKey;
  readonly value: unknown;
  readonly timestamp: number;
  readonly input: number;
  /** currentWatermark - timestamp at arrival. */
  readonly lateBy: number;
}

export type WindowTraceEvent =
  | { readonly type: 'watermark'; readonly input: number; readonly watermark: number }
  | { readonly type: 'processingTime'; readonly input: number; readonly time: number }
  | {
      readonly type: 'created';
      readonly input: number;
      readonly key: WindowKey;
      readonly window: TimeWindow;
    }
  | {
      readonly type: 'added';
      readonly input: number;
      readonly key: WindowKey;
      readonly window: TimeWindow;
      readonly timestamp: number;
    }
  | {
      readonly type: 'merged';
      readonly input: number;
      readonly key: WindowKey;
      readonly window: TimeWindow;
      readonly from: TimeWindow[];
    }
  | {
      readonly type: 'fired';
      readonly input: number;
      readonly key: WindowKey;
      readonly window: TimeWindow;
      readonly late: boolean;
      readonly count: number;
    }
  | {
      readonly type: 'purged';
      readonly input: number;
      readonly key: WindowKey;
      readonly window: TimeWindow;
    }
  | {
      readonly type: 'cleanedUp';
      readonly input: number;
      readonly key: WindowKey;
      readonly window: TimeWindow;
      /** The cleanup time: maxTimestamp + allowedLateness (event time) or maxTimestamp. */
      readonly at: number;
    }
  | {
      readonly type: 'late';
      readonly input: number;
      readonly key: WindowKey;
      readonly timestamp: number;
      readonly lateBy: number;
      readonly outcome: 'dropped' | 'sideOutput';
    };

export interface WindowsRun {
  readonly results: WindowResult[];
  readonly sideOutput: LateElement[];
  readonly counters: { readonly numLateRecordsDropped: number };
  readonly trace: WindowTraceEvent[];
  /** The operator's watermark at the end (null: none received). */
  readonly watermark: number | null;
  readonly processingTime: number;
  /** Spec problems (then nothing ran) and skipped inputs. */
  readonly problems: WindowProblem[];
  /** Set when a bound stopped the run at this input index. */
  readonly stoppedAt?: number;
}

/** An element's value, and the number the aggregate reads from it (NaN for count and list). */
export interface Elem {
  readonly value: unknown;
  readonly num: number;
}

/** A live window of one key, with its contents (for views). */
export interface LiveWindow {
  readonly key: WindowKey;
  readonly window: TimeWindow;
  /** The window's state (for a merged session: its state window's contents); [] when purged. */
  readonly contents: readonly Elem[];
}

interface Timer {
  readonly ts: number;
  readonly seq: number;
  readonly id: string;
  readonly keyId: string;
  readonly window: TimeWindow;
}

interface KeyState {
  readonly key: WindowKey;
  /** Window contents by state-window id (absent = Flink's null state). */
  readonly contents: Map<string, Elem[]>;
  /** CountTrigger's per-window count state. */
  readonly counts: Map<string, number>;
  /** MergingWindowSet mapping: window id -> (window, state window). Only for session windows. */
  readonly mapping: Map<string, { window: TimeWindow; stateWindow: TimeWindow }>;
  /** Windows created and not yet cleaned up or merged away (for the trace and the bound). */
  readonly live: Map<string, TimeWindow>;
}

interface TR {
  readonly fire: boolean;
  readonly purge: boolean;
}
const CONTINUE: TR = { fire: false, purge: false };
const FIRE: TR = { fire: true, purge: false };
const FIRE_AND_PURGE: TR = { fire: true, purge: true };

/** Thrown when a bound is reached; the run (or a job in a simulation run) stops there. */
export class StopRun extends Error {}

function keyIdOf(k: WindowKey): string {
  return typeof k === 'number' ? `n:${k}` : `s:${k}`;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function ownField(o: Record<string, unknown>, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/**
 * WindowOperator itself, incremental: feed elements, watermarks and processing time as they
 * happen (runWindows below does it over a list; a simulation run does it as records arrive:
 * stream/system/). Outputs accumulate in `results`, `sideOutput` and `trace` until taken.
 * A breached bound throws StopRun.
 */
export class WindowOperator {
  readonly results: WindowResult[] = [];
  readonly sideOutput: LateElement[] = [];
  readonly trace: WindowTraceEvent[] = [];
  readonly problems: WindowProblem[] = [];
  numLateRecordsDropped = 0;
  watermark = Number.NEGATIVE_INFINITY;
  processingTime = 0;
  input = 0;
  private assignments = 0;
  private scanned = 0;
  private seq = 0;
  private readonly keys = new Map<string, KeyState>();
  private readonly eventTimers = new Map<string, Timer>();
  private readonly procTimers = new Map<string, Timer>();
  private readonly eventHeap = new TimerHeap<Timer>();
  private readonly procHeap = new TimerHeap<Timer>();
  private readonly merging: boolean;

  constructor(private readonly spec: ValidSpec) {
    this.merging = spec.assigner.type === 'session';
  }

  // ---- timers (InternalTimerService) ----
  private timerId(keyId: string, w: TimeWindow, ts: number): string {
    return `${keyId}|${windowId(w)}|${ts}`;
  }
  private register(eventTime: boolean, keyId: string, w: TimeWindow, ts: number): void {
    const map = eventTime ? this.eventTimers : this.procTimers;
    const id = this.timerId(keyId, w, ts);
    if (map.has(id)) return;
    const t: Timer = { ts, seq: this.seq++, id, keyId, window: w };
    map.set(id, t);
    (eventTime ? this.eventHeap : this.procHeap).push(t);
  }
  private unregister(eventTime: boolean, keyId: string, w: TimeWindow, ts: number): void {
    (eventTime ? this.eventTimers : this.procTimers).delete(this.timerId(keyId, w, ts));
  }

  // ---- window bookkeeping ----
  private cleanupTime(w: TimeWindow): number {
    return this.spec.eventTime ? maxTimestamp(w) + this.spec.allowedLateness : maxTimestamp(w);
  }
  private isWindowLate(w: TimeWindow): boolean {
    return this.spec.eventTime && this.cleanupTime(w) <= this.watermark;
  }
  private isElementLate(ts: number): boolean {
    return this.spec.eventTime && ts + this.spec.allowedLateness <= this.watermark;
  }
  private isCleanupTime(w: TimeWindow, time: number): boolean {
    return time === this.cleanupTime(w);
  }
  private registerCleanupTimer(keyId: string, w: TimeWindow): void {
    this.register(this.spec.eventTime, keyId, w, this.cleanupTime(w));
  }
  private deleteCleanupTimer(keyId: string, w: TimeWindow): void {
    this.unregister(this.spec.eventTime, keyId, w, this.cleanupTime(w));
  }

  // ---- triggers (EventTimeTrigger, ProcessingTimeTrigger, CountTrigger, PurgingTrigger) ----
  private onElement(t: TriggerSpec, ks: KeyState, keyId: string, w: TimeWindow): TR {
    switch (t.type) {
      case 'eventTime':
        if (maxTimestamp(w) <= this.watermark) return FIRE;
        this.register(true, keyId, w, maxTimestamp(w));
        return CONTINUE;
      case 'processingTime':
        this.register(false, keyId, w, maxTimestamp(w));
        return CONTINUE;
      case 'count': {
        const id = windowId(w);
        const c = (ks.counts.get(id) ?? 0) + 1;
        if (c >= t.count) {
          ks.counts.delete(id);
          return FIRE;
        }
        ks.counts.set(id, c);
        return CONTINUE;
      }
      case 'purging': {
        const r = this.onElement(t.trigger, ks, keyId, w);
        return r.fire ? FIRE_AND_PURGE : r;
      }
    }
  }
  private onTimer(t: TriggerSpec, eventTime: boolean, time: number, w: TimeWindow): TR {
    switch (t.type) {
      case 'eventTime':
        return eventTime && time === maxTimestamp(w) ? FIRE : CONTINUE;
      case 'processingTime':
        return eventTime ? CONTINUE : FIRE;
      case 'count':
        return CONTINUE;
      case 'purging': {
        const r = this.onTimer(t.trigger, eventTime, time, w);
        return r.fire ? FIRE_AND_PURGE : r;
      }
    }
  }
  private triggerClear(t: TriggerSpec, ks: KeyState, keyId: string, w: TimeWindow): void {
    switch (t.type) {
      case 'eventTime':
        this.unregister(true, keyId, w, maxTimestamp(w));
        return;
      case 'processingTime':
        this.unregister(false, keyId, w, maxTimestamp(w));
        return;
      case 'count':
        ks.counts.delete(windowId(w));
        return;
      case 'purging':
        this.triggerClear(t.trigger, ks, keyId, w);
        return;
    }
  }
  private triggerOnMerge(
    t: TriggerSpec,
    ks: KeyState,
    keyId: string,
    w: TimeWindow,
    merged: TimeWindow[],
  ): void {
    switch (t.type) {
      case 'eventTime':
        if (maxTimestamp(w) > this.watermark) this.register(true, keyId, w, maxTimestamp(w));
        return;
      case 'processingTime':
        if (maxTimestamp(w) > this.processingTime) this.register(false, keyId, w, maxTimestamp(w));
        return;
      case 'count': {
        // mergePartitionedState: the target's count plus every merged window's count.
        const ids = new Set([windowId(w), ...merged.map(windowId)]);
        let total = 0;
        for (const id of ids) {
          total += ks.counts.get(id) ?? 0;
          ks.counts.delete(id);
        }
        if (total > 0) ks.counts.set(windowId(w), total);
        return;
      }
      case 'purging':
        this.triggerOnMerge(t.trigger, ks, keyId, w, merged);
        return;
    }
  }

  // ---- output ----
  private emit(ks: KeyState, w: TimeWindow, contents: Elem[], late: boolean): void {
    const value = this.aggregate(contents);
    const alert =
      this.spec.condition !== null &&
      typeof value === 'number' &&
      testCondition(this.spec.condition, value);
    this.results.push({
      key: ks.key,
      value,
      timestamp: maxTimestamp(w),
      window: w,
      count: contents.length,
      ...(late ? { late: true as const } : {}),
      ...(alert ? { alert: true as const } : {}),
      input: this.input,
    });
    this.trace.push({
      type: 'fired',
      input: this.input,
      key: ks.key,
      window: w,
      late,
      count: contents.length,
    });
  }
  private aggregate(contents: Elem[]): number | unknown[] {
    switch (this.spec.fn) {
      case 'count':
        return contents.length;
      case 'sum':
        return contents.reduce((a, e) => a + e.num, 0);
      case 'min':
        return contents.reduce((a, e) => Math.min(a, e.num), Number.POSITIVE_INFINITY);
      case 'max':
        return contents.reduce((a, e) => Math.max(a, e.num), Number.NEGATIVE_INFINITY);
      case 'avg':
        return contents.reduce((a, e) => a + e.num, 0) / contents.length;
      case 'list':
        return contents.map((e) => e.value);
    }
  }

  private keyState(key: WindowKey): KeyState {
    const id = keyIdOf(key);
    let ks = this.keys.get(id);
    if (ks === undefined) {
      ks = { key, contents: new Map(), counts: new Map(), mapping: new Map(), live: new Map() };
      this.keys.set(id, ks);
    }
    return ks;
  }

  private markLive(ks: KeyState, w: TimeWindow): void {
    const id = windowId(w);
    if (ks.live.has(id)) return;
    if (ks.live.size >= WINDOW_LIMITS.maxWindowsPerKey) {
      this.problems.push({
        field: `inputs[${this.input}]`,
        message: `key ${JSON.stringify(ks.key)} would hold more than ${WINDOW_LIMITS.maxWindowsPerKey} windows; the run stops here`,
      });
      throw new StopRun();
    }
    ks.live.set(id, w);
    this.trace.push({ type: 'created', input: this.input, key: ks.key, window: w });
  }

  // ---- WindowOperator.processElement ----
  processElement(key: WindowKey, elem: Elem, timestamp: number): void {
    const ks = this.keyState(key);
    const keyId = keyIdOf(key);
    const time = this.spec.eventTime ? timestamp : this.processingTime;
    const windows = assignWindows(this.spec.assigner, time);
    if (this.assignments + windows.length > WINDOW_LIMITS.maxAssignments) {
      this.problems.push({
        field: `inputs[${this.input}]`,
        message: `more than ${WINDOW_LIMITS.maxAssignments} element-to-window assignments in one run; the run stops here`,
      });
      throw new StopRun();
    }
    this.assignments += windows.length;
    let isSkippedElement = true;
    for (const window of windows) {
      let actual = window;
      let stateWindow = window;
      if (this.merging) {
        actual = this.addWindow(ks, keyId, window);
        if (this.isWindowLate(actual)) {
          ks.mapping.delete(windowId(actual)); // retireWindow
          ks.live.delete(windowId(actual));
          continue;
        }
        stateWindow = ks.mapping.get(windowId(actual))?.stateWindow ?? actual;
      } else if (this.isWindowLate(window)) {
        continue;
      }
      isSkippedElement = false;
      this.markLive(ks, actual);
      const sid = windowId(stateWindow);
      const list = ks.contents.get(sid);
      if (list === undefined) ks.contents.set(sid, [elem]);
      else list.push(elem);
      this.trace.push({ type: 'added', input: this.input, key, window: actual, timestamp: time });
      const r = this.onElement(this.spec.trigger, ks, keyId, actual);
      if (r.fire) {
        const contents = ks.contents.get(sid);
        if (contents === undefined) continue;
        this.emit(
          ks,
          actual,
          contents,
          this.spec.eventTime && maxTimestamp(actual) <= this.watermark,
        );
      }
      if (r.purge) this.purge(ks, actual, sid);
      this.registerCleanupTimer(keyId, actual);
    }
    if (isSkippedElement && this.isElementLate(timestamp)) {
      const lateBy = this.watermark - timestamp;
      if (this.spec.sideOutputLateData) {
        this.sideOutput.push({ key, value: elem.value, timestamp, input: this.input, lateBy });
      } else {
        this.numLateRecordsDropped++;
      }
      this.trace.push({
        type: 'late',
        input: this.input,
        key,
        timestamp,
        lateBy,
        outcome: this.spec.sideOutputLateData ? 'sideOutput' : 'dropped',
      });
    }
  }

  private purge(ks: KeyState, w: TimeWindow, sid: string): void {
    if (ks.contents.delete(sid))
      this.trace.push({ type: 'purged', input: this.input, key: ks.key, window: w });
  }

  /** MergingWindowSet.addWindow with the WindowOperator's merge function. */
  private addWindow(ks: KeyState, keyId: string, newWindow: TimeWindow): TimeWindow {
    // Windows in the set never intersect each other (they would have merged), so only those that
    // intersect the new window can merge with it: hand just those to mergeWindows.
    this.scanned += ks.mapping.size;
    if (this.scanned > WINDOW_LIMITS.maxMergeScans) {
      this.problems.push({
        field: `inputs[${this.input}]`,
        message: `session merging scanned more than ${WINDOW_LIMITS.maxMergeScans} windows; the run stops here`,
      });
      throw new StopRun();
    }
    const existing: TimeWindow[] = [];
    for (const m of ks.mapping.values())
      if (intersects(m.window, newWindow)) existing.push(m.window);
    const newId = windowId(newWindow);
    const groups = mergeWindows([...existing, newWindow]);
    let resultWindow = newWindow;
    let mergedNewWindow = false;
    for (const g of groups) {
      const mergeResult = g.result;
      const mergedWindows = g.merged.filter((m) => windowId(m) !== newId);
      if (mergedWindows.length !== g.merged.length) {
        mergedNewWindow = true;
        resultWindow = mergeResult;
      }
      const first = mergedWindows[0] as TimeWindow;
      const targetState = ks.mapping.get(windowId(first))?.stateWindow ?? first;
      const mergedStateWindows: TimeWindow[] = [];
      for (const m of mergedWindows) {
        const res = ks.mapping.get(windowId(m));
        if (res !== undefined) {
          ks.mapping.delete(windowId(m));
          mergedStateWindows.push(res.stateWindow);
        }
      }
      ks.mapping.set(windowId(mergeResult), { window: mergeResult, stateWindow: targetState });
      const sources = mergedStateWindows.filter((s) => windowId(s) !== windowId(targetState));
      const onlyItself = mergedWindows.length === 1 && windowId(first) === windowId(mergeResult);
      if (!onlyItself) {
        // The merge function of WindowOperator.processElement.
        if (
          this.spec.eventTime
            ? this.isWindowLate(mergeResult)
            : maxTimestamp(mergeResult) <= this.processingTime
        ) {
          // Flink throws UnsupportedOperationException here; it cannot happen for sessions merged
          // by a new element, but untrusted input must not throw: report it and carry on.
          this.problems.push({
            field: `inputs[${this.input}]`,
            message:
              'The end timestamp of a window cannot become earlier than the current time by merging',
          });
        }
        this.triggerOnMerge(this.spec.trigger, ks, keyId, mergeResult, mergedWindows);
        for (const m of mergedWindows) {
          this.triggerClear(this.spec.trigger, ks, keyId, m);
          this.deleteCleanupTimer(keyId, m);
          ks.live.delete(windowId(m));
        }
        // windowMergingState.mergeNamespaces(target, sources): target contents first.
        const tid = windowId(targetState);
        const merged: Elem[] = [...(ks.contents.get(tid) ?? [])];
        let any = ks.contents.has(tid);
        for (const s of sources) {
          const c = ks.contents.get(windowId(s));
          if (c !== undefined) {
            merged.push(...c);
            ks.contents.delete(windowId(s));
            any = true;
          }
        }
        if (any) ks.contents.set(tid, merged);
        this.markLive(ks, mergeResult);
        this.trace.push({
          type: 'merged',
          input: this.input,
          key: ks.key,
          window: mergeResult,
          from: mergedWindows,
        });
      }
    }
    if (groups.length === 0 || (windowId(resultWindow) === newId && !mergedNewWindow)) {
      ks.mapping.set(newId, { window: resultWindow, stateWindow: resultWindow });
    }
    return resultWindow;
  }

  // ---- WindowOperator.onEventTime / onProcessingTime ----
  private onTimerFired(timer: Timer, eventTime: boolean): void {
    const ks = this.keys.get(timer.keyId);
    if (ks === undefined) return;
    const w = timer.window;
    let sid = windowId(w);
    if (this.merging) {
      const m = ks.mapping.get(windowId(w));
      if (m === undefined) return; // timer for a window that was merged away or retired
      sid = windowId(m.stateWindow);
    }
    const r = this.onTimer(this.spec.trigger, eventTime, timer.ts, w);
    if (r.fire) {
      const contents = ks.contents.get(sid);
      if (contents !== undefined) this.emit(ks, w, contents, false);
    }
    if (r.purge) this.purge(ks, w, sid);
    if (this.spec.eventTime === eventTime && this.isCleanupTime(w, timer.ts)) {
      // clearAllState
      ks.contents.delete(sid);
      this.triggerClear(this.spec.trigger, ks, timer.keyId, w);
      if (this.merging) ks.mapping.delete(windowId(w));
      ks.live.delete(windowId(w));
      this.trace.push({
        type: 'cleanedUp',
        input: this.input,
        key: ks.key,
        window: w,
        at: timer.ts,
      });
    }
  }

  private drain(eventTime: boolean, upTo: number): void {
    const heap = eventTime ? this.eventHeap : this.procHeap;
    const live = eventTime ? this.eventTimers : this.procTimers;
    for (;;) {
      const t = heap.peek();
      if (t === undefined || t.ts > upTo) return;
      heap.pop();
      if (live.get(t.id) !== t) continue; // deleted or replaced
      live.delete(t.id);
      this.onTimerFired(t, eventTime);
    }
  }

  /** The earliest processing-time timer (null: none), so a run knows when to wake the operator. */
  nextProcessingTimer(): number | null {
    for (;;) {
      const t = this.procHeap.peek();
      if (t === undefined) return null;
      if (this.procTimers.get(t.id) === t) return t.ts;
      this.procHeap.pop(); // deleted or replaced: drop it now
    }
  }

  /** Every live window by key (in key then creation order) with its contents. */
  liveWindows(): LiveWindow[] {
    const out: LiveWindow[] = [];
    for (const ks of this.keys.values())
      for (const w of ks.live.values()) {
        let sid = windowId(w);
        if (this.merging) {
          const m = ks.mapping.get(sid);
          if (m !== undefined) sid = windowId(m.stateWindow);
        }
        out.push({ key: ks.key, window: w, contents: ks.contents.get(sid) ?? [] });
      }
    return out;
  }

  processWatermark(w: number): void {
    if (w <= this.watermark) return;
    this.watermark = w;
    this.trace.push({ type: 'watermark', input: this.input, watermark: w });
    this.drain(true, w);
  }

  advanceProcessingTime(t: number): void {
    this.processingTime = t;
    this.trace.push({ type: 'processingTime', input: this.input, time: t });
    this.drain(false, t);
  }
}

function readElement(
  spec: ValidSpec,
  x: Record<string, unknown>,
  i: number,
  problems: WindowProblem[],
): { key: WindowKey; elem: Elem; timestamp: number } | null {
  const field = `inputs[${i}]`;
  const value = ownField(x, 'value');
  let key: unknown;
  if (spec.keyBy !== null) {
    key = isRecord(value) ? ownField(value, spec.keyBy) : undefined;
    if (typeof key !== 'string' && !(typeof key === 'number' && Number.isFinite(key))) {
      problems.push({
        field: `${field}.value.${spec.keyBy}`,
        message: 'keyBy field: expected a string or finite number',
      });
      return null;
    }
  } else {
    key = ownField(x, 'key');
    if (typeof key !== 'string' && !(typeof key === 'number' && Number.isFinite(key))) {
      problems.push({
        field: `${field}.key`,
        message: 'expected a string or finite number (or set spec.keyBy)',
      });
      return null;
    }
  }
  if (typeof key === 'string' && key.length > 1000) {
    problems.push({ field: `${field}.key`, message: 'keys are at most 1000 characters' });
    return null;
  }
  const tsRaw = ownField(x, 'timestamp');
  let timestamp = 0;
  if (tsRaw !== undefined || spec.eventTime) {
    if (!isTime(tsRaw)) {
      problems.push({
        field: `${field}.timestamp`,
        message: spec.eventTime
          ? 'event-time windows need an integer timestamp (ms, absolute value at most 2^50)'
          : 'expected an integer timestamp (ms, absolute value at most 2^50)',
      });
      return null;
    }
    timestamp = tsRaw;
  }
  let num = Number.NaN;
  if (spec.fn !== 'count' && spec.fn !== 'list') {
    const raw =
      spec.field !== null ? (isRecord(value) ? ownField(value, spec.field) : undefined) : value;
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      problems.push({
        field: spec.field !== null ? `${field}.value.${spec.field}` : `${field}.value`,
        message: `${spec.fn} needs a finite number`,
      });
      return null;
    }
    num = raw;
  }
  return { key: key as WindowKey, elem: { value, num }, timestamp };
}

/**
 * Run Flink's window operator over an ordered list of elements, watermarks and processing-time
 * advances. Never throws: spec problems stop before anything runs; a malformed input is skipped
 * with a problem naming it; a bound stops the run (stoppedAt).
 */
export function runWindows(spec: unknown, inputs: unknown): WindowsRun {
  const { spec: valid, problems: specProblems } = validateSpec(spec);
  const empty = (problems: WindowProblem[]): WindowsRun => ({
    results: [],
    sideOutput: [],
    counters: { numLateRecordsDropped: 0 },
    trace: [],
    watermark: null,
    processingTime: 0,
    problems,
  });
  if (valid === null) return empty(specProblems);
  if (!Array.isArray(inputs)) return empty([{ field: 'inputs', message: 'expected an array' }]);
  if (inputs.length > WINDOW_LIMITS.maxInputs)
    return empty([{ field: 'inputs', message: `at most ${WINDOW_LIMITS.maxInputs} inputs` }]);
  const op = new WindowOperator(valid);
  let stoppedAt: number | undefined;
  try {
    for (let i = 0; i < inputs.length; i++) {
      op.input = i;
      const x: unknown = inputs[i];
      if (!isRecord(x)) {
        op.problems.push({
          field: `inputs[${i}]`,
          message: 'expected { key, value, timestamp }, { watermark } or { processingTime }',
        });
        continue;
      }
      if (Object.prototype.hasOwnProperty.call(x, 'watermark')) {
        const w = x.watermark;
        if (typeof w !== 'number' || !Number.isSafeInteger(w)) {
          op.problems.push({ field: `inputs[${i}].watermark`, message: 'expected a safe integer' });
          continue;
        }
        op.processWatermark(w);
      } else if (Object.prototype.hasOwnProperty.call(x, 'processingTime')) {
        const t = x.processingTime;
        if (typeof t !== 'number' || !Number.isSafeInteger(t)) {
          op.problems.push({
            field: `inputs[${i}].processingTime`,
            message: 'expected a safe integer',
          });
          continue;
        }
        if (t < op.processingTime) {
          op.problems.push({
            field: `inputs[${i}].processingTime`,
            message: `processing time cannot go back (now ${op.processingTime})`,
          });
          continue;
        }
        op.advanceProcessingTime(t);
      } else {
        const e = readElement(valid, x as ElementInput & Record<string, unknown>, i, op.problems);
        if (e !== null) op.processElement(e.key, e.elem, e.timestamp);
      }
    }
  } catch (err) {
    if (!(err instanceof StopRun)) throw err;
    stoppedAt = op.input;
  }
  return {
    results: op.results,
    sideOutput: op.sideOutput,
    counters: { numLateRecordsDropped: op.numLateRecordsDropped },
    trace: op.trace,
    watermark: Number.isFinite(op.watermark) ? op.watermark : null,
    processingTime: op.processingTime,
    problems: [...specProblems, ...op.problems],
    ...(stoppedAt !== undefined ? { stoppedAt } : {}),
  };
}
