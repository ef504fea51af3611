import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NODE_WIDTH, type QueueData } from '../../diagram';
import { useT } from '../../i18n';
import type { DiagramNode } from '../../store/designSlice';
import { selectAmqpQueue } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { NodeFrame } from './NodeFrame';
import { Stat } from './Stat';

/** A queue's limits in RabbitMQ's own words: `x-max-length 1000 · reject-publish`, TTL, limit. */
function queueFacts(d: QueueData): string[] {
  const a = d.arguments ?? {};
  const out: string[] = [];
  const len = a['x-max-length'];
  const bytes = a['x-max-length-bytes'];
  if (len !== undefined || bytes !== undefined) {
    const parts = [
      ...(len !== undefined ? [`x-max-length ${String(len)}`] : []),
      ...(bytes !== undefined ? [`x-max-length-bytes ${String(bytes)}`] : []),
    ];
    out.push(`${parts.join(' · ')} · ${String(a['x-overflow'] ?? 'drop-head')}`);
  }
  if (a['x-message-ttl'] !== undefined) out.push(`x-message-ttl ${String(a['x-message-ttl'])} ms`);
  if (a['x-expires'] !== undefined) out.push(`x-expires ${String(a['x-expires'])} ms`);
  if (a['x-delivery-limit'] !== undefined)
    out.push(`x-delivery-limit ${String(a['x-delivery-limit'])}`);
  return out;
}

/** A RabbitMQ queue: type, limits, dead-letter exchange; Ready / Unacked / consumers live. */
export const QueueNodeView = memo(function QueueNodeView({ id, data }: NodeProps<DiagramNode>) {
  const t = useT();
  const d = data as QueueData;
  const live = useAppStore(selectAmqpQueue(d.name));
  const type = String(d.arguments?.['x-queue-type'] ?? 'classic');
  const dlx = d.arguments?.['x-dead-letter-exchange'];
  const facts = queueFacts(d);
  const badge = (
    <span className="badge badge--amqp" data-testid={`queue-type-${d.name}`}>
      {type}
    </span>
  );
  return (
    <NodeFrame
      id={id}
      kind="queue"
      title={d.name}
      testId={`queue-node-${d.name}`}
      width={NODE_WIDTH.queue}
      badge={badge}
      sub={
        <span className="node__sub">
          {d.durable === false ? t('canvas.exchange.transient') : t('canvas.exchange.durable')}
          {facts.length === 0 ? ` · ${t('canvas.queue.noLimits')}` : ''}
        </span>
      }
    >
      {facts.length > 0 && (
        <ul className="node__facts-list">
          {facts.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
      {typeof dlx === 'string' && dlx !== '' && (
        <p className="node__emit" data-testid={`queue-dlx-${d.name}`}>
          {t('canvas.queue.deadLetter', { exchange: dlx })}
        </p>
      )}
      <div className="stats">
        <Stat
          label={t('canvas.queue.ready')}
          value={live?.ready ?? null}
          testId={`queue-ready-${d.name}`}
        />
        <Stat
          label={t('canvas.queue.unacked')}
          value={live?.unacked ?? null}
          testId={`queue-unacked-${d.name}`}
        />
        <Stat
          label={t('canvas.queue.consumers')}
          value={live?.consumers ?? null}
          testId={`queue-consumers-${d.name}`}
        />
      </div>
    </NodeFrame>
  );
});
