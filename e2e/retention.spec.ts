import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openFresh, test, waitForSim } from './fixtures';

/*
 * Issue 12, "Seeing it" for retention: the built-in retention-outruns-consumer from the menu,
 * run to the end. The strips draw each partition's segments and log start offset (exposed as
 * data-* and a tooltip per strip row), the legend explains them, the slow group's loss is in
 * the anomaly list with retention named as its cause, and the timeline marks the deletions and
 * the OFFSET_OUT_OF_RANGE resets. Then the same at 100 partitions (compact rows). Waits for
 * states only.
 */

const BUILT_IN = JSON.parse(
  readFileSync(
    new URL('../src/scenarios/retention-outruns-consumer.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;

async function runBuiltIn(page: Page, id: string): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await page.getByTestId('scenario-menu').selectOption(id);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await expect(page.getByTestId('sim-status')).toHaveText('Ready');
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 180_000 });
}

test('retention-outruns-consumer: segments and the log start on the strips, the slow group’s loss explained, deletions and resets on the timeline', async ({
  page,
  problems,
}) => {
  test.setTimeout(240_000);
  await runBuiltIn(page, 'retention-outruns-consumer');
  const legend = page.getByTestId('legend-retention-clicks');
  await expect(legend).toBeVisible();
  await expect(legend).toHaveAttribute('title', /log start offset/);
  // Every partition deleted its oldest segments: the log start is above 0, several segments
  // remain (one rolled a second), and the strip row says so.
  let leoSum = 0;
  for (let p = 0; p < 3; p++) {
    const row = page.getByTestId(`retention-clicks-${p}`);
    const logStart = Number(await row.getAttribute('data-log-start'));
    const leo = Number(await page.getByTestId(`leo-clicks-${p}`).textContent());
    leoSum += leo;
    expect(logStart).toBeGreaterThan(0);
    expect(logStart).toBeLessThanOrEqual(leo);
    expect(Number(await row.getAttribute('data-segments'))).toBeGreaterThanOrEqual(2);
    const bases = (await row.getAttribute('data-window-bases'))!.split(',').map(Number);
    expect(bases[0]).toBe(logStart);
    expect(Number(await row.getAttribute('data-active-base'))).toBe(bases.at(-1));
    await expect(row).toHaveAttribute('title', new RegExp(`log start offset ${logStart}:`));
    await expect(page.getByTestId(`leo-clicks-${p}`)).toHaveAttribute(
      'title',
      new RegExp(`log start offset ${logStart}:`),
    );
  }
  // No transactions here: the header's records equal the log-end offsets.
  await expect(page.getByTestId('topic-records-clicks')).toHaveText(String(leoSum));
  await page.getByTestId('topic-node-clicks').screenshot({ path: '/tmp/retui-topic.png' });

  // The slow group's loss, with retention as its cause.
  const lost = page.locator('[data-testid="anomaly-lost"][data-group="archiver"]').first();
  await expect(lost).toBeVisible();
  const text = lost.getByTestId('anomaly-explanation');
  await expect(text).toContainText('were deleted by retention.ms=3000');
  await expect(text).toContainText('before group archiver read them');
  await expect(text).toContainText(
    '(OFFSET_OUT_OF_RANGE), so auto.offset.reset=earliest moved it to',
  );
  await expect(page.locator('[data-testid="anomaly-lost"][data-group="dashboard"]')).toHaveCount(0);
  // The latest group also jumped over what was still in the log.
  await expect(
    page
      .locator('[data-testid="anomaly-lost"][data-group="archiver-latest"]')
      .getByTestId('anomaly-explanation')
      .filter({ hasText: 'auto.offset.reset=latest' })
      .first(),
  ).toBeVisible();

  // The timeline: retention marks for the deletions and the resets.
  const marks = page.getByTestId('marker-retention');
  await expect.poll(() => marks.count()).toBeGreaterThan(3);
  const titles = await marks.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
  expect(
    titles.some((t) =>
      /retention\.ms=3000: \d+ segments? \(\d+ records?\) deleted from clicks-/.test(t),
    ),
  ).toBe(true);
  expect(
    titles.some((t) => /archiver-1: OFFSET_OUT_OF_RANGE on .*auto\.offset\.reset=earliest/.test(t)),
  ).toBe(true);
  await page.screenshot({ path: '/tmp/retui-page.png' });
  expect(problems).toEqual([]);
});

test('retention at 100 partitions: compact rows hatch what retention deleted, the hover names the log start', async ({
  page,
  problems,
}) => {
  test.setTimeout(240_000);
  await openFresh(page);
  const doc = structuredClone(BUILT_IN) as {
    name: string;
    topics: { partitions: number }[];
    producers: { rate: { perSec: number }; keys: { count: number } }[];
  };
  doc.name = 'retention at 100 partitions';
  doc.topics[0]!.partitions = 100;
  doc.producers[0]!.rate.perSec = 400;
  doc.producers[0]!.keys.count = 2000;
  await page.getByTestId('import-input').setInputFiles({
    name: 'retention100.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc)),
  });
  await waitForSim(page);
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 180_000 });
  const compact = page.getByTestId('strips-compact-clicks');
  await expect(compact).toBeVisible();
  const summary = page.getByTestId('retention-clicks');
  expect(Number(await summary.getAttribute('data-log-start-max'))).toBeGreaterThan(0);
  expect(Number(await summary.getAttribute('data-segments'))).toBeGreaterThanOrEqual(200);
  const box = (await compact.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await expect(page.getByTestId('strip-hover-clicks')).toContainText(/log start offset \d+/);
  await page.getByTestId('topic-node-clicks').screenshot({ path: '/tmp/retui-topic100.png' });
  // The table lists every partition's log start offset beside its log end.
  await page.mouse.move(0, 0);
  await page.getByTestId('partition-table-toggle-clicks').click();
  const table = page.getByTestId('partition-table-clicks');
  await expect(table.locator('thead th').filter({ hasText: 'start' })).toHaveCount(1);
  const cells = await page.getByTestId('partition-row-clicks-0').locator('td').allTextContents();
  // log-end, log start, then one lag per reader: the log start is at most the log end.
  expect(Number(cells[1])).toBeLessThanOrEqual(Number(cells[0]));
  expect(
    await table
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.some((r) => Number(r.querySelectorAll('td')[1]?.textContent) > 0),
      ),
  ).toBe(true);
  await page.getByTestId('topic-node-clicks').screenshot({ path: '/tmp/retui-topic100-table.png' });
  expect(problems).toEqual([]);
});
