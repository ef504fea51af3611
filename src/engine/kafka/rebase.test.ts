import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateDigest } from './digest';
import type { SimEvent } from './events';
import { logHash } from '../kernel/hash';
import { compileModel } from './model';
import { rebaseState, topologyChange } from './rebase';
import { run } from '../simulate';
import { initialState } from './state';
import { scenarioArb } from '../test/arbitraries';
import { pipelineArb } from '../test/transactional';

const RUNS = 30;

describe('rebaseState (what-if forks)', () => {
  it('onto the same scenario recompiled, a run continues exactly as it would have', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.integer({ min: 0, max: 1500 }), (scenario, cutMs) => {
        const straight: SimEvent[] = [];
        const s = initialState(compileModel(scenario));
        run(s, 1500_000, (e) => straight.push(e));
        const resumed: SimEvent[] = [];
        const a = initialState(compileModel(scenario));
        run(a, cutMs * 1000, (e) => resumed.push(e));
        const b = rebaseState(a, compileModel(structuredClone(scenario)));
        run(b, 1500_000, (e) => resumed.push(e));
        expect(logHash(resumed)).toBe(logHash(straight));
        expect(stateDigest(b)).toBe(stateDigest(s));
      }),
      { numRuns: RUNS },
    );
  });

  it('re-aims the fault schedule: a fault added ahead of the state happens at its time', () => {
    fc.assert(
      fc.property(scenarioArb({ faults: false }), (scenario) => {
        const a = initialState(compileModel(scenario));
        run(a, 500_000, () => {});
        const g = scenario.groups[0]!;
        const changed = {
          ...scenario,
          faults: [{ kind: 'crash' as const, atMs: 700, group: g.id, member: `${g.id}-1` }],
        };
        const b = rebaseState(a, compileModel(changed));
        const events: SimEvent[] = [];
        run(b, 1000_000, (e) => events.push(e));
        const crash = events.find((e) => e.type === 'consumerCrashed' || e.type === 'faultSkipped');
        expect(crash?.timeUs).toBe(700_000);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a fault change behind the state, and a changed topology, naming it', () => {
    fc.assert(
      fc.property(scenarioArb({ faults: false }), (scenario) => {
        const a = initialState(compileModel(scenario));
        run(a, 500_000, () => {});
        const g = scenario.groups[0]!;
        if (a.timeUs <= 100_000) return;
        const past = {
          ...scenario,
          faults: [{ kind: 'crash' as const, atMs: 100, group: g.id, member: `${g.id}-1` }],
        };
        expect(() => rebaseState(a, compileModel(past))).toThrow(/lies before the state's time/);
        const more = {
          ...scenario,
          topics: scenario.topics.map((t, i) =>
            i === 0 ? { ...t, partitions: t.partitions + 1 } : t,
          ),
        };
        expect(topologyChange(a.model, compileModel(more))).toMatch(/topics or partitions changed/);
        expect(() => rebaseState(a, compileModel(more))).toThrow(/cannot continue this run/);
        const transactional = {
          ...scenario,
          groups: scenario.groups.map((x, i) =>
            i === 0
              ? {
                  ...x,
                  commit: 'after-processing' as const,
                  config: {
                    ...x.config,
                    'enable.auto.commit': undefined,
                    'transactional.id': 'tx-{member}',
                  },
                }
              : x,
          ),
        };
        expect(topologyChange(a.model, compileModel(transactional))).toMatch(
          /transactional\.id changed/,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('a transactional pipeline forked with another transaction.timeout.ms or isolation.level continues as a run under it would', () => {
    fc.assert(
      fc.property(pipelineArb, fc.integer({ min: 100, max: 3000 }), (scenario, cutMs) => {
        const changed = structuredClone(scenario);
        changed.faults = scenario.faults.filter((f) => f.atMs >= cutMs);
        changed.groups = changed.groups.map((g) => ({
          ...g,
          config: {
            ...g.config,
            ...(g.config?.['transactional.id'] ? { 'transaction.timeout.ms': 250 } : {}),
            ...(g.id === 'audit-ru' ? { 'isolation.level': 'read_committed' as const } : {}),
          },
        }));
        const a = initialState(compileModel(scenario));
        run(a, cutMs * 1000, () => {});
        const next = compileModel(changed);
        if (next.faults.some((f) => f.atUs < a.timeUs)) return;
        const b = rebaseState(a, next);
        run(b, 5_000_000, () => {});
        expect(b.timeUs).toBeGreaterThanOrEqual(a.timeUs);
        for (const o of b.txn?.open.values() ?? [])
          expect(b.timeUs - o.startUs).toBeLessThanOrEqual(
            Math.max(250_000, ...next.groups.map((g) => g.txnTimeoutUs)),
          );
      }),
      { numRuns: 20, seed: 1203 },
    );
  });
});
