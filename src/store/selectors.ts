/**
 * Selectors. Each returns a reference that only changes when a new frame or a design edit
 * arrives, so a node re-renders at most once per frame and only for its own figures.
 */
import type { AppState } from './store';

const NO_ISSUES: never[] = [];
const NO_READERS: never[] = [];

/**
 * o[k] only when o has k itself: names are user text, and "constructor" or "toString" must not
 * find Object.prototype's (the worker's views arrive as plain objects).
 */
export function own<T>(o: Readonly<Record<string, T>> | undefined, k: string): T | undefined {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

export const selectTopicView = (name: string) => (s: AppState) => own(s.view?.topics, name);
export const selectGroupView = (id: string) => (s: AppState) => own(s.view?.groups, id);
export const selectProducerView = (id: string) => (s: AppState) => own(s.view?.producers, id);
/** Every group's view: topic nodes read their readers' committed offsets and positions from it. */
export const selectGroupViews = (s: AppState) => s.view?.groups;
export const selectTotals = (s: AppState) => s.view?.totals;
export const selectStatus = (s: AppState) => s.status;
/** The worker has the design and reported a frame, or there is nothing it could run. */
export const selectSimReady = (s: AppState) =>
  s.view !== null || !s.compiled.ok || s.tooHeavy || s.workerDown;
export const selectTimeUs = (s: AppState) => s.timeUs;
export const selectEndUs = (s: AppState) => s.endUs;
export const selectTrimmedBeforeUs = (s: AppState) => s.trimmedBeforeUs;
export const selectSpeed = (s: AppState) => s.speed;
export const selectSettings = (s: AppState) => s.settings;
export const selectOrigin = (s: AppState) => s.origin;
export const selectNodes = (s: AppState) => s.nodes;
export const selectEdges = (s: AppState) => s.edges;
export const selectNodeIssues = (id: string) => (s: AppState) => own(s.nodeIssues, id) ?? NO_ISSUES;
export const selectDesignIssues = (s: AppState) => s.designIssues;
export const selectCompiledOk = (s: AppState) => s.compiled.ok;
export const selectIssueCount = (s: AppState) => s.compiled.issues.length;
export const selectColor = (id: string) => (s: AppState) => own(s.colors, id);
export const selectReaders = (id: string) => (s: AppState) => own(s.readers, id) ?? NO_READERS;
export const selectEdgeInfo = (id: string) => (s: AppState) => own(s.edgeInfo, id);
export const selectEdgeRate = (id: string) => (s: AppState) => own(s.rates, id) ?? 0;
export const selectPlaying = (s: AppState) => s.status === 'playing';
export const selectColorBy = (s: AppState) => s.colorBy;
export const selectTheme = (s: AppState) => s.theme;
export const selectNotice = (s: AppState) => s.notice;
export const selectSimError = (s: AppState) => s.simError;
export const selectCanUndo = (s: AppState) => s.past.length > 0;
export const selectCanRedo = (s: AppState) => s.future.length > 0;
export const selectHelpOpen = (s: AppState) => s.helpOpen;
/** The one selected node's id, or null (none or several). */
export const selectSingleSelectedId = (s: AppState) => {
  let id: string | null = null;
  for (const n of s.nodes) {
    if (!n.selected) continue;
    if (id !== null) return null;
    id = n.id;
  }
  return id;
};
/** The selected edge's id when it is the only selection (no node selected), else null. */
export const selectSingleSelectedEdgeId = (s: AppState) => {
  if (s.nodes.some((n) => n.selected)) return null;
  let id: string | null = null;
  for (const e of s.edges) {
    if (!e.selected) continue;
    if (id !== null) return null;
    id = e.id;
  }
  return id;
};
export const selectEdge = (id: string | null) => (s: AppState) =>
  id === null ? undefined : s.edges.find((e) => e.id === id);
/** RabbitMQ: the exchange a producer publishes to, or the queue a group consumes (by node id). */
export const selectAmqpLink = (id: string) => (s: AppState) => own(s.amqpLinks, id);
export const selectAmqpQueue = (name: string) => (s: AppState) => own(s.view?.amqp?.queues, name);
export const selectAmqpConsumer = (id: string) => (s: AppState) => own(s.view?.amqp?.consumers, id);
export const selectAmqpExchange = (name: string) => (s: AppState) =>
  own(s.view?.amqp?.exchanges, name);
/** Messages routed through a binding so far (key: the engine's `bindingKey`); undefined when
 *  nothing runs RabbitMQ. */
export const selectAmqpBindingCount = (key: string) => (s: AppState) =>
  s.view?.amqp ? (own(s.view.amqp.bindings, key) ?? 0) : undefined;
/** An exchange's type by name (a binding's label and form depend on it). */
export const selectExchangeType = (nodeId: string) => (s: AppState) => {
  const n = s.nodes.find((x) => x.id === nodeId);
  return n?.data.kind === 'exchange' ? n.data.type : undefined;
};
export const selectSelectedCount = (s: AppState) =>
  s.nodes.reduce((k, n) => k + (n.selected ? 1 : 0), 0);
export const selectNode = (id: string | null) => (s: AppState) =>
  id === null ? undefined : s.nodes.find((n) => n.id === id);

const NO_ANOMALIES: never[] = [];
const NO_MARKS: never[] = [];
export const selectCursor = (s: AppState) => s.cursor;
export const selectActiveRun = (s: AppState) => s.activeRun;
export const selectRuns = (s: AppState) => s.runs;
export const selectHeadEvents = (s: AppState) => s.headEvents;
export const selectReplaying = (s: AppState) => s.replaying;
/** Playing live or replaying history: Space pauses either. */
export const selectMoving = (s: AppState) => s.status === 'playing' || s.replaying;
export const selectAnomalies = (s: AppState) => s.insight[s.activeRun]?.anomalies ?? NO_ANOMALIES;
export const selectAnomalyTotal = (s: AppState) => s.insight[s.activeRun]?.total ?? 0;
export const selectMarks = (s: AppState) => s.insight[s.activeRun]?.marks ?? NO_MARKS;
export const selectSelectedAnomaly = (s: AppState) => s.selectedAnomaly;
export const selectHighlight = (s: AppState) => s.highlight;
export const selectComparison = (s: AppState) => s.comparison;
export const selectLineage = (s: AppState) => s.lineage;
export const selectInsightTab = (s: AppState) => s.insightTab;
/** The sim time the canvas shows: the cursor's, or the live head's. */
export const selectShownTimeUs = (s: AppState) =>
  s.cursor ? s.cursor.timeUs : s.activeRun === 0 ? s.timeUs : 0;
export const selectRecordsView = (s: AppState) => s.records;
