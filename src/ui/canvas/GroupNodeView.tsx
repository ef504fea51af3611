import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { memberCount, NODE_WIDTH, type GroupData } from '../../diagram';
import type { DiagramNode } from '../../store/designSlice';
import { selectColor, selectGroupView, selectHighlight } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { selectRootGroup, selectRunGroup } from '../../store/runSelectors';
import { describeCommit, describeDist } from './describe';
import { ForkChanges } from './ForkChanges';
import { MemberRow } from './MemberRow';
import { NodeFrame } from './NodeFrame';
import { ReadModelTable } from './ReadModelTable';
import { Stat } from './Stat';

/** A consumer group, service or read model: lag and counters, each member's state and partitions. */
export const GroupNodeView = memo(function GroupNodeView({ id, data }: NodeProps<DiagramNode>) {
  const design = data as GroupData;
  // A fork's canvas shows the fork's settings (its changed scenario), not the design's.
  const runSpec = useAppStore(selectRunGroup(design.id));
  const rootSpec = useAppStore(selectRootGroup(design.id));
  const d: GroupData = runSpec ? { ...design, commit: runSpec.commit, config: runSpec.config, processingMs: runSpec.processingMs, idempotent: runSpec.idempotent } : design;
  const color = useAppStore(selectColor(id));
  const g = useAppStore(selectGroupView(d.id));
  const hl = useAppStore(selectHighlight);
  const count = memberCount(d);
  const designIds = Array.isArray(d.members) ? d.members.map((m) => String((m as { id?: unknown }).id ?? '')) : Array.from({ length: count }, (_, i) => `${d.id}-${i + 1}`);
  const multiTopic = (g?.members ?? []).some((m) => m.assigned.length > 1);
  const strategy = d.config?.['partition.assignment.strategy'] ?? 'range';
  const rule = d.kind === 'service' ? d.handlers?.[0] : undefined;
  const badge = g?.rebalancing ? (
    <span className="badge badge--warn" data-testid={`group-rebalancing-${d.id}`}>
      rebalancing
    </span>
  ) : (
    g && g.generation > 0 && <span className="badge">gen {g.generation}</span>
  );
  const sub = (
    <>
      <span className="node__sub" data-testid={`group-settings-${d.id}`}>
        {count} member{count === 1 ? '' : 's'} · {strategy} · {describeCommit(d.commit, d.config?.['enable.auto.commit'])}
        {d.idempotent ? ' · idempotent' : ''}
      </span>
      <span className="node__sub">processing {describeDist(d.processingMs)}</span>
      <ForkChanges root={rootSpec} run={runSpec} testId={`fork-changes-${d.id}`} />
      {rule && (
        <span className="node__emit">
          on {rule.on || '?'} → emits {rule.emit.map((e) => e.type).join(', ') || 'nothing'}
        </span>
      )}
    </>
  );
  return (
    <NodeFrame id={id} kind={d.kind} title={d.id} testId={`group-node-${d.id}`} width={NODE_WIDTH.group} color={color} badge={badge} sub={sub}>
      {hl?.group === d.id && (
        <div className="hl-note" data-testid={`highlight-group-${d.id}`}>
          {hl.member ?? d.id} · {hl.topic}-{hl.partition}
          {hl.offset === undefined ? '' : ` @ ${hl.offset}`}
        </div>
      )}
      <div className="stats">
        <Stat label="lag" value={g ? g.lag : 0} testId={`group-lag-${d.id}`} />
        <Stat label="processed" value={g?.processed ?? 0} testId={`group-processed-${d.id}`} />
        <Stat label="duplicates" value={g?.duplicates ?? 0} alert="warn" testId={`group-duplicates-${d.id}`} />
        <Stat label="lost" value={g?.lost ?? 0} alert="danger" testId={`group-lost-${d.id}`} />
      </div>
      <ul className="members">
        {(g?.members.length ? g.members.map((m) => m.id) : designIds).map((mid, i) => (
          <MemberRow key={mid || i} id={mid} member={g?.members[i]} rebalancing={g?.rebalancing ?? false} multiTopic={multiTopic} />
        ))}
      </ul>
      {d.kind === 'readModel' && <ReadModelTable view={g?.readModel} group={d.id} />}
    </NodeFrame>
  );
});
