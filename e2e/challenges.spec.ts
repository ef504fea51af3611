import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openFresh, selectNode, test } from './fixtures';

/** Opens a challenge from the Learn menu. */
async function openChallenge(page: Page, id: string): Promise<void> {
  await page.getByTestId('learn-menu').click();
  await page.getByTestId(`challenge-open-${id}`).click();
  await expect(page.getByTestId('challenge-panel')).toBeVisible();
}

/** The live check has answered for the design as it is now. */
async function verdict(page: Page) {
  const v = page.getByTestId('challenge-verdict');
  await expect(v).not.toHaveAttribute('data-state', 'checking');
  await expect(v).not.toHaveAttribute('data-state', 'idle');
  return v;
}

test('solve a challenge by hand: not yet, solved, rules broken, progress kept, exported and imported', async ({
  page,
  problems,
}, testInfo) => {
  await openFresh(page);
  await openChallenge(page, 'make-a-loss');
  await expect(page.getByTestId('challenge-title')).toHaveText('Make a loss with one setting');
  // The start design: the goal does not hold yet, and no move was made.
  await verdict(page);
  await expect(page.getByTestId('challenge-feedback')).toHaveText(
    'not yet: lost is 0, needs to be at least 1',
  );
  await expect(page.getByTestId('challenge-moves')).toHaveText('Moves: 0 (par 1)');

  // Hints one by one.
  await page.getByTestId('challenge-hint').click();
  await expect(page.getByTestId('challenge-hints').locator('li')).toHaveCount(1);

  // One setting: commit before processing (at-most-once).
  // The learn column narrows the canvas: fit the design to what is visible, then select.
  await page.getByTestId('canvas-navigator').locator('.react-flow__controls-fitview').click();
  await selectNode(page, 'group-node-notifier');
  await page.getByTestId('field-commit-mode').selectOption('before');
  await expect(page.getByTestId('challenge-verdict')).toHaveAttribute('data-state', 'solved');
  await expect(page.getByTestId('challenge-feedback')).toHaveText('Solved in 1 move (par 1) ★★★');
  await expect(page.getByTestId('challenge-best')).toContainText('★★★');

  await page
    .getByTestId('challenge-panel')
    .screenshot({ path: testInfo.outputPath('panel-en.png') });
  await page.screenshot({ path: '/tmp/challenge-app-en.png' });
  await page.getByTestId('challenge-panel').screenshot({ path: '/tmp/challenge-panel-en.png' });

  // A field the challenge does not allow: the rules are broken, so it is not solved.
  await page.getByTestId('field-members').fill('3');
  await page.getByTestId('field-members').press('Tab');
  await expect(page.getByTestId('challenge-violations')).toContainText(
    'groups[id=notifier].members may not be changed in this challenge',
  );
  await expect(page.getByTestId('challenge-verdict')).not.toHaveAttribute('data-state', 'solved');
  await expect(page.getByTestId('challenge-feedback')).toHaveText(
    /the goal holds .* but the rules are broken/,
  );
  await expect(page.getByTestId('challenge-moves')).toHaveText('Moves: 2 (par 1)');

  // 中文.
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.getByTestId('challenge-title')).toHaveText('只改一个配置制造消息丢失');
  await expect(page.getByTestId('challenge-violations')).toContainText('本挑战不允许修改');
  await page.getByTestId('challenge-panel').screenshot({ path: '/tmp/challenge-panel-zh.png' });
  await page.getByTestId('language').selectOption('en');

  // Progress survives a reload.
  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await page.getByTestId('learn-menu').click();
  await expect(page.getByTestId('challenge-score-make-a-loss')).toHaveText('solved ★★★');

  // Export it, forget it, import it.
  const download = page.waitForEvent('download');
  await page.getByTestId('challenge-progress-export').click();
  const file = await (await download).path();
  const exported = readFileSync(file, 'utf8');
  expect(JSON.parse(exported)).toEqual({
    format: 'eventflow-challenge-progress',
    version: 1,
    solved: { 'make-a-loss': { moves: 1, score: 3 } },
  });
  await page.evaluate(() => localStorage.removeItem('eventflow.challenges.progress'));
  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await page.getByTestId('learn-menu').click();
  await expect(page.getByTestId('challenge-score-make-a-loss')).toHaveText('par 1');
  await page.getByTestId('challenge-progress-file').setInputFiles({
    name: 'progress.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exported),
  });
  await expect(page.getByTestId('challenge-score-make-a-loss')).toHaveText('solved ★★★');
  expect(problems).toEqual([]);
});

test('a second fault breaks a one-fault rule; a corrupt saved progress is set aside', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  await page.evaluate(() => localStorage.setItem('eventflow.challenges.progress', '{"solved": 7'));
  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await openChallenge(page, 'make-a-duplicate');
  await expect(page.getByTestId('challenge-progress-notice')).toContainText('set aside');
  expect(
    await page.evaluate(() => localStorage.getItem('eventflow.challenges.progress.setAside')),
  ).toBe('{"solved": 7');
  await verdict(page);
  await expect(page.getByTestId('challenge-feedback')).toHaveText(/^not yet: /);

  // Two crash faults on the ledger lane: the challenge allows one.
  await page.getByTestId('toggle-fault-lanes').click();
  const lane = page.getByTestId('fault-lane-group:ledger');
  const box = (await lane.boundingBox())!;
  for (const x of [0.25, 0.5]) {
    await page
      .getByTestId('fault-palette-crash')
      .dragTo(lane, { targetPosition: { x: box.width * x, y: box.height / 2 } });
  }
  await expect(lane.getByTestId('fault-chip')).toHaveCount(2);
  await expect(page.getByTestId('challenge-violations')).toContainText('2 faults added; at most 1');
  await expect(page.getByTestId('challenge-verdict')).not.toHaveAttribute('data-state', 'solved');
  expect(problems).toEqual([]);
});
