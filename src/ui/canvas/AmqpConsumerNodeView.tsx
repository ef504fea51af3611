import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { memberCount, NODE_WIDTH, type GroupData } from '../../diagram';
import { useT } from '../../i18n';
import { showLineage } from '../../store/insightActions';
import type { DiagramNode } from '../../store/designSlice';
import { selectAmqpConsumer, selectAmqpLink, selectColor } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { describeDist } from './describe';
import { GroupNodeView } from './GroupNodeView';
import { NodeFrame } from './NodeFrame';

/** A consumer group or service: Kafka's view, or RabbitMQ's when a Queue feeds it. */
export const GroupOrConsumerView = memo(function GroupOrConsumerView(
  props: NodeProps<DiagramNode>,
) {
  const link = useAppStore(selectAmqpLink(props.id));
  return link && 'queue' in link ? (
    <AmqpConsumerNodeView {...props} queue={link.queue} />
  ) : (
    <GroupNodeView {...props} />
  );
});

/** One consumer (a member): its unacked deliveries against its prefetch window. */
function ConsumerRow({ id, prefetch }: { id: string; prefetch: number }) {
  const t = useT();
  const live = useAppStore(selectAmqpConsumer(id));
  const limit = live?.prefetch ?? prefetch;
  const unacked = live?.unacked ?? null;
  const fill = unacked !== null && limit > 0 ? Math.min(1, unacked / limit) : 0;
  const status = live?.status;
  const last = live?.lastRedelivered ?? null;
  return (
    <li
      className={`member amqp-consumer${status === 'up' ? ' member--running' : status === 'crashed' || status === 'disconnected' ? ' member--crashed' : status === 'connecting' ? ' member--joining' : ''}`}
      data-testid={`consumer-row-${id}`}
      data-status={status ?? ''}
    >
      {status !== undefined && <span className="member__light" aria-hidden />}
      <span className="member__id">{id}</span>
      {status !== undefined && status !== 'up' && (
        <span className="member__status" data-testid={`consumer-status-${id}`}>
          {t('canvas.consumer.status', { status })}
        </span>
      )}
      <span className="amqp-window" aria-hidden>
        <span className="amqp-window__fill" style={{ width: `${fill * 100}%` }} />
      </span>
      <span className="num amqp-window__text" data-testid={`consumer-unacked-${id}`}>
        {unacked === null ? '-' : unacked} / {limit > 0 ? limit : '∞'}
      </span>
      {live !== undefined && live.redelivered > 0 && (
        <button
          type="button"
          className="link amqp-redelivered nodrag"
          title={t('canvas.consumer.redeliveredTitle', { id: last ?? 0 })}
          onClick={() => last !== null && showLineage(last)}
          data-testid={`consumer-redelivered-${id}`}
        >
          {t('canvas.consumer.redelivered', { n: live.redelivered })}
        </button>
      )}
    </li>
  );
}

/** RabbitMQ consumers of one queue: prefetch, acks, failures, and each consumer's window. */
function AmqpConsumerNodeView({ id, data, queue }: NodeProps<DiagramNode> & { queue: string }) {
  const t = useT();
  const d = data as GroupData;
  const color = useAppStore(selectColor(id));
  const count = memberCount(d);
  const ids = Array.isArray(d.members)
    ? d.members.map((m) => String((m as { id?: unknown }).id ?? ''))
    : Array.from({ length: count }, (_, i) => `${d.id}-${i + 1}`);
  const prefetch = typeof d.prefetch === 'number' && d.prefetch > 0 ? d.prefetch : 0;
  const rule = d.kind === 'service' ? d.handlers?.[0] : undefined;
  const sub = (
    <>
      <span className="node__sub" data-testid={`consumer-settings-${d.id}`}>
        {t('canvas.consumer.settings', {
          n: count,
          prefetch: prefetch > 0 ? String(prefetch) : t('canvas.consumer.unlimited'),
          ack: d.autoAck ? 'auto' : 'manual',
        })}
      </span>
      <span className="node__sub">
        {queue} · {t('canvas.processing', { time: describeDist(d.processingMs) })}
      </span>
      {d.failure && (
        <span className="node__sub">
          {t('canvas.consumer.requeue', { requeue: d.failure.requeue === false ? 'no' : 'yes' })}
        </span>
      )}
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
      sub={sub}
      kindLabel={d.kind === 'consumerGroup' ? 'canvas.kind.amqpConsumers' : undefined}
    >
      <p className="amqp-window__title">{t('canvas.consumer.window')}</p>
      <ul className="members">
        {ids.map((mid, i) => (
          <ConsumerRow key={mid || i} id={mid} prefetch={prefetch} />
        ))}
      </ul>
    </NodeFrame>
  );
}
