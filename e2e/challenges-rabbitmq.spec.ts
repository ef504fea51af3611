import { expect, openFresh, selectNode, test } from './fixtures';

/*
 * A RabbitMQ challenge solved by hand in the browser (issue 11 §3): the start fails its goal
 * with the measured figure, one edit in the consumer's panel (prefetch 1) solves it at par.
 * Waits for states only.
 */
test('rabbitmq-fair-dispatch: not yet with unlimited prefetch; prefetch 1 in the panel solves it', async ({
  page,
  problems,
}) => {
  test.setTimeout(300_000);
  await openFresh(page);
  await page.getByTestId('learn-menu').click();
  await page.getByTestId('challenge-open-rabbitmq-fair-dispatch').click();
  await expect(page.getByTestId('challenge-panel')).toBeVisible();
  await expect(page.getByTestId('challenge-title')).toHaveText('Fair dispatch');
  const v = page.getByTestId('challenge-verdict');
  await expect(page.getByTestId('challenge-feedback')).toHaveText(
    'not yet: deliveries with redelivered=true is 30, needs to be at most 1',
    { timeout: 120_000 },
  );
  await expect(page.getByTestId('challenge-moves')).toHaveText('Moves: 0 (par 1)');

  await page.getByTestId('canvas-navigator').locator('.react-flow__controls-fitview').click();
  await selectNode(page, 'group-node-workers');
  await page.getByTestId('field-prefetch').fill('1');
  await expect(v).toHaveAttribute('data-state', 'solved', { timeout: 120_000 });
  await expect(page.getByTestId('challenge-feedback')).toHaveText('Solved in 1 move (par 1) ★★★');
  expect(problems).toEqual([]);
});
