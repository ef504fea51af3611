import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openFresh, test } from './fixtures';
import { cursorUs, openAndRun, scrubTo } from './timelineHelpers';

/*
 * Issue 12's Kafka faults and settings a user reaches from the UI: the transaction coordinator
 * failing over (node menu of a transactional group), a producer restarting with a new producer
 * id (node menu of a producer), and offsets.retention.minutes in the design settings, which
 * reaches the exported scenario. Waits for states only.
 */

const END_MS = 8000;

async function openMenu(page: Page, node: string) {
  await page.getByTestId(node).locator('.node__title').click({ button: 'right' });
  await expect(page.getByTestId('node-menu')).toBeVisible();
}

async function playToEnd(page: Page) {
  await page.getByTestId('tl-play').click();
  await expect.poll(() => cursorUs(page), { timeout: 120_000 }).toBe(END_MS * 1000);
  await expect(page.getByTestId('sim-status')).not.toHaveText('Running');
}

test('exactly-once: the transaction coordinator fails over from ledger-eos’ node menu; the timeline marks it', async ({
  page,
  problems,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1600, height: 1100 });
  await openAndRun(page, 'exactly-once');
  await scrubTo(page, 1000, END_MS);
  await openMenu(page, 'group-node-ledger-eos');
  const item = page.getByTestId('inject-txn-failover-ledger-eos');
  await expect(item).toHaveText('Fail over the transaction coordinator for 2 s');
  // A group that is not transactional has no such item.
  await page.keyboard.press('Escape');
  await openMenu(page, 'group-node-ledger-alo');
  await expect(page.getByTestId('inject-txn-failover-ledger-alo')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await openMenu(page, 'group-node-ledger-eos');
  await page.getByTestId('inject-txn-failover-ledger-eos').click();
  await expect(page.getByTestId('run-switcher').locator('option:checked')).toContainText('B: ');
  await playToEnd(page);
  const marks = page.getByTestId('marker-fault');
  await expect
    .poll(async () =>
      (await marks.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''))).some((t) =>
        t.includes('transaction coordinator fails over: COORDINATOR_NOT_AVAILABLE for 2000 ms'),
      ),
    )
    .toBe(true);
  await page.screenshot({ path: '/tmp/s7-failover.png' });
  expect(problems).toEqual([]);
});

test('a producer restarted from its node menu: the fork runs, and the timeline names the new producer id', async ({
  page,
  problems,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1600, height: 1100 });
  await openAndRun(page, 'broker-failure');
  const end = Number(
    (
      JSON.parse(
        readFileSync(new URL('../src/scenarios/broker-failure.json', import.meta.url), 'utf8'),
      ) as {
        durationMs: number;
      }
    ).durationMs,
  );
  await scrubTo(page, Math.round(end / 3), end);
  const producer = (
    JSON.parse(
      readFileSync(new URL('../src/scenarios/broker-failure.json', import.meta.url), 'utf8'),
    ) as {
      producers: { id: string }[];
    }
  ).producers[0]!.id;
  await openMenu(page, `producer-node-${producer}`);
  const item = page.getByTestId(`inject-producer-restart-${producer}`);
  await expect(item).toHaveText('Restart the producer (new producer id)');
  await item.click();
  await expect(page.getByTestId('run-switcher').locator('option:checked')).toContainText('B: ');
  await page.getByTestId('tl-play').click();
  await expect.poll(() => cursorUs(page), { timeout: 120_000 }).toBe(end * 1000);
  const marks = page.getByTestId('marker-fault');
  await expect
    .poll(async () =>
      (await marks.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''))).some((t) =>
        new RegExp(`${producer} restarted as producer id \\d+`).test(t),
      ),
    )
    .toBe(true);
  expect(problems).toEqual([]);
});

test('Design settings: offsets.retention.minutes reaches the exported scenario, and clearing it removes the broker section', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption('crash-before-commit');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await page.getByTestId('design-settings').click();
  const field = page.getByTestId('field-broker/offsets.retention.minutes');
  await expect(field).toHaveValue('');
  await expect(field).toHaveAttribute('placeholder', '10080');
  await field.fill('1');
  await field.blur();
  await page.screenshot({ path: '/tmp/s7-broker-settings.png' });
  const exported = async () => {
    await page.getByTestId('file-menu').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-json').click();
    return JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as {
      broker?: Record<string, number>;
    };
  };
  await expect.poll(async () => (await exported()).broker?.['offsets.retention.minutes']).toBe(1);
  await field.fill('');
  await field.blur();
  await expect.poll(async () => (await exported()).broker).toBeUndefined();
  expect(problems).toEqual([]);
});

test('a transactional producer set up in its panel: restarted from its node menu, the new instance fences the old one and its open transaction is aborted, which read_uncommitted groups read', async ({
  page,
  problems,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1600, height: 1100 });
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption('crash-before-commit');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await page.getByTestId('producer-node-checkout').locator('.node__title').click();
  const tid = page.getByTestId('field-config/transactional.id');
  await tid.fill('tx-checkout');
  await tid.blur();
  // The settings that only make sense with a transactional.id appear with it.
  await expect(page.getByTestId('field-transactionRecords')).toHaveAttribute('placeholder', '10');
  await page.screenshot({ path: '/tmp/s8-txn-producer-panel.png' });
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 60_000 });
  await scrubTo(page, 3000, END_MS);
  await openMenu(page, 'producer-node-checkout');
  const item = page.getByTestId('inject-producer-restart-checkout');
  await expect(item).toHaveText('Restart the producer (initTransactions fences the old instance)');
  await item.click();
  await expect(page.getByTestId('run-switcher').locator('option:checked')).toContainText('B: ');
  await playToEnd(page);
  const titles = () =>
    page
      .getByTestId('marker-fault')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
  await expect
    .poll(async () =>
      (await titles()).some((t) =>
        t.includes('checkout restarted: its new instance calls initTransactions'),
      ),
    )
    .toBe(true);
  await expect
    .poll(async () =>
      (await titles()).some((t) =>
        /tx-checkout \(producer id \d+\): epoch 0 fenced by its restarted instance \(epoch 1\); transaction \d+ aborted/.test(
          t,
        ),
      ),
    )
    .toBe(true);
  // Both groups read with read_uncommitted (Kafka's default): the aborted records count.
  await expect(page.getByTestId('group-aborted-read-ledger')).toBeVisible();
  await page.screenshot({ path: '/tmp/s8-txn-producer-restart.png' });
  expect(problems).toEqual([]);
});
