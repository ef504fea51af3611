import type { SimEvent } from './kafka/events';
import { LogHasher } from './kernel/hash';
import { runLoop } from './kernel/loop';
import { evolve, WORLD } from './world';
import { compileModel, US_PER_MS, type Model } from './kafka/model';
import type { Scenario } from './scenario/types';
import { initialState, type SimState } from './kafka/state';
import { summarize, type Summary } from './kafka/summary';

/** How long a scenario runs when neither it nor the caller says (ms of sim time). */
export const DEFAULT_DURATION_MS = 10_000;

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Sim time to run to; defaults to the scenario's durationMs, else 10,000 ms. */
  untilMs?: number;
  /** Keep the event log in memory (default true). */
  keepEvents?: boolean;
  /** Hash the log (default true); the bench turns it off to time the engine alone. */
  hash?: boolean;
  /** Called with every event after it is applied. */
  onEvent?: (e: SimEvent, s: SimState) => void;
}

export interface SimulateResult {
  events: SimEvent[];
  summary: Summary;
  state: SimState;
  model: Model;
}

/** Runs a scenario: decide → evolve until the sim clock passes `untilMs`. Deterministic. */
export function simulate(scenario: Scenario, opts: SimulateOptions = {}): SimulateResult {
  const model = compileModel(scenario, opts.seed);
  const state = initialState(model);
  const untilUs = Math.round(
    (opts.untilMs ?? scenario.durationMs ?? DEFAULT_DURATION_MS) * US_PER_MS,
  );
  const keep = opts.keepEvents ?? true;
  const hasher = opts.hash === false ? null : new LogHasher();
  const events: SimEvent[] = [];
  let count = 0;
  run(state, untilUs, (e) => {
    count++;
    if (keep) events.push(e);
    hasher?.add(e);
    opts.onEvent?.(e, state);
  });
  return { events, summary: summarize(state, count, hasher?.hex() ?? ''), state, model };
}

/** The engine loop, shared by simulate and the timeline. Returns the number of events. */
export function run(state: SimState, untilUs: number, emit: (e: SimEvent) => void): number {
  return runLoop(WORLD, state, untilUs, emit);
}

/** Folds a log from the initial state: the state any prefix of a run stands for. */
export function fold(model: Model, events: readonly SimEvent[], upTo = events.length): SimState {
  const s = initialState(model);
  for (let i = 0; i < upTo; i++) evolve(s, events[i]!);
  return s;
}
