import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../engine';
import { builtInScenarios } from '../scenarios';
import { compile } from './compile';
import { decompile } from './decompile';
import { setAt } from './paths';
import { edge, node, pipeline } from './testDesigns';
import type { Design } from './types';

const issuesOf = (d: Design) => {
  const r = compile(d);
  if (r.ok) throw new Error('expected the design not to compile');
  // The English words are checked here; `text` (the same for the UI's language) in compileText.test.ts.
  return r.issues.map(({ text: _text, ...rest }) => rest);
};

describe('compile: valid designs', () => {
  it('turns producer → topic → group into a scenario, edges into references', () => {
    const r = compile(pipeline());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.scenario.topics).toEqual([{ name: 'orders', partitions: 3 }]);
    expect(r.scenario.producers[0]).toMatchObject({
      id: 'shop',
      topic: 'orders',
      eventType: 'OrderCreated',
    });
    expect(r.scenario.groups[0]).toMatchObject({ id: 'billing', topics: ['orders'], members: 2 });
  });

  it('never gives positions or UI fields to the engine', () => {
    const r = compile(pipeline());
    if (!r.ok) throw new Error('did not compile');
    const json = JSON.stringify(r.scenario);
    expect(json).not.toMatch(/position|"kind":"(topic|producer|consumerGroup)"/);
  });

  it('compiles a service: emits go to its connected topics, failures to its dead-letter topic', () => {
    const d = pipeline();
    const design: Design = {
      ...d,
      nodes: [
        ...d.nodes,
        node('pay', 'service', { failure: { rate: 0.1, retries: 1, backoffMs: 10 } }),
        node('paid', 'topic'),
        node('pay-dlq', 'deadLetterTopic'),
        node('view', 'readModel'),
      ],
      edges: [
        ...d.edges,
        edge('orders', 'pay'),
        edge('pay', 'paid'),
        edge('pay', 'pay-dlq'),
        edge('paid', 'view'),
      ],
    };
    const r = compile(design);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const pay = r.scenario.groups.find((g) => g.id === 'pay')!;
    expect(pay.handlers).toEqual([
      { on: 'OrderCreated', emit: [{ type: 'OrderHandled', topic: 'paid' }] },
    ]);
    expect(pay.failure).toEqual({
      rate: 0.1,
      retries: 1,
      backoffMs: 10,
      deadLetterTopic: 'pay-dlq',
    });
    expect(r.scenario.groups.find((g) => g.id === 'view')).toMatchObject({
      readModel: true,
      topics: ['paid'],
    });
  });

  it.each(Object.entries(builtInScenarios))(
    'gives built-in %s back after decompile',
    (_id, json) => {
      const parsed = parseScenario(json);
      if (!parsed.ok) throw new Error('built-in does not parse');
      const r = compile(decompile(parsed.scenario));
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect(normalise(r.scenario)).toEqual(normalise(parsed.scenario));
    },
  );
});

describe('compile: invalid designs, errors pinned to nodes', () => {
  it('reports an empty diagram without a node', () => {
    const issues = issuesOf({
      settings: { version: 1, name: 'x', faults: [] },
      nodes: [],
      edges: [],
    });
    expect(issues[0]).toMatchObject({ nodeId: null });
    expect(issues[0]!.message).toMatch(/empty/);
  });

  it('pins an edge whose meaning is wrong to its source, with the reason', () => {
    const d = pipeline();
    const issues = issuesOf({ ...d, edges: [...d.edges, edge('shop', 'billing')] });
    expect(issues).toContainEqual(
      expect.objectContaining({ nodeId: 'shop', edgeId: 'shop->billing' }),
    );
    expect(issues.find((i) => i.edgeId)!.message).toMatch(
      /a producer writes to a topic, not to a consumer group/,
    );
  });

  it('pins a bad field to the node and the field, in the engine parser’s words', () => {
    const d = pipeline();
    const nodes = d.nodes.map((n) =>
      n.id === 'orders' ? { ...n, data: setAt(n.data, ['partitions'], 0) } : n,
    );
    expect(issuesOf({ ...d, nodes })).toEqual([
      { nodeId: 'orders', field: 'partitions', message: 'partitions: must be ≥ 1, got 0' },
    ]);
  });

  it('names Kafka settings by their own names', () => {
    const d = pipeline();
    const nodes = d.nodes.map((n) =>
      n.id === 'billing' ? { ...n, data: setAt(n.data, ['config', 'max.poll.records'], 0) } : n,
    );
    expect(issuesOf({ ...d, nodes })).toEqual([
      {
        nodeId: 'billing',
        field: 'config/max.poll.records',
        message: 'max.poll.records: must be ≥ 1, got 0',
      },
    ]);
  });

  it('says an emptied number field is empty', () => {
    const d = pipeline();
    const nodes = d.nodes.map((n) =>
      n.id === 'orders' ? { ...n, data: setAt(n.data, ['partitions'], Number.NaN) } : n,
    );
    expect(issuesOf({ ...d, nodes })[0]!.message).toBe(
      'partitions: must be a number (the field is empty)',
    );
  });

  it('reports unconnected producers and groups once each, on the node', () => {
    const d = pipeline();
    const issues = issuesOf({ ...d, edges: [] });
    expect(issues).toEqual([
      { nodeId: 'shop', field: 'topic', message: 'writes to no topic: connect it to a Topic' },
      { nodeId: 'billing', field: 'topics', message: 'reads no topic: connect a Topic to it' },
    ]);
  });

  it('pins duplicate names to the second node', () => {
    const d = pipeline();
    const issues = issuesOf({ ...d, nodes: [...d.nodes, node('t2', 'topic', { name: 'orders' })] });
    expect(issues).toContainEqual({
      nodeId: 't2',
      field: 'name',
      message: 'name: duplicate topic "orders"',
    });
  });

  it('reports a service that emits nowhere', () => {
    const d = pipeline();
    const issues = issuesOf({
      ...d,
      nodes: [...d.nodes, node('svc', 'service')],
      edges: [...d.edges, edge('orders', 'svc')],
    });
    expect(issues).toEqual([
      {
        nodeId: 'svc',
        field: 'emitTopics',
        message: 'emits events but is connected to no topic: connect it to a Topic',
      },
    ]);
  });
});

/** Scenario equality up to key order and the $schema pointer. */
function normalise(s: Scenario): unknown {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  const rest: Record<string, unknown> = { ...s };
  delete rest.$schema;
  return sort(rest);
}
