import { expect, test } from './fixtures';
import { openAndRun, scrubTo, stripState } from './timelineHelpers';

test.describe('sharing the moment', () => {
  test('a copied URL reopens the same run (a fork) at the same cursor', async ({ page, context, problems }) => {
    await openAndRun(page);
    await scrubTo(page, 2400);
    await page.getByTestId('what-if').click();
    await page.getByTestId('what-if-point-cursor').check();
    await page.getByTestId('what-if-ledger-idem').click();
    await page.getByTestId('tab-compare').click();
    await expect(page.getByTestId('cmp-effects')).toBeVisible({ timeout: 20_000 });
    await scrubTo(page, 3500);
    await expect.poll(() => page.url()).toContain('#run=');
    const index = await page.getByTestId('cursor-time').getAttribute('data-index');
    await expect.poll(async () => page.url(), { timeout: 5000 }).toMatch(/#run=/);
    await page.waitForTimeout(500);
    const url = page.url();
    const strips = await stripState(page);
    const run = await page.getByTestId('run-switcher').locator('option:checked').textContent();

    const other = await context.newPage();
    await other.goto(url);
    await expect(other.locator('.banner')).toContainText('Opened a shared moment', { timeout: 30_000 });
    await expect(other.getByTestId('run-switcher').locator('option:checked')).toHaveText(run!);
    await expect(other.getByTestId('cursor-time')).toHaveAttribute('data-index', index!);
    await expect.poll(() => stripState(other)).toEqual(strips);
    await expect(other.getByTestId('scenario-menu')).toHaveValue('');
    expect(problems).toEqual([]);
  });

  test('a malformed link: a clear message and the default scenario, never a blank page', async ({ page, problems }) => {
    await page.goto('/#run=this-is-not*a-share-link');
    await expect(page.locator('.banner')).toContainText('This link could not be opened; the default scenario is open instead');
    await expect(page.locator('.banner')).toContainText('damaged');
    await expect(page.getByTestId('scenario-menu')).toHaveValue('order-flow');
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
    expect(page.url()).not.toContain('#run=');
    expect(problems).toEqual([]);
  });

  test('an oversized link: a clear message and the default scenario', async ({ page, problems }) => {
    await page.goto(`/#run=${'A'.repeat(250_000)}`);
    await expect(page.locator('.banner')).toContainText('too long: 250,000 characters');
    await expect(page.getByTestId('scenario-menu')).toHaveValue('order-flow');
    await expect(page.getByTestId('toolbar')).toBeVisible();
    expect(problems).toEqual([]);
  });
});
