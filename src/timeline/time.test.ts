import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArb } from '../engine/test/arbitraries';
import { Timeline } from './timeline';
import { FC_SEED, reference } from './testUtil';

describe('event index ↔ sim time', () => {
  it('indexAtTime and timeAtIndex agree with the log, both ways round', () => {
    fc.assert(
      fc.property(
        scenarioArb(),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (scenario, blockEvents, picks) => {
          const ref = reference(scenario, 1200);
          const run = new Timeline({ blockEvents }).start(scenario);
          run.record(1_200_000);
          const times = ref.events.map((e) => e.timeUs);
          const countAtOrBefore = (t: number) => times.filter((x) => x <= t).length;
          for (const p of picks) {
            // index → time → index: the time of the state after i events, and every event of
            // that instant (a step boundary at or after i).
            const i = Math.floor(p * run.length);
            const t = run.timeAtIndexUs(i);
            expect(t).toBe(i === 0 ? 0 : times[i - 1]);
            const j = run.indexAtTimeUs(t);
            expect(j).toBeGreaterThanOrEqual(i);
            expect(j).toBe(countAtOrBefore(t));
            expect(run.timeAtIndexUs(j)).toBe(t);
            // time → index → time: never later than asked, and the next event is after it.
            const u = Math.floor(p * 1_300_000);
            const k = run.indexAtTimeUs(u);
            expect(k).toBe(countAtOrBefore(u));
            expect(run.timeAtIndexUs(k)).toBeLessThanOrEqual(u);
            if (k < run.length) expect(times[k]!).toBeGreaterThan(u);
          }
        },
      ),
      { numRuns: 40, seed: FC_SEED },
    );
  });

  it('step boundaries: forks start after the whole instant of the event before', () => {
    fc.assert(
      fc.property(
        scenarioArb({ faults: false }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (scenario, p) => {
          const ref = reference(scenario, 800);
          const run = new Timeline({ blockEvents: 64 }).start(scenario);
          run.record(800_000);
          const i = Math.floor(p * run.length);
          const b = run.boundaryAtOrAfter(i);
          expect(b).toBeGreaterThanOrEqual(i);
          if (b > 0 && b < run.length)
            expect(ref.events[b]!.timeUs).toBeGreaterThan(ref.events[b - 1]!.timeUs);
        },
      ),
      { numRuns: 30, seed: FC_SEED },
    );
  });
});
