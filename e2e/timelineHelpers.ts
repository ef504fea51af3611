import { expect, type Page } from '@playwright/test';
import { openFresh } from './fixtures';

/** Opens a built-in scenario and records it to its end at full speed. */
export async function openAndRun(page: Page, scenario = 'crash-before-commit'): Promise<void> {
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption(scenario);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 30_000 });
}

/** Clicks the scrubber at sim time `ms` (of the scenario's `endMs`) and waits for the canvas. */
export async function scrubTo(page: Page, ms: number, endMs = 8000): Promise<number> {
  const box = await page.getByTestId('scrubber').boundingBox();
  if (!box) throw new Error('no scrubber');
  await page.mouse.click(box.x + (box.width * ms) / endMs, box.y + 5);
  const cursor = page.getByTestId('cursor-time');
  await expect.poll(async () => Math.abs(Number(await cursor.getAttribute('data-time-us')) - ms * 1000)).toBeLessThan((endMs * 1000) / box.width + 1);
  await expect(cursor).not.toHaveAttribute('data-index', '');
  return Number(await cursor.getAttribute('data-time-us'));
}

export async function cursorUs(page: Page): Promise<number> {
  return Number(await page.getByTestId('cursor-time').getAttribute('data-time-us'));
}

/** Every partition's log-end offset with each group's committed offset and position (the strip's tooltip). */
export async function stripState(page: Page, topic = 'payments'): Promise<string[]> {
  const spans = page.locator(`[data-testid^="leo-${topic}-"]`);
  const n = await spans.count();
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`${await spans.nth(i).textContent()}|${await spans.nth(i).getAttribute('title')}`);
  return out;
}
