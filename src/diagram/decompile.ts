/**
 * Scenario → design: the nodes and edges that draw a scenario (a built-in or an imported file).
 * compile(decompile(s)) gives s back. Node ids are derived from entity names ("topic:orders") so
 * positions saved by name find their nodes again.
 */
import type { GroupSpec, Scenario } from '../engine';
import { layoutDesign } from './layout';
import { omit } from './paths';
import {
  isTopicData,
  type Design,
  type DesignEdge,
  type DesignHandler,
  type DesignNode,
  type GroupData,
  type NodeData,
  type XY,
} from './types';

export const nodeId = {
  producer: (id: string) => `producer:${id}`,
  topic: (name: string) => `topic:${name}`,
  group: (id: string) => `group:${id}`,
};

/** The stable key of a node in saved positions: "topic:orders", "producer:shop", "group:payment". */
export function positionKey(d: NodeData): string {
  if (d.kind === 'producer') return nodeId.producer(d.id);
  return isTopicData(d) ? nodeId.topic(d.name) : nodeId.group(d.id);
}

export function decompile(scenario: Scenario, positions?: Readonly<Record<string, XY>>): Design {
  const { topics, producers, groups, ...settings } = scenario;
  const dlqs = new Set(groups.flatMap((g) => g.failure?.deadLetterTopic ?? []));
  const at = { x: 0, y: 0 };
  const nodes: DesignNode[] = [];
  const edges: DesignEdge[] = [];
  const edge = (source: string, target: string) => {
    const id = `${source}->${target}`;
    if (!edges.some((e) => e.id === id)) edges.push({ id, source, target });
  };
  for (const p of producers) {
    const { topic, ...rest } = p;
    nodes.push({ id: nodeId.producer(p.id), position: at, data: { kind: 'producer', ...rest } });
    edge(nodeId.producer(p.id), nodeId.topic(topic));
  }
  for (const t of topics)
    nodes.push({
      id: nodeId.topic(t.name),
      position: at,
      data: { kind: dlqs.has(t.name) ? 'deadLetterTopic' : 'topic', ...t },
    });
  for (const g of groups) {
    nodes.push({ id: nodeId.group(g.id), position: at, data: groupData(g) });
    for (const t of g.topics) edge(nodeId.topic(t), nodeId.group(g.id));
    for (const h of g.handlers ?? [])
      for (const e of h.emit)
        if (e.topic !== undefined) edge(nodeId.group(g.id), nodeId.topic(e.topic));
    if (g.failure?.deadLetterTopic !== undefined)
      edge(nodeId.group(g.id), nodeId.topic(g.failure.deadLetterTopic));
  }
  const design: Design = { settings, nodes, edges };
  const laidOut = layoutDesign(design);
  if (!positions) return laidOut;
  return {
    ...laidOut,
    nodes: laidOut.nodes.map((n) => ({
      ...n,
      position: ownValue(positions, positionKey(n.data)) ?? n.position,
    })),
  };
}

/** o[k] only when o has it itself: a name like "constructor" must not find Object.prototype's. */
function ownValue<T>(o: Readonly<Record<string, T>>, k: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

function groupData(g: GroupSpec): GroupData {
  const { handlers, failure, readModel } = g;
  const rest = omit(g, 'topics', 'handlers', 'failure', 'readModel');
  const isService = (handlers?.length ?? 0) > 0 || failure !== undefined;
  const kind = readModel ? 'readModel' : isService ? 'service' : 'consumerGroup';
  const data: GroupData = { kind, ...rest };
  if (handlers) data.handlers = designHandlers(handlers);
  if (failure) {
    data.failure = omit(failure, 'deadLetterTopic');
  }
  return data;
}

/** Emits keep their topic only when the service writes to more than one topic. */
function designHandlers(handlers: NonNullable<GroupSpec['handlers']>): DesignHandler[] {
  const topics = new Set(handlers.flatMap((h) => h.emit.map((e) => e.topic)));
  if (topics.size > 1)
    return handlers.map((h) => ({ on: h.on, emit: h.emit.map((e) => ({ ...e })) }));
  return handlers.map((h) => ({ on: h.on, emit: h.emit.map(({ topic: _t, ...e }) => e) }));
}
