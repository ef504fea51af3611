import { drawEdge, expect, leo, newDesign, openFresh, selectNode, simTimeUs, test } from './fixtures';

test('from an empty canvas: build producer → topic (3 partitions) → group of two with the palette and the panel, then play', async ({ page, problems }) => {
  await openFresh(page);
  await newDesign(page);
  await expect(page.getByTestId('canvas-empty')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  // Drag a producer from the palette onto the canvas; click to add the topic and the group.
  await page.getByTestId('palette-producer').dragTo(page.getByTestId('canvas'), { targetPosition: { x: 260, y: 220 } });
  await expect(page.getByTestId('producer-node-producer')).toBeVisible();
  await page.getByTestId('palette-topic').click();
  await expect(page.getByTestId('topic-node-topic')).toBeVisible();
  await page.getByTestId('palette-consumerGroup').click();
  await expect(page.getByTestId('group-node-group')).toBeVisible();
  // Lay the three out (and fit them in view): a node added by a click can land under the
  // properties panel on a narrow canvas.
  await page.getByTestId('auto-layout').click();
  await expect(page.getByTestId('group-node-group')).toBeInViewport();

  // The topic: name and partitions in the panel.
  await selectNode(page, 'topic-node-topic');
  await page.getByTestId('field-name').fill('orders');
  await page.getByTestId('field-partitions').fill('3');
  await expect(page.locator('[data-testid^="leo-orders-"]')).toHaveCount(3);

  // The producer writes to it (picked in the panel); faster, so every partition fills quickly.
  await selectNode(page, 'producer-node-producer');
  await page.getByTestId('field-id').fill('shop');
  await page.getByTestId('field-rate/perSec').fill('400');
  await page.getByTestId('connect-topic').selectOption({ label: 'orders · topic' });

  // The group: two members, subscribed to the topic by drawing the edge on the canvas.
  await selectNode(page, 'group-node-group');
  await page.getByTestId('field-id').fill('billing');
  await page.getByTestId('field-members').fill('2');
  await drawEdge(page, 'topic-node-orders', 'group-node-billing');
  await expect(page.getByTestId('connect-topics-orders')).toBeChecked();
  await expect(page.locator('[data-invalid="true"]')).toHaveCount(0);
  await expect(page.getByTestId('group-node-billing').locator('[data-testid^="member-"]')).toHaveCount(2);

  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Running');
  await expect.poll(() => simTimeUs(page)).toBeGreaterThan(300_000);
  // Offsets grow on all three partitions…
  for (const p of [0, 1, 2]) await expect.poll(() => leo(page, 'orders', p)).toBeGreaterThan(0);
  const before = await Promise.all([0, 1, 2].map((p) => leo(page, 'orders', p)));
  for (const p of [0, 1, 2]) await expect.poll(() => leo(page, 'orders', p)).toBeGreaterThan(before[p]!);
  // …both members run with partitions, and the group shows its lag.
  await expect(page.getByTestId('member-billing-1')).toHaveAttribute('data-status', /running|idle/);
  await expect(page.getByTestId('member-billing-2')).toHaveAttribute('data-status', /running|idle/);
  await expect(page.getByTestId('group-lag-billing')).toBeVisible();
  // Lag is log end − committed offset: unknown ("-") until the group's first commit, then a
  // count. Whether it is above 0 at a given frame depends on how far the consumers trail the
  // producer, so the check is that it becomes known and is a count.
  const lag = page.getByTestId('group-lag-billing');
  await expect(lag).not.toHaveAttribute('data-value', '-', { timeout: 90_000 });
  expect(Number(await lag.getAttribute('data-value'))).toBeGreaterThanOrEqual(0);
  await expect.poll(async () => Number(await page.getByTestId('group-processed-billing').getAttribute('data-value'))).toBeGreaterThan(0);
  await page.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="pause"]:not(:disabled)')?.click());
  expect(problems).toEqual([]);
});
