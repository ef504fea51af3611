import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openFresh, test, waitForSim } from './fixtures';

/*
 * The transaction built-ins (issue 12) opened from the built-in menu and run to the end: the
 * description the summary bar shows, the transactional / read_committed badges, and the figures
 * the group nodes show at the end of the run. The expected numbers are the ones lesson 15's
 * narration quotes (src/lessons/15-exactly-once-with-transactions.json), which lessons.test.ts
 * measures on the engine's run: the canvas must show the same. Waits for states only.
 */
type Text = { en: string; 'zh-CN': string };
const json = (path: string) =>
  JSON.parse(readFileSync(new URL(`../src/${path}`, import.meta.url), 'utf8')) as unknown;
const LESSON = json('lessons/15-exactly-once-with-transactions.json') as {
  steps: { narration: Text }[];
};
const builtIn = (id: string) => json(`scenarios/${id}.json`) as { description: string };

/** The number an English narration quotes right before `after` ("processed 25 payments twice"). */
function quoted(narration: string, after: string): number {
  const m = new RegExp(`(\\d[\\d,]*)\\s*${after}`).exec(narration);
  if (!m) throw new Error(`no number before "${after}" in: ${narration}`);
  return Number(m[1]!.replace(/,/g, ''));
}

const ALO_TWICE = quoted(LESSON.steps[0]!.narration.en, 'payments twice');
const EOS_ABORTED = quoted(LESSON.steps[1]!.narration.en, 'LedgerEntry records written');
const ZOMBIE_ABORTED = quoted(LESSON.steps[4]!.narration.en, 'records\\. \\[audit\\]');

/** Opens a built-in from the menu and runs it to its end at the fastest speed. */
async function runBuiltIn(page: Page, id: string): Promise<void> {
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption(id);
  await waitForSim(page);
  await expect(page.locator('.summary__description')).toHaveText(builtIn(id).description);
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 180_000 });
}

const figure = (page: Page, what: string, group: string) =>
  page.getByTestId(`group-${what}-${group}`);

test('exactly-once: the same crash writes at-least-once output twice downstream, transactional output once; read_uncommitted reads the aborted records', async ({
  page,
  problems,
}) => {
  test.setTimeout(300_000);
  await runBuiltIn(page, 'exactly-once');
  await expect(page.getByTestId('group-transactional-ledger-eos')).toBeVisible();
  await expect(page.getByTestId('group-transactional-ledger-alo')).toHaveCount(0);
  await expect(page.getByTestId('group-read-committed-audit-eos')).toBeVisible();
  await expect(page.getByTestId('group-read-committed-audit-dirty')).toHaveCount(0);
  // Both ledgers process the crashed batch again: processing (a side effect) repeats either way.
  await expect(figure(page, 'duplicates', 'ledger-alo')).toHaveAttribute(
    'data-value',
    String(ALO_TWICE),
  );
  await expect(figure(page, 'duplicates', 'ledger-eos')).toHaveAttribute(
    'data-value',
    String(EOS_ABORTED),
  );
  // Downstream: audit-alo reads each rewritten output twice; audit-eos (read_committed over a
  // transactional topic) never; audit-dirty (read_uncommitted) read the aborted records.
  await expect(figure(page, 'output-duplicates', 'audit-alo')).toHaveAttribute(
    'data-value',
    String(ALO_TWICE),
  );
  await expect(figure(page, 'output-duplicates', 'audit-eos')).toHaveCount(0);
  await expect(figure(page, 'aborted-read', 'audit-eos')).toHaveCount(0);
  await expect(figure(page, 'aborted-read', 'audit-dirty')).toHaveAttribute(
    'data-value',
    String(EOS_ABORTED),
  );
  for (const g of ['audit-eos', 'audit-alo', 'audit-dirty'])
    await expect(figure(page, 'duplicates', g)).toHaveAttribute('data-value', '0');
  // The summary bar's transaction figures: the aborted records read, and every output read twice.
  await expect(page.getByTestId('total-abortedRead')).toHaveAttribute(
    'data-value',
    String(EOS_ABORTED),
  );
  await expect(page.getByTestId('total-outputDuplicates')).toHaveAttribute(
    'data-value',
    String(ALO_TWICE + EOS_ABORTED),
  );
  // The restart's initTransactions on the timeline: epoch 0 fenced by epoch 1, at 3,500 ms.
  const fenced = page.locator(
    '[data-testid="marker-fault"][aria-label*="epoch 0 fenced by its restarted instance (epoch 1)"]',
  );
  await expect(fenced).toHaveCount(1);
  await expect(fenced).toHaveAttribute('aria-label', new RegExp(`\\(${EOS_ABORTED} records\\)`));
  // At the restart's time (the rebalance mark at the same spot lies over it, so it is read, not
  // clicked).
  await expect(fenced).toHaveAttribute(
    'title',
    /epoch 0 fenced by its restarted instance \(epoch 1\)[^\n]*· 3,500 ms/,
  );
  await page.screenshot({ path: '/tmp/h12-exactly-once.png' });
  expect(problems).toEqual([]);
});

test('zombie-fenced: the paused member is removed, its batch processed again, its transaction aborted; read_committed sees each output once', async ({
  page,
  problems,
}) => {
  test.setTimeout(300_000);
  await runBuiltIn(page, 'zombie-fenced');
  await expect(page.getByTestId('group-transactional-ledger')).toBeVisible();
  await expect(page.getByTestId('group-read-committed-audit')).toBeVisible();
  // ledger-2 processed the zombie's batch again from the committed offsets.
  await expect(figure(page, 'duplicates', 'ledger')).toHaveAttribute(
    'data-value',
    String(ZOMBIE_ABORTED),
  );
  await expect(figure(page, 'output-duplicates', 'audit')).toHaveCount(0);
  await expect(figure(page, 'aborted-read', 'audit')).toHaveCount(0);
  await expect(figure(page, 'aborted-read', 'audit-dirty')).toHaveAttribute(
    'data-value',
    String(ZOMBIE_ABORTED),
  );
  // Everyone caught up: no lag left in the read_committed reader (its lag counts to the LSO).
  await expect(figure(page, 'lag', 'audit')).toHaveAttribute('data-value', '0');
  await expect(page.getByTestId('total-abortedRead')).toHaveAttribute(
    'data-value',
    String(ZOMBIE_ABORTED),
  );
  await expect(page.getByTestId('total-outputDuplicates')).toHaveAttribute(
    'data-value',
    String(ZOMBIE_ABORTED),
  );
  // The zombie's refused commit and abort on the timeline.
  const zombie = page.locator(
    '[data-testid="marker-fault"][aria-label*="ledger-1 is a zombie: its commit got UNKNOWN_MEMBER_ID (KIP-447)"]',
  );
  await expect(zombie).toHaveCount(1);
  await expect(zombie).toHaveAttribute('aria-label', new RegExp(`\\(${ZOMBIE_ABORTED} records\\)`));
  await page.screenshot({ path: '/tmp/h12-zombie-fenced.png' });
  expect(problems).toEqual([]);
});
