import { readFileSync } from 'node:fs';
import { drawEdge, expect, newDesign, openFresh, selectNode, test } from './fixtures';
import type { Page } from '@playwright/test';

/** Adds a node from the palette (a click: it lands in view, selected) and names it in the panel. */
async function add(page: Page, kind: string, field: 'name' | 'id', name: string, testId: string) {
  await page.getByTestId(`palette-${kind}`).click();
  await page.getByTestId(`field-${field}`).fill(name);
  await expect(page.getByTestId(testId)).toBeVisible();
}

test('draws the logs_topic topology with the palette, edits a binding key, exports the amqp section', async ({
  page,
  problems,
}) => {
  await page.setViewportSize({ width: 1600, height: 1300 });
  await openFresh(page);
  await newDesign(page);
  await page.getByTestId('app-info').getByRole('button').click();
  await expect(page.getByTestId('app-info')).toHaveCount(0);

  await add(page, 'producer', 'id', 'logger', 'producer-node-logger');
  await add(page, 'exchange', 'name', 'logs_topic', 'exchange-node-logs_topic');
  await expect(page.getByTestId('field-type')).toHaveValue('topic');
  await add(page, 'queue', 'name', 'errors', 'queue-node-errors');
  await add(page, 'queue', 'name', 'kernel', 'queue-node-kernel');
  await add(page, 'consumerGroup', 'id', 'error-alerts', 'group-node-error-alerts');
  await add(page, 'consumerGroup', 'id', 'kernel-log', 'group-node-kernel-log');

  // Producer → exchange: it becomes a publisher; its form shows RabbitMQ's fields.
  await drawEdge(page, 'producer-node-logger', 'exchange-node-logs_topic');
  await selectNode(page, 'producer-node-logger');
  await expect(page.getByTestId('publisher-section')).toContainText('logs_topic');
  await page.getByTestId('field-routingKey').fill('{severity}.{component}');
  await page.getByTestId('field-payload').fill('severity=error, component=kern');
  await expect(page.getByTestId('publisher-routing-key-logger')).toHaveText(
    '{severity}.{component}',
  );

  // Exchange → queues: bindings, labelled with their key ('#' for a new topic binding).
  await drawEdge(page, 'exchange-node-logs_topic', 'queue-node-errors');
  await drawEdge(page, 'exchange-node-logs_topic', 'queue-node-kernel');
  const labels = page.locator('[data-testid^="binding-label-"]');
  await expect(labels).toHaveCount(2);
  await expect(labels.nth(0)).toHaveText('#');

  await page.getByTestId('auto-layout').click();
  // The layout fits the view with an animation: wait until the nodes the next steps use are in it.
  for (const id of ['queue-node-errors', 'queue-node-kernel', 'group-node-error-alerts', 'group-node-kernel-log'])
    await expect(page.getByTestId(id)).toBeInViewport();
  // Queue → group: RabbitMQ consumers of the queue, with prefetch in the panel.
  await drawEdge(page, 'queue-node-errors', 'group-node-error-alerts');
  await drawEdge(page, 'queue-node-kernel', 'group-node-kernel-log');
  await selectNode(page, 'group-node-error-alerts');
  await expect(page.getByTestId('consumer-section')).toContainText('errors');
  await page.getByTestId('field-prefetch').fill('10');
  await expect(page.getByTestId('consumer-settings-error-alerts')).toContainText('prefetch 10');

  // Edit each binding key in the properties panel (click the label to select the binding).
  for (const [i, key] of [
    [0, '*.error'],
    [1, 'kern.*'],
  ] as const) {
    await labels.nth(i).click();
    await expect(page.getByTestId('properties-binding')).toBeVisible();
    await page.getByTestId('field-routingKey').fill(key);
    await expect(labels.nth(i)).toHaveText(key);
  }
  await expect(page.locator('[data-invalid="true"]')).toHaveCount(0);
  await expect(
    page.getByTestId('queue-node-errors').getByTestId('queue-ready-errors'),
  ).toBeVisible();

  // The exported scenario has the amqp section, bindings with the keys typed above.
  await page.getByTestId('file-menu').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const file = await (await download).path();
  const json = JSON.parse(readFileSync(file!, 'utf8')) as {
    version: number;
    amqp?: {
      exchanges: { name: string; type: string }[];
      bindings: { source: string; destination: string; routingKey: string }[];
      publishers: { id: string; exchange: string; routingKey: string }[];
      consumers: { id: string; queue: string; prefetch?: number }[];
    };
  };
  expect(json.version).toBe(2);
  expect(json.amqp?.exchanges).toEqual([
    expect.objectContaining({ name: 'logs_topic', type: 'topic' }),
  ]);
  expect(json.amqp?.bindings.map((b) => [b.source, b.destination, b.routingKey]).sort()).toEqual([
    ['logs_topic', 'errors', '*.error'],
    ['logs_topic', 'kernel', 'kern.*'],
  ]);
  expect(json.amqp?.publishers).toEqual([
    expect.objectContaining({
      id: 'logger',
      exchange: 'logs_topic',
      routingKey: '{severity}.{component}',
    }),
  ]);
  expect(json.amqp?.consumers.map((c) => [c.id, c.queue, c.prefetch])).toEqual([
    ['error-alerts', 'errors', 10],
    ['kernel-log', 'kernel', undefined],
  ]);
  expect(problems).toEqual([]);
});
