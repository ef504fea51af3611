import type { Page } from '@playwright/test';
import { expect, selectNode, test } from './fixtures';
import { lessonSteps, loadLesson, quoted } from './lessonSteps';

/*
 * Lesson 17, a compacted topic as a table, in Chinese (a browser whose language is zh-CN): it
 * opens from the Learn menu in Chinese, each step's scenario runs to its atMs, and the numbers
 * the Chinese narration quotes are the ones the canvas shows at that cursor: the whole log's
 * offsets that still hold a record, the read models' rows, the missed deletes. Its last step is
 * a task: the check fails on the built-in, and passes once customers keeps its tombstones for
 * Kafka's default delete.retention.ms (set in the topic's form, as a reader would). Waits for
 * states only.
 */
const LESSON = loadLesson('17-a-compacted-topic-as-a-table.json');
const { zh } = lessonSteps(LESSON);

test.use({ locale: 'zh-CN' });

const { atStep, next } = lessonSteps(LESSON);

const rows = (page: Page, group: string) =>
  page.getByTestId(`readmodel-${group}`).locator('.readmodel__title .num');

test('lesson 17 in Chinese: the latest value per key, tombstones, a reader down past delete.retention.ms, the table rebuilt; the canvas shows the numbers the narration quotes', async ({
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

  // Step 1 at 6,000 ms: 28 of 121 offsets still hold a record; profile-cache has 12 customers.
  await atStep(page, 1);
  const narration = page.getByTestId('lesson-narration');
  await expect(narration).toContainText('偏移量从不重新编号');
  const log = page.getByTestId('compaction-customers');
  const kept = quoted(zh(0), '个还保有记录');
  await expect(log).toHaveAttribute('data-kept', String(kept));
  await expect(page.getByTestId('compaction-summary-customers')).toContainText(
    `个偏移量中有 ${kept} 个保有记录`,
  );
  await expect(rows(page, 'profile-cache')).toHaveText(String(quoted(zh(0), '位客户。')));

  // Step 2 at 10,000 ms: the deletes took profile-cache down to 9 customers.
  await next(page, 2);
  await expect(narration).toContainText('墓碑消息');
  await expect(rows(page, 'profile-cache')).toHaveText(String(quoted(zh(1), '位客户。')));

  // Step 3 at 14,000 ms: search-index came back holding 12 customers, profile-cache 9.
  await next(page, 3);
  await expect(narration).toContainText('delete.retention.ms');
  await expect(rows(page, 'search-index')).toHaveText(String(quoted(zh(2), '位客户，')));
  await expect(rows(page, 'profile-cache')).toHaveText(String(quoted(zh(2), '位。')));

  // Step 4 at 20,000 ms: audit rebuilt 9 rows from the compacted log; 3 missed deletes.
  await next(page, 4);
  await expect(rows(page, 'audit')).toHaveText(String(quoted(zh(3), '行，')));
  await expect(log).toHaveAttribute('data-kept', String(quoted(zh(3), '个还保有记录')));
  await expect(log).toHaveAttribute('data-tombstones', '0');
  await expect(page.getByTestId('total-missedTombstones')).toHaveAttribute(
    'data-value',
    String(quoted(zh(2), '次错过的删除')),
  );
  await expect(
    page.locator('[data-testid="anomaly-lost"][data-group="search-index"]').first(),
  ).toContainText('永远不会知道键');
  await page.screenshot({ path: '/tmp/lesson17-zh.png' });

  // Step 5, the task: search-index must miss no delete. Not yet on the built-in.
  await next(page, 5);
  const task = LESSON.steps[4]!.task!;
  await expect(page.getByTestId('lesson-task')).toContainText(task.text['zh-CN']);
  await page.getByTestId('lesson-check').click();
  const verdict = page.getByTestId('lesson-verdict');
  await expect(verdict).toHaveText(/^还没有：/, { timeout: 60_000 });
  await expect(verdict).toContainText('search-index');
  // The second hint's answer, typed into the topic's form.
  await selectNode(page, 'topic-node-customers');
  const field = page.getByTestId('field-delete.retention.ms');
  await expect(field).toHaveValue(String(quoted(zh(4), 'ms，而')));
  await field.fill(String(quoted(task.hints![1]!['zh-CN'], '，即')));
  await page.getByTestId('lesson-check').click();
  await expect(verdict).toHaveText(/^完成：/, { timeout: 60_000 });
  await page.screenshot({ path: '/tmp/lesson17-zh-task.png' });
  expect(problems).toEqual([]);
});
