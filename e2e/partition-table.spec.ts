import { expect, openFresh, test, waitForSim } from './fixtures';

/*
 * The compact topic's partition table (100 partitions) reads fully inside its node: every
 * column, the last lag column included, lies within the table's scroll box and the box within
 * the node, at the common 1280 and 1440 px wide windows. The widest case the table has: the
 * LSO column (a topic transactions write to), the log start column (retention.ms set) and two
 * readers' lag columns. Scrollbars are shown as a desktop browser shows them (Playwright hides
 * them by default), since the vertical scrollbar takes its width from the table. Waits for
 * states only.
 */
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    ignoreDefaultArgs: ['--hide-scrollbars'],
  },
});

const scenario = {
  version: 1,
  name: 'transactions into 100 partitions',
  durationMs: 8000,
  topics: [
    { name: 'payments', partitions: 8 },
    { name: 'ledger-entries', partitions: 100, 'retention.ms': 600_000 },
  ],
  producers: [
    {
      id: 'checkout',
      topic: 'payments',
      rate: { kind: 'poisson', perSec: 1500 },
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
      processingMs: 0.5,
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
    // Slow: its lag column holds three-digit figures by the end.
    { id: 'archive', topics: ['ledger-entries'], members: 1, processingMs: 25 },
  ],
  faults: [],
};

for (const width of [1280, 1440])
  test(`100 partitions at ${width} px: the partition table's columns, the last lag column included, fit inside the node`, async ({
    page,
    problems,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    await openFresh(page);
    await page.getByTestId('import-input').setInputFiles({
      name: 'txn100.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(scenario)),
    });
    await expect(page.getByTestId('topic-node-ledger-entries')).toBeVisible();
    await waitForSim(page);
    await page.getByTestId('speed').selectOption('max');
    await page.getByTestId('tl-play').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 120_000 });
    await page.getByTestId('partition-table-toggle-ledger-entries').click();
    const table = page.getByTestId('partition-table-ledger-entries');
    await expect(table.locator('thead th')).toHaveText([
      'P',
      'log-end',
      'LSO',
      'start',
      'lag',
      'lag',
    ]);
    // Layout sizes (unscaled by the canvas zoom): nothing scrolls sideways.
    const box = await table.evaluate((e: HTMLElement) => ({
      scrollWidth: e.scrollWidth,
      clientWidth: e.clientWidth,
      scrollbar: e.offsetWidth - e.clientWidth,
    }));
    expect(box.scrollWidth, JSON.stringify(box)).toBeLessThanOrEqual(box.clientWidth);
    // On screen: the last header cell ends inside the scroll box, the box inside the node.
    const node = (await page.getByTestId('topic-node-ledger-entries').boundingBox())!;
    const scroller = (await table.boundingBox())!;
    const lastLag = (await table.locator('thead th').last().boundingBox())!;
    expect(scroller.x).toBeGreaterThanOrEqual(node.x);
    expect(scroller.x + scroller.width).toBeLessThanOrEqual(node.x + node.width);
    expect(lastLag.x + lastLag.width).toBeLessThanOrEqual(scroller.x + scroller.width + 0.5);
    // The figures of the slow reader: three digits in the last column for some partition.
    const lastColumn = await table.locator('tbody tr td:last-child').allTextContents();
    expect(lastColumn).toHaveLength(100);
    expect(Math.max(...lastColumn.map(Number))).toBeGreaterThanOrEqual(100);
    await table.screenshot({ path: `/tmp/polish-table-${width}.png` });
    expect(problems).toEqual([]);
  });
