import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Scenario } from '../engine';
import { builtInScenarios } from '../scenarios';
import { bindingLabel } from './amqpLinks';
import { decompile } from './decompile';
import {
  bindingLabelWidth,
  LABEL_MARGIN,
  layoutDesign,
  layoutLeftToRight,
  rankNodes,
  type LayoutNode,
} from './layout';
import { designGrowth, growthHeight, nodeSize, TXN_STATS_ROW, type NodeGrowth } from './nodeSize';
import type { BindingData, Design, DesignEdge, DesignNode, NodeData } from './types';

const box = (id: string, height = 100): LayoutNode => ({ id, width: 200, height });

describe('rankNodes', () => {
  it('puts each node one column right of its furthest predecessor', () => {
    const nodes = ['p', 't1', 'g1', 't2', 'g2', 'sink'].map((id) => box(id));
    const edges = [
      { source: 'p', target: 't1' },
      { source: 't1', target: 'g1' },
      { source: 'g1', target: 't2' },
      { source: 't2', target: 'g2' },
      { source: 't1', target: 'sink' },
      { source: 't2', target: 'sink' },
    ];
    expect(Object.fromEntries(rankNodes(nodes, edges))).toEqual({
      p: 0,
      t1: 1,
      g1: 2,
      t2: 3,
      g2: 4,
      sink: 4,
    });
  });

  it('terminates on cycles and ignores self loops', () => {
    const nodes = ['a', 'b', 'c'].map((id) => box(id));
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'a' },
      { source: 'b', target: 'b' },
    ];
    const rank = rankNodes(nodes, edges);
    expect(new Set(rank.values()).size).toBe(3);
  });
});

describe('layoutLeftToRight', () => {
  it('lays columns left to right with the gap and stacks a column centred on y = 0', () => {
    const nodes = [box('p', 60), box('t', 200), box('g1', 80), box('g2', 120)];
    const edges = [
      { source: 'p', target: 't' },
      { source: 't', target: 'g1' },
      { source: 't', target: 'g2' },
    ];
    const pos = layoutLeftToRight(nodes, edges, { columnGap: 50, rowGap: 20 });
    expect(pos.get('p')).toEqual({ x: 0, y: -30 });
    expect(pos.get('t')).toEqual({ x: 250, y: -100 });
    expect(pos.get('g1')).toEqual({ x: 500, y: -110 });
    expect(pos.get('g2')).toEqual({ x: 500, y: -10 });
  });

  it('orders a column by its predecessors to avoid crossings', () => {
    const nodes = [box('top'), box('bottom'), box('fromBottom'), box('fromTop')];
    const edges = [
      { source: 'top', target: 'fromTop' },
      { source: 'bottom', target: 'fromBottom' },
    ];
    const pos = layoutLeftToRight(nodes, edges);
    expect(pos.get('fromTop')!.y).toBeLessThan(pos.get('fromBottom')!.y);
  });

  it('never overlaps nodes and is deterministic', () => {
    const nodes = Array.from({ length: 12 }, (_, i) => box(`n${i}`, 40 + i * 7));
    const edges = nodes.slice(1).map((n, i) => ({ source: `n${Math.floor(i / 3)}`, target: n.id }));
    const a = layoutLeftToRight(nodes, edges);
    expect(layoutLeftToRight(nodes, edges)).toEqual(a);
    for (const m of nodes) {
      for (const n of nodes) {
        if (m.id >= n.id) continue;
        const p = a.get(m.id)!;
        const q = a.get(n.id)!;
        const overlap =
          p.x < q.x + n.width &&
          q.x < p.x + m.width &&
          p.y < q.y + n.height &&
          q.y < p.y + m.height;
        expect(overlap, `${m.id} × ${n.id}`).toBe(false);
      }
    }
  });
});

type Box = { x: number; y: number; width: number; height: number; id: string };

/** The label height on screen (11px × 1.5 line, 1px border each side), rounded up. */
const LABEL_HEIGHT = 20;

/**
 * Each binding label's box as React Flow places it: centred on the midpoint of the edge's
 * bezier, which runs from the source's right side (at mid-height) to the target's left side.
 */
function labelBoxes(d: Pick<Design, 'nodes' | 'edges'>): Box[] {
  const byId = new Map(d.nodes.map((n) => [n.id, n]));
  const out: Box[] = [];
  for (const e of d.edges) {
    const s = byId.get(e.source)!;
    const t = byId.get(e.target)!;
    if (s.data.kind !== 'exchange' || (t.data.kind !== 'queue' && t.data.kind !== 'exchange'))
      continue;
    const ss = nodeSize(s.data);
    const ts = nodeSize(t.data);
    const cx = (s.position.x + ss.width + t.position.x) / 2;
    const cy = (s.position.y + ss.height / 2 + t.position.y + ts.height / 2) / 2;
    const width = bindingLabelWidth(bindingLabel(s.data.type, e.data));
    out.push({
      id: e.id,
      x: cx - width / 2,
      y: cy - LABEL_HEIGHT / 2,
      width,
      height: LABEL_HEIGHT,
    });
  }
  return out;
}

const nodeBoxes = (d: Pick<Design, 'nodes'>): Box[] =>
  d.nodes.map((n) => ({ id: n.id, ...n.position, ...nodeSize(n.data) }));

/** Boxes closer than `margin` (or overlapping). */
const near = (a: Box, b: Box, margin: number) =>
  a.x < b.x + b.width + margin &&
  b.x < a.x + a.width + margin &&
  a.y < b.y + b.height + margin &&
  b.y < a.y + a.height + margin;

describe('binding labels and nodes', () => {
  const rabbit = Object.entries(builtInScenarios).filter(
    ([, s]) => (s as Scenario).amqp !== undefined,
  );

  it('every RabbitMQ built-in has bindings to check', () => {
    expect(rabbit.map(([id]) => id).sort()).toEqual([
      'kafka-to-rabbitmq',
      'rabbitmq-logs-topic',
      'rabbitmq-poison-message',
      'rabbitmq-retry-with-delay',
      'rabbitmq-work-queue',
    ]);
  });

  it.each(rabbit)('%s: no binding label (key and a 5-digit count) touches a node', (_, s) => {
    const design = decompile(s as Scenario);
    const labels = labelBoxes(design);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels)
      for (const n of nodeBoxes(design))
        expect(near(l, n, LABEL_MARGIN - 1), `${l.id} label × ${n.id}`).toBe(false);
  });

  it('rabbitmq-logs-topic: the *.payment label sits between logs_topic and payment-logs', () => {
    const design = decompile(builtInScenarios['rabbitmq-logs-topic'] as Scenario);
    const at = (id: string) => design.nodes.find((n) => n.id === id)!.position;
    const label = labelBoxes(design).find(
      (l) => l.id === 'exchange:logs_topic->queue:payment-logs',
    );
    expect(
      label,
      labelBoxes(design)
        .map((l) => l.id)
        .join(', '),
    ).toBeDefined();
    expect(label!.x).toBeGreaterThanOrEqual(at('exchange:logs_topic').x + 208 + LABEL_MARGIN);
    expect(label!.x + label!.width).toBeLessThanOrEqual(at('queue:payment-logs').x - LABEL_MARGIN);
  });

  it('a long label is capped at the CSS max width; fanout shows a count only', () => {
    expect(bindingLabelWidth('x-match=all · format=pdf · region=eu · tier=gold')).toBe(220);
    expect(bindingLabelWidth(null)).toBeLessThan(bindingLabelWidth('a'));
    expect(bindingLabelWidth('')).toBeGreaterThan(bindingLabelWidth('#'));
  });

  const SEED = 20261202;
  it('random designs: no label between adjacent columns touches a node (seeded)', () => {
    console.log(`layout label seed ${SEED}`);
    const types = ['direct', 'fanout', 'topic', 'headers'] as const;
    const keys = ['', '#', '*.payment', 'order.OrderConfirmed', 'a.very.long.binding.key.here'];
    const design = fc
      .record({
        exchanges: fc.array(fc.constantFrom(...types), { minLength: 1, maxLength: 4 }),
        queues: fc.integer({ min: 1, max: 6 }),
        producers: fc.integer({ min: 0, max: 3 }),
        bindings: fc.array(
          fc.record({
            from: fc.nat(),
            to: fc.nat(),
            toExchange: fc.boolean(),
            key: fc.constantFrom(...keys),
            headers: fc.dictionary(fc.constantFrom('format', 'region', 'x-match'), fc.string()),
          }),
          { maxLength: 10 },
        ),
      })
      .map((r) => {
        const nodes: DesignNode[] = [];
        const add = (id: string, data: NodeData) =>
          nodes.push({ id, position: { x: 0, y: 0 }, data });
        r.exchanges.forEach((type, i) => add(`x${i}`, { kind: 'exchange', name: `x${i}`, type }));
        for (let i = 0; i < r.queues; i++) add(`q${i}`, { kind: 'queue', name: `q${i}` });
        const edges: DesignEdge[] = [];
        for (let i = 0; i < r.producers; i++)
          edges.push({ id: `p${i}`, source: `p${i}`, target: 'x0' });
        for (let i = 0; i < r.producers; i++)
          add(`p${i}`, { kind: 'producer', id: `p${i}` } as NodeData);
        r.bindings.forEach((b, i) => {
          const source = `x${b.from % r.exchanges.length}`;
          const target = b.toExchange ? `x${b.to % r.exchanges.length}` : `q${b.to % r.queues}`;
          const data: BindingData = { routingKey: b.key, arguments: b.headers };
          if (source !== target) edges.push({ id: `b${i}`, source, target, data });
        });
        return { nodes, edges };
      });
    fc.assert(
      fc.property(design, (d) => {
        const laid = layoutDesign(d);
        const rank = rankNodes(
          laid.nodes.map((n) => ({ id: n.id, ...nodeSize(n.data) })),
          laid.edges,
        );
        const adjacent = new Set(
          laid.edges.filter((e) => rank.get(e.target) === rank.get(e.source)! + 1).map((e) => e.id),
        );
        for (const l of labelBoxes(laid).filter((b) => adjacent.has(b.id)))
          for (const n of nodeBoxes(laid))
            expect(near(l, n, LABEL_MARGIN - 1), `${l.id} label × ${n.id}`).toBe(false);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

/**
 * What each node of a built-in really comes to show in its run, read from the engine's run: the
 * second row of transaction counters (a group that read aborted records or processed an output
 * twice), the markers legend (a topic transactional records were appended to), the partitions
 * added, and the most partitions one member held per topic (every rebalance's assignment).
 */
function runGrowth(s: Scenario, design: Pick<Design, 'nodes'>): Map<string, NodeGrowth> {
  const r = simulate(s);
  const out = new Map<string, NodeGrowth>();
  const partitions = new Map(s.topics.map((t) => [t.name, t.partitions]));
  const txnTopics = new Set<string>();
  const added = new Map<string, number>();
  const held = new Map<string, Map<string, number>>();
  for (const e of r.events) {
    if (e.type === 'recordAppended' && e.txn !== undefined) txnTopics.add(e.topic);
    if (e.type === 'partitionsAdded') {
      added.set(e.topic, Math.max(added.get(e.topic) ?? 0, e.to - e.from));
      partitions.set(e.topic, Math.max(partitions.get(e.topic) ?? 0, e.to));
    }
    if (e.type === 'rebalanceCompleted') {
      const per = held.get(e.group) ?? new Map<string, number>();
      held.set(e.group, per);
      for (const tps of Object.values(e.assignment)) {
        const count = new Map<string, number>();
        for (const tp of tps) {
          const topic = tp.slice(0, tp.lastIndexOf('-'));
          count.set(topic, (count.get(topic) ?? 0) + 1);
        }
        for (const [t, n] of count) per.set(t, Math.max(per.get(t) ?? 0, n));
      }
    }
  }
  for (const n of design.nodes) {
    const d = n.data;
    if (d.kind === 'topic' || d.kind === 'deadLetterTopic') {
      out.set(n.id, {
        txnTopic: txnTopics.has(d.name),
        addedPartitions: added.get(d.name) ?? 0,
      });
    } else if (d.kind === 'consumerGroup' || d.kind === 'service' || d.kind === 'readModel') {
      const g = r.summary.groups.find((x) => x.group === d.id);
      out.set(n.id, {
        txnStats: g !== undefined && (g.abortedRead > 0 || g.outputDuplicates > 0),
        memberPartitions: [...(held.get(d.id) ?? [])].map(([topic, p]) => ({
          topic,
          partitions: p,
          of: partitions.get(topic) ?? p,
        })),
      });
    }
  }
  return out;
}

describe('nodes grown during a run', () => {
  // The canvas measures a built-in's nodes when it opens, before its run: the layout must leave
  // room for what they show later (issue 12: exactly-once's audit groups grew into each other).
  it.each(Object.entries(builtInScenarios))(
    '%s: the layout leaves room for what each node shows in the run; no grown nodes overlap',
    (id, raw) => {
      const parsed = parseScenario(raw);
      if (!parsed.ok) throw new Error(`${id} does not parse`);
      const design = decompile(parsed.scenario);
      const planned = designGrowth(design);
      const seen = runGrowth(parsed.scenario, design);
      for (const n of design.nodes)
        expect(
          growthHeight(n.data, planned.get(n.id)),
          `${n.id}: room left ≥ what its run shows`,
        ).toBeGreaterThanOrEqual(growthHeight(n.data, seen.get(n.id)));
      // The laid-out rectangles at the size each node grows to in its run: no overlap.
      const boxes = design.nodes.map((n) => ({
        id: n.id,
        ...n.position,
        ...nodeSize(n.data, seen.get(n.id)),
      }));
      for (const a of boxes)
        for (const b of boxes)
          if (a.id < b.id) expect(near(a, b, 0), `${a.id} × ${b.id}`).toBe(false);
    },
  );

  it('exactly-once: the audit groups reading transactional output get their second counter row', () => {
    const s = builtInScenarios['exactly-once'] as Scenario;
    const design = decompile(s);
    const g = designGrowth(design);
    expect(g.get('group:audit-dirty')?.txnStats).toBe(true);
    expect(g.get('group:audit-alo')?.txnStats).toBe(true);
    expect(g.get('topic:ledger-entries')?.txnTopic).toBe(true);
    expect(g.get('topic:ledger-entries-alo')?.txnTopic).toBeUndefined();
    // The same design without transactions: no room for transaction counters anywhere.
    const plain = decompile({
      ...s,
      groups: s.groups.map((x) => ({
        ...x,
        config: Object.fromEntries(
          Object.entries(x.config ?? {}).filter(([k]) => k !== 'transactional.id'),
        ),
      })),
    });
    for (const [, v] of designGrowth(plain)) {
      expect(v.txnStats).toBeUndefined();
      expect(v.txnTopic).toBeUndefined();
    }
  });

  const GROWTH_SEED = 20261203;
  it('growth never shrinks when a member holds more partitions, more topics or more counters (seeded)', () => {
    console.log(`growth seed ${GROWTH_SEED}`);
    const group = (members: number): NodeData =>
      ({ kind: 'consumerGroup', id: 'billing-service', members }) as NodeData;
    const held = fc.array(
      fc.record({
        topic: fc.constantFrom('orders', 'payment-events', 'a'),
        partitions: fc.integer({ min: 0, max: 120 }),
      }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        held,
        fc.integer({ min: 0, max: 3 }),
        fc.nat({ max: 30 }),
        fc.boolean(),
        (members, base, which, more, txn) => {
          const d = group(members);
          const uniq = [...new Map(base.map((h) => [h.topic, h])).values()];
          const before = growthHeight(d, { memberPartitions: uniq });
          expect(before).toBeGreaterThanOrEqual(0);
          const grown = uniq.map((h, i) =>
            i === which ? { ...h, partitions: h.partitions + more } : h,
          );
          expect(growthHeight(d, { memberPartitions: grown })).toBeGreaterThanOrEqual(before);
          expect(growthHeight(d, { memberPartitions: uniq, txnStats: txn })).toBe(
            before + (txn ? TXN_STATS_ROW : 0),
          );
          expect(
            growthHeight(group(members + 1), { memberPartitions: uniq }),
          ).toBeGreaterThanOrEqual(before);
        },
      ),
      { seed: GROWTH_SEED, numRuns: 300 },
    );
  });
});
