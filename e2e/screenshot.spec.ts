import { expect, openApp, simTimeUs, test } from './fixtures';

/** Not an assertion on pixels: saves test-results/app.png for a person to look at. */
test('screenshot of the app mid-run', async ({ page, problems }) => {
  await openApp(page);
  await page.getByTestId('speed').selectOption('2');
  await page.getByTestId('play').click();
  await expect.poll(() => simTimeUs(page), { timeout: 20_000 }).toBeGreaterThan(3_400_000);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Paused');
  await page.screenshot({ path: 'test-results/app.png' });
  expect(problems).toEqual([]);
});
