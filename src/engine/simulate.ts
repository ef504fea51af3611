import { decide, nextActor } from './decide';
import type { SimEvent } from './events';
import { evolve } from './evolve';
import { LogHasher } from './hash';
import { livelockLimit, movesWorkOn } from './progress';
import { compileModel, US_PER_MS, type Model } from './model';
import type { Scenario } from './scenario/types';
import { initialState, type SimState } from './state';
import { summarize, type Summary } from './summary';

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
  let n = 0;
  let sameTime = 0;
  let lastT = -1;
  const limit = livelockLimit(state.model);
  for (;;) {
    const a = nextActor(state);
    if (a < 0) break;
    const t = state.wake.get(a);
    if (t > untilUs) break;
    // Sim time never goes back: an actor woken for a past deadline would stamp its events
    // earlier than events already in the log (a wake must be max(now, deadline)).
    if (t < state.timeUs)
      throw new Error(
        `sim time went back: actor ${a} woke at ${t}µs after an event at ${state.timeUs}µs`,
      );
    const evs = decide(state, a);
    if (evs.length === 0)
      throw new Error(`engine stalled: actor ${a} woke at ${t}µs and decided nothing`);
    for (const e of evs)
      if (e.timeUs !== t)
        throw new Error(
          `sim time: actor ${a} woke at ${t}µs but decided an event at ${e.timeUs}µs`,
        );
    // Last-resort bug detector: valid input never gets here (see progress.ts).
    if (t === lastT && !movesWorkOn(evs[0]!)) {
      if (++sameTime > limit) throw new Error(`engine livelock at ${t}µs (actor ${a})`);
    } else {
      lastT = t;
      sameTime = 0;
    }
    for (const e of evs) {
      evolve(state, e);
      emit(e);
      n++;
    }
  }
  return n;
}

/** Folds a log from the initial state: the state any prefix of a run stands for. */
export function fold(model: Model, events: readonly SimEvent[], upTo = events.length): SimState {
  const s = initialState(model);
  for (let i = 0; i < upTo; i++) evolve(s, events[i]!);
  return s;
}
