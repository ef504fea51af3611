import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/*
 * The RabbitMQ lessons in Chinese (a browser whose language is zh-CN): lesson 11 and the
 * Kafka-to-RabbitMQ bridge (14) open from the Learn menu in Chinese, each step's scenario runs
 * to its atMs, and a number the Chinese narration quotes is the one the canvas shows for that
 * run (the summary's duplicates and handlings). Waits for states only.
 */
type Text = { en: string; 'zh-CN': string };
const lesson = (file: string) =>
  JSON.parse(readFileSync(new URL(`../src/lessons/${file}`, import.meta.url), 'utf8')) as {
    id: string;
    title: Text;
    steps: { atMs?: number; title: Text; narration: Text; task?: { text: Text } }[];
  };
const ACKS = lesson('11-rabbitmq-acks-prefetch-and-redelivery.json');
const BRIDGE = lesson('14-kafka-to-rabbitmq-bridge.json');

test.use({ locale: 'zh-CN' });

/** The number a summary figure shows (its last number: "已处理 167" → 167). */
async function total(page: Page, key: string): Promise<number> {
  const text = (await page.getByTestId(`total-${key}`).first().textContent()) ?? '';
  const m = /(\d[\d,]*)(?!.*\d)/.exec(text.replace(/\u00a0/g, ' '));
  if (!m) throw new Error(`total-${key}: no number in "${text}"`);
  return Number(m[1]!.replace(/,/g, ''));
}

/** The one number a Chinese narration quotes right before `after` ("那 7 个重新投递的任务" → 7). */
function quoted(narration: string, after: string): number {
  const m = new RegExp(`(\\d[\\d,]*)\\s*${after}`).exec(narration);
  if (!m) throw new Error(`no number before "${after}" in: ${narration}`);
  return Number(m[1]!.replace(/,/g, ''));
}

async function openChinese(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await expect(page.getByTestId('language')).toHaveValue('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('sim-status')).toHaveText('就绪');
}

async function open(page: Page, id: string): Promise<void> {
  await page.getByTestId('learn-menu').click();
  await page.getByTestId(`lesson-open-${id}`).click();
  await expect(page.getByTestId('lesson-player')).toBeVisible();
}

async function atStep(page: Page, n: number, of: number, atMs: number): Promise<void> {
  await expect(page.getByTestId('lesson-step-count')).toHaveText(`第 ${n} 步，共 ${of} 步`);
  await expect(page.getByTestId('lesson-status')).toHaveAttribute('data-entering', 'false', {
    timeout: 120_000,
  });
  await expect(page.getByTestId('cursor-time')).toHaveAttribute(
    'data-time-us',
    String(atMs * 1000),
  );
}

/** Walks from the open step `from` (1-based) to step `to`, each step's run at its atMs. */
async function walk(page: Page, l: typeof ACKS, from: number, to: number): Promise<void> {
  for (let n = from + 1; n <= to; n++) {
    await page.getByTestId('lesson-next').click();
    await atStep(page, n, l.steps.length, l.steps[n - 1]!.atMs ?? 0);
  }
}

test('lesson 11 in Chinese: the batch-ack crash, its duplicates and handlings on the canvas as the narration says; the task in Chinese', async ({
  page,
  problems,
}) => {
  test.setTimeout(300_000);
  const of = ACKS.steps.length;
  await openChinese(page);
  await open(page, ACKS.id);
  await expect(page.getByTestId('lesson-title')).toHaveText(ACKS.title['zh-CN']);
  await atStep(page, 1, of, ACKS.steps[0]!.atMs ?? 0);
  await expect(page.getByTestId('lesson-step-title')).toHaveText(ACKS.steps[0]!.title['zh-CN']);
  await expect(page.getByTestId('lesson-narration')).toContainText('公平分发');
  // Fair dispatch: all the tasks handled by the end, as "共 160 个任务" says.
  const tasks = quoted(ACKS.steps[0]!.narration['zh-CN'], '个任务。');
  await expect.poll(() => total(page, 'processed')).toBe(tasks);

  // The batch-ack step: slow crashes mid-batch; the narration's Chinese and its link.
  const batch = ACKS.steps.findIndex((s) => s.narration.en.includes('`ackEvery`')) + 1;
  expect(batch).toBeGreaterThan(1);
  await walk(page, ACKS, 1, batch);
  await expect(page.getByTestId('lesson-step-title')).toHaveText(
    ACKS.steps[batch - 1]!.title['zh-CN'],
  );
  const narration = page.getByTestId('lesson-narration');
  await expect(narration).toContainText('已经处理完了');
  await expect(narration).toContainText('redelivered=true');
  await expect(
    page.locator('[data-testid="narration-link"][data-href="anomaly:duplicate"]'),
  ).toHaveText('重复');
  const zh = ACKS.steps[batch - 1]!.narration['zh-CN'];
  const duplicates = quoted(zh, '条\\[重复\\]');
  const handlings = quoted(zh, '次，丢失');

  // The last step starts at the end of the same run: the canvas shows those figures.
  await walk(page, ACKS, batch, of);
  await expect(page.getByTestId('lesson-narration')).toContainText(
    `那 ${duplicates} 个重新投递的任务`,
  );
  await expect.poll(() => total(page, 'duplicates')).toBe(duplicates);
  await expect.poll(() => total(page, 'processed')).toBe(handlings);
  await expect(page.getByTestId('lesson-task')).toContainText(
    ACKS.steps[of - 1]!.task!.text['zh-CN'],
  );
  await page.getByTestId('lesson-check').click();
  await expect(page.getByTestId('lesson-verdict')).toHaveText(/^还没有：/, { timeout: 60_000 });
  await page.screenshot({ path: '/tmp/h5b-lesson11-zh.png' });
  expect(problems).toEqual([]);
});

test('the bridge lesson in Chinese: a crash before the commit re-reads; the canvas counts the duplicates the narration quotes', async ({
  page,
  problems,
}) => {
  test.setTimeout(300_000);
  const of = BRIDGE.steps.length;
  await openChinese(page);
  await open(page, BRIDGE.id);
  await expect(page.getByTestId('lesson-title')).toHaveText(BRIDGE.title['zh-CN']);
  await atStep(page, 1, of, BRIDGE.steps[0]!.atMs ?? 0);
  await expect(page.getByTestId('lesson-narration')).toContainText('先发布、后提交');
  await walk(page, BRIDGE, 1, 2);
  await expect(page.getByTestId('lesson-narration')).toContainText('60 位顾客收到了第二封邮件');
  const zh = BRIDGE.steps[1]!.narration['zh-CN'];
  // The group's re-read records are the run's duplicates (RabbitMQ counts none of its own).
  await expect.poll(() => total(page, 'duplicates')).toBe(quoted(zh, '条\\[重复\\]'));
  await page.screenshot({ path: '/tmp/h5b-lesson14-zh.png' });
  expect(problems).toEqual([]);
});
