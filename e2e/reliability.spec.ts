import type { Page } from '@playwright/test';
import { expect, selectNode, simTimeUs, test, waitForSim } from './fixtures';

/** The app with its e2e hooks (?testHooks): kill the worker, or make its step loop throw. */
async function openWithHooks(page: Page): Promise<void> {
  await page.goto('/?testHooks=1');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/?testHooks=1');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await waitForSim(page);
  // A short liveness timeout so a silent death is noticed quickly (the default is 20 s).
  await page.evaluate(() =>
    (
      window as unknown as { __eventflowTest: { setLiveness(ms: number): void } }
    ).__eventflowTest.setLiveness(1500),
  );
  await waitForSim(page);
}

const hook = (page: Page, name: 'killWorker' | 'crashWorker') =>
  page.evaluate(
    (n) =>
      (window as unknown as { __eventflowTest: Record<string, () => void> }).__eventflowTest[n]!(),
    name,
  );

/** Edits the producer's rate, so "the design is kept" can be checked after the restart. */
async function editRate(page: Page, perSec: string): Promise<void> {
  await selectNode(page, 'producer-node-order-service');
  await page.getByTestId('field-rate/perSec').fill(perSec);
  await expect(page.getByTestId('field-rate/perSec')).toHaveValue(perSec);
  // A quarter speed: the 10 s run lasts 40 s of wall time, so it is still running when the
  // worker is killed, however slow the machine (under heavy load it had ended first, and an
  // ended run's Play is rightly disabled).
  await page.getByTestId('speed').selectOption('0.25');
}

async function expectRecovers(page: Page, perSec: string): Promise<void> {
  // Play is refused while the worker is down.
  await page.getByTestId('play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Stopped');
  await expect(page.getByTestId('app-error')).toContainText(
    'Press Reset to start a fresh simulation; your design is kept.',
  );
  // Reset starts a fresh worker with the design as it was.
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Ready');
  await expect(page.getByTestId('app-error')).toHaveCount(0);
  await expect(page.getByTestId('field-rate/perSec')).toHaveValue(perSec);
  await expect(page.locator('[data-testid^="leo-order-events-"]')).toHaveCount(6);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Running');
  await expect.poll(() => simTimeUs(page), { timeout: 15_000 }).toBeGreaterThan(200_000);
}

test.describe('a dead worker', () => {
  test('a worker that dies silently is noticed, said so, and Reset starts a fresh one with the design kept', async ({
    page,
    problems,
  }) => {
    await openWithHooks(page);
    await editRate(page, '321');
    await page.getByTestId('play').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Running');
    await expect.poll(() => simTimeUs(page)).toBeGreaterThan(100_000);
    await hook(page, 'killWorker');
    await expect(page.getByTestId('sim-status')).toHaveText('Stopped', { timeout: 15_000 });
    await expect(page.getByTestId('app-error')).toContainText(
      'The simulation worker stopped responding',
    );
    // The clock no longer moves: the UI does not pretend the run goes on.
    const t = await simTimeUs(page);
    await expect(page.getByTestId('sim-status')).toHaveText('Stopped');
    expect(await simTimeUs(page)).toBe(t);
    await page.screenshot({ path: '/tmp/h7-worker-stopped.png' });
    await expectRecovers(page, '321');
    expect(problems).toEqual([]);
  });

  test('a crash inside the step loop is reported, and Reset recovers', async ({
    page,
    problems,
  }) => {
    await openWithHooks(page);
    await editRate(page, '250');
    await page.getByTestId('play').click();
    await expect(page.getByTestId('sim-status')).toHaveText('Running');
    await hook(page, 'crashWorker');
    await expect(page.getByTestId('sim-status')).toHaveText('Stopped');
    await expect(page.getByTestId('app-error')).toContainText(
      'the simulation crashed: self-test crash in the step loop',
    );
    await expectRecovers(page, '250');
    expect(problems).toEqual([]);
  });
});

test('a design too heavy for the browser is refused on Play, naming what is too large', async ({
  page,
  problems,
}) => {
  await openWithHooks(page);
  // Each field within its own bounds (≤ 10,000,000 records/s), yet too many records per second.
  await editRate(page, '5000000');
  await page.getByTestId('play').click();
  const error = page.getByTestId('app-error');
  await expect(error).toContainText(
    "Can't play: this design is too large to simulate in the browser",
  );
  await expect(error).toContainText('Rate × bursts × fan-out: up to');
  await expect(error).toContainText('at most 2,000,000 in the browser.');
  await expect(page.getByTestId('sim-status')).toHaveText('Ready');
  expect(await simTimeUs(page)).toBe(0);
  await page.screenshot({ path: '/tmp/h7-too-heavy.png' });
  // Back within bounds, it plays.
  await editRate(page, '400');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Running');
  expect(problems).toEqual([]);
});
