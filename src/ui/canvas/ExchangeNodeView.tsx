import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NODE_WIDTH, type ExchangeData } from '../../diagram';
import { useT } from '../../i18n';
import type { DiagramNode } from '../../store/designSlice';
import { selectAmqpExchange } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { NodeFrame } from './NodeFrame';
import { Stat } from './Stat';

/** A RabbitMQ exchange: its type, flags and alternate exchange; messages routed and unroutable. */
export const ExchangeNodeView = memo(function ExchangeNodeView({
  id,
  data,
}: NodeProps<DiagramNode>) {
  const t = useT();
  const d = data as ExchangeData;
  const live = useAppStore(selectAmqpExchange(d.name));
  const alternate = d.arguments?.['alternate-exchange'];
  const badge = (
    <span className="badge badge--amqp" data-testid={`exchange-type-${d.name}`}>
      {d.type}
    </span>
  );
  const flags = [
    d.durable === false ? t('canvas.exchange.transient') : t('canvas.exchange.durable'),
    ...(d.internal ? [t('canvas.exchange.internal')] : []),
  ].join(' · ');
  return (
    <NodeFrame
      id={id}
      kind="exchange"
      title={d.name}
      testId={`exchange-node-${d.name}`}
      width={NODE_WIDTH.exchange}
      badge={badge}
      sub={<span className="node__sub">{flags}</span>}
    >
      {typeof alternate === 'string' && alternate !== '' && (
        <p className="node__emit">{t('canvas.exchange.alternate', { exchange: alternate })}</p>
      )}
      <div className="stats stats--two">
        <Stat
          label={t('canvas.exchange.routed')}
          value={live?.routed ?? null}
          testId={`exchange-routed-${d.name}`}
        />
        <Stat
          label={t('canvas.exchange.unroutable')}
          value={live?.unroutable ?? null}
          alert="danger"
          testId={`exchange-unroutable-${d.name}`}
        />
      </div>
    </NodeFrame>
  );
});
