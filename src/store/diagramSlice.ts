/** The drawn diagram: React Flow nodes and edges. Positions are UI state, never engine state. */
import type { DiagramEdge, DiagramNode } from '../ui/canvas/diagram';

export interface DiagramSlice {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

export function diagramSlice(nodes: DiagramNode[] = [], edges: DiagramEdge[] = []): DiagramSlice {
  return { nodes, edges };
}
