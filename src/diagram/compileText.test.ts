/**
 * Every problem compile pins on the diagram carries a message for the UI's language: it renders
 * completely in English and Chinese, the Chinese is Chinese, and the English says what `message`
 * says (up to the list separator: the message joins names with ", ", never an English "and").
 */
import { describe, expect, it } from 'vitest';
import { renderMsg } from '../i18n/translate';
import { LOCALES } from '../i18n/types';
import { compile } from './compile';
import { setAt } from './paths';
import { edge, node, pipeline } from './testDesigns';
import type { Design, Issue } from './types';

const UNFILLED = /\{[A-Za-z_]\w*(,[^}]*)?\}/;

function issuesOf(d: Design): Issue[] {
  const r = compile(d);
  if (r.ok) throw new Error('expected the design not to compile');
  return r.issues;
}

const withData = (d: Design, id: string, path: string[], value: unknown): Design => ({
  ...d,
  nodes: d.nodes.map((n) => (n.id === id ? { ...n, data: setAt(n.data, path, value) } : n)),
});

const BROKEN: [string, () => Design][] = [
  ['empty', () => ({ settings: { version: 1, name: 'x', faults: [] }, nodes: [], edges: [] })],
  ['bad edge', () => ({ ...pipeline(), edges: [...pipeline().edges, edge('shop', 'billing')] })],
  [
    'edge to a missing node',
    () => ({ ...pipeline(), edges: [...pipeline().edges, edge('shop', 'ghost')] }),
  ],
  [
    'topic → producer',
    () => ({ ...pipeline(), edges: [...pipeline().edges, edge('orders', 'shop')] }),
  ],
  [
    'group → topic',
    () => ({ ...pipeline(), edges: [...pipeline().edges, edge('billing', 'orders')] }),
  ],
  ['unconnected', () => ({ ...pipeline(), edges: [] })],
  [
    'two topics',
    () => {
      const d = pipeline();
      return {
        ...d,
        nodes: [...d.nodes, node('t2', 'topic')],
        edges: [...d.edges, edge('shop', 't2')],
      };
    },
  ],
  ['bad field', () => withData(pipeline(), 'orders', ['partitions'], 0)],
  ['emptied field', () => withData(pipeline(), 'orders', ['partitions'], Number.NaN)],
  ['Kafka setting', () => withData(pipeline(), 'billing', ['config', 'max.poll.records'], 0)],
  [
    'duplicate name',
    () => ({
      ...pipeline(),
      nodes: [...pipeline().nodes, node('t2', 'topic', { name: 'orders' })],
    }),
  ],
  [
    'service emits nowhere',
    () => {
      const d = pipeline();
      return {
        ...d,
        nodes: [...d.nodes, node('svc', 'service')],
        edges: [...d.edges, edge('orders', 'svc')],
      };
    },
  ],
  [
    'fault on a missing member',
    () => {
      const d = pipeline();
      return {
        ...d,
        settings: {
          ...d.settings,
          faults: [{ kind: 'crash', atMs: 100, group: 'billing', member: 'billing-9' }],
        },
      } as Design;
    },
  ],
  ['bad seed', () => ({ ...pipeline(), settings: { ...pipeline().settings, seed: -1 } })],
];

describe('compile issues in both languages', () => {
  it.each(BROKEN)('%s', (_, make) => {
    const issues = issuesOf(make());
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) {
      expect(i.text, i.message).toBeDefined();
      for (const locale of LOCALES)
        expect(renderMsg(locale, i.text!), i.message).not.toMatch(UNFILLED);
      expect(renderMsg('zh-CN', i.text!)).toMatch(/[\u4e00-\u9fff]/);
      expect(renderMsg('en', i.text!)).toBe(
        i.message.replace(/ and (?=")/g, ', ').replace(/(\d),(?=\d{3})/g, '$1'),
      );
    }
  });

  it('says a wrong edge and a bad Kafka setting in Chinese, names as written', () => {
    const edgeIssue = issuesOf(BROKEN[1]![1]()).find((i) => i.edgeId)!;
    expect(renderMsg('zh-CN', edgeIssue.text!)).toBe(
      '连到 "billing" 的边：生产者写入的是主题，而不是消费者组：请把它连到一个主题',
    );
    const [setting] = issuesOf(BROKEN[9]![1]());
    expect(renderMsg('zh-CN', setting!.text!)).toBe('max.poll.records：必须 ≥ 1，给出的是 0');
    const [emptied] = issuesOf(BROKEN[8]![1]());
    expect(renderMsg('zh-CN', emptied!.text!)).toBe('partitions：必须是数字（该字段为空）');
  });
});
