import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NODE_WIDTH, type ProducerData } from '../../diagram';
import type { DiagramNode } from '../../store/designSlice';
import { selectProducerView } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { describeKeys, describeRate } from './describe';
import { NodeFrame } from './NodeFrame';
import { Stat } from './Stat';

/** A producer: what it sends, how fast, with which keys, and how many records so far. */
export const ProducerNodeView = memo(function ProducerNodeView({ id, data }: NodeProps<DiagramNode>) {
  const d = data as ProducerData;
  const live = useAppStore(selectProducerView(d.id));
  return (
    <NodeFrame id={id} kind="producer" title={d.id} testId={`producer-node-${d.id}`} width={NODE_WIDTH.producer}>
      <dl className="node__facts">
        <dt>event</dt>
        <dd>{d.eventType || '?'}</dd>
        <dt>rate</dt>
        <dd>{describeRate(d.rate)}</dd>
        <dt>keys</dt>
        <dd title={describeKeys(d.keys, d.sendKey)}>{describeKeys(d.keys, d.sendKey)}</dd>
        <dt>acks</dt>
        <dd>{d.config?.acks ?? 'all'}</dd>
      </dl>
      <div className="stats stats--single">
        <Stat label="produced" value={live?.sent ?? 0} testId={`producer-sent-${d.id}`} />
      </div>
    </NodeFrame>
  );
});
