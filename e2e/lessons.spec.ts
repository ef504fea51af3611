import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openFresh, test } from './fixtures';

/*
 * The lesson player (issue 10): open a lesson from the Learn menu, step forward and back (the
 * canvas and the cursor show each step's state: back is time travel), narration links move the
 * cursor, the narration follows the UI language, presenter mode, and a malformed lesson file.
 * Waits for states only.
 */
const sample = JSON.parse(
  readFileSync(new URL('../src/learn/test/sampleLesson.json', import.meta.url), 'utf8'),
);
const lessonsDir = new URL('../src/lessons/', import.meta.url);
const firstShipped = JSON.parse(
  readFileSync(
    new URL(
      readdirSync(lessonsDir)
        .filter((f) => f.endsWith('.json'))
        .sort()[0]!,
      lessonsDir,
    ),
    'utf8',
  ),
);

const cursorUs = (page: Page) => page.getByTestId('cursor-time');

async function openLessonFile(page: Page, doc: unknown, name = 'lesson.json'): Promise<void> {
  await page.getByTestId('lesson-file-input').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc)),
  });
}

/** The step has been entered: its scenario loaded and the cursor at its atMs. */
async function atStep(page: Page, n: number, of: number, atMs: number): Promise<void> {
  await expect(page.getByTestId('lesson-step-count')).toHaveText(`Step ${n} of ${of}`);
  await expect(page.getByTestId('lesson-status')).toHaveAttribute('data-entering', 'false');
  await expect(cursorUs(page)).toHaveAttribute('data-time-us', String(atMs * 1000));
}

test('a shipped lesson opens from the Learn menu at its first step', async ({ page, problems }) => {
  await openFresh(page);
  const designsBefore = await page.evaluate(() => localStorage.getItem('eventflow.library'));
  await page.getByTestId('learn-menu').click();
  await page.getByTestId(`lesson-open-${firstShipped.id}`).click();
  await expect(page.getByTestId('lesson-player')).toBeVisible();
  const step = firstShipped.steps[0];
  await expect(page.getByTestId('lesson-title')).toHaveText(firstShipped.title.en);
  await expect(page.getByTestId('lesson-step-title')).toHaveText(step.title.en);
  await atStep(page, 1, firstShipped.steps.length, step.atMs ?? 0);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  for (const name of step.highlight?.nodes ?? [])
    await expect(page.locator('.node--lesson').filter({ hasText: name }).first()).toBeVisible();
  // Opening a lesson never touches the user's designs.
  expect(await page.evaluate(() => localStorage.getItem('eventflow.library'))).toBe(designsBefore);
  expect(problems).toEqual([]);
});

test('step forward and back through a lesson: the canvas and the cursor show each step', async ({
  page,
  problems,
}) => {
  test.setTimeout(300_000);
  await openFresh(page);
  await page.getByTestId('learn-menu').click();
  await expect(page.getByTestId('lesson-open-file')).toBeVisible();
  await page.getByTestId('learn-menu').click();
  await openLessonFile(page, sample, 'sample.json');

  // Step 1: its scenario on the canvas, its node outlined, its range shaded, the cursor at 1.2 s.
  await expect(page.getByTestId('lesson-player')).toBeVisible();
  await expect(page.getByTestId('lesson-step-title')).toHaveText('Records flow in');
  await atStep(page, 1, 3, 1200);
  await expect(page.getByTestId('topic-node-payments')).toHaveClass(/node--lesson/);
  await expect(page.getByTestId('group-node-ledger')).not.toHaveClass(/node--lesson/);
  await expect(page.getByTestId('lesson-range')).toHaveAttribute('data-to-ms', '2500');
  const processed = page.getByTestId('group-processed-ledger');
  await expect(processed).not.toHaveText('0');
  const atStep1 = await processed.textContent();
  await page.screenshot({ path: '/tmp/e/lesson-en.png' });

  // Next: step 2 at 3.0 s; more processed; the narration changed; its nodes outlined.
  await page.getByTestId('lesson-next').click();
  await atStep(page, 2, 3, 3000);
  await expect(page.getByTestId('lesson-narration')).toContainText('At 2.5 s a member');
  await expect(page.getByTestId('group-node-ledger')).toHaveClass(/node--lesson/);
  await expect(page.getByTestId('topic-node-payments')).not.toHaveClass(/node--lesson/);
  await expect(processed).not.toHaveText(atStep1!);

  // Back: time travel to where step 1 began — the same cursor, the same figures.
  await page.getByTestId('lesson-back').click();
  await atStep(page, 1, 3, 1200);
  await expect(processed).toHaveText(atStep1!);
  await expect(page.getByTestId('topic-node-payments')).toHaveClass(/node--lesson/);

  // A cursor: link in the narration moves the cursor.
  await page.locator('[data-testid="narration-link"][data-href="cursor:2500"]').click();
  await expect(cursorUs(page)).toHaveAttribute('data-time-us', '2500000');
  // A node: link outlines and selects it.
  await page.locator('[data-testid="narration-link"][data-href="node:payments"]').click();
  await expect(page.getByTestId('topic-node-payments')).toHaveClass(/node--lesson/);

  // Step 3 changes the scenario (ledger commits before processing): a new document.
  await page.getByTestId('lesson-next').click();
  await atStep(page, 2, 3, 3000);
  await page.getByTestId('lesson-next').click();
  await atStep(page, 3, 3, 4000);
  await expect(page.getByTestId('lesson-next')).toHaveCount(0);
  await expect(page.getByTestId('lesson-task')).toContainText(
    'Make the ledger group process no record twice.',
  );
  await page.getByTestId('lesson-hint-next').click();
  await expect(page.getByTestId('lesson-hint')).toHaveCount(1);
  await expect(page.getByTestId('lesson-hint')).toContainText('Look at where ledger commits.');
  await page.getByTestId('lesson-check').click();
  await expect(page.getByTestId('lesson-verdict')).toHaveText(/^Done: /, { timeout: 60_000 });

  // Back to step 2: the earlier scenario again, at 3.0 s, its figures as before.
  await page.getByTestId('lesson-back').click();
  await atStep(page, 2, 3, 3000);
  await expect(page.getByTestId('lesson-narration')).toContainText('At 2.5 s a member');

  // An anomaly: link selects the first anomaly of that kind; the cursor goes just after it.
  await page.locator('[data-testid="narration-link"][data-href="anomaly:duplicate"]').click();
  const chosen = page.locator('[data-testid="anomaly-duplicate"].is-selected');
  await expect(chosen).toHaveCount(1, { timeout: 60_000 });
  await expect(chosen).toHaveAttribute('data-future', 'false');
  await expect(cursorUs(page)).not.toHaveAttribute('data-time-us', '3000000');
  await page.getByTestId('lesson-restart').click();
  await atStep(page, 1, 3, 1200);
  await page.getByTestId('lesson-next').click();
  await atStep(page, 2, 3, 3000);

  // 中文: the narration (and the player) change language.
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.getByTestId('lesson-narration')).toContainText('在 2.5 秒时');
  await expect(page.getByTestId('lesson-step-count')).toHaveText('第 2 步，共 3 步');
  await page.getByTestId('lesson-back').click();
  await expect(page.getByTestId('lesson-step-count')).toHaveText('第 1 步，共 3 步');
  await expect(cursorUs(page)).toHaveAttribute('data-time-us', '1200000');
  await page.screenshot({ path: '/tmp/e/lesson-zh.png' });
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('lesson-narration')).toContainText('The producer checkout');
  expect(problems).toEqual([]);
});

test('presenter mode: large type, resizable bottom panels (remembered), canvas fit', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  await openLessonFile(page, sample, 'sample.json');
  await atStep(page, 1, 3, 1200);
  const narration = page.getByTestId('lesson-narration');
  const size = () => narration.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await size();
  await expect(page.getByTestId('bottom-resizer')).toHaveCount(0);

  await page.getByTestId('presenter-toggle').check();
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
  await expect.poll(size).toBeGreaterThan(before * 1.2);

  const insight = page.getByTestId('insight');
  const handle = page.getByTestId('bottom-resizer');
  await expect(handle).toBeVisible();
  const h0 = (await insight.boundingBox())!.height;
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y - 60, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y - 120, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await insight.boundingBox())!.height).toBeGreaterThan(h0 + 80);
  const stored = Number(
    await page.evaluate(() => localStorage.getItem('eventflow.presenter.bottomPx')),
  );
  expect(stored).toBeGreaterThan(230 + 80);
  // Keys: the handle moves with arrows; PageDown is Next.
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await expect
    .poll(() => page.evaluate(() => Number(localStorage.getItem('eventflow.presenter.bottomPx'))))
    .toBe(stored + 20);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('PageDown');
  await atStep(page, 2, 3, 3000);
  await page.screenshot({ path: '/tmp/e/lesson-presenter.png' });

  // P leaves presenter mode: the type is back to its size, the handle gone.
  await page.keyboard.press('p');
  await expect(page.locator('html')).not.toHaveAttribute('data-presenter', 'on');
  await expect.poll(size).toBe(before);
  await expect(handle).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a malformed lesson file: a clear error naming the field, and nothing else changes', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  const nodes = await page.locator('.react-flow__node').count();
  const scenario = await page.getByTestId('scenario-menu').inputValue();
  const bad = structuredClone(sample);
  delete bad.steps[1].narration['zh-CN'];
  bad.steps[2].task.goal.op = '=';
  await openLessonFile(page, bad, 'broken-lesson.json');
  const error = page.getByTestId('lesson-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('broken-lesson.json');
  await expect(page.getByTestId('lesson-error-line')).toHaveCount(2);
  await expect(page.getByTestId('lesson-error-line').first()).toContainText(
    '$.steps[1].narration["zh-CN"]',
  );
  await expect(page.getByTestId('lesson-error-line').nth(1)).toContainText(
    '$.steps[2].task.goal.op',
  );
  // Nothing else changed: no lesson, the same document and canvas.
  await expect(page.getByTestId('lesson-player')).toHaveCount(0);
  await expect(page.getByTestId('scenario-menu')).toHaveValue(scenario);
  await expect(page.locator('.react-flow__node')).toHaveCount(nodes);

  // Not JSON at all: said so at $.
  await page.getByTestId('lesson-file-input').setInputFiles({
    name: 'not-json.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"version": 1,'),
  });
  await expect(error).toContainText('not-json.json');
  await expect(page.getByTestId('lesson-error-line').first()).toContainText('$');

  // With a lesson open, a bad file leaves it at its step.
  await openLessonFile(page, sample, 'sample.json');
  await atStep(page, 1, 3, 1200);
  await expect(error).toHaveCount(0);
  await page.getByTestId('lesson-next').click();
  await atStep(page, 2, 3, 3000);
  await openLessonFile(page, bad, 'broken-lesson.json');
  await expect(error).toBeVisible();
  await expect(page.getByTestId('lesson-step-count')).toHaveText('Step 2 of 3');
  await expect(cursorUs(page)).toHaveAttribute('data-time-us', '3000000');
  await page.getByTestId('lesson-error-dismiss').click();
  await expect(error).toHaveCount(0);
  expect(problems).toEqual([]);
});
