import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConsumerCrashed, RecordProcessed } from './events';
import { simulate } from '../simulate';
import { scenarioArb } from '../test/arbitraries';
import { crashMidBatch, nullKeyOrders } from '../test/scenarios';

describe('at-least-once: commit after processing', () => {
  it('a crash between processing and commit makes the new owner process those records again', () => {
    const r = simulate(crashMidBatch({ commit: 'after-processing' }));
    const crash = r.events.find((e): e is ConsumerCrashed => e.type === 'consumerCrashed')!;
    expect(crash.uncommitted.length).toBe(1);
    const { from, to } = crash.uncommitted[0]!;
    expect(to).toBeGreaterThan(from);
    const again = r.events.filter(
      (e): e is RecordProcessed =>
        e.type === 'recordProcessed' && e.member === 'g-2' && e.offset >= from && e.offset < to,
    );
    expect(again.length).toBe(to - from);
    expect(again.every((e) => e.redelivered)).toBe(true);
    expect(r.summary.duplicates).toBe(to - from);
    expect(r.summary.duplicateSideEffects).toBe(to - from);
    expect(r.summary.lost).toBe(0);
  });

  it('random crashes, pauses and leaves never lose a record; every crash with uncommitted work causes duplicates', () => {
    let crashesWithWork = 0;
    fc.assert(
      fc.property(scenarioArb({ commit: 'after-processing', autoCommit: false }), (scenario) => {
        // A new owner with no committed offset re-reads from the start: earliest, set explicitly
        // (Kafka's default, latest, would jump to the log end and lose what was not committed).
        for (const g of scenario.groups)
          g.config = { ...g.config, 'auto.offset.reset': 'earliest' };
        const r = simulate(scenario, { untilMs: 2500 });
        expect(r.summary.lost).toBe(0);
        for (const e of r.events) {
          if (e.type !== 'consumerCrashed' || e.uncommitted.length === 0) continue;
          const redone = r.events.some(
            (p) =>
              p.type === 'recordProcessed' &&
              p.group === e.group &&
              p.timeUs > e.timeUs &&
              e.uncommitted.some(
                (u) =>
                  u.topic === p.topic &&
                  u.partition === p.partition &&
                  p.offset >= u.from &&
                  p.offset < u.to,
              ),
          );
          if (redone) {
            crashesWithWork++;
            expect(r.summary.groups.find((g) => g.group === e.group)!.duplicates).toBeGreaterThan(
              0,
            );
          }
        }
      }),
      { numRuns: 80 },
    );
    expect(crashesWithWork).toBeGreaterThan(0);
  });
});

describe('at-most-once: commit before processing', () => {
  it('a crash after the commit and before processing loses the rest of the batch', () => {
    const r = simulate(crashMidBatch({ commit: 'before-processing' }));
    expect(r.summary.lost).toBeGreaterThan(0);
    expect(r.summary.duplicates).toBe(0);
    const skipped = r.events.find((e) => e.type === 'offsetsSkipped');
    expect(skipped).toMatchObject({ member: 'g-2', reason: 'committed-before-processing' });
  });
});

describe('idempotent consumer', () => {
  it('absorbs the redelivered records of the same crash: no second side effect', () => {
    const plain = simulate(crashMidBatch({ commit: 'after-processing' }));
    const idem = simulate(crashMidBatch({ commit: 'after-processing', idempotent: true }));
    expect(idem.summary.duplicates).toBe(plain.summary.duplicates);
    expect(plain.summary.duplicateSideEffects).toBeGreaterThan(0);
    expect(idem.summary.duplicateSideEffects).toBe(0);
    expect(idem.summary.dedupAbsorbed).toBe(plain.summary.duplicateSideEffects);
  });

  it("runs each event's side effect at most once per group, whatever the faults", () => {
    let absorbed = 0;
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        scenario.groups.forEach((g) => (g.idempotent = true));
        const r = simulate(scenario, { untilMs: 2000 });
        const effects = new Set<string>();
        for (const e of r.events) {
          if (e.type !== 'recordProcessed' || e.deduplicated) continue;
          const k = `${e.group}/${e.eventId}`;
          expect(effects.has(k), `second side effect of ${k}`).toBe(false);
          effects.add(k);
        }
        absorbed += r.summary.dedupAbsorbed;
      }),
      { numRuns: 60 },
    );
    expect(absorbed).toBeGreaterThan(0);
  });
});

describe('per-key order', () => {
  it('one key is never reordered, through rebalances from joins, crashes, restarts and leaves', () => {
    let rebalanced = 0;
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        scenario.producers = scenario.producers.map((p) => ({
          ...p,
          keys: { kind: 'fixed', keys: ['order-1'] },
          sendKey: true,
        }));
        // A pause longer than the session makes a zombie: see the next test.
        scenario.faults = scenario.faults.filter((f) => f.kind !== 'pause');
        const r = simulate(scenario, { untilMs: 2500 });
        if (r.summary.rebalances > scenario.groups.length) rebalanced++;
        expect(r.summary.reordered).toBe(0);
      }),
      { numRuns: 80 },
    );
    expect(rebalanced).toBeGreaterThan(0);
  });

  it('a zombie (paused past its session, committed before processing) reorders one key', () => {
    const scenario = crashMidBatch({ commit: 'before-processing', members: 2 });
    scenario.producers[0]!.keys = { kind: 'fixed', keys: ['order-1'] };
    scenario.faults = [{ kind: 'pause', atMs: 1000.5, group: 'g', member: 'g-1', durationMs: 600 }];
    const r = simulate(scenario);
    const late = r.events.find(
      (e): e is RecordProcessed => e.type === 'recordProcessed' && e.reorderedAfter !== null,
    );
    expect(late).toMatchObject({ member: 'g-1', redelivered: false });
    expect(r.summary.reordered).toBeGreaterThan(0);
    // Once its batch is done, its next poll finds it was removed, and it rejoins.
    expect(
      r.events.some(
        (e) => e.type === 'memberJoining' && e.member === 'g-1' && e.reason === 'rejoin',
      ),
    ).toBe(true);
  });

  it('without a key (the id only in the payload) one order is processed out of order', () => {
    const scenario = nullKeyOrders();
    expect(simulate(scenario).summary.reordered).toBeGreaterThan(0);
    scenario.producers[0]!.sendKey = true;
    expect(simulate(scenario).summary.reordered).toBe(0);
  });
});

describe('read model (CQRS projection)', () => {
  it('folds each processed event into its key row; a redelivery is folded twice unless idempotent', () => {
    const plain = simulate(crashMidBatch({ commit: 'after-processing', readModel: true }));
    const idem = simulate(
      crashMidBatch({ commit: 'after-processing', readModel: true, idempotent: true }),
    );
    const total = (r: typeof plain) =>
      [...r.state.groups[0]!.table!.values()].reduce((a, row) => a + row.events, 0);
    const distinct = new Set(
      plain.events
        .filter((e) => e.type === 'recordProcessed')
        .map((e) => (e as RecordProcessed).eventId),
    ).size;
    expect(plain.summary.duplicates).toBeGreaterThan(0);
    expect(total(plain)).toBe(distinct + plain.summary.duplicateSideEffects);
    expect(total(idem)).toBe(
      new Set(
        idem.events
          .filter((e) => e.type === 'recordProcessed')
          .map((e) => (e as RecordProcessed).eventId),
      ).size,
    );
    const row = plain.state.groups[0]!.table!.get('key-3')!;
    expect(row.lastType).toBe('OrderCreated');
  });
});

describe('max.poll.interval.ms', () => {
  it('a member whose batch takes longer than max.poll.interval.ms is removed; its commit is then rejected', () => {
    const s = crashMidBatch({
      commit: 'after-processing',
      processingMs: 20,
      config: {
        'max.poll.records': 100,
        'max.poll.interval.ms': 1000,
        'session.timeout.ms': 3000,
        'heartbeat.interval.ms': 500,
      },
    });
    s.faults = [];
    const r = simulate(s);
    const expired = r.events.find((e) => e.type === 'memberExpired');
    expect(expired).toMatchObject({ member: 'g-1', reason: 'max.poll.interval.ms' });
    const rejected = r.events.find((e) => e.type === 'commitRejected' && e.member === 'g-1');
    expect(rejected).toMatchObject({ error: 'UNKNOWN_MEMBER_ID' });
    expect(r.summary.duplicates).toBeGreaterThan(0);
  });
});
