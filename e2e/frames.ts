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

/**
 * Catastrophe bounds for frames measured over `windowMs` while something runs, scaled by the
 * same page measured idle just before, under the same load. On an unloaded machine (idle p95
 * ≈ 16.7 ms, 60 frames/s) they are the fixed bounds these specs always had: p95 ≤ 200 ms and
 * more than 25 frames. On a machine so loaded that even the idle page paints slowly, they scale
 * with it, so a failure means "the simulation made the page far slower than idle", never "the
 * machine was busy" (issue 9 §6: no spec may depend on how fast the machine is).
 */
export function frameBounds(idle: number[], idleMs: number, windowMs: number) {
  const sorted = [...idle].sort((a, b) => a - b);
  const idleP95 = sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? 16.7;
  const idleFps = idle.length / (idleMs / 1000);
  return {
    maxP95: Math.max(200, 12 * idleP95),
    minFrames: Math.max(3, Math.min(25, Math.floor(0.15 * idleFps * (windowMs / 1000)))),
  };
}
