/** Number and time formatting shared by the UI. */
import { formatMs } from '../insight/format';

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
  if (n >= 10_000) return `${trim(n / 1000)}k`;
  return String(Math.round(n * 100) / 100);
}

/**
 * Sim time, the one format the app uses in headers, clocks and explanations alike:
 * milliseconds with thousands separators, "3,250.4 ms" (the anomaly explanations' formatMs).
 */
export function formatSimTime(us: number): string {
  return formatMs(us);
}

function trim(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, '');
}
