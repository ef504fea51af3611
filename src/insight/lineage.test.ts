import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type SimEvent } from '../engine';
import { defaultScenarioJson } from '../scenarios';
import { renderMsg } from '../i18n/translate';
import { lineage, lineageSteps, type Lineage } from './lineage';
import { LogBuilder, testModel } from './test/logBuilder';

type Appended = Extract<SimEvent, { type: 'recordAppended' }>;

function flatten(l: Lineage): Lineage[] {
  return [l, ...l.children.flatMap(flatten)];
}

describe('lineage of a record in the default scenario', () => {
  const parsed = parseScenario(defaultScenarioJson);
  if (!parsed.ok) throw new Error('default scenario');
  const r = simulate(parsed.scenario);
  const appended = r.events.filter((e): e is Appended => e.type === 'recordAppended');
  // An order that made it all the way: OrderCreated → PaymentProcessed → OrderShipped.
  const shipped = appended.find((e) => e.eventType === 'OrderShipped')!;
  const payment = appended.find((e) => e.eventId === shipped.causationId)!;
  const order = appended.find((e) => e.eventId === payment.causationId)!;
  const l = lineage(r.model, r.events, order.eventId)!;

  it('starts with the append of the OrderCreated record', () => {
    expect(l.eventType).toBe('OrderCreated');
    expect(l.appends).toEqual([
      expect.objectContaining({
        index: r.events.indexOf(order),
        producer: 'order-service',
        topic: 'order-events',
        partition: order.partition,
        offset: order.offset,
      }),
    ]);
  });

  it('lists who fetched and processed it, and the first commit of each group past it', () => {
    const topic = r.model.topics[r.model.topicIndex.get('order-events')!]!;
    const readers = topic.subscribers.map((gi) => r.model.groups[gi]!.id).sort();
    expect(readers).toEqual(['analytics', 'email', 'inventory', 'payment']);
    expect([...new Set(l.attempts.map((a) => a.group))].sort()).toEqual(readers);
    expect([...new Set(l.fetches.map((f) => f.group))].sort()).toEqual(readers);
    for (const f of l.fetches) expect(f.from <= order.offset && order.offset < f.to).toBe(true);
    expect(l.commits.map((c) => c.group).sort()).toEqual(readers);
    for (const c of l.commits) {
      expect(c.offset).toBeGreaterThan(order.offset);
      const processed = l.attempts.find((a) => a.group === c.group)!;
      expect(c.index).toBeGreaterThan(processed.index);
    }
    expect(l.awaiting).toEqual([]);
  });

  it('includes its downstream PaymentProcessed and OrderShipped, each processed by its readers', () => {
    const pay = l.children.find((c) => c.eventType === 'PaymentProcessed')!;
    expect(pay.eventId).toBe(payment.eventId);
    expect(pay.appends[0]!.causationId).toBe(order.eventId);
    const ship = pay.children.find((c) => c.eventType === 'OrderShipped')!;
    expect(ship.eventId).toBe(shipped.eventId);
    expect(pay.attempts.map((a) => a.group)).toContain('shipping');
    expect(l.children.map((c) => c.eventType)).toContain('InventoryReserved');
    // Every record in the tree shares the order's correlation id.
    for (const n of flatten(l)) expect(n.appends[0]!.correlationId).toBe(order.correlationId);
  });

  it('is null for an event id no record has, and caps the tree', () => {
    expect(lineage(r.model, r.events, -5)).toBeNull();
    const capped = lineage(r.model, r.events, order.eventId, { maxRecords: 1 })!;
    expect(capped.children).toEqual([]);
    expect(capped.omitted).toBe(l.children.length);
  });
});

describe('lineage of hand-built logs', () => {
  it('shows handler failures, the dead-lettering and the dead-letter record it caused', () => {
    const b = new LogBuilder();
    b.at(0).assign('g', 'g-1', ['orders-0'], { 'orders-0': 0 });
    const rec = b.at(1).append('orders', 0, 'order-1');
    b.at(2).fetch('g', 'g-1', 'orders', 0, 0, 1);
    b.at(3).fail('g', 'g-1', 'orders', 0, 0, 1);
    b.at(4).fail('g', 'g-1', 'orders', 0, 0, 2);
    const dl = b.at(5).other({
      type: 'recordDeadLettered',
      group: 'g',
      member: 'g-1',
      topic: 'orders',
      partition: 0,
      offset: 0,
      attempts: 3,
      deadLetterTopic: 'orders-dlq',
      wakeUs: 5000,
    });
    const dlq = b.append('orders-dlq', 0, 'order-1', { producer: 'g', causationId: rec.eventId });
    b.at(6).commit('g', 'g-1', 'orders', 0, 1);
    const l = lineage(testModel(), b.events, rec.eventId)!;
    expect(l.failures.map((f) => [f.attempt, f.timeUs])).toEqual([
      [1, 3000],
      [2, 4000],
    ]);
    expect(l.deadLettered).toEqual([
      {
        index: dl,
        timeUs: 5000,
        group: 'g',
        member: 'g-1',
        offset: 0,
        attempts: 3,
        deadLetterTopic: 'orders-dlq',
      },
    ]);
    expect(l.attempts).toEqual([]);
    expect(l.commits.map((c) => c.offset)).toEqual([1]);
    expect(l.awaiting).toEqual([]);
    expect(l.children.map((c) => [c.eventId, c.appends[0]!.topic])).toEqual([
      [dlq.eventId, 'orders-dlq'],
    ]);
  });

  it('shows both appends of a log duplicate, a redelivery, and the groups still to read it', () => {
    const b = new LogBuilder();
    const first = b.at(1).append('orders', 0, 'order-1', { eventId: 9 });
    b.at(2).append('orders', 0, 'order-1', { eventId: 9 });
    b.at(3).process('g', 'g-1', 'orders', 0, 0);
    b.at(4).process('g', 'g-1', 'orders', 0, 0, { redelivered: true });
    b.at(5).process('g', 'g-1', 'orders', 0, 1);
    b.at(6).commit('g', 'g-1', 'orders', 0, 1);
    const model = testModel([
      { id: 'g', topics: ['orders'], members: 1 },
      { id: 'late', topics: ['orders'], members: 1 },
    ]);
    const l = lineage(model, b.events, first.eventId)!;
    expect(l.appends.map((a) => a.offset)).toEqual([0, 1]);
    expect(l.attempts.map((a) => [a.offset, a.redelivered])).toEqual([
      [0, false],
      [0, true],
      [1, false],
    ]);
    // The commit of 1 covers offset 0 only; offset 1 is not committed yet.
    expect(l.commits).toHaveLength(1);
    expect(l.awaiting).toEqual(['late']);
  });

  it('shows a skip past the record and its truncation from the log', () => {
    const b = new LogBuilder();
    const rec = b.at(1).append('orders', 0, 'order-1');
    b.at(2).other({
      type: 'offsetsSkipped',
      group: 'g',
      member: 'g-2',
      topic: 'orders',
      partition: 0,
      from: 0,
      to: 1,
      reason: 'committed-before-processing',
    });
    b.at(3).push({
      type: 'logTruncated',
      timeUs: 3000,
      topic: 'orders',
      partition: 0,
      fromOffset: 0,
      toOffset: 1,
      reason: 'retention.ms',
    });
    const other = b.at(4).append('orders', 0, 'order-2');
    b.process('g', 'g-2', 'orders', 0, 0, { eventId: other.eventId });
    const l = lineage(testModel(), b.events, rec.eventId)!;
    expect(l.skipped.map((s) => s.reason)).toEqual(['committed-before-processing']);
    expect(l.truncated.map((t) => t.reason)).toEqual(['retention.ms']);
    expect(l.attempts).toEqual([]);
  });
});

describe('lineage lines', () => {
  const node: Lineage = {
    eventId: 7,
    eventType: 'PaymentCaptured',
    appends: [
      {
        index: 1,
        timeUs: 1000,
        producer: 'checkout',
        topic: 'payments',
        partition: 2,
        offset: 41,
        key: 'account-7',
        entity: null,
        eventType: 'PaymentCaptured',
        causationId: null,
        correlationId: 7,
      },
    ],
    fetches: [{ index: 2, timeUs: 2000, group: 'ledger', member: 'ledger-1', from: 40, to: 45 }],
    attempts: [
      {
        index: 3,
        timeUs: 3000,
        group: 'ledger',
        member: 'ledger-1',
        offset: 41,
        attempt: 1,
        redelivered: false,
        deduplicated: false,
        reorderedAfter: null,
      },
      {
        index: 9,
        timeUs: 9000,
        group: 'ledger',
        member: 'ledger-2',
        offset: 41,
        attempt: 3,
        redelivered: true,
        deduplicated: true,
        reorderedAfter: null,
      },
    ],
    failures: [
      { index: 4, timeUs: 4000, group: 'ledger', member: 'ledger-1', offset: 41, attempt: 2 },
    ],
    deadLettered: [
      {
        index: 5,
        timeUs: 5000,
        group: 'audit',
        member: 'audit-1',
        offset: 41,
        attempts: 5,
        deadLetterTopic: 'payments.DLT',
      },
      {
        index: 6,
        timeUs: 6000,
        group: 'mail',
        member: 'mail-1',
        offset: 41,
        attempts: 1,
        deadLetterTopic: null,
      },
    ],
    commits: [
      {
        index: 10,
        timeUs: 10000,
        group: 'ledger',
        member: 'ledger-2',
        offset: 42,
        cause: 'after-processing',
      },
    ],
    skipped: [],
    truncated: [],
    awaiting: [],
    children: [],
    omitted: 0,
    amqp: [],
  };

  it('are messages in log order, reading in English as the panel always did, and in Chinese', () => {
    const steps = lineageSteps(node);
    expect(steps.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6, 9, 10]);
    expect(steps.map((s) => renderMsg('en', s.text))).toEqual([
      'appended by checkout to payments-2 @ 41 (key account-7)',
      'fetched by ledger-1 (ledger) in offsets 40…44',
      'processed by ledger-1 (ledger)',
      'handler failed in ledger-1 (ledger), attempt 2',
      'dead-lettered by audit to payments.DLT after 5 attempts',
      'dead-lettered by mail after 1 attempt',
      'processed by ledger-2 (ledger), redelivered, absorbed by the dedup store, attempt 3',
      'committed past it by ledger-2 (ledger), offset 42',
    ]);
    expect(steps.map((s) => renderMsg('zh-CN', s.text))).toEqual([
      '由 checkout 追加到 payments-2 @ 41（键 account-7）',
      '被 ledger-1（ledger）拉取，所在批次的偏移量为 40…44',
      '被 ledger-1（ledger）处理',
      '处理函数在 ledger-1（ledger）中失败，第 2 次尝试',
      '尝试 5 次后被 audit 送入死信队列 payments.DLT',
      '尝试 1 次后被 mail 送入死信队列',
      '被 ledger-2（ledger）处理，重新投递，被去重存储吸收，第 3 次尝试',
      '被 ledger-2（ledger）提交越过，偏移量 42',
    ]);
  });
});
