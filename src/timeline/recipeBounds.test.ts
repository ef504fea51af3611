import { describe, expect, it } from 'vitest';
import { RECIPE_LIMITS } from './run';
import { loadRecipe, recipeOf, type RunRecipe } from './share';
import { Timeline } from './timeline';
import { defaultScenario } from './testUtil';

/*
 * Issue 17: "a run recipe with a huge untilUs re-simulates 10M events before reporting a
 * mismatch". Bounds are checked before any simulation, and re-simulation stops as soon as it
 * passes the event count the recipe claims.
 */
describe('run recipes are bounded before any simulation work', () => {
  const tl = new Timeline({ blockEvents: 1000 });
  const root = tl.start(defaultScenario());
  root.record(300_000);
  const recipe = recipeOf(root);

  it.each<[string, Partial<RunRecipe> | Record<string, unknown>, RegExp]>([
    [
      'a huge untilUs',
      { untilUs: 1e15 },
      /^run recipe untilUs: must be from 0 to 1,000,000,000,000, got 1000000000000000$/,
    ],
    ['a negative untilUs', { untilUs: -5 }, /^run recipe untilUs: must be from 0 to/],
    ['a huge event count', { events: 1e12 }, /^run recipe events: must be from 0 to 50,000,000/],
    ['a seed past 32 bits', { seed: 2 ** 32 }, /^run recipe seed: must be from 0 to 4,294,967,295/],
    [
      'a fork past the events',
      { forks: [{ at: recipe.events + 1, untilUs: 1, change: { kind: 'x' } }] },
      /^run recipe forks\[0\]\.at: must be from 0 to/,
    ],
    [
      'too many forks',
      {
        forks: Array.from({ length: RECIPE_LIMITS.maxForks + 1 }, () => ({
          at: 0,
          untilUs: 0,
          change: {},
        })),
      },
      /^run recipe forks: at most 100 forks, got 101$/,
    ],
    ['a hex-like string', { untilUs: '0x10' }, /^run recipe untilUs: expected an integer$/],
  ])('refuses %s by name', (_what, patch, message) => {
    expect(() => loadRecipe({ ...recipe, ...patch })).toThrow(message);
  });

  it('stops re-simulating once the run passes the events the recipe claims', () => {
    // Claims 50 events up to 1,000 s of sim time: the real run has far more by then.
    const lying = { ...recipe, events: 50, untilUs: 1_000_000_000 };
    const t0 = new Timeline({ blockEvents: 1000 });
    const r = t0.start(defaultScenario());
    expect(() => r.record(1_000_000_000, 50)).toThrow('more than 50 events');
    expect(r.length).toBe(51);
    expect(() => loadRecipe(lying)).toThrow(
      /differs from the saved one \(it passes the saved 50 events\)/,
    );
  });

  it('still loads a genuine recipe exactly', () => {
    const { run } = loadRecipe(JSON.parse(JSON.stringify(recipe)));
    expect(run.logHash()).toBe(root.logHash());
  });
});
