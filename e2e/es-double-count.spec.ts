import { expect, openFresh, test, waitForSim } from './fixtures';

/*
 * The es-double-count built-in (issue 13): opened from the built-in menu and run to the end.
 * The anomaly list shows the counter projection's double counts (3, as
 * src/scenarios/eventStore.test.ts measures), each explained with the crash and the checkpoint it
 * restarted from; the idempotent projection has none. Then in Chinese, the same explanation in
 * Chinese. The crash marks are on the timeline. Waits for states only.
 */
test('es-double-count: the counter projection double-counts after the crash, explained in English and Chinese', async ({
  page,
  problems,
}) => {
  test.setTimeout(180_000);
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption('es-double-count');
  await waitForSim(page);
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 120_000 });

  const items = page.getByTestId('anomaly-double-count');
  await expect(items).toHaveCount(3);
  await expect(page.getByTestId('chip-double-count')).toHaveAttribute('data-groups', '3');
  const text = items.first().getByTestId('anomaly-explanation');
  await expect(text).toContainText(/^item-counter counted cart-\d+ @ \d+/);
  await expect(text).toContainText('It crashed at 1,130 ms');
  await expect(text).toContainText('its last checkpoint was 20');
  await expect(text).toContainText('handles again the 3 events');
  await expect(items.first()).toContainText('item-counter');
  await expect(
    page.locator('[data-testid^="anomaly-"]', { hasText: 'item-count-idempotent counted' }),
  ).toHaveCount(0);
  // The two crashes are fault marks on the timeline.
  await expect(page.getByTestId('marker-fault').first()).toHaveAttribute(
    'title',
    /crashed at \$all position 23; it restarts from checkpoint 20/,
  );

  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(text).toContainText('item-counter 第二次计入了 cart-');
  await expect(text).toContainText('它在 1,130 ms 崩溃');
  await expect(text).toContainText('最后一个检查点是 20');
  await expect(items.first().locator('.chip').first()).toHaveText('重复计数');
  expect(problems).toEqual([]);
});
