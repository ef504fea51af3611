import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, openFresh, playUntil, selectNode, test } from './fixtures';

/**
 * 中文 and back: the toolbar, the palette, the properties panel, the summary bar and an anomaly's
 * explanation change language with the switcher; the choice is remembered across a reload; a
 * browser whose language is Chinese starts in Chinese. In Chinese, the toolbar, the palette and
 * the properties panel have no English word left but Kafka's own names and the scenario's.
 */

const scenario = JSON.parse(
  readFileSync(new URL('../src/scenarios/crash-before-commit.json', import.meta.url), 'utf8'),
) as {
  topics: { name: string }[];
  producers: { id: string; eventType?: string; keys?: { prefix?: string } }[];
  groups: { id: string }[];
};

/** Names the scenario gives its entities (they stay as written in every language). */
const ENTITY = new Set<string>([
  ...scenario.topics.map((t) => t.name),
  ...scenario.producers.flatMap((p) => [
    p.id,
    p.eventType ?? '',
    (p.keys?.prefix ?? '').replace(/-$/, ''),
  ]),
  ...scenario.groups.map((g) => g.id),
]);

/**
 * Words allowed in the Chinese UI: the product's name, the language switcher's "English" (each
 * language is named in itself), units, Kafka's own names and values (settings, assignors,
 * offset resets, acks), keys as typed, file formats, and examples of data (an event type, a
 * payload field, the partitioner's hash).
 */
const ALLOWED = new Set([
  'EventFlow',
  'English',
  'ms',
  's',
  'B',
  'acks',
  'all',
  'partitions',
  'retries',
  'range',
  'roundrobin',
  'sticky',
  'cooperative-sticky',
  'earliest',
  'latest',
  // isolation.level's values, and the last stable offset as Kafka abbreviates it
  'read_committed',
  'read_uncommitted',
  'LSO',
  'Kafka',
  'Broker',
  // Kafka's "broker" stays in Kafka spelling in Chinese (as in the explanations), also upper-cased
  'broker',
  'BROKER',
  // RabbitMQ's own names, and the course note's exchange (a built-in's name quotes it)
  'RabbitMQ',
  // the palette's section headings, upper-cased by CSS
  'KAFKA',
  'RABBITMQ',
  'TTL',
  // group.instance.id's template placeholder, typed as is: {member}
  'member',
  'logs_topic',
  // delivery guarantees, as Chinese Kafka texts write them next to the Chinese term
  'at-least-once',
  'at-most-once',
  'exactly-once',
  'ISR',
  'null',
  'true',
  'id',
  'N',
  'Zipf',
  // keys as the keyboard labels them
  'Ctrl',
  'Shift',
  'Home',
  'End',
  'Backspace',
  'Esc',
  'Delete',
  'murmur2',
  'key',
  'OrderCreated',
  'orderId',
  'JSON',
  'SVG',
  'PNG',
  // cleanup.policy's values, as Kafka spells them (compact, delete, compact,delete)
  'compact',
  'delete',
  // the transactional producer's API call and Kafka's control record, as Kafka names them
  'initTransactions',
  'COMMIT',
  // Event schema versions, as the course note writes them (v1 → v2 with a default currency).
  'v1',
  'v2',
  // Formats and tools the File menu exports to, by their own names.
  'AsyncAPI',
  'kafka-topics.sh',
  'properties',
  'Node',
  'kafkajs',
  'amqplib',
]);

function englishWords(text: string): string[] {
  const words = text.match(/[A-Za-z][A-Za-z0-9_.-]*/g) ?? [];
  return words.filter((w) => {
    const bare = w.replace(/[.-]+$/, '');
    if (ALLOWED.has(bare) || ENTITY.has(bare)) return false;
    if (/^[A-Z]$/.test(bare)) return false; // a key (N, L, F), Ctrl+Z's Z
    // an entity with a number: a member (ledger-2), a partition (payments-3)
    const base = bare.replace(/-\d+$/, '');
    if (base !== bare && ENTITY.has(base)) return false;
    // Kafka setting names and error codes: enable.auto.commit, NOT_ENOUGH_REPLICAS
    if (/^[a-z0-9]+(\.[a-z0-9]+)+$/.test(bare) || /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(bare))
      return false;
    return true;
  });
}

/** What a reader sees (a <select> contributes its options; closed menus contribute nothing). */
async function visibleText(l: Locator): Promise<string> {
  return l.evaluate((el) => (el as HTMLElement).innerText);
}

async function setLanguage(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language').selectOption(locale);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

/** Opens a built-in from the scenario menu and waits for the worker's first frame. */
async function openBuiltIn(page: Page, id: string): Promise<void> {
  await page.getByTestId('scenario-menu').selectOption(id);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await expect(page.getByTestId('sim-clock')).toHaveAttribute('data-status', 'idle');
}

const CJK = /[\u4e00-\u9fff]/;

test.describe('the app in Chinese and English', () => {
  test('toolbar, palette, properties, summary and an anomaly explanation switch to 中文 and back', async ({
    page,
    problems,
  }) => {
    test.setTimeout(180_000);
    await openFresh(page);
    await openBuiltIn(page, 'crash-before-commit');
    await page.getByTestId('speed').selectOption('max');
    await playUntil(page, 6_000_000);
    const explanation = page.getByTestId('anomaly-explanation').first();
    await expect(explanation).toBeVisible({ timeout: 30_000 });
    const englishExplanation = (await explanation.textContent()) ?? '';
    expect(englishExplanation).not.toMatch(CJK);
    await selectNode(page, 'group-node-ledger');

    // English first.
    await expect(page.getByTestId('play')).toHaveText('Play');
    await expect(page.getByTestId('pause')).toHaveText('Pause');
    await expect(page.getByTestId('reset')).toHaveText('Reset');
    await expect(page.getByTestId('file-menu')).toHaveText('File ▾');
    await expect(page.getByTestId('palette-producer')).toHaveText('Producer');
    await expect(page.getByTestId('properties-consumerGroup')).toContainText('Consumer config');
    await expect(page.getByTestId('properties')).toContainText('Connections');
    await expect(page.locator('.summary .total__label').first()).toHaveText('produced');

    await setLanguage(page, 'zh-CN');
    await expect(page.getByTestId('play')).toHaveText('播放');
    await expect(page.getByTestId('pause')).toHaveText('暂停');
    await expect(page.getByTestId('reset')).toHaveText('重置');
    await expect(page.getByTestId('file-menu')).toHaveText('文件 ▾');
    await expect(page.getByTestId('designs-menu')).toContainText('我的设计');
    await expect(page.getByTestId('sim-status')).toHaveText(/已暂停|已结束/);
    await expect(page.getByTestId('undo')).toHaveAttribute('title', '撤销（Ctrl+Z）');
    await expect(page.getByTestId('palette-producer')).toHaveText('生产者');
    await expect(page.getByTestId('palette-consumerGroup')).toHaveText('消费者组');
    await expect(page.getByTestId('design-settings')).toHaveText(/^设计设置/);
    await expect(page.getByTestId('properties-consumerGroup').locator('.panel__kind')).toHaveText(
      '消费者组',
    );
    await expect(page.getByTestId('properties')).toContainText('消费者配置');
    await expect(page.getByTestId('properties')).toContainText('连接');
    // Kafka's setting names stay as Kafka spells them; the hints around them are translated.
    await expect(page.getByTestId('properties')).toContainText('max.poll.records');
    await expect(page.getByTestId('field-commit-mode')).toContainText('处理后提交（至少一次）');
    await expect(page.locator('.summary .total__label').first()).toHaveText('已生产');
    await expect(page.locator('.summary .total__label').nth(2)).toHaveText('最大滞后');
    // The open built-in's description, in the UI language.
    await expect(page.locator('.summary__description')).toHaveText(CJK);
    // The anomaly explanation (the insight explain catalog) re-renders in Chinese.
    await expect(explanation).toHaveText(CJK);
    expect(await explanation.textContent()).not.toBe(englishExplanation);
    await page.screenshot({ path: '/tmp/i18n-zh-app.png' });
    await page.getByTestId('toolbar').screenshot({ path: '/tmp/i18n-zh-toolbar.png' });

    // And back.
    await setLanguage(page, 'en');
    await expect(page.getByTestId('play')).toHaveText('Play');
    await expect(page.getByTestId('palette-producer')).toHaveText('Producer');
    await expect(page.getByTestId('properties')).toContainText('Consumer config');
    await expect(page.locator('.summary .total__label').first()).toHaveText('produced');
    await expect(explanation).toHaveText(englishExplanation);
    expect(problems).toEqual([]);
  });

  test('in 中文, the toolbar, the palette and every properties panel have no English words left', async ({
    page,
    problems,
  }) => {
    test.setTimeout(120_000);
    await openFresh(page);
    await openBuiltIn(page, 'crash-before-commit');
    await setLanguage(page, 'zh-CN');
    const check = async (what: string, l: Locator) => {
      const text = await visibleText(l);
      expect(englishWords(text), `English words in ${what} in Chinese:\n${text}`).toEqual([]);
    };
    await check('the toolbar', page.getByTestId('toolbar'));
    await check('the palette', page.getByTestId('palette'));
    await check('the summary bar', page.locator('.summary'));
    // Menus open: their items too.
    await page.getByTestId('file-menu').click();
    await check('the File menu', page.getByTestId('file-menu-details'));
    await page.keyboard.press('Escape');
    await page.getByTestId('designs-menu').click();
    await check(
      'My designs',
      page.locator('details.menu').filter({ has: page.getByTestId('designs-menu') }),
    );
    await page.keyboard.press('Escape');
    // Every kind of node the scenario has, and the design's own settings.
    for (const node of ['producer-node-checkout', 'topic-node-payments', 'group-node-ledger']) {
      await selectNode(page, node);
      await check(`the properties of ${node}`, page.getByTestId('properties'));
    }
    await page.getByTestId('properties').screenshot({ path: '/tmp/i18n-zh-properties.png' });
    await page.keyboard.press('Escape');
    await page.getByTestId('design-settings').click();
    await check('the design settings', page.getByTestId('properties'));
    // The help panel.
    await page.getByTestId('help').click();
    await check('the help panel', page.getByTestId('help-panel'));
    await page.getByTestId('help-panel').screenshot({ path: '/tmp/i18n-zh-help.png' });
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });

  test('the choice is remembered after a reload', async ({ page, problems }) => {
    await openFresh(page);
    await setLanguage(page, 'zh-CN');
    await expect(page.getByTestId('play')).toHaveText('播放');
    await page.reload();
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
    await expect(page.getByTestId('language')).toHaveValue('zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('play')).toHaveText('播放');
    await expect(page.getByTestId('sim-status')).toHaveText('就绪');
    await expect(page.getByTestId('palette-topic')).toHaveText('主题');
    await setLanguage(page, 'en');
    await page.reload();
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
    await expect(page.getByTestId('play')).toHaveText('Play');
    expect(problems).toEqual([]);
  });
});

test.describe('a browser whose language is Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('starts in Chinese', async ({ page, problems }) => {
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
    await expect(page.getByTestId('language')).toHaveValue('zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('play')).toHaveText('播放');
    await expect(page.getByTestId('sim-status')).toHaveText('就绪');
    await expect(page.getByTestId('palette-producer')).toHaveText('生产者');
    await expect(page.locator('.summary .total__label').first()).toHaveText('已生产');
    expect(problems).toEqual([]);
  });
});
