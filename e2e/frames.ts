import type { Page } from '@playwright/test';

/** requestAnimationFrame intervals (ms) over `ms` of wall time, measured in the page. */
export function frameIntervals(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last = performance.now();
        const start = last;
        const tick = (t: number) => {
          out.push(t - last);
          last = t;
          if (t - start < ms) requestAnimationFrame(tick);
          else resolve(out);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

/** p50, p95 and max of frame intervals, formatted to 0.1 ms. */
export function frameStats(intervals: number[]) {
  const sorted = [...intervals].sort((a, b) => a - b);
  const q = (x: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(x * sorted.length))]!.toFixed(1);
  return { p50: q(0.5), p95: q(0.95), max: sorted.at(-1)!.toFixed(1) };
}
