import { expect, test } from './fixtures';
import { cursorUs, openAndRun, scrubTo, stripState } from './timelineHelpers';

test.describe('timeline and anomaly explorer', () => {
  test('inject a consumer crash → a duplicate with its explanation; click → cursor and canvas jump', async ({ page, problems }) => {
    await openAndRun(page);
    await scrubTo(page, 1000);
    await page.getByTestId('group-node-ledger').locator('.node__title').click({ button: 'right' });
    await expect(page.getByTestId('node-menu')).toBeVisible();
    await page.getByTestId('inject-crash-ledger-2').click();
    await expect(page.getByTestId('run-switcher')).toBeVisible();
    await expect(page.getByTestId('run-switcher').locator('option:checked')).toContainText('B: Crash ledger-2');
    await page.getByTestId('tl-play').click();
    const dup = page.getByTestId('anomaly-duplicate').filter({ hasText: 'ledger-2 crashed at 1,001' }).first();
    await expect(dup).toBeVisible({ timeout: 15_000 });
    await expect(dup.getByTestId('anomaly-explanation')).toContainText('processed twice by group ledger');
    if (await page.getByTestId('tl-pause').isVisible()) await page.getByTestId('tl-pause').click();
    await dup.locator('.anomaly__main').click();
    await expect(dup).toHaveClass(/is-selected/);
    const index = Number(await dup.getAttribute('data-index'));
    await expect(page.getByTestId('cursor-time')).toHaveAttribute('data-index', String(index + 1));
    const tp = (await dup.locator('.anomaly__where').textContent())!.split(' @ ')[0]!;
    await expect(page.getByTestId(`highlight-${tp.replace(/-(\d+)$/, '-$1')}`)).toBeVisible();
    await expect(page.getByTestId('highlight-group-ledger')).toContainText(tp);
    expect(problems).toEqual([]);
  });

  test('scrub back before the crash shows earlier offsets; forward again is identical', async ({ page, problems }) => {
    await openAndRun(page);
    await scrubTo(page, 5000);
    const after = await stripState(page);
    const shotAfter = await page.getByTestId('topic-node-payments').screenshot();
    await scrubTo(page, 2000);
    const before = await stripState(page);
    expect(before).not.toEqual(after);
    const leo = (s: string[]) => s.map((x) => Number(x.split('|')[0]));
    leo(before).forEach((n, p) => expect(n).toBeLessThan(leo(after)[p]!));
    await scrubTo(page, 5000);
    expect(await stripState(page)).toEqual(after);
    // A fault marker on the bar jumps the cursor to the fault.
    await page.locator('[data-testid="marker-fault"][aria-label*="crashed"]').first().click();
    await expect.poll(() => cursorUs(page)).toBe(2_500_000);
    await scrubTo(page, 5000);
    expect((await page.getByTestId('topic-node-payments').screenshot()).equals(shotAfter)).toBe(true);
    expect(problems).toEqual([]);
  });

  test('fork before the crash with an idempotent consumer → no duplicate side effect, compared', async ({ page, problems }) => {
    await openAndRun(page);
    await scrubTo(page, 2400);
    await page.getByTestId('what-if').click();
    await page.getByTestId('what-if-point-cursor').check();
    await page.getByTestId('what-if-ledger-idem').click();
    await expect(page.getByTestId('run-switcher').locator('option:checked')).toHaveText(/^B: ledger: idempotent consumer, from 2,\d{3}(\.\d+)? ms/);
    await page.getByTestId('tab-compare').click();
    const effects = page.getByTestId('cmp-effects');
    await expect(effects).toBeVisible({ timeout: 20_000 });
    expect(Number(await effects.getAttribute('data-a'))).toBeGreaterThan(0);
    await expect(effects).toHaveAttribute('data-b', '0');
    await expect(page.getByTestId('divergence')).toContainText('First divergence');
    // Run B's duplicates for ledger were all absorbed by the dedup store.
    await page.getByTestId('tab-anomalies').click();
    const ledgerDups = page.getByTestId('anomaly-duplicate').filter({ hasText: 'ledger /' });
    await expect(ledgerDups.first()).toContainText('absorbed');
    expect(await ledgerDups.filter({ hasNotText: 'absorbed' }).count()).toBe(0);
    // The divergence link moves the cursor there.
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('divergence').click();
    await expect.poll(() => cursorUs(page)).toBeGreaterThan(2_400_000);
    expect(problems).toEqual([]);
  });

  test('keyboard only: play, pause, step, jump to the next anomaly', async ({ page, problems }) => {
    await openAndRun(page);
    await page.locator('body').click({ position: { x: 5, y: 500 } });
    await page.keyboard.press('Home');
    await expect(page.getByTestId('cursor-time')).toHaveAttribute('data-index', '0');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('cursor-time')).toHaveAttribute('data-index', '1');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => cursorUs(page)).toBeGreaterThanOrEqual(100_000);
    await page.keyboard.press('n');
    const selected = page.locator('.anomaly.is-selected');
    await expect(selected).toHaveCount(1);
    const index = Number(await selected.getAttribute('data-index'));
    await expect(page.getByTestId('cursor-time')).toHaveAttribute('data-index', String(index + 1));
    await page.keyboard.press('Home');
    await expect(page.getByTestId('cursor-time')).toHaveAttribute('data-index', '0');
    await page.keyboard.press(' ');
    await expect(page.getByTestId('sim-status')).toHaveText('Running');
    await expect.poll(() => cursorUs(page)).toBeGreaterThan(0);
    await page.keyboard.press(' ');
    await expect(page.getByTestId('sim-status')).toHaveText('Reviewing');
    const t = await cursorUs(page);
    await page.waitForTimeout(200);
    expect(await cursorUs(page)).toBe(t);
    await page.keyboard.press('End');
    await expect(page.getByTestId('cursor-time')).toHaveAttribute('data-index', '');
    expect(problems).toEqual([]);
  });
});
