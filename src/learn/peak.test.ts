/** Goals over the whole run (`over: 'run'`): the peak of lag and pending, not their end value. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMsg } from '../i18n';
import type { Scenario } from '../engine';
import { scenarioArb } from '../engine/test/arbitraries';
import { evaluateGoal, runForCheck } from './goals';

/** 600 records/s for 1.5 s into 2 partitions, a consumer of 100 records/s on each: lag climbs, then drains. */
const burst: Scenario = {
  version: 1,
  name: 'burst',
  seed: 3,
  durationMs: 8000,
  topics: [{ name: 'clicks', partitions: 2 }],
  producers: [
    {
      id: 'web',
      topic: 'clicks',
      rate: { kind: 'constant', perSec: 600 },
      keys: { kind: 'uniform', count: 50 },
      eventType: 'Clicked',
      stopMs: 1500,
    },
  ],
  groups: [
    {
      id: 'analytics',
      topics: ['clicks'],
      members: 2,
      processingMs: 10,
      commit: 'after-processing',
      config: { 'auto.offset.reset': 'earliest' },
    },
  ],
  faults: [],
};

describe("goals over the run (over: 'run')", () => {
  it('a lag that climbed and drained passes at the end and fails over the run, naming the peak', () => {
    const r = runForCheck(burst);
    if (!r.ok) throw new Error(renderMsg('en', r.error));
    const end = r.result.summary.groups[0]!.lagMax!;
    const peak = r.result.peak.groups[0]!.lagMax!;
    expect(end).toBeLessThan(100);
    expect(peak).toBeGreaterThan(100);
    const atEnd = evaluateGoal(
      { summary: 'lagMax', op: '<', value: 100, group: 'analytics' },
      r.result,
    );
    const overRun = evaluateGoal(
      { summary: 'lagMax', op: '<', value: 100, group: 'analytics', over: 'run' },
      r.result,
    );
    expect(atEnd.ok).toBe(true);
    expect(overRun.ok).toBe(false);
    const text = renderMsg('en', overRun.feedback);
    expect(text).toContain('the highest');
    expect(text).toContain(String(peak));
    expect(renderMsg('zh-CN', overRun.feedback)).toContain('运行期间最高');
  });

  it('property: the peak is never below the end value, and monotonic counters peak at their end value', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const r = runForCheck(s);
        if (!r.ok) return;
        const { summary: end, peak } = r.result;
        expect(peak.processed).toBe(end.processed);
        expect(peak.duplicates).toBe(end.duplicates);
        expect(peak.pending).toBeGreaterThanOrEqual(end.pending);
        if (end.lagMax !== null) expect(peak.lagMax).toBeGreaterThanOrEqual(end.lagMax);
        end.groups.forEach((g, i) => {
          const p = peak.groups[i]!;
          if (g.lag !== null) expect(p.lag).toBeGreaterThanOrEqual(g.lag);
          if (g.lagMax !== null) expect(p.lagMax).toBeGreaterThanOrEqual(g.lagMax);
          expect(p.pending).toBeGreaterThanOrEqual(g.pending);
        });
      }),
      { seed: 20261202, numRuns: 25 },
    );
  });
});
