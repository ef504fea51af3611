import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { selectGroupViews, selectTopicView } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { formatCount } from '../format';
import type { TopicNode } from './diagram';
import { NODE_WIDTH } from './nodeSize';
import { BAR_WIDTH, PartitionRow } from './PartitionRow';
import { offsetScale } from './partitionScale';

/** A topic: one offset bar per partition, ticked with each reading group's committed offset. */
export const TopicNodeView = memo(function TopicNodeView({ data }: NodeProps<TopicNode>) {
  const topic = useAppStore(selectTopicView(data.name));
  const groups = useAppStore(selectGroupViews);
  const leos = useMemo(() => topic?.logEndOffsets ?? Array.from({ length: data.partitions }, () => 0), [topic, data.partitions]);
  const scale = useMemo(() => offsetScale(leos, BAR_WIDTH), [leos]);
  const total = leos.reduce((a, b) => a + b, 0);
  const marks = (p: number) =>
    data.readers.map((r) => ({ group: r.group, color: r.color, offset: groups?.[r.group]?.committed[data.name]?.[p] ?? -1 }));
  return (
    <div className={`node node--topic${data.deadLetter ? ' node--dlq' : ''}`} style={{ width: NODE_WIDTH.topic }} data-testid={`topic-node-${data.name}`}>
      <Handle type="target" position={Position.Left} />
      <header className="node__header">
        <span className="node__kind">
          Topic{data.deadLetter && <span className="badge badge--danger">dead letter</span>}
        </span>
        <span className="node__title">{data.name}</span>
        <span className="node__sub">
          {data.partitions} partition{data.partitions === 1 ? '' : 's'} ·{' '}
          <span className="num" data-testid={`topic-records-${data.name}`}>
            {formatCount(total)}
          </span>{' '}
          records
        </span>
      </header>
      <div className="partitions">
        {leos.map((leo, p) => (
          <PartitionRow key={p} topic={data.name} partition={p} logEndOffset={leo} marks={marks(p)} scale={scale} />
        ))}
      </div>
      {data.readers.length > 0 && (
        <footer className="legend" aria-label="committed offsets by group">
          {data.readers.map((r) => (
            <span key={r.group} className="legend__item">
              <i className="legend__tick" style={{ background: r.color }} />
              {r.group}
            </span>
          ))}
        </footer>
      )}
      {data.readers.length > 0 && <Handle type="source" position={Position.Right} />}
    </div>
  );
});
