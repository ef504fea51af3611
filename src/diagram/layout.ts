/**
 * A small left-to-right layered layout for the flow diagram: each node goes one column right of
 * its furthest predecessor (longest path; back edges of cycles are ignored), nodes in a column
 * are ordered by the mean height of their predecessors to cut crossings, and each column is
 * stacked and centred on y = 0. A column whose edges into the next column carry a label (a
 * RabbitMQ binding's key and live count) is followed by a gap wide enough for the label to sit
 * between the two columns, never on a node. Pure and deterministic: same input, same positions.
 */

import { bindingLabel } from './amqpLinks';
import { designGrowth, nodeSize, type NodeGrowth } from './nodeSize';
import type { BindingData, DesignNode } from './types';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
  /** The width of the label drawn at the edge's midpoint, if it has one. */
  labelWidth?: number;
}

export interface LayoutOptions {
  columnGap: number;
  rowGap: number;
}

export interface Point {
  x: number;
  y: number;
}

const DEFAULTS: LayoutOptions = { columnGap: 64, rowGap: 40 };

/** Space kept between an edge label and the nodes on either side of it. */
export const LABEL_MARGIN = 12;

/**
 * A binding label's widest on-screen size (`.binding-label` in nodes.css: 11px monospace, 7px
 * padding and a 1px border each side, at most 220px): its key (`bindingLabel`; null for fanout,
 * which shows the count alone) and a running count of up to "· 99,999". An upper bound: a
 * monospace character is 0.6em (6.6px); the empty key's placeholder counts 12 characters
 * (its Chinese form is six full-width characters).
 */
export const LABEL_MAX_WIDTH = 220;
export function bindingLabelWidth(key: string | null): number {
  const CHAR = 6.6;
  const chrome = 16;
  const count = '· 99,999'.length;
  if (key === null) return chrome + count * CHAR;
  const keyChars = key === '' ? 12 : [...key].length;
  return Math.min(LABEL_MAX_WIDTH, chrome + (keyChars + 1 + count) * CHAR);
}

/** Column index per node id. */
export function rankNodes(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
): Map<string, number> {
  const preds = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    if (e.source !== e.target && preds.has(e.source)) preds.get(e.target)?.push(e.source);
  }
  const rank = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = rank.get(id);
    if (known !== undefined) return known;
    visiting.add(id);
    let r = 0;
    for (const p of preds.get(id) ?? []) {
      if (!visiting.has(p)) r = Math.max(r, visit(p) + 1);
    }
    visiting.delete(id);
    rank.set(id, r);
    return r;
  };
  for (const n of nodes) visit(n.id);
  return rank;
}

/** Top-left position per node id. */
export function layoutLeftToRight(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: Partial<LayoutOptions> = {},
): Map<string, Point> {
  const { columnGap, rowGap } = { ...DEFAULTS, ...options };
  const rank = rankNodes(nodes, edges);
  const columns: LayoutNode[][] = [];
  for (const n of nodes) (columns[rank.get(n.id) ?? 0] ??= []).push(n);

  const preds = new Map<string, string[]>();
  for (const e of edges) preds.set(e.target, [...(preds.get(e.target) ?? []), e.source]);
  const width = new Map(nodes.map((n) => [n.id, n.width]));
  const centreY = new Map<string, number>();
  const positions = new Map<string, Point>();
  let x = 0;
  for (const column of columns) {
    if (!column) continue;
    const barycentre = (n: LayoutNode) => {
      const ys = (preds.get(n.id) ?? []).flatMap((p) => centreY.get(p) ?? []);
      return ys.length === 0 ? 0 : ys.reduce((a, b) => a + b, 0) / ys.length;
    };
    const ordered = column
      .map((n, i) => ({ n, i, key: barycentre(n) }))
      .sort((a, b) => a.key - b.key || a.i - b.i)
      .map((o) => o.n);
    const height = ordered.reduce((h, n) => h + n.height, 0) + rowGap * (ordered.length - 1);
    let y = -height / 2;
    for (const n of ordered) {
      positions.set(n.id, { x, y });
      centreY.set(n.id, y + n.height / 2);
      y += n.height + rowGap;
    }
    const columnWidth = Math.max(...column.map((n) => n.width));
    x += columnWidth + labelledGap(column, columnWidth, columnGap, edges, rank, width);
  }
  return positions;
}

/**
 * The gap after `column`: at least `columnGap`, and wide enough for each label of an edge into
 * the next column. The label is centred between its source's right side and the next column's
 * left side, so it clears every node of both columns when
 * gap ≥ (column width − source width) + label width + 2 × margin.
 */
function labelledGap(
  column: readonly LayoutNode[],
  columnWidth: number,
  columnGap: number,
  edges: readonly LayoutEdge[],
  rank: ReadonlyMap<string, number>,
  width: ReadonlyMap<string, number>,
): number {
  const r = rank.get(column[0]!.id) ?? 0;
  let gap = columnGap;
  for (const e of edges) {
    if (e.labelWidth === undefined || rank.get(e.source) !== r || rank.get(e.target) !== r + 1)
      continue;
    const inset = columnWidth - (width.get(e.source) ?? columnWidth);
    gap = Math.max(gap, Math.ceil(inset + e.labelWidth + 2 * LABEL_MARGIN));
  }
  return gap;
}

/**
 * The design with every node placed by the left-to-right layout. `sizeOf` gives a node's size
 * (default: the estimate) and is handed what the node may grow by in a run (`designGrowth`), so
 * a measured size can add it too: nodes grown mid-run never overlap their neighbours.
 */
export function layoutDesign<
  T extends {
    nodes: readonly DesignNode[];
    edges: readonly (LayoutEdge & { data?: BindingData })[];
    settings?: { faults?: readonly unknown[] };
  },
>(
  design: T,
  sizeOf: (
    n: T['nodes'][number],
    growth: NodeGrowth | undefined,
  ) => { width: number; height: number } = (n, growth) => nodeSize(n.data, growth),
): T {
  const growth = designGrowth(design);
  const positions = layoutLeftToRight(
    design.nodes.map((n) => ({ id: n.id, ...sizeOf(n, growth.get(n.id)) })),
    labelledEdges(design),
  );
  return {
    ...design,
    nodes: design.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })),
  };
}

/** The design's edges with the width of their labels: a binding (exchange → queue/exchange). */
export function labelledEdges(design: {
  nodes: readonly DesignNode[];
  edges: readonly (LayoutEdge & { data?: BindingData })[];
}): LayoutEdge[] {
  const kinds = new Map(design.nodes.map((n) => [n.id, n.data]));
  return design.edges.map(({ source, target, data }) => {
    const s = kinds.get(source);
    const t = kinds.get(target);
    if (s?.kind !== 'exchange' || (t?.kind !== 'queue' && t?.kind !== 'exchange'))
      return { source, target };
    return { source, target, labelWidth: bindingLabelWidth(bindingLabel(s.type, data)) };
  });
}
