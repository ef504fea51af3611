import type { Locator, Page } from '@playwright/test';
import { expect, openFresh, test, waitForSim } from './fixtures';
import { openAndRun } from './timelineHelpers';

// RabbitMQ on the canvas, as a user sees it in Chromium at 1440 × 900: a headers binding's label
// keeps its live count in view; no binding label of a RabbitMQ built-in covers a node; the
// toolbar stays one row with a long design name. Waits for states only.

const LONG_NAME = 'kafka-to-rabbitmq: orders bridged to a work queue';

/** A headers exchange whose one binding has long x-match arguments (the label is cut). */
function headersScenario(name: string) {
  const headers = { format: 'pdf', region: 'eu-west-1', tier: 'gold' };
  return {
    version: 2,
    name,
    seed: 7,
    durationMs: 2000,
    topics: [],
    producers: [],
    groups: [],
    faults: [],
    amqp: {
      exchanges: [{ name: 'documents', type: 'headers' }],
      queues: [{ name: 'pdf-eu' }],
      bindings: [
        {
          source: 'documents',
          destination: 'pdf-eu',
          destinationType: 'queue',
          routingKey: '',
          arguments: { 'x-match': 'all', ...headers },
        },
      ],
      publishers: [
        {
          id: 'uploader',
          exchange: 'documents',
          routingKey: '',
          headers,
          rate: { kind: 'constant', perSec: 50 },
          eventType: 'DocumentUploaded',
        },
      ],
      consumers: [{ id: 'printer', queue: 'pdf-eu', members: 1, prefetch: 10, processingMs: 5 }],
    },
  };
}

async function importScenario(page: Page, scenario: object): Promise<void> {
  await page.getByTestId('import-input').setInputFiles({
    name: 'design.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await waitForSim(page);
}

async function box(loc: Locator) {
  const b = await loc.boundingBox();
  if (!b) throw new Error(`no box for ${loc.toString()}`);
  return b;
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('a headers binding shows its live count beside its (cut) x-match arguments', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  await importScenario(page, headersScenario('headers routing'));
  const label = page.locator('[data-testid^="binding-label-"]');
  await expect(label).toHaveCount(1);
  await expect(label).toHaveText('x-match=all · format=pdf · region=eu-west-1 · tier=gold');

  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 30_000 });
  const routed = Number(await label.getAttribute('data-routed'));
  expect(routed).toBeGreaterThan(0);
  await expect(label).toHaveText(
    `x-match=all · format=pdf · region=eu-west-1 · tier=gold · ${routed}`,
  );

  // The arguments are cut with an ellipsis; the count is drawn whole, inside the label.
  const count = label.locator('.binding-label__count');
  await expect(count).toHaveText(`· ${routed}`);
  await expect(count).toBeVisible();
  const l = await box(label);
  const c = await box(count);
  expect(c.x + c.width).toBeLessThanOrEqual(l.x + l.width);
  expect(c.x).toBeGreaterThanOrEqual(l.x);
  expect(await count.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.screenshot({ path: '/tmp/h5a/headers-label.png' });
  const cut = await label
    .locator('.binding-label__key')
    .evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(cut).toBe(true);
  expect(problems).toEqual([]);
});

for (const id of [
  'rabbitmq-logs-topic',
  'rabbitmq-work-queue',
  'rabbitmq-retry-with-delay',
  'rabbitmq-poison-message',
  'kafka-to-rabbitmq',
]) {
  test(`${id}: after its run, no binding label covers a node`, async ({ page, problems }) => {
    await openAndRun(page, id);
    const labels = page.locator('[data-testid^="binding-label-"]');
    expect(await labels.count()).toBeGreaterThan(0);
    // Every label that routed something shows its count (the widest the label gets).
    for (const l of await labels.all())
      if (Number(await l.getAttribute('data-routed')) > 0)
        await expect(l.locator('.binding-label__count')).toBeVisible();
    const nodes = await page.locator('.react-flow__node').all();
    const nodeBoxes = await Promise.all(
      nodes.map(async (n) => ({ id: await n.getAttribute('data-id'), b: await box(n) })),
    );
    for (const l of await labels.all()) {
      const lb = await box(l);
      const hits = nodeBoxes.filter((n) => overlaps(lb, n.b)).map((n) => n.id);
      expect(hits, `${await l.getAttribute('title')}`).toEqual([]);
    }
    if (id === 'kafka-to-rabbitmq') {
      // Kafka keeps its word: the topic counts records, the mixed run's summary is Kafka's.
      await expect(page.getByTestId('topic-node-order-events')).toContainText('records');
      await expect(page.locator('.summary .total__label').first()).toHaveText('produced');
    }
    expect(problems).toEqual([]);
  });
}

test('a long design name is cut with an ellipsis and the toolbar stays one row', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  const toolbar = page.getByTestId('toolbar');
  const menu = page.getByTestId('scenario-menu');
  await importScenario(page, headersScenario('short'));
  await expect(menu).toHaveAttribute('title', /short/);
  const short = await box(toolbar);

  await importScenario(page, headersScenario(LONG_NAME));
  await expect(menu).toHaveAttribute('title', new RegExp(LONG_NAME));
  expect((await box(toolbar)).height).toBe(short.height);
  // The selected name is wider than the room the select gives it: it is cut (an ellipsis).
  const cut = await menu.evaluate((el: HTMLSelectElement) => {
    const cs = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return ctx.measureText(el.options[el.selectedIndex]!.text).width > room;
  });
  expect(cut).toBe(true);
  // Every other control keeps its one line.
  for (const id of ['designs-menu', 'file-menu', 'sim-time', 'play'])
    expect((await box(page.getByTestId(id))).height, id).toBeLessThanOrEqual(36);
  // Nothing is pushed out of the window, in either language, running or not.
  const fits = () => toolbar.evaluate((el) => el.scrollWidth <= el.clientWidth);
  expect(await fits()).toBe(true);
  await page.screenshot({ path: '/tmp/h5a/toolbar-long-name.png', clip: { ...short, height: 80 } });
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.getByTestId('play')).toHaveText('播放');
  expect((await box(toolbar)).height).toBe(short.height);
  expect(await fits()).toBe(true);
  await page.screenshot({
    path: '/tmp/h5a/toolbar-long-name-zh.png',
    clip: { ...short, height: 80 },
  });
  expect(problems).toEqual([]);
});

test('screenshot: logs_topic running at 1440 × 900', async ({ page, problems }) => {
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption('rabbitmq-logs-topic');
  await waitForSim(page);
  // A tenth of real time: the run is still going when the screenshot is taken.
  await page.getByTestId('speed').selectOption('0.1');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Running');
  // Running, with messages routed through the *.payment binding.
  await expect
    .poll(async () =>
      Number(
        await page
          .locator('[data-testid^="binding-label-"][title*="payment-logs"]')
          .getAttribute('data-routed'),
      ),
    )
    .toBeGreaterThan(5);
  // RabbitMQ's word: the publisher published messages; the summary says so too.
  await expect(page.getByTestId('producer-node-app-logs').locator('.stat__label')).toHaveText(
    'published',
  );
  await expect(page.locator('.summary .total__label').first()).toHaveText('published');
  await expect(page.locator('.summary .total').first()).toHaveAttribute(
    'title',
    /^messages published: /,
  );
  await expect(page.locator('.summary')).not.toContainText('records');
  await page.screenshot({ path: '/tmp/h5a/logs-topic-running.png' });
  await expect(page.getByTestId('sim-status')).toHaveText('Running');
  expect(problems).toEqual([]);
});
