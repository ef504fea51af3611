import { expect, openFresh, selectNode, test } from './fixtures';

// Kafka static membership (group.instance.id) from the properties panel: the field is checked
// as Kafka requires (one id per member), and a run shows the restarted member handed its
// partitions back without a rebalance.
test('group.instance.id: one per member, and a restarted static member rejoins without a rebalance', async ({ page, problems }) => {
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption('order-flow');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await selectNode(page, 'group-node-payment');
  const field = page.getByTestId('field-config/group.instance.id');
  await field.fill('payment');
  await expect(page.getByTestId('field-error-config/group.instance.id')).toContainText(
    'every member needs its own group.instance.id: put {member} in it (3 members share "payment")',
  );
  await field.fill('payment-{member}');
  await expect(page.getByTestId('field-error-config/group.instance.id')).toHaveCount(0);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('sim-status')).toHaveText('Finished', { timeout: 60_000 });
  // order-flow crashes payment-2 at 3,000 ms and restarts it at 6,500 ms, well within the
  // default session.timeout.ms (45,000 ms): it comes back as its static self.
  const mark = page.locator('[data-testid="marker-fault"][aria-label*="back as static member payment-payment-2"]');
  await expect(mark).toHaveCount(1);
  await mark.click();
  await expect.poll(async () => Number(await page.getByTestId('cursor-time').getAttribute('data-time-us'))).toBe(6_500_000);
  expect(problems).toEqual([]);
});
