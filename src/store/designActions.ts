/**
 * Edits to the design. Every edit goes through `applyDesign`: one setState with the new design
 * and everything derived from it (compile result, issues, colours), an undo step, and a reload
 * of the simulation if the compiled scenario changed. Moving and selecting nodes is UI state:
 * no recompile, and a drag is one undo step when it ends.
 */
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import {
  bindingDefaults,
  defaultData,
  designGrowth,
  entityName,
  growthHeight,
  isGroupData,
  kindInfo,
  layoutDesign,
  nodeSize,
  renameNode,
  setAt,
  uniqueId,
  uniqueName,
  type Design,
  type DesignSettings,
  type NodeData,
  type NodeKind,
  type RenameMemo,
  type Segment,
  type XY,
} from '../diagram';
import { derive } from './derivedSlice';
import { designSlice, type DiagramEdge, type DiagramNode } from './designSlice';
import { MAX_HISTORY, type Snapshot } from './historySlice';
import { keepEditedDocument } from './libraryActions';
import { keepPreviousRun } from './previousRuns';
import { syncSimulation } from './simActions';
import { useAppStore } from './store';

export type HistoryMode = 'push' | 'none' | { coalesce: string };

const COALESCE_MS = 1500;
let lastCoalesce: { key: string; at: number } | null = null;
let dragBefore: Snapshot | null = null;

export function snapshot(s = useAppStore.getState()): Snapshot {
  return { nodes: s.nodes, edges: s.edges, settings: s.settings, origin: s.origin };
}

/** The one way the design changes (besides moving and selecting). */
export function applyDesign(
  patch: Partial<Snapshot>,
  history: HistoryMode = 'push',
  before?: Snapshot,
): void {
  const s = useAppStore.getState();
  const prev = before ?? snapshot(s);
  const next = { ...snapshot(s), ...patch };
  let { past, future } = s;
  if (history !== 'none') {
    const key = typeof history === 'object' ? history.coalesce : null;
    const now = Date.now();
    const merge = key !== null && lastCoalesce?.key === key && now - lastCoalesce.at < COALESCE_MS;
    if (!merge) past = [...past, prev].slice(-MAX_HISTORY);
    future = [];
    lastCoalesce = key === null ? null : { key, at: now };
  }
  useAppStore.setState({ ...next, ...derive(next), past, future });
  syncSimulation();
  if (history !== 'none') keepEditedDocument();
  keepPreviousRun(s);
}

/**
 * Replaces the whole design (libraryActions' openDocument: a built-in, a link, new, a library
 * design), fitted to the view. Not an undo step: each document has its own history.
 */
export function replaceDesign(
  design: Design,
  origin: string | null,
  opts: { relayout: boolean },
): void {
  const s = useAppStore.getState();
  applyDesign(designSlice(design, origin), 'none');
  useAppStore.setState({ fitRequest: s.fitRequest + 1, relayoutPending: opts.relayout });
}

export function onNodesChange(changes: NodeChange<DiagramNode>[]): void {
  const s = useAppStore.getState();
  const kept = changes.filter(
    (c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace',
  );
  if (kept.length === 0) return;
  if (!dragBefore && kept.some((c) => c.type === 'position' && c.dragging))
    dragBefore = snapshot(s);
  useAppStore.setState({ nodes: applyNodeChanges(kept, s.nodes) });
  if (dragBefore && kept.some((c) => c.type === 'position' && c.dragging === false)) {
    const before = dragBefore;
    dragBefore = null;
    useAppStore.setState((st) => ({ past: [...st.past, before].slice(-MAX_HISTORY), future: [] }));
    keepEditedDocument();
  }
}

export function onEdgesChange(changes: EdgeChange<DiagramEdge>[]): void {
  const kept = changes.filter((c) => c.type === 'select');
  if (kept.length > 0) useAppStore.setState((s) => ({ edges: applyEdgeChanges(kept, s.edges) }));
}

/** Draws an edge. Its meaning is checked by compile: a wrong one is kept, outlined and explained. */
export function connect(c: Connection | { source: string; target: string }): void {
  const { source, target } = c;
  const s = useAppStore.getState();
  if (!source || !target || source === target) return;
  if (s.edges.some((e) => e.source === source && e.target === target)) return;
  const id = uniqueId(`${source}->${target}#`, new Set(s.edges.map((e) => e.id)));
  const from = s.nodes.find((n) => n.id === source);
  const to = s.nodes.find((n) => n.id === target);
  // A binding starts with a key that makes sense for its exchange's type.
  const data = from && to ? bindingDefaults(from.data, to.data) : undefined;
  applyDesign({
    edges: [...s.edges, { id, source, target, type: 'flow', ...(data ? { data } : {}) }],
  });
}

/** Edits a binding's key or arguments (the edge's data). */
export function updateEdgeData(id: string, path: readonly Segment[], value: unknown): void {
  const s = useAppStore.getState();
  const edge = s.edges.find((e) => e.id === id);
  if (!edge) return;
  const data = setAt(edge.data ?? {}, path, value);
  applyDesign(
    { edges: s.edges.map((e) => (e.id === id ? { ...e, data } : e)) },
    { coalesce: `edge:${id}:${path.join('/')}` },
  );
}

export function disconnect(source: string, target: string): void {
  const s = useAppStore.getState();
  applyDesign({ edges: s.edges.filter((e) => !(e.source === source && e.target === target)) });
}

function takenNames(nodes: readonly DiagramNode[]): Set<string> {
  return new Set(nodes.map((n) => entityName(n.data)));
}

/** The nearest spot below (then right of) `at` where a node of `kind` overlaps no other node. */
function freeSpot(nodes: readonly DiagramNode[], kind: NodeKind, at: XY): XY {
  const size = nodeSize(defaultData(kind, ''));
  const boxes = nodes.map((n) => ({
    ...n.position,
    ...(n.measured?.width && n.measured.height
      ? { width: n.measured.width, height: n.measured.height }
      : nodeSize(n.data)),
  }));
  const free = (p: XY) =>
    boxes.every(
      (b) =>
        p.x + size.width + 24 <= b.x ||
        b.x + b.width + 24 <= p.x ||
        p.y + size.height + 24 <= b.y ||
        b.y + b.height + 24 <= p.y,
    );
  for (let col = 0; col < 8; col++)
    for (let row = 0; row < 8; row++) {
      const p = { x: at.x + col * (size.width + 40), y: at.y + row * 180 };
      if (free(p)) return p;
    }
  return at;
}

export function addNode(kind: NodeKind, at: XY): string {
  const s = useAppStore.getState();
  const position = freeSpot(s.nodes, kind, at);
  const name = uniqueName(kindInfo(kind).baseName, takenNames(s.nodes));
  const id = uniqueId('n', new Set(s.nodes.map((n) => n.id)));
  const node: DiagramNode = {
    id,
    type: kind,
    position,
    data: defaultData(kind, name),
    selected: true,
  };
  applyDesign({
    nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node],
  });
  return id;
}

/** Renames' memo (`renameNode`): which name's references a node being renamed still owns. */
let renameMemo: RenameMemo = {};

export function updateNodeData(id: string, path: readonly Segment[], value: unknown): void {
  const s = useAppStore.getState();
  const node = s.nodes.find((n) => n.id === id);
  if (!node) return;
  const data = setAt(node.data, path, value) as NodeData;
  let settings = s.settings;
  if (isGroupData(node.data) && path.length === 1 && path[0] === 'id' && typeof value === 'string')
    settings = renameGroupInFaults(settings, node.data.id, value);
  let nodes = s.nodes.map((n) => (n.id === id ? { ...n, data } : n));
  // An exchange's or topic's new name: what names it (dead-letter and alternate exchanges,
  // services' emits) follows.
  if (path.length === 1 && path[0] === 'name' && typeof value === 'string') {
    const r = renameNode(s.nodes, id, value, renameMemo);
    nodes = r.nodes;
    renameMemo = r.memo;
  }
  applyDesign({ nodes, settings }, { coalesce: `${id}:${path.join('/')}` });
}

export function updateSettings(path: readonly Segment[], value: unknown): void {
  const s = useAppStore.getState();
  applyDesign(
    { settings: setAt(s.settings, path, value) },
    { coalesce: `settings:${path.join('/')}` },
  );
}

type GroupFault = { group?: unknown; member?: unknown };

function renameGroupInFaults(settings: DesignSettings, from: string, to: string): DesignSettings {
  const faults = settings.faults.map((f) => {
    const g = f as GroupFault;
    if (g.group !== from) return f;
    const member =
      typeof g.member === 'string' && g.member.startsWith(`${from}-`)
        ? `${to}${g.member.slice(from.length)}`
        : g.member;
    return { ...f, group: to, member } as typeof f;
  });
  return { ...settings, faults };
}

export function deleteSelection(): void {
  const s = useAppStore.getState();
  const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
  const edges = s.edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
  if (gone.size === 0 && edges.length === s.edges.length) return;
  const goneGroups = new Set(
    s.nodes.filter((n) => gone.has(n.id) && isGroupData(n.data)).map((n) => entityName(n.data)),
  );
  const faults = s.settings.faults.filter(
    (f) => !goneGroups.has((f as GroupFault).group as string),
  );
  applyDesign({
    nodes: s.nodes.filter((n) => !gone.has(n.id)),
    edges,
    settings: { ...s.settings, faults },
  });
}

export function selectAll(): void {
  useAppStore.setState((s) => ({ nodes: s.nodes.map((n) => ({ ...n, selected: true })) }));
}

export function selectOnly(id: string | null): void {
  useAppStore.setState((s) => ({
    nodes: s.nodes.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })),
    edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
  }));
}

/** Selects one edge (a binding, to edit it in the properties panel), nothing else. */
export function selectEdgeOnly(id: string): void {
  useAppStore.setState((s) => ({
    nodes: s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
    edges: s.edges.map((e) => (e.selected === (e.id === id) ? e : { ...e, selected: e.id === id })),
  }));
}

let clipboard: { nodes: DiagramNode[]; edges: DiagramEdge[] } | null = null;
let pastes = 0;

export function copySelection(): number {
  const s = useAppStore.getState();
  const nodes = s.nodes.filter((n) => n.selected);
  if (nodes.length === 0) return 0;
  const ids = new Set(nodes.map((n) => n.id));
  clipboard = { nodes, edges: s.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
  pastes = 0;
  return nodes.length;
}

/** Pastes the copied nodes (new ids and names), offset, with the edges between them; selects them. */
export function paste(): void {
  if (!clipboard) return;
  const s = useAppStore.getState();
  const ids = new Set(s.nodes.map((n) => n.id));
  const names = takenNames(s.nodes);
  const newId = new Map<string, string>();
  const offset = 40 * ++pastes;
  const pasted = clipboard.nodes.map((n): DiagramNode => {
    const id = uniqueId('n', ids);
    ids.add(id);
    newId.set(n.id, id);
    const name = uniqueName(entityName(n.data), names);
    names.add(name);
    const data = setAt(
      n.data,
      [n.data.kind === 'topic' || n.data.kind === 'deadLetterTopic' ? 'name' : 'id'],
      name,
    );
    return {
      id,
      type: n.type,
      position: { x: n.position.x + offset, y: n.position.y + offset },
      data,
      selected: true,
    };
  });
  const edges = clipboard.edges.map((e) => {
    const source = newId.get(e.source)!;
    const target = newId.get(e.target)!;
    return { id: `${source}->${target}`, source, target, type: 'flow' };
  });
  applyDesign({
    nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted],
    edges: [...s.edges, ...edges],
  });
}

/**
 * The diagram's bounds with room for what its nodes may still grow by in a run (designGrowth):
 * the view a design opens at fits them, so a node that grows stays in view. Null when empty.
 */
export function grownBounds(): { x: number; y: number; width: number; height: number } | null {
  const s = useAppStore.getState();
  if (s.nodes.length === 0) return null;
  const growth = designGrowth({ nodes: s.nodes, edges: s.edges, settings: s.settings });
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of s.nodes) {
    const m = n.measured;
    const size =
      m?.width && m.height
        ? { width: m.width, height: m.height + growthHeight(n.data, growth.get(n.id)) }
        : nodeSize(n.data, growth.get(n.id));
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + size.width);
    y1 = Math.max(y1, n.position.y + size.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Lays the diagram out again with the sizes React Flow measured (estimates for the rest), each
 * with room for what the node may still grow by in a run (a design opens before its run plays).
 */
export function autoLayout(history: HistoryMode = 'push'): void {
  const s = useAppStore.getState();
  const design = { nodes: s.nodes, edges: s.edges, settings: s.settings };
  const laid = layoutDesign(design, (n, growth) => {
    const m = n.measured;
    return m?.width && m.height
      ? { width: m.width, height: m.height + growthHeight(n.data, growth) }
      : nodeSize(n.data, growth);
  });
  applyDesign({ nodes: laid.nodes }, history);
}

/**
 * Sets which of `candidates` this node is connected to, in one direction (the properties panel's
 * connection pickers): edges to the others among `candidates` are removed, missing ones added.
 */
export function setLinks(
  nodeId: string,
  dir: 'out' | 'in',
  candidates: readonly string[],
  chosen: readonly string[],
): void {
  const s = useAppStore.getState();
  const cand = new Set(candidates);
  const other = (e: DiagramEdge) =>
    dir === 'out' ? (e.source === nodeId ? e.target : null) : e.target === nodeId ? e.source : null;
  const kept = s.edges.filter((e) => {
    const o = other(e);
    return o === null || !cand.has(o) || chosen.includes(o);
  });
  const have = new Set(kept.map(other).filter((o): o is string => o !== null));
  const added = chosen
    .filter((o) => !have.has(o))
    .map((o) => {
      const [source, target] = dir === 'out' ? [nodeId, o] : [o, nodeId];
      return { id: `${source}->${target}`, source, target, type: 'flow' };
    });
  const ids = new Set(kept.map((e) => e.id));
  const unique = added.map((e) => (ids.has(e.id) ? { ...e, id: uniqueId(`${e.id}#`, ids) } : e));
  applyDesign({ edges: [...kept, ...unique] });
}
