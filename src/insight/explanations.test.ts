import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { en } from './test/render';
import { parseScenario, simulate, type Scenario } from '../engine';
import { scenarioArb } from '../engine/test/arbitraries';
import { crashMidBatch } from '../engine/test/scenarios';
import { builtInScenarios } from '../scenarios';
import { detectAnomalies } from './detector';
import { formatMs } from './format';
import { clusterScenarioArb } from './test/clusterArb';

/** Words that mean a number or a name went missing on its way into a sentence. */
const BROKEN = /Infinity|NaN|undefined|\bnull\b(?! key)|\[object/;

function explanations(raw: Scenario): string[] {
  const parsed = parseScenario(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const r = simulate(parsed.scenario);
  return detectAnomalies(r.model, r.events).map((a) => en(a.explanation));
}

function expectReadable(texts: string[]): void {
  for (const t of texts) expect(t, t).not.toMatch(BROKEN);
}

describe('explanations read as plain English', () => {
  it('formatMs never prints Infinity or NaN', () => {
    expect(formatMs(Number.POSITIVE_INFINITY)).toBe('never');
    expect(formatMs(Number.NaN)).toBe('an unknown time');
    fc.assert(
      fc.property(fc.double(), (us) => {
        expect(formatMs(us)).not.toMatch(BROKEN);
      }),
      { seed: 9203, numRuns: 500 },
    );
  });

  it('built-ins: no Infinity, NaN, undefined or stray null in any explanation', () => {
    for (const json of Object.values(builtInScenarios)) {
      const parsed = parseScenario(json);
      if (!parsed.ok) throw new Error('built-in');
      expectReadable(explanations(parsed.scenario));
    }
  });

  it('a poison record in a group with no failure policy is retried forever, not "Infinity times"', () => {
    const s = crashMidBatch({ commit: 'after-processing' });
    s.faults = [{ kind: 'poisonMessage', atMs: 500, producer: 'shop' }];
    const texts = explanations(s).filter((t) => t.includes('is stuck in group g'));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts[0]).toContain('has no failure policy, so it retries the record forever');
    expectReadable(texts);
  });

  it('property: random scenarios, with pauses that never end and every fault kind', () => {
    const withEndlessPause = scenarioArb().map((s): Scenario => {
      const g = s.groups[0]!;
      return {
        ...s,
        faults: [
          ...s.faults,
          { kind: 'pause', atMs: 700, group: g.id, member: `${g.id}-1`, durationMs: 1e9 },
        ],
      };
    });
    fc.assert(
      fc.property(fc.oneof(withEndlessPause, clusterScenarioArb), (s) => {
        expectReadable(explanations(s));
      }),
      { seed: 9204, numRuns: 60 },
    );
  });
});
