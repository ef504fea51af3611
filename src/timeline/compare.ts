/**
 * Comparing two runs (a run and its fork, usually): where their logs first differ, and how
 * their outcomes differ. The shared prefix is known from the runs' lineage, so only the events
 * after it are decoded and compared.
 */
import { summarize, type SimEvent, type Summary } from '../engine';
import type { TimelineRun } from './run';

export interface MetricDiff {
  a: number;
  b: number;
  /** b − a. */
  delta: number;
}

export interface RunComparison {
  /** The first event index at which the logs differ; null when they are identical. */
  firstDivergence: number | null;
  /** Where the comparison started (the known shared prefix, or a trimmed history's base). */
  comparedFrom: number;
  events: { a: number; b: number };
  metrics: {
    duplicates: MetricDiff;
    reordered: MetricDiff;
    lost: MetricDiff;
    /** Σ over groups of log-end offset − committed offset, at each run's end. */
    lag: MetricDiff;
    lagMax: MetricDiff;
    processed: MetricDiff;
    /** Records processed per second of sim time. */
    throughput: MetricDiff;
    deadLettered: MetricDiff;
    rebalances: MetricDiff;
  };
}

export function compareRuns(a: TimelineRun, b: TimelineRun): RunComparison {
  let shared = 0;
  for (const [id, n] of a.lineage) {
    const m = b.lineage.get(id);
    if (m !== undefined) shared = Math.max(shared, Math.min(n, m));
  }
  const end = Math.min(a.length, b.length);
  const from = Math.min(Math.max(shared, a.base, b.base), end);
  let firstDivergence: number | null = null;
  const ca = a.cursor(from);
  const cb = b.cursor(from);
  for (let i = from; i < end; i++) {
    if (!sameEvent(ca.next()!, cb.next()!)) {
      firstDivergence = i;
      break;
    }
  }
  if (firstDivergence === null && a.length !== b.length) firstDivergence = end;
  const sa = summarize(a.live, a.length, '');
  const sb = summarize(b.live, b.length, '');
  const diff = (f: (s: Summary) => number): MetricDiff => ({
    a: f(sa),
    b: f(sb),
    delta: f(sb) - f(sa),
  });
  // Unknown lag (no committed offset: null in the summary) adds nothing to a comparison.
  const lag = (s: Summary) => s.groups.reduce((n, g) => n + (g.lag ?? 0), 0);
  const perSec = (s: Summary) => (s.timeUs > 0 ? Math.round((s.processed / s.timeUs) * 1e6) : 0);
  return {
    firstDivergence,
    comparedFrom: from,
    events: { a: a.length, b: b.length },
    metrics: {
      duplicates: diff((s) => s.duplicates),
      reordered: diff((s) => s.reordered),
      lost: diff((s) => s.lost),
      lag: diff(lag),
      lagMax: diff((s) => s.lagMax ?? 0),
      processed: diff((s) => s.processed),
      throughput: diff(perSec),
      deadLettered: diff((s) => s.dlq),
      rebalances: diff((s) => s.rebalances),
    },
  };
}

function sameEvent(x: SimEvent, y: SimEvent): boolean {
  return x === y || JSON.stringify(x) === JSON.stringify(y);
}
