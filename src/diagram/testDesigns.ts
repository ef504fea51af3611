/** Small designs for the tests (not shipped: only *.test.ts import it). */
import { defaultData } from './kinds';
import type { AmqpTable } from '../engine';
import type { Design, DesignEdge, DesignNode, NodeData, NodeKind } from './types';

export function node(id: string, kind: NodeKind, patch: Record<string, unknown> = {}): DesignNode {
  return { id, position: { x: 0, y: 0 }, data: { ...defaultData(kind, id), ...patch } as NodeData };
}

export function edge(source: string, target: string): DesignEdge {
  return { id: `${source}->${target}`, source, target };
}

/** producer → topic (3 partitions) → group with two members: the editor's first e2e, as data. */
export function pipeline(): Design {
  return {
    settings: { version: 1, name: 'pipeline', faults: [] },
    nodes: [node('shop', 'producer'), node('orders', 'topic'), node('billing', 'consumerGroup')],
    edges: [edge('shop', 'orders'), edge('orders', 'billing')],
  };
}

/**
 * The seed's topic-routing example (RabbitMQ tutorial 5): a producer publishing to the topic
 * exchange `logs_topic` with routing keys `{severity}.{component}`; queue `errors` bound with
 * `*.error`, queue `kernel` bound with `kern.*`, each consumed by a group.
 */
export function logsTopic(): Design {
  return {
    settings: { version: 1, name: 'logs_topic', faults: [] },
    nodes: [
      node('logger', 'producer', {
        eventType: 'LogLine',
        routingKey: '{severity}.{component}',
        keys: { kind: 'null' },
        keyField: undefined,
        payload: { severity: 'error', component: 'kern' },
      }),
      node('logs_topic', 'exchange', { type: 'topic' }),
      node('errors', 'queue'),
      node('kernel', 'queue'),
      node('error-alerts', 'consumerGroup', { prefetch: 10, commit: undefined }),
      node('kernel-log', 'consumerGroup', { prefetch: 10, commit: undefined }),
    ],
    edges: [
      edge('logger', 'logs_topic'),
      binding('logs_topic', 'errors', '*.error'),
      binding('logs_topic', 'kernel', 'kern.*'),
      edge('errors', 'error-alerts'),
      edge('kernel', 'kernel-log'),
    ],
  };
}

export function binding(
  source: string,
  target: string,
  routingKey: string,
  args?: AmqpTable,
): DesignEdge {
  return { ...edge(source, target), data: args ? { routingKey, arguments: args } : { routingKey } };
}
