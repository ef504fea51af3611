import { Background, Controls, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { onNodesChange } from '../../store/diagramActions';
import { selectEdges, selectNodes, selectScenarioId, selectSimReady } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { AutoLayout } from './AutoLayout';
import type { DiagramEdge, DiagramNode } from './diagram';
import { nodeTypes } from './nodeTypes';

/** The diagram. Remounts per scenario so each one opens fitted to the view. */
export function FlowCanvas() {
  const nodes = useAppStore(selectNodes);
  const edges = useAppStore(selectEdges);
  const scenarioId = useAppStore(selectScenarioId);
  const running = useAppStore((s) => s.status === 'playing');
  const ready = useAppStore(selectSimReady);
  const liveEdges = useMemo(() => edges.map((e) => ({ ...e, animated: running })), [edges, running]);
  return (
    <div className="canvas" data-testid="canvas" data-sim-ready={ready}>
      <ReactFlow<DiagramNode, DiagramEdge>
        key={scenarioId}
        nodes={nodes}
        edges={liveEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        nodesConnectable={false}
        edgesFocusable={false}
        fitView
        fitViewOptions={{ padding: 0.06 }}
        minZoom={0.2}
        maxZoom={2}
      >
        <Background gap={24} size={1.2} color="#d5dae1" />
        <Controls showInteractive={false} position="bottom-right" />
        <AutoLayout />
      </ReactFlow>
    </div>
  );
}
