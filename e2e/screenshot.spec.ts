import { drawEdge, expect, newDesign, openFresh, playUntil, selectNode, test } from './fixtures';

/** Not assertions on pixels: saves screenshots for a person to look at, in both themes. */
for (const theme of ['light', 'dark'] as const) {
  test(`screenshot of the app mid-run (${theme})`, async ({ page, problems }) => {
    await openFresh(page);
    if (theme === 'dark') await page.getByTestId('theme-toggle').click();
    await page.getByTestId('speed').selectOption('2');
    await playUntil(page, 3_400_000);
    await page.screenshot({ path: `test-results/app-${theme}.png` });
    await selectNode(page, 'group-node-payment');
    await page.screenshot({ path: `test-results/app-${theme}-selected.png` });
    expect(problems).toEqual([]);
  });
}

test('screenshot of the editor with problems', async ({ page, problems }) => {
  await openFresh(page);
  await newDesign(page);
  await page.getByTestId('palette-producer').click();
  await page.getByTestId('palette-topic').click();
  await page.getByTestId('palette-service').click();
  await drawEdge(page, 'producer-node-producer', 'topic-node-topic');
  await drawEdge(page, 'topic-node-topic', 'group-node-service');
  await selectNode(page, 'topic-node-topic');
  await page.getByTestId('field-partitions').fill('0');
  await page.getByTestId('play').click();
  await page.screenshot({ path: 'test-results/editor-errors.png' });
  expect(problems).toEqual([]);
});

test('screenshot of the other built-ins', async ({ page, problems }) => {
  await openFresh(page);
  for (const id of ['crash-before-commit', 'ordering-needs-a-key', 'hot-partition']) {
    await page.getByTestId('scenario-menu').selectOption(id);
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
    await page.getByTestId('speed').selectOption('5');
    await playUntil(page, 4_000_000);
    await page.screenshot({ path: `test-results/scenario-${id}.png` });
  }
  expect(problems).toEqual([]);
});
