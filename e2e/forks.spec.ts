import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openAndRun, scrubTo } from './timelineHelpers';

/** Opens "What if…", picks a fork point (default: the menu's first) and an option. */
async function whatIf(
  page: Page,
  option: string,
  point?: 'start' | 'anomaly' | 'cursor',
): Promise<void> {
  await page.getByTestId('what-if').click();
  if (point) await page.getByTestId(`what-if-point-${point}`).check();
  await page.getByTestId(`what-if-${option}`).click();
}

/** Waits until no run is still being recorded. */
async function recorded(page: Page): Promise<void> {
  await expect(
    page.getByTestId('run-switcher').locator('option', { hasText: 'recording…' }),
  ).toHaveCount(0, { timeout: 30_000 });
}

const optionTexts = (page: Page) =>
  page.getByTestId('run-switcher').locator('option').allTextContents();

test.describe('forks and comparisons that tell the truth', () => {
  test("a fork's canvas shows the fork's settings; the original's shows its own", async ({
    page,
    problems,
  }) => {
    await openAndRun(page);
    await expect(page.getByTestId('group-settings-notifier')).toContainText(
      'commit before processing',
    );
    await expect(page.getByTestId('fork-changes-notifier')).toHaveCount(0);
    await whatIf(page, 'notifier-both');
    await expect(page.getByTestId('run-switcher').locator('option:checked')).toContainText(
      'B: notifier: commit after processing + idempotent consumer, from',
    );
    await expect(page.getByTestId('group-settings-notifier')).toContainText(
      'commit after processing · idempotent',
    );
    await expect(page.getByTestId('fork-changes-notifier')).toHaveText(
      'run B: commit after processing · idempotent consumer',
    );
    // ledger was not changed: no fork note on it.
    await expect(page.getByTestId('fork-changes-ledger')).toHaveCount(0);
    await page.getByTestId('run-switcher').selectOption('0');
    await expect(page.getByTestId('group-settings-notifier')).toContainText(
      'commit before processing',
    );
    await expect(page.getByTestId('group-settings-notifier')).not.toContainText('idempotent');
    await expect(page.getByTestId('fork-changes-notifier')).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('What if offers only changes that differ, says where it forks, and warns when too late', async ({
    page,
    problems,
  }) => {
    await openAndRun(page);
    await page.getByTestId('what-if').click();
    // ledger commits after processing, notifier before: neither is offered what it already does.
    await expect(page.getByTestId('what-if-ledger-after')).toHaveCount(0);
    await expect(page.getByTestId('what-if-ledger-before')).toBeVisible();
    await expect(page.getByTestId('what-if-ledger-idem')).toBeVisible();
    await expect(page.getByTestId('what-if-notifier-before')).toHaveCount(0);
    await expect(page.getByTestId('what-if-notifier-after')).toBeVisible();
    // The default fork point: just before the first anomaly (the run has one), and it says so.
    await expect(page.getByTestId('what-if-point-anomaly')).toBeChecked();
    await expect(page.getByTestId('what-if-point')).toContainText(
      'The fork starts at just before the first anomaly',
    );
    await expect(page.getByTestId('what-if-warn-ledger-idem')).toHaveCount(0);
    await page.getByTestId('what-if-point-start').check();
    await expect(page.getByTestId('what-if-point')).toContainText(
      'The fork starts at the start of the run, ',
    );
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('what-if-menu')).toHaveCount(0);
    // At the end of the run there is nothing left to change: every option warns.
    await page.getByTestId('tl-live').click();
    await page.getByTestId('what-if').click();
    await page.getByTestId('what-if-point-cursor').check();
    await expect(page.getByTestId('what-if-warn-ledger-idem')).toContainText('end of the run');
    await page.getByTestId('what-if-ledger-idem').click();
    await expect(page.getByTestId('app-info')).toContainText(
      'nothing is left for the change to affect',
    );
    await recorded(page);
    // In the fork (ledger idempotent now), the menu offers to turn that off instead.
    await page.getByTestId('what-if').click();
    await expect(page.getByTestId('what-if-ledger-idem')).toHaveCount(0);
    await expect(page.getByTestId('what-if-ledger-not-idem')).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('runs have unique names with their fork time; Compare picks any two; the link keeps every run', async ({
    page,
    context,
    problems,
  }) => {
    await openAndRun(page);
    await whatIf(page, 'ledger-idem', 'start');
    await expect(page.getByTestId('run-switcher').locator('option')).toHaveCount(2);
    await recorded(page);
    await page.getByTestId('run-switcher').selectOption('0');
    await scrubTo(page, 2400);
    await whatIf(page, 'ledger-idem', 'cursor');
    // The fork appears first (recording), then is recorded to the end.
    await expect(page.getByTestId('run-switcher').locator('option')).toHaveCount(3);
    await recorded(page);
    const names = await optionTexts(page);
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    expect(names[1]).toMatch(/^B: ledger: idempotent consumer, from 0 ms$/);
    expect(names[2]).toMatch(/^C: ledger: idempotent consumer, from 2,\d{3}(\.\d+)? ms$/);

    await page.getByTestId('tab-compare').click();
    // The shown fork C against its parent A first; then any pair the user picks.
    await expect(page.getByTestId('compare-a')).toHaveValue('0');
    await expect(page.getByTestId('compare-b')).toHaveValue('2');
    await page.getByTestId('compare-a').selectOption('1');
    await expect(page.locator('.compare__head')).toContainText('Run B');
    await expect(page.locator('.compare__head')).toContainText('vs run C');
    const events = page.getByTestId('cmp-events');
    await expect(events).toBeVisible();
    const bEvents = await events.getAttribute('data-a');
    await page.getByTestId('compare-b').selectOption('0');
    await expect(page.locator('.compare__head')).toContainText('vs run A');
    await expect(events).toHaveAttribute('data-a', bEvents!);

    // The share link carries all three runs (not only the shown chain A → C).
    await page.getByTestId('run-switcher').selectOption('1');
    await scrubTo(page, 3000);
    await expect.poll(() => page.url()).toContain('#run=');
    const index = await page.getByTestId('cursor-time').getAttribute('data-index');
    await page.getByTestId('share-link').click();
    const url = page.url();
    const other = await context.newPage();
    await other.goto(url);
    await expect(other.locator('.banner')).toContainText('Opened a shared moment', {
      timeout: 60_000,
    });
    await expect(other.locator('.banner')).toContainText('Run B of 3 runs');
    expect(await optionTexts(other)).toEqual(names);
    await expect(other.getByTestId('run-switcher')).toHaveValue('1');
    await expect(other.getByTestId('cursor-time')).toHaveAttribute('data-index', index!);
    expect(problems).toEqual([]);
  });
});
