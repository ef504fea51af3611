import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Timeline } from '../timeline';
import { defaultScenario } from '../timeline/testUtil';
import { boundaryBefore } from './timelineRequests';

const FC_SEED = 20261201;

describe('boundaryBefore (a fork "just before" an event)', () => {
  const tl = new Timeline({ blockEvents: 101 });
  const run = tl.start(defaultScenario());
  run.record(600_000);
  const events = run.events(0, run.length);

  it('is the last step boundary strictly before the event’s instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: run.length - 1 }), (i) => {
        const b = boundaryBefore(run, i);
        expect(b).toBeLessThanOrEqual(i);
        // Every event before b is earlier than event i; every event from b to i is at its instant.
        if (b > 0) expect(events[b - 1]!.timeUs).toBeLessThan(events[i]!.timeUs);
        for (let k = b; k <= i; k++) expect(events[k]!.timeUs).toBe(events[i]!.timeUs);
        // A fork there starts exactly there (it is a boundary).
        expect(run.boundaryAtOrAfter(b)).toBe(b);
      }),
      { numRuns: 200, seed: FC_SEED },
    );
  });

  it('refuses an index outside the run with a clear message', () => {
    expect(() => boundaryBefore(run, run.length)).toThrow(/outside the run/);
    expect(() => boundaryBefore(run, -1)).toThrow(/outside the run/);
    expect(() => boundaryBefore(run, 1.5)).toThrow(/outside the run/);
  });
});
