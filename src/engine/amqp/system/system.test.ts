import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../kafka/events';
import { stateDigest } from '../../kafka/digest';
import type { AmqpSpec, FaultSpec, Scenario } from '../../scenario/types';
import { fold, simulate } from '../../simulate';
import { heldMessages } from '../digest';

// RabbitMQ inside the run loop: random small topologies, consumers and fault schedules.
// fast-check prints the seed and the shrunk counterexample on failure; replay with
// fc.assert(prop, { seed, path }).

interface Drawn {
  scenario: Scenario;
  manualAckOnly: boolean;
}

const queueArgsArb = fc.record(
  {
    'x-max-length': fc.integer({ min: 0, max: 20 }),
    'x-message-ttl': fc.integer({ min: 0, max: 400 }),
    'x-overflow': fc.constantFrom('drop-head', 'reject-publish', 'reject-publish-dlx'),
    'x-dead-letter-exchange': fc.constantFrom('dlx', 'missing-dlx'),
  },
  { requiredKeys: [] },
);

const amqpScenarioArb: fc.Arbitrary<Drawn> = fc
  .record({
    xType: fc.constantFrom('direct', 'fanout', 'topic', 'headers') as fc.Arbitrary<
      'direct' | 'fanout' | 'topic' | 'headers'
    >,
    queues: fc.array(
      fc.record({
        args: queueArgsArb,
        quorum: fc.boolean(),
        limit: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        key: fc.constantFrom('a.*', '#', 'a.b', '*.c', 'b.#'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    rate: fc.integer({ min: 5, max: 120 }),
    mandatory: fc.boolean(),
    consumers: fc.array(
      fc.record({
        members: fc.integer({ min: 1, max: 3 }),
        prefetch: fc.integer({ min: 0, max: 4 }),
        autoAck: fc.boolean(),
        processingMs: fc.integer({ min: 0, max: 40 }),
        failRate: fc.constantFrom(0, 0, 0.2),
        requeue: fc.boolean(),
        ackEvery: fc.constantFrom(1, 1, 3, 8),
        ackFlushMs: fc.constantFrom(0, 30, 1000),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    faults: fc.array(
      fc.record({
        kind: fc.constantFrom('crash', 'restart', 'connectionLoss', 'rabbitmqRestart', 'poison'),
        atMs: fc.integer({ min: 0, max: 2500 }),
        consumer: fc.nat(),
        member: fc.nat(),
        durationMs: fc.integer({ min: 1, max: 800 }),
      }),
      { maxLength: 5 },
    ),
  })
  .map((d): Drawn => {
    const queues = d.queues.map((q, i) => {
      const args: Record<string, string | number> = { ...q.args };
      if (q.quorum) {
        args['x-queue-type'] = 'quorum';
        if (args['x-overflow'] === 'drop-head') delete args['x-overflow'];
        if (q.limit !== undefined) args['x-delivery-limit'] = q.limit;
      }
      return { name: `q${i}`, arguments: args };
    });
    queues.push({ name: 'dead', arguments: {} });
    const amqp: AmqpSpec = {
      exchanges: [
        { name: 'x', type: d.xType },
        { name: 'dlx', type: 'fanout' },
      ],
      queues,
      bindings: [
        ...d.queues.map((q, i) => ({
          source: 'x',
          destination: `q${i}`,
          destinationType: 'queue' as const,
          routingKey: q.key,
          ...(d.xType === 'headers' ? { arguments: { 'x-match': 'any', k: q.key } } : {}),
        })),
        { source: 'dlx', destination: 'dead', destinationType: 'queue', routingKey: '' },
      ],
      publishers: [
        {
          id: 'pub',
          exchange: 'x',
          routingKey: { kind: 'choice', keys: ['a.b', 'a.c', 'b.c', 'zzz'] },
          rate: { kind: 'poisson', perSec: d.rate },
          keys: { kind: 'uniform', count: 4, prefix: 'order-' },
          eventType: 'Msg',
          headers: { k: 'a.b' },
          mandatory: d.mandatory,
          stopMs: 2000,
        },
      ],
      consumers: d.consumers.map((c, i) => ({
        id: `c${i}`,
        queue: `q${i % d.queues.length}`,
        members: c.members,
        prefetch: c.prefetch,
        autoAck: c.autoAck,
        processingMs: c.processingMs,
        failure: { rate: c.failRate, requeue: c.requeue },
        ackEvery: c.ackEvery,
        ackFlushMs: c.ackFlushMs,
      })),
    };
    const faults: FaultSpec[] = d.faults.map((f) => {
      const ci = f.consumer % d.consumers.length;
      const member = `c${ci}-${(f.member % d.consumers[ci]!.members) + 1}`;
      switch (f.kind) {
        case 'crash':
        case 'restart':
          return { kind: f.kind, atMs: f.atMs, group: `c${ci}`, member };
        case 'connectionLoss':
          return {
            kind: f.kind,
            atMs: f.atMs,
            consumer: `c${ci}`,
            member,
            durationMs: f.durationMs,
          };
        case 'rabbitmqRestart':
          return { kind: 'rabbitmqRestart', atMs: f.atMs };
        default:
          return { kind: 'poisonMessage', atMs: f.atMs, producer: 'pub' };
      }
    });
    return {
      scenario: {
        version: 2,
        name: 'random rabbitmq',
        seed: 3,
        durationMs: 3000,
        topics: [],
        producers: [],
        groups: [],
        faults,
        amqp,
      },
      manualAckOnly: d.consumers.every((c) => !c.autoAck),
    };
  });

const count = (events: SimEvent[], p: (e: SimEvent) => boolean) => events.filter(p).length;

describe('RabbitMQ in the run loop', () => {
  it('state = fold(events), time never goes back, no throw, for random topologies and faults', () => {
    fc.assert(
      fc.property(amqpScenarioArb, ({ scenario }) => {
        const r = simulate(scenario);
        let t = 0;
        for (const e of r.events) {
          expect(e.timeUs).toBeGreaterThanOrEqual(t);
          t = e.timeUs;
        }
        const cut = Math.floor(r.events.length / 2);
        const half = fold(r.model, r.events, cut);
        const rest = fold(r.model, r.events);
        expect(stateDigest(rest)).toBe(stateDigest(r.state));
        expect(half.timeUs).toBeLessThanOrEqual(r.state.timeUs);
      }),
      { numRuns: 40, seed: 0x4a11 },
    );
  });

  it('the counters are what the log says', () => {
    fc.assert(
      fc.property(amqpScenarioArb, ({ scenario }) => {
        const { events, summary } = simulate(scenario);
        const c = summary.amqp!;
        const handled = (e: SimEvent) => e.type === 'amqp.handled';
        expect(c.processed).toBe(count(events, (e) => handled(e) && 'ok' in e && e.ok));
        expect(c.duplicates).toBe(
          count(events, (e) => handled(e) && 'duplicate' in e && e.duplicate),
        );
        expect(c.redelivered).toBe(
          count(events, (e) => e.type === 'amqp.delivered' && e.redelivered),
        );
        expect(c.published).toBe(count(events, (e) => e.type === 'amqp.published'));
        expect(c.sent).toBe(count(events, (e) => e.type === 'amqp.messageSent'));
        expect(c.deadLettered).toBe(count(events, (e) => e.type === 'amqp.deadLettered'));
        expect(c.lostDropped).toBe(count(events, (e) => e.type === 'amqp.dropped'));
      }),
      { numRuns: 30, seed: 0x4a12 },
    );
  });

  it('with manual ack, no consumer ever loses a message to a crash or a connection loss', () => {
    fc.assert(
      fc.property(
        amqpScenarioArb.filter((d) => d.manualAckOnly),
        ({ scenario }) => {
          const { summary } = simulate(scenario);
          expect(summary.amqp!.lostAutoAck).toBe(0);
        },
      ),
      { numRuns: 30, seed: 0x4a13 },
    );
  });

  it('every routed copy is processed or still held, when nothing fails, drops or expires', () => {
    // Plain queues, manual ack, no faults, no failures: a copy entering a queue is handled
    // exactly once by the end, or is still ready / unacked / in a consumer's hands.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom(1, 2, 7),
        (rate, members, prefetch, processingMs, ackEvery) => {
          const scenario: Scenario = {
            version: 2,
            name: 'conservation',
            seed: 5,
            durationMs: 2500,
            topics: [],
            producers: [],
            groups: [],
            faults: [],
            amqp: {
              exchanges: [{ name: 'x', type: 'fanout' }],
              queues: [{ name: 'a' }, { name: 'b' }],
              bindings: [
                { source: 'x', destination: 'a', destinationType: 'queue', routingKey: '' },
                { source: 'x', destination: 'b', destinationType: 'queue', routingKey: '' },
              ],
              publishers: [
                {
                  id: 'p',
                  exchange: 'x',
                  routingKey: '',
                  rate: { kind: 'poisson', perSec: rate },
                  eventType: 'E',
                },
              ],
              consumers: [
                { id: 'ca', queue: 'a', members, prefetch, processingMs, ackEvery },
                { id: 'cb', queue: 'b', members: 1, prefetch: 1, processingMs: 1 },
              ],
            },
          };
          const r = simulate(scenario);
          const a = r.state.amqp!;
          const c = a.counters;
          const inHands = a.members.reduce((n, m) => n + m.buffer.length + (m.busy ? 1 : 0), 0);
          const handledUnacked = a.members.reduce((n, m) => n + m.handledUnacked, 0);
          const held = heldMessages(a.broker).length;
          expect(c.duplicates).toBe(0);
          expect(c.lost).toBe(0);
          // Each publish enters both queues; unacked copies are in a member's hands, or handled
          // and waiting for the batch's basic.ack.
          expect(c.processed + held - handledUnacked).toBe(2 * c.published);
          let unacked = 0;
          for (const ch of a.broker.channels.values()) unacked += ch.unacked.size;
          expect(unacked).toBe(inHands + handledUnacked);
          if (ackEvery === 1) expect(handledUnacked).toBe(0);
        },
      ),
      { numRuns: 40, seed: 0x4a14 },
    );
  });

  it('every duplicate was delivered again first, and batching acks alone makes none', () => {
    fc.assert(
      fc.property(amqpScenarioArb, ({ scenario }) => {
        const { events } = simulate(scenario);
        const redelivered = new Set<string>();
        for (const e of events) {
          if (e.type === 'amqp.delivered' && e.redelivered)
            redelivered.add(`${e.message.meta?.eventId}\u0000${e.queue}`);
          if (e.type === 'amqp.handled' && e.duplicate)
            expect(redelivered.has(`${e.eventId}\u0000${e.queue}`)).toBe(true);
        }
        const calm = { ...scenario, faults: [] };
        calm.amqp = {
          ...scenario.amqp!,
          consumers: scenario.amqp!.consumers.map((c) => ({ ...c, failure: undefined })),
        };
        expect(simulate(calm).summary.amqp!.duplicates).toBe(0);
      }),
      { numRuns: 30, seed: 0x4a15 },
    );
  });

  it('a crash mid-batch sends the handled but unacked messages back: redelivered, handled twice', () => {
    const scenario = (ackEvery: number, idempotent: boolean): Scenario => ({
      version: 2,
      name: 'batch ack',
      seed: 1,
      durationMs: 2000,
      topics: [],
      producers: [],
      groups: [],
      faults: [
        { kind: 'crash', atMs: 1005, group: 'c', member: 'c-1' },
        { kind: 'restart', atMs: 1200, group: 'c', member: 'c-1' },
      ],
      amqp: {
        exchanges: [],
        queues: [{ name: 'work' }],
        bindings: [],
        publishers: [
          {
            id: 'p',
            exchange: '',
            routingKey: 'work',
            rate: { kind: 'constant', perSec: 100 },
            eventType: 'Job',
            stopMs: 1500,
          },
        ],
        consumers: [
          {
            id: 'c',
            queue: 'work',
            members: 1,
            prefetch: 100,
            processingMs: 1,
            ackEvery,
            ackFlushMs: 5000,
            idempotent,
          },
        ],
      },
    });
    const each = simulate(scenario(1, false));
    expect(each.summary.amqp!.duplicates).toBe(0);
    const batched = simulate(scenario(50, false));
    const multi = batched.events.filter((e) => e.type === 'amqp.acked');
    expect(multi.length).toBeGreaterThan(0);
    // Up to 49 handled messages were waiting for the 50th's basic.ack when c-1 crashed.
    const c = batched.summary.amqp!;
    expect(c.duplicates).toBeGreaterThan(0);
    expect(c.duplicates).toBeLessThan(50);
    expect(c.redelivered).toBeGreaterThanOrEqual(c.duplicates);
    expect(c.lost).toBe(0);
    const dedup = simulate(scenario(50, true)).summary.amqp!;
    expect(dedup.duplicates).toBe(0);
    expect(dedup.deduplicated).toBe(c.duplicates);
  });
});
