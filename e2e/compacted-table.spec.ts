import { readFileSync } from 'node:fs';
import { expect, openFresh, test, waitForSim } from './fixtures';

/*
 * The compacted-table built-in (issue 12): opened from the built-in menu and run to the end.
 * The topic node draws the whole compacted log (holes where older values were cleaned away,
 * tombstones apart), the summary counts the deletes search-index missed, and the anomaly list
 * explains each with its key, its times and delete.retention.ms. The figures are the ones
 * src/scenarios/compaction.test.ts measures on the engine's run. Waits for states only.
 */
const scenario = JSON.parse(
  readFileSync(new URL('../src/scenarios/compacted-table.json', import.meta.url), 'utf8'),
) as { description: string };

test('compacted-table: the log shrinks to the latest value per key; the deletes search-index missed are counted and explained', async ({
  page,
  problems,
}) => {
  test.setTimeout(300_000);
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption('compacted-table');
  await waitForSim(page);
  await expect(page.locator('.summary__description')).toHaveText(scenario.description);
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 180_000 });

  // The whole log: most offsets are holes now; the erased customers' deletes are gone too.
  const log = page.getByTestId('compaction-customers');
  await expect(log).toBeVisible();
  const kept = Number(await log.getAttribute('data-kept'));
  const holes = Number(await log.getAttribute('data-holes'));
  expect(holes).toBeGreaterThan(kept * 5);
  await expect(page.getByTestId('compaction-summary-customers')).toContainText(
    `${kept} of ${kept + holes} offsets hold a record`,
  );

  // Three deletes missed, in the summary and in the anomaly list, each explained.
  await expect(page.getByTestId('total-missedTombstones')).toHaveAttribute('data-value', '3');
  const missed = page.locator('[data-testid="anomaly-lost"][data-group="search-index"]');
  await expect(missed).toHaveCount(3);
  const text = missed.first().getByTestId('anomaly-explanation');
  await expect(text).toContainText('delete.retention.ms=3000');
  await expect(text).toContainText(/key customer-\d+ was deleted/);
  await expect(text).toContainText('Its table still holds');

  await page.screenshot({ path: '/tmp/compacted-table.png', fullPage: true });
  expect(problems).toEqual([]);
});
