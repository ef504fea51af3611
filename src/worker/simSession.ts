/**
 * One scenario's runs in the worker: the timeline (root run + forks) and the player's clock on
 * the root run. The root run is recorded into the timeline as it advances, so any earlier point
 * can be viewed (stateAt) while the player goes on.
 */
import type { Scenario, SimState } from '../engine';
import { Timeline, type RunPolicy, type TimelineRun } from '../timeline';
import { buildView, type SimView } from './view';

/** simulate()'s default when a scenario has no durationMs. */
const DEFAULT_DURATION_MS = 10_000;

/**
 * The worker's memory bound per run: encoded log + snapshots beyond this fold the oldest history
 * into the base (the UI is told: counters.historyTrimmed). Partition records are the engine's
 * and are not trimmed.
 */
export const WORKER_MAX_TIMELINE_BYTES = 256 * 1024 * 1024;

export class SimSession {
  readonly endUs: number;
  readonly timeline: Timeline;
  readonly root: TimelineRun;
  /** Sim time reached: every event at or before it has been applied. */
  private clock = 0;

  constructor(
    readonly scenario: Scenario,
    policy: Partial<RunPolicy> = {},
  ) {
    this.endUs = Math.round((scenario.durationMs ?? DEFAULT_DURATION_MS) * 1000);
    this.timeline = new Timeline({ maxBytes: WORKER_MAX_TIMELINE_BYTES, ...policy });
    this.root = this.timeline.start(scenario);
  }

  get timeUs(): number {
    return this.clock;
  }

  get ended(): boolean {
    return this.clock >= this.endUs;
  }

  /** Applies every event up to `untilUs` (clamped to the run's end). Returns events applied. */
  advanceTo(untilUs: number): number {
    const target = Math.min(Math.max(untilUs, this.clock), this.endUs);
    const n = this.root.record(target);
    this.clock = Math.max(this.clock, target);
    return n;
  }

  /** The player caught up with a run that a job recorded ahead (runTo on the root). */
  syncClock(): void {
    this.clock = Math.min(Math.max(this.clock, this.root.untilUs), this.endUs);
  }

  view(): SimView {
    return buildView(this.liveState(), this.root.length);
  }

  /** The root run's current state (read-only use: views). */
  private liveState(): SimState {
    return this.root.live;
  }
}
