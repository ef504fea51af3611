/**
 * Node dimensions shared by the layout, the SVG export and the node components. Heights are
 * estimates from the content; the canvas lays out again with measured sizes once it has them.
 */
import { isTopicData, type NodeData } from './types';

export const NODE_WIDTH = {
  producer: 196,
  topic: 264,
  group: 256,
  exchange: 208,
  queue: 232,
} as const;

/** Above this many partitions a topic draws one thin compact row per partition. */
export const COMPACT_PARTITIONS = 16;
export const PARTITION_ROW = 20;
export const COMPACT_ROW = 5;

export function nodeWidth(d: NodeData): number {
  if (d.kind === 'producer') return NODE_WIDTH.producer;
  if (d.kind === 'exchange' || d.kind === 'queue') return NODE_WIDTH[d.kind];
  return isTopicData(d) ? NODE_WIDTH.topic : NODE_WIDTH.group;
}

export function partitionCount(d: NodeData): number {
  if (!isTopicData(d)) return 0;
  const p = Number(d.partitions);
  return Number.isInteger(p) && p > 0 ? Math.min(p, 10_000) : 0;
}

export function memberCount(d: NodeData): number {
  if (!('members' in d)) return 0;
  const m = d.members as unknown;
  if (Array.isArray(m)) return m.length;
  return typeof m === 'number' && Number.isInteger(m) && m > 0 ? Math.min(m, 200) : 0;
}

export function nodeSize(d: NodeData): { width: number; height: number } {
  const width = nodeWidth(d);
  if (d.kind === 'producer') return { width, height: 150 };
  if (d.kind === 'exchange') return { width, height: 130 };
  if (d.kind === 'queue') {
    const limits = Object.keys(d.arguments ?? {}).filter((k) => k !== 'x-queue-type').length;
    return { width, height: 140 + limits * 16 };
  }
  if (isTopicData(d)) {
    const p = partitionCount(d);
    const rows = p > COMPACT_PARTITIONS ? p * COMPACT_ROW + 20 : p * PARTITION_ROW;
    // A compacted topic also draws its whole log per partition (CompactionStrip).
    const compacted = (d['cleanup.policy'] ?? 'delete').includes('compact') ? 34 + p * 14 : 0;
    return { width, height: 70 + rows + 30 + compacted };
  }
  const members = memberCount(d);
  const readModel = d.kind === 'readModel' ? 150 : 0;
  const emits = d.kind === 'service' ? 18 : 0;
  // Generous: a running group grows (wrapped settings line, member states, "no partitions").
  return { width, height: 150 + emits + members * 30 + readModel };
}
