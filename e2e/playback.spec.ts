import { expect, openFresh as openApp, simTimeUs, test, topicRecords } from './fixtures';

test.describe('playback of the default scenario', () => {
  test('draws the order flow, runs on Play and stops on Pause', async ({ page, problems }) => {
    // Two runs (1×, then from the start at 0.25×): a bigger budget on a loaded machine.
    test.setTimeout(180_000);
    await openApp(page);

    await expect(page.getByTestId('topic-node-order-events')).toBeVisible();
    await expect(page.getByTestId('topic-node-order-events')).toContainText('order-events');
    await expect(page.getByTestId('group-node-payment')).toBeVisible();
    await expect(page.getByTestId('group-node-inventory')).toBeVisible();
    await expect(page.locator('[data-testid^="leo-order-events-"]')).toHaveCount(6);
    expect(await simTimeUs(page)).toBe(0);
    expect(await topicRecords(page, 'order-events')).toBe(0);

    await page.getByTestId('play').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Running');
    // Edges show the flow: the producer's edge moves and thickens with its rate.
    await expect(page.locator('[data-flow="produce"] .flow-path--moving')).toHaveCount(1);
    await expect.poll(async () => Number(await page.locator('[data-flow="produce"]').getAttribute('data-rate'))).toBeGreaterThan(50);
    // Then from the start again at a quarter speed: the 10 s run lasts 40 s of wall time, so it
    // is still running when the checks below look at it, however slow the machine (under heavy
    // load the 1× run had ended before them, even after the speed was lowered mid-run).
    await page.getByTestId('reset').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Ready');
    await page.getByTestId('speed').selectOption('0.25');
    await page.getByTestId('play').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Running');
    await expect.poll(() => simTimeUs(page)).toBeGreaterThan(300_000);
    await expect.poll(() => topicRecords(page, 'order-events')).toBeGreaterThan(20);
    // Still growing: both the clock and the log.
    const t1 = await simTimeUs(page);
    const r1 = await topicRecords(page, 'order-events');
    await expect.poll(() => simTimeUs(page)).toBeGreaterThan(t1);
    await expect.poll(() => topicRecords(page, 'order-events')).toBeGreaterThan(r1);
    await expect.poll(async () => Number(await page.getByTestId('group-processed-payment').textContent())).toBeGreaterThan(0);

    await page.getByTestId('pause').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Paused');
    await expect(page.locator('.flow-path--moving')).toHaveCount(0);
    const paused = await simTimeUs(page);
    const pausedRecords = await topicRecords(page, 'order-events');
    await page.waitForTimeout(1500);
    expect(await simTimeUs(page)).toBe(paused);
    expect(await topicRecords(page, 'order-events')).toBe(pausedRecords);

    expect(problems).toEqual([]);
  });

  test('Reset goes back to time zero with empty logs', async ({ page, problems }) => {
    await openApp(page);
    await page.getByTestId('play').click();
    await expect.poll(() => simTimeUs(page)).toBeGreaterThan(200_000);
    await page.getByTestId('reset').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Ready');
    expect(await simTimeUs(page)).toBe(0);
    expect(await topicRecords(page, 'order-events')).toBe(0);
    expect(problems).toEqual([]);
  });
});
