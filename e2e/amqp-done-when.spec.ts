import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openFresh, test } from './fixtures';
import { cursorUs, openAndRun, scrubTo } from './timelineHelpers';

// Issue 11's "Done when", through the UI: the seed's topic-routing example runs, a consumer
// crashes from the node menu, its unacked delivery comes back with redelivered=true (seen in the
// lineage), a poison message is dead-lettered with its x-death, and rewinding takes every count
// back. Waits for states only.

const END_MS = 4000;

/** The first whole number in an element's text (a figure such as "Ready 3" or "error.* · 42"). */
async function num(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).first().textContent()) ?? '';
  const m = /(\d[\d,]*)(?!.*\d)/.exec(text.replace(/\u00a0/g, ' '));
  if (!m) throw new Error(`${testId}: no number in "${text}"`);
  return Number(m[1]!.replace(/,/g, ''));
}

/** The binding `from → to`'s label (its tooltip names both ends). */
const bindingLabel = (page: Page, from: string, to: string) =>
  page.locator(`[data-testid^="binding-label-"][title^="Binding ${from} → ${to}:"]`);

async function bindingCount(page: Page, from: string, to: string): Promise<number> {
  const label = bindingLabel(page, from, to);
  await expect(label).toHaveCount(1);
  return Number(await label.getAttribute('data-routed'));
}

async function openMenu(page: Page, node: string) {
  await page.getByTestId(node).locator('.node__title').click({ button: 'right' });
  await expect(page.getByTestId('node-menu')).toBeVisible();
}

/** Plays the shown run (a fork replays what it recorded) until the cursor is at its end. */
async function playToEnd(page: Page) {
  await page.getByTestId('tl-play').click();
  await expect.poll(() => cursorUs(page), { timeout: 60_000 }).toBe(END_MS * 1000);
  await expect(page.getByTestId('sim-status')).not.toHaveText('Running');
}

test('logs_topic: crash a consumer from the node menu → redelivered=true; poison → x-death; rewind', async ({
  page,
  problems,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1600, height: 1100 });
  await openAndRun(page, 'rabbitmq-logs-topic');
  // RabbitMQ's consumers of a queue are not a Kafka consumer group: no group.id, no partitions.
  await expect(page.getByTestId('group-node-alerting').locator('.node__kind')).toHaveText('Consumers');
  await page.getByTestId('group-node-alerting').locator('.node__title').click();
  await expect(page.locator('.panel__kind')).toHaveText('Consumers');
  await expect(page.getByText('Name (group.id)')).toHaveCount(0);
  // Deselect: the properties panel closes (and covers no node).
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(page.getByTestId('properties')).toHaveCount(0);

  // Which binding each message took: every key of logs_topic counts what it routed.
  const endErrors = await bindingCount(page, 'logs_topic', 'errors');
  expect(endErrors).toBeGreaterThan(0);
  await expect(bindingLabel(page, 'logs_topic', 'errors')).toHaveText(`error.* · ${endErrors}`);

  // Step to a moment where alerting-1 holds a delivery unacknowledged (handling takes 5 ms).
  await scrubTo(page, 1000, END_MS);
  const unacked = page.getByTestId('consumer-unacked-alerting-1');
  const cursor = page.getByTestId('cursor-time');
  for (let i = 0; i < 600 && /^\s*0\s*\//.test((await unacked.textContent()) ?? ''); i++) {
    const index = (await cursor.getAttribute('data-index')) ?? '';
    await page.getByTestId('tl-step').click();
    await expect(cursor).not.toHaveAttribute('data-index', index);
  }
  await expect(unacked).toHaveText(/^\s*[1-9]\d*\s*\/\s*10/);
  const crashUs = await cursorUs(page);
  const crashMs = Math.floor(crashUs / 1000) + 1;

  // Crash it from the node menu: RabbitMQ's items only (no Kafka coordinator or broker cut).
  await openMenu(page, 'group-node-alerting');
  await expect(page.getByTestId('inject-connection-loss-alerting-1')).toHaveText(
    'alerting-1 loses its connection for 2 s',
  );
  await expect(page.getByTestId('inject-rabbitmq-restart')).toHaveText(
    'Restart the RabbitMQ broker',
  );
  await expect(page.getByTestId('inject-pause-alerting-1')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/h7-node-menu.png' });
  await page.getByTestId('inject-crash-alerting-1').click();
  await expect(page.getByTestId('run-switcher').locator('option:checked')).toContainText(
    'B: Crash alerting-1',
  );
  await playToEnd(page);
  await expect(page.getByTestId('consumer-status-alerting-1')).toHaveText('crashed');
  // Nothing consumes errors any more: its messages wait, Ready.
  expect(await num(page, 'queue-ready-errors')).toBeGreaterThan(0);
  await expect(page.getByTestId('consumer-redelivered-alerting-1')).toHaveCount(0);

  // Restart it 300 ms after the crash: the delivery it held comes back, redelivered.
  const restartAtMs = crashMs + 300;
  await scrubTo(page, restartAtMs, END_MS);
  await openMenu(page, 'group-node-alerting');
  await page.getByTestId('inject-restart-alerting-1').click();
  await expect(page.getByTestId('run-switcher').locator('option:checked')).toContainText(
    'C: Restart alerting-1',
  );
  await playToEnd(page);
  const redelivered = page.getByTestId('consumer-redelivered-alerting-1');
  await expect(redelivered).toHaveText(/^↻ [1-9]\d* redelivered$/);
  await expect(page.getByTestId('consumer-row-alerting-1')).toHaveAttribute('data-status', 'up');
  const endReady = await num(page, 'queue-ready-errors');
  const endProcessed = await num(page, 'total-processed');
  const endRouted = await bindingCount(page, 'logs_topic', 'errors');
  await page.screenshot({ path: '/tmp/h7-redelivered.png' });

  // Its lineage says so, as RabbitMQ's client sees it: redelivered=true, after the requeue.
  await redelivered.click();
  const lineage = page.getByTestId('lineage');
  await expect(lineage).toContainText(/requeued to errors: alerting-1 crashed at/);
  await expect(lineage).toContainText(
    /delivered from errors to alerting-1 \(alerting\), delivery tag \d+, redelivered=true/,
  );
  await page.screenshot({ path: '/tmp/h7-lineage-redelivered.png' });

  // Rewind: before the crash, nothing was redelivered and every count is smaller.
  await scrubTo(page, 500, END_MS);
  await expect(redelivered).toHaveCount(0);
  await expect(page.getByTestId('consumer-row-alerting-1')).toHaveAttribute('data-status', 'up');
  const earlyProcessed = await num(page, 'total-processed');
  expect(earlyProcessed).toBeGreaterThan(0);
  expect(earlyProcessed).toBeLessThan(endProcessed);
  const earlyRouted = await bindingCount(page, 'logs_topic', 'errors');
  expect(earlyRouted).toBeLessThan(endRouted);
  // Between the crash and the restart: crashed, its messages Ready, none unacked.
  await scrubTo(page, crashMs + 250, END_MS);
  await expect(page.getByTestId('consumer-status-alerting-1')).toHaveText('crashed');
  expect(await num(page, 'queue-ready-errors')).toBeGreaterThan(0);
  expect(await num(page, 'queue-unacked-errors')).toBe(0);
  await page.screenshot({ path: '/tmp/h7-rewound-crashed.png' });
  // Forward to the end again: the very same figures.
  await page.getByTestId('tl-live').click();
  await expect(redelivered).toBeVisible();
  await expect.poll(() => num(page, 'total-processed')).toBe(endProcessed);
  expect(await num(page, 'queue-ready-errors')).toBe(endReady);
  expect(await bindingCount(page, 'logs_topic', 'errors')).toBe(endRouted);

  // A poison message past the quorum queue's delivery limit: dead-lettered, with its x-death.
  await page.getByTestId('scenario-menu').selectOption('rabbitmq-poison-message');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await page.getByTestId('speed').selectOption('max');
  await playToEnd(page);
  await page.getByTestId('tab-anomalies').click();
  const dead = page.getByTestId('anomaly-dead-lettered').first();
  await expect(dead).toBeVisible();
  // RabbitMQ's unit is the message: the chips and each item count messages, not records.
  await expect(page.getByTestId('chip-duplicate')).toHaveText(/^\d+ duplicate messages?$/);
  await expect(dead.locator('.anomaly__count')).toHaveText(' · 1 message');
  await dead.getByTestId('anomaly-lineage').click();
  await expect(lineage).toContainText(
    'dead-lettered from jobs.quorum (reason delivery_limit) to exchange jobs.dlx, x-death count 1; it went to jobs.dead',
  );
  // The dead-letter exchange's binding counts the copy it routed.
  const deadRouted = await bindingCount(page, 'jobs.dlx', 'jobs.dead');
  expect(deadRouted).toBeGreaterThan(0);
  // A fanout binding has no key: its label is the count alone.
  await expect(bindingLabel(page, 'jobs.dlx', 'jobs.dead')).toHaveText(String(deadRouted));
  await page.screenshot({ path: '/tmp/h7-xdeath.png' });
  // Rewind before the poison message (1,000 ms): nothing dead-lettered yet.
  await scrubTo(page, 900, END_MS);
  // Nothing routed through the fanout binding yet: it has no key, so no label at all.
  await expect(bindingLabel(page, 'jobs.dlx', 'jobs.dead')).toHaveCount(0);
  expect(await num(page, 'queue-ready-jobs.dead')).toBe(0);
  expect(problems).toEqual([]);
});

test('Design settings: the RabbitMQ profile (3.10 / 4.x) reaches the exported scenario', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption('rabbitmq-poison-message');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await page.getByTestId('design-settings').click();
  const profile = page.getByTestId('field-amqpProfile');
  await expect(profile).toHaveValue('');
  await expect(profile.locator('option')).toHaveText(['Default (3.10)', '3.10', '4.x']);
  await profile.selectOption('4.x');
  await expect(profile).toHaveValue('4.x');
  await page.screenshot({ path: '/tmp/h7-profile.png' });
  await page.getByTestId('file-menu').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const json = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as {
    amqp?: { profile?: string };
  };
  expect(json.amqp?.profile).toBe('4.x');
  // Back to the default: the profile leaves the file (3.10 is what the engine assumes).
  await profile.selectOption('');
  await page.getByTestId('file-menu').click();
  const again = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const json2 = JSON.parse(readFileSync((await (await again).path())!, 'utf8')) as {
    amqp?: { profile?: string };
  };
  expect(json2.amqp).toBeDefined();
  expect(json2.amqp!.profile).toBeUndefined();
  expect(problems).toEqual([]);
});
