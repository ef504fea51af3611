/**
 * EventFlow's timeline: the append-only event log of a run (encoded compactly, records shared
 * with the engine's partition logs), snapshots every K events, seeks by `stateAt`, forks with a
 * change, comparison of runs, and small shareable run recipes. Pure and deterministic like the
 * engine: no DOM, no clock, no Math.random.
 */
export { Timeline, DEFAULT_BLOCK_EVENTS, DEFAULT_POLICY } from './timeline';
export { TimelineRun, type RunPolicy, type RunOrigin } from './run';
export { applyChange, type ForkChange } from './change';
export { compareRuns, type RunComparison, type MetricDiff } from './compare';
export { recipeOf, loadRecipe, type RunRecipe } from './share';
export { approxStateBytes } from './memory';
export type { Cursor } from './block';
