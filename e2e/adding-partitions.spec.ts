import { readFileSync } from 'node:fs';
import { expect, openFresh, test, waitForSim } from './fixtures';
import { scrubTo } from './timelineHelpers';

/*
 * The built-in adding-partitions-breaks-key-order (issue 12) opened from the built-in menu and
 * run to the end: orders shows 4 partitions until the alter at 3,000 ms and 6 after (the new
 * strips appear when added, not before), the reordered anomalies are listed and explained with
 * the moved key, its old and new partition and the count change, and the timeline lane for
 * orders holds the action. Waits for states only.
 */
const builtIn = JSON.parse(
  readFileSync(
    new URL('../src/scenarios/adding-partitions-breaks-key-order.json', import.meta.url),
    'utf8',
  ),
) as { description: string; durationMs: number };

test('adding partitions: the new partitions appear at the alter, keys move, and the reordering is listed and explained', async ({
  page,
  problems,
}) => {
  test.setTimeout(300_000);
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption('adding-partitions-breaks-key-order');
  await waitForSim(page);
  await expect(page.locator('.summary__description')).toHaveText(builtIn.description);
  const orders = page.getByTestId('topic-node-orders');
  await expect(page.getByTestId('topic-partitions-orders')).toHaveText('4 partitions');
  await expect(orders.locator('.strips__label')).toHaveCount(4);

  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 180_000 });

  // At the end: 6 partitions, the two new ones drawn with their own strips and log ends.
  await expect(page.getByTestId('topic-partitions-orders')).toHaveText('6 partitions');
  await expect(orders).toContainText('(+2 added)');
  await expect(orders.locator('.strips__label')).toHaveCount(6);
  await expect(page.getByTestId('leo-orders-5')).toBeVisible();
  await expect
    .poll(async () => Number(await page.getByTestId('leo-orders-5').textContent()))
    .toBeGreaterThan(0);

  // The reordering: listed, explained by the moved key.
  const reordered = page.getByTestId('anomaly-reordered').first();
  await expect(reordered).toBeVisible();
  const text = reordered.getByTestId('anomaly-explanation');
  await expect(text).toContainText(
    /Key user-\d+ moved from partition \d to \d when orders grew from 4 to 6 partitions at 3,000 ms/,
  );
  await expect(text).toContainText('Other keys that moved: user-');
  await page.screenshot({ path: '/tmp/h12-adding-partitions-end.png' });

  // Before the alter the partitions do not exist yet: 4 strips at 2,000 ms.
  await scrubTo(page, 2000, builtIn.durationMs);
  await expect(page.getByTestId('topic-partitions-orders')).toHaveText('4 partitions');
  await expect(orders.locator('.strips__label')).toHaveCount(4);
  await expect(page.getByTestId('leo-orders-4')).toHaveCount(0);

  // The action is on the orders lane of the fault lanes, its count editable.
  await page.getByTestId('toggle-fault-lanes').click();
  const lane = page.getByTestId('fault-lane-topic:orders');
  const chip = lane.getByTestId('fault-chip');
  await expect(chip).toHaveAttribute('data-kind', 'addPartitions');
  await expect(chip).toContainText('orders → 6 partitions');
  await page.screenshot({ path: '/tmp/h12-adding-partitions-lanes.png' });
  await chip.getByTestId('fault-partitions-up').click();
  await expect(lane.getByTestId('fault-chip')).toContainText('orders → 7 partitions');
  expect(problems).toEqual([]);
});
