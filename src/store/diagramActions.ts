/** Edits to the drawn diagram (for now: moving and selecting nodes, and auto-layout). */
import { applyNodeChanges, type NodeChange } from '@xyflow/react';
import { layoutDiagram, type DiagramNode } from '../ui/canvas/diagram';
import { nodeSize } from '../ui/canvas/nodeSize';
import { useAppStore } from './store';

export function onNodesChange(changes: NodeChange<DiagramNode>[]): void {
  useAppStore.setState((s) => ({ nodes: applyNodeChanges(changes, s.nodes) }));
}

/** Lays the diagram out again with the sizes React Flow measured (estimates for the rest). */
export function layoutWithMeasuredSizes(): void {
  useAppStore.setState((s) => ({
    nodes: layoutDiagram(s.nodes, s.edges, (n) => {
      const m = n.measured;
      return m?.width && m.height ? { width: m.width, height: m.height } : nodeSize(n.data);
    }),
  }));
}
