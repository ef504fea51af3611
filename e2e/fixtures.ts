import { test as base, expect, type Page } from '@playwright/test';

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
