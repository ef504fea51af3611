/**
 * compile(design): the diagram → the engine's Scenario, or the problems, each pinned to the node
 * (and field) it is about. A producer connected to an Exchange is a RabbitMQ publisher, a group
 * fed by a Queue is RabbitMQ consumers of it, an Exchange → Queue/Exchange edge is a binding:
 * those, the exchanges and the queues make the scenario's `amqp` section (version 2). Structure (edges, connections) is checked here; every value is then
 * checked by the engine's own parser, and its JSON paths are mapped back to nodes, so the editor
 * and a hand-written file get the same rules and the same words. Pure.
 */
import {
  parseScenario,
  type AmqpBindingSpec,
  type AmqpConsumerSpec,
  type AmqpProfile,
  type AmqpPublisherSpec,
  type AmqpSpec,
  type EmitSpec,
  type GroupSpec,
  type HandlerRule,
  type ProducerSpec,
  type Scenario,
  type ScenarioError,
  type TopicSpec,
} from '../engine';
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { edgeMeaning, type FlowKind } from './edges';
import { buildEventStore, pinEventStorePath, type EsSections } from './eventStoreDesign';
import { fieldKey, jsonPathSegments, omit } from './paths';
import { problemMsg } from './validationText';
import {
  entityName,
  isGroupData,
  isTopicData,
  type Design,
  type DesignEdge,
  type DesignNode,
  type ExchangeData,
  type GroupData,
  type Issue,
  type ProducerData,
  type QueueData,
  type TopicData,
} from './types';

export type CompileResult =
  { ok: true; scenario: Scenario; issues: [] } | { ok: false; issues: Issue[] };

/** The meaning of each edge by id, or its reason for being invalid. */
export function classifyEdges(
  design: Design,
): Map<string, { flow: FlowKind } | { reason: string; why: Msg }> {
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const out = new Map<string, { flow: FlowKind } | { reason: string; why: Msg }>();
  for (const e of design.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) {
      out.set(e.id, {
        reason: 'connects a node that is not in the diagram',
        why: msg('validation.design.edge.missingNode'),
      });
      continue;
    }
    const m = edgeMeaning(s.data.kind, t.data.kind);
    out.set(e.id, m.ok ? { flow: m.flow } : { reason: m.reason, why: m.why });
  }
  return out;
}

type Link<K extends 'to' | 'from'> = { flow: FlowKind; edge: DesignEdge } & Record<K, DesignNode>;

/** The design as a scenario, before the engine's parser checks its values: the structure only. */
export function buildScenario(design: Design): {
  scenario: Scenario;
  issues: Issue[];
  nodes: Sections;
} {
  const issues: Issue[] = [];
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const meanings = classifyEdges(design);
  const out = new Map<string, Link<'to'>[]>();
  const inn = new Map<string, Link<'from'>[]>();
  for (const e of design.edges) {
    const m = meanings.get(e.id)!;
    if ('reason' in m) {
      const names = [byId.get(e.source), byId.get(e.target)].map((n) =>
        n ? `"${entityName(n.data)}"` : 'a missing node',
      );
      const target = byId.get(e.target);
      const text = msg('validation.design.issue.edge', {
        hasTarget: target ? 'yes' : 'no',
        target: target ? entityName(target.data) : '',
        reason: m.why,
      });
      issues.push({
        nodeId: byId.has(e.source) ? e.source : null,
        edgeId: e.id,
        message: `edge to ${names[1]}: ${m.reason}`,
        text,
      });
      continue;
    }
    (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push({
      flow: m.flow,
      edge: e,
      to: byId.get(e.target)!,
    });
    (inn.get(e.target) ?? inn.set(e.target, []).get(e.target)!).push({
      flow: m.flow,
      edge: e,
      from: byId.get(e.source)!,
    });
  }
  const name = (n: DesignNode) => entityName(n.data);

  const topicNodes = design.nodes.filter((n): n is DesignNode<TopicData> => isTopicData(n.data));
  const producerNodes = design.nodes.filter(
    (n): n is DesignNode<ProducerData> => n.data.kind === 'producer',
  );
  const groupNodes = design.nodes.filter((n): n is DesignNode<GroupData> => isGroupData(n.data));
  const brokerNodes = design.nodes.filter(
    (n) => n.data.kind === 'exchange' || n.data.kind === 'queue',
  );
  const esNodes = design.nodes.filter((n) => n.data.kind === 'aggregate');
  if (
    producerNodes.length === 0 &&
    groupNodes.length === 0 &&
    brokerNodes.length === 0 &&
    esNodes.length === 0
  )
    issues.push({
      nodeId: null,
      message:
        'The diagram is empty: drag a Producer, a Topic and a Consumer group from the palette and connect them.',
      text: msg('validation.design.issue.empty'),
    });

  const topics = topicNodes.map(({ data }): TopicSpec => omit(data, 'kind'));
  const producers: ProducerSpec[] = [];
  const publishers: AmqpPublisherSpec[] = [];
  const sections: Sections = {
    topics: topicNodes,
    producers: [],
    groups: [],
    'amqp.publishers': [],
    'amqp.consumers': [],
    'amqp.exchanges': [],
    'amqp.queues': [],
    'amqp.bindings': [],
    'eventStore.aggregates': [],
    'eventStore.projections': [],
    'eventStore.queries': [],
  };
  for (const n of producerNodes) {
    const links = out.get(n.id) ?? [];
    const exchanges = links.filter((o) => o.flow === 'publish').map((o) => name(o.to));
    const targets = links.filter((o) => o.flow === 'produce').map((o) => name(o.to));
    if (exchanges.length > 0 && targets.length === 0) {
      if (exchanges.length > 1)
        issues.push({
          nodeId: n.id,
          field: 'exchange',
          message: `publishes to one exchange, but is connected to ${quoted(exchanges)}`,
          text: msg('canvas.design.manyExchanges', { exchanges: quoted(exchanges) }),
        });
      publishers.push(publisherSpec(n.data, exchanges[0]!));
      sections['amqp.publishers'].push(n);
      continue;
    }
    if (exchanges.length > 0)
      issues.push({
        nodeId: n.id,
        field: 'topic',
        message: 'writes to a topic or publishes to an exchange, not both: remove one connection',
        text: msg('canvas.design.topicAndExchange'),
      });
    if (targets.length === 0)
      issues.push({
        nodeId: n.id,
        field: 'topic',
        message: 'writes to no topic: connect it to a Topic',
        text: msg('validation.design.issue.noTopic'),
      });
    if (targets.length > 1)
      issues.push({
        nodeId: n.id,
        field: 'topic',
        message: `writes to one topic, but is connected to ${targets.map((t) => `"${t}"`).join(' and ')}`,
        text: msg('validation.design.issue.manyTopics', { topics: quoted(targets) }),
      });
    producers.push({ ...omit(n.data, 'kind', ...PUBLISHER_ONLY), topic: targets[0] ?? '' });
    sections.producers.push(n);
  }
  const groups: GroupSpec[] = [];
  const consumers: AmqpConsumerSpec[] = [];
  for (const n of groupNodes) {
    const inputs = inn.get(n.id) ?? [];
    const queues = inputs.filter((i) => i.from.data.kind === 'queue').map((i) => name(i.from));
    if (queues.length > 0 && queues.length === inputs.length) {
      consumers.push(compileConsumer(n, queues, out.get(n.id) ?? [], issues));
      sections['amqp.consumers'].push(n);
      continue;
    }
    if (queues.length > 0)
      issues.push({
        nodeId: n.id,
        field: 'topics',
        message: 'reads topics or one queue, not both: remove one connection',
        text: msg('canvas.design.queueAndTopic'),
      });
    const topicInputs = inputs.filter((i) => i.from.data.kind !== 'queue');
    groups.push(compileGroup(n, topicInputs, out.get(n.id) ?? [], issues));
    sections.groups.push(n);
  }

  const { amqpProfile, eventStoreFaults, ...settings } = design.settings;
  const amqp = buildAmqp(design, out, publishers, consumers, sections, amqpProfile);
  const eventStore = buildEventStore(
    design.nodes,
    { eventStoreFaults },
    (id) => (out.get(id) ?? []).map((l) => ({ flow: l.flow, edge: l.edge, node: l.to })),
    (id) => (inn.get(id) ?? []).map((l) => ({ flow: l.flow, edge: l.edge, node: l.from })),
    issues,
    sections,
  );
  const scenario = { ...settings, topics, producers, groups } as Scenario;
  if (amqp) {
    scenario.version = 2;
    scenario.amqp = amqp;
  }
  if (eventStore) {
    scenario.version = 2;
    scenario.eventStore = eventStore;
  }
  return { scenario, issues, nodes: sections };
}

export function compile(design: Design): CompileResult {
  const { scenario, issues, nodes } = buildScenario(design);
  const parsed = parseScenario(scenario);
  if (!parsed.ok) {
    for (const err of parsed.errors) {
      const issue = pinError(err, nodes, design);
      if (
        !issues.some(
          (i) =>
            i.nodeId === issue.nodeId &&
            i.field === issue.field &&
            i.edgeId === issue.edgeId &&
            issue.nodeId !== null,
        )
      )
        issues.push(issue);
    }
  }
  if (issues.length > 0 || !parsed.ok) return { ok: false, issues };
  return { ok: true, scenario: parsed.scenario, issues: [] };
}

/** The nodes (and binding edges) behind each list of the scenario, by index: errors find them. */
type Sections = Record<
  | 'topics'
  | 'producers'
  | 'groups'
  | 'amqp.publishers'
  | 'amqp.consumers'
  | 'amqp.exchanges'
  | 'amqp.queues',
  DesignNode[]
> & {
  'amqp.bindings': { node: DesignNode; edge: DesignEdge }[];
} & EsSections;

/** A producer's fields that only a RabbitMQ publisher has, and those only Kafka's producer has. */
const PUBLISHER_ONLY = [
  'routingKey',
  'headers',
  'mandatory',
  'persistent',
  'confirm',
  'expiration',
  'bodyBytes',
] as const;
const KAFKA_PRODUCER_ONLY = ['sendKey', 'partition', 'recordBytes', 'config'] as const;

function publisherSpec(d: ProducerData, exchange: string): AmqpPublisherSpec {
  const { keys, routingKey, ...rest } = omit(d, 'kind', ...KAFKA_PRODUCER_ONLY);
  const spec: AmqpPublisherSpec = { ...rest, exchange, routingKey: routingKey ?? '' };
  // A null key distribution is what a publisher without keys has: left out.
  if (keys !== undefined && keys.kind !== 'null') spec.keys = keys;
  return spec;
}

function buildAmqp(
  design: Design,
  out: Map<string, Link<'to'>[]>,
  publishers: AmqpPublisherSpec[],
  consumers: AmqpConsumerSpec[],
  sections: Sections,
  profile: AmqpProfile | undefined,
): AmqpSpec | undefined {
  const exchangeNodes = design.nodes.filter(
    (n): n is DesignNode<ExchangeData> => n.data.kind === 'exchange',
  );
  const queueNodes = design.nodes.filter(
    (n): n is DesignNode<QueueData> => n.data.kind === 'queue',
  );
  sections['amqp.exchanges'] = exchangeNodes;
  sections['amqp.queues'] = queueNodes;
  const bindings: AmqpBindingSpec[] = [];
  for (const e of design.edges) {
    const link = (out.get(e.source) ?? []).find((o) => o.edge === e);
    if (!link || link.flow !== 'bind') continue;
    const source = design.nodes.find((n) => n.id === e.source)!;
    const b: AmqpBindingSpec = {
      source: entityName(source.data),
      destination: entityName(link.to.data),
      destinationType: link.to.data.kind === 'queue' ? 'queue' : 'exchange',
      routingKey: e.data?.routingKey ?? '',
    };
    if (e.data?.arguments !== undefined) b.arguments = e.data.arguments;
    bindings.push(b);
    sections['amqp.bindings'].push({ node: source, edge: e });
  }
  const used = exchangeNodes.length + queueNodes.length + publishers.length + consumers.length > 0;
  if (!used && profile === undefined) return undefined;
  const amqp: AmqpSpec = {
    exchanges: exchangeNodes.map((n) => omit(n.data, 'kind')),
    queues: queueNodes.map((n) => omit(n.data, 'kind')),
    bindings,
    publishers,
    consumers,
  };
  if (profile !== undefined) amqp.profile = profile;
  return amqp;
}

function compileConsumer(
  n: DesignNode<GroupData>,
  queues: string[],
  outputs: Link<'to'>[],
  issues: Issue[],
): AmqpConsumerSpec {
  const d = n.data;
  if (queues.length > 1)
    issues.push({
      nodeId: n.id,
      field: 'queue',
      message: `consumes one queue, but is connected to ${quoted(queues)}`,
      text: msg('canvas.design.manyQueues', { queues: quoted(queues) }),
    });
  if (outputs.some((o) => o.flow === 'deadLetter'))
    issues.push({
      nodeId: n.id,
      field: 'deadLetterTopic',
      message:
        "a consumer of a queue dead-letters through the queue's x-dead-letter-exchange, not to a dead-letter topic",
      text: msg('canvas.design.dlqForQueue'),
    });
  const spec: AmqpConsumerSpec = { id: d.id, queue: queues[0]!, members: d.members };
  if (d.prefetch !== undefined) spec.prefetch = d.prefetch;
  if (d.autoAck !== undefined) spec.autoAck = d.autoAck;
  if (d.ackEvery !== undefined) spec.ackEvery = d.ackEvery;
  if (d.ackFlushMs !== undefined) spec.ackFlushMs = d.ackFlushMs;
  if (d.processingMs !== undefined) spec.processingMs = d.processingMs;
  if (d.kind === 'service') {
    const handlers = compileHandlers(n, outputs, issues);
    if (d.handlers !== undefined) spec.handlers = handlers;
  }
  if (d.failure !== undefined)
    spec.failure = { rate: d.failure.rate, requeue: d.failure.requeue ?? true };
  if (d.idempotent !== undefined) spec.idempotent = d.idempotent;
  return spec;
}

function compileGroup(
  n: DesignNode<GroupData>,
  inputs: Link<'from'>[],
  outputs: Link<'to'>[],
  issues: Issue[],
): GroupSpec {
  const { kind, failure, ...rest } = omit(
    n.data,
    'prefetch',
    'autoAck',
    'ackEvery',
    'ackFlushMs',
    'handlers',
  );
  const topics = inputs.map((i) => entityName(i.from.data));
  if (topics.length === 0)
    issues.push({
      nodeId: n.id,
      field: 'topics',
      message: 'reads no topic: connect a Topic to it',
      text: msg('validation.design.issue.readsNoTopic'),
    });
  const spec: GroupSpec = { ...rest, topics };
  if (kind === 'readModel') spec.readModel = true;
  if (kind !== 'service') return spec;

  const dlqs = outputs.filter((o) => o.flow === 'deadLetter').map((o) => entityName(o.to.data));
  if (dlqs.length > 1)
    issues.push({
      nodeId: n.id,
      field: 'deadLetterTopic',
      message: `has one dead-letter topic, but is connected to ${dlqs.join(' and ')}`,
      text: msg('validation.design.issue.manyDlqs', { topics: quoted(dlqs) }),
    });
  spec.handlers = compileHandlers(n, outputs, issues);
  if (failure || dlqs.length > 0) {
    spec.failure = { ...omit(failure ?? { rate: 0, retries: 0, backoffMs: 100 }, 'requeue') };
    if (dlqs[0] !== undefined) spec.failure.deadLetterTopic = dlqs[0];
  }
  return spec;
}

/** A service's handler rules: an emit without a target goes to every topic and exchange it is connected to. */
function compileHandlers(
  n: DesignNode<GroupData>,
  outputs: Link<'to'>[],
  issues: Issue[],
): HandlerRule[] {
  const sinks = outputs
    .filter((o) => o.flow === 'emit')
    .map((o) => ({ exchange: o.to.data.kind === 'exchange', name: entityName(o.to.data) }));
  const sinkNames = sinks.map((s) => s.name);
  const rules = n.data.handlers ?? [];
  const emitsSomething = rules.some((h) => h.emit.length > 0);
  if (emitsSomething && sinks.length === 0)
    issues.push({
      nodeId: n.id,
      field: 'emitTopics',
      message: 'emits events but is connected to no topic: connect it to a Topic',
      text: msg('validation.design.issue.emitsNowhere'),
    });
  if (!emitsSomething && sinks.length > 0)
    issues.push({
      nodeId: n.id,
      field: 'handlers/0/emit/0/type',
      message: `is connected to ${sinkNames.join(', ')} but emits nothing: name the event it emits`,
      text: msg('validation.design.issue.emitsNothing', { topics: quoted(sinkNames) }),
    });
  return rules.map((h, hi) => ({
    on: h.on,
    emit: h.emit.flatMap((e, ei): EmitSpec[] => {
      const { topic, exchange, routingKey, ...emit } = e;
      const target = exchange ?? topic;
      if (target === undefined)
        return sinks.map((s) =>
          s.exchange
            ? { ...emit, exchange: s.name, ...(routingKey === undefined ? {} : { routingKey }) }
            : { ...emit, topic: s.name },
        );
      if (!sinks.some((s) => s.name === target && s.exchange === (exchange !== undefined)))
        issues.push({
          nodeId: n.id,
          field: `handlers/${hi}/emit/${ei}/type`,
          message: `emits ${e.type} to "${target}", which it is not connected to`,
          text: msg('validation.design.issue.notConnected', { type: e.type, topic: target }),
        });
      if (exchange !== undefined)
        return [{ ...emit, exchange, ...(routingKey === undefined ? {} : { routingKey }) }];
      return [{ ...emit, topic: target }];
    }),
  }));
}

/** Maps a parser error's JSON path to the node (and field, or binding edge) it is about. */
function pinError(err: ScenarioError, sections: Sections, design: Design): Issue {
  const { path, message } = err;
  const friendly = message.replace(
    /must be a finite number, got (NaN|null|undefined)/,
    'must be a number (the field is empty)',
  );
  const emptied =
    err.code === 'mustBeNumber' && ['NaN', 'null', 'undefined'].includes(String(err.params?.got));
  const problem = emptied ? msg('validation.design.issue.emptyNumber') : problemMsg(err);
  const es = pinEventStorePath(
    path,
    sections,
    design.nodes,
    design.settings.eventStoreFaults,
    jsonPathSegments,
  );
  if (es) {
    const { node, field, label } = es;
    const text = label ? msg('validation.design.issue.field', { field: label, problem }) : problem;
    return {
      nodeId: node?.id ?? null,
      field: node ? field : undefined,
      message: `${label ? `${label}: ` : ''}${friendly}`,
      text,
    };
  }
  const m =
    /^\$\.(topics|producers|groups|amqp\.(?:exchanges|queues|publishers|consumers|bindings))\[(\d+)\](.*)$/.exec(
      path,
    );
  const section = m?.[1] as keyof Sections | undefined;
  const binding =
    section === 'amqp.bindings' ? sections['amqp.bindings'][Number(m![2])] : undefined;
  const node = binding
    ? binding.node
    : section && section !== 'amqp.bindings'
      ? sections[section][Number(m![2])]
      : undefined;
  if (m && node) {
    const segs = jsonPathSegments(m[3]!);
    const dlq = segs[0] === 'failure' && segs[1] === 'deadLetterTopic';
    const field = binding ? undefined : dlq ? 'deadLetterTopic' : fieldKey(segs);
    const label =
      segs[0] === 'config' || segs[0] === 'arguments' ? segs.slice(1).join('.') : segs.join('.');
    const text = label ? msg('validation.design.issue.field', { field: label, problem }) : problem;
    const issue: Issue = {
      nodeId: node.id,
      field,
      message: `${label ? `${label}: ` : ''}${friendly}`,
      text,
    };
    if (binding) issue.edgeId = binding.edge.id;
    return issue;
  }
  const f = /^\$\.faults\[(\d+)\]/.exec(path);
  if (f) {
    const fault = design.settings.faults[Number(f[1])] as
      { kind: string; atMs: number; group?: string; consumer?: string } | undefined;
    const owner = fault?.group ?? fault?.consumer;
    const g =
      owner === undefined
        ? undefined
        : design.nodes.find((n) => isGroupData(n.data) && n.data.id === owner);
    const what = fault ? `the ${fault.kind} fault at ${fault.atMs} ms` : 'a fault';
    const text = fault
      ? msg('validation.design.issue.fault', {
          kind: String(fault.kind),
          atMs: String(fault.atMs),
          problem,
        })
      : msg('validation.design.issue.aFault', { problem });
    return {
      nodeId: g?.id ?? null,
      field: g ? 'faults' : undefined,
      message: `${what}: ${friendly}`,
      text,
    };
  }
  const where = path.replace(/^\$\.?/, '');
  return {
    nodeId: null,
    message: `${where || 'scenario'}: ${friendly}`,
    text: msg('validation.design.issue.at', { hasPath: where ? 'yes' : 'no', where, problem }),
  };
}

/** Names for a message: "a", "b" (quoted, comma-separated: no English "and" inside a translation). */
function quoted(names: string[]): string {
  return names.map((t) => `"${t}"`).join(', ');
}
