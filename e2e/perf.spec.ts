import { expect, openFresh, simTimeUs, test } from './fixtures';

/** Records requestAnimationFrame intervals for 5 s while the default scenario runs; reports p95. */
test('frame times while the default scenario runs', async ({ page, problems }, info) => {
  await openFresh(page);
  const idle = stats(await frameIntervals(page, 2000));
  await page.getByTestId('play').click();
  await expect.poll(() => simTimeUs(page)).toBeGreaterThan(100_000);
  const intervals = await frameIntervals(page, 5000);
  const run = stats(intervals);
  const summary = `frames ${intervals.length}, p50 ${run.p50} ms, p95 ${run.p95} ms, max ${run.max} ms (target p95 ≤ 20 ms); idle page before Play: p50 ${idle.p50} ms, p95 ${idle.p95} ms`;
  console.log(`[perf] default scenario, 5 s: ${summary}`);
  info.annotations.push({ type: 'perf', description: summary });
  expect(intervals.length).toBeGreaterThan(50);
  expect(Number(run.p95)).toBeLessThan(100);
  expect(problems).toEqual([]);
});

function stats(intervals: number[]) {
  const sorted = [...intervals].sort((a, b) => a - b);
  const q = (x: number) => sorted[Math.min(sorted.length - 1, Math.floor(x * sorted.length))]!.toFixed(1);
  return { p50: q(0.5), p95: q(0.95), max: sorted.at(-1)!.toFixed(1) };
}

function frameIntervals(page: import('@playwright/test').Page, ms: number): Promise<number[]> {
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
