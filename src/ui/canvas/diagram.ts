/**
 * Scenario → diagram: the React Flow nodes and edges that draw a scenario, laid out left to
 * right. Producers feed topics, topics feed consumer groups, and services (groups with
 * handlers) feed the topics they emit to, plus their dead-letter topic. Static data only: live
 * figures come from the store by node id.
 */
import type { Edge, Node } from '@xyflow/react';
import { schemeTableau10 } from 'd3';
import { compileModel, type Scenario } from '../../engine';
import { describeKeys, describeRate } from './describe';
import { layoutLeftToRight } from './layout';
import { nodeSize } from './nodeSize';

export interface ProducerData extends Record<string, unknown> {
  kind: 'producer';
  id: string;
  topic: string;
  eventType: string;
  rate: string;
  keys: string;
}

export interface TopicData extends Record<string, unknown> {
  kind: 'topic';
  name: string;
  partitions: number;
  /** Groups that read this topic, in scenario order, with their colour. */
  readers: { group: string; color: string }[];
  deadLetter: boolean;
}

export interface GroupData extends Record<string, unknown> {
  kind: 'group';
  id: string;
  color: string;
  /** A service: a group with handlers that emits events. */
  service: boolean;
  topics: string[];
  members: string[];
  /** Event types a service emits (the edges show where to). */
  emits: string[];
  strategy: string;
  commit: string;
}

export type DiagramNodeData = ProducerData | TopicData | GroupData;
export type ProducerNode = Node<ProducerData, 'producer'>;
export type TopicNode = Node<TopicData, 'topic'>;
/** 'consumerGroup', not 'group': React Flow styles its own 'group' type as a frame. */
export type GroupNode = Node<GroupData, 'consumerGroup'>;
export type DiagramNode = ProducerNode | TopicNode | GroupNode;

export type FlowKind = 'produce' | 'consume' | 'emit' | 'deadLetter';
/** `label` names what travels on the edge; it is the edge's accessible name, not drawn (inline labels hide behind nodes). */
export type DiagramEdge = Edge<{ flow: FlowKind; label?: string }>;

export const nodeId = {
  producer: (id: string) => `producer:${id}`,
  topic: (name: string) => `topic:${name}`,
  group: (id: string) => `group:${id}`,
};

export function groupColor(index: number): string {
  return schemeTableau10[index % schemeTableau10.length]!;
}

export function buildDiagram(scenario: Scenario): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const model = compileModel(scenario);
  const deadLetters = new Set(scenario.groups.flatMap((g) => g.failure?.deadLetterTopic ?? []));
  const nodes: DiagramNode[] = [];
  const at = { x: 0, y: 0 };
  for (const p of scenario.producers) {
    const data: ProducerData = { kind: 'producer', id: p.id, topic: p.topic, eventType: p.eventType, rate: describeRate(p.rate), keys: describeKeys(p) };
    nodes.push({ id: nodeId.producer(p.id), type: 'producer', position: at, data });
  }
  for (const t of scenario.topics) {
    const readers = scenario.groups.flatMap((g, i) => (g.topics.includes(t.name) ? [{ group: g.id, color: groupColor(i) }] : []));
    const data: TopicData = { kind: 'topic', name: t.name, partitions: t.partitions, readers, deadLetter: deadLetters.has(t.name) };
    nodes.push({ id: nodeId.topic(t.name), type: 'topic', position: at, data });
  }
  model.groups.forEach((gm, i) => {
    const data: GroupData = {
      kind: 'group',
      id: gm.id,
      color: groupColor(i),
      service: gm.handlers.size > 0,
      topics: gm.topics.map((t) => model.topics[t]!.name),
      members: gm.members.map((mi) => model.members[mi]!.id),
      emits: [...new Set([...gm.handlers.values()].flat().map((e) => e.type))],
      strategy: gm.strategy,
      commit: gm.autoCommit ? 'auto-commit' : gm.commit === 'after-processing' ? 'commit after processing' : 'commit before processing',
    };
    nodes.push({ id: nodeId.group(gm.id), type: 'consumerGroup', position: at, data });
  });
  const edges = buildEdges(scenario);
  return { nodes: layoutDiagram(nodes, edges), edges };
}

/**
 * Positions the nodes left to right. Sizes default to estimates from the content; once React
 * Flow has measured the nodes, the canvas lays them out again with the real sizes.
 */
export function layoutDiagram(
  nodes: readonly DiagramNode[],
  edges: readonly DiagramEdge[],
  sizeOf: (n: DiagramNode) => { width: number; height: number } = (n) => nodeSize(n.data),
): DiagramNode[] {
  const positions = layoutLeftToRight(
    nodes.map((n) => ({ id: n.id, ...sizeOf(n) })),
    edges,
  );
  return nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position }));
}

function buildEdges(scenario: Scenario): DiagramEdge[] {
  const edges: DiagramEdge[] = [];
  const add = (flow: FlowKind, source: string, target: string, label?: string) => {
    const id = `${flow}:${source}->${target}`;
    if (edges.some((e) => e.id === id)) return;
    const ariaLabel = `${source} → ${target}${label ? `: ${label}` : ''}`;
    edges.push({ id, source, target, ariaLabel, data: { flow, label }, className: `flow-edge flow-edge--${flow}` });
  };
  for (const p of scenario.producers) add('produce', nodeId.producer(p.id), nodeId.topic(p.topic), p.eventType);
  for (const g of scenario.groups) {
    for (const t of g.topics) add('consume', nodeId.topic(t), nodeId.group(g.id));
    const emits = new Map<string, string[]>();
    for (const h of g.handlers ?? []) for (const e of h.emit) emits.set(e.topic, [...(emits.get(e.topic) ?? []), e.type]);
    for (const [topic, types] of emits) add('emit', nodeId.group(g.id), nodeId.topic(topic), [...new Set(types)].join(', '));
    const dlq = g.failure?.deadLetterTopic;
    if (dlq !== undefined) add('deadLetter', nodeId.group(g.id), nodeId.topic(dlq), 'dead letter');
  }
  return edges;
}
