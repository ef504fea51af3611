import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openAndRun, scrubTo } from './timelineHelpers';

/** A summary figure's exact value (its data-value), 0 when the bar does not show it. */
async function total(page: Page, key: string): Promise<number> {
  const el = page.getByTestId(`total-${key}`);
  return (await el.count()) === 0 ? 0 : Number(await el.getAttribute('data-value'));
}

/** Σ of the listed anomalies' record counts, before the cursor, per group ('' = the log). */
async function listed(page: Page, kind: string): Promise<Record<string, number>> {
  return page.getByTestId(`anomaly-${kind}`).evaluateAll((items) => {
    const out: Record<string, number> = {};
    for (const li of items) {
      if (li.getAttribute('data-future') === 'true') continue;
      const g = li.getAttribute('data-group') ?? '';
      out[g] = (out[g] ?? 0) + Number(li.getAttribute('data-count'));
    }
    return out;
  });
}

/** The chips, the list and the node badges, as one object to compare with the summary. */
async function figures(page: Page) {
  const chip = async (kind: string, attr: string) =>
    Number(await page.getByTestId(`chip-${kind}`).getAttribute(attr));
  const out: Record<string, number> = {};
  for (const [kind, groupKey, logKey] of [
    ['duplicate', 'duplicates', 'logDuplicates'],
    ['reordered', 'reordered', 'reorderedInLog'],
    ['lost', 'lost', 'lostAcked'],
  ] as const) {
    out[`chip ${groupKey}`] = await chip(kind, 'data-groups');
    out[`chip ${logKey}`] = await chip(kind, 'data-log');
    out[`summary ${groupKey}`] = await total(page, groupKey);
    out[`summary ${logKey}`] = await total(page, logKey);
    const list = await listed(page, kind);
    out[`list ${logKey}`] = list[''] ?? 0;
    out[`list ${groupKey}`] = Object.entries(list).reduce((n, [g, v]) => n + (g === '' ? 0 : v), 0);
    for (const group of ['ledger-fast', 'ledger-safe']) {
      out[`list ${group} ${groupKey}`] = list[group] ?? 0;
      if (kind !== 'reordered')
        out[`node ${group} ${groupKey}`] = Number(
          await page.getByTestId(`group-${groupKey}-${group}`).getAttribute('data-value'),
        );
    }
  }
  return out;
}

/** Every figure agrees with the summary bar's (chips, list sums, node badges). */
function expectAgreement(f: Record<string, number>): void {
  for (const [k, v] of Object.entries(f)) {
    const [source, ...rest] = k.split(' ');
    if (source === 'summary') continue;
    const name = rest.join(' ');
    const figure = rest.length === 1 ? f[`summary ${name}`] : undefined;
    if (figure !== undefined) expect(v, k).toBe(figure);
  }
  for (const key of ['duplicates', 'lost']) {
    const nodes = f[`node ledger-fast ${key}`]! + f[`node ledger-safe ${key}`]!;
    expect(nodes, `node badges ${key}`).toBe(f[`summary ${key}`]);
    for (const group of ['ledger-fast', 'ledger-safe'])
      expect(f[`list ${group} ${key}`], `${group} ${key}`).toBe(f[`node ${group} ${key}`]);
  }
}

test.describe('one set of numbers', () => {
  test('broker failure: chips, list, node badges and summary bar agree; payments-safe loses nothing; scrubbing back hides the future', async ({
    page,
    problems,
  }) => {
    await openAndRun(page, 'broker-failure');
    await page.getByTestId('tab-anomalies').click();
    await expect(page.getByTestId('anomaly-summary')).toBeVisible();
    // At the end of the run (the cursor follows the head).
    await expect
      .poll(async () => (await figures(page))['summary lostAcked'], { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(
        async () => {
          try {
            expectAgreement(await figures(page));
            return 'agree';
          } catch (e) {
            return String(e);
          }
        },
        { timeout: 20_000 },
      )
      .toBe('agree');
    const end = await figures(page);
    expect(end['summary logDuplicates']).toBeGreaterThan(0);
    // payments-safe (acks=all, idempotence): nothing lost, nothing out of order, nothing twice.
    for (const kind of ['lost', 'reordered', 'duplicate']) {
      const safe = page.getByTestId(`anomaly-${kind}`).filter({ hasText: 'payments-safe-' });
      await expect(safe).toHaveCount(0);
    }
    const lostTexts = await page
      .getByTestId('anomaly-lost')
      .getByTestId('anomaly-explanation')
      .allTextContents();
    expect(lostTexts.length).toBeGreaterThan(0);
    for (const t of lostTexts) expect(t).not.toMatch(/Infinity|NaN|undefined/);

    // Before broker 1 fails (2,000 ms): nothing lost yet; the losses are listed as later, dimmed.
    await scrubTo(page, 1500);
    await expect
      .poll(async () => (await total(page, 'lostAcked')) + (await total(page, 'lost')))
      .toBe(0);
    await expect(page.getByTestId('chip-lost')).toHaveAttribute('data-groups', '0');
    await expect(page.getByTestId('chip-lost')).toHaveAttribute('data-log', '0');
    expect(Number(await page.getByTestId('chip-lost').getAttribute('data-later'))).toBe(
      end['summary lost']! + end['summary lostAcked']!,
    );
    await expect(page.getByTestId('anomalies-later')).toBeVisible();
    const lost = page.getByTestId('anomaly-lost');
    expect(await lost.count()).toBeGreaterThan(0);
    for (const li of await lost.all()) await expect(li).toHaveAttribute('data-future', 'true');
    expectAgreement(await figures(page));
    // After it: the same figures as the summary again.
    await scrubTo(page, 6000);
    await expect
      .poll(async () => {
        try {
          expectAgreement(await figures(page));
          return 'agree';
        } catch (e) {
          return String(e);
        }
      })
      .toBe('agree');
    expect((await figures(page))['summary lostAcked']).toBe(end['summary lostAcked']);
    await page.screenshot({ path: '/tmp/h5-numbers.png' });
    expect(problems).toEqual([]);
  });
});
