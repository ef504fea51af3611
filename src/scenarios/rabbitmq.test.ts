/**
 * The RabbitMQ built-ins show what they promise, measured on their runs (issue 11 §3): routing
 * by severity.component with unroutable lines counted; fair dispatch with prefetch_count=1 and a
 * crashed worker's unacked task redelivered; retry with delay through TTL + dead-lettering with
 * x-death counting the attempts; a poison message looping on requeue=true vs dead-lettered after
 * x-delivery-limit. A change to the engine that breaks one of these fails here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, topicMatches, type Scenario, type SimEvent } from '../engine';
import { builtInScenarios, builtInTextIn } from '.';

const SEED = 1111;

function load(id: string): Scenario {
  const r = parseScenario(builtInScenarios[id]);
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return r.scenario;
}

type Ev<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;
const only = <T extends SimEvent['type']>(events: SimEvent[], type: T): Ev<T>[] =>
  events.filter((e): e is Ev<T> => e.type === type);

/** Messages that entered each queue from a publisher (not dead-lettered copies). */
function publishedInto(events: SimEvent[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const e of only(events, 'amqp.published'))
    for (const q of e.queues) n.set(q, (n.get(q) ?? 0) + 1);
  return n;
}

/** Successful handlings per consumer member. */
function handledBy(events: SimEvent[], ok = true): Map<string, number> {
  const n = new Map<string, number>();
  for (const e of only(events, 'amqp.handled'))
    if (e.ok === ok) n.set(e.member, (n.get(e.member) ?? 0) + 1);
  return n;
}

/** The x-death count of (queue, reason) on a dead-lettered copy. */
function xDeathCount(e: Ev<'amqp.deadLettered'>, queue: string, reason: string): number {
  const deaths = (e.message.headers?.['x-death'] ?? []) as {
    queue: string;
    reason: string;
    count: number;
  }[];
  return deaths.find((d) => d.queue === queue && d.reason === reason)?.count ?? 0;
}

describe('rabbitmq-logs-topic', () => {
  const s = load('rabbitmq-logs-topic');
  const r = simulate(s);
  const a = r.summary.amqp!;

  it('routes each line by severity.component to every queue whose binding matches', () => {
    const bindings = s.amqp!.bindings;
    for (const e of only(r.events, 'amqp.published')) {
      const want = bindings
        .filter((b) => topicMatches(b.routingKey, e.message.routingKey))
        .map((b) => b.destination)
        .sort();
      expect([...e.queues].sort(), e.message.routingKey).toEqual(want);
    }
    const into = publishedInto(r.events);
    expect(into.get('errors')).toBeGreaterThan(0);
    expect(into.get('payment-logs')).toBeGreaterThan(0);
    expect(into.get('kern-logs')).toBeGreaterThan(0);
    // error.payment goes to two queues: more queue entries than routed messages.
    expect([...into.values()].reduce((x, y) => x + y, 0)).toBeGreaterThan(a.routed);
  });

  it('counts the lines no binding matches (info.auth, warning.auth) as unroutable', () => {
    const unroutable = only(r.events, 'amqp.published').filter((e) => e.queues.length === 0);
    expect(unroutable.length).toBe(a.unroutable);
    expect(a.unroutable).toBeGreaterThan(0);
    expect(new Set(unroutable.map((e) => e.message.routingKey))).toEqual(
      new Set(['info.auth', 'warning.auth']),
    );
    expect(a.routed + a.unroutable).toBe(a.published);
    expect(a.lostUnroutable).toBe(a.unroutable);
  });

  it('the course note binding *.error matches no severity.component key of an error line', () => {
    fc.assert(
      fc.property(fc.constantFrom('auth', 'payment', 'kern'), (component) => {
        expect(topicMatches('*.error', `error.${component}`)).toBe(false);
        expect(topicMatches('error.*', `error.${component}`)).toBe(true);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });
});

describe('rabbitmq-work-queue', () => {
  const s = load('rabbitmq-work-queue');
  const withPrefetch = (n: number): Scenario => ({
    ...s,
    amqp: { ...s.amqp!, consumers: s.amqp!.consumers.map((c) => ({ ...c, prefetch: n })) },
  });

  it('prefetch_count=1: the fast worker takes most tasks; unlimited: round-robin, the slow one hoards', () => {
    const fair = simulate(s);
    const f = handledBy(fair.events);
    expect(f.get('fast')!).toBeGreaterThan(4 * f.get('slow')!);
    const rr = simulate(withPrefetch(0));
    // Round-robin sends the slow worker every other task: it holds far more when it crashes.
    expect(rr.summary.amqp!.redelivered).toBeGreaterThan(10 * fair.summary.amqp!.redelivered);
  });

  it("a crashed worker's unacked task comes back with redelivered=true, and nothing is lost", () => {
    const r = simulate(s);
    const crashUs = s.faults.find((f) => f.kind === 'crash')!.atMs * 1000;
    const again = only(r.events, 'amqp.delivered').filter((e) => e.redelivered);
    expect(again.length).toBe(r.summary.amqp!.redelivered);
    expect(again.length).toBeGreaterThan(0);
    for (const e of again) expect(e.timeUs).toBeGreaterThanOrEqual(crashUs);
    expect(r.summary.amqp!.lost).toBe(0);
    expect(r.summary.amqp!.processed).toBe(r.summary.amqp!.published);
  });

  it('prefetch_count=1 leaves the slow worker at most one unacked task at any time (seeded property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const r = simulate({ ...s, seed, faults: [] });
        const unacked = new Map<string, number>();
        for (const e of r.events) {
          if (e.type === 'amqp.delivered')
            unacked.set(e.channel, (unacked.get(e.channel) ?? 0) + 1);
          if (e.type === 'amqp.acked')
            unacked.set(e.channel, unacked.get(e.channel)! - e.deliveryTags.length);
          for (const n of unacked.values()) expect(n).toBeLessThanOrEqual(1);
        }
      }),
      { seed: SEED, numRuns: 5 },
    );
  });
});

describe('rabbitmq-retry-with-delay', () => {
  const s = load('rabbitmq-retry-with-delay');
  const r = simulate(s);
  const dl = only(r.events, 'amqp.deadLettered');

  it('a rejected message waits x-message-ttl in the wait queue and comes back to the work queue', () => {
    const rejected = dl.filter((e) => e.reason === 'rejected');
    const expired = dl.filter((e) => e.reason === 'expired');
    expect(rejected.length).toBe(r.summary.amqp!.handlerFailures);
    for (const e of rejected) {
      expect(e.fromQueue).toBe('payments.work');
      expect(e.queues).toEqual(['payments.wait-1s']);
    }
    for (const e of expired) {
      expect(e.fromQueue).toBe('payments.wait-1s');
      expect(e.queues).toEqual(['payments.work']);
    }
    // Each expiry is the TTL after its rejection (same x-death history, one more expiry).
    const ttlUs = 1000 * 1000;
    for (const e of expired) {
      const n = xDeathCount(e, 'payments.wait-1s', 'expired');
      const before = rejected.find(
        (x) =>
          x.message.meta?.eventId === e.message.meta?.eventId &&
          xDeathCount(x, 'payments.work', 'rejected') === n,
      );
      expect(before, 'its rejection').toBeDefined();
      expect(e.timeUs - before!.timeUs).toBeGreaterThanOrEqual(ttlUs);
      expect(e.timeUs - before!.timeUs).toBeLessThan(ttlUs + 50_000);
    }
  });

  it('x-death counts the attempts: a message rejected n times carries count n', () => {
    const byMessage = new Map<unknown, number>();
    for (const e of dl.filter((x) => x.reason === 'rejected')) {
      const id = e.message.meta?.eventId;
      const n = (byMessage.get(id) ?? 0) + 1;
      byMessage.set(id, n);
      expect(xDeathCount(e, 'payments.work', 'rejected')).toBe(n);
    }
    expect(Math.max(...byMessage.values())).toBeGreaterThanOrEqual(2);
    expect(r.summary.amqp!.lost).toBe(0);
  });
});

describe('rabbitmq-poison-message', () => {
  const s = load('rabbitmq-poison-message');
  const r = simulate(s);
  const failedIn = (queue: string) =>
    only(r.events, 'amqp.handled').filter((e) => !e.ok && e.queue === queue).length;

  it('requeue=true in a classic queue: the poison message loops until the run ends', () => {
    const loops = failedIn('jobs.classic');
    expect(loops).toBeGreaterThan(100);
    const deliveries = only(r.events, 'amqp.delivered').filter(
      (e) => e.queue === 'jobs.classic' && e.message.meta?.poison === true,
    );
    // Every delivery but the one in hand at the end failed; maxDeliveries counts them all.
    expect(deliveries.length).toBe(loops + 1);
    expect(r.summary.amqp!.maxDeliveries).toBe(deliveries.length);
    expect(deliveries.slice(1).every((e) => e.redelivered)).toBe(true);
    // Still there at the end, redelivered.
    const last = only(r.events, 'amqp.delivered')
      .filter((e) => e.queue === 'jobs.classic')
      .at(-1)!;
    expect(last.redelivered).toBe(true);
    expect(r.events.at(-1)!.timeUs - last.timeUs).toBeLessThan(50_000);
  });

  it('a quorum queue with x-delivery-limit 3 dead-letters it after the limit (delivery_limit)', () => {
    expect(failedIn('jobs.quorum')).toBe(4);
    const dl = only(r.events, 'amqp.deadLettered');
    expect(dl.map((e) => [e.fromQueue, e.reason, e.queues])).toEqual([
      ['jobs.quorum', 'delivery_limit', ['jobs.dead']],
    ]);
    expect(xDeathCount(dl[0]!, 'jobs.quorum', 'delivery_limit')).toBe(1);
    const counts = only(r.events, 'amqp.delivered')
      .filter((e) => e.queue === 'jobs.quorum' && e.message.meta?.poison === true)
      .map((e) => e.deliveryCount);
    expect(counts).toEqual([0, 1, 2, 3]);
  });
});

describe('kafka-to-rabbitmq', () => {
  const s = load('kafka-to-rabbitmq');
  const r = simulate(s);

  it('the Kafka service publishes one OrderConfirmed per record it processes, routed to both queues', () => {
    const g = r.summary.groups.find((x) => x.group === 'notification-bridge')!;
    const a = r.summary.amqp!;
    expect(a.published).toBeGreaterThan(0);
    expect(a.published).toBe(g.processed);
    const published = only(r.events, 'amqp.published');
    for (const e of published) {
      expect(e.message.routingKey).toBe('order.OrderConfirmed');
      expect([...e.queues].sort()).toEqual(['email', 'sms']);
    }
    expect(a.unroutable).toBe(0);
    expect(a.lost).toBe(0);
    // Both queues' consumers handle every message by the end.
    expect(a.processed).toBe(2 * a.published);
  });
});

describe('RabbitMQ built-ins in Chinese', () => {
  it("use the terms Chinese RabbitMQ users use, and keep RabbitMQ's own names", () => {
    const zh = (id: string) => builtInTextIn('zh-CN', id)!;
    expect(zh('rabbitmq-logs-topic').description).toMatch(/交换机.*路由键.*绑定.*队列/);
    expect(zh('rabbitmq-work-queue').description).toContain('prefetch_count=1');
    expect(zh('rabbitmq-work-queue').description).toContain('redelivered=true');
    expect(zh('rabbitmq-work-queue').description).toContain('确认');
    expect(zh('rabbitmq-retry-with-delay').name).toContain('死信');
    expect(zh('rabbitmq-retry-with-delay').description).toContain('x-message-ttl');
    expect(zh('rabbitmq-retry-with-delay').description).toContain('x-dead-letter-exchange');
    expect(zh('rabbitmq-poison-message').description).toContain('x-delivery-limit');
    expect(zh('rabbitmq-poison-message').description).toContain('delivery_limit');
    expect(zh('kafka-to-rabbitmq').description).toMatch(/主题.*消费者组.*交换机/);
  });
});
