import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import { KINDS, NODE_WIDTH, type NodeKind } from '../../diagram';
import { addNode, selectOnly } from '../../store/designActions';
import { setSettingsOpen } from '../../store/uiActions';
import { useAppStore } from '../../store/store';
import { DRAG_MIME } from '../canvas/FlowCanvas';
import { KindIcon } from './KindIcon';
import { CanvasNavigator } from '../canvas/CanvasNavigator';

/** Node kinds to drag onto the canvas (or click: the node lands in view, in its column). */
export function Palette() {
  const { screenToFlowPosition } = useReactFlow();
  const issues = useAppStore((s) => s.designIssues.length);
  /** A click adds the node in view, in its column of the flow: producers, then topics, then readers. */
  const addInView = (kind: NodeKind) => {
    const el = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const topLeft = el ? screenToFlowPosition({ x: el.left + 48, y: el.top + 48 }) : { x: 0, y: 0 };
    const column = kind === 'producer' ? 0 : kind === 'topic' || kind === 'deadLetterTopic' ? 1 : 2;
    addNode(kind, { x: topLeft.x + column * (NODE_WIDTH.topic + 72), y: topLeft.y });
  };
  const onDragStart = (e: DragEvent, kind: NodeKind) => {
    e.dataTransfer.setData(DRAG_MIME, kind);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label="Palette" data-testid="palette">
      <h3 className="palette__title">Add</h3>
      {KINDS.map((k) => (
        <button
          key={k.kind}
          type="button"
          className={`palette__item palette__item--${k.kind}`}
          draggable
          onDragStart={(e) => onDragStart(e, k.kind)}
          onClick={() => addInView(k.kind)}
          title={`${k.hint} Drag onto the canvas, or click to add.`}
          data-testid={`palette-${k.kind}`}
        >
          <KindIcon kind={k.kind} />
          <span>{k.label}</span>
        </button>
      ))}
      <p className="palette__hint">Drag onto the canvas, or click. Connect a right handle to a left handle.</p>
      <span className="palette__spacer" />
      <CanvasNavigator />
      <button type="button" className="button palette__settings" onClick={() => (selectOnly(null), setSettingsOpen(true))} data-testid="design-settings">
        Design settings{issues > 0 ? ` · ${issues} ⚠` : ''}
      </button>
    </nav>
  );
}
