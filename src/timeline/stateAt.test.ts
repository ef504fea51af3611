import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolve, fold, stateDigest } from '../engine';
import { scenarioArb } from '../engine/test/arbitraries';
import { Timeline } from './timeline';
import { FC_SEED, reference } from './testUtil';

// "Seek equals fold from zero": the timeline's stateAt(i) (nearest snapshot + refold) reaches
// exactly the state the engine's own fold of the first i events reaches, over random scenarios
// with fault schedules, random seeds, block sizes and snapshot budgets. fast-check prints the
// seed and path of a failure; pin it in `examples` below.
describe('stateAt(i) equals the fold from zero', () => {
  it('for random i over random scenarios with faults', () => {
    fc.assert(
      fc.property(
        scenarioArb(),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(0, 8, 1e9),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (scenario, seed, blockEvents, snapshotBytesPerEvent, picks) => {
          const ref = reference(scenario, 1500, seed);
          const tl = new Timeline({ blockEvents, snapshotBytesPerEvent });
          const run = tl.start(scenario, seed);
          // Recorded in uneven slices, as the worker does.
          for (const ms of [0, 1, 333, 900, 1500]) run.record(ms * 1000);
          expect(run.length).toBe(ref.events.length);
          expect(run.logHash()).toBe(ref.summary.logHash);
          for (const p of [...picks, 0, 1]) {
            const i = Math.floor(p * run.length);
            expect(stateDigest(run.stateAt(i)), `i=${i}`).toBe(
              stateDigest(fold(ref.model, ref.events, i)),
            );
          }
        },
      ),
      { numRuns: 60, seed: FC_SEED },
    );
  });

  it('hands out states the caller may fold on without disturbing the timeline', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const ref = reference(scenario, 1000);
        const run = new Timeline({ blockEvents: 50 }).start(scenario);
        run.record(1_000_000);
        const i = Math.floor(run.length / 2);
        const s = run.stateAt(i);
        const atI = stateDigest(s);
        const before = stateDigest(run.stateAt(run.length));
        // Folding the handed-out state to the end must not touch snapshots or the live state.
        const c = run.cursor(i);
        for (let e = c.next(); e; e = c.next()) evolve(s, e);
        expect(stateDigest(s)).toBe(before);
        expect(stateDigest(run.stateAt(run.length))).toBe(before);
        expect(stateDigest(run.stateAt(i))).toBe(atI);
        expect(atI).toBe(stateDigest(fold(ref.model, ref.events, i)));
      }),
      { numRuns: 20, seed: FC_SEED },
    );
  });

  it('refuses indices outside the run with a clear message', () => {
    fc.assert(
      fc.property(scenarioArb({ faults: false }), (scenario) => {
        const run = new Timeline().start(scenario);
        run.record(100_000);
        expect(() => run.stateAt(run.length + 1)).toThrow(/outside the run/);
        expect(() => run.stateAt(-1)).toThrow(/outside the run/);
        expect(() => run.stateAt(0.5)).toThrow(/outside the run/);
      }),
      { numRuns: 5, seed: FC_SEED },
    );
  });
});
