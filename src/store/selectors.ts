/**
 * Selectors. Each returns a reference that only changes when a new frame (or a new scenario)
 * arrives, so a node re-renders at most once per frame and only for its own figures.
 */
import type { AppState } from './store';

export const selectTopicView = (name: string) => (s: AppState) => s.view?.topics[name];
export const selectGroupView = (id: string) => (s: AppState) => s.view?.groups[id];
export const selectProducerView = (id: string) => (s: AppState) => s.view?.producers[id];
/** Every group's view: topic nodes read their readers' committed offsets from it. */
export const selectGroupViews = (s: AppState) => s.view?.groups;
export const selectTotals = (s: AppState) => s.view?.totals;
export const selectStatus = (s: AppState) => s.status;
/** The worker has loaded the open scenario and reported its first frame. */
export const selectSimReady = (s: AppState) => s.view !== null;
export const selectTimeUs = (s: AppState) => s.timeUs;
export const selectEndUs = (s: AppState) => s.endUs;
export const selectSpeed = (s: AppState) => s.speed;
export const selectScenario = (s: AppState) => s.scenario;
export const selectScenarioId = (s: AppState) => s.scenarioId;
export const selectNodes = (s: AppState) => s.nodes;
export const selectEdges = (s: AppState) => s.edges;
export const selectError = (s: AppState) => s.scenarioError ?? s.simError;
