/**
 * Scenario → design: the nodes and edges that draw a scenario (a built-in or an imported file).
 * compile(decompile(s)) gives s back. Node ids are derived from entity names ("topic:orders") so
 * positions saved by name find their nodes again.
 */
import type {
  AmqpConsumerSpec,
  AmqpPublisherSpec,
  AmqpSpec,
  GroupSpec,
  HandlerRule,
  Scenario,
} from '../engine';
import { decompileEventStore, esNodeId } from './eventStoreDesign';
import { layoutDesign } from './layout';
import { omit } from './paths';
import {
  isTopicData,
  type Design,
  type DesignEdge,
  type BindingData,
  type DesignHandler,
  type DesignNode,
  type GroupData,
  type NodeData,
  type ProducerData,
  type XY,
} from './types';

export const nodeId = {
  producer: (id: string) => `producer:${id}`,
  topic: (name: string) => `topic:${name}`,
  group: (id: string) => `group:${id}`,
  exchange: (name: string) => `exchange:${name}`,
  queue: (name: string) => `queue:${name}`,
  ...esNodeId,
};

/** The stable key of a node in saved positions: "topic:orders", "producer:shop", "group:payment",
 *  "exchange:logs", "queue:errors", "aggregate:account", "eventStore", "projection:balances",
 *  "query:balance". */
export function positionKey(d: NodeData): string {
  if (d.kind === 'producer') return nodeId.producer(d.id);
  if (d.kind === 'exchange') return nodeId.exchange(d.name);
  if (d.kind === 'queue') return nodeId.queue(d.name);
  if (d.kind === 'aggregate') return nodeId.aggregate(d.id);
  if (d.kind === 'eventStore') return nodeId.eventStore();
  if (d.kind === 'projection') return nodeId.projection(d.id);
  if (d.kind === 'query') return nodeId.query(d.id);
  return isTopicData(d) ? nodeId.topic(d.name) : nodeId.group(d.id);
}

export function decompile(scenario: Scenario, positions?: Readonly<Record<string, XY>>): Design {
  const { topics, producers, groups, amqp, eventStore, ...rest } = scenario;
  const settings: Design['settings'] =
    amqp?.profile === undefined ? rest : { ...rest, amqpProfile: amqp.profile };
  if (eventStore?.faults !== undefined && eventStore.faults.length > 0)
    settings.eventStoreFaults = eventStore.faults;
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
    emitEdges(g.id, g.handlers, edge);
    if (g.failure?.deadLetterTopic !== undefined)
      edge(nodeId.group(g.id), nodeId.topic(g.failure.deadLetterTopic));
  }
  if (amqp) decompileAmqp(amqp, nodes, edges, edge);
  if (eventStore) decompileEventStore(eventStore, nodeId.topic, nodes, edge);
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

/** The edges of a service's emits: to each topic and exchange it names. */
function emitEdges(
  id: string,
  handlers: HandlerRule[] | undefined,
  edge: (s: string, t: string) => void,
): void {
  for (const h of handlers ?? [])
    for (const e of h.emit) {
      if (e.topic !== undefined) edge(nodeId.group(id), nodeId.topic(e.topic));
      if (e.exchange !== undefined) edge(nodeId.group(id), nodeId.exchange(e.exchange));
    }
}

/** RabbitMQ: exchanges and queues as nodes, bindings as edges carrying their key and arguments,
 *  publishers as producers connected to their exchange, consumers as groups fed by their queue. */
function decompileAmqp(
  amqp: AmqpSpec,
  nodes: DesignNode[],
  edges: DesignEdge[],
  edge: (s: string, t: string) => void,
): void {
  const at = { x: 0, y: 0 };
  for (const p of amqp.publishers) {
    nodes.push({ id: nodeId.producer(p.id), position: at, data: publisherData(p) });
    edge(nodeId.producer(p.id), nodeId.exchange(p.exchange));
  }
  for (const x of amqp.exchanges)
    nodes.push({ id: nodeId.exchange(x.name), position: at, data: { kind: 'exchange', ...x } });
  for (const q of amqp.queues)
    nodes.push({ id: nodeId.queue(q.name), position: at, data: { kind: 'queue', ...q } });
  for (const b of amqp.bindings) {
    const source = nodeId.exchange(b.source);
    const target =
      b.destinationType === 'queue' ? nodeId.queue(b.destination) : nodeId.exchange(b.destination);
    const base = `${source}->${target}`;
    let id = base;
    for (let k = 2; edges.some((e) => e.id === id); k++) id = `${base}#${k}`;
    const data: BindingData = { routingKey: b.routingKey };
    if (b.arguments !== undefined) data.arguments = b.arguments;
    edges.push({ id, source, target, data });
  }
  for (const c of amqp.consumers) {
    nodes.push({ id: nodeId.group(c.id), position: at, data: consumerData(c) });
    edge(nodeId.queue(c.queue), nodeId.group(c.id));
    emitEdges(c.id, c.handlers, edge);
  }
}

function publisherData(p: AmqpPublisherSpec): ProducerData {
  const { keys, ...rest } = omit(p, 'exchange');
  return { kind: 'producer', ...rest, keys: keys ?? { kind: 'null' } };
}

function consumerData(c: AmqpConsumerSpec): GroupData {
  const { handlers, failure, ...rest } = omit(c, 'queue');
  const isService = handlers !== undefined || failure !== undefined;
  const data: GroupData = { kind: isService ? 'service' : 'consumerGroup', ...rest };
  if (handlers) data.handlers = designHandlers(handlers);
  if (failure)
    data.failure = { rate: failure.rate, retries: 0, backoffMs: 0, requeue: failure.requeue };
  return data;
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

/** Emits keep their topic or exchange only when the service writes to more than one of them. */
function designHandlers(handlers: NonNullable<GroupSpec['handlers']>): DesignHandler[] {
  const sinks = new Set(
    handlers.flatMap((h) =>
      h.emit.map((e) => (e.exchange !== undefined ? `x:${e.exchange}` : `t:${e.topic}`)),
    ),
  );
  if (sinks.size > 1)
    return handlers.map((h) => ({ on: h.on, emit: h.emit.map((e) => ({ ...e })) }));
  return handlers.map((h) => ({
    on: h.on,
    emit: h.emit.map(({ topic: _t, exchange: _x, ...e }) => e),
  }));
}
