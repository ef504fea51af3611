/**
 * Sagas in runs (issue 14): the seed's order flow over simulated Kafka, orchestrated and
 * choreographed, with payments failing at a rate and an inventory member crashing (its
 * uncommitted records redelivered).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../kafka/events';
import { stateDigest } from '../kafka/digest';
import { fold, simulate } from '../simulate';
import { choreographedOrders, orchestratedOrders } from '../test/sagaScenarios';
import type { Scenario } from '../scenario/types';

const count = (evs: SimEvent[], type: string) => evs.filter((e) => e.type === type).length;
const appended = (evs: SimEvent[], eventType: string) =>
  evs.filter((e) => e.type === 'recordAppended' && e.eventType === eventType).length;
const stockOf = (r: ReturnType<typeof simulate>) => r.state.groups[0]!.stock!.get('widget')!;

describe('the order saga, orchestrated over Kafka', () => {
  it('without failures every order completes, and each reserved widget stays reserved', () => {
    const r = simulate(orchestratedOrders());
    const c = r.summary.sagas![0]!.counters;
    expect(c.started).toBe(30);
    expect(c.completed).toBe(30);
    expect(appended(r.events, 'OrderCompleted')).toBe(30);
    expect(stockOf(r)).toBe(1000 - 30);
  });

  it('declined payments cancel their orders after releasing the inventory (only the completed step)', () => {
    const r = simulate(orchestratedOrders({ paymentFailRate: 0.3 }));
    const c = r.summary.sagas![0]!.counters;
    expect(c.cancelled).toBeGreaterThan(0);
    expect(c.completed + c.cancelled).toBe(30);
    expect(c.compensations).toBe(c.cancelled);
    expect(appended(r.events, 'ReleaseInventory')).toBe(c.cancelled);
    // Every cancelled order gave its widget back.
    expect(stockOf(r)).toBe(1000 - c.completed);
    for (const inst of r.state.sagas!.defs[0]!.instances.values())
      if (inst.status === 'cancelled') expect(inst.compensated).toEqual([0]);
  });

  it('out of stock, a reservation fails and the order is cancelled with nothing to compensate', () => {
    const r = simulate(orchestratedOrders({ stock: 10 }));
    const c = r.summary.sagas![0]!.counters;
    expect(c.completed).toBe(10);
    expect(c.cancelled).toBe(20);
    expect(c.compensations).toBe(0);
    expect(stockOf(r)).toBe(0);
  });

  it('a crashed inventory member redelivers: without an idempotent consumer widgets are reserved twice', () => {
    const naive = simulate(orchestratedOrders({ crashInventoryAtMs: 900 }));
    const safe = simulate(orchestratedOrders({ crashInventoryAtMs: 900, idempotent: true }));
    const cn = naive.summary.sagas![0]!.counters;
    const cs = safe.summary.sagas![0]!.counters;
    expect(naive.summary.groups[0]!.duplicateSideEffects).toBeGreaterThan(0);
    // The second InventoryReserved of an order is a reply its state no longer accepts.
    expect(cn.repliesRejected).toBeGreaterThan(0);
    expect(stockOf(naive)).toBeLessThan(1000 - cn.completed);
    expect(safe.summary.groups[0]!.duplicateSideEffects).toBe(0);
    expect(stockOf(safe)).toBe(1000 - cs.completed);
  });

  it('an orchestrator crash redelivers its uncommitted messages: dropped with deduplication, rejected by state without', () => {
    const crashed = (deduplicate: boolean) => {
      const s = orchestratedOrders({ paymentFailRate: 0.3, deduplicate });
      s.sagas = s.sagas!.map((x) => ({ ...x, commitEvery: 20, crashes: [{ atMs: 700 }] }));
      return simulate(s).summary.sagas![0]!.counters;
    };
    const d = crashed(true);
    const n = crashed(false);
    expect(d.crashes).toBe(1);
    expect(d.redelivered).toBeGreaterThan(0);
    expect(d.duplicatesDropped).toBe(d.redelivered);
    expect(n.duplicatesDropped).toBe(0);
    expect(n.repliesRejected + n.startsRejected).toBeGreaterThan(0);
    for (const c of [d, n]) {
      expect(c.completed + c.cancelled).toBe(30);
      expect(c.compensations).toBe(c.cancelled);
    }
  });

  it('is deterministic, and the state is the fold of the events (the timeline refolds)', () => {
    const s = orchestratedOrders({ paymentFailRate: 0.3, crashInventoryAtMs: 900 });
    const a = simulate(s);
    const b = simulate(s);
    expect(b.summary.logHash).toBe(a.summary.logHash);
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(stateDigest(fold(a.model, a.events))).toBe(stateDigest(a.state));
    const half = Math.floor(a.events.length / 2);
    const mid = fold(a.model, a.events, half);
    expect(mid.sagas!.defs[0]!.counters.messages).toBe(
      a.events.slice(0, half).filter((e) => e.type === 'saga.messageHandled').length,
    );
  });

  it('random payment failure rates and crash times: compensations only for completed steps, stock never below 0', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 1400 }), { nil: undefined }),
        fc.boolean(),
        fc.integer({ min: 1, max: 1000 }),
        (rate, crash, idempotent, seed) => {
          const r = simulate(
            orchestratedOrders({
              paymentFailRate: rate,
              crashInventoryAtMs: crash,
              idempotent,
              seed,
              stock: 20,
            }),
          );
          const done = new Set<string>();
          for (const e of r.events) {
            if (e.type === 'saga.stepSucceeded') done.add(`${e.key}/${e.step}`);
            if (e.type === 'saga.commandSent' && e.compensation)
              expect(done.has(`${e.key}/${e.step}`)).toBe(true);
          }
          expect(stockOf(r)).toBeGreaterThanOrEqual(0);
          if (idempotent && crash === undefined)
            expect(stockOf(r)).toBe(20 - r.summary.sagas![0]!.counters.completed);
        },
      ),
      { numRuns: 25, seed: 14 },
    );
  });
});

describe('the order saga, choreographed', () => {
  it('services react to each other: completed and cancelled orders add up, compensations release stock', () => {
    const r = simulate(choreographedOrders({ paymentFailRate: 0.3 }));
    const completed = appended(r.events, 'OrderCompleted');
    const cancelled = appended(r.events, 'OrderCancelled');
    expect(completed + cancelled).toBe(30);
    expect(appended(r.events, 'InventoryReleased')).toBe(appended(r.events, 'PaymentFailed'));
    expect(stockOf(r)).toBe(1000 - completed);
    expect(count(r.events, 'saga.started')).toBe(0);
  });
});

describe('runs without sagas', () => {
  it('a saga that never starts adds only saga events: the Kafka log is identical with and without the section', () => {
    const withSaga = orchestratedOrders();
    const rest: Scenario = { ...withSaga };
    delete rest.sagas;
    const without: Scenario = {
      ...rest,
      // The orchestrator's start type never appears: only Kafka runs.
      producers: rest.producers.map((p) => ({ ...p, eventType: 'Other' })),
    };
    const a = simulate(without);
    const b = simulate({ ...withSaga, producers: without.producers });
    // It reads every record of its topics and sends nothing: only saga.… events are added.
    expect(count(b.events, 'saga.messageHandled')).toBe(30);
    expect(count(b.events, 'saga.commandSent')).toBe(0);
    expect(b.events.filter((e) => !e.type.startsWith('saga.'))).toEqual(a.events);
  });
});
