import { expect, openFresh, selectNode, test } from './fixtures';

const nodeIds = (page: import('@playwright/test').Page) =>
  page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());

test('importing a malformed file gives a clear error and leaves the diagram unchanged', async ({ page, problems }) => {
  await openFresh(page);
  const before = await nodeIds(page);
  expect(before.length).toBeGreaterThan(5);
  const bad = { version: 1, name: 'broken', topics: [{ name: 'orders', partitions: 0 }], producers: [], groups: [] };
  await page.getByTestId('import-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const error = page.getByTestId('app-error');
  await expect(error).toContainText('Could not import broken.json; your diagram is unchanged');
  await expect(error).toContainText('$.topics[0].partitions: must be ≥ 1, got 0');
  expect(await nodeIds(page)).toEqual(before);

  await page.getByTestId('import-input').setInputFiles({ name: 'garbage.json', mimeType: 'application/json', buffer: Buffer.from('{ this is not json') });
  await expect(error).toContainText('not valid JSON');
  expect(await nodeIds(page)).toEqual(before);
  expect(problems).toEqual([]);
});

test('a reload restores the diagram exactly (autosave)', async ({ page, problems }) => {
  await openFresh(page);
  await selectNode(page, 'topic-node-shipping-events');
  await page.getByTestId('field-partitions').fill('5');
  await page.getByTestId('palette-readModel').click();
  await expect(page.getByTestId('group-node-read-model')).toBeVisible();
  const positions = () =>
    page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => [e.getAttribute('data-id'), (e as HTMLElement).style.transform]).sort());
  const before = await positions();
  // The first edit kept the default in My designs; autosave then writes that design (debounced).
  await expect(page.getByTestId('scenario-menu')).toHaveValue(/^design:/);
  await expect
    .poll(() =>
      page.evaluate(() => {
        const current = localStorage.getItem('eventflow.library.current') ?? '';
        return localStorage.getItem(`eventflow.library.design.${current.slice('design:'.length)}`) ?? '';
      }),
    )
    .toContain('"kind":"readModel"');
  await page.reload();
  await expect(page.getByTestId('group-node-read-model')).toBeVisible();
  await expect(page.locator('[data-testid^="leo-shipping-events-"]')).toHaveCount(5);
  expect(await positions()).toEqual(before);
  await expect(page.getByTestId('scenario-menu')).toHaveValue(/^design:/);
  expect(problems).toEqual([]);
});
