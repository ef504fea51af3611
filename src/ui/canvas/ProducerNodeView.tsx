import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NODE_WIDTH, type ProducerData } from '../../diagram';
import { useRenderMsg, useT } from '../../i18n';
import type { DiagramNode } from '../../store/designSlice';
import { selectAmqpLink, selectProducerView } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { selectRootProducer, selectRunProducer } from '../../store/runSelectors';
import { describeKeys, describeRate } from './describe';
import { ForkChanges } from './ForkChanges';
import { NodeFrame } from './NodeFrame';
import { Stat } from './Stat';

/** Kafka's default `acks` (since 3.0): shown when the producer does not set it. */
const DEFAULT_ACKS = 'all';

/** A producer: what it sends, how fast, with which keys, and how many records so far. */
export const ProducerNodeView = memo(function ProducerNodeView({
  id,
  data,
}: NodeProps<DiagramNode>) {
  const t = useT();
  const render = useRenderMsg();
  const design = data as ProducerData;
  // A fork's canvas shows the fork's settings (its changed scenario), not the design's.
  const runSpec = useAppStore(selectRunProducer(design.id));
  const rootSpec = useAppStore(selectRootProducer(design.id));
  const d: ProducerData = runSpec ? { ...design, ...runSpec, kind: 'producer' } : design;
  const live = useAppStore(selectProducerView(d.id));
  const keys = render(describeKeys(d.keys, d.sendKey));
  const link = useAppStore(selectAmqpLink(id));
  const exchange = link && 'exchange' in link ? link.exchange : null;
  const rk = d.routingKey;
  const routingKey = typeof rk === 'object' && rk !== null ? rk.keys.join(' | ') : (rk ?? '');
  const flags = [
    d.mandatory ? 'mandatory' : '',
    d.persistent === false ? 'transient' : 'persistent',
    d.confirm ? 'confirm' : '',
  ].filter(Boolean);
  const facts =
    exchange === null ? (
      <>
        <dt>{t('canvas.producer.keys')}</dt>
        <dd title={keys}>{keys}</dd>
        <dt>{t('canvas.producer.acks')}</dt>
        <dd>{d.config?.acks ?? DEFAULT_ACKS}</dd>
      </>
    ) : (
      <>
        <dt>{t('canvas.publisher.routingKey')}</dt>
        <dd title={routingKey} className="mono" data-testid={`publisher-routing-key-${d.id}`}>
          {routingKey || t('canvas.binding.emptyKey')}
        </dd>
        <dt>{t('canvas.publisher.flags')}</dt>
        <dd>{flags.join(' · ') || t('canvas.publisher.noFlags')}</dd>
      </>
    );
  return (
    <NodeFrame
      id={id}
      kind="producer"
      title={d.id}
      testId={`producer-node-${d.id}`}
      width={NODE_WIDTH.producer}
    >
      <dl className="node__facts">
        <dt>{t('canvas.producer.event')}</dt>
        <dd>{d.eventType || '?'}</dd>
        <dt>{t('canvas.producer.rate')}</dt>
        <dd>{render(describeRate(d.rate))}</dd>
        {facts}
      </dl>
      <ForkChanges root={rootSpec} run={runSpec} testId={`fork-changes-${d.id}`} />
      <div className="stats stats--single">
        <Stat
          label={exchange === null ? t('canvas.stat.produced') : t('canvas.stat.published')}
          value={live?.sent ?? 0}
          testId={`producer-sent-${d.id}`}
        />
      </div>
    </NodeFrame>
  );
});
