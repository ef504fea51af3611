import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { bindingLabel, type BindingData } from '../../diagram';
import { bindingKey } from '../../engine';
import { useRenderMsg, useT, type MessageKey } from '../../i18n';
import { selectEdgeOnly } from '../../store/designActions';
import {
  selectAmqpBindingCount,
  selectEdgeInfo,
  selectEdgeRate,
  selectExchangeType,
  selectPlaying,
} from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { edgeWidth, formatRate } from './edgeStyle';

/** An edge's meaning in words (a literal map: the catalog test finds every key). */
const FLOW_WORD: Record<string, MessageKey> = {
  produce: 'canvas.flow.produce',
  consume: 'canvas.flow.consume',
  emit: 'canvas.flow.emit',
  deadLetter: 'canvas.flow.deadLetter',
  publish: 'canvas.flow.publish',
  bind: 'canvas.flow.bind',
  command: 'eventStore.flow.command',
  append: 'eventStore.flow.append',
  project: 'eventStore.flow.project',
  read: 'eventStore.flow.read',
  invalid: 'canvas.flow.invalid',
};

/**
 * An edge that shows what flows on it: its meaning as a colour, its rate as thickness and
 * moving dashes (one path per edge, never a DOM node per record). An invalid edge is red and
 * dashed; its reason is on the source node and in the tooltip.
 */
export const FlowEdge = memo(function FlowEdge(props: EdgeProps) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected } =
    props;
  const exchangeType = useAppStore(selectExchangeType(props.source));
  const t = useT();
  const render = useRenderMsg();
  const info = useAppStore(selectEdgeInfo(id));
  const rate = useAppStore(selectEdgeRate(id));
  const playing = useAppStore(selectPlaying);
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const flow = info && 'flow' in info ? info.flow : 'invalid';
  const moving = playing && rate > 0;
  const data = props.data as BindingData | undefined;
  const ends = info && 'flow' in info ? info : null;
  const routed = useAppStore(
    selectAmqpBindingCount(
      flow === 'bind' && ends
        ? bindingKey({
            source: ends.source,
            destination: ends.target,
            routingKey: data?.routingKey ?? '',
          })
        : '',
    ),
  );
  const keyText = flow === 'bind' ? bindingLabel(exchangeType, data) : null;
  // The count shows once the binding has routed something (an unrun design shows keys only);
  // a fanout binding has no key, so its label is the count alone.
  const counted = routed !== undefined && routed > 0;
  const binding = keyText === null && flow === 'bind' && counted ? '' : keyText;
  const shownKey = keyText === null ? '' : keyText || t('canvas.binding.emptyKey');
  const style: CSSProperties = { strokeWidth: edgeWidth(rate) };

  const flowWord = t(FLOW_WORD[flow] ?? 'canvas.flow.invalid');
  const title =
    info && 'reason' in info
      ? t('canvas.edge.invalid', { reason: render(info.why ?? info.reason) })
      : rate > 0
        ? t('canvas.edge.rate', { flow: flowWord, rate: formatRate(rate) })
        : flowWord;
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
      {binding !== null && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className={`binding-label nodrag nopan${selected ? ' binding-label--selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={[
              t('canvas.binding.title', {
                source: ends ? ends.source : '',
                destination: ends ? ends.target : '',
                key: shownKey,
              }),
              ...(routed === undefined ? [] : [t('canvas.binding.routed', { n: routed })]),
            ].join('\n')}
            onClick={() => selectEdgeOnly(id)}
            data-testid={`binding-label-${id}`}
            data-routed={routed ?? 0}
          >
            {/* The key shrinks (ellipsis) and the count never does: a long key (a headers
                binding's x-match arguments) keeps its count in view. The space between them is
                for the text (copy, tooltips, tests); the flex gap draws it. */}
            {shownKey !== '' && <span className="binding-label__key">{shownKey}</span>}
            {shownKey !== '' && counted && ' '}
            {counted && (
              <span className="binding-label__count" data-testid={`binding-count-${id}`}>
                {shownKey === '' ? String(routed) : t('canvas.binding.count', { n: routed })}
              </span>
            )}
          </button>
        </EdgeLabelRenderer>
      )}
    </g>
  );
});
