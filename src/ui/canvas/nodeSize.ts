/**
 * Node dimensions shared by the layout and the node components. Heights are estimates from the
 * content (rows × row height); the layout only needs them to stack nodes without overlap.
 */
import type { DiagramNodeData } from './diagram';

export const NODE_WIDTH = { producer: 184, topic: 248, group: 252 } as const;

const TOPIC_HEADER = 58;
const PARTITION_ROW = 22;
const GROUP_HEADER = 58;
const GROUP_STATS = 50;
const MEMBER_ROW = 26;
/** Members of a multi-topic group list their partitions per topic, on a second line. */
const MEMBER_ROW_MULTI = 46;
const EMIT_ROW = 16;
const LEGEND = 26;
const PADDING = 16;

export function nodeSize(data: DiagramNodeData): { width: number; height: number } {
  switch (data.kind) {
    case 'producer':
      return { width: NODE_WIDTH.producer, height: 122 };
    case 'topic':
      return {
        width: NODE_WIDTH.topic,
        height: TOPIC_HEADER + data.partitions * PARTITION_ROW + (data.readers.length > 0 ? LEGEND : 0) + PADDING,
      };
    case 'group': {
      const row = data.topics.length > 1 ? MEMBER_ROW_MULTI : MEMBER_ROW;
      const emits = data.emits.length * EMIT_ROW;
      return { width: NODE_WIDTH.group, height: GROUP_HEADER + emits + GROUP_STATS + data.members.length * row + PADDING };
    }
  }
}
