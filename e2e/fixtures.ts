import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Every test gets `problems`: console errors and uncaught page errors seen while it ran. Tests
 * assert it is empty; collecting it in a fixture means no spec can forget to listen.
 */
export const test = base.extend<{ problems: string[] }>({
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await use(problems);
  },
});

export { expect };

/** Sim time as the readout reports it, in microseconds. */
export async function simTimeUs(page: Page): Promise<number> {
  return Number(await page.getByTestId('sim-time').getAttribute('data-time-us'));
}

/** Σ log-end offsets over a topic's partitions, read from the canvas. */
export async function topicRecords(page: Page, topic: string): Promise<number> {
  const texts = await page.locator(`[data-testid^="leo-${topic}-"]`).allTextContents();
  return texts.reduce((sum, t) => sum + Number(t), 0);
}

export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await waitForSim(page);
}

/** The worker has loaded the open scenario and sent its first frame. */
export async function waitForSim(page: Page): Promise<void> {
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await expect(page.getByTestId('sim-status')).toHaveText('Ready');
}

/** Starts from a fresh browser profile state: no autosaved design. */
export async function openFresh(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await openApp(page);
}

/** Selects a node by clicking its title (not a control inside it). */
export async function selectNode(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).locator('.node__title').click();
  await expect(page.getByTestId('properties')).not.toContainText('Select a node to edit it');
}

/** A locator's box once two successive reads agree (waits for a state, not for time). */
async function settledBox(loc: Locator) {
  let last = '';
  await expect
    .poll(
      async () => {
        const key = JSON.stringify(await loc.boundingBox());
        const same = key === last && key !== 'null';
        last = key;
        return same;
      },
      { intervals: [50, 100, 100, 200] },
    )
    .toBe(true);
  return loc.boundingBox();
}

/** Drags a new edge from one node's output handle to another node's input handle. */
export async function drawEdge(page: Page, fromTestId: string, toTestId: string): Promise<void> {
  // The view may still be moving (a fit after a layout animates): measure once it has settled.
  const from = await settledBox(page.getByTestId(fromTestId).locator('.react-flow__handle.source'));
  const to = await settledBox(page.getByTestId(toTestId).locator('.react-flow__handle.target'));
  if (!from || !to) throw new Error(`no handles on ${fromTestId} → ${toTestId}`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
  await page.mouse.up();
}

export async function leo(page: Page, topic: string, partition: number): Promise<number> {
  return Number(await page.getByTestId(`leo-${topic}-${partition}`).textContent());
}

/** File ▸ New empty design. */
export async function newDesign(page: Page): Promise<void> {
  await page.getByTestId('file-menu').click();
  await page.getByTestId('new-design').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
}

/**
 * Plays until sim time passes `us`, then pauses — unless the run already finished (a fast machine
 * at a high speed gets there first): either way it returns once the sim is no longer running.
 * Waits for states only, so it does not depend on how fast the machine is.
 */
export async function playUntil(page: Page, us: number): Promise<void> {
  await page.getByTestId('play').click();
  const status = page.getByTestId('sim-status');
  await expect
    .poll(async () => (await status.textContent()) === 'Finished' || (await simTimeUs(page)) > us, { timeout: 60_000 })
    .toBe(true);
  // Check and click in one step inside the page: on a loaded machine the run can end between a
  // separate isEnabled() and click(), leaving a click that waits on a disabled button.
  await page.evaluate(() => {
    const b = document.querySelector<HTMLButtonElement>('[data-testid="pause"]');
    if (b && !b.disabled) b.click();
  });
  await expect(status).toHaveText(/Paused|Finished/);
}
