import type { Anomaly } from '../../insight';
import { anomalyTotals, type AnomalyTotals } from '../../insight';

/** The anomaly list split at the cursor: what had happened by then, and what comes later. */
export interface AnomaliesAtCursor {
  past: Anomaly[];
  future: Anomaly[];
  /** In records, as the summary counts: per group and for the log (see anomalyTotals). */
  pastTotals: AnomalyTotals;
  futureTotals: AnomalyTotals;
}

/**
 * `cursor` is the number of events applied (the view shows the state after events
 * [0, cursor)), so an anomaly found at event `index` has happened iff index < cursor.
 * The list is in log order, so the split is one binary search.
 */
export function splitAtCursor(anomalies: readonly Anomaly[], cursor: number): AnomaliesAtCursor {
  const lo = countBefore(anomalies, cursor);
  const past = anomalies.slice(0, lo);
  const future = anomalies.slice(lo);
  return { past, future, pastTotals: anomalyTotals(past), futureTotals: anomalyTotals(future) };
}

/** Σ over groups of one kind (the summary bar's group figures). */
export function groupSum(t: AnomalyTotals, kind: keyof AnomalyTotals['all']): number {
  let n = 0;
  for (const g of Object.values(t.groups)) n += g[kind];
  return n;
}

/** How many anomalies had happened by the cursor (index < cursor); the list is in log order. */
export function countBefore(anomalies: readonly Anomaly[], cursor: number): number {
  let lo = 0;
  let hi = anomalies.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (anomalies[mid]!.index < cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
