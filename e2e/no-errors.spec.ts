import { expect, openFresh as openApp, playUntil, test, waitForSim } from './fixtures';

test('no console or page errors while opening, playing and switching every built-in scenario', async ({ page, problems }) => {
  await openApp(page);
  const menu = page.getByTestId('scenario-menu');
  const ids = await menu.locator('option').evaluateAll((options) => options.filter((o) => !(o as HTMLOptionElement).disabled).map((o) => (o as HTMLOptionElement).value));
  expect(ids.length).toBeGreaterThanOrEqual(4);
  // Each built-in is opened and played a little: the budget grows with their number (Kafka's
  // and RabbitMQ's), 30 s each, so a loaded machine has room.
  test.setTimeout(60_000 + ids.length * 30_000);
  for (const id of ids) {
    await menu.selectOption(id);
    await waitForSim(page);
    await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
    await playUntil(page, 200_000);
  }
  await expect(page.getByTestId('app-error')).toHaveCount(0);
  await expect(page.getByTestId('crash-screen')).toHaveCount(0);
  expect(problems).toEqual([]);
});
