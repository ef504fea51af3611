import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, newDesign, openApp, openFresh, selectNode, test } from './fixtures';
import { openAndRun, scrubTo, stripState } from './timelineHelpers';

const orderFlow = JSON.parse(
  readFileSync(new URL('../src/scenarios/order-flow.json', import.meta.url), 'utf8'),
) as { topics: { name: string }[]; faults: unknown[] };

/** Every partition's figures of every topic of the order flow, and the run's totals. */
async function figures(page: Page): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const t of orderFlow.topics) out[t.name] = await stripState(page, t.name);
  for (const k of ['produced', 'processed', 'duplicates', 'lost', 'deadLettered', 'rebalances'])
    out[k] = await page.getByTestId(`total-${k}`).textContent();
  return out;
}

test.describe('UI papercuts', () => {
  test('a live poison message has the same effect as the same poison message in a scenario file', async ({
    page,
    problems,
  }) => {
    test.setTimeout(120_000);
    await openFresh(page);
    await page.getByTestId('speed').selectOption('max');
    await page.getByTestId('tl-play').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 60_000 });
    const cursorUs = await scrubTo(page, 1500, 10_000);
    const atMs = Math.floor(cursorUs / 1000) + 1;
    await page
      .getByTestId('producer-node-order-service')
      .locator('.node__title')
      .click({ button: 'right' });
    await page.getByTestId('inject-poison-order-service').click();
    await expect(page.getByTestId('run-switcher').locator('option:checked')).toContainText(
      `Send a poison message at ${atMs.toLocaleString('en-US')} ms`,
    );
    await expect(
      page.getByTestId('run-switcher').locator('option', { hasText: 'recording…' }),
    ).toHaveCount(0, { timeout: 60_000 });
    await page.keyboard.press('End');
    await expect
      .poll(() => page.getByTestId('cursor-time').getAttribute('data-time-us'))
      .toBe('10000000');
    const live = await figures(page);
    expect(Number(live.deadLettered)).toBeGreaterThan(0);

    const file = {
      ...orderFlow,
      faults: [...orderFlow.faults, { kind: 'poisonMessage', atMs, producer: 'order-service' }],
    };
    await page
      .getByTestId('import-input')
      .setInputFiles({
        name: 'poison.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(file)),
      });
    await expect(page.getByTestId('sim-status')).toHaveText('Ready');
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
    await page.getByTestId('tl-play').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 60_000 });
    expect(await figures(page)).toEqual(live);
    expect(problems).toEqual([]);
  });

  test('the File menu closes on Esc and on a click outside it', async ({ page, problems }) => {
    await openApp(page);
    const menu = page.getByTestId('file-menu-details');
    await page.getByTestId('file-menu').click();
    await expect(menu).toHaveAttribute('open', '');
    await page.keyboard.press('Escape');
    await expect(menu).not.toHaveAttribute('open', '');
    await page.getByTestId('file-menu').click();
    await expect(menu).toHaveAttribute('open', '');
    await page.getByTestId('timeline').click({ position: { x: 600, y: 60 } });
    await expect(menu).not.toHaveAttribute('open', '');
    expect(problems).toEqual([]);
  });

  test('"Copy link" does not move anything in the timeline bar; "● Live" only while live', async ({
    page,
    problems,
  }) => {
    await openAndRun(page);
    await expect(page.getByTestId('tl-live')).toHaveText('Live');
    await scrubTo(page, 3000);
    const boxes = async () =>
      Promise.all(
        ['share-link', 'what-if', 'toggle-fault-lanes', 'scrubber', 'tl-live', 'cursor-time'].map(
          (id) => page.getByTestId(id).boundingBox(),
        ),
      );
    const before = await boxes();
    await page.getByTestId('share-link').click();
    await expect(page.getByTestId('share-status')).toBeVisible();
    expect(await boxes()).toEqual(before);
    await expect(page.getByTestId('share-status')).toHaveCount(0, { timeout: 10_000 });
    expect(await boxes()).toEqual(before);

    // Live: only while the original run is being simulated at its head.
    await page.getByTestId('reset').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Ready');
    await expect(page.getByTestId('tl-live')).toHaveText('Live');
    await page.getByTestId('speed').selectOption('1');
    await page.getByTestId('tl-play').click();
    await expect(page.getByTestId('tl-live')).toHaveText('● Live');
    await page.getByTestId('tl-pause').click();
    await expect(page.getByTestId('tl-live')).toHaveText('Live');
    expect(problems).toEqual([]);
  });

  test("an anomaly's highlight clears when the cursor moves before it", async ({
    page,
    problems,
  }) => {
    await openAndRun(page);
    await page.getByTestId('anomaly-duplicate').first().locator('.anomaly__main').click();
    await expect(
      page.getByTestId('highlight-group-ledger').or(page.getByTestId('highlight-group-notifier')),
    ).toBeVisible();
    await expect(page.locator('[data-testid^="highlight-payments-"]')).toHaveCount(1);
    await page.getByTestId('tl-start').click();
    await expect(page.getByTestId('cursor-time')).toHaveAttribute('data-index', '0');
    await expect(page.locator('[data-testid^="highlight-"]')).toHaveCount(0);
    await expect(page.locator('.anomaly.is-selected')).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('a stale "Can\'t play" banner goes once its cause is fixed', async ({ page, problems }) => {
    await openFresh(page);
    await selectNode(page, 'topic-node-payment-dlq');
    await page.getByTestId('field-partitions').fill('0');
    await page.getByTestId('tl-play').click();
    await expect(page.getByTestId('app-error')).toContainText("Can't play");
    await page.getByTestId('field-partitions').fill('1');
    await expect(page.getByTestId('app-error')).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('switching keys to Zipf keeps the key prefix', async ({ page, problems }) => {
    await openFresh(page);
    await selectNode(page, 'producer-node-order-service');
    await expect(page.getByTestId('field-keys/prefix')).toHaveValue('order-');
    await page.getByTestId('field-keys/kind').selectOption('zipf');
    await expect(page.getByTestId('field-keys/prefix')).toHaveValue('order-');
    await expect(page.getByTestId('field-keys/count')).toHaveValue('500');
    await page.getByTestId('field-keys/kind').selectOption('uniform');
    await expect(page.getByTestId('field-keys/prefix')).toHaveValue('order-');
    expect(problems).toEqual([]);
  });

  test('select labels are not cut off', async ({ page, problems }) => {
    await openAndRun(page);
    await page.getByTestId('what-if').click();
    await page.getByTestId('what-if-point-start').check();
    await page.getByTestId('what-if-notifier-both').click();
    const cut = (id: string) =>
      page.getByTestId(id).evaluate((el: HTMLSelectElement) => {
        const probe = document.createElement('span');
        probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font:${getComputedStyle(el).font}`;
        probe.textContent = el.selectedOptions[0]?.textContent ?? '';
        document.body.append(probe);
        const need = probe.getBoundingClientRect().width;
        probe.remove();
        const cs = getComputedStyle(el);
        return need > el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) + 1;
      });
    for (const id of ['run-switcher', 'speed', 'scenario-menu', 'color-by'])
      expect(await cut(id), id).toBe(false);
    expect(problems).toEqual([]);
  });

  test('a 100-partition topic: every partition can be read by hover and in a table; nothing covers nodes', async ({
    page,
    problems,
  }) => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await openFresh(page);
    await newDesign(page);
    const scenario = {
      version: 1,
      name: '100 partitions',
      durationMs: 3000,
      topics: [{ name: 'clicks', partitions: 100 }],
      producers: [
        {
          id: 'web',
          topic: 'clicks',
          rate: { kind: 'constant', perSec: 2000 },
          keys: { kind: 'uniform', count: 5000, prefix: 'user-' },
          eventType: 'Clicked',
        },
      ],
      groups: [{ id: 'sessions', topics: ['clicks'], members: 4, processingMs: 0.5 }],
      faults: [],
    };
    await page
      .getByTestId('import-input')
      .setInputFiles({
        name: 'p100.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(scenario)),
      });
    await expect(page.getByTestId('topic-node-clicks')).toBeVisible();
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
    await page.getByTestId('speed').selectOption('max');
    await page.getByTestId('tl-play').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 60_000 });
    // Minimap and zoom controls sit beside the diagram, never over a node.
    const overlays = await Promise.all(
      ['.react-flow__minimap', '.react-flow__controls'].map((s) => page.locator(s).boundingBox()),
    );
    for (const node of await page.locator('.react-flow__node').all()) {
      const n = (await node.boundingBox())!;
      for (const o of overlays) {
        const overlap =
          o &&
          n.x < o.x + o.width &&
          o.x < n.x + n.width &&
          n.y < o.y + o.height &&
          o.y < n.y + n.height;
        expect(overlap, `${await node.getAttribute('data-id')} under an overlay`).toBeFalsy();
      }
    }
    // Hover: partition 57's figures.
    const bars = page.getByTestId('strips-compact-clicks');
    const box = (await bars.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + (box.height * 57.5) / 100);
    const hover = page.getByTestId('strip-hover-clicks');
    await expect(hover).toHaveAttribute('data-partition', '57');
    await expect(hover).toContainText('clicks-57: log-end offset');
    await expect(hover).toContainText('sessions: committed');
    const hoverLeo = /log-end offset (\d+)/.exec((await hover.textContent()) ?? '')?.[1];
    expect(Number(hoverLeo)).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/partitions-100-hover.png' });
    // The table: one row per partition, the same log-end offsets as the hover.
    await page.getByTestId('partition-table-toggle-clicks').click();
    const rows = page.getByTestId('partition-table-clicks').locator('tbody tr');
    await expect(rows).toHaveCount(100);
    await expect(page.getByTestId('partition-row-clicks-57').locator('td').first()).toHaveText(
      hoverLeo!,
    );
    await page.getByTestId('partition-row-clicks-57').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/partitions-100-table.png' });
    expect(problems).toEqual([]);
  });
});
