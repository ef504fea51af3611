/**
 * The design: what the editor draws. Nodes carry the engine's own spec fields (Kafka names) for
 * their entity, minus the references that edges express (a producer's topic, a group's topics,
 * a service's emit and dead-letter topics). Positions are UI state: saved with the design,
 * never given to the engine. Pure types: no React, no React Flow.
 */
import type { Msg } from '../i18n/types';
import type {
  AmqpConsumerSpec,
  AmqpExchangeSpec,
  AmqpProfile,
  AmqpPublisherSpec,
  AmqpQueueSpec,
  AmqpTable,
  EsAggregateSpec,
  EsFaultSpec,
  EsProjectionSpec,
  EsQuerySpec,
  FailureSpec,
  GroupSpec,
  ProducerSpec,
  Scenario,
  TopicSpec,
} from '../engine';

export type NodeKind =
  | 'producer'
  | 'topic'
  | 'deadLetterTopic'
  | 'consumerGroup'
  | 'service'
  | 'readModel'
  | 'exchange'
  | 'queue'
  | 'aggregate'
  | 'eventStore'
  | 'projection'
  | 'query';
/** The event store's kinds (EventStoreDB; the scenario's `eventStore` section). */
export type EsKind = 'aggregate' | 'eventStore' | 'projection' | 'query';
export type TopicKind = 'topic' | 'deadLetterTopic';
export type GroupKind = 'consumerGroup' | 'service' | 'readModel';

export interface XY {
  x: number;
  y: number;
}

/**
 * What only a RabbitMQ publisher has (a producer connected to an Exchange): RabbitMQ's names.
 * A producer connected to a Topic ignores them; one connected to an Exchange ignores Kafka's.
 */
export type PublisherFields = Partial<
  Pick<
    AmqpPublisherSpec,
    'routingKey' | 'headers' | 'mandatory' | 'persistent' | 'confirm' | 'expiration' | 'bodyBytes'
  >
>;

export type ProducerData = { kind: 'producer' } & Omit<ProducerSpec, 'topic'> & PublisherFields;

export type TopicData = { kind: TopicKind } & Omit<TopicSpec, never>;

/** A RabbitMQ exchange, as declared (type, durable, internal, alternate-exchange argument). */
export type ExchangeData = { kind: 'exchange' } & Omit<AmqpExchangeSpec, never>;
/** A RabbitMQ queue, as declared: its type and limits are `x-` arguments, as in RabbitMQ. */
export type QueueData = { kind: 'queue' } & Omit<AmqpQueueSpec, never>;

/**
 * An emitted event. Without `topic`/`exchange` it goes to every topic and exchange the service
 * is connected to; `routingKey` (a template like `{severity}.{component}`) is for exchanges.
 */
export type DesignEmit = {
  type: string;
  topic?: string;
  exchange?: string;
  routingKey?: string;
  probability?: number;
  key?: 'same' | 'none';
};
export type DesignHandler = { on: string; emit: DesignEmit[] };

export type GroupData = { kind: GroupKind } & Omit<
  GroupSpec,
  'id' | 'topics' | 'handlers' | 'failure' | 'readModel'
> & {
    id: string;
    handlers?: DesignHandler[];
    /** The dead-letter topic is the service's edge to a Dead-letter topic node. `requeue` is
     *  RabbitMQ's (a consumer of a Queue nacks a failed delivery with requeue or without). */
    failure?: Omit<FailureSpec, 'deadLetterTopic'> & { requeue?: boolean };
  } & Partial<Pick<AmqpConsumerSpec, 'prefetch' | 'autoAck' | 'ackEvery' | 'ackFlushMs'>>;

/** An aggregate's own command client: a rate and keys (streams `<id>-<key>`), Kafka's producer model. */
export type EsClientCommands = Exclude<EsAggregateSpec['commands'], { topic: string }>;

/**
 * A command handler (an aggregate in the Decider shape): its rules, handlers, snapshots, event
 * version and upcaster. Its commands: the records of the Kafka topic connected to it (an edge
 * topic → aggregate), else its own client (`commands`: rate and keys). Its id is the stream
 * category. Its edge to the Event store node is where it appends.
 */
export type AggregateData = { kind: 'aggregate' } & Omit<EsAggregateSpec, 'commands'> & {
    commands?: EsClientCommands;
  };
/** The event store itself (one per design): its streams and `$all`. */
export type EventStoreData = { kind: 'eventStore' };
/** A projection to a read model; what it reads (`from`) is its edge: an aggregate's category,
 *  or the Event store node (`$all`). The scenario's `kind` (counter / idempotent) is
 *  `projectionKind` here: `kind` is the node's. */
export type ProjectionData = { kind: 'projection' } & Omit<EsProjectionSpec, 'from' | 'kind'> & {
    projectionKind: EsProjectionSpec['kind'];
  };
/** A query on a read model: the projection is its edge projection → query. */
export type QueryData = { kind: 'query' } & Omit<EsQuerySpec, 'projection'>;

export type NodeData =
  | ProducerData
  | TopicData
  | GroupData
  | ExchangeData
  | QueueData
  | AggregateData
  | EventStoreData
  | ProjectionData
  | QueryData;

/** The part of a React Flow node the design model needs (React Flow's nodes satisfy it). */
export interface DesignNode<D extends NodeData = NodeData> {
  id: string;
  position: XY;
  data: D;
}

/** A binding's own settings (an edge from an Exchange to a Queue or an Exchange). */
export type BindingData = {
  /** The binding key (topic exchanges: words with `*` and `#`); ignored by fanout and headers. */
  routingKey?: string;
  /** Headers exchanges: `x-match` and the header values to match. */
  arguments?: AmqpTable;
};

export interface DesignEdge {
  id: string;
  source: string;
  target: string;
  /** Bindings only. */
  data?: BindingData;
}

/**
 * Everything in a Scenario that is not an entity on the canvas (name, seed, duration, faults…).
 * RabbitMQ's `profile` is the one broker-wide setting of the `amqp` section.
 */
export type DesignSettings = Omit<
  Scenario,
  'topics' | 'producers' | 'groups' | 'amqp' | 'eventStore'
> & {
  amqpProfile?: AmqpProfile;
  /** The event store's faults (projectionCrash, rebuild, deploy), as the scenario lists them. */
  eventStoreFaults?: EsFaultSpec[];
};

export interface Design {
  settings: DesignSettings;
  nodes: readonly DesignNode[];
  edges: readonly DesignEdge[];
}

/** A problem found in the design, pinned to a node (and a field of it) when it has one. */
export interface Issue {
  nodeId: string | null;
  edgeId?: string;
  /** Path of the field inside the node's data, segments joined by "/": "config/max.poll.records". */
  field?: string;
  /** In English (tests, logs). */
  message: string;
  /** The same, as a message for the UI's language (compile sets it on every issue it makes). */
  text?: Msg;
}

export const isTopicKind = (k: NodeKind): k is TopicKind =>
  k === 'topic' || k === 'deadLetterTopic';
export const isGroupKind = (k: NodeKind): k is GroupKind =>
  k === 'consumerGroup' || k === 'service' || k === 'readModel';

export function isTopicData(d: NodeData): d is TopicData {
  return isTopicKind(d.kind);
}
export function isGroupData(d: NodeData): d is GroupData {
  return isGroupKind(d.kind);
}
export const isAmqpKind = (k: NodeKind): k is 'exchange' | 'queue' =>
  k === 'exchange' || k === 'queue';
export const isEsKind = (k: NodeKind): k is EsKind =>
  k === 'aggregate' || k === 'eventStore' || k === 'projection' || k === 'query';

export type EsData = AggregateData | EventStoreData | ProjectionData | QueryData;
export function isEsData(d: NodeData): d is EsData {
  return isEsKind(d.kind);
}

/** What the event store node is called where a name is needed (EventStoreDB's global stream). */
export const EVENT_STORE_NAME = '$all';

/**
 * The entity's name: a topic's, exchange's or queue's name, a producer's, group's, aggregate's,
 * projection's or query's id; the event store's is `$all`.
 */
export function entityName(d: NodeData): string {
  if (d.kind === 'eventStore') return EVENT_STORE_NAME;
  return isTopicData(d) || d.kind === 'exchange' || d.kind === 'queue' ? d.name : d.id;
}
