import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { lessonSteps, loadLesson } from './lessonSteps';

/*
 * Lesson 16, retention outruns a slow consumer, in Chinese (a browser whose language is zh-CN):
 * it opens from the Learn menu in Chinese, each step's scenario runs to its atMs, and the
 * numbers the Chinese narration quotes are the ones the canvas shows at that cursor (the log
 * start offsets on the strips, archiver's and archiver-latest's lost records, archiver's
 * processed). The loss is explained in Chinese in the anomaly list, the timeline marks read in
 * Chinese, and the task step's check says "not yet". Waits for states only.
 */
const LESSON = loadLesson('16-retention-outruns-a-slow-consumer.json');
const { zh } = lessonSteps(LESSON);

test.use({ locale: 'zh-CN' });

/** The one number a Chinese narration quotes right after `before` ("已经是 19" → 19). */
function following(narration: string, before: string): number {
  const m = new RegExp(`${before}\\s*(\\d[\\d,]*)`).exec(narration);
  if (!m) throw new Error(`no number after "${before}" in: ${narration}`);
  return Number(m[1]!.replace(/,/g, ''));
}

const { atStep, next } = lessonSteps(LESSON);

const value = (page: Page, what: string, group: string) =>
  page.getByTestId(`group-${what}-${group}`);

test('lesson 16 in Chinese: segments and the log start, a slow consumer out of range, latest, and the task, with the canvas showing the numbers the narration quotes', async ({
  page,
  problems,
}) => {
  test.setTimeout(420_000);
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await expect(page.getByTestId('language')).toHaveValue('zh-CN');
  await expect(page.getByTestId('sim-status')).toHaveText('就绪');
  await page.getByTestId('learn-menu').click();
  await page.getByTestId(`lesson-open-${LESSON.id}`).click();
  await expect(page.getByTestId('lesson-player')).toBeVisible();
  await expect(page.getByTestId('lesson-title')).toHaveText(LESSON.title['zh-CN']);

  // Step 1, 4,000 ms: clicks-2 deleted its first segment; its log start offset is on the strip.
  await atStep(page, 1);
  const narration = page.getByTestId('lesson-narration');
  await expect(narration).toContainText('日志段');
  const logStart2 = following(zh(0), '日志起始偏移量现在是');
  const row2 = page.getByTestId('retention-clicks-2');
  await expect(row2).toHaveAttribute('data-log-start', String(logStart2));
  await expect(row2).toHaveAttribute('title', new RegExp(`日志起始偏移量 ${logStart2}：`));
  await expect(page.getByTestId('legend-retention-clicks')).toContainText('日志起始');
  await page.getByTestId('topic-node-clicks').screenshot({ path: '/tmp/retui-l16-step1.png' });

  // Step 2, 7,050 ms: archiver out of range on clicks-0; the records it lost, explained.
  await next(page, 2);
  await expect(narration).toContainText('OFFSET_OUT_OF_RANGE');
  await expect(page.getByTestId('retention-clicks-0')).toHaveAttribute(
    'data-log-start',
    String(following(zh(1), '日志起始偏移量已经是')),
  );
  await expect(value(page, 'lost', 'archiver')).toHaveAttribute(
    'data-value',
    String(following(zh(1), '就被删除了：')),
  );
  const lost = page.locator('[data-testid="anomaly-lost"][data-group="archiver"]').first();
  await expect(lost.getByTestId('anomaly-explanation')).toContainText('日志起始偏移量');
  await expect(lost.getByTestId('anomaly-explanation')).toContainText('auto.offset.reset=earliest');
  const marks = page.getByTestId('marker-retention');
  await expect.poll(() => marks.count()).toBeGreaterThan(0);
  const titles = await marks.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
  expect(titles.some((t) => t.includes('删除了') && t.includes('个日志段'))).toBe(true);
  expect(
    titles.some((t) => t.includes('OFFSET_OUT_OF_RANGE') && t.includes('日志起始偏移量')),
  ).toBe(true);
  await page.screenshot({ path: '/tmp/retui-l16-step2.png' });

  // Step 3, the end: archiver's losses and what it processed; dashboard lost nothing.
  await next(page, 3);
  await expect(value(page, 'lost', 'archiver')).toHaveAttribute(
    'data-value',
    String(following(zh(2), '丢失了')),
  );
  await expect(value(page, 'processed', 'archiver')).toHaveAttribute(
    'data-value',
    String(following(zh(2), '它处理了')),
  );
  await expect(value(page, 'lost', 'dashboard')).toHaveAttribute(
    'data-value',
    String(following(zh(2), '丢失')),
  );

  // Step 4: latest loses more.
  await next(page, 4);
  await expect(narration).toContainText('auto.offset.reset=latest');
  await expect(value(page, 'lost', 'archiver-latest')).toHaveAttribute(
    'data-value',
    String(following(zh(3), '一共丢失')),
  );

  // Step 5: the task in Chinese, not solved yet.
  await next(page, 5);
  await expect(page.getByTestId('lesson-task')).toContainText(LESSON.steps[4]!.task!.text['zh-CN']);
  await page.getByTestId('lesson-check').click();
  await expect(page.getByTestId('lesson-verdict')).toHaveText(/^还没有：/, { timeout: 60_000 });
  await page.screenshot({ path: '/tmp/retui-l16-step5.png' });
  expect(problems).toEqual([]);
});
