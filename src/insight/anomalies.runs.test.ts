import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { en } from './test/render';
import { parseScenario, simulate, type Scenario } from '../engine';
import type { ConsumerCrashed } from '../engine/kafka/events';
import { defaultScenarioJson } from '../scenarios';
// Checks every explanation in English and Chinese as well (src/i18n).
import { detectAnomalies } from './test/explainCheck';
import { crashMidBatch, nullKeyOrders } from '../engine/test/scenarios';

function run(scenario: Scenario) {
  const r = simulate(scenario);
  return { ...r, anomalies: detectAnomalies(r.model, r.events) };
}

describe('anomalies of real runs', () => {
  it('crash before commit: one duplicate per redone record, naming the crashed member, its last commit and the new owner', () => {
    const r = run(crashMidBatch({ commit: 'after-processing' }));
    const crashIndex = r.events.findIndex((e) => e.type === 'consumerCrashed');
    const crash = r.events[crashIndex] as ConsumerCrashed;
    const { from, to } = crash.uncommitted[0]!;
    const dups = r.anomalies.filter((a) => a.kind === 'duplicate');
    expect(dups.map((a) => a.offset)).toEqual(
      Array.from({ length: to - from }, (_, i) => from + i),
    );
    expect(dups.length).toBe(r.summary.duplicates);
    for (const a of dups) {
      expect(a).toMatchObject({
        cause: 'crash-before-commit',
        causeIndex: crashIndex,
        member: 'g-2',
        group: 'g',
      });
      expect(en(a.explanation)).toContain(
        `consumer g-1 crashed at 1,000.5 ms after processing it and before committing (its last commit was ${from},`,
      );
      expect(en(a.explanation)).toContain(
        `g-2 was assigned the partition and resumed from the committed offset ${from}.`,
      );
    }
    expect(r.anomalies.filter((a) => a.kind !== 'duplicate')).toEqual([]);
  });

  it('an idempotent group: the same duplicates, each absorbed by the dedup store', () => {
    const r = run(crashMidBatch({ commit: 'after-processing', idempotent: true }));
    expect(r.anomalies.length).toBe(r.summary.duplicates);
    expect(
      r.anomalies.every(
        (a) => a.absorbed && en(a.explanation).includes('absorbed by the dedup store'),
      ),
    ).toBe(true);
  });

  it('commit before processing: lost at the crash, the range equals the engine summary, the cause is the commit', () => {
    const r = run(crashMidBatch({ commit: 'before-processing' }));
    const lost = r.anomalies.filter((a) => a.kind === 'lost');
    expect(lost).toHaveLength(1);
    expect(lost[0]!.endOffset! - lost[0]!.offset!).toBe(r.summary.lost);
    expect(lost[0]!.count).toBe(r.summary.lost);
    expect(r.events[lost[0]!.index]!.type).toBe('consumerCrashed');
    expect(r.events[lost[0]!.causeIndex!]!.type).toBe('offsetsCommitted');
    expect(en(lost[0]!.explanation)).toMatch(
      /consumer g-1 committed offset \d+ at [\d,.]+ ms before processing them .* then g-1 crashed at 1,000.5 ms/,
    );
  });

  it('a zombie (paused past its session, committed before processing) reorders one key', () => {
    const scenario = crashMidBatch({ commit: 'before-processing' });
    scenario.producers[0]!.keys = { kind: 'fixed', keys: ['order-1'] };
    scenario.faults = [{ kind: 'pause', atMs: 1000.5, group: 'g', member: 'g-1', durationMs: 600 }];
    const r = run(scenario);
    const reordered = r.anomalies.filter((a) => a.kind === 'reordered');
    expect(reordered.length).toBe(r.summary.reordered);
    expect(
      reordered.every((a) => a.cause === 'zombie' && a.member === 'g-1' && a.key === 'order-1'),
    ).toBe(true);
    expect(en(reordered[0]!.explanation)).toContain(
      'g-1 was paused at 1,000.5 ms for 600 ms, longer than session.timeout.ms (300 ms)',
    );
    expect(en(reordered[0]!.explanation)).toContain('as a zombie');
    expect(r.events[reordered[0]!.causeIndex!]!.type).toBe('memberExpired');
  });

  it('a null key spreads one order over partitions: every reordering is diagnosed as null-key; a key fixes it', () => {
    const scenario = nullKeyOrders();
    const r = run(scenario);
    const reordered = r.anomalies.filter((a) => a.kind === 'reordered');
    expect(reordered.length).toBe(r.summary.reordered);
    expect(reordered.length).toBeGreaterThan(0);
    expect(
      reordered.every(
        (a) => a.cause === 'null-key' && en(a.explanation).includes('null key (orderId'),
      ),
    ).toBe(true);
    scenario.producers[0]!.sendKey = true;
    expect(run(scenario).anomalies).toEqual([]);
  });

  it('the default scenario: payment-2 crashes and its partitions are stuck until it restarts', () => {
    const parsed = parseScenario(defaultScenarioJson);
    if (!parsed.ok) throw new Error('default scenario');
    const r = run(parsed.scenario);
    const payment = r.anomalies.filter((a) => a.group === 'payment');
    expect(payment.length).toBeGreaterThan(0);
    for (const a of payment) {
      expect(a).toMatchObject({
        kind: 'stuck',
        cause: 'no-live-owner',
        group: 'payment',
        member: 'payment-2',
      });
      // A partition waits from the crash, or from its first record after it if it had no lag.
      expect(a.timeUs).toBeGreaterThanOrEqual(4_000_000);
      expect(a.timeUs).toBeLessThan(6_500_000);
      expect(en(a.explanation)).toContain('its owner payment-2 crashed at 3,000 ms');
    }
  });

  it('property: duplicates and lost records match the engine summary, whatever the crash time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'after-processing' | 'before-processing'>(
          'after-processing',
          'before-processing',
        ),
        fc.integer({ min: 200, max: 3000 }),
        fc.integer({ min: 1, max: 1000 }),
        (commit, crashAtMs, seed) => {
          const scenario = { ...crashMidBatch({ commit }, crashAtMs + 0.5), seed };
          const r = run(scenario);
          const dups = r.anomalies.filter((a) => a.kind === 'duplicate');
          const lost = r.anomalies.filter((a) => a.kind === 'lost');
          expect(dups.length).toBe(r.summary.redeliveries);
          expect(lost.reduce((n, a) => n + a.count, 0)).toBe(r.summary.lost);
          expect(dups.every((a) => a.cause === 'crash-before-commit')).toBe(true);
        },
      ),
      { numRuns: 25, seed: 0xa7e5 },
    );
  });
});
