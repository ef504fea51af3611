/**
 * One run of one scenario, advanced incrementally: the engine's `run` called repeatedly with
 * an increasing target time on the same state. The event log is not kept here (the timeline
 * will own it); the session only counts events.
 */
import { compileModel, initialState, run, type Scenario, type SimState } from '../engine';
import { buildView, type SimView } from './view';

/** simulate()'s default when a scenario has no durationMs. */
const DEFAULT_DURATION_MS = 10_000;

export class SimSession {
  readonly endUs: number;
  private state: SimState;
  private events = 0;
  /** Sim time reached: every event at or before it has been applied. */
  private clock = 0;

  constructor(readonly scenario: Scenario) {
    this.endUs = Math.round((scenario.durationMs ?? DEFAULT_DURATION_MS) * 1000);
    this.state = initialState(compileModel(scenario));
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
    const n = run(this.state, target, () => {});
    this.events += n;
    this.clock = target;
    return n;
  }

  view(): SimView {
    return buildView(this.state, this.events);
  }
}
