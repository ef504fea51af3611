/**
 * The timeline: the runs of one scenario (a root and its forks) over one shared intern table,
 * addressed by small integer ids (the worker's protocol names runs by id).
 */
import { compileModel, initialState, type Scenario } from '../engine';
import { EventCodec } from './codec';
import type { ForkChange } from './change';
import { compareRuns, type RunComparison } from './compare';
import { forkRun } from './fork';
import { InternTable } from './intern';
import { TimelineRun, type RunPolicy } from './run';

/**
 * Events per block (K): a snapshot candidate every K events. Measured on the default scenario
 * (npm run bench, 1M events): folding costs ~0.5 µs an event, and its snapshots are ~51 kB, so
 * with 8 snapshot bytes per event one is taken every 2 blocks; a seek folds ≤ ~8k events
 * (p50 ~2 ms) and snapshots cost ~6 B per event. K = 8192 halved the snapshot budget's say
 * and doubled the fold; a budget of 16 B/event halved p50 for +8 B/event.
 */
export const DEFAULT_BLOCK_EVENTS = 4096;

export const DEFAULT_POLICY: RunPolicy = {
  blockEvents: DEFAULT_BLOCK_EVENTS,
  snapshotBytesPerEvent: 8,
  maxBytes: Number.POSITIVE_INFINITY,
};

export class Timeline {
  readonly policy: RunPolicy;
  private readonly codec = new EventCodec(new InternTable());
  private readonly runs = new Map<number, TimelineRun>();
  private nextId = 0;

  constructor(policy: Partial<RunPolicy> = {}) {
    this.policy = { ...DEFAULT_POLICY, ...policy };
    if (!(this.policy.blockEvents >= 1)) throw new RangeError('blockEvents must be ≥ 1');
  }

  /** A new root run of `scenario` (seed overrides the scenario's), at time 0, nothing recorded. */
  start(scenario: Scenario, seed?: number): TimelineRun {
    const model = compileModel(scenario, seed);
    const run = new TimelineRun(
      this.nextId++,
      scenario,
      model,
      initialState(model),
      this.codec,
      this.policy,
    );
    this.runs.set(run.id, run);
    return run;
  }

  /** Forks run `runId` at `index` (rounded up to a step boundary) with `change`. */
  fork(runId: number, index: number, change: ForkChange): TimelineRun {
    const run = forkRun(this.nextId, this.run(runId), index, change, this.codec, this.policy);
    this.nextId++;
    this.runs.set(run.id, run);
    return run;
  }

  run(id: number): TimelineRun {
    const r = this.runs.get(id);
    if (!r)
      throw new Error(`no run ${id} on the timeline (runs: ${[...this.runs.keys()].join(', ')})`);
    return r;
  }

  get all(): TimelineRun[] {
    return [...this.runs.values()];
  }

  compare(a: number, b: number): RunComparison {
    return compareRuns(this.run(a), this.run(b));
  }
}
