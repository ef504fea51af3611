import { expect, test } from './fixtures';
import { openAndRun, scrubTo } from './timelineHelpers';

test.describe('lineage and the space-time diagram', () => {
  test("a duplicate's lineage shows both deliveries; any record can be traced from its partition", async ({ page, problems }) => {
    await openAndRun(page);
    const dup = page.getByTestId('anomaly-duplicate').first();
    await dup.getByTestId('anomaly-lineage').click();
    const lineage = page.getByTestId('lineage');
    await expect(lineage).toContainText('appended by checkout to payments-');
    await expect(lineage.locator('li', { hasText: 'processed by ledger' })).toHaveCount(2);
    await expect(lineage).toContainText('redelivered');

    await scrubTo(page, 3000);
    await page.getByTestId('topic-node-payments').locator('.strips__label').nth(2).click();
    const chips = page.getByTestId('record-chip');
    await expect(chips.first()).toBeVisible();
    await chips.first().click();
    await expect(page.getByTestId('lineage')).toContainText('appended by checkout to payments-2');
    expect(problems).toEqual([]);
  });

  test('the space-time diagram has a lane per producer, partition and member, follows the cursor and zooms', async ({ page, problems }) => {
    await openAndRun(page);
    await scrubTo(page, 2500);
    await page.getByTestId('tab-spaceTime').click();
    const st = page.getByTestId('space-time');
    for (const lane of ['checkout', 'payments-0', 'payments-3', 'ledger-1', 'notifier-2']) await expect(st.locator('.st-lane text', { hasText: lane }).first()).toBeAttached();
    await expect.poll(() => st.locator('.st-append').count()).toBeGreaterThan(0);
    await expect(st.locator('.st-cursor')).toBeAttached();
    await expect(st).toContainText('Window 400 ms');
    await st.getByTestId('st-zoom-in').click();
    await expect(st).toContainText('Window 200 ms');
    const firstTick = await st.locator('.st-tick').first().textContent();
    await scrubTo(page, 6000);
    await expect.poll(() => st.locator('.st-tick').first().textContent()).not.toBe(firstTick);
    expect(problems).toEqual([]);
  });
});
