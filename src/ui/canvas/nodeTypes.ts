/** React Flow node types, at module scope so React Flow never sees a new object (house rule 7). */
import type { NodeTypes } from '@xyflow/react';
import { GroupNodeView } from './GroupNodeView';
import { ProducerNodeView } from './ProducerNodeView';
import { TopicNodeView } from './TopicNodeView';

export const nodeTypes = {
  producer: ProducerNodeView,
  topic: TopicNodeView,
  consumerGroup: GroupNodeView,
} satisfies NodeTypes;
