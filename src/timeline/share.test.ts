import { describe, expect, it } from 'vitest';
import { loadRecipe, recipeOf } from './share';
import { Timeline } from './timeline';
import { defaultScenario } from './testUtil';

describe('sharing a run as a recipe', () => {
  const scenario = defaultScenario();
  const tl = new Timeline({ blockEvents: 1000 });
  const root = tl.start(scenario);
  root.record(2_000_000);
  const fork = tl.fork(root.id, 4000, {
    kind: 'setGroup',
    group: 'payment',
    set: { commit: 'before-processing' },
  });
  fork.record(2_000_000);
  const forkOfFork = tl.fork(fork.id, 7000, {
    kind: 'addFault',
    fault: { kind: 'pause', atMs: 1800, group: 'email', member: 'email-1', durationMs: 100 },
  });
  forkOfFork.record(2_000_000);

  it('is small and re-creates the same run (log hash checked), through JSON', () => {
    const recipe = recipeOf(forkOfFork);
    const text = JSON.stringify(recipe);
    expect(text.length).toBeLessThan(8000);
    expect(recipe.forks).toHaveLength(2);
    const { run } = loadRecipe(JSON.parse(text));
    expect(run.logHash()).toBe(forkOfFork.logHash());
    expect(run.length).toBe(forkOfFork.length);
  });

  it('refuses a recipe whose re-simulation differs, and bad fields by name', () => {
    const recipe = recipeOf(fork);
    expect(() => loadRecipe({ ...recipe, logHash: '0000000000000000' })).toThrow(
      /differs from the saved one/,
    );
    expect(() => loadRecipe({ ...recipe, version: 2 })).toThrow(/run recipe version: expected 1/);
    expect(() => loadRecipe({ ...recipe, forks: [{ at: 'x' }] })).toThrow(
      /forks\[0\]\.at: expected an integer/,
    );
    expect(() => loadRecipe({ ...recipe, scenario: { version: 1 } })).toThrow(
      /run recipe scenario/,
    );
    expect(() =>
      loadRecipe({
        ...recipe,
        forks: [{ at: 10, untilUs: 1, change: { kind: 'setGroup', group: 'zz', set: {} } }],
      }),
    ).toThrow(/forks\[0\]: setGroup: no consumer group named "zz"/);
  });
});
