import { drawEdge, expect, newDesign, openFresh, test } from './fixtures';
import type { Page } from '@playwright/test';

/** Adds a node from the palette (a click: it lands in view, selected) and names it in the panel. */
async function add(page: Page, kind: string, id: string | null, testId: string) {
  await page.getByTestId(`palette-${kind}`).click();
  if (id !== null) await page.getByTestId('field-id').fill(id);
  await expect(page.getByTestId(testId)).toBeVisible();
}

const num = async (page: Page, testId: string) =>
  Number(await page.getByTestId(testId).getAttribute('data-value'));

test('draws an aggregate, the event store, a projection and a query, runs them and scrubs back', async ({
  page,
  problems,
}) => {
  await page.setViewportSize({ width: 1700, height: 1100 });
  await openFresh(page);
  await newDesign(page);
  await page.getByTestId('app-info').getByRole('button').click();

  await add(page, 'aggregate', 'account', 'es-aggregate-account');
  await add(page, 'eventStore', null, 'es-store-node');
  await add(page, 'projection', 'balances', 'es-projection-balances');
  await add(page, 'query', 'balance', 'es-query-balance');
  await page.getByTestId('auto-layout').click();
  for (const id of [
    'es-aggregate-account',
    'es-store-node',
    'es-projection-balances',
    'es-query-balance',
  ])
    await expect(page.getByTestId(id)).toBeInViewport();
  // Not connected yet: each node says what it misses, in words.
  await expect(page.getByTestId('es-aggregate-account-issues')).toContainText('Event store');

  await drawEdge(page, 'es-aggregate-account', 'es-store-node');
  await drawEdge(page, 'es-store-node', 'es-projection-balances');
  await drawEdge(page, 'es-projection-balances', 'es-query-balance');
  for (const id of [
    'es-aggregate-account',
    'es-store-node',
    'es-projection-balances',
    'es-query-balance',
  ])
    await expect(page.getByTestId(id)).toHaveAttribute('data-invalid', 'false');
  await page.getByTestId('auto-layout').click();

  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 60_000 });

  // Streams account-acc… with their head versions; $all holds every event.
  await expect(
    page.locator('[data-testid^="es-stream-version-account-acc"]').first(),
  ).toBeVisible();
  const totalEnd = await num(page, 'es-all-total');
  expect(totalEnd).toBeGreaterThan(10);
  expect(await num(page, 'es-appended-account')).toBe(totalEnd);
  const versionsEnd = await page
    .locator('[data-testid^="es-stream-version-"]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  const positionEnd = await num(page, 'es-position-balances');

  await page.screenshot({ path: 'test-results/event-store-design.png' });

  // Scrub to a quarter of the run: fewer events, lower stream versions, the projection behind less far.
  const box = await page.getByTestId('scrubber').boundingBox();
  if (!box) throw new Error('no scrubber');
  await page.mouse.click(box.x + box.width * 0.25, box.y + 5);
  await expect.poll(() => num(page, 'es-all-total')).toBeLessThan(totalEnd);
  const versionsEarly = await page
    .locator('[data-testid^="es-stream-version-"]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  expect(Math.max(...versionsEarly)).toBeLessThan(Math.max(...versionsEnd));
  expect(await num(page, 'es-position-balances')).toBeLessThan(positionEnd);
  expect(await num(page, 'es-behind-balances')).toBeGreaterThanOrEqual(0);
  expect(problems).toEqual([]);
});

test('a scenario file with an eventStore section opens as event store nodes', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  const scenario = {
    version: 2,
    name: 'bank',
    durationMs: 3000,
    topics: [],
    producers: [],
    groups: [],
    faults: [],
    eventStore: {
      aggregates: [
        {
          id: 'account',
          commands: {
            rate: { kind: 'poisson', perSec: 40 },
            keys: { kind: 'uniform', count: 3, prefix: 'a' },
          },
          handlers: 2,
          processingMs: 10,
          rules: [{ command: 'Deposit', event: 'MoneyDeposited', amount: 10 }],
        },
      ],
      projections: [
        { id: 'balances', from: 'account', mode: 'async', kind: 'counter', checkpointEvery: 5 },
      ],
      queries: [{ id: 'balance', projection: 'balances', rate: { kind: 'poisson', perSec: 10 } }],
      faults: [{ kind: 'projectionCrash', projection: 'balances', atMs: 1500 }],
    },
  };
  await page.getByTestId('import-input').setInputFiles({
    name: 'bank.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  for (const id of [
    'es-aggregate-account',
    'es-store-node',
    'es-projection-balances',
    'es-query-balance',
  ])
    await expect(page.getByTestId(id)).toBeVisible();
  await expect(page.getByTestId('es-projection-balances')).toContainText('account-');
  await page.getByTestId('es-projection-balances').locator('.node__title').click();
  await expect(page.getByTestId('es-projection-from')).toContainText('account');
  await expect(page.getByTestId('es-fault-0')).toContainText('1,500');
  expect(problems).toEqual([]);
});
