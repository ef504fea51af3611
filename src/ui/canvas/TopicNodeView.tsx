import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NODE_WIDTH, partitionCount, type TopicData } from '../../diagram';
import { useT } from '../../i18n';
import type { DiagramNode } from '../../store/designSlice';
import { selectColorBy, selectReaders, selectTopicView } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { selectRootTopic, selectRunTopic } from '../../store/runSelectors';
import { TXN_PLAIN } from '../../worker/liveView';
import { formatCount } from '../format';
import { ForkChanges } from './ForkChanges';
import { NodeFrame } from './NodeFrame';
import { TYPE_COLORS } from './palettes';
import { PartitionStrips } from './PartitionStrips';
import { CompactionStrip } from './CompactionStrip';

/** A topic (or dead-letter topic): partition strips, records so far, and who reads it. */
export const TopicNodeView = memo(function TopicNodeView({ id, data }: NodeProps<DiagramNode>) {
  const t = useT();
  const d = data as TopicData;
  const runTopic = useAppStore(selectRunTopic(d.name));
  const rootTopic = useAppStore(selectRootTopic(d.name));
  const readers = useAppStore(selectReaders(id));
  const tv = useAppStore(selectTopicView(d.name));
  const colorBy = useAppStore(selectColorBy);
  // A topic that grows in the run (addPartitions) shows the partitions that exist at the
  // cursor: the added ones appear when they are created, not before.
  const partitions = tv?.livePartitions ?? partitionCount(d);
  const grown = tv?.livePartitions !== undefined && tv.livePartitions > partitionCount(d);
  // Records, not offsets: transaction markers take offsets but are no records.
  const total = tv?.records ?? (tv?.logEndOffsets ?? []).reduce((a, b) => a + b, 0);
  // A topic transactions write to: its newest records hold markers (every transaction ends
  // with one) or an open transaction holds its LSO. Other topics of the run get no legend.
  const txnTopic =
    tv?.lastStable !== undefined &&
    (tv.recentTxn?.some((row) => row.some((st) => st !== TXN_PLAIN)) === true ||
      tv.lastStable.some((lso, p) => lso < (tv.highWatermarks[p] ?? lso)));
  const sub = (
    <span className="node__sub">
      <span data-testid={`topic-partitions-${d.name}`}>
        {t('canvas.topic.partitions', { n: partitions })}
      </span>
      {grown && (
        <span className="node__grown" title={t('canvas.topic.addedTitle')}>
          {t('canvas.topic.added', { n: partitions - partitionCount(d) })}
        </span>
      )}{' '}
      ·{' '}
      <span className="num" data-testid={`topic-records-${d.name}`}>
        {formatCount(total)}
      </span>{' '}
      {t('canvas.topic.records')}
    </span>
  );
  const shownSub = (
    <>
      {sub}
      <ForkChanges root={rootTopic} run={runTopic} testId={`fork-changes-${d.name}`} />
    </>
  );
  return (
    <NodeFrame
      id={id}
      kind={d.kind}
      title={d.name}
      testId={`topic-node-${d.name}`}
      width={NODE_WIDTH.topic}
      sub={shownSub}
    >
      {partitions > 0 && (
        <PartitionStrips topic={d.name} partitions={partitions} readers={readers} />
      )}
      {partitions > 0 && <CompactionStrip topic={d.name} partitions={partitions} />}
      <footer className="legend" aria-label={t('canvas.topic.markers')}>
        {readers.map((r) => (
          <span key={r.group} className="legend__item">
            <i className="legend__swatch" style={{ background: r.color }} />
            {r.group}
          </span>
        ))}
        {colorBy === 'type' &&
          (tv?.eventTypes ?? []).map((type, i) => (
            <span key={type} className="legend__item">
              <i
                className="legend__cell"
                style={{ background: TYPE_COLORS[i % TYPE_COLORS.length] }}
              />
              {type}
            </span>
          ))}
        <span className="legend__item legend__item--help" title={t('canvas.topic.legendHelp')}>
          {t('canvas.topic.legend')}
        </span>
        {txnTopic && (
          <span
            className="legend__item legend__item--help legend__item--txn"
            title={t('canvas.topic.legendTxnHelp')}
            data-testid={`legend-txn-${d.name}`}
          >
            {t('canvas.topic.legendTxn')}
          </span>
        )}
        {tv?.retention && (
          <span
            className="legend__item legend__item--help"
            title={t('canvas.topic.legendRetentionHelp')}
            data-testid={`legend-retention-${d.name}`}
          >
            {t('canvas.topic.legendRetention')}
          </span>
        )}
      </footer>
    </NodeFrame>
  );
});
