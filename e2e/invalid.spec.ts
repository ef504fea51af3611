import { drawEdge, expect, newDesign, openFresh, selectNode, test } from './fixtures';

test('an invalid edge and an invalid field show on their nodes, and Play is refused with the reason', async ({ page, problems }) => {
  await openFresh(page);
  await newDesign(page);
  await page.getByTestId('palette-producer').click();
  await page.getByTestId('palette-consumerGroup').click();
  await page.getByTestId('palette-topic').click();
  // Lay the three out in view: a node added by a click can land beyond the canvas's edge.
  await page.getByTestId('auto-layout').click();

  // Producer → consumer group: drawn, kept, outlined, and explained on the producer.
  await drawEdge(page, 'producer-node-producer', 'group-node-group');
  const producer = page.getByTestId('producer-node-producer');
  await expect(producer).toHaveAttribute('data-invalid', 'true');
  await expect(page.getByTestId('producer-node-producer-issues')).toContainText('a producer writes to a topic, not to a consumer group');
  await expect(page.locator('[data-flow="invalid"]')).toHaveCount(1);

  // A bad field: 0 partitions. The error is next to the field and on the node.
  await selectNode(page, 'topic-node-topic');
  await page.getByTestId('field-partitions').fill('0');
  await expect(page.getByTestId('field-error-partitions')).toHaveText('partitions: must be ≥ 1, got 0');
  await expect(page.getByTestId('topic-node-topic')).toHaveAttribute('data-invalid', 'true');
  await expect(page.getByTestId('topic-node-topic-issues')).toContainText('partitions: must be ≥ 1, got 0');

  await page.getByTestId('play').click();
  const error = page.getByTestId('app-error');
  await expect(error).toContainText("Can't play");
  await expect(error).toContainText('producer: edge to "group": a producer writes to a topic, not to a consumer group');
  await expect(error).toContainText('topic: partitions: must be ≥ 1, got 0');
  await expect(page.getByTestId('sim-status')).toHaveText('Ready');
  expect(problems).toEqual([]);
});
