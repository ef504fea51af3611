/**
 * Renaming an exchange or a topic renames what names it. Edges (a publisher's exchange, a
 * binding's source and destination, a service's emit and dead-letter edges, a group's topics)
 * join nodes by id and follow by themselves; these name it as text and are rewritten:
 * - an exchange: a queue's `x-dead-letter-exchange`, an exchange's `alternate-exchange`, and a
 *   service's emits that name it (`emit.exchange`);
 * - a topic (or dead-letter topic): a service's emits that name it (`emit.topic`).
 *
 * The properties panel renames on every keystroke, so a name passes through states that own no
 * references: the empty name (an emptied `x-dead-letter-exchange` would mean the default
 * exchange) and another node's name (whose references are that node's). While the name is in
 * such a state the references keep the last name this node owned, remembered in a `RenameMemo`;
 * the next unique name takes them over. Pure.
 */
import {
  isGroupData,
  isTopicData,
  type DesignHandler,
  type DesignNode,
  type NodeData,
} from './types';

/** By node id: the name whose references a node owns while its own name is `at` (empty or
 *  another node's). */
export type RenameMemo = Readonly<Record<string, { owned: string; at: string }>>;

type Named = 'exchange' | 'topic';

function namedKind(d: NodeData): Named | null {
  if (d.kind === 'exchange') return 'exchange';
  return isTopicData(d) ? 'topic' : null;
}

function nameOf(d: NodeData): string | null {
  return 'name' in d && typeof d.name === 'string' ? d.name : null;
}

/**
 * The nodes after node `nodeId` is renamed to `to` (its own name included), and the memo for
 * the next renames. A memo entry about a name the node no longer has (an undo, another design)
 * is ignored.
 */
export function renameNode<N extends DesignNode>(
  nodes: readonly N[],
  nodeId: string,
  to: string,
  memo: RenameMemo = {},
): { nodes: N[]; memo: RenameMemo } {
  const node = nodes.find((n) => n.id === nodeId);
  const kind = node ? namedKind(node.data) : null;
  const from = node ? nameOf(node.data) : null;
  const renamed = nodes.map((n) =>
    n.id === nodeId ? ({ ...n, data: { ...n.data, name: to } } as N) : n,
  );
  const rest: Record<string, { owned: string; at: string }> = Object.create(null);
  for (const [id, m] of Object.entries(memo)) if (id !== nodeId) rest[id] = m;
  if (!node || kind === null || from === null) return { nodes: renamed, memo: rest };
  const takenBy = (name: string) =>
    nodes.some((n) => n.id !== nodeId && namedKind(n.data) === kind && nameOf(n.data) === name);
  const mine = Object.hasOwn(memo, nodeId) ? memo[nodeId] : undefined;
  const owned = mine !== undefined && mine.at === from ? mine.owned : from;
  if (to === '' || takenBy(to))
    return { nodes: renamed, memo: { ...rest, [nodeId]: { owned, at: to } } };
  if (owned === '' || owned === to || takenBy(owned)) return { nodes: renamed, memo: rest };
  return { nodes: renamed.map((n) => renameReferences(n, kind, owned, to)), memo: rest };
}

/** `n` with each text reference to the `kind` named `from` changed to `to`. */
function renameReferences<N extends DesignNode>(n: N, kind: Named, from: string, to: string): N {
  const d = n.data;
  if (kind === 'exchange' && (d.kind === 'queue' || d.kind === 'exchange')) {
    const key = d.kind === 'queue' ? 'x-dead-letter-exchange' : 'alternate-exchange';
    if (d.arguments?.[key] !== from) return n;
    return { ...n, data: { ...d, arguments: { ...d.arguments, [key]: to } } };
  }
  if (isGroupData(d) && Array.isArray(d.handlers)) {
    const field = kind === 'exchange' ? 'exchange' : 'topic';
    let changed = false;
    const handlers = d.handlers.map((h): DesignHandler => {
      if (!Array.isArray(h.emit)) return h;
      const emit = h.emit.map((e) => {
        if (e[field] !== from) return e;
        changed = true;
        return { ...e, [field]: to };
      });
      return { ...h, emit };
    });
    return changed ? { ...n, data: { ...d, handlers } } : n;
  }
  return n;
}
