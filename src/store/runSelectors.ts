/**
 * Selectors for the shown run's own settings: a fork simulates a changed scenario, and the
 * canvas shows that scenario's settings, not the design's. Each returns an object already in
 * the store (stable references, as zustand needs).
 */
import type { GroupSpec, ProducerSpec, TopicSpec } from '../engine';
import type { AppState } from './store';
import type { RunInfo } from './timelineSlice';

/** The shown run when it is a fork (its `scenario` is set), else null. */
export const selectShownFork = (s: AppState): RunInfo | null => {
  const r = s.runs.find((x) => x.id === s.activeRun);
  return r && r.parent !== null && r.scenario ? r : null;
};

const rootScenario = (s: AppState) => (s.compiled.ok ? s.compiled.scenario : null);

export const selectRunGroup =
  (id: string) =>
  (s: AppState): GroupSpec | undefined =>
    selectShownFork(s)?.scenario?.groups.find((g) => g.id === id);
export const selectRootGroup =
  (id: string) =>
  (s: AppState): GroupSpec | undefined =>
    rootScenario(s)?.groups.find((g) => g.id === id);
export const selectRunProducer =
  (id: string) =>
  (s: AppState): ProducerSpec | undefined =>
    selectShownFork(s)?.scenario?.producers.find((p) => p.id === id);
export const selectRootProducer =
  (id: string) =>
  (s: AppState): ProducerSpec | undefined =>
    rootScenario(s)?.producers.find((p) => p.id === id);
export const selectRunTopic =
  (name: string) =>
  (s: AppState): TopicSpec | undefined =>
    selectShownFork(s)?.scenario?.topics.find((t) => t.name === name);
export const selectRootTopic =
  (name: string) =>
  (s: AppState): TopicSpec | undefined =>
    rootScenario(s)?.topics.find((t) => t.name === name);
/** The shown fork's name ("B"), or null on the original run. */
export const selectShownForkName = (s: AppState): string | null => selectShownFork(s)?.name ?? null;
