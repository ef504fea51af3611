/**
 * How an edge shows its flow rate: thicker for more records per second. The moving dashes run
 * on one shared clock for every edge (nodes.css): per-edge speeds made the browser repaint the
 * edge layer at many different moments and cost frames (p95 33 ms → 17 ms on the default
 * scenario, e2e/perf.spec.ts).
 */

/** Stroke width: 1.5 px at rest, about +1 px per decade of records/s, at most 7 px. */
export function edgeWidth(ratePerSec: number): number {
  if (!(ratePerSec > 0)) return 1.5;
  return Math.min(7, 1.5 + Math.log10(1 + ratePerSec));
}

export function formatRate(ratePerSec: number): string {
  if (ratePerSec >= 10_000) return `${(ratePerSec / 1000).toFixed(0)}k/s`;
  if (ratePerSec >= 1000) return `${(ratePerSec / 1000).toFixed(1)}k/s`;
  return `${Math.round(ratePerSec)}/s`;
}
