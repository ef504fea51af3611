import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { selectEdgeInfo, selectEdgeRate, selectPlaying } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { edgeWidth, formatRate } from './edgeStyle';

/**
 * An edge that shows what flows on it: its meaning as a colour, its rate as thickness and
 * moving dashes (one path per edge, never a DOM node per record). An invalid edge is red and
 * dashed; its reason is on the source node and in the tooltip.
 */
export const FlowEdge = memo(function FlowEdge(props: EdgeProps) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected } =
    props;
  const info = useAppStore(selectEdgeInfo(id));
  const rate = useAppStore(selectEdgeRate(id));
  const playing = useAppStore(selectPlaying);
  const [path] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const flow = info && 'flow' in info ? info.flow : 'invalid';
  const moving = playing && rate > 0;
  const style: CSSProperties = { strokeWidth: edgeWidth(rate) };

  const title =
    info && 'reason' in info
      ? `Invalid edge: ${info.reason}`
      : `${flow}${rate > 0 ? `: ${formatRate(rate)}` : ''}`;
  return (
    <g
      className={`flow-edge flow-edge--${flow}${selected ? ' flow-edge--selected' : ''}`}
      data-testid={`edge-${id}`}
      data-flow={flow}
      data-rate={Math.round(rate)}
    >
      <title>{title}</title>
      <BaseEdge
        id={id}
        path={path}
        className={moving ? 'flow-path flow-path--moving' : 'flow-path'}
        style={style}
        interactionWidth={14}
      />
    </g>
  );
});
