import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, openFresh, selectNode, test } from './fixtures';

/*
 * Issue 10: validation messages and built-in scenario names in Chinese. The JSON path of a
 * problem is data and reads the same in both languages; the words around it are translated.
 */
const base64url = (bytes: Buffer) =>
  bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function chooseChinese(page: Page): Promise<void> {
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

/** Opens a URL with a full page load (a hash-only change would not reload the app). */
async function load(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
}

test('in Chinese, a malformed scenario file is refused naming the field, in Chinese', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  await chooseChinese(page);
  const bad = {
    version: 1,
    name: 'broken',
    topics: [{ name: 'orders', partitions: 0 }],
    producers: [],
    groups: [],
  };
  await page.getByTestId('import-input').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  const error = page.getByTestId('app-error');
  await expect(error).toContainText('$.topics[0].partitions：必须 ≥ 1，给出的是 0');
  await expect(error).not.toContainText('must be');

  const typo = {
    version: 1,
    name: 'typo',
    topics: [{ name: 'orders', partitions: 1 }],
    producers: [],
    groups: [],
    colour: 'red',
  };
  await page.getByTestId('import-input').setInputFiles({
    name: 'typo.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(typo)),
  });
  await expect(error).toContainText('$.colour：未知字段 "colour"');

  // Back in English, the same notice reads in English (messages are rendered when shown).
  await page.getByTestId('language').selectOption('en');
  await expect(error).toContainText('$.colour: unknown field "colour"');
  expect(problems).toEqual([]);
});

test('in Chinese, a corrupt share link is refused in Chinese', async ({ page, problems }) => {
  await openFresh(page);
  await chooseChinese(page);
  await load(page, '/#run=abcde');
  const banner = page.locator('.banner');
  await expect(banner).toContainText(
    '共享状态已损坏：它不是 base64url 文本（长度 5 个字符不可能出现）。',
    { timeout: 15_000 },
  );
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');

  // A link whose scenario is invalid names the field by its path.
  const json = JSON.stringify({
    v: 1,
    seed: 1,
    cursor: 0,
    forks: [],
    scenario: { version: 1, name: 'x', topics: [{ name: 't', partitions: 0 }] },
  });
  await load(page, `/#run=${base64url(deflateRawSync(json))}`);
  await expect(banner).toContainText(
    '共享的场景无效：scenario.topics[0].partitions：必须 ≥ 1，给出的是 0',
    { timeout: 15_000 },
  );
  expect(problems).toEqual([]);
});

test('in Chinese, the scenario menu lists the built-ins in Chinese, and one opens named in Chinese', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  const menu = page.getByTestId('scenario-menu');
  await expect(menu.locator('option[value="hot-partition"]')).toHaveText(
    'Hot partition from key skew',
  );
  await chooseChinese(page);
  await expect(menu.locator('option[value="order-flow"]')).toHaveText('电商订单流程');
  await expect(menu.locator('option[value="crash-before-commit"]')).toHaveText('提交前崩溃');
  await expect(menu.locator('option[value="hot-partition"]')).toHaveText('键倾斜导致的热点分区');
  await expect(menu.locator('option[value="broker-failure"]')).toHaveText(
    'Broker 故障：acks=1 与 acks=all',
  );
  await menu.selectOption('crash-before-commit');
  await expect(menu).toHaveValue('crash-before-commit');
  await expect(page.locator('.summary__description')).toContainText('至少一次');
  await page.screenshot({ path: '/tmp/i18n-validation-menu.png' });
  expect(problems).toEqual([]);
});

test('in Chinese, a bad field is explained in Chinese next to the field, on the node and when Play is refused', async ({
  page,
  problems,
}) => {
  await openFresh(page);
  await chooseChinese(page);
  await selectNode(page, 'topic-node-order-events');
  await page.getByTestId('field-partitions').fill('0');
  await expect(page.getByTestId('field-error-partitions')).toHaveText(
    'partitions：必须 ≥ 1，给出的是 0',
  );
  await expect(page.getByTestId('topic-node-order-events-issues')).toContainText(
    'partitions：必须 ≥ 1，给出的是 0',
  );
  await page.getByTestId('play').click();
  await expect(page.getByTestId('app-error')).toContainText('partitions：必须 ≥ 1，给出的是 0');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('field-error-partitions')).toHaveText(
    'partitions: must be ≥ 1, got 0',
  );
  expect(problems).toEqual([]);
});
