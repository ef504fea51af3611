import { describe, expect, it } from 'vitest';
import { compileSagaDef } from './model';
import { foldSaga, runSaga } from './runner';
import type { SagaEvent } from './events';
import {
  genericReplies,
  OK,
  ORDER_SAGA,
  orderStarts,
  scriptedResponder,
  type CommandFate,
} from '../test/orderSaga';
import type { SagaSpec } from '../scenario/types';

function run(
  spec: SagaSpec,
  fates: CommandFate[],
  opts: { orders?: number; generic?: boolean } = {},
) {
  const def = compileSagaDef(spec, 0);
  return runSaga(def, {
    messages: orderStarts(opts.orders ?? 1),
    respond: scriptedResponder(fates, opts.generic),
    untilUs: 10_000_000,
  });
}

const only = (evs: SagaEvent[], type: SagaEvent['type']) => evs.filter((e) => e.type === type);
const sent = (evs: SagaEvent[]) =>
  evs.flatMap((e) =>
    e.type === 'saga.commandSent'
      ? [`${e.compensation ? 'C:' : ''}${e.commandType}#${e.attempt}`]
      : [],
  );

describe('saga orchestrator (Garcia-Molina & Salem; Richardson ch. 4)', () => {
  it('the happy path runs every step in order and completes', () => {
    const r = run(ORDER_SAGA, []);
    expect(sent(r.events)).toEqual(['ReserveInventory#1', 'ProcessPayment#1', 'ShipOrder#1']);
    expect(only(r.events, 'saga.completed')).toHaveLength(1);
    const inst = r.state.instances.get('order-1')!;
    expect(inst.status).toBe('completed');
    expect(inst.completed).toEqual([0, 1, 2]);
    expect(r.state.active.size).toBe(0);
  });

  it('a pivot failure compensates the completed compensatable steps, last first, then cancels', () => {
    const three: SagaSpec = {
      ...ORDER_SAGA,
      steps: [
        { ...ORDER_SAGA.steps[0]!, name: 'a', command: { type: 'ReserveInventory', topic: 't' } },
        {
          ...ORDER_SAGA.steps[0]!,
          name: 'b',
          compensation: { type: 'ReleaseInventory', topic: 't2', success: ['InventoryReleased'] },
        },
        ...ORDER_SAGA.steps.slice(1),
      ],
    };
    const r = run(three, [OK, OK, { ...OK, outcome: 'failure' }]);
    expect(sent(r.events)).toEqual([
      'ReserveInventory#1',
      'ReserveInventory#1',
      'ProcessPayment#1',
      'C:ReleaseInventory#1',
      'C:ReleaseInventory#1',
    ]);
    const comps = r.events.flatMap((e) =>
      e.type === 'saga.commandSent' && e.compensation ? [e.step] : [],
    );
    expect(comps).toEqual([1, 0]);
    const plan = only(r.events, 'saga.compensating')[0];
    expect(plan).toMatchObject({ failedStep: 2, plan: [1, 0] });
    expect(r.state.instances.get('order-1')!.status).toBe('cancelled');
    expect(only(r.events, 'saga.cancelled')).toHaveLength(1);
  });

  it('parallel compensation sends every compensation at once', () => {
    const spec: SagaSpec = {
      ...ORDER_SAGA,
      compensation: 'parallel',
      steps: [
        ORDER_SAGA.steps[0]!,
        { ...ORDER_SAGA.steps[0]!, name: 'b', command: { type: 'ReserveInventory', topic: 'x' } },
        ...ORDER_SAGA.steps.slice(1),
      ],
    };
    const r = run(spec, [OK, OK, { ...OK, outcome: 'failure' }]);
    const comps = r.events.filter((e) => e.type === 'saga.commandSent' && e.compensation);
    expect(comps).toHaveLength(2);
    expect(new Set(comps.map((e) => e.timeUs)).size).toBe(1);
    expect(r.state.instances.get('order-1')!.status).toBe('cancelled');
  });

  it('a first-step failure cancels with nothing to compensate', () => {
    const r = run(ORDER_SAGA, [{ ...OK, outcome: 'failure' }]);
    expect(sent(r.events)).toEqual(['ReserveInventory#1']);
    expect(only(r.events, 'saga.compensating')).toHaveLength(0);
    expect(r.state.instances.get('order-1')!.status).toBe('cancelled');
  });

  it('a retriable step is retried after failures and timeouts, with exponential backoff', () => {
    const r = run(ORDER_SAGA, [
      OK,
      OK,
      { ...OK, outcome: 'failure' },
      { ...OK, outcome: 'none' },
      OK,
    ]);
    expect(sent(r.events)).toEqual([
      'ReserveInventory#1',
      'ProcessPayment#1',
      'ShipOrder#1',
      'ShipOrder#2',
      'ShipOrder#3',
    ]);
    const retries = only(r.events, 'saga.retryScheduled') as Extract<
      SagaEvent,
      { type: 'saga.retryScheduled' }
    >[];
    expect(retries.map((e) => [e.reason, e.atUs - e.timeUs])).toEqual([
      ['failure', 10_000],
      ['timeout', 20_000],
    ]);
    expect(r.state.instances.get('order-1')!.status).toBe('completed');
  });

  it('a retriable step out of maxAttempts gives up: the instance is Failed', () => {
    const r = run({ ...ORDER_SAGA, maxAttempts: 3 }, [
      OK,
      OK,
      ...Array(5).fill({ ...OK, outcome: 'failure' }),
    ]);
    expect(only(r.events, 'saga.gaveUp')).toHaveLength(1);
    expect(r.state.instances.get('order-1')!.status).toBe('failed');
    expect(sent(r.events).filter((s) => s.startsWith('ShipOrder'))).toHaveLength(3);
  });

  it('a pivot timing out after its retries fails the saga; its late reply is flagged', () => {
    const r = run(ORDER_SAGA, [OK, { ...OK, outcome: 'none' }, { ...OK, delayMs: 150 }, OK]);
    expect(sent(r.events)).toEqual([
      'ReserveInventory#1',
      'ProcessPayment#1',
      'ProcessPayment#2',
      'C:ReleaseInventory#1',
    ]);
    expect(only(r.events, 'saga.stepFailed')[0]).toMatchObject({ step: 1, reason: 'timeout' });
    const late = only(r.events, 'saga.replyRejected')[0];
    expect(late).toMatchObject({ replyType: 'PaymentProcessed', state: 'Cancelled', late: true });
  });

  it('a compensatable step that timed out but committed later is never compensated: its effect is left', () => {
    // ReserveInventory's reply comes after both attempts timed out: the order is cancelled with
    // the inventory still reserved (the orchestrator compensates completed steps only).
    const r = run(ORDER_SAGA, [
      { ...OK, delayMs: 300 },
      { ...OK, outcome: 'none' },
    ]);
    expect(r.state.instances.get('order-1')!.status).toBe('cancelled');
    expect(only(r.events, 'saga.compensating')).toHaveLength(0);
    const rej = only(r.events, 'saga.replyRejected');
    expect(rej).toHaveLength(1);
    expect(rej[0]).toMatchObject({ state: 'Cancelled', late: true, effectLeft: true });
    expect(r.state.counters.effectsLeft).toBe(1);
  });

  it('a reply in a state that does not accept it is rejected with the state named', () => {
    const r = run(ORDER_SAGA, [
      OK,
      { ...OK, outcome: 'failure' },
      { ...OK, copies: 1, copyDelayMs: 50 },
    ]);
    const rej = only(r.events, 'saga.replyRejected');
    expect(rej).toHaveLength(1);
    expect(rej[0]).toMatchObject({
      replyType: 'InventoryReleased',
      state: 'Cancelled',
      compensatedAgain: true,
    });
  });

  it('with deduplication a duplicate reply is dropped; without, a redelivered generic reply is applied to the next step', () => {
    // Eventuate-style generic replies: a redelivered Success for reserveInventory arrives while
    // the orchestrator waits for the payment, whose own reply never comes.
    const none: CommandFate = { ...OK, outcome: 'none' };
    const fates: CommandFate[] = [{ ...OK, copies: 1, copyDelayMs: 20 }, none, none];
    const dedup = run({ ...genericReplies(ORDER_SAGA), deduplicate: true, maxAttempts: 2 }, fates, {
      generic: true,
    });
    expect(only(dedup.events, 'saga.duplicateDropped')).toHaveLength(1);
    expect(dedup.state.counters.doubleApplied).toBe(0);
    expect(
      only(dedup.events, 'saga.stepSucceeded').map((e) => (e as { step: number }).step),
    ).not.toContain(1);

    const naive = run({ ...genericReplies(ORDER_SAGA), maxAttempts: 2 }, fates, { generic: true });
    // The copy is not a redelivery to the orchestrator (it is a second message with the same
    // id from the broker): without deduplication it is taken as the payment's success.
    const succeeded = only(naive.events, 'saga.stepSucceeded') as Extract<
      SagaEvent,
      { type: 'saga.stepSucceeded' }
    >[];
    expect(succeeded.slice(0, 2).map((e) => [e.step, e.replyEventId, e.duplicate])).toEqual([
      [0, 1, false],
      [1, 1, true],
    ]);
    expect(naive.state.counters.doubleApplied).toBe(1);
    expect(naive.state.instances.get('order-1')!.status).toBe('completed');
  });

  it('after a crash the orchestrator re-reads from its committed position', () => {
    const spec: SagaSpec = { ...ORDER_SAGA, commitEvery: 100, crashes: [{ atMs: 50 }] };
    const r = run(spec, [], { orders: 2 });
    const crash = only(r.events, 'saga.crashed')[0];
    expect(crash).toMatchObject({ committed: 0 });
    const handled = only(r.events, 'saga.messageHandled') as Extract<
      SagaEvent,
      { type: 'saga.messageHandled' }
    >[];
    expect(handled.some((e) => e.redelivered)).toBe(true);
    // The replayed OrderCreated finds its instance: not started twice.
    expect(only(r.events, 'saga.startRejected').length).toBeGreaterThan(0);
    expect(r.state.counters.started).toBe(2);
    expect([...r.state.instances.values()].every((i) => i.status === 'completed')).toBe(true);
  });

  it('state is the fold of its events', () => {
    const r = run(ORDER_SAGA, [OK, { ...OK, outcome: 'failure', copies: 2, copyDelayMs: 3 }], {
      orders: 3,
    });
    const def = compileSagaDef(ORDER_SAGA, 0);
    expect(foldSaga(def, r.arrivals, r.events)).toEqual(r.state);
  });
});
