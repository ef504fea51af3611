import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { lessonSteps, loadLesson, quoted } from './lessonSteps';

/*
 * Lesson 15, exactly-once with Kafka transactions, in Chinese (a browser whose language is
 * zh-CN): it opens from the Learn menu in Chinese, each step's scenario runs to its atMs, and the
 * numbers the Chinese narration quotes are the ones the canvas shows at that cursor (the ledgers'
 * duplicates, audit-eos held at the last stable offset, the zombie's aborted batch). The task
 * step's check says "not yet" in Chinese. Waits for states only.
 */
const LESSON = loadLesson('15-exactly-once-with-transactions.json');
const { zh } = lessonSteps(LESSON);

test.use({ locale: 'zh-CN' });

const { atStep, next } = lessonSteps(LESSON);

const value = (page: Page, what: string, group: string) =>
  page.getByTestId(`group-${what}-${group}`);

test('lesson 15 in Chinese: at-least-once vs transactions, the LSO, read_uncommitted and the zombie, with the canvas showing the numbers the narration quotes', async ({
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

  // Step 1, at-least-once: ledger-alo processed the crashed batch's payments twice.
  await atStep(page, 1);
  const narration = page.getByTestId('lesson-narration');
  await expect(narration).toContainText('至少一次');
  const aloTwice = quoted(zh(0), '笔支付处理了两次');
  await expect(value(page, 'duplicates', 'ledger-alo')).toHaveAttribute(
    'data-value',
    String(aloTwice),
  );

  // Step 2, one transaction per batch, at 3,500 ms: audit-eos held at the last stable offset.
  await next(page, 2);
  await expect(narration).toContainText('initTransactions');
  await expect(narration).toContainText('最后稳定偏移量');
  const held = quoted(zh(1), '条）');
  await expect(value(page, 'processed', 'audit-eos')).toHaveAttribute('data-value', String(held));

  // Step 3: processing repeated inside the transactional ledger too.
  await next(page, 3);
  await expect(narration).toContainText('幂等消费者');
  await expect(value(page, 'duplicates', 'ledger-eos')).toHaveAttribute(
    'data-value',
    String(quoted(zh(2), '笔支付处理了两次')),
  );

  // Step 4, read_uncommitted: the task in Chinese, not solved yet.
  await next(page, 4);
  await expect(narration).toContainText('read_uncommitted');
  await expect(page.getByTestId('lesson-task')).toContainText(LESSON.steps[3]!.task!.text['zh-CN']);
  await page.getByTestId('lesson-check').click();
  await expect(page.getByTestId('lesson-verdict')).toHaveText(/^还没有：/, { timeout: 60_000 });

  // Step 5, the zombie: its batch processed again by ledger-2, its transaction aborted.
  await next(page, 5);
  await expect(narration).toContainText('僵尸');
  await expect(narration).toContainText('UNKNOWN_MEMBER_ID');
  const aborted = quoted(zh(4), '条记录的事务');
  await expect(value(page, 'duplicates', 'ledger')).toHaveAttribute('data-value', String(aborted));
  await page.screenshot({ path: '/tmp/h12-lesson15-zh.png' });
  expect(problems).toEqual([]);
});
