import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { selectProducerView } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { formatCount } from '../format';
import type { ProducerNode } from './diagram';
import { NODE_WIDTH } from './nodeSize';

/** A producer: what it sends, how fast, with which keys, and how many records so far. */
export const ProducerNodeView = memo(function ProducerNodeView({ data }: NodeProps<ProducerNode>) {
  const live = useAppStore(selectProducerView(data.id));
  return (
    <div className="node node--producer" style={{ width: NODE_WIDTH.producer }} data-testid={`producer-node-${data.id}`}>
      <header className="node__header">
        <span className="node__kind">Producer</span>
        <span className="node__title">{data.id}</span>
      </header>
      <dl className="node__facts">
        <dt>event</dt>
        <dd>{data.eventType}</dd>
        <dt>rate</dt>
        <dd>{data.rate}</dd>
        <dt>keys</dt>
        <dd>{data.keys}</dd>
        <dt>sent</dt>
        <dd className="num" data-testid={`producer-sent-${data.id}`}>
          {formatCount(live?.sent ?? 0)}
        </dd>
      </dl>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
