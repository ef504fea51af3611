/**
 * The event store's nodes ↔ the scenario's `eventStore` section (issue 13), both ways. Pure.
 *
 * - An Aggregate node is an aggregate (a command handler). Its commands: the records of the Topic
 *   connected to it (topic → aggregate), else its own client (`commands`: rate and keys). Its
 *   edge to the Event store node is where it appends (every aggregate has one).
 * - The Event store node is the store itself (one per design): its streams and `$all`.
 * - A Projection's `from` is its one input: an Aggregate (that category, `order` for streams
 *   `order-…`, as EventStoreDB's `$by_category` names it) or the Event store node (`$all`).
 * - A Query's `projection` is its one input: a Projection.
 * - The section's faults (projectionCrash, rebuild, deploy) are the design's
 *   `settings.eventStoreFaults`, in the scenario's order (the node menu adds to them).
 *
 * Names follow EventStoreDB's docs (streams, `$all`, categories, expected versions; "Projections"
 * and "System projections" pages for `$by_category`'s category separator `-`).
 */
import type { EsAggregateSpec, EsProjectionSpec, EsQuerySpec, EventStoreSpec } from '../engine';
import { msg } from '../i18n/translate';
import type { FlowKind } from './edges';
import { omit } from './paths';
import {
  entityName,
  type AggregateData,
  type DesignEdge,
  type DesignNode,
  type DesignSettings,
  type EventStoreData,
  type Issue,
  type ProjectionData,
  type QueryData,
} from './types';

export const ALL_STREAM = '$all';

export const esNodeId = {
  aggregate: (id: string) => `aggregate:${id}`,
  eventStore: () => 'eventStore',
  projection: (id: string) => `projection:${id}`,
  query: (id: string) => `query:${id}`,
};

type Link = { flow: FlowKind; edge: DesignEdge; node: DesignNode };

/** The nodes behind each list of the section, by index (a parser error finds its node). */
export interface EsSections {
  'eventStore.aggregates': DesignNode[];
  'eventStore.projections': DesignNode[];
  'eventStore.queries': DesignNode[];
}

const quoted = (names: string[]) => names.map((t) => `"${t}"`).join(', ');

/**
 * The section the design's event store nodes make, or undefined when it has none (and no
 * event store faults). Structure problems (connections) go to `issues`; values are left to the
 * engine's parser.
 */
export function buildEventStore(
  nodes: readonly DesignNode[],
  settings: Pick<DesignSettings, 'eventStoreFaults'>,
  outOf: (id: string) => readonly Link[],
  inOf: (id: string) => readonly Link[],
  issues: Issue[],
  sections: EsSections,
): EventStoreSpec | undefined {
  const aggs = nodes.filter((n): n is DesignNode<AggregateData> => n.data.kind === 'aggregate');
  const stores = nodes.filter((n): n is DesignNode<EventStoreData> => n.data.kind === 'eventStore');
  const projs = nodes.filter((n): n is DesignNode<ProjectionData> => n.data.kind === 'projection');
  const queries = nodes.filter((n): n is DesignNode<QueryData> => n.data.kind === 'query');
  const faults = settings.eventStoreFaults ?? [];
  if (aggs.length + stores.length + projs.length + queries.length === 0 && faults.length === 0)
    return undefined;

  stores.slice(1).forEach((n) =>
    issues.push({
      nodeId: n.id,
      message: 'a design has one event store: remove this one',
      text: msg('eventStore.issue.manyStores'),
    }),
  );
  for (const n of stores.slice(0, 1))
    if (!inOf(n.id).some((l) => l.flow === 'append'))
      issues.push({
        nodeId: n.id,
        message: 'no aggregate appends to it: connect an Aggregate to it',
        text: msg('eventStore.issue.storeUnused'),
      });

  const aggregates = aggs.map((n): EsAggregateSpec => {
    if (!outOf(n.id).some((l) => l.flow === 'append'))
      issues.push({
        nodeId: n.id,
        message: 'appends to no event store: connect it to the Event store',
        text: msg('eventStore.issue.noStore'),
      });
    const topics = inOf(n.id)
      .filter((l) => l.flow === 'command')
      .map((l) => entityName(l.node.data));
    if (topics.length > 1)
      issues.push({
        nodeId: n.id,
        field: 'commands',
        message: `takes its commands from one topic, but is connected to ${quoted(topics)}`,
        text: msg('eventStore.issue.manyCommandTopics', { topics: quoted(topics) }),
      });
    const own = n.data.commands;
    if (topics.length === 0 && own === undefined)
      issues.push({
        nodeId: n.id,
        field: 'commands',
        message: 'has no commands: connect a Topic to it, or set its own command rate and keys',
        text: msg('eventStore.issue.noCommands'),
      });
    const commands: EsAggregateSpec['commands'] =
      topics[0] !== undefined ? { topic: topics[0] } : (own ?? { topic: '' });
    return { ...omit(n.data, 'kind', 'commands'), commands };
  });
  sections['eventStore.aggregates'] = aggs;

  const projections = projs.map((n): EsProjectionSpec => {
    const sources = inOf(n.id).filter((l) => l.flow === 'project');
    const names = sources.map((l) =>
      l.node.data.kind === 'eventStore' ? ALL_STREAM : entityName(l.node.data),
    );
    if (sources.length === 0)
      issues.push({
        nodeId: n.id,
        field: 'from',
        message:
          'reads nothing: connect an Aggregate (its category) or the Event store ($all) to it',
        text: msg('eventStore.issue.readsNothing'),
      });
    if (sources.length > 1)
      issues.push({
        nodeId: n.id,
        field: 'from',
        message: `reads one category or $all, but is connected to ${quoted(names)}`,
        text: msg('eventStore.issue.manySources', { sources: quoted(names) }),
      });
    const { projectionKind, ...rest } = omit(n.data, 'kind');
    return { ...rest, from: names[0] ?? '', kind: projectionKind };
  });
  sections['eventStore.projections'] = projs;

  const qs = queries.map((n): EsQuerySpec => {
    const reads = inOf(n.id)
      .filter((l) => l.flow === 'read')
      .map((l) => entityName(l.node.data));
    if (reads.length === 0)
      issues.push({
        nodeId: n.id,
        field: 'projection',
        message: 'reads no read model: connect a Projection to it',
        text: msg('eventStore.issue.noProjection'),
      });
    if (reads.length > 1)
      issues.push({
        nodeId: n.id,
        field: 'projection',
        message: `reads one read model, but is connected to ${quoted(reads)}`,
        text: msg('eventStore.issue.manyProjections', { projections: quoted(reads) }),
      });
    return { ...omit(n.data, 'kind'), projection: reads[0] ?? '' };
  });
  sections['eventStore.queries'] = queries;

  return { aggregates, projections, queries: qs, faults: [...faults] };
}

/** The section as nodes and edges (the Event store node first, then aggregates, projections,
 *  queries); `edge` adds an edge once. */
export function decompileEventStore(
  es: EventStoreSpec,
  topicNodeId: (name: string) => string,
  nodes: DesignNode[],
  edge: (source: string, target: string) => void,
): void {
  const at = { x: 0, y: 0 };
  const store = esNodeId.eventStore();
  nodes.push({ id: store, position: at, data: { kind: 'eventStore' } });
  for (const a of es.aggregates) {
    const id = esNodeId.aggregate(a.id);
    const { commands, ...rest } = a;
    const data: AggregateData = { kind: 'aggregate', ...rest };
    if ('topic' in commands) edge(topicNodeId(commands.topic), id);
    else data.commands = commands;
    nodes.push({ id, position: at, data });
    edge(id, store);
  }
  for (const p of es.projections ?? []) {
    const id = esNodeId.projection(p.id);
    const { from, kind, ...rest } = p;
    nodes.push({ id, position: at, data: { kind: 'projection', ...rest, projectionKind: kind } });
    edge(from === ALL_STREAM ? store : esNodeId.aggregate(from), id);
  }
  for (const q of es.queries ?? []) {
    const id = esNodeId.query(q.id);
    const { projection, ...rest } = q;
    nodes.push({ id, position: at, data: { kind: 'query', ...rest } });
    edge(esNodeId.projection(projection), id);
  }
}

/**
 * A parser error about the section, pinned: `$.eventStore.aggregates[2].rules[0].event` → that
 * node and field `rules/0/event`; a fault's error → the projection or aggregate it names (field
 * `faults`). Null when the path is not the section's.
 */
export function pinEventStorePath(
  path: string,
  sections: EsSections,
  nodes: readonly DesignNode[],
  faults: DesignSettings['eventStoreFaults'],
  segmentsOf: (rest: string) => string[],
): { node: DesignNode | undefined; field: string | undefined; label: string } | null {
  const m = /^\$\.eventStore\.(aggregates|projections|queries)\[(\d+)\](.*)$/.exec(path);
  if (m) {
    const node = sections[`eventStore.${m[1]}` as keyof EsSections][Number(m[2])];
    const segs = segmentsOf(m[3]!);
    const field =
      node?.data.kind === 'projection' && segs[0] === 'kind' ? ['projectionKind'] : segs;
    return { node, field: field.length ? field.join('/') : undefined, label: segs.join('.') };
  }
  const f = /^\$\.eventStore\.faults\[(\d+)\](.*)$/.exec(path);
  if (f) {
    const fault = faults?.[Number(f[1])] as
      { kind?: unknown; projection?: unknown; aggregate?: unknown } | undefined;
    const owner = fault?.kind === 'deploy' ? fault.aggregate : fault?.projection;
    const kind = fault?.kind === 'deploy' ? 'aggregate' : 'projection';
    const node = nodes.find((n) => n.data.kind === kind && entityName(n.data) === owner);
    return { node, field: node ? 'faults' : undefined, label: segmentsOf(f[2]!).join('.') };
  }
  return null;
}

/**
 * What an event store node reads, by name: an aggregate's command topic, a projection's `from`
 * (a category or `$all`), a query's projection; null when it has no such input (or more than
 * one: compile reports that). For the canvas and the forms.
 */
export function esInputName(
  nodes: readonly DesignNode[],
  edges: readonly Pick<DesignEdge, 'source' | 'target'>[],
  nodeId: string,
): string | null {
  const node = nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  const kind = node.data.kind;
  const wanted =
    kind === 'aggregate'
      ? (k: string) => k === 'topic' || k === 'deadLetterTopic'
      : kind === 'projection'
        ? (k: string) => k === 'aggregate' || k === 'eventStore'
        : kind === 'query'
          ? (k: string) => k === 'projection'
          : null;
  if (!wanted) return null;
  const names: string[] = [];
  for (const e of edges) {
    if (e.target !== nodeId) continue;
    const s = nodes.find((n) => n.id === e.source);
    if (s && wanted(s.data.kind))
      names.push(s.data.kind === 'eventStore' ? ALL_STREAM : entityName(s.data));
  }
  return names.length === 1 ? names[0]! : null;
}
