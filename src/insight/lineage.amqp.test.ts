/**
 * Lineage across the bridge: a Kafka record handled by a service that publishes to a RabbitMQ
 * exchange; the message's journey (published through which binding, delivered, requeued after
 * a crash, redelivered, handled, acknowledged); what the RabbitMQ consumer emitted back into
 * Kafka, by causation id; a poison message's dead-lettering with its x-death count.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Scenario } from '../engine';
import { renderMsg } from '../i18n/translate';
import { lineage, lineageSteps, type Lineage } from './lineage';
import { msgProblems } from './test/explainCheck';

function bridge(): Scenario {
  const raw = {
    version: 2,
    name: 'bridge',
    seed: 3,
    durationMs: 1200,
    topics: [
      { name: 'orders', partitions: 2 },
      { name: 'shipped', partitions: 1 },
    ],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 40 },
        keys: { kind: 'uniform', count: 3, prefix: 'order-' },
        eventType: 'OrderPlaced',
      },
    ],
    groups: [
      {
        id: 'router',
        topics: ['orders'],
        members: 1,
        processingMs: 1,
        handlers: [
          {
            on: 'OrderPlaced',
            emit: [{ type: 'ShipOrder', exchange: 'work', routingKey: 'ship.{key}' }],
          },
        ],
      },
    ],
    faults: [{ kind: 'crash', atMs: 400, group: 'shipping', member: 'shipping-1' }],
    amqp: {
      exchanges: [
        { name: 'work', type: 'topic' },
        { name: 'dlx', type: 'fanout' },
      ],
      queues: [{ name: 'ship', arguments: { 'x-dead-letter-exchange': 'dlx' } }, { name: 'dead' }],
      bindings: [
        { source: 'work', destination: 'ship', destinationType: 'queue', routingKey: 'ship.#' },
        { source: 'dlx', destination: 'dead', destinationType: 'queue', routingKey: '' },
      ],
      publishers: [],
      consumers: [
        {
          id: 'shipping',
          queue: 'ship',
          members: 2,
          prefetch: 3,
          processingMs: 30,
          handlers: [{ on: 'ShipOrder', emit: [{ type: 'OrderShipped', topic: 'shipped' }] }],
        },
      ],
    },
  };
  const p = parseScenario(raw);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.scenario;
}

const lines = (l: Lineage) => lineageSteps(l).map((s) => renderMsg('en', s.text));

describe('lineage of RabbitMQ messages', () => {
  const r = simulate(bridge());

  it('a Kafka record → the service publishes to an exchange → a RabbitMQ consumer → a Kafka record', () => {
    // The first order the router bridged (its channel opens with the broker's topology).
    const pub = r.events.find((e) => e.type === 'amqp.published')!;
    const cause = (pub as { message: { meta?: { causationId?: unknown } } }).message.meta!
      .causationId as number;
    const l = lineage(r.model, r.events, cause)!;
    expect(l.eventType).toBe('OrderPlaced');
    expect(l.appends).toHaveLength(1);
    const msgNode = l.children.find((c) => c.eventType === 'ShipOrder')!;
    expect(msgNode, 'the message the service published').toBeDefined();
    const text = lines(msgNode);
    expect(text[0]).toMatch(
      /^published by router to exchange work with routing key ship\.order-\d, into ship \(binding ship\.#\)$/,
    );
    expect(
      text.some((t) =>
        /^delivered from ship to shipping-\d \(shipping\), delivery tag \d+$/.test(t),
      ),
    ).toBe(true);
    expect(text.some((t) => /^handled by shipping-\d \(shipping\)$/.test(t))).toBe(true);
    expect(
      text.some((t) => /^acknowledged by shipping-\d \(basic\.ack, delivery tag \d+\)$/.test(t)),
    ).toBe(true);
    // What the RabbitMQ consumer caused, back in Kafka.
    const shipped = msgNode.children.find((c) => c.eventType === 'OrderShipped')!;
    expect(shipped.appends[0]!.topic).toBe('shipped');
    for (const s of [...lineageSteps(l), ...lineageSteps(msgNode), ...lineageSteps(shipped)])
      expect(msgProblems(s.text)).toEqual([]);
  });

  it('a message the crashed consumer held is requeued, then redelivered and handled by the other member', () => {
    const requeued = r.events.find((e) => e.type === 'amqp.requeued');
    expect(requeued, 'the crash requeues unacked deliveries').toBeDefined();
    const redelivered = r.events.find((e) => e.type === 'amqp.delivered' && e.redelivered)!;
    const id = (redelivered as { message: { meta?: { eventId?: unknown } } }).message.meta!
      .eventId as number;
    const text = lines(lineage(r.model, r.events, id)!);
    const i = text.findIndex((t) =>
      /^requeued to ship: shipping-1 crashed at [\d,.]+ ms with the delivery unacknowledged/.test(
        t,
      ),
    );
    expect(i, text.join('\n')).toBeGreaterThan(0);
    expect(text.slice(i).some((t) => /redelivered=true$/.test(t))).toBe(true);
    expect(text.slice(i).some((t) => /^handled by shipping-2/.test(t))).toBe(true);
  });

  it('an unknown id has no lineage; lines are in log order', () => {
    expect(lineage(r.model, r.events, 987654)).toBeNull();
    const some = r.events.find((e) => e.type === 'amqp.published')!;
    const id = (some as { message: { meta?: { eventId?: unknown } } }).message.meta!
      .eventId as number;
    const steps = lineageSteps(lineage(r.model, r.events, id)!);
    for (let k = 1; k < steps.length; k++)
      expect(steps[k]!.index).toBeGreaterThanOrEqual(steps[k - 1]!.index);
  });

  it('a poison message is rejected and dead-lettered with its x-death count', () => {
    const s = bridge();
    s.amqp!.consumers[0]!.failure = { rate: 1, requeue: false };
    const run = simulate(s);
    const dl = run.events.find((e) => e.type === 'amqp.deadLettered')!;
    const id = (dl as { message: { meta?: { eventId?: unknown } } }).message.meta!
      .eventId as number;
    const text = lines(lineage(run.model, run.events, id)!);
    expect(text).toContain(
      'dead-lettered from ship (reason rejected) to exchange dlx, x-death count 1; it went to dead',
    );
    expect(text.some((t) => /^handler failed in shipping-\d \(shipping\)$/.test(t))).toBe(true);
  });
});
