import { describe, expect, it } from 'vitest';
import { deriveChoreography } from './choreography';
import { compileSagaDef } from './model';
import { runSaga } from './runner';
import { sagaFacts, sagaRows, sagaTotals, stuckInstances } from './views';
import { choreographedOrders } from '../test/sagaScenarios';
import { OK, ORDER_SAGA, orderStarts, scriptedResponder } from '../test/orderSaga';

describe('the implied state machine of a choreography', () => {
  it("derives the seed's flow, its failure transitions and its compensation path", () => {
    const m = deriveChoreography(choreographedOrders());
    expect(m.initial).toEqual(['OrderCreated']);
    expect(m.terminal.sort()).toEqual(['OrderCancelled', 'OrderCompleted']);
    const t = m.transitions.map((x) => `${x.from}>${x.to}:${x.service}:${x.path}`);
    expect(t).toEqual(
      expect.arrayContaining([
        'OrderCreated>InventoryReserved:inventory:forward',
        'OrderCreated>InventoryFailed:inventory:failure',
        'InventoryReserved>PaymentProcessed:payment:forward',
        'InventoryReserved>PaymentFailed:payment:failure',
        'PaymentFailed>InventoryReleased:inventory:compensation',
        'InventoryReleased>OrderCancelled:order:compensation',
        'OrderShipped>OrderCompleted:order:forward',
      ]),
    );
    const release = m.transitions.find((x) => x.from === 'PaymentFailed')!;
    expect(release.stock).toEqual({ item: 'widget', delta: 1 });
  });
});

describe('saga views', () => {
  const def = compileSagaDef({ ...ORDER_SAGA, stuckAfterMs: 50, maxAttempts: 2 }, 0);

  it('rows carry steps and compensations with times; facts explain the anomalies', () => {
    // order-1: the reservation's reply comes after both attempts timed out (effect left);
    // then order-2 runs normally.
    const r = runSaga(def, {
      messages: orderStarts(1),
      respond: scriptedResponder([
        { ...OK, delayMs: 300 },
        { ...OK, outcome: 'none' },
      ]),
      untilUs: 10_000_000,
    });
    const [row] = sagaRows(def, r.state);
    expect(row).toMatchObject({ key: 'order-1', state: 'Cancelled', completed: [] });
    expect(row!.marks.map((m) => [m.stepName, m.attempt, m.outcome])).toEqual([
      ['reserveInventory', 1, 'timeout'],
      ['reserveInventory', 2, 'timeout'],
    ]);
    const facts = sagaFacts(r.events);
    expect(facts.map((f) => f.kind)).toEqual(['cancelledWithEffectLeft']);
    expect(facts[0]!.cause).toMatch(/never compensated/);
    expect(sagaTotals([r.state, r.state]).effectsLeft).toBe(2);
  });

  it('lists instances with no progress past stuckAfterMs, and Failed ones', () => {
    const r = runSaga(def, {
      messages: orderStarts(1),
      respond: scriptedResponder([OK, OK, { ...OK, outcome: 'none' }, { ...OK, outcome: 'none' }]),
      untilUs: 200_000,
    });
    const inst = r.state.instances.get('order-1')!;
    expect(stuckInstances(def, r.state, inst.lastProgressUs + 49_999)).toEqual(
      inst.status === 'failed' ? ['order-1'] : [],
    );
    expect(stuckInstances(def, r.state, inst.lastProgressUs + 50_000)).toEqual(['order-1']);
  });
});
