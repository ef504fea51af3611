import { deflateRawSync } from 'node:zlib';
import { expect, openFresh, test } from './fixtures';

/*
 * Issues 9 §5 and 17: untrusted input (share links, imported files) is bounded before any work.
 * A few kB of link that inflates to megabytes of nesting used to block the main thread for
 * seconds; now it is refused with a message naming the path, and the app stays usable.
 */
const base64url = (bytes: Buffer) => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const nodeIds = (page: import('@playwright/test').Page) =>
  page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());

test('a small share link that inflates to deep nesting: a clear notice, promptly, and a usable app', async ({ page, problems }) => {
  const deep = '['.repeat(2_000_000) + ']'.repeat(2_000_000);
  const link = base64url(deflateRawSync(`{"v":1,"seed":1,"cursor":0,"forks":[{"change":${deep}}],"scenario":{}}`));
  expect(link.length).toBeLessThan(10_000);
  await page.goto(`/#run=${link}`);
  const banner = page.locator('.banner');
  await expect(banner).toContainText('This link could not be opened; the default scenario is open instead', { timeout: 10_000 });
  await expect(banner).toContainText('too complex: forks[0].change[0][0]');
  await expect(banner).toContainText('nested more than 64 levels deep');
  await expect(page.getByTestId('scenario-menu')).toHaveValue('order-flow');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  expect(page.url()).not.toContain('#run=');
  // Usable: the editor still takes edits.
  const before = (await nodeIds(page)).length;
  await page.getByTestId('palette-topic').click();
  await expect.poll(async () => (await nodeIds(page)).length).toBe(before + 1);
  expect(problems).toEqual([]);
});

test('importing a deeply nested file: a clear notice naming the path, the diagram unchanged', async ({ page, problems }) => {
  await openFresh(page);
  const before = await nodeIds(page);
  const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
  const text = `{"version": 1, "name": "deep", "topics": [], "producers": [{"payload": ${deep}}]}`;
  await page.getByTestId('import-input').setInputFiles({ name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const error = page.getByTestId('app-error');
  await expect(error).toContainText('Could not import deep.json; your diagram is unchanged', { timeout: 10_000 });
  await expect(error).toContainText('$.producers[0].payload.a.a.a');
  await expect(error).toContainText('nested more than 64 levels deep');
  expect(await nodeIds(page)).toEqual(before);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  expect(problems).toEqual([]);
});

test('an imported design with nodes named constructor, __proto__ and toString opens and runs', async ({ page, problems }) => {
  await openFresh(page);
  const doc = {
    format: 'eventflow-design',
    version: 1,
    settings: { version: 1, name: 'proto', faults: [] },
    nodes: [
      { id: 'constructor', position: { x: 0, y: 0 }, data: { kind: 'producer', id: 'constructor', eventType: 'E', rate: { kind: 'constant', perSec: 100 }, keys: { kind: 'uniform', count: 10 } } },
      { id: '__proto__', position: { x: 300, y: 0 }, data: { kind: 'topic', name: '__proto__', partitions: 2 } },
      { id: 'toString', position: { x: 600, y: 0 }, data: { kind: 'consumerGroup', id: 'toString', members: 1 } },
    ],
    edges: [
      { id: 'constructor', source: 'constructor', target: '__proto__' },
      { id: '__proto__', source: '__proto__', target: 'toString' },
    ],
  };
  await page.getByTestId('import-input').setInputFiles({ name: 'proto.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(page.locator('.banner')).toContainText('Imported proto.json');
  expect(await nodeIds(page)).toEqual(['__proto__', 'constructor', 'toString']);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');
  await page.getByTestId('play').click();
  await expect.poll(async () => Number(await page.getByTestId('leo-__proto__-0').textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});
