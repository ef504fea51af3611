import type { Page } from '@playwright/test';
import { cpus, loadavg } from 'node:os';

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
 * How loaded the machine is: runnable processes per core over the last minute (1 when idle or
 * lightly loaded). A page gets about 1/load of a core when load exceeds the cores.
 */
export function machineLoad(): number {
  return Math.max(1, loadavg()[0]! / Math.max(1, cpus().length));
}

/**
 * Catastrophe bounds for frames measured over `windowMs` while something runs. On an unloaded
 * machine (idle p95 ≈ 16.7 ms, load ≤ 1 per core) they are the fixed bounds these specs always
 * had: p95 ≤ 200 ms and more than 25 frames. On a loaded machine they scale with the load per
 * core and with the same page measured idle just before, so a failure means "the simulation
 * made the page far slower than the CPU it gets allows", never "the machine was busy" (issue 9
 * §6: no spec may depend on how fast the machine is). Both factors are printed with the figures.
 */
export function frameBounds(idle: number[], idleMs: number, windowMs: number) {
  const sorted = [...idle].sort((a, b) => a - b);
  const idleP95 = sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? 16.7;
  const idleFps = idle.length / (idleMs / 1000);
  const load = machineLoad();
  return {
    load,
    maxP95: Math.max(200 * load, 12 * idleP95),
    minFrames: Math.max(
      3,
      Math.min(Math.floor(25 / load), Math.floor(0.15 * idleFps * (windowMs / 1000))),
    ),
  };
}
