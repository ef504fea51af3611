import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { memberCount, NODE_WIDTH, type GroupData } from '../../diagram';
import { useT } from '../../i18n';
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
  const t = useT();
  const design = data as GroupData;
  // A fork's canvas shows the fork's settings (its changed scenario), not the design's.
  const runSpec = useAppStore(selectRunGroup(design.id));
  const rootSpec = useAppStore(selectRootGroup(design.id));
  const d: GroupData = runSpec
    ? {
        ...design,
        commit: runSpec.commit,
        config: runSpec.config,
        processingMs: runSpec.processingMs,
        idempotent: runSpec.idempotent,
      }
    : design;
  const color = useAppStore(selectColor(id));
  const g = useAppStore(selectGroupView(d.id));
  const hl = useAppStore(selectHighlight);
  const count = memberCount(d);
  const designIds = Array.isArray(d.members)
    ? d.members.map((m) => String((m as { id?: unknown }).id ?? ''))
    : Array.from({ length: count }, (_, i) => `${d.id}-${i + 1}`);
  const multiTopic = (g?.members ?? []).some((m) => m.assigned.length > 1);
  const strategy = d.config?.['partition.assignment.strategy'] ?? 'range';
  const rule = d.kind === 'service' ? d.handlers?.[0] : undefined;
  // Transactions: the producer's transactional.id (a template) and the consumer's isolation.
  const txnId = d.config?.['transactional.id'];
  const readCommitted = d.config?.['isolation.level'] === 'read_committed';
  const badge = g?.rebalancing ? (
    <span className="badge badge--warn" data-testid={`group-rebalancing-${d.id}`}>
      {t('canvas.group.rebalancing')}
    </span>
  ) : (
    g &&
    g.generation > 0 && (
      <span className="badge">{t('canvas.group.generation', { n: g.generation })}</span>
    )
  );
  const sub = (
    <>
      <span className="node__sub" data-testid={`group-settings-${d.id}`}>
        {t('canvas.group.settings', {
          n: count,
          strategy: String(strategy),
          commit: describeCommit(d.commit, d.config?.['enable.auto.commit']),
        })}
        {d.idempotent ? ` · ${t('canvas.group.idempotent')}` : ''}
      </span>
      <span className="node__sub">
        {t('canvas.processing', { time: describeDist(d.processingMs) })}
      </span>
      {(typeof txnId === 'string' || readCommitted) && (
        <span className="node__txn" data-testid={`group-txn-${d.id}`}>
          {typeof txnId === 'string' && (
            <span
              className="badge badge--txn"
              title={t('canvas.group.transactionalTitle', { id: txnId, token: '{member}' })}
              data-testid={`group-transactional-${d.id}`}
            >
              {t('canvas.group.transactional', { id: txnId })}
            </span>
          )}
          {readCommitted && (
            <span
              className="badge badge--txn"
              title={t('canvas.group.readCommittedTitle')}
              data-testid={`group-read-committed-${d.id}`}
            >
              {t('canvas.group.readCommitted')}
            </span>
          )}
        </span>
      )}
      <ForkChanges root={rootSpec} run={runSpec} testId={`fork-changes-${d.id}`} />
      {rule && (
        <span className="node__emit">
          {t('canvas.group.emits', {
            on: rule.on || '?',
            types: rule.emit.map((e) => e.type).join(', ') || t('canvas.group.emitsNothing'),
          })}
        </span>
      )}
    </>
  );
  return (
    <NodeFrame
      id={id}
      kind={d.kind}
      title={d.id}
      testId={`group-node-${d.id}`}
      width={NODE_WIDTH.group}
      color={color}
      badge={badge}
      sub={sub}
    >
      {hl?.group === d.id && (
        <div className="hl-note" data-testid={`highlight-group-${d.id}`}>
          {hl.member ?? d.id} · {hl.topic}-{hl.partition}
          {hl.offset === undefined ? '' : ` @ ${hl.offset}`}
        </div>
      )}
      <div className="stats">
        <Stat
          label={t('canvas.stat.lag')}
          title={g?.readCommitted ? t('canvas.stat.lagLsoTitle') : undefined}
          value={g ? g.lag : 0}
          testId={`group-lag-${d.id}`}
        />
        <Stat
          label={t('canvas.stat.processed')}
          value={g?.processed ?? 0}
          testId={`group-processed-${d.id}`}
        />
        <Stat
          label={t('canvas.stat.duplicates')}
          value={g?.duplicates ?? 0}
          alert="warn"
          testId={`group-duplicates-${d.id}`}
        />
        <Stat
          label={t('canvas.stat.lost')}
          value={g?.lost ?? 0}
          alert="danger"
          testId={`group-lost-${d.id}`}
        />
      </div>
      {g && (g.abortedRead > 0 || g.outputDuplicates > 0) && (
        <div className="stats" data-testid={`group-txn-stats-${d.id}`}>
          {g.abortedRead > 0 && (
            <Stat
              label={t('canvas.stat.abortedRead')}
              title={t('canvas.stat.abortedReadTitle')}
              value={g.abortedRead}
              alert="danger"
              testId={`group-aborted-read-${d.id}`}
            />
          )}
          {g.outputDuplicates > 0 && (
            <Stat
              label={t('canvas.stat.outputDuplicates')}
              title={t('canvas.stat.outputDuplicatesTitle')}
              value={g.outputDuplicates}
              alert="warn"
              testId={`group-output-duplicates-${d.id}`}
            />
          )}
        </div>
      )}
      <ul className="members">
        {(g?.members.length ? g.members.map((m) => m.id) : designIds).map((mid, i) => (
          <MemberRow
            key={mid || i}
            id={mid}
            member={g?.members[i]}
            rebalancing={g?.rebalancing ?? false}
            multiTopic={multiTopic}
          />
        ))}
      </ul>
      {d.kind === 'readModel' && <ReadModelTable view={g?.readModel} group={d.id} />}
    </NodeFrame>
  );
});
