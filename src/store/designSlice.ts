/**
 * The design being edited: React Flow nodes and edges (node data is the design's node data),
 * plus the scenario-level settings. Positions are UI state: saved, never given to the engine.
 */
import { msg } from '../i18n';
import { nameText } from './messages';
import type { Edge, Node } from '@xyflow/react';
import type { Design, DesignSettings, NodeData, NodeKind } from '../diagram';

export type DiagramNode = Node<NodeData, NodeKind>;
export type DiagramEdge = Edge;

export interface DesignSlice {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  settings: DesignSettings;
  /** The built-in scenario this design was opened from; null for a new or imported one. */
  origin: string | null;
}

/** A design as React Flow state: each node's type is its kind, each edge is a `flow` edge. */
export function designSlice(design: Design, origin: string | null): DesignSlice {
  return {
    nodes: design.nodes.map((n) => ({ id: n.id, type: n.data.kind, position: n.position, data: n.data })),
    edges: design.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, type: 'flow', ...(e.data ? { data: e.data } : {}) })),
    settings: design.settings,
    origin,
  };
}

export const emptySettings = (): DesignSettings => ({ version: 1, name: nameText(msg('toolbar.doc.untitled')), faults: [] });
