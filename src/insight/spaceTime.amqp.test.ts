/**
 * The space-time diagram of a mixed run: RabbitMQ's publishers, queues and consumer members sit
 * beside Kafka's producers, partitions and group members (senders on top, brokers in the
 * middle, consumers below); deliveries go queue → member (redeliveries flagged), acks and
 * requeues member → queue, publishes publisher → queue; a wide layout stays readable.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Scenario } from '../engine';
import { spaceTime } from './spaceTime';

function mixed(partitions: number, queues: number): Scenario {
  const names = Array.from({ length: queues }, (_, i) => `q${i}`);
  const raw = {
    version: 2,
    name: 'mixed',
    seed: 5,
    durationMs: 1000,
    topics: [{ name: 'orders', partitions }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 60 },
        keys: { kind: 'uniform', count: 5, prefix: 'order-' },
        eventType: 'OrderPlaced',
      },
    ],
    groups: [{ id: 'billing', topics: ['orders'], members: 2, processingMs: 2 }],
    faults: [{ kind: 'crash', atMs: 300, group: 'workers', member: 'workers-1' }],
    amqp: {
      exchanges: [{ name: 'jobs', type: 'fanout' }],
      queues: names.map((name) => ({ name })),
      bindings: names.map((q) => ({
        source: 'jobs',
        destination: q,
        destinationType: 'queue',
        routingKey: '',
      })),
      publishers: [
        {
          id: 'api',
          exchange: 'jobs',
          routingKey: 'job',
          // Faster than the two members handle: each holds a full prefetch window at the crash.
          rate: { kind: 'constant', perSec: 200 },
          eventType: 'Job',
        },
      ],
      consumers: [{ id: 'workers', queue: 'q0', members: 2, prefetch: 5, processingMs: 20 }],
    },
  };
  const p = parseScenario(raw);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.scenario;
}

describe('space-time of a mixed Kafka + RabbitMQ run', () => {
  const r = simulate(mixed(3, 2));
  const st = spaceTime(r.model, r.events, { fromUs: 0, toUs: 1_000_000, width: 1000 });

  it('has lanes for publishers, queues and consumer members beside Kafka’s, in bands', () => {
    const ids = st.lanes.map((l) => l.id);
    expect(ids).toEqual([
      'producer:shop',
      'publisher:api',
      'partition:orders-0',
      'partition:orders-1',
      'partition:orders-2',
      'queue:q0',
      'queue:q1',
      'member:billing/billing-1',
      'member:billing/billing-2',
      'consumer:workers/workers-1',
      'consumer:workers/workers-2',
    ]);
    expect(st.lanes.find((l) => l.id === 'queue:q0')!.kind).toBe('queue');
    expect(st.lanes.find((l) => l.id === 'consumer:workers/workers-2')!.group).toBe('workers');
  });

  it('draws publishes, deliveries, acks and requeues between the right lanes', () => {
    const kinds = new Set(
      st.arrows.map((a) => `${a.kind} ${a.from.split(':')[0]}→${a.to.split(':')[0]}`),
    );
    expect(kinds).toContain('append publisher→queue');
    expect(kinds).toContain('deliver queue→consumer');
    expect(kinds).toContain('ack consumer→queue');
    expect(kinds).toContain('requeue consumer→queue');
    expect(kinds).toContain('process partition→member');
    // Each delivery arrow starts at or after its delivery and ends when it was handled.
    for (const a of st.arrows.filter((x) => x.kind === 'deliver')) {
      expect(a.x1).toBeLessThanOrEqual(a.x2);
      expect(r.events[a.index]!.type).toBe('amqp.handled');
    }
    // The crash requeued unacked deliveries: the other member handles them redelivered.
    const redelivered = st.arrows.filter((a) => a.kind === 'deliver' && a.redelivered);
    expect(redelivered.length).toBeGreaterThan(0);
    expect(redelivered.every((a) => a.to === 'consumer:workers/workers-2')).toBe(true);
    // Arrows are in log order, as the detector and the timeline read it.
    for (let i = 1; i < st.arrows.length; i++)
      expect(st.arrows[i]!.index).toBeGreaterThanOrEqual(st.arrows[i - 1]!.index);
  });

  it('reads at many lanes: 48 partitions and 24 queues, equal bands, summarised past the cap, flagged kept', () => {
    const big = simulate(mixed(48, 24));
    const d = spaceTime(big.model, big.events, {
      fromUs: 0,
      toUs: 1_000_000,
      width: 1200,
      laneHeight: 14,
      maxArrows: 400,
    });
    expect(d.lanes).toHaveLength(1 + 1 + 48 + 24 + 2 + 2);
    expect(d.height).toBe(d.lanes.length * 14);
    d.lanes.forEach((l, i) => expect(l.y).toBeCloseTo(i * 14 + 7));
    expect(d.summarised).toBe(true);
    expect(d.total).toBeGreaterThan(400);
    expect(d.buckets.length).toBeGreaterThan(0);
    expect(d.arrows.length).toBeLessThanOrEqual(100);
    expect(d.arrows.every((a) => a.redelivered || a.reordered || a.rejected)).toBe(true);
    expect(d.arrows.some((a) => a.kind === 'deliver' && a.redelivered)).toBe(true);
  });
});
