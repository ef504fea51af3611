/** Small designs for the tests (not shipped: only *.test.ts import it). */
import { defaultData } from './kinds';
import type { Design, DesignEdge, DesignNode, NodeData, NodeKind } from './types';

export function node(id: string, kind: NodeKind, patch: Record<string, unknown> = {}): DesignNode {
  return { id, position: { x: 0, y: 0 }, data: { ...defaultData(kind, id), ...patch } as NodeData };
}

export function edge(source: string, target: string): DesignEdge {
  return { id: `${source}->${target}`, source, target };
}

/** producer → topic (3 partitions) → group with two members: the editor's first e2e, as data. */
export function pipeline(): Design {
  return {
    settings: { version: 1, name: 'pipeline', faults: [] },
    nodes: [node('shop', 'producer'), node('orders', 'topic'), node('billing', 'consumerGroup')],
    edges: [edge('shop', 'orders'), edge('orders', 'billing')],
  };
}
