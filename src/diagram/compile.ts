/**
 * compile(design): the diagram → the engine's Scenario, or the problems, each pinned to the node
 * (and field) it is about. Structure (edges, connections) is checked here; every value is then
 * checked by the engine's own parser, and its JSON paths are mapped back to nodes, so the editor
 * and a hand-written file get the same rules and the same words. Pure.
 */
import { parseScenario, type GroupSpec, type ProducerSpec, type Scenario, type ScenarioError, type TopicSpec } from '../engine';
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { edgeMeaning, type FlowKind } from './edges';
import { fieldKey, jsonPathSegments, omit } from './paths';
import { problemMsg } from './validationText';
import { entityName, isGroupData, isTopicData, type Design, type DesignNode, type GroupData, type Issue, type ProducerData, type TopicData } from './types';

export type CompileResult = { ok: true; scenario: Scenario; issues: [] } | { ok: false; issues: Issue[] };

/** The meaning of each edge by id, or its reason for being invalid. */
export function classifyEdges(design: Design): Map<string, { flow: FlowKind } | { reason: string; why: Msg }> {
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const out = new Map<string, { flow: FlowKind } | { reason: string; why: Msg }>();
  for (const e of design.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) {
      out.set(e.id, { reason: 'connects a node that is not in the diagram', why: msg('validation.design.edge.missingNode') });
      continue;
    }
    const m = edgeMeaning(s.data.kind, t.data.kind);
    out.set(e.id, m.ok ? { flow: m.flow } : { reason: m.reason, why: m.why });
  }
  return out;
}

export function compile(design: Design): CompileResult {
  const issues: Issue[] = [];
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const meanings = classifyEdges(design);
  const out = new Map<string, { flow: FlowKind; to: DesignNode }[]>();
  const inn = new Map<string, { flow: FlowKind; from: DesignNode }[]>();
  for (const e of design.edges) {
    const m = meanings.get(e.id)!;
    if ('reason' in m) {
      const names = [byId.get(e.source), byId.get(e.target)].map((n) => (n ? `"${entityName(n.data)}"` : 'a missing node'));
      const target = byId.get(e.target);
      const text = msg('validation.design.issue.edge', { hasTarget: target ? 'yes' : 'no', target: target ? entityName(target.data) : '', reason: m.why });
      issues.push({ nodeId: byId.has(e.source) ? e.source : null, edgeId: e.id, message: `edge to ${names[1]}: ${m.reason}`, text });
      continue;
    }
    (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push({ flow: m.flow, to: byId.get(e.target)! });
    (inn.get(e.target) ?? inn.set(e.target, []).get(e.target)!).push({ flow: m.flow, from: byId.get(e.source)! });
  }
  const name = (n: DesignNode) => entityName(n.data);

  const topicNodes = design.nodes.filter((n): n is DesignNode<TopicData> => isTopicData(n.data));
  const producerNodes = design.nodes.filter((n): n is DesignNode<ProducerData> => n.data.kind === 'producer');
  const groupNodes = design.nodes.filter((n): n is DesignNode<GroupData> => isGroupData(n.data));
  if (producerNodes.length === 0 && groupNodes.length === 0)
    issues.push({ nodeId: null, message: 'The diagram is empty: drag a Producer, a Topic and a Consumer group from the palette and connect them.', text: msg('validation.design.issue.empty') });

  const topics = topicNodes.map(({ data }): TopicSpec => omit(data, 'kind'));
  const producers = producerNodes.map((n): ProducerSpec => {
    const spec = omit(n.data, 'kind');
    const targets = (out.get(n.id) ?? []).map((o) => name(o.to));
    if (targets.length === 0) issues.push({ nodeId: n.id, field: 'topic', message: 'writes to no topic: connect it to a Topic', text: msg('validation.design.issue.noTopic') });
    if (targets.length > 1)
      issues.push({ nodeId: n.id, field: 'topic', message: `writes to one topic, but is connected to ${targets.map((t) => `"${t}"`).join(' and ')}`, text: msg('validation.design.issue.manyTopics', { topics: quoted(targets) }) });
    return { ...spec, topic: targets[0] ?? '' };
  });
  const groups = groupNodes.map((n) => compileGroup(n, inn.get(n.id) ?? [], out.get(n.id) ?? [], issues));

  const scenario = { ...design.settings, topics, producers, groups } as Scenario;
  const parsed = parseScenario(scenario);
  if (!parsed.ok) {
    const nodesBySection: Record<string, DesignNode[]> = { topics: topicNodes, producers: producerNodes, groups: groupNodes };
    for (const err of parsed.errors) {
      const issue = pinError(err, nodesBySection, groupNodes, design);
      if (!issues.some((i) => i.nodeId === issue.nodeId && i.field === issue.field && issue.nodeId !== null)) issues.push(issue);
    }
  }
  if (issues.length > 0 || !parsed.ok) return { ok: false, issues };
  return { ok: true, scenario: parsed.scenario, issues: [] };
}

function compileGroup(
  n: DesignNode<GroupData>,
  inputs: { flow: FlowKind; from: DesignNode }[],
  outputs: { flow: FlowKind; to: DesignNode }[],
  issues: Issue[],
): GroupSpec {
  const { kind, handlers, failure, ...rest } = n.data;
  const topics = inputs.map((i) => entityName(i.from.data));
  if (topics.length === 0) issues.push({ nodeId: n.id, field: 'topics', message: 'reads no topic: connect a Topic to it', text: msg('validation.design.issue.readsNoTopic') });
  const spec: GroupSpec = { ...rest, topics };
  if (kind === 'readModel') spec.readModel = true;
  if (kind !== 'service') return spec;

  const emitTopics = outputs.filter((o) => o.flow === 'emit').map((o) => entityName(o.to.data));
  const dlqs = outputs.filter((o) => o.flow === 'deadLetter').map((o) => entityName(o.to.data));
  if (dlqs.length > 1) issues.push({ nodeId: n.id, field: 'deadLetterTopic', message: `has one dead-letter topic, but is connected to ${dlqs.join(' and ')}`, text: msg('validation.design.issue.manyDlqs', { topics: quoted(dlqs) }) });
  const rules = handlers ?? [];
  const emitsSomething = rules.some((h) => h.emit.length > 0);
  if (emitsSomething && emitTopics.length === 0)
    issues.push({ nodeId: n.id, field: 'emitTopics', message: 'emits events but is connected to no topic: connect it to a Topic', text: msg('validation.design.issue.emitsNowhere') });
  if (!emitsSomething && emitTopics.length > 0)
    issues.push({ nodeId: n.id, field: 'handlers/0/emit/0/type', message: `is connected to ${emitTopics.join(', ')} but emits nothing: name the event it emits`, text: msg('validation.design.issue.emitsNothing', { topics: quoted(emitTopics) }) });
  spec.handlers = rules.map((h, hi) => ({
    on: h.on,
    emit: h.emit.flatMap((e, ei) => {
      const { topic, ...emit } = e;
      if (topic === undefined) return emitTopics.map((t) => ({ ...emit, topic: t }));
      if (!emitTopics.includes(topic))
        issues.push({ nodeId: n.id, field: `handlers/${hi}/emit/${ei}/type`, message: `emits ${e.type} to "${topic}", which it is not connected to`, text: msg('validation.design.issue.notConnected', { type: e.type, topic }) });
      return [{ ...emit, topic }];
    }),
  }));
  if (failure || dlqs.length > 0) {
    spec.failure = { ...(failure ?? { rate: 0, retries: 0, backoffMs: 100 }) };
    if (dlqs[0] !== undefined) spec.failure.deadLetterTopic = dlqs[0];
  }
  return spec;
}

/** Maps a parser error's JSON path to the node (and field) it is about. */
function pinError(
  err: ScenarioError,
  sections: Record<string, DesignNode[]>,
  groups: DesignNode<GroupData>[],
  design: Design,
): Issue {
  const { path, message } = err;
  const friendly = message.replace(/must be a finite number, got (NaN|null|undefined)/, 'must be a number (the field is empty)');
  const emptied = err.code === 'mustBeNumber' && ['NaN', 'null', 'undefined'].includes(String(err.params?.got));
  const problem = emptied ? msg('validation.design.issue.emptyNumber') : problemMsg(err);
  const m = /^\$\.(topics|producers|groups)\[(\d+)\](.*)$/.exec(path);
  const node = m ? sections[m[1]!]?.[Number(m[2])] : undefined;
  if (m && node) {
    const segs = jsonPathSegments(m[3]!);
    const field = m[1] === 'groups' && segs[0] === 'failure' && segs[1] === 'deadLetterTopic' ? 'deadLetterTopic' : fieldKey(segs);
    const label = segs[0] === 'config' ? segs.slice(1).join('.') : segs.join('.');
    const text = label ? msg('validation.design.issue.field', { field: label, problem }) : problem;
    return { nodeId: node.id, field, message: `${label ? `${label}: ` : ''}${friendly}`, text };
  }
  const f = /^\$\.faults\[(\d+)\]/.exec(path);
  if (f) {
    const fault = design.settings.faults[Number(f[1])] as { kind: string; atMs: number; group?: string } | undefined;
    const g = fault?.group === undefined ? undefined : groups.find((n) => n.data.id === fault.group);
    const what = fault ? `the ${fault.kind} fault at ${fault.atMs} ms` : 'a fault';
    const text = fault ? msg('validation.design.issue.fault', { kind: String(fault.kind), atMs: String(fault.atMs), problem }) : msg('validation.design.issue.aFault', { problem });
    return { nodeId: g?.id ?? null, field: g ? 'faults' : undefined, message: `${what}: ${friendly}`, text };
  }
  const where = path.replace(/^\$\.?/, '');
  return { nodeId: null, message: `${where || 'scenario'}: ${friendly}`, text: msg('validation.design.issue.at', { hasPath: where ? 'yes' : 'no', where, problem }) };
}

/** Names for a message: "a", "b" (quoted, comma-separated: no English "and" inside a translation). */
function quoted(names: string[]): string {
  return names.map((t) => `"${t}"`).join(', ');
}
