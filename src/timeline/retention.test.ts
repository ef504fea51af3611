import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, parseScenario, simulate, stateDigest } from '../engine';
import { chaosScenarioArb } from '../engine/test/chaosArbitraries';
import { withRetention } from '../engine/test/retentionArbitraries';
import { Timeline } from './timeline';
import { FC_SEED } from './testUtil';

// Retention (src/engine/kafka/retention.ts) in the timeline: segment deletions, resets after
// OFFSET_OUT_OF_RANGE and the log start offset go through the codec and come back from a seek
// exactly as the fold from zero makes them.
describe('the timeline with retention', () => {
  it('stateAt(i) equals the fold from zero and the log hash is the run’s (random retention runs with faults)', () => {
    let deletions = 0;
    fc.assert(
      fc.property(
        withRetention(chaosScenarioArb({ cluster: 'never', loops: false, durationMs: 3000 })),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(0, 8, 1e9),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
        (raw, blockEvents, snapshotBytesPerEvent, picks) => {
          const p = parseScenario(raw);
          if (!p.ok) return;
          const ref = simulate(p.scenario, { untilMs: 3000 });
          deletions += ref.events.filter((e) => e.type === 'segmentsDeleted').length;
          const run = new Timeline({ blockEvents, snapshotBytesPerEvent }).start(p.scenario);
          for (const ms of [0, 1, 777, 2000, 3000]) run.record(ms * 1000);
          expect(run.length).toBe(ref.events.length);
          expect(run.logHash()).toBe(ref.summary.logHash);
          for (const x of [...picks, 1]) {
            const i = Math.floor(x * run.length);
            expect(stateDigest(run.stateAt(i)), `i=${i}`).toBe(
              stateDigest(fold(ref.model, ref.events, i)),
            );
          }
          const c = run.cursor(0);
          for (const e of ref.events) expect(JSON.stringify(c.next())).toBe(JSON.stringify(e));
        },
      ),
      { numRuns: 20, seed: FC_SEED },
    );
    expect(deletions).toBeGreaterThan(20);
  });
});
