/**
 * Sharing a run: a run is reproducible from scenario + seed + its chain of forks, so that is
 * all a saved or shared run holds (a few kB, however long the run). Loading re-simulates and
 * checks the log hash, so an engine change that alters the run is caught, not shown silently.
 */
import { parseScenario, formatErrors, type Scenario } from '../engine';
import type { ForkChange } from './change';
import type { TimelineRun } from './run';
import { Timeline } from './timeline';
import { EventBudgetExceeded, RECIPE_LIMITS, type RunPolicy } from './run';

export interface RunRecipe {
  version: 1;
  scenario: Scenario;
  seed: number;
  /** Sim time the root run was recorded to. */
  untilUs: number;
  /** From the root down to the shared run: fork point, change, and how far it was recorded. */
  forks: { at: number; change: ForkChange; untilUs: number }[];
  events: number;
  logHash: string;
}

export function recipeOf(run: TimelineRun): RunRecipe {
  const chain: TimelineRun[] = [];
  for (let r: TimelineRun | null = run; r; r = r.parent) chain.unshift(r);
  const root = chain[0]!;
  return {
    version: 1,
    scenario: root.scenario,
    seed: root.model.seed,
    untilUs: root.untilUs,
    forks: chain
      .slice(1)
      .map((r) => ({ at: r.origin!.at, change: r.origin!.change, untilUs: r.untilUs })),
    events: run.length,
    logHash: run.logHash(),
  };
}

/**
 * Re-creates a shared run: validates the recipe (untrusted input), re-simulates the root and
 * each fork, and checks the log hash. Throws with a message naming the bad field or the mismatch.
 */
export function loadRecipe(
  input: unknown,
  policy: Partial<RunPolicy> = {},
): { timeline: Timeline; run: TimelineRun } {
  const r = checkRecipe(input);
  const timeline = new Timeline(policy);
  // The shown (last) run stops as soon as it passes the saved event count: a mismatch is
  // reported then, not after simulating whatever a damaged recipe asks for. The runs before it
  // may be longer than it (a fork can end sooner), so they get the absolute bound only.
  const budget = (i: number) => (i === r.forks.length - 1 ? r.events : RECIPE_LIMITS.maxEvents);
  const tooLong = (e: unknown) =>
    e instanceof EventBudgetExceeded
      ? new Error(
          `the re-simulated run differs from the saved one (it passes the saved ${r.events} events): the engine changed since it was saved, or the recipe is damaged`,
          { cause: e },
        )
      : e;
  let run = timeline.start(r.scenario, r.seed);
  try {
    run.record(r.untilUs, budget(-1));
  } catch (e) {
    throw tooLong(e);
  }
  r.forks.forEach((f, i) => {
    try {
      run = timeline.fork(run.id, f.at, f.change);
      run.record(f.untilUs, budget(i));
    } catch (e) {
      if (e instanceof EventBudgetExceeded) throw tooLong(e);
      throw new Error(`forks[${i}]: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  });
  const hash = run.logHash();
  if (hash !== r.logHash || run.length !== r.events)
    throw new Error(
      `the re-simulated run differs from the saved one (logHash ${hash}, ${run.length} events; saved ${r.logHash}, ${r.events} events): the engine changed since it was saved`,
    );
  return { timeline, run };
}

function checkRecipe(input: unknown): RunRecipe {
  const o = input as Partial<RunRecipe> | null;
  const fail = (path: string, msg: string): never => {
    throw new Error(`run recipe ${path}: ${msg}`);
  };
  if (!o || typeof o !== 'object') fail('$', 'expected an object');
  if (o!.version !== 1) fail('version', 'expected 1');
  const parsed = parseScenario(o!.scenario);
  if (!parsed.ok) fail('scenario', formatErrors(parsed.errors));
  const int = (v: unknown, path: string) =>
    Number.isSafeInteger(v) ? (v as number) : fail(path, 'expected an integer');
  // Every bound is checked here, before any simulation work.
  const within = (v: unknown, max: number, path: string) => {
    const n = int(v, path);
    if (n < 0 || n > max) fail(path, `must be from 0 to ${max.toLocaleString('en-US')}, got ${n}`);
    return n;
  };
  within(o!.seed, 0xffffffff, 'seed');
  within(o!.untilUs, RECIPE_LIMITS.maxUntilUs, 'untilUs');
  const events = within(o!.events, RECIPE_LIMITS.maxEvents, 'events');
  if (typeof o!.logHash !== 'string') fail('logHash', 'expected a string');
  if (!Array.isArray(o!.forks)) fail('forks', 'expected an array');
  if (o!.forks!.length > RECIPE_LIMITS.maxForks)
    fail('forks', `at most ${RECIPE_LIMITS.maxForks} forks, got ${o!.forks!.length}`);
  o!.forks!.forEach((f, i) => {
    if (!f || typeof f !== 'object') fail(`forks[${i}]`, 'expected an object');
    within(f.at, events, `forks[${i}].at`);
    within(f.untilUs, RECIPE_LIMITS.maxUntilUs, `forks[${i}].untilUs`);
    if (!f.change || typeof f.change !== 'object') fail(`forks[${i}].change`, 'expected an object');
  });
  return { ...(o as RunRecipe), scenario: parsed.ok ? parsed.scenario : o!.scenario! };
}
