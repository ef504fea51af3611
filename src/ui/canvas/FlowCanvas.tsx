import { Background, ReactFlow, useReactFlow } from '@xyflow/react';
import { useCallback, useState, type DragEvent, type MouseEvent } from 'react';
import { useT } from '../../i18n';
import { entityName, NODE_WIDTH, type NodeKind } from '../../diagram';
import { addNode, connect, onEdgesChange, onNodesChange } from '../../store/designActions';
import type { DiagramEdge, DiagramNode } from '../../store/designSlice';
import { selectEdges, selectNodes, selectSimReady, selectTheme } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { CanvasFit } from './CanvasFit';
import { NodeMenu, type NodeMenuAt } from './NodeMenu';
import { edgeTypes, nodeTypes } from './nodeTypes';

export const DRAG_MIME = 'application/x-eventflow-kind';

/** The diagram: edit it (drag, connect, select), and while running it is the live view. */
export function FlowCanvas() {
  const t = useT();
  const nodes = useAppStore(selectNodes);
  const edges = useAppStore(selectEdges);
  const ready = useAppStore(selectSimReady);
  const theme = useAppStore(selectTheme);
  const { screenToFlowPosition } = useReactFlow();
  const empty = nodes.length === 0;
  const [menu, setMenu] = useState<NodeMenuAt | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const onNodeContextMenu = useCallback((e: MouseEvent, node: DiagramNode) => {
    e.preventDefault();
    const kind =
      node.type === 'exchange' || node.type === 'queue'
        ? 'amqp'
        : node.type === 'producer'
          ? 'producer'
          : node.type === 'topic' || node.type === 'deadLetterTopic'
            ? 'topic'
            : 'group';
    const box = (e.currentTarget as HTMLElement).closest('.canvas')?.getBoundingClientRect();
    const x = e.clientX - (box?.left ?? 0);
    const y = e.clientY - (box?.top ?? 0);
    // Keep the menu inside the canvas (it is at most ~300 × 440 px).
    const d = node.data;
    const es =
      d.kind === 'aggregate' ||
      d.kind === 'projection' ||
      d.kind === 'eventStore' ||
      d.kind === 'query'
        ? {
            kind: d.kind,
            mode: d.kind === 'projection' ? d.mode : undefined,
            eventVersion: d.kind === 'aggregate' ? Number(d.eventVersion ?? 1) || 1 : 1,
          }
        : undefined;
    setMenu({
      kind,
      ...(es ? { es } : {}),
      name: entityName(node.data),
      x: Math.max(8, Math.min(x, (box?.width ?? 1e4) - 300)),
      y: Math.max(8, Math.min(y, (box?.height ?? 1e4) - 440)),
    });
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(DRAG_MIME) as NodeKind;
      if (!kind) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addNode(kind, { x: p.x - NODE_WIDTH.group / 2, y: p.y - 30 });
    },
    [screenToFlowPosition],
  );

  return (
    <div
      className="canvas"
      data-testid="canvas"
      data-sim-ready={ready}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<DiagramNode, DiagramEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connect}
        onNodeContextMenu={onNodeContextMenu}
        onPaneClick={closeMenu}
        onMoveStart={closeMenu}
        deleteKeyCode={null}
        colorMode={theme}
        fitView
        fitViewOptions={{ padding: 0.06 }}
        minZoom={0.1}
        maxZoom={2}
        connectionRadius={28}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} size={1.2} color="var(--grid)" />
        <CanvasFit />
      </ReactFlow>
      {menu && <NodeMenu at={menu} onClose={closeMenu} />}
      {empty && (
        <div className="canvas__empty" data-testid="canvas-empty">
          <p className="canvas__empty-title">{t('canvas.empty.title')}</p>
          <p>{t('canvas.empty.hint')}</p>
        </div>
      )}
    </div>
  );
}
