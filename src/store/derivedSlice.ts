/**
 * What the UI derives from the design after every edit, in the same update: the compile result,
 * issues per node, each group's colour, each topic's readers and what each edge means.
 */
import { schemeTableau10 } from 'd3';
import { amqpLinks, classifyEdges, compile, type AmqpLinks, entityName, isGroupData, type CompileResult, type Design, type FlowKind, type Issue } from '../diagram';
import type { Msg } from '../i18n';

export interface Reader {
  group: string;
  color: string;
}

/** An edge's meaning by entity names (live figures are keyed by name), or why it is invalid. */
export type EdgeInfo =
  | { flow: FlowKind; source: string; target: string }
  | { reason: string; why?: Msg };

export interface DerivedSlice {
  compiled: CompileResult;
  nodeIssues: Record<string, Issue[]>;
  /** Issues that belong to no node (an empty diagram, a setting). */
  designIssues: Issue[];
  colors: Record<string, string>;
  readers: Record<string, Reader[]>;
  edgeInfo: Record<string, EdgeInfo>;
  /** RabbitMQ: the exchange each publisher publishes to, the queue each consumer group reads. */
  amqpLinks: AmqpLinks;
}

export function groupColor(index: number): string {
  return schemeTableau10[index % schemeTableau10.length]!;
}

export function derive(design: Design): DerivedSlice {
  const compiled = compile(design);
  // Keyed by node ids and names (user text): no prototype, so "constructor" is just a key.
  const nodeIssues: Record<string, Issue[]> = Object.create(null);
  const designIssues: Issue[] = [];
  for (const i of compiled.issues) {
    if (i.nodeId === null) designIssues.push(i);
    else (nodeIssues[i.nodeId] ??= []).push(i);
  }
  const colors: Record<string, string> = Object.create(null);
  design.nodes.filter((n) => isGroupData(n.data)).forEach((n, i) => (colors[n.id] = groupColor(i)));
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const readers: Record<string, Reader[]> = Object.create(null);
  const edgeInfo: Record<string, EdgeInfo> = Object.create(null);
  for (const [id, m] of classifyEdges(design)) {
    const e = design.edges.find((x) => x.id === id)!;
    if ('reason' in m) {
      edgeInfo[id] = m;
      continue;
    }
    const s = byId.get(e.source)!;
    const t = byId.get(e.target)!;
    edgeInfo[id] = { flow: m.flow, source: entityName(s.data), target: entityName(t.data) };
    if (m.flow === 'consume') (readers[s.id] ??= []).push({ group: entityName(t.data), color: colors[t.id]! });
  }
  return { compiled, nodeIssues, designIssues, colors, readers, edgeInfo, amqpLinks: amqpLinks(design) };
}
