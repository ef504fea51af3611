import type { Page } from '@playwright/test';
import { expect, openFresh, selectNode, test, topicRecords, waitForSim } from './fixtures';
import { scrubTo } from './timelineHelpers';

/*
 * Issue 12, "Seeing it" for transactions: the partition strips draw COMMIT/ABORT markers,
 * aborted and open records apart and show the last stable offset (LSO); the timeline marks
 * a producer fenced by its restarted instance and a zombie's aborted transaction; the group
 * panel edits transactional.id, transaction.timeout.ms and isolation.level with field errors.
 * The strips expose what they draw as data-* on each partition's log-end offset (counts over
 * the drawn tail). Waits for states only.
 */

/** Opens a built-in from the menu and records it to its end at the fastest speed. */
async function runBuiltIn(page: Page, id: string, zh = false): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await page.getByTestId('scenario-menu').selectOption(id);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await expect(page.getByTestId('sim-status')).toHaveText(zh ? '就绪' : 'Ready');
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText(zh ? '已结束' : 'Finished', {
    timeout: 180_000,
  });
}

/** Σ over a topic's partitions of a data-* count the strips expose. */
async function stripCount(page: Page, topic: string, attr: string): Promise<number> {
  const spans = page.locator(`[data-testid^="leo-${topic}-"]`);
  const values = await spans.evaluateAll(
    (els, a) => els.map((e) => Number(e.getAttribute(a) ?? 'NaN')),
    attr,
  );
  return values.reduce((s, v) => s + v, 0);
}

test('exactly-once: the LSO held by the crashed transaction, ABORT markers once its restarted instance fences it, the fencing on the timeline', async ({
  page,
  problems,
}) => {
  test.setTimeout(300_000);
  await runBuiltIn(page, 'exactly-once');
  // The legend explains the marks, on the transactional topic.
  await expect(page.getByTestId('legend-txn-ledger-entries')).toBeVisible();
  await expect(page.getByTestId('legend-txn-ledger-entries')).toHaveAttribute(
    'title',
    /ABORT marker/,
  );
  // 3,000 ms: ledger-eos-1 crashed at 2,700 ms inside a transaction that wrote every partition
  // of ledger-entries: the LSO stays at its first record, below the high watermark.
  await scrubTo(page, 3000);
  for (let p = 0; p < 3; p++) {
    const lso = page.getByTestId(`lso-ledger-entries-${p}`);
    await expect(lso).toBeVisible();
    const leo = page.getByTestId(`leo-ledger-entries-${p}`);
    const at = Number(await leo.getAttribute('data-lso'));
    await expect(lso).toHaveText(`LSO ${at}`);
    expect(at).toBeLessThan(Number((await leo.textContent())!.replace(/LSO.*/, '')));
    await expect(leo).toHaveAttribute('title', /last stable offset \(LSO\) \d+ < high watermark/);
    await expect(leo).toHaveAttribute('title', /audit-eos \(read_committed\)/);
  }
  expect(await stripCount(page, 'ledger-entries', 'data-open-records')).toBeGreaterThan(0);
  // The at-least-once topic has no transactions: no LSO apart from its high watermark.
  await expect(page.locator('[data-testid^="lso-ledger-entries-alo-"]')).toHaveCount(0);
  await page
    .getByTestId('topic-node-ledger-entries')
    .screenshot({ path: '/tmp/h12-txn-lso-held.png' });

  // The restart at 3,500 ms: its initTransactions bumps the epoch and aborts the open
  // transaction. The mark says so; its marker (shared with the restarts) seeks there.
  const fenced = page.locator(
    '[data-testid="marker-fault"][aria-label*="tx-ledger-eos-1 (producer id"][aria-label*="fenced by its restarted instance (epoch 1)"]',
  );
  await expect(fenced).toHaveCount(1);
  await expect(fenced).toHaveAttribute('aria-label', /transaction \d+ aborted \(\d+ records\)/);
  // The rebalance marker at the same instant lies over it: a click event on the marker itself.
  await fenced.dispatchEvent('click');
  // Step event by event until the ABORT markers are drawn (the restart comes first).
  await expect
    .poll(async () => {
      if ((await stripCount(page, 'ledger-entries', 'data-abort-markers')) > 0) return true;
      await page.getByTestId('tl-step').click();
      return false;
    })
    .toBe(true);
  // One ABORT marker on each partition the transaction wrote: all three; the LSO is released.
  for (let p = 0; p < 3; p++)
    await expect(page.getByTestId(`leo-ledger-entries-${p}`)).toHaveAttribute(
      'data-abort-markers',
      '1',
    );
  await expect(page.getByTestId('leo-ledger-entries-0')).toHaveAttribute(
    'title',
    /1 ABORT markers?/,
  );
  await page
    .getByTestId('topic-node-ledger-entries')
    .screenshot({ path: '/tmp/h12-txn-abort-markers.png' });
  // The header counts records, not offsets: the markers take offsets but are no records.
  const offsets = await topicRecords(page, 'ledger-entries');
  const records = Number(await page.getByTestId('topic-records-ledger-entries').textContent());
  expect(records).toBeGreaterThan(0);
  expect(records).toBeLessThan(offsets);
  await page.screenshot({ path: '/tmp/h12-txn-exactly-once.png' });
  expect(problems).toEqual([]);
});

test('zombie-fenced: the zombie’s aborted records and ABORT markers on the strips, its mark on the timeline, and the counters', async ({
  page,
  problems,
}) => {
  test.setTimeout(300_000);
  await runBuiltIn(page, 'zombie-fenced');
  // audit-dirty (read_uncommitted) processed the zombie's aborted records: the node says so.
  await expect(page.getByTestId('group-aborted-read-audit-dirty')).toHaveAttribute(
    'data-value',
    /^[1-9]\d*$/,
  );
  await expect(page.getByTestId('total-abortedRead')).toBeVisible();
  await expect(page.getByTestId('group-aborted-read-audit')).toHaveCount(0);
  await expect(page.getByTestId('group-read-committed-audit')).toBeVisible();
  const zombie = page.locator(
    '[data-testid="marker-fault"][aria-label*="ledger-1 is a zombie: its commit got UNKNOWN_MEMBER_ID (KIP-447)"]',
  );
  await expect(zombie).toHaveCount(1);
  await zombie.dispatchEvent('click');
  // Right after the abort: the zombie's records, written since it woke, are in the tails.
  await expect.poll(() => stripCount(page, 'ledger-entries', 'data-abort-markers')).toBe(3);
  expect(await stripCount(page, 'ledger-entries', 'data-aborted-records')).toBeGreaterThan(0);
  await page
    .getByTestId('topic-node-ledger-entries')
    .screenshot({ path: '/tmp/h12-txn-zombie-strips.png' });
  expect(problems).toEqual([]);
});

test('the group panel: transactional.id, transaction.timeout.ms, isolation.level under Kafka’s names, with errors per field', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption('exactly-once');
  await waitForSim(page);
  await selectNode(page, 'group-node-ledger-eos');
  const tid = page.getByTestId('field-config/transactional.id');
  const timeout = page.getByTestId('field-config/transaction.timeout.ms');
  const isolation = page.getByTestId('field-config/isolation.level');
  await expect(tid).toHaveValue('tx-{member}');
  await expect(timeout).toHaveValue('10000');
  await expect(timeout).toHaveAttribute('placeholder', '60000');
  await expect(isolation).toHaveValue('');
  await expect(page.getByTestId('field-commit-mode')).toContainText('sendOffsetsToTransaction');
  // Kafka's bound: transaction.max.timeout.ms (15 minutes) on the broker.
  await timeout.fill('1000000');
  await expect(page.getByTestId('field-error-config/transaction.timeout.ms')).toBeVisible();
  await timeout.fill('5000');
  await expect(page.getByTestId('field-error-config/transaction.timeout.ms')).toHaveCount(0);
  // Two members sharing one transactional.id would fence each other.
  await tid.fill('tx-ledger');
  await expect(page.getByTestId('field-error-config/transactional.id')).toContainText('{member}');
  await tid.fill('tx-{member}');
  await expect(page.getByTestId('field-error-config/transactional.id')).toHaveCount(0);
  // At-most-once cannot be combined with transactions: the error is under the commit select.
  await page.getByTestId('field-commit-mode').selectOption('before');
  await expect(page.getByTestId('field-error-commit')).toBeVisible();
  await page.getByTestId('field-commit-mode').selectOption('after');
  await expect(page.getByTestId('field-error-commit')).toHaveCount(0);
  // isolation.level: read_committed shows as a badge on the node.
  await expect(page.getByTestId('group-read-committed-ledger-eos')).toHaveCount(0);
  await isolation.selectOption('read_committed');
  await expect(page.getByTestId('group-read-committed-ledger-eos')).toBeVisible();
  await page.getByTestId('properties').screenshot({ path: '/tmp/h12-txn-group-form.png' });
  expect(problems).toEqual([]);
});

test('100 partitions with transactions: the compact rows flag the partitions an open transaction holds', async ({
  page,
  problems,
}) => {
  test.setTimeout(180_000);
  await openFresh(page);
  const scenario = {
    version: 1,
    name: 'transactions at 100 partitions',
    durationMs: 20_000,
    topics: [
      { name: 'payments', partitions: 8 },
      { name: 'ledger-entries', partitions: 100 },
    ],
    producers: [
      {
        id: 'checkout',
        topic: 'payments',
        rate: { kind: 'poisson', perSec: 200 },
        keys: { kind: 'uniform', count: 2000, prefix: 'account-' },
        keyField: 'accountId',
        eventType: 'PaymentCaptured',
      },
    ],
    groups: [
      {
        id: 'ledger',
        topics: ['payments'],
        members: 2,
        commit: 'after-processing',
        config: { 'transactional.id': 'tx-{member}', 'max.poll.records': 50 },
        // Busy (~90 %): batches fill up and a transaction is open most of the time.
        processingMs: { kind: 'uniform', minMs: 7, maxMs: 11 },
        handlers: [
          { on: 'PaymentCaptured', emit: [{ type: 'LedgerEntry', topic: 'ledger-entries' }] },
        ],
      },
      {
        id: 'audit',
        topics: ['ledger-entries'],
        members: 2,
        commit: 'after-processing',
        config: { 'isolation.level': 'read_committed' },
        processingMs: 0.2,
      },
    ],
    faults: [],
  };
  await page.getByTestId('import-input').setInputFiles({
    name: 'txn100.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await waitForSim(page);
  const compact = page.getByTestId('strips-compact-ledger-entries');
  await expect(compact).toHaveAttribute('data-held', '0');
  await page.getByTestId('play').click();
  // While transactions are open, some partitions' LSO sits below the high watermark.
  // Both read in one go inside the page (one rendered frame): the count and its label agree.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const bars = document.querySelector<HTMLElement>(
          '[data-testid="strips-compact-ledger-entries"]',
        );
        const label = document.querySelector('[data-testid="lso-held-ledger-entries"]');
        return Number(bars?.dataset.held) > 0 && label !== null;
      }),
    )
    .toBe(true);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Paused');
  await page
    .getByTestId('topic-node-ledger-entries')
    .screenshot({ path: '/tmp/h12-txn-compact.png' });
  // The partition table gets an LSO column.
  await page.getByTestId('partition-table-toggle-ledger-entries').click();
  await expect(page.getByTestId('partition-table-ledger-entries')).toContainText('LSO');
  expect(problems).toEqual([]);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('exactly-once in Chinese: the legend, the LSO and the fencing mark keep Kafka’s names', async ({
    page,
    problems,
  }) => {
    test.setTimeout(300_000);
    await runBuiltIn(page, 'exactly-once', true);
    const legend = page.getByTestId('legend-txn-ledger-entries');
    await expect(legend).toContainText('COMMIT');
    await expect(legend).toContainText('已中止');
    await expect(page.getByTestId('group-read-committed-audit-eos')).toHaveText('read_committed');
    await expect(
      page.locator(
        '[data-testid="marker-fault"][aria-label*="tx-ledger-eos-1（producer id"][aria-label*="被重启后的新实例（epoch 1）隔离（fenced）"]',
      ),
    ).toHaveCount(1);
    await scrubTo(page, 3000);
    await expect(page.getByTestId('lso-ledger-entries-0')).toHaveAttribute(
      'title',
      /^最后稳定偏移量 \d+，低于高水位 \d+/,
    );
    await page.screenshot({ path: '/tmp/h12-txn-zh.png' });
    expect(problems).toEqual([]);
  });
});
