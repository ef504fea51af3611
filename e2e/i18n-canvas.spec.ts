import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, newDesign, openFresh, test } from './fixtures';
import { openAndRun, scrubTo } from './timelineHelpers';

/**
 * 中文: the canvas, the timeline bar, the fault lanes, the node menu and the insight panel
 * change language when the switcher is set, and in Chinese their text has no English word left
 * but Kafka's own names and the scenario's entity names.
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
 * Words allowed in Chinese text: the time unit, Kafka's own names, key names in shortcuts, the
 * run names (A, B…) and partition names (P0…).
 */
const KAFKA_AND_UNITS = new Set([
  'ms',
  's',
  'acks',
  'ISR',
  'HW',
  'broker',
  'null',
  'ID',
  'id',
  'Home',
  'End',
  'Shift',
  'N',
  'Delete',
]);

function englishWords(text: string, names: ReadonlySet<string> = ENTITY): string[] {
  const words = text.match(/[A-Za-z][A-Za-z0-9_.-]*/g) ?? [];
  return words.filter((w) => {
    const bare = w.replace(/[.-]+$/, '');
    if (KAFKA_AND_UNITS.has(bare) || names.has(bare)) return false;
    if (/^[A-Z]\d*$/.test(bare)) return false; // run names A, B2; partitions P0
    if (/^P\d+$/.test(bare)) return false;
    // an entity with a number: a member (ledger-2), a partition (payments-3), a broker (broker-1)
    const base = bare.replace(/-\d+$/, '');
    if (base !== bare && (names.has(base) || base === 'broker')) return false;
    // Kafka setting names and error codes: enable.auto.commit, NOT_ENOUGH_REPLICAS
    if (/^[a-z]+(\.[a-z]+)+$/.test(bare) || /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(bare))
      return false;
    return true;
  });
}

async function visibleText(l: Locator): Promise<string> {
  // innerText: what a reader sees (a <select> contributes its options).
  return l.evaluate((el) => (el as HTMLElement).innerText);
}

async function toChinese(page: Page): Promise<void> {
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

test.describe('the canvas, timeline and insight panel in Chinese', () => {
  test('timeline bar, fault lanes, node menu, nodes and insight tabs switch language and back', async ({
    page,
    problems,
  }) => {
    test.setTimeout(180_000);
    await openAndRun(page);
    await expect(page.getByTestId('tl-next-anomaly')).toHaveText('Next anomaly');
    await toChinese(page);

    // The timeline bar's controls.
    await expect(page.getByTestId('tl-next-anomaly')).toHaveText('下一个异常');
    await expect(page.getByTestId('tl-play')).toHaveAttribute('aria-label', '播放');
    await expect(page.getByTestId('tl-start')).toHaveAttribute('title', '回到开头（Home）');
    await expect(page.getByTestId('tl-live')).toHaveText('实时');
    await expect(page.getByTestId('what-if')).toHaveText('假如…');
    await expect(page.getByTestId('share-link')).toHaveText('复制链接');
    await expect(page.getByTestId('toggle-fault-lanes')).toHaveText('故障泳道（4）');
    await expect(page.getByTestId('scrubber')).toHaveAttribute('aria-label', '时间线光标');

    // The insight tabs.
    await expect(page.getByTestId('tab-anomalies')).toContainText('异常');
    await expect(page.getByTestId('tab-lineage')).toHaveText('血缘');
    await expect(page.getByTestId('tab-spaceTime')).toHaveText('时空图');
    await expect(page.getByTestId('tab-compare')).toHaveText('比较运行');

    // The nodes: counters, member states, settings.
    const ledger = page.getByTestId('group-node-ledger');
    await expect(ledger.locator('.stat__label').first()).toHaveText('滞后');
    await expect(page.getByTestId('group-settings-ledger')).toContainText('2 个成员');
    await expect(
      page.getByTestId('topic-node-payments').locator('.node__sub').first(),
    ).toContainText('个分区');
    await expect(page.getByTestId('producer-node-checkout')).toContainText('已生产');

    // The fault lanes: the palette and the scheduled faults' labels.
    await page.getByTestId('toggle-fault-lanes').click();
    await expect(page.getByTestId('fault-palette-crash')).toHaveText('崩溃');
    await expect(page.getByTestId('fault-palette-pause')).toHaveText('暂停 2 秒');
    const chips = page.getByTestId('fault-chip');
    await expect(chips).toHaveCount(4);
    for (const chip of await chips.all()) {
      const text = (await chip.textContent()) ?? '';
      expect(text, 'a fault chip in Chinese').toMatch(/^(崩溃|重启) (ledger|notifier)-1×$/);
    }
    await expect(chips.first()).toHaveAttribute(
      'title',
      /，于 2,500 ms：拖动以移动，按 Delete 删除$/,
    );

    // The scrubber's markers name what happened in Chinese too (faults at one spot share a
    // marker, one line each).
    await expect(page.getByTestId('marker-fault').first()).toHaveAttribute(
      'aria-label',
      /^(?:(?:ledger|notifier)-1 (?:崩溃|重启) · [\d,.]+ ms(?:\n|$))+$/,
    );
    await expect(page.getByTestId('marker-rebalance').first()).toHaveAttribute(
      'aria-label',
      /^(?:(?:ledger|notifier) 再平衡 · [\d,.]+ ms(?:\n|$))+$/,
    );

    // An anomaly selected, so the list, the scrubber and the canvas show one.
    await page.getByTestId('tl-start').click();
    await expect(page.getByTestId('cursor-time')).toHaveAttribute('data-index', '0');
    await page.getByTestId('tl-next-anomaly').click();
    await expect(page.locator('.anomaly.is-selected')).toHaveCount(1);
    await expect(page.getByTestId('chip-duplicate')).toContainText('条重复记录');

    // No English left in the timeline bar (with the lanes) and the insight panel.
    for (const id of ['timeline', 'insight']) {
      const text = await visibleText(page.getByTestId(id));
      expect(englishWords(text), `English words in the ${id} in Chinese:\n${text}`).toEqual([]);
    }
    await page.screenshot({ path: '/tmp/i18n-zh-canvas-timeline.png' });
    for (const id of [
      'timeline',
      'group-node-ledger',
      'producer-node-checkout',
      'topic-node-payments',
    ])
      await page.getByTestId(id).screenshot({ path: `/tmp/i18n-zh-${id}.png` });

    // The other insight tabs' chrome.
    await page.getByTestId('anomaly-lineage').first().click();
    await expect(page.getByTestId('lineage')).toContainText('由 checkout 追加到 payments-');
    await expect(page.getByTestId('lineage')).not.toContainText('appended by');
    expect(englishWords(await visibleText(page.getByTestId('insight')))).toEqual([]);
    await page.screenshot({ path: '/tmp/i18n-zh-lineage.png' });
    await page.getByTestId('tab-spaceTime').click();
    await expect(page.getByTestId('st-zoom-in')).toHaveText('放大');
    await expect(page.getByTestId('space-time')).toContainText('光标附近 400 ms 的窗口');
    await page.screenshot({ path: '/tmp/i18n-zh-spacetime.png' });

    // The node menu: the fault injection entries.
    await scrubTo(page, 1000);
    await ledger.locator('.node__title').click({ button: 'right' });
    const menu = page.getByTestId('node-menu');
    await expect(menu).toBeVisible();
    await expect(menu.locator('.node-menu__title')).toHaveText('立即注入到 ledger');
    await expect(page.getByTestId('inject-crash-ledger-2')).toHaveText('让 ledger-2 崩溃');
    await expect(page.getByTestId('inject-pause-ledger-2')).toHaveText('暂停 ledger-2 2 秒');
    await expect(page.getByTestId('inject-leave-ledger-2')).toHaveText('ledger-2 离开消费者组');
    expect(englishWords(await visibleText(menu))).toEqual([]);
    await page.screenshot({ path: '/tmp/i18n-zh-node-menu.png' });
    await menu.screenshot({ path: '/tmp/i18n-zh-menu-only.png' });
    await page.getByTestId('inject-crash-ledger-2').click();
    await expect(page.getByTestId('run-switcher')).toBeVisible();

    // The what-if menu and the comparison.
    await page.getByTestId('tab-compare').click();
    await expect(page.getByTestId('compare')).toContainText('首次分歧', { timeout: 60_000 });
    await expect(page.getByTestId('cmp-effects').locator('th')).toHaveText('重复的副作用');
    await page.getByTestId('what-if').click();
    await expect(page.getByTestId('what-if-menu').locator('legend')).toHaveText('分叉起点');
    await expect(page.getByTestId('what-if-point')).toContainText('分叉从');
    await page.screenshot({ path: '/tmp/i18n-zh-whatif-compare.png' });
    await page.getByTestId('what-if-menu').screenshot({ path: '/tmp/i18n-zh-whatif.png' });
    await page.getByTestId('insight').screenshot({ path: '/tmp/i18n-zh-compare.png' });
    await page.keyboard.press('Escape');

    // And back to English.
    await page.getByTestId('language').selectOption('en');
    await expect(page.getByTestId('tl-next-anomaly')).toHaveText('Next anomaly');
    await expect(page.getByTestId('tab-lineage')).toHaveText('Lineage');
    await expect(page.getByTestId('fault-palette-crash')).toHaveText('Crash');
    await expect(page.getByTestId('cmp-effects').locator('th')).toHaveText(
      'duplicate side effects',
    );
    expect(problems).toEqual([]);
  });

  test('above 16 partitions: the summary, the hover and the per-partition table in Chinese', async ({
    page,
    problems,
  }) => {
    test.setTimeout(120_000);
    await openFresh(page);
    await toChinese(page);
    await newDesign(page);
    const design = {
      version: 1,
      name: '40 partitions',
      durationMs: 1000,
      topics: [{ name: 'clicks', partitions: 40 }],
      producers: [
        {
          id: 'web',
          topic: 'clicks',
          rate: { kind: 'constant', perSec: 2000 },
          keys: { kind: 'uniform', count: 500, prefix: 'user-' },
          eventType: 'Clicked',
        },
      ],
      groups: [{ id: 'sessions', topics: ['clicks'], members: 2, processingMs: 0.5 }],
      faults: [],
    };
    await page.getByTestId('import-input').setInputFiles({
      name: 'p40.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(design)),
    });
    await expect(page.getByTestId('topic-node-clicks')).toBeVisible();
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
    await page.getByTestId('speed').selectOption('max');
    await page.getByTestId('tl-play').click();
    await expect
      .poll(
        async () => Number(await page.getByTestId('cursor-time').getAttribute('data-time-us')),
        {
          timeout: 60_000,
        },
      )
      .toBeGreaterThan(0);

    const node = page.getByTestId('topic-node-clicks');
    await expect(node.locator('.strips__summary')).toContainText('P0–P39 · 最大');
    await expect(node.locator('.node__sub').first()).toContainText('40 个分区');
    const bars = page.getByTestId('strips-compact-clicks');
    const box = (await bars.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + (box.height * 10.5) / 40);
    const hover = page.getByTestId('strip-hover-clicks');
    await expect(hover).toHaveAttribute('data-partition', '10');
    await expect(hover).toContainText('clicks-10：日志末端偏移量');
    await expect(hover).toContainText('sessions：已提交');

    const toggle = page.getByTestId('partition-table-toggle-clicks');
    await expect(toggle).toHaveText('显示表格');
    await toggle.click();
    await expect(toggle).toHaveText('显示条形');
    const head = page.getByTestId('partition-table-clicks').locator('thead th');
    await expect(head).toHaveText(['P', '日志末端', '滞后']);
    await expect(head.nth(2)).toHaveAttribute('title', 'sessions：滞后 = 日志末端 − 已提交');
    await expect(page.getByTestId('partition-row-clicks-7').locator('th')).toHaveText('P7');
    expect(
      englishWords(
        await visibleText(node),
        new Set(['clicks', 'web', 'sessions', 'Clicked', 'user']),
      ),
    ).toEqual([]);
    await page.screenshot({ path: '/tmp/i18n-zh-partitions.png' });

    await page.getByTestId('language').selectOption('en');
    await expect(head).toHaveText(['P', 'log-end', 'lag']);
    await expect(toggle).toHaveText('show bars');
    expect(problems).toEqual([]);
  });
});
