/**
 * RabbitMQ's anomalies, each from a run that shows it (a duplicate also from a log built by
 * hand, to pin its explanation), with its cause, count and explanation; and every explanation
 * of random RabbitMQ runs renders in English and Chinese.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type SimEvent } from '../engine';
import { renderMsg } from '../i18n/translate';
import type { Anomaly } from './anomaly';
import { detectAnomalies } from './detector';
import { amqpScenarioArb } from './test/amqpArb';
import { msgProblems } from './test/explainCheck';

type Raw = Record<string, unknown>;

function scenario(amqp: Raw, faults: unknown[] = [], durationMs = 1000) {
  const p = parseScenario({
    version: 2,
    name: 'rabbit',
    seed: 11,
    durationMs,
    topics: [],
    producers: [],
    groups: [],
    faults,
    amqp,
  });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.scenario;
}

function run(amqp: Raw, faults: unknown[] = [], durationMs = 1000) {
  const r = simulate(scenario(amqp, faults, durationMs));
  const anomalies = detectAnomalies(r.model, r.events);
  for (const a of anomalies) expect(msgProblems(a.explanation), a.id).toEqual([]);
  return { r, anomalies };
}

const en = (a: Anomaly) => renderMsg('en', a.explanation);
const of = (list: Anomaly[], kind: string, cause: string) =>
  list.filter((a) => a.kind === kind && a.cause === cause);

const pub = (over: Raw = {}) => ({
  id: 'shop',
  exchange: 'orders',
  routingKey: 'order.placed',
  rate: { kind: 'constant', perSec: 100 },
  keys: { kind: 'uniform', count: 3, prefix: 'order-' },
  eventType: 'OrderPlaced',
  ...over,
});

const topology = (queueArgs: Raw = {}, extraQueues: Raw[] = []) => ({
  exchanges: [
    { name: 'orders', type: 'topic' },
    { name: 'dlx', type: 'fanout' },
  ],
  queues: [{ name: 'work', arguments: queueArgs }, { name: 'dead' }, ...extraQueues],
  bindings: [
    { source: 'orders', destination: 'work', destinationType: 'queue', routingKey: 'order.*' },
    { source: 'dlx', destination: 'dead', destinationType: 'queue', routingKey: '' },
  ],
});

describe('RabbitMQ anomalies', () => {
  it('lost, unroutable: no binding matches and mandatory is not set (none with mandatory)', () => {
    const amqp = {
      ...topology(),
      publishers: [pub({ routingKey: 'invoice.sent' })],
      consumers: [],
    };
    const { r, anomalies } = run(amqp);
    const lost = of(anomalies, 'lost', 'unroutable');
    expect(lost.length).toBe(r.summary.amqp!.lostUnroutable);
    expect(lost.length).toBeGreaterThan(10);
    expect(en(lost[0]!)).toMatch(
      /^Message #\d+ \(order-\d\), published to exchange orders with routing key invoice\.sent at [\d,.]+ ms, matched no binding and mandatory was not set: RabbitMQ dropped it silently \(with mandatory=true the publisher would get basic\.return 312 NO_ROUTE\)$/,
    );
    expect(lost[0]!.exchange).toBe('orders');
    const returned = run({ ...amqp, publishers: [pub({ routingKey: 'x', mandatory: true })] });
    expect(of(returned.anomalies, 'lost', 'unroutable')).toEqual([]);
  });

  it('lost with auto-ack: the deliveries a crashed no-ack consumer held', () => {
    const { r, anomalies } = run(
      {
        ...topology(),
        publishers: [pub({ rate: { kind: 'constant', perSec: 300 } })],
        consumers: [{ id: 'billing', queue: 'work', members: 1, autoAck: true, processingMs: 10 }],
      },
      [{ kind: 'crash', atMs: 500, group: 'billing', member: 'billing-1' }],
    );
    const lost = of(anomalies, 'lost', 'auto-ack');
    expect(lost).toHaveLength(1);
    expect(lost[0]!.count).toBe(r.summary.amqp!.lostAutoAck);
    expect(lost[0]!.count).toBeGreaterThan(10);
    expect(lost[0]!.member).toBe('billing-1');
    expect(en(lost[0]!)).toMatch(
      /^\d+ messages \((#\d+, ){7}#\d+, …\) delivered with auto-ack \(no-ack\) were lost when billing-1 \(billing\) crashed at 500 ms: with auto-ack RabbitMQ counts a message acknowledged as soon as it sends it, so nothing was requeued$/,
    );
  });

  it('x-max-length: dropped without a dead-letter exchange, dead-lettered (maxlen, x-death) with one', () => {
    const amqp = { ...topology({ 'x-max-length': 2 }), publishers: [pub()], consumers: [] };
    const dropped = run(amqp);
    const lost = of(dropped.anomalies, 'lost', 'dropped');
    expect(lost.length).toBe(dropped.r.summary.amqp!.lostDropped);
    expect(lost[0]!.reason).toBe('maxlen');
    expect(en(lost[0]!)).toMatch(
      /^Message #\d+ \(order-\d\) left queue work at [\d,.]+ ms \(reason maxlen: the queue was at its x-max-length or x-max-length-bytes\) and was dropped: the queue has no x-dead-letter-exchange$/,
    );
    const dl = run({
      ...amqp,
      ...topology({ 'x-max-length': 2, 'x-dead-letter-exchange': 'dlx' }),
    });
    const dead = dl.anomalies.filter((a) => a.kind === 'dead-lettered');
    expect(dead.length).toBe(dl.r.summary.amqp!.deadLettered);
    expect(dead[0]!.reason).toBe('maxlen');
    expect(en(dead[0]!)).toMatch(
      /^Message #\d+ \(order-\d\) was dead-lettered from queue work at [\d,.]+ ms to exchange dlx \(reason maxlen: the queue was at its x-max-length or x-max-length-bytes\); x-death counts it once for work with reason maxlen; it went to dead$/,
    );
  });

  it('lost, refused: a full queue with x-overflow reject-publish refuses copies (confirms or not)', () => {
    const amqp = {
      ...topology({ 'x-max-length': 2, 'x-overflow': 'reject-publish' }),
      publishers: [pub()],
      consumers: [],
    };
    for (const confirm of [false, true]) {
      const { r, anomalies } = run({ ...amqp, publishers: [pub({ confirm })] });
      const lost = of(anomalies, 'lost', 'refused');
      expect(lost.length).toBe(r.summary.amqp!.lostRefused);
      // Two copies fit; every later one is refused (no consumer drains the queue).
      expect(lost.length).toBe(r.summary.amqp!.published - 2);
      expect(r.summary.amqp!.lost).toBe(lost.length);
      expect(lost[0]!.queue).toBe('work');
      expect(en(lost[0]!)).toMatch(
        confirm
          ? /^Queue work was at its length limit at [\d,.]+ ms and refused message #\d+ \(order-\d\) \(x-overflow reject-publish\): the publisher got basic\.nack and did not publish it again, so that copy is gone$/
          : /without publisher confirms the publisher never knew, so that copy is gone$/,
      );
      if (confirm) expect(r.summary.amqp!.confirmNacks).toBe(lost.length);
    }
    // reject-publish-dlx dead-letters the refused copy instead: dead-lettered, not lost.
    const dlx = run({
      ...amqp,
      ...topology({
        'x-max-length': 2,
        'x-overflow': 'reject-publish-dlx',
        'x-dead-letter-exchange': 'dlx',
      }),
    });
    expect(of(dlx.anomalies, 'lost', 'refused')).toEqual([]);
    expect(dlx.r.summary.amqp!.lost).toBe(0);
    expect(dlx.r.summary.amqp!.deadLettered).toBe(dlx.r.summary.amqp!.published - 2);
  });

  it('lost, unroutable: dead-lettered to an exchange that routes the copy nowhere', () => {
    const amqp = {
      ...topology({
        'x-max-length': 1,
        'x-dead-letter-exchange': 'orders',
        'x-dead-letter-routing-key': 'parked',
      }),
      publishers: [pub()],
      consumers: [],
    };
    const { r, anomalies } = run(amqp);
    const lost = of(anomalies, 'lost', 'unroutable');
    expect(lost.length).toBeGreaterThan(10);
    expect(lost.length).toBe(r.summary.amqp!.lostUnroutable);
    expect(lost.length).toBe(r.summary.amqp!.deadLettered);
    expect(r.summary.amqp!.unroutable).toBe(0);
    expect(en(lost[0]!)).toMatch(
      /^Message #\d+ \(order-\d\) was dead-lettered from queue work \(maxlen\) at [\d,.]+ ms to exchange orders with routing key parked, which routes it to no queue: RabbitMQ drops it silently$/,
    );
  });

  it('a duplicate from a run: a consumer acking in batches crashes with handled messages unacknowledged', () => {
    const { r, anomalies } = run(
      {
        ...topology(),
        publishers: [pub()],
        consumers: [
          { id: 'billing', queue: 'work', members: 2, prefetch: 50, ackEvery: 20, processingMs: 5 },
        ],
      },
      [{ kind: 'crash', atMs: 505, group: 'billing', member: 'billing-1' }],
    );
    const dups = of(anomalies, 'duplicate', 'consumer-crash');
    expect(dups.length).toBeGreaterThan(0);
    expect(dups.length).toBe(r.summary.amqp!.duplicates);
    expect(dups.every((d) => d.member === 'billing-2')).toBe(true);
    expect(en(dups[0]!)).toMatch(
      /first by billing-1 at [\d,.]+ ms; billing-1 crashed at 505 ms with the delivery unacknowledged, so its channel closed and RabbitMQ requeued it \(redelivered=true\); billing-2 handled it again at [\d,.]+ ms\.$/,
    );
    // Acknowledged one by one, the same crash redelivers nothing that was handled.
    const each = run(
      {
        ...topology(),
        publishers: [pub()],
        consumers: [{ id: 'billing', queue: 'work', members: 2, prefetch: 50, processingMs: 5 }],
      },
      [{ kind: 'crash', atMs: 505, group: 'billing', member: 'billing-1' }],
    );
    expect(of(each.anomalies, 'duplicate', 'consumer-crash')).toEqual([]);
  });

  it('a broker restart loses transient messages; a publisher sending while disconnected loses its messages', () => {
    const { r, anomalies } = run(
      { ...topology(), publishers: [pub({ persistent: false })], consumers: [] },
      [{ kind: 'rabbitmqRestart', atMs: 300 }],
    );
    const restart = of(anomalies, 'lost', 'broker-restart');
    expect(restart).toHaveLength(1);
    expect(restart[0]!.count).toBe(r.summary.amqp!.lostRestart);
    expect(en(restart[0]!)).toMatch(/^The broker restarted at 300 ms: \d+ messages were gone/);
    const down = of(anomalies, 'lost', 'publisher-disconnected');
    expect(down.length).toBe(r.summary.amqp!.lostDisconnected);
    expect(down.length).toBeGreaterThan(0);
    expect(en(down[0]!)).toMatch(
      /^Message #\d+ \(order-\d\) was sent by publisher shop at [\d,.]+ ms while its connection was down \(the broker restarted at 300 ms; the client recovers its connection after 5 s\): it never reached the broker$/,
    );
    expect(down[0]!.causeIndex).toBe(r.events.findIndex((e) => e.type === 'amqp.brokerRestarting'));
  });

  it('a poison message requeued forever is stuck (a poison loop); a delivery limit dead-letters it instead', () => {
    const amqp = {
      ...topology({ 'x-queue-type': 'quorum', 'x-dead-letter-exchange': 'dlx' }),
      publishers: [pub({ rate: { kind: 'constant', perSec: 20 } })],
      consumers: [
        {
          id: 'billing',
          queue: 'work',
          members: 1,
          processingMs: 2,
          failure: { rate: 0, requeue: true },
        },
      ],
    };
    const poison = [{ kind: 'poisonMessage', atMs: 100, producer: 'shop' }];
    const loop = run(amqp, poison);
    const stuck = of(loop.anomalies, 'stuck', 'poison-loop');
    expect(stuck).toHaveLength(1);
    expect(stuck[0]!.queue).toBe('work');
    expect(en(stuck[0]!)).toMatch(
      /^Message #\d+ \(order-\d\) in queue work was delivered 6 times and never acknowledged \(the last time to billing-1 at [\d,.]+ ms\): every handling fails and the message goes back to the queue, a poison loop\./,
    );
    const limited = run(
      {
        ...amqp,
        ...topology({
          'x-queue-type': 'quorum',
          'x-dead-letter-exchange': 'dlx',
          'x-delivery-limit': 2,
        }),
      },
      poison,
    );
    expect(of(limited.anomalies, 'stuck', 'poison-loop')).toEqual([]);
    const dead = limited.anomalies.filter((a) => a.kind === 'dead-lettered');
    expect(dead.map((a) => a.reason)).toEqual(['delivery_limit']);
  });

  it('reordered by competing consumers: a later message of an entity finished first on another member', () => {
    const { r, anomalies } = run({
      ...topology(),
      publishers: [pub({ rate: { kind: 'constant', perSec: 200 } })],
      consumers: [
        {
          id: 'billing',
          queue: 'work',
          members: 3,
          prefetch: 1,
          processingMs: { kind: 'uniform', minMs: 1, maxMs: 30 },
        },
      ],
    });
    const re = anomalies.filter((a) => a.kind === 'reordered');
    expect(re.length).toBe(r.summary.amqp!.reordered);
    const competing = of(anomalies, 'reordered', 'competing-consumers');
    expect(competing.length).toBeGreaterThan(0);
    expect(en(competing[0]!)).toMatch(
      /^Message #\d+ \(order-\d\) was handled by billing-\d \(billing\) at [\d,.]+ ms, after #\d+, published later for order-\d, had been handled by billing-\d at [\d,.]+ ms: competing consumers: the queue gave the two messages to different members of billing and billing-\d finished first/,
    );
  });

  it('reordered by a requeue: a nacked message comes back behind later ones', () => {
    const { anomalies } = run({
      ...topology(),
      publishers: [pub({ rate: { kind: 'constant', perSec: 1000 } })],
      consumers: [
        {
          id: 'billing',
          queue: 'work',
          members: 1,
          prefetch: 5,
          processingMs: 2,
          failure: { rate: 0.2, requeue: true },
        },
      ],
      // Faster than it handles: a nacked message goes back to the queue's head while the
      // member's prefetch window already holds later ones.
    });
    const re = of(anomalies, 'reordered', 'requeue');
    expect(re.length).toBeGreaterThan(0);
    expect(en(re[0]!)).toMatch(
      /: this message had come back to the queue \(billing-1 nacked it at [\d,.]+ ms with requeue=true, so RabbitMQ put it back in the queue \(redelivered=true\)\), behind the later one\.$/,
    );
  });

  it('a duplicate: handled, not acknowledged before the crash, redelivered and handled again (hand-built log)', () => {
    const s = scenario({
      ...topology(),
      publishers: [pub()],
      consumers: [{ id: 'billing', queue: 'work', members: 2 }],
    });
    const { model } = simulate(s, { untilMs: 0 });
    const message = {
      id: 5,
      exchange: 'orders',
      routingKey: 'order.placed',
      body: '{}',
      bytes: 2,
      persistent: true,
      meta: { eventId: 5, eventType: 'OrderPlaced', entity: 'order-1', producer: 'shop' },
    };
    const handled = (t: number, member: string, tag: number, duplicate: boolean) =>
      ({
        type: 'amqp.handled',
        timeUs: t,
        consumer: 'billing',
        member,
        deliveryTag: tag,
        eventId: 5,
        eventType: 'OrderPlaced',
        entity: 'order-1',
        producer: 'shop',
        queue: 'work',
        redelivered: duplicate,
        ok: true,
        duplicate,
        deduplicated: false,
        reorderedAfter: null,
      }) as unknown as SimEvent;
    const delivered = (t: number, channel: string, tag: number, redelivered: boolean) =>
      ({
        type: 'amqp.delivered',
        timeUs: t,
        queue: 'work',
        seq: 1,
        channel,
        consumerTag: channel,
        deliveryTag: tag,
        noAck: false,
        redelivered,
        deliveryCount: 0,
        message,
        messageCount: null,
      }) as unknown as SimEvent;
    const log: SimEvent[] = [
      {
        type: 'amqp.queueDeclared',
        queue: 'work',
        queueType: 'classic',
        durable: true,
        exclusive: false,
        autoDelete: false,
        arguments: {},
        timeUs: 0,
      } as SimEvent,
      {
        type: 'amqp.published',
        channel: 'publisher shop',
        publishSeq: null,
        message,
        mandatory: false,
        queues: ['work'],
        rejectedBy: [],
        timeUs: 1000,
      } as SimEvent,
      delivered(1000, 'billing billing-1', 1, false),
      handled(10_000, 'billing-1', 1, false),
      {
        type: 'amqp.memberCrashed',
        timeUs: 12_000,
        consumer: 'billing',
        member: 'billing-1',
        fault: 0,
        lostEventIds: [],
      } as SimEvent,
      {
        type: 'amqp.requeued',
        channel: 'billing billing-1',
        deliveryTags: [1],
        cause: 'channelClosed',
        timeUs: 12_000,
      } as SimEvent,
      delivered(12_000, 'billing billing-2', 1, true),
      handled(20_000, 'billing-2', 1, true),
    ];
    const list = detectAnomalies(model, log);
    expect(list).toHaveLength(1);
    const d = list[0]!;
    expect([d.kind, d.cause, d.count, d.causeIndex, d.member, d.queue]).toEqual([
      'duplicate',
      'consumer-crash',
      1,
      4,
      'billing-2',
      'work',
    ]);
    expect(en(d)).toBe(
      'Message #5 (order-1) from queue work was handled twice by consumer billing: first by billing-1 at 10 ms; billing-1 crashed at 12 ms with the delivery unacknowledged, so its channel closed and RabbitMQ requeued it (redelivered=true); billing-2 handled it again at 20 ms.',
    );
    expect(renderMsg('zh-CN', d.explanation)).toBe(
      '队列 work 的消息 #5 (order-1) 被消费者 billing 处理了两次：先由 billing-1 在 10 ms 处理；billing-1 在 12 ms 崩溃时这次投递还未确认，它的信道关闭，RabbitMQ 将消息重新入队（redelivered=true）；billing-2 在 20 ms 又处理了一次。',
    );
  });

  it('property: every explanation of random RabbitMQ runs renders in both languages', () => {
    fc.assert(
      fc.property(amqpScenarioArb, (s) => {
        const r = simulate(s);
        for (const a of detectAnomalies(r.model, r.events))
          expect(msgProblems(a.explanation), `${a.id}: ${en(a)}`).toEqual([]);
      }),
      { numRuns: 40, seed: 9302, verbose: 0 },
    );
  });
});
