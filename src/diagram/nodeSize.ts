/**
 * Node dimensions shared by the layout, the SVG export and the node components. Heights are
 * estimates from the content; the canvas lays out again with measured sizes once it has them.
 *
 * A node also grows while a run plays: the canvas measures it when a design opens, before the
 * run, so the layout adds what it may come to show (`NodeGrowth`, `growthHeight`): a group's
 * second row of transaction counters, member rows whose partition chips wrap once a member holds
 * more partitions, a topic's transaction-marker legend line and the partitions added to it.
 */
import { isGroupData, isTopicData, type DesignEdge, type DesignNode, type NodeData } from './types';

export const NODE_WIDTH = {
  producer: 196,
  topic: 264,
  group: 256,
  exchange: 208,
  queue: 232,
  aggregate: 248,
  eventStore: 288,
  projection: 256,
  query: 224,
} as const;

/** Above this many partitions a topic draws one thin compact row per partition. */
export const COMPACT_PARTITIONS = 16;
export const PARTITION_ROW = 20;
export const COMPACT_ROW = 5;

export function nodeWidth(d: NodeData): number {
  if (d.kind === 'producer') return NODE_WIDTH.producer;
  if (
    d.kind === 'exchange' ||
    d.kind === 'queue' ||
    d.kind === 'aggregate' ||
    d.kind === 'eventStore' ||
    d.kind === 'projection' ||
    d.kind === 'query'
  )
    return NODE_WIDTH[d.kind];
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

/** What a node may show during a run beyond what it shows before the run starts. */
export interface NodeGrowth {
  /** A group: its second row of counters (read aborted, outputs twice: GroupNodeView). */
  txnStats?: boolean;
  /** A topic transactions write to: the transaction markers' legend (its own line). */
  txnTopic?: boolean;
  /** A topic: partitions added during the run (one strip row each). */
  addedPartitions?: number;
  /**
   * A group: per topic it reads, the most partitions one member holds (its chips), of the
   * topic's `of` (default: `partitions`, all of them).
   */
  memberPartitions?: readonly { topic: string; partitions: number; of?: number }[];
}

/** The second row of counters: a stat box with a two-line label ("read / aborted"), its gap. */
export const TXN_STATS_ROW = 56;
/** The transaction legend's line under the strips (it wraps below the readers' legend). */
export const TXN_LEGEND_LINE = 18;
/** One more line of partition chips in a member row (16px chips, the row's 3px gap, rounding). */
export const MEMBER_LINE = 22;
/** A member row with partition chips is taller than one saying "no partitions" (16px chips). */
export const CHIP_ROW = 5;

/*
 * A member row's width (nodes.css: .member, .member__*, .chip), as upper bounds per character:
 * the node's inner width less the row's padding; the status light and the gaps; the member id
 * (12px, semibold); its longest status word ("rebalancing", 11px DejaVu Sans, the widest UI font); a chip (10.5px monospace,
 * 5px padding each side) and its topic name (multi-topic rows: 10.5px sans, 4px gap).
 */
const MEMBER_WIDTH = NODE_WIDTH.group - 24 - 2 - 4;
const MEMBER_FIXED = 8 + 3 * 6;
const ID_CHAR = 7.4;
const STATUS_WIDTH = 74;
const CHIP_CHAR = 6.4;
const CHIP_CHROME = 10;
const TOPIC_CHAR = 6.2;
/** Multi-topic rows put the chips on a line of their own, indented 14px. */
const MULTI_WIDTH = MEMBER_WIDTH - 14;

/** Characters of "P<a> … P<b>" for the `n` highest-numbered of `total` partitions. */
function chipChars(n: number, total: number): number {
  let chars = 0;
  for (let p = Math.max(0, total - n); p < total; p++) chars += 2 + String(p).length;
  return chars - 1;
}

/**
 * Extra lines a member row takes when one member holds these partitions. A chip never wraps
 * inside (a wide one runs past the node's edge, as the canvas draws it): a row's chips move to
 * a line of their own when the row is too narrow for them, a multi-topic row's chips fill lines.
 */
function memberLines(
  id: string,
  held: readonly { topic: string; partitions: number; of: number }[],
): number {
  const shown = held.filter((h) => h.partitions > 0);
  if (shown.length === 0) return 0;
  if (shown.length === 1) {
    const h = shown[0]!;
    const chip = CHIP_CHROME + chipChars(h.partitions, h.of) * CHIP_CHAR;
    const row = MEMBER_FIXED + [...id].length * ID_CHAR + STATUS_WIDTH + chip;
    return row <= MEMBER_WIDTH ? 0 : 1;
  }
  // Several topics: one chip each (its topic name, then its partitions), packed into lines.
  let lines = 1;
  let used = 0;
  for (const h of shown) {
    const chip =
      CHIP_CHROME +
      [...h.topic].length * TOPIC_CHAR +
      4 +
      chipChars(h.partitions, h.of) * CHIP_CHAR;
    const w = Math.min(chip, MULTI_WIDTH);
    if (used > 0 && used + 3 + w > MULTI_WIDTH) {
      lines++;
      used = 0;
    }
    used += (used > 0 ? 3 : 0) + w;
  }
  return lines;
}

/** The member ids a group's node lists (its explicit members, or "<group>-1", "<group>-2"…). */
export function memberIds(d: NodeData): string[] {
  if (!isGroupData(d)) return [];
  const m = d.members as unknown;
  if (Array.isArray(m))
    return m.slice(0, 200).map((x: unknown) => String((x as { id?: unknown } | null)?.id ?? ''));
  return Array.from({ length: memberCount(d) }, (_, i) => `${d.id}-${i + 1}`);
}

/** How much taller than at its start a node may grow during a run. */
export function growthHeight(d: NodeData, g: NodeGrowth | undefined): number {
  if (!g) return 0;
  if (isTopicData(d)) {
    const added = Math.max(0, Math.min(10_000, g.addedPartitions ?? 0));
    const p = partitionCount(d);
    const rows =
      p + added > COMPACT_PARTITIONS
        ? Math.max(
            0,
            (p + added) * COMPACT_ROW +
              20 -
              (p > COMPACT_PARTITIONS ? p * COMPACT_ROW + 20 : p * PARTITION_ROW),
          )
        : added * PARTITION_ROW;
    return rows + (g.txnTopic ? TXN_LEGEND_LINE : 0);
  }
  if (!isGroupData(d)) return 0;
  const held = (g.memberPartitions ?? []).map((h) => ({
    topic: h.topic,
    partitions: Math.max(0, Math.min(10_000, h.partitions)),
    of: Math.max(0, Math.min(10_000, h.of ?? h.partitions)),
  }));
  const ids = memberIds(d);
  let lines = 0;
  for (const id of ids) lines += memberLines(id, held);
  const chips = held.some((h) => h.partitions > 0) ? ids.length * CHIP_ROW : 0;
  return (g.txnStats ? TXN_STATS_ROW : 0) + lines * MEMBER_LINE + chips;
}

/**
 * What each node of a design may come to show in a run, from the design alone (no run): the
 * worst case, so the layout leaves room for it.
 * - A group reading a topic that a transactional service writes, or (in a design with any
 *   transactional service) a topic any service writes: its transaction counters (records of
 *   aborted transactions read, outputs processed twice).
 * - A topic a transactional service writes: the markers legend.
 * - A topic with `addPartitions` faults: the partitions they add.
 * - A group: with one member gone (crashed, paused or not started), the others share every
 *   partition of every topic it reads, the added ones too; a lone member holds them all.
 */
export function designGrowth(design: {
  nodes: readonly DesignNode[];
  edges: readonly Pick<DesignEdge, 'source' | 'target'>[];
  settings?: { faults?: readonly unknown[] };
}): Map<string, NodeGrowth> {
  const byId = new Map(design.nodes.map((n) => [n.id, n.data]));
  const topicOf = (id: string) => {
    const d = byId.get(id);
    return d && isTopicData(d) ? d : undefined;
  };
  const transactional = (d: NodeData | undefined) =>
    d !== undefined && isGroupData(d) && typeof d.config?.['transactional.id'] === 'string';
  const anyTxn = design.nodes.some((n) => transactional(n.data));
  const writtenByService = new Set<string>();
  const writtenByTxn = new Set<string>();
  for (const e of design.edges) {
    const s = byId.get(e.source);
    if (!s || !isGroupData(s) || !topicOf(e.target)) continue;
    writtenByService.add(e.target);
    if (transactional(s)) writtenByTxn.add(e.target);
  }
  // addPartitions: the largest count each topic (by name) grows to.
  const grownTo = new Map<string, number>();
  for (const f of design.settings?.faults ?? []) {
    const o = f as { kind?: unknown; topic?: unknown; partitions?: unknown };
    if (o.kind !== 'addPartitions' || typeof o.topic !== 'string') continue;
    const n = Number(o.partitions);
    if (Number.isInteger(n) && n > 0)
      grownTo.set(o.topic, Math.min(10_000, Math.max(grownTo.get(o.topic) ?? 0, n)));
  }
  const total = (id: string): number => {
    const t = topicOf(id)!;
    return Math.max(partitionCount(t), grownTo.get(t.name) ?? 0);
  };
  const out = new Map<string, NodeGrowth>();
  for (const n of design.nodes) {
    const d = n.data;
    if (isTopicData(d)) {
      const added = Math.max(0, total(n.id) - partitionCount(d));
      const txnTopic = writtenByTxn.has(n.id);
      if (added > 0 || txnTopic)
        out.set(n.id, {
          ...(added > 0 ? { addedPartitions: added } : {}),
          ...(txnTopic ? { txnTopic } : {}),
        });
      continue;
    }
    if (!isGroupData(d)) continue;
    const reads = design.edges.filter((e) => e.target === n.id && topicOf(e.source));
    if (reads.length === 0) continue;
    const txnStats = reads.some(
      (e) => writtenByTxn.has(e.source) || (anyTxn && writtenByService.has(e.source)),
    );
    // The partitions the others share when one member is gone (crashed, paused, not started).
    const peers = Math.max(1, memberCount(d) - 1);
    const seen = new Set<string>();
    const memberPartitions: { topic: string; partitions: number; of: number }[] = [];
    for (const e of reads) {
      if (seen.has(e.source)) continue;
      seen.add(e.source);
      const of = total(e.source);
      memberPartitions.push({
        topic: topicOf(e.source)!.name,
        partitions: Math.ceil(of / peers),
        of,
      });
    }
    out.set(n.id, { memberPartitions, ...(txnStats ? { txnStats } : {}) });
  }
  return out;
}

/** The node's estimated size, with room for what it may show during a run (`growth`). */
export function nodeSize(d: NodeData, growth?: NodeGrowth): { width: number; height: number } {
  const base = baseSize(d);
  return { width: base.width, height: base.height + growthHeight(d, growth) };
}

function baseSize(d: NodeData): { width: number; height: number } {
  const width = nodeWidth(d);
  if (d.kind === 'producer') return { width, height: 150 };
  if (d.kind === 'exchange') return { width, height: 130 };
  // The event store's nodes have a fixed number of rows (esView.ts bounds the lists), so their
  // size does not change in a run: these are upper bounds of what they show.
  if (d.kind === 'aggregate') return { width, height: 230 };
  if (d.kind === 'eventStore') return { width, height: 380 };
  if (d.kind === 'projection') return { width, height: 330 };
  if (d.kind === 'query') return { width, height: 150 };
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
