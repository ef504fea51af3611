import { expect, test } from './fixtures';
import { lessonSteps, loadLesson, quoted } from './lessonSteps';

/*
 * Lesson 18, adding partitions breaks key order, in Chinese (a browser whose language is zh-CN):
 * it opens from the Learn menu in Chinese, each step's scenario runs to its atMs, the topic shows
 * the partitions the narration quotes at that cursor, the reordered count the narration quotes is
 * the one billing's node shows, the anomaly explanation is in Chinese, and the task step's check
 * says "not yet" in Chinese. Waits for states only.
 */
const LESSON = loadLesson('18-adding-partitions-breaks-key-order.json');
const { zh } = lessonSteps(LESSON);

test.use({ locale: 'zh-CN' });

const { atStep, next } = lessonSteps(LESSON);

test('lesson 18 in Chinese: the alter, the moved keys, the reordering explained, and the task', async ({
  page,
  problems,
}) => {
  test.setTimeout(420_000);
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await expect(page.getByTestId('language')).toHaveValue('zh-CN');
  await page.getByTestId('learn-menu').click();
  await page.getByTestId(`lesson-open-${LESSON.id}`).click();
  await expect(page.getByTestId('lesson-player')).toBeVisible();
  await expect(page.getByTestId('lesson-title')).toHaveText(LESSON.title['zh-CN']);

  // Step 1, at 3,000 ms: the alter has run; orders has the partitions the narration quotes.
  await atStep(page, 1);
  const narration = page.getByTestId('lesson-narration');
  await expect(narration).toContainText('kafka-topics.sh --alter');
  const after = quoted(zh(0), '个分区，每个键');
  await expect(page.getByTestId('topic-partitions-orders')).toHaveText(`${after} 个分区`);
  await expect(page.getByTestId('topic-node-orders').locator('.strips__label')).toHaveCount(after);

  // Step 2, at the end: billing's reordered records, explained in Chinese.
  await next(page, 2);
  await expect(narration).toContainText('乱序');
  const reordered = quoted(zh(1), '条记录是在同一个键更晚的记录之后');
  const first = page.getByTestId('anomaly-reordered').first();
  await expect(first).toBeVisible();
  await expect(first.getByTestId('anomaly-explanation')).toContainText(
    /orders 在 3,000 ms 从 4 个分区扩到 6 个分区时，键 user-\d+ 从分区 \d 移到了分区 \d/,
  );
  await expect(page.getByTestId('chip-reordered')).toContainText(String(reordered));
  await page.screenshot({ path: '/tmp/h12-lesson18-zh.png' });

  // Step 3: the task in Chinese, not solved yet.
  await next(page, 3);
  await expect(page.getByTestId('lesson-task')).toContainText(LESSON.steps[2]!.task!.text['zh-CN']);
  await page.getByTestId('lesson-check').click();
  await expect(page.getByTestId('lesson-verdict')).toHaveText(/^还没有：/, { timeout: 60_000 });
  expect(problems).toEqual([]);
});
