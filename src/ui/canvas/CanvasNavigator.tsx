import { Controls, MiniMap } from '@xyflow/react';
import { useT } from '../../i18n';
import type { DiagramNode } from '../../store/designSlice';

const minimapColor = (n: DiagramNode) =>
  n.type === 'producer'
    ? 'var(--accent)'
    : n.type === 'topic'
      ? 'var(--topic)'
      : n.type === 'deadLetterTopic'
        ? 'var(--danger)'
        : 'var(--muted)';

/**
 * The minimap and zoom controls, outside the canvas (at the foot of the palette), so they
 * never cover a node however the view is panned. React Flow's provider wraps the whole app,
 * so they drive the canvas from here.
 */
export function CanvasNavigator() {
  const t = useT();
  return (
    <div className="navigator" data-testid="canvas-navigator">
      <MiniMap
        pannable
        zoomable
        position="bottom-left"
        style={{ width: 134, height: 86 }}
        nodeColor={minimapColor}
        maskColor="var(--minimap-mask)"
        ariaLabel={t('canvas.minimap')}
      />
      <Controls showInteractive={false} orientation="horizontal" position="bottom-left" />
    </div>
  );
}
