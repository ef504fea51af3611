import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { selectGroupView } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import type { GroupNode } from './diagram';
import { MemberRow } from './MemberRow';
import { NODE_WIDTH } from './nodeSize';
import { Stat } from './Stat';

/** A consumer group (a service when it has handlers): counters, lag and each member's state. */
export const GroupNodeView = memo(function GroupNodeView({ data }: NodeProps<GroupNode>) {
  const g = useAppStore(selectGroupView(data.id));
  const style = { width: NODE_WIDTH.group, '--group-color': data.color } as CSSProperties;
  const multiTopic = data.topics.length > 1;
  return (
    <div className="node node--group" style={style} data-testid={`group-node-${data.id}`}>
      <Handle type="target" position={Position.Left} />
      <header className="node__header">
        <span className="node__kind">
          <i className="group-dot" />
          {data.service ? 'Service' : 'Consumer group'}
          {g?.rebalancing ? (
            <span className="badge badge--warn">rebalancing</span>
          ) : (
            g && g.generation > 0 && <span className="badge">gen {g.generation}</span>
          )}
        </span>
        <span className="node__title">{data.id}</span>
        <span className="node__sub">
          {data.strategy} · {data.commit}
        </span>
        {data.emits.map((e) => (
          <span key={e} className="node__emit">
            emits {e}
          </span>
        ))}
      </header>
      <div className="stats">
        <Stat label="lag" value={g?.lag ?? 0} testId={`group-lag-${data.id}`} />
        <Stat label="processed" value={g?.processed ?? 0} testId={`group-processed-${data.id}`} />
        <Stat label="duplicates" value={g?.duplicates ?? 0} alert="warn" testId={`group-duplicates-${data.id}`} />
        <Stat label="lost" value={g?.lost ?? 0} alert="danger" testId={`group-lost-${data.id}`} />
      </div>
      <ul className="members">
        {data.members.map((id, i) => (
          <MemberRow key={id} id={id} member={g?.members[i]} multiTopic={multiTopic} />
        ))}
      </ul>
      {data.service && <Handle type="source" position={Position.Right} />}
    </div>
  );
});
