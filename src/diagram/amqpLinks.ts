/**
 * Which producers are RabbitMQ publishers and which groups are RabbitMQ consumers: by node id,
 * the exchange a producer publishes to or the queue a group consumes. The canvas and the forms
 * read it to show RabbitMQ's fields instead of Kafka's. Pure.
 */
import { edgeMeaning } from './edges';
import { entityName, type BindingData, type Design, type NodeData } from './types';

export type AmqpLinks = Record<string, { exchange: string } | { queue: string }>;

export function amqpLinks(design: Pick<Design, 'nodes' | 'edges'>): AmqpLinks {
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const out: AmqpLinks = Object.create(null);
  for (const e of design.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    if (s.data.kind === 'producer' && t.data.kind === 'exchange' && !(e.source in out))
      out[e.source] = { exchange: entityName(t.data) };
    if (s.data.kind === 'queue' && edgeMeaning('queue', t.data.kind).ok && !(e.target in out))
      out[e.target] = { queue: entityName(s.data) };
  }
  return out;
}

/**
 * A new binding's key: the queue's name for a direct exchange (RabbitMQ's usual convention),
 * `#` (everything) for a topic exchange, none for fanout and headers (they ignore it).
 */
export function bindingDefaults(source: NodeData, target: NodeData): BindingData | undefined {
  if (source.kind !== 'exchange' || (target.kind !== 'queue' && target.kind !== 'exchange'))
    return undefined;
  if (source.type === 'direct') return { routingKey: entityName(target) };
  if (source.type === 'topic') return { routingKey: '#' };
  if (source.type === 'headers') return { routingKey: '', arguments: { 'x-match': 'all' } };
  return { routingKey: '' };
}

/** A binding's label on the canvas: its key, or a headers exchange's arguments. */
export function bindingLabel(
  exchangeType: string | undefined,
  d: BindingData | undefined,
): string | null {
  if (exchangeType === 'fanout') return null;
  if (exchangeType === 'headers') {
    const args = Object.entries(d?.arguments ?? {});
    return args
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' · ');
  }
  return d?.routingKey ?? '';
}
