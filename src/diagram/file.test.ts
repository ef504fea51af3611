import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { parseDesignDoc, toDesignDoc } from './designDoc';
import { exportDesign, importDesign } from './file';
import { setAt } from './paths';
import { edge, node, pipeline } from './testDesigns';

const placed = () => {
  const d = pipeline();
  return { ...d, nodes: d.nodes.map((n, i) => ({ ...n, position: { x: i * 300, y: 40 * i } })) };
};

describe('design files', () => {
  it('exports a valid design as a scenario with positions, and imports it back exactly', () => {
    const design = placed();
    const out = exportDesign(design);
    expect(out.compiled).toBe(true);
    const json = JSON.parse(out.json);
    expect(json.layout.positions['topic:orders']).toEqual({ x: 300, y: 40 });
    const back = importDesign(out.json);
    if (!back.ok) throw new Error(back.errors.join('\n'));
    expect(back.design.nodes.map((n) => n.position)).toEqual(design.nodes.map((n) => n.position));
    const a = compile(design);
    const b = compile(back.design);
    expect(a.ok && b.ok && b.scenario).toEqual(a.ok && a.scenario);
  });

  it('exports a design that does not compile as a design document, and reads it back', () => {
    const d = placed();
    const broken = {
      ...d,
      nodes: d.nodes.map((n) =>
        n.id === 'orders' ? { ...n, data: setAt(n.data, ['partitions'], Number.NaN) } : n,
      ),
    };
    const out = exportDesign(broken);
    expect(out.compiled).toBe(false);
    const back = importDesign(out.json);
    if (!back.ok) throw new Error(back.errors.join('\n'));
    expect(back.design.nodes.find((n) => n.id === 'orders')!.data).toMatchObject({
      partitions: null,
    });
    expect(back.design.edges).toEqual(d.edges);
  });

  it('accepts a plain scenario file and lays it out', () => {
    const r = importDesign(
      JSON.stringify({
        version: 1,
        name: 'x',
        topics: [{ name: 't', partitions: 2 }],
        producers: [],
        groups: [],
      }),
    );
    expect(r.ok && r.design.nodes.map((n) => n.id)).toEqual(['topic:t']);
  });

  it.each([
    ['{ not json', /not valid JSON/],
    ['[1,2]', /must be a JSON object/],
    [
      '{"version": 1, "name": "x", "topics": [{"name": "t", "partitions": 0}]}',
      /\$\.topics\[0\]\.partitions: must be ≥ 1, got 0/,
    ],
    ['{"version": 3, "name": "x", "topics": []}', /\$\.version: must be 1 or 2/],
    [
      '{"version": 1, "name": "x", "topics": [], "layout": {"positions": {"topic:t": {"x": "a"}}}}',
      /layout\.positions\["topic:t"\]/,
    ],
    [
      '{"format": "eventflow-design", "version": 1, "settings": {"name": "x", "faults": []}, "nodes": [{"id": "a", "position": {"x": 0, "y": 0}, "data": {"kind": "rocket"}}], "edges": []}',
      /\$\.nodes\[0\]\.data\.kind: must be one of/,
    ],
    [
      '{"format": "eventflow-design", "version": 1, "settings": {"name": "x", "faults": []}, "nodes": [], "edges": [{"id": "e", "source": "a", "target": "b"}]}',
      /\$\.edges\[0\]\.source: must name a node/,
    ],
  ])('rejects %s with a message naming what is wrong', (text, message) => {
    const r = importDesign(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(message);
  });

  it('round-trips the design document (autosave) exactly, invalid values included', () => {
    const d = placed();
    const design = {
      ...d,
      nodes: [...d.nodes, node('stray', 'service', { members: Number.NaN })],
      edges: [...d.edges, edge('shop', 'billing')],
    };
    const r = parseDesignDoc(JSON.parse(JSON.stringify(toDesignDoc(design, 'order-flow'))));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.origin).toBe('order-flow');
    expect(r.design.edges).toEqual(design.edges);
    expect(r.design.nodes.map((n) => n.id)).toEqual(design.nodes.map((n) => n.id));
  });
});
