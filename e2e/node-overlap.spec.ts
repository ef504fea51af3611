import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openFresh, test, waitForSim } from './fixtures';

/*
 * No two nodes of a built-in ever overlap on the canvas, from the moment it opens to the end of
 * its run (issue 12: exactly-once's audit groups grew into each other once they showed their
 * transaction counters). Real DOM boxes of React Flow's nodes (`.react-flow__node`): a
 * ResizeObserver on every node checks all pairs each time one changes size during the run, and
 * the boxes are checked again at the end. Waits for states only.
 */
const BUILT_INS = readdirSync(new URL('../src/scenarios', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

type Watch = { overlaps: string[]; checks: number };

/** The node boxes once two successive reads agree (the open's layout and fit have settled). */
async function settledBoxes(page: Page): Promise<void> {
  let last = '';
  await expect
    .poll(
      async () => {
        const key = JSON.stringify(
          await page
            .locator('.react-flow__node')
            .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as unknown)),
        );
        const same = key === last;
        last = key;
        return same;
      },
      { intervals: [100, 200, 200, 400] },
    )
    .toBe(true);
}

/** Starts recording every pair of nodes that overlaps whenever a node changes size. */
async function watchOverlaps(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __overlaps: Watch };
    const watch: Watch = { overlaps: [], checks: 0 };
    w.__overlaps = watch;
    const check = () => {
      watch.checks++;
      const boxes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((e) => ({
        id: e.dataset.id ?? '?',
        r: e.getBoundingClientRect(),
      }));
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.r;
          const b = boxes[j]!.r;
          const overlap =
            a.left < b.right - 0.5 &&
            b.left < a.right - 0.5 &&
            a.top < b.bottom - 0.5 &&
            b.top < a.bottom - 0.5;
          const pair = `${boxes[i]!.id} × ${boxes[j]!.id}`;
          if (overlap && !watch.overlaps.includes(pair)) watch.overlaps.push(pair);
        }
    };
    const ro = new ResizeObserver(check);
    document.querySelectorAll('.react-flow__node').forEach((e) => ro.observe(e));
  });
}

const watched = (page: Page) =>
  page.evaluate(() => (window as unknown as { __overlaps: Watch }).__overlaps);

for (const id of BUILT_INS)
  test(`${id}: no two nodes overlap, at the open and while the run grows them`, async ({
    page,
    problems,
  }) => {
    test.setTimeout(240_000);
    await openFresh(page);
    await page.getByTestId('scenario-menu').selectOption(id);
    await waitForSim(page);
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await settledBoxes(page);
    await watchOverlaps(page);
    // The observer's first callback checks the open layout.
    await expect.poll(async () => (await watched(page)).checks).toBeGreaterThan(0);
    await page.getByTestId('speed').selectOption('max');
    await page.getByTestId('tl-play').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 180_000 });
    const { overlaps, checks } = await watched(page);
    expect(overlaps, `overlaps seen in ${checks} checks`).toEqual([]);
    // And the final boxes, read once more.
    const boxes = await page.locator('.react-flow__node').evaluateAll((els) =>
      els.map((e) => ({
        id: (e as HTMLElement).dataset.id,
        ...e.getBoundingClientRect().toJSON(),
      })),
    );
    for (const a of boxes)
      for (const b of boxes)
        if (a.id! < b.id!)
          expect(
            a.left < b.right - 0.5 &&
              b.left < a.right - 0.5 &&
              a.top < b.bottom - 0.5 &&
              b.top < a.bottom - 0.5,
            `${a.id} × ${b.id}`,
          ).toBe(false);
    if (id === 'exactly-once') {
      // The nodes that overlapped before: the audit groups with their transaction counters.
      await expect(page.getByTestId('group-txn-stats-audit-dirty')).toBeVisible();
      await expect(page.getByTestId('group-txn-stats-audit-alo')).toBeVisible();
      await page.screenshot({ path: '/tmp/polish-eos-no-overlap.png' });
    }
    expect(problems).toEqual([]);
  });
