/**
 * What the canvas reads of stream jobs in a run (like esdb/system/views.ts): per window job the
 * watermark of each source partition and of the operator, which partitions hold it back, per key
 * the live windows with their contents and current result, the recent firings and late
 * elements (how late, and where they went); per pattern job its recent matches.
 */
import type { SimState } from '../../kafka/state';
import type { AggregateFn } from '../windows/spec';
import { windowOperator, type FiredView, type LateView } from './state';

export interface PartitionWatermarkView {
  partition: number;
  /** The last watermark it emitted (null: none yet). */
  watermark: number | null;
  idle: boolean;
  /** It holds the operator's watermark back: active, and its watermark is the minimum. */
  holdsBack: boolean;
}

export interface LiveWindowView {
  start: number;
  end: number;
  count: number;
  /** The aggregate over the contents now (null: empty). */
  result: number | null;
  /** The elements' payloads. */
  contents: unknown[];
}

export interface WindowJobView {
  id: string;
  source: string;
  watermark: number | null;
  partitions: PartitionWatermarkView[];
  keys: { key: string | number; windows: LiveWindowView[] }[];
  fired: FiredView[];
  late: LateView[];
  stopped: boolean;
}

export interface PatternJobView {
  id: string;
  matches: { timeMs: number; tags: { tag: string; eventId: number; eventType: string }[] }[];
  stopped: boolean;
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

function aggregate(fn: AggregateFn, nums: number[]): number | null {
  if (nums.length === 0) return null;
  switch (fn) {
    case 'count':
      return nums.length;
    case 'sum':
      return nums.reduce((a, b) => a + b, 0);
    case 'min':
      return Math.min(...nums);
    case 'max':
      return Math.max(...nums);
    case 'avg':
      return nums.reduce((a, b) => a + b, 0) / nums.length;
    default:
      return null;
  }
}

export function streamWindowJobViews(s: SimState): WindowJobView[] {
  const sm = s.model.streams;
  const st = s.streams;
  if (sm === null || st === null) return [];
  return sm.windows.map((m, i) => {
    const j = st.windows[i]!;
    // Partitions added later count once they exist (addPartitions).
    const live = Math.min(m.partitions, s.livePartitions[m.sourceTopic]!);
    let min = Number.POSITIVE_INFINITY;
    for (let p = 0; p < live; p++) if (!j.idle[p]) min = Math.min(min, j.partWm[p]!);
    const partitions = j.partWm.slice(0, live).map((w, p) => ({
      partition: p,
      watermark: finite(w),
      idle: j.idle[p]!,
      holdsBack: !j.idle[p]! && w === min,
    }));
    const byKey = new Map<string | number, LiveWindowView[]>();
    for (const lw of windowOperator(m, j).liveWindows()) {
      let list = byKey.get(lw.key);
      if (list === undefined) byKey.set(lw.key, (list = []));
      list.push({
        start: lw.window.start,
        end: lw.window.end,
        count: lw.contents.length,
        result: aggregate(
          m.valid.fn,
          lw.contents.map((e) => e.num),
        ),
        contents: lw.contents.map((e) => e.value),
      });
    }
    return {
      id: m.id,
      source: m.source,
      watermark: finite(j.watermark),
      partitions,
      keys: [...byKey].map(([key, windows]) => ({ key, windows })),
      fired: j.fired.slice(),
      late: j.late.slice(),
      stopped: j.stopped,
    };
  });
}

export function streamPatternJobViews(s: SimState): PatternJobView[] {
  const sm = s.model.streams;
  const st = s.streams;
  if (sm === null || st === null) return [];
  return sm.patterns.map((m, i) => ({
    id: m.id,
    matches: st.patterns[i]!.matches.slice(),
    stopped: st.patterns[i]!.stopped,
  }));
}
