import { describe, expect, it } from 'vitest';
import { layoutLeftToRight, rankNodes, type LayoutNode } from './layout';

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
