/** How an edge shows its flow rate: thicker and faster dashes for more records per second. */

/** Stroke width: 1.5 px at rest, about +1 px per decade of records/s, at most 7 px. */
export function edgeWidth(ratePerSec: number): number {
  if (!(ratePerSec > 0)) return 1.5;
  return Math.min(7, 1.5 + Math.log10(1 + ratePerSec));
}

/** Seconds per dash cycle: faster flow, faster dashes (0.25 s … 2 s). */
export function dashSeconds(ratePerSec: number): number {
  if (!(ratePerSec > 0)) return 0;
  return Math.min(2, Math.max(0.25, 2.2 - 0.55 * Math.log10(1 + ratePerSec)));
}

export function formatRate(ratePerSec: number): string {
  if (ratePerSec >= 10_000) return `${(ratePerSec / 1000).toFixed(0)}k/s`;
  if (ratePerSec >= 1000) return `${(ratePerSec / 1000).toFixed(1)}k/s`;
  return `${Math.round(ratePerSec)}/s`;
}
