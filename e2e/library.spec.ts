import type { Page } from '@playwright/test';
import { expect, leo, openFresh, selectNode, simTimeUs, test, waitForSim } from './fixtures';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';

/** The page loaded (after a reload: openApp would load it again). */
async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('canvas')).toBeVisible();
  await waitForSim(page);
}

/** The text saved for the open library design (polls until the autosave wrote `contains`). */
async function savedText(page: Page, contains: string): Promise<string> {
  let text = '';
  await expect
    .poll(async () => {
      text = await page.evaluate(() => {
        const current = localStorage.getItem('eventflow.library.current') ?? '';
        return current.startsWith('design:')
          ? (localStorage.getItem(`eventflow.library.design.${current.slice(7)}`) ?? '')
          : '';
      });
      return text.includes(contains);
    })
    .toBe(true);
  return text;
}

/** Edits shipping-events' partitions: the first edit keeps the design in My designs. */
async function editPartitions(page: Page, n: number): Promise<void> {
  await selectNode(page, 'topic-node-shipping-events');
  await page.getByTestId('field-partitions').fill(String(n));
  await expect(page.locator('[data-testid^="leo-shipping-events-"]')).toHaveCount(n);
}

async function openMyDesign(page: Page, name: string): Promise<void> {
  const value = await page
    .getByTestId('scenario-menu')
    .locator('optgroup[label="My designs"] option', { hasText: name })
    .getAttribute('value');
  await page.getByTestId('scenario-menu').selectOption(value!);
  await waitForSim(page);
}

test('built-ins, links (even broken ones) and Reset open new documents; the saved design stays', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  await editPartitions(page, 5);
  await expect(page.getByTestId('library-toast')).toContainText(
    'saved as “E-commerce order flow (edited)” in My designs',
  );
  await expect(page.getByTestId('scenario-menu')).toHaveValue(/^design:/);
  const saved = await savedText(page, '"partitions":5');

  await page.getByTestId('scenario-menu').selectOption('crash-before-commit');
  await waitForSim(page);
  await page.getByTestId('file-menu').click();
  await page.getByTestId('reset-default').click();
  await expect(page.getByTestId('scenario-menu')).toHaveValue('order-flow');
  await expect(page.locator('[data-testid^="leo-shipping-events-"]')).toHaveCount(3);
  // A hash change alone is no page load: reload so the app reads the link at start.
  await page.goto('/#run=this-is-not*a-share-link');
  await page.reload();
  await expect(page.locator('.banner')).toContainText('This link could not be opened');
  await page.goto('/#run=' + 'A'.repeat(250_000));
  await page.reload();
  await expect(page.locator('.banner')).toContainText('too long');

  // Nothing of the saved design changed, and it opens from My designs as it was.
  const after = await page.evaluate(() =>
    Object.entries(localStorage)
      .filter(([k]) => k.startsWith('eventflow.library.design.'))
      .map(([, v]) => v),
  );
  expect(after).toEqual([saved]);
  await openMyDesign(page, 'E-commerce order flow');
  await expect(page.locator('[data-testid^="leo-shipping-events-"]')).toHaveCount(5);
  await page.reload();
  await ready(page);
  await expect(page.getByTestId('scenario-menu')).toHaveValue(/^design:/);
  await expect(page.locator('[data-testid^="leo-shipping-events-"]')).toHaveCount(5);
  expect(problems).toEqual([]);
});

test('a corrupt autosave is set aside with a message, exportable, and the app works', async ({
  page,
  problems,
}) => {
  const corrupt =
    '{"format":"eventflow-design","version":1,"settings":{"name":"Half-written","faults":[]},"nodes":[{"id":"n1"';
  await page.goto('/');
  await page.evaluate((text) => {
    localStorage.clear();
    localStorage.setItem('eventflow.design', text);
  }, corrupt);
  await page.reload();
  await ready(page);
  const banner = page.getByTestId('app-error');
  await expect(banner).toContainText('Some saved work could not be opened; nothing was deleted');
  await expect(banner).toContainText(
    'Your autosaved design could not be read: it is not valid JSON',
  );
  await expect(banner).toContainText('Designs ▸ Set aside');
  await page.screenshot({ path: `${SHOTS}/h4-set-aside-message.png` });
  await page.getByTestId('designs-menu').click();
  const row = page.locator('[data-testid^="aside-row-"]');
  await expect(row).toContainText('Autosaved design (previous version)');
  await page.screenshot({ path: `${SHOTS}/h4-designs-menu-aside.png` });
  const download = page.waitForEvent('download');
  await row.getByTestId('aside-export').click();
  const file = await download;
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  expect(Buffer.concat(chunks).toString('utf8')).toBe(corrupt);
  // Still set aside after a reload (never silently overwritten), and the editor works.
  await page.reload();
  await ready(page);
  await expect(page.getByTestId('designs-menu')).toContainText('1');
  await editPartitions(page, 4);
  expect(
    await page.evaluate(
      () =>
        Object.keys(localStorage).filter((k) => k.startsWith('eventflow.library.aside.')).length,
    ),
  ).toBe(1);
  expect(problems).toEqual([]);
});

test('issue 17: an emptied processing-time field reloads without a crash', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  await selectNode(page, 'group-node-shipping');
  await page.getByTestId('field-processingMs').fill('');
  await savedText(page, '"processingMs":null');
  await page.reload();
  await ready(page);
  await expect(page.getByTestId('crash-screen')).toHaveCount(0);
  await expect(page.getByTestId('group-node-shipping')).toContainText('processing not set');
  await selectNode(page, 'group-node-shipping');
  await expect(page.getByTestId('field-processingMs')).toHaveValue('');
  await expect(page.getByTestId('toolbar')).toBeVisible();
  expect(problems).toEqual([]);
});

test('deleting a design offers Undo, which brings it back', async ({ page, problems }) => {
  await openFresh(page);
  await editPartitions(page, 5);
  await savedText(page, '"partitions":5');
  await page.getByTestId('scenario-menu').selectOption('hot-partition');
  await waitForSim(page);
  await page.getByTestId('designs-menu').click();
  const list = page.getByTestId('design-list');
  await expect(list.locator('li')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/h4-designs-menu.png` });
  await list.getByTestId('design-rename').click();
  await page.getByTestId('design-rename-input').fill('Five shipping partitions');
  await page.getByTestId('design-rename-input').press('Enter');
  await expect(list).toContainText('Five shipping partitions');
  await list.getByTestId('design-delete').click();
  await expect(page.getByTestId('library-toast')).toContainText(
    'Deleted “Five shipping partitions”.',
  );
  await expect(list).toHaveCount(0);
  expect(
    await page.evaluate(
      () =>
        Object.keys(localStorage).filter((k) => k.startsWith('eventflow.library.design.')).length,
    ),
  ).toBe(0);
  await page.getByTestId('library-toast-action').click();
  await expect(page.getByTestId('design-list').locator('li')).toHaveCount(1);
  await openMyDesign(page, 'Five shipping partitions');
  await expect(page.locator('[data-testid^="leo-shipping-events-"]')).toHaveCount(5);
  expect(problems).toEqual([]);
});

test('editing after a run keeps the previous run: it reopens beside the edited design', async ({
  page,
  context,
  problems,
}) => {
  await openFresh(page);
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 60_000 });
  expect(await simTimeUs(page)).toBeGreaterThan(0);
  await editPartitions(page, 6);
  const toast = page.getByTestId('library-toast');
  await expect(toast).toContainText(
    'Run A of “E-commerce order flow” (recorded before this change) is kept for comparison',
  );
  await page.screenshot({ path: `${SHOTS}/h4-previous-run-toast.png` });
  const popup = context.waitForEvent('page');
  await page.getByTestId('library-toast-action').click();
  const other = await popup;
  await expect(other.locator('.banner')).toContainText('Opened a shared moment', {
    timeout: 30_000,
  });
  await expect(other.locator('[data-testid^="leo-shipping-events-"]')).toHaveCount(3);
  expect(await leo(other, 'order-events', 0)).toBeGreaterThan(0);
  await expect(other.getByTestId('scenario-menu')).toHaveValue('');
  // The edited design is untouched by the other tab.
  await expect(page.locator('[data-testid^="leo-shipping-events-"]')).toHaveCount(6);
  await savedText(page, '"partitions":6');
  expect(problems).toEqual([]);
});

test('a saved design that breaks the drawing: the toolbar stays, and setting it aside recovers', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  // A group whose member list holds null: it passes today's file checks but breaks the drawing.
  // If the checks are tightened to refuse it, the import is refused and nothing breaks either.
  const doc = {
    format: 'eventflow-design',
    version: 1,
    settings: { name: 'Breaks the drawing', faults: [] },
    nodes: [
      {
        id: 'n',
        position: { x: 0, y: 0 },
        data: { kind: 'consumerGroup', id: 'g', members: [null, 5] },
      },
    ],
    edges: [],
  };
  await page.getByTestId('import-input').setInputFiles({
    name: 'breaks.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc)),
  });
  await expect(page.locator('.banner')).toContainText(
    /Imported breaks\.json|Could not import breaks\.json/,
  );
  const imported = await page.getByTestId('app-info').count();
  if (imported === 0) return expect(page.getByTestId('crash-screen')).toHaveCount(0);
  await page.reload();
  const crash = page.getByTestId('crash-screen').first();
  await expect(crash).toBeVisible();
  await expect(page.getByTestId('toolbar')).toBeVisible();
  await crash.getByTestId('crash-retry').click();
  await expect(page.getByTestId('crash-again').first()).toContainText(
    'the open design is probably the cause',
  );
  await page.getByTestId('crash-set-aside').first().click();
  await expect(page.getByTestId('crash-screen')).toHaveCount(0);
  await expect(page.getByTestId('app-error')).toContainText(
    '“Breaks the drawing” could not be opened: drawing it failed',
  );
  await waitForSim(page);
  await expect(page.getByTestId('scenario-menu')).toHaveValue('order-flow');
  await page.getByTestId('designs-menu').click();
  await expect(page.locator('[data-testid^="aside-row-"]')).toContainText('Breaks the drawing');
  await page.reload();
  await ready(page);
  await expect(page.getByTestId('crash-screen')).toHaveCount(0);
  expect(problems.filter((p) => !/render error|members|null/.test(p))).toEqual([]);
});
