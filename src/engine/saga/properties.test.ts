/**
 * Properties of the orchestrator over random fault schedules: each command's reply may succeed,
 * fail, never come, come late, or come again (the broker's redelivery, same event id); the
 * orchestrator may crash and re-read from its committed position.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SagaEvent } from './events';
import { compileSagaDef } from './model';
import { foldSaga, runSaga } from './runner';
import {
  genericReplies,
  ORDER_SAGA,
  orderStarts,
  scriptedResponder,
  type CommandFate,
} from '../test/orderSaga';
import type { SagaSpec } from '../scenario/types';

const fate: fc.Arbitrary<CommandFate> = fc.record({
  outcome: fc.constantFrom<CommandFate['outcome']>(
    'success',
    'success',
    'success',
    'failure',
    'none',
  ),
  delayMs: fc.integer({ min: 1, max: 300 }),
  copies: fc.integer({ min: 0, max: 2 }),
  copyDelayMs: fc.integer({ min: 1, max: 200 }),
});

interface Case {
  fates: CommandFate[];
  orders: number;
  crashes: number[];
  commitEvery: number;
  parallel: boolean;
  generic: boolean;
  deduplicate: boolean;
}

const caseArb = (
  over: Partial<Record<keyof Case, fc.Arbitrary<unknown>>> = {},
): fc.Arbitrary<Case> =>
  fc.record({
    fates: fc.array(fate, { maxLength: 40 }),
    orders: fc.integer({ min: 1, max: 4 }),
    crashes: fc.array(fc.integer({ min: 0, max: 800 }), { maxLength: 2 }),
    commitEvery: fc.integer({ min: 1, max: 5 }),
    parallel: fc.boolean(),
    generic: fc.boolean(),
    deduplicate: fc.boolean(),
    ...over,
  }) as fc.Arbitrary<Case>;

/** Two compensatable steps before the pivot, so the reverse order is visible. */
const SPEC: SagaSpec = {
  ...ORDER_SAGA,
  maxAttempts: 4,
  steps: [
    ORDER_SAGA.steps[0]!,
    {
      ...ORDER_SAGA.steps[0]!,
      name: 'reserveCredit',
      command: { type: 'ReserveInventory', topic: 'credit-commands' },
    },
    ...ORDER_SAGA.steps.slice(1),
  ],
};

function specOf(c: Case): SagaSpec {
  const base = c.generic ? genericReplies(SPEC) : SPEC;
  return {
    ...base,
    compensation: c.parallel ? 'parallel' : 'sequential',
    deduplicate: c.deduplicate,
    commitEvery: c.commitEvery,
    crashes: c.crashes.map((atMs) => ({ atMs })),
  };
}

function runCase(c: Case) {
  const def = compileSagaDef(specOf(c), 0);
  const r = runSaga(def, {
    messages: orderStarts(c.orders, 7),
    respond: scriptedResponder(c.fates, c.generic),
    untilUs: 60_000_000,
  });
  return { def, r };
}

type Of<T extends SagaEvent['type']> = Extract<SagaEvent, { type: T }>;
const RUNS = { numRuns: 300 };

describe('saga orchestrator properties', () => {
  it('never compensates a step that did not complete; sequentially, last completed first', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const { r } = runCase(c);
        const done = new Map<string, number[]>();
        const comp = new Map<string, number[]>();
        for (const e of r.events) {
          if (e.type === 'saga.stepSucceeded')
            done.set(e.key, [...(done.get(e.key) ?? []), e.step]);
          if (e.type === 'saga.commandSent' && e.compensation) {
            expect(done.get(e.key) ?? []).toContain(e.step);
            if (e.attempt === 1) comp.set(e.key, [...(comp.get(e.key) ?? []), e.step]);
          }
        }
        if (!c.parallel)
          for (const [key, steps] of comp) {
            const completed = (done.get(key) ?? []).filter((s) => SPEC.steps[s]!.compensation);
            expect(steps).toEqual(completed.slice().reverse().slice(0, steps.length));
          }
      }),
      RUNS,
    );
  });

  it('with deduplication no compensation runs twice and no reply is applied twice, under any redelivery', () => {
    fc.assert(
      fc.property(caseArb({ deduplicate: fc.constant(true) }), (c) => {
        const { r } = runCase(c);
        const passes = new Map<string, number>();
        for (const e of r.events) {
          if (e.type === 'saga.commandSent' && e.compensation && e.attempt === 1) {
            const k = `${e.key}/${e.step}`;
            passes.set(k, (passes.get(k) ?? 0) + 1);
          }
          if (e.type === 'saga.stepSucceeded' || e.type === 'saga.stepCompensated')
            expect(e.duplicate).toBe(false);
        }
        for (const n of passes.values()) expect(n).toBe(1);
        expect(r.state.counters.doubleApplied).toBe(0);
      }),
      RUNS,
    );
  });

  it('without deduplication a redelivered generic reply can be applied again (the search finds one)', () => {
    const res = fc.check(
      fc.property(caseArb({ deduplicate: fc.constant(false), generic: fc.constant(true) }), (c) => {
        return runCase(c).r.state.counters.doubleApplied === 0;
      }),
      { numRuns: 2000, seed: 14 },
    );
    expect(res.failed).toBe(true);
  });

  it('every instance ends (Completed, Cancelled or Failed): timers are bounded', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const { r } = runCase(c);
        expect(r.truncated).toBe(false);
        expect(r.state.instances.size).toBe(c.orders);
        for (const inst of r.state.instances.values()) {
          expect(['completed', 'cancelled', 'failed']).toContain(inst.status);
          expect(inst.slots).toEqual([]);
          if (inst.status === 'cancelled')
            expect(inst.compensated.slice().sort()).toEqual(inst.plan.slice().sort());
          if (inst.status === 'completed') expect(inst.completed).toEqual([0, 1, 2, 3]);
        }
      }),
      RUNS,
    );
  });

  it('state is the fold of the events, and a run is deterministic', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const a = runCase(c);
        const b = runCase(c);
        expect(JSON.stringify(b.r.events)).toBe(JSON.stringify(a.r.events));
        expect(foldSaga(a.def, a.r.arrivals, a.r.events)).toEqual(a.r.state);
      }),
      { numRuns: 150 },
    );
  });

  it('a pivot success means the saga never compensates (the go/no-go step)', () => {
    fc.assert(
      fc.property(caseArb({ generic: fc.constant(false) }), (c) => {
        const { r } = runCase(c);
        const pivoted = new Set<string>();
        for (const e of r.events) {
          if (e.type === 'saga.stepSucceeded' && e.step === 2) pivoted.add(e.key);
          if (e.type === 'saga.compensating')
            expect(pivoted.has((e as Of<'saga.compensating'>).key)).toBe(false);
        }
      }),
      RUNS,
    );
  });
});
