/** Number and time formatting shared by the UI. */

export function formatCount(n: number): string {
  if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
  if (n >= 10_000) return `${trim(n / 1000)}k`;
  return String(Math.round(n * 100) / 100);
}

/** Sim time in seconds with millisecond precision: "3.250 s". */
export function formatSimTime(us: number): string {
  return `${(us / 1_000_000).toFixed(3)} s`;
}

function trim(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, '');
}
