import { expect, openFresh, test } from './fixtures';

test('fault lanes: drag a fault from the palette onto a lane, move it, delete it', async ({ page, problems }) => {
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption('crash-before-commit');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await page.getByTestId('toggle-fault-lanes').click();
  const ledger = page.getByTestId('fault-lane-group:ledger');
  await expect(ledger.getByTestId('fault-chip')).toHaveCount(2);
  await expect(page.getByTestId('fault-lane-group:notifier').getByTestId('fault-chip')).toHaveCount(2);

  const box = (await ledger.boundingBox())!;
  await page.getByTestId('fault-palette-crash').dragTo(ledger, { targetPosition: { x: box.width * 0.125, y: box.height / 2 } });
  await expect(ledger.getByTestId('fault-chip')).toHaveCount(3);
  const chip = ledger.getByTestId('fault-chip').nth(2);
  const at = Number(await chip.getAttribute('data-at-ms'));
  expect(Math.abs(at - 1000)).toBeLessThan(60);

  // Refused on the wrong lane: a consumer crash does not go on the producer's lane.
  const producer = page.getByTestId('fault-lane-producer:checkout');
  await page.getByTestId('fault-palette-crash').dragTo(producer, { targetPosition: { x: 100, y: 10 } });
  await expect(producer).toContainText('Producer faults only here');
  await expect(producer.getByTestId('fault-chip')).toHaveCount(0);

  // Move it: drag along the lane to ~6 s.
  const c = (await chip.boundingBox())!;
  await page.mouse.move(c.x + 10, c.y + c.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, c.y + c.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.75 + 6, c.y + c.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Math.abs(Number(await ledger.getByTestId('fault-chip').nth(2).getAttribute('data-at-ms')) - 6000)).toBeLessThan(80);
  await expect(page.getByTestId('toggle-fault-lanes')).toContainText('(5)');

  // Delete it with the keyboard.
  await ledger.getByTestId('fault-chip').nth(2).focus();
  await page.keyboard.press('Delete');
  await expect(ledger.getByTestId('fault-chip')).toHaveCount(2);
  await expect(page.getByTestId('toggle-fault-lanes')).toContainText('(4)');
  // And with the × button.
  await ledger.getByTestId('fault-remove').first().click();
  await expect(ledger.getByTestId('fault-chip')).toHaveCount(1);
  expect(problems).toEqual([]);
});
