/** React Flow node and edge types, at module scope so React Flow never sees a new object (house rule 7). */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { GroupOrConsumerView } from './AmqpConsumerNodeView';
import {
  AggregateNodeView,
  EventStoreNodeView,
  ProjectionNodeView,
  QueryNodeView,
} from './EsNodeViews';
import { ExchangeNodeView } from './ExchangeNodeView';
import { FlowEdge } from './FlowEdge';
import { GroupNodeView } from './GroupNodeView';
import { QueueNodeView } from './QueueNodeView';
import { ProducerNodeView } from './ProducerNodeView';
import { TopicNodeView } from './TopicNodeView';

/** Keys are the design's node kinds ('consumerGroup', not React Flow's own framed 'group'). */
export const nodeTypes = {
  producer: ProducerNodeView,
  topic: TopicNodeView,
  deadLetterTopic: TopicNodeView,
  consumerGroup: GroupOrConsumerView,
  service: GroupOrConsumerView,
  readModel: GroupNodeView,
  exchange: ExchangeNodeView,
  queue: QueueNodeView,
  aggregate: AggregateNodeView,
  eventStore: EventStoreNodeView,
  projection: ProjectionNodeView,
  query: QueryNodeView,
} satisfies NodeTypes;

export const edgeTypes = { flow: FlowEdge } satisfies EdgeTypes;
