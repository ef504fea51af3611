/**
 * Selectors. Each returns a reference that only changes when a new frame or a design edit
 * arrives, so a node re-renders at most once per frame and only for its own figures.
 */
import type { AppState } from './store';

const NO_ISSUES: never[] = [];
const NO_READERS: never[] = [];

export const selectTopicView = (name: string) => (s: AppState) => s.view?.topics[name];
export const selectGroupView = (id: string) => (s: AppState) => s.view?.groups[id];
export const selectProducerView = (id: string) => (s: AppState) => s.view?.producers[id];
/** Every group's view: topic nodes read their readers' committed offsets and positions from it. */
export const selectGroupViews = (s: AppState) => s.view?.groups;
export const selectTotals = (s: AppState) => s.view?.totals;
export const selectStatus = (s: AppState) => s.status;
/** The worker has the design and reported a frame, or there is nothing it could run. */
export const selectSimReady = (s: AppState) => s.view !== null || !s.compiled.ok;
export const selectTimeUs = (s: AppState) => s.timeUs;
export const selectEndUs = (s: AppState) => s.endUs;
export const selectSpeed = (s: AppState) => s.speed;
export const selectSettings = (s: AppState) => s.settings;
export const selectOrigin = (s: AppState) => s.origin;
export const selectNodes = (s: AppState) => s.nodes;
export const selectEdges = (s: AppState) => s.edges;
export const selectNodeIssues = (id: string) => (s: AppState) => s.nodeIssues[id] ?? NO_ISSUES;
export const selectDesignIssues = (s: AppState) => s.designIssues;
export const selectCompiledOk = (s: AppState) => s.compiled.ok;
export const selectIssueCount = (s: AppState) => s.compiled.issues.length;
export const selectColor = (id: string) => (s: AppState) => s.colors[id];
export const selectReaders = (id: string) => (s: AppState) => s.readers[id] ?? NO_READERS;
export const selectEdgeInfo = (id: string) => (s: AppState) => s.edgeInfo[id];
export const selectEdgeRate = (id: string) => (s: AppState) => s.rates[id] ?? 0;
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
export const selectSelectedCount = (s: AppState) => s.nodes.reduce((k, n) => k + (n.selected ? 1 : 0), 0);
export const selectNode = (id: string | null) => (s: AppState) => (id === null ? undefined : s.nodes.find((n) => n.id === id));
