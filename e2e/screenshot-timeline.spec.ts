import { expect, test } from './fixtures';
import { openAndRun, scrubTo } from './timelineHelpers';

/** Not pixel assertions: screenshots of the timeline and the explorer for a person to look at. */
for (const theme of ['light', 'dark'] as const) {
  test(`screenshots of the timeline, explorer, fork comparison and space-time (${theme})`, async ({ page, problems }) => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await openAndRun(page);
    if (theme === 'dark') await page.getByTestId('theme-toggle').click();
    await page.getByTestId('anomaly-duplicate').first().locator('.anomaly__main').click();
    await page.getByTestId('toggle-fault-lanes').click();
    await page.screenshot({ path: `test-results/timeline-${theme}-anomaly.png` });
    await page.getByTestId('toggle-fault-lanes').click();
    await scrubTo(page, 1000);
    await page.getByTestId('group-node-ledger').locator('.node__title').click({ button: 'right' });
    await page.screenshot({ path: `test-results/timeline-${theme}-inject-menu.png` });
    await page.keyboard.press('Escape');
    await scrubTo(page, 2400);
    await page.getByTestId('what-if').click();
    await page.getByTestId('what-if-point-cursor').check();
    await page.getByTestId('what-if-ledger-idem').click();
    await page.getByTestId('tab-compare').click();
    await expect(page.getByTestId('cmp-effects')).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: `test-results/timeline-${theme}-compare.png` });
    await scrubTo(page, 2600);
    await page.getByTestId('tab-spaceTime').click();
    await expect.poll(() => page.locator('.st-append').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `test-results/timeline-${theme}-spacetime.png` });
    await page.getByTestId('tab-anomalies').click();
    await page.getByTestId('anomaly-duplicate').first().getByTestId('anomaly-lineage').click();
    await expect(page.getByTestId('lineage')).toContainText('appended by');
    await page.screenshot({ path: `test-results/timeline-${theme}-lineage.png` });
    expect(problems).toEqual([]);
  });
}
