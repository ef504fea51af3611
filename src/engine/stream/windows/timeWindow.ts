/**
 * Flink's TimeWindow arithmetic and the three time-window assigners, written from Flink's own source:
 * - flink-streaming-java .../windowing/windows/TimeWindow.java (maxTimestamp = end - 1, intersects,
 *   cover, mergeWindows, getWindowStartWithOffset with the negative-remainder fix),
 * - .../windowing/assigners/TumblingEventTimeWindows.java, SlidingEventTimeWindows.java,
 *   EventTimeSessionWindows.java (and their processing-time twins, which assign by the current
 *   processing time instead of the element's timestamp).
 * Windows are half-open: [start, end).
 */

export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** maxTimestamp() of Flink's TimeWindow: the largest timestamp still inside it. */
export function maxTimestamp(w: TimeWindow): number {
  return w.end - 1;
}

export function windowId(w: TimeWindow): string {
  return `${w.start},${w.end}`;
}

/**
 * TimeWindow.getWindowStartWithOffset: the start of the window (of length windowSize, shifted by
 * offset) that contains timestamp. A negative remainder (negative timestamps) is moved up by one size.
 */
export function getWindowStartWithOffset(
  timestamp: number,
  offset: number,
  windowSize: number,
): number {
  const remainder = (timestamp - offset) % windowSize;
  return remainder < 0 ? timestamp - (remainder + windowSize) : timestamp - remainder;
}

/** TimeWindow.intersects: touching windows ([0,5) and [5,9)) intersect, so sessions merge. */
export function intersects(a: TimeWindow, b: TimeWindow): boolean {
  return a.start <= b.end && a.end >= b.start;
}

/** TimeWindow.cover: the smallest window containing both. */
export function cover(a: TimeWindow, b: TimeWindow): TimeWindow {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

export interface MergeGroup {
  readonly result: TimeWindow;
  readonly merged: TimeWindow[];
}

/**
 * TimeWindow.mergeWindows: sort by start, sweep, and report every group of more than one window
 * that intersect (transitively) together with their cover. Groups are sets, as in Flink (a HashSet):
 * a window equal to one already in the group is not counted twice, so a new session window equal
 * to an existing one merges nothing.
 */
export function mergeWindows(windows: readonly TimeWindow[]): MergeGroup[] {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const groups: { result: TimeWindow; merged: TimeWindow[] }[] = [];
  let current: { result: TimeWindow; merged: TimeWindow[] } | null = null;
  for (const candidate of sorted) {
    if (current === null) {
      current = { result: candidate, merged: [candidate] };
    } else if (intersects(current.result, candidate)) {
      current.result = cover(current.result, candidate);
      const id = windowId(candidate);
      if (!current.merged.some((m) => windowId(m) === id)) current.merged.push(candidate);
    } else {
      groups.push(current);
      current = { result: candidate, merged: [candidate] };
    }
  }
  if (current !== null) groups.push(current);
  return groups.filter((g) => g.merged.length > 1);
}

export type AssignerSpec =
  | { readonly type: 'tumbling'; readonly size: number; readonly offset?: number }
  | {
      readonly type: 'sliding';
      readonly size: number;
      readonly slide: number;
      readonly offset?: number;
    }
  | { readonly type: 'session'; readonly gap: number };

/**
 * WindowAssigner.assignWindows for a validated assigner. `time` is the element's timestamp for
 * event-time windows and the current processing time for processing-time windows.
 * Sliding windows come latest-start first, as SlidingEventTimeWindows builds them.
 */
export function assignWindows(assigner: AssignerSpec, time: number): TimeWindow[] {
  switch (assigner.type) {
    case 'tumbling': {
      const offset = assigner.offset ?? 0;
      const start = getWindowStartWithOffset(time, offset % assigner.size, assigner.size);
      return [{ start, end: start + assigner.size }];
    }
    case 'sliding': {
      const out: TimeWindow[] = [];
      const lastStart = getWindowStartWithOffset(time, assigner.offset ?? 0, assigner.slide);
      for (let start = lastStart; start > time - assigner.size; start -= assigner.slide) {
        out.push({ start, end: start + assigner.size });
      }
      return out;
    }
    case 'session':
      return [{ start: time, end: time + assigner.gap }];
  }
}
