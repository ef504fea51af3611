/** Per node kind: what the palette calls it, what it is for, and the data a new one starts with. */
import type { NodeData, NodeKind } from './types';

export interface KindInfo {
  kind: NodeKind;
  label: string;
  /** One line for the palette's tooltip. */
  hint: string;
  /** Base for new names ("orders", "orders-2"…). */
  baseName: string;
}

export const KINDS: readonly KindInfo[] = [
  {
    kind: 'producer',
    label: 'Producer',
    hint: 'Sends records to one topic at a rate, with keys.',
    baseName: 'producer',
  },
  { kind: 'topic', label: 'Topic', hint: 'A partitioned, append-only log.', baseName: 'topic' },
  {
    kind: 'consumerGroup',
    label: 'Consumer group',
    hint: 'Members share the partitions of the topics it reads.',
    baseName: 'group',
  },
  {
    kind: 'service',
    label: 'Service',
    hint: 'Consumes, handles each record, emits events to topics.',
    baseName: 'service',
  },
  {
    kind: 'deadLetterTopic',
    label: 'Dead-letter topic',
    hint: 'Where a service puts records it failed to handle.',
    baseName: 'dlq',
  },
  {
    kind: 'readModel',
    label: 'Read model',
    hint: 'A projection: folds events into a table by key.',
    baseName: 'read-model',
  },
  {
    kind: 'exchange',
    label: 'Exchange',
    hint: 'RabbitMQ: routes each message to the queues (and exchanges) bound to it.',
    baseName: 'exchange',
  },
  {
    kind: 'queue',
    label: 'Queue',
    hint: 'RabbitMQ: holds messages until a consumer acknowledges them.',
    baseName: 'queue',
  },
  {
    kind: 'aggregate',
    label: 'Aggregate',
    hint: 'A command handler: decides events by rules and appends them at the version it read.',
    baseName: 'account',
  },
  {
    kind: 'eventStore',
    label: 'Event store',
    hint: 'EventStoreDB: streams numbered from 0, and $all in commit order.',
    baseName: 'eventstore',
  },
  {
    kind: 'projection',
    label: 'Projection',
    hint: 'Folds the events of a category or of $all into a read model.',
    baseName: 'balances',
  },
  {
    kind: 'query',
    label: 'Query',
    hint: 'Reads a read model; a read behind the last command is stale.',
    baseName: 'balance-query',
  },
];

export function kindInfo(kind: NodeKind): KindInfo {
  return KINDS.find((k) => k.kind === kind)!;
}

/** Data for a new node. Settings left out take Kafka's defaults in the engine. */
export function defaultData(kind: NodeKind, name: string): NodeData {
  switch (kind) {
    case 'producer':
      return {
        kind,
        id: name,
        eventType: 'OrderCreated',
        rate: { kind: 'poisson', perSec: 100 },
        keys: { kind: 'uniform', count: 100, prefix: 'order-' },
        keyField: 'orderId',
      };
    case 'topic':
      return { kind, name, partitions: 3 };
    case 'deadLetterTopic':
      return { kind, name, partitions: 1 };
    case 'consumerGroup':
      return {
        kind,
        id: name,
        members: 2,
        commit: 'after-processing',
        processingMs: { kind: 'uniform', minMs: 1, maxMs: 4 },
      };
    case 'service':
      return {
        kind,
        id: name,
        members: 2,
        commit: 'after-processing',
        processingMs: { kind: 'uniform', minMs: 2, maxMs: 6 },
        handlers: [{ on: 'OrderCreated', emit: [{ type: 'OrderHandled' }] }],
      };
    case 'readModel':
      return { kind, id: name, members: 1, commit: 'after-processing', processingMs: 1 };
    case 'exchange':
      return { kind, name, type: 'topic', durable: true };
    case 'queue':
      return { kind, name, durable: true };
    // An aggregate id is a stream category: no '-' (EventStoreDB's category separator).
    case 'aggregate':
      return {
        kind,
        id: name.replace(/[^A-Za-z0-9_.]/g, '_'),
        commands: {
          rate: { kind: 'poisson', perSec: 20 },
          keys: { kind: 'uniform', count: 5, prefix: 'acc' },
        },
        handlers: 2,
        processingMs: { kind: 'uniform', minMs: 5, maxMs: 20 },
        rules: [
          { command: 'Open', event: 'AccountOpened', whenStatus: null, setStatus: 'open' },
          { command: 'Deposit', event: 'MoneyDeposited', whenStatus: 'open', amount: 10 },
        ],
      };
    case 'eventStore':
      return { kind };
    case 'projection':
      return { kind, id: name, mode: 'async', projectionKind: 'counter', checkpointEvery: 10 };
    case 'query':
      return { kind, id: name, rate: { kind: 'poisson', perSec: 5 } };
  }
}
