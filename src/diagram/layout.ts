/**
 * A small left-to-right layered layout for the flow diagram: each node goes one column right of
 * its furthest predecessor (longest path; back edges of cycles are ignored), nodes in a column
 * are ordered by the mean height of their predecessors to cut crossings, and each column is
 * stacked and centred on y = 0. Pure and deterministic: same input, same positions.
 */

import { nodeSize } from './nodeSize';
import type { DesignNode } from './types';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
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
    x += Math.max(...column.map((n) => n.width)) + columnGap;
  }
  return positions;
}

/** The design with every node placed by the left-to-right layout (`sizeOf` defaults to estimates). */
export function layoutDesign<
  T extends { nodes: readonly DesignNode[]; edges: readonly LayoutEdge[] },
>(
  design: T,
  sizeOf: (n: T['nodes'][number]) => { width: number; height: number } = (n) => nodeSize(n.data),
): T {
  const positions = layoutLeftToRight(
    design.nodes.map((n) => ({ id: n.id, ...sizeOf(n) })),
    design.edges,
  );
  return {
    ...design,
    nodes: design.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })),
  };
}
