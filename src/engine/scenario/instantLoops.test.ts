import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import { meanSampledUs } from './instantLoops';
import { parseScenario } from './parse';
import type { AmqpConsumerSpec, AmqpQueueSpec, DistSpec, GroupSpec, Scenario } from './types';

/** Issue 17: a service that emits the type it consumes into the topic it reads. */
function selfLoop(processingMs: DistSpec, group: Partial<GroupSpec> = {}): Scenario {
  return {
    version: 1,
    name: 'self loop',
    durationMs: 1000,
    topics: [
      { name: 'orders', partitions: 2 },
      { name: 'dlq', partitions: 1 },
    ],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 20 },
        keys: { kind: 'uniform', count: 5 },
        eventType: 'OrderCreated',
      },
    ],
    groups: [
      {
        id: 'svc',
        topics: ['orders'],
        members: 1,
        processingMs,
        handlers: [{ on: 'OrderCreated', emit: [{ type: 'OrderCreated', topic: 'orders' }] }],
        ...group,
      },
    ],
    faults: [],
  };
}

function errorsOf(s: Scenario) {
  const r = parseScenario(s);
  return r.ok ? [] : r.errors;
}

describe('a loop of services with no processing time is refused by the validator', () => {
  it('names the loop, the group and what to change (issue 17)', () => {
    const errors = errorsOf(selfLoop(0));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('$.groups[0].handlers[0].emit[0]');
    expect(errors[0]!.message).toBe(
      'a loop with no processing time: group "svc" handles "OrderCreated" from topic "orders" ' +
        'and emits "OrderCreated" to topic "orders", which starts the loop again. Every record ' +
        'would be handled again at the same instant, so the run would never get past it. Give ' +
        '"svc" a processingMs of at least 0.001 ms, or emit to a topic outside the loop.',
    );
  });

  it.each<[string, DistSpec]>([
    ['a bare 0', 0],
    ['constant 0', { kind: 'constant', ms: 0 }],
    ['uniform 0..0', { kind: 'uniform', minMs: 0, maxMs: 0 }],
    ['exponential with mean 0', { kind: 'exponential', meanMs: 0 }],
    ['normal 0 ± 0', { kind: 'normal', meanMs: 0, stddevMs: 0 }],
    ['a fraction of a microsecond', 0.0001],
  ])('refuses %s', (_what, d) => {
    expect(errorsOf(selfLoop(d)).map((e) => e.path)).toEqual(['$.groups[0].handlers[0].emit[0]']);
  });

  it('simulates the same loop with a positive processing time, or with a probability of 0', () => {
    for (const s of [
      selfLoop(0.001),
      selfLoop({ kind: 'uniform', minMs: 0, maxMs: 0.002 }),
      selfLoop({ kind: 'normal', meanMs: 0, stddevMs: 1 }),
      selfLoop(0, {
        handlers: [
          { on: 'OrderCreated', emit: [{ type: 'OrderCreated', topic: 'orders', probability: 0 }] },
        ],
      }),
    ]) {
      const parsed = parseScenario(s);
      expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
      // A short run: a loop that takes a microsecond a hop is valid, and busy.
      if (parsed.ok)
        expect(simulate(parsed.scenario, { untilMs: 120 }).summary.processed).toBeGreaterThan(0);
    }
  });

  it('a member whose own processingMs is zero makes the loop instant', () => {
    const s = selfLoop(2, { members: [{ id: 'svc-1' }, { id: 'svc-2', processingMs: 0 }] });
    expect(errorsOf(s).map((e) => e.path)).toEqual(['$.groups[0].handlers[0].emit[0]']);
    s.groups[0]!.members = [{ id: 'svc-1' }, { id: 'svc-2', processingMs: 0.5 }];
    expect(parseScenario(s).ok).toBe(true);
  });

  it('finds a loop through two services, naming both', () => {
    const s = selfLoop(0, {
      handlers: [{ on: 'OrderCreated', emit: [{ type: 'Billed', topic: 'billing' }] }],
    });
    s.topics.push({ name: 'billing', partitions: 1 });
    s.groups.push({
      id: 'billing',
      topics: ['billing'],
      members: 1,
      processingMs: 0,
      handlers: [{ on: 'Billed', emit: [{ type: 'OrderCreated', topic: 'orders' }] }],
    });
    const errors = errorsOf(s);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(
      'group "svc" handles "OrderCreated" from topic "orders" and emits "Billed" to topic "billing", then group "billing" handles "Billed"',
    );
    expect(errors[0]!.message).toContain('Give "svc" or "billing" a processingMs');
    // One hop that takes time breaks the instant.
    s.groups[1]!.processingMs = 1;
    expect(parseScenario(s).ok).toBe(true);
  });

  it('ignores a rule no record can reach (no producer or handler makes that type)', () => {
    const s = selfLoop(0, {
      handlers: [{ on: 'Refunded', emit: [{ type: 'Refunded', topic: 'orders' }] }],
    });
    expect(parseScenario(s).ok).toBe(true);
  });

  it('follows failed records to a dead-letter topic the group also reads', () => {
    const s = selfLoop(0, {
      topics: ['orders', 'dlq'],
      handlers: [],
      failure: { rate: 0.5, retries: 0, backoffMs: 0, deadLetterTopic: 'dlq' },
    });
    expect(errorsOf(s).map((e) => e.path)).toEqual(['$.groups[0].failure.deadLetterTopic']);
    // Retries with a backoff take time before a record is dead-lettered.
    s.groups[0]!.failure = { rate: 0.5, retries: 1, backoffMs: 1, deadLetterTopic: 'dlq' };
    expect(parseScenario(s).ok).toBe(true);
    // Without handler failures only poison records fail, and their dead-letter copies are not poison.
    s.groups[0]!.failure = { rate: 0, retries: 0, backoffMs: 0, deadLetterTopic: 'dlq' };
    expect(parseScenario(s).ok).toBe(true);
  });

  it('meanSampledUs matches the engine sampler: integer µs, clipped at zero', () => {
    expect(meanSampledUs(0.0004)).toBe(0);
    expect(meanSampledUs(0.0005)).toBe(1);
    expect(meanSampledUs({ kind: 'uniform', minMs: 0, maxMs: 0.001 })).toBe(0.5);
    // Exponential, mean 1 µs: E[round(X)] = e^-0.5 / (1 − e^-1) ≈ 0.96.
    expect(meanSampledUs({ kind: 'exponential', meanMs: 0.001 })).toBeCloseTo(0.9595, 3);
    // Normal 0 ± 1 ms clipped at 0: E = σ/√(2π) ≈ 399 µs.
    expect(meanSampledUs({ kind: 'normal', meanMs: 0, stddevMs: 1 })).toBeCloseTo(398.94, 1);
  });
});

/** Version 2: a RabbitMQ consumer of queue "q" bound to direct exchange "x" with key "k". */
function amqpLoop(
  consumer: Partial<AmqpConsumerSpec>,
  queueArgs: AmqpQueueSpec['arguments'] = {},
): Scenario {
  return {
    version: 2,
    name: 'amqp loop',
    durationMs: 1000,
    topics: [{ name: 'orders', partitions: 1 }],
    producers: [],
    groups: [],
    faults: [],
    amqp: {
      exchanges: [
        { name: 'x', type: 'direct' },
        { name: 'dlx', type: 'fanout' },
      ],
      queues: [{ name: 'q', arguments: queueArgs }],
      bindings: [{ source: 'x', destination: 'q', destinationType: 'queue', routingKey: 'k' }],
      publishers: [
        {
          id: 'pub',
          exchange: 'x',
          routingKey: 'k',
          rate: { kind: 'constant', perSec: 10 },
          eventType: 'Job',
        },
      ],
      consumers: [
        {
          id: 'worker',
          queue: 'q',
          members: 1,
          processingMs: 0,
          handlers: [{ on: 'Job', emit: [{ type: 'Job', exchange: 'x', routingKey: 'k' }] }],
          ...consumer,
        },
      ],
    },
  };
}

describe('RabbitMQ loops with no processing time are refused like Kafka ones', () => {
  it('a consumer that publishes, at once, into an exchange that routes back to its own queue', () => {
    const errors = errorsOf(amqpLoop({}));
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['$.amqp.consumers[0].handlers[0].emit[0]', 'instantLoop'],
    ]);
    expect(errors[0]!.message).toContain(
      'consumer "worker" handles "Job" from queue "q" and publishes "Job" to exchange "x", which routes it to queue "q"',
    );
    expect(errors[0]!.params).toMatchObject({
      loop: 'worker: Job@queue:q → Job@queue:q',
      groups: 'worker',
    });
  });

  it('is accepted with a processing time, or when the routing key reaches another queue', () => {
    expect(errorsOf(amqpLoop({ processingMs: 0.001 }))).toEqual([]);
    expect(
      errorsOf(
        amqpLoop({
          handlers: [{ on: 'Job', emit: [{ type: 'Job', exchange: 'x', routingKey: 'other' }] }],
        }),
      ),
    ).toEqual([]);
  });

  it('follows templates conservatively (any binding may match) and the default exchange by queue name', () => {
    expect(
      errorsOf(
        amqpLoop({
          handlers: [{ on: 'Job', emit: [{ type: 'Job', exchange: 'x', routingKey: '{key}' }] }],
        }),
      ),
    ).toHaveLength(1);
    expect(
      errorsOf(
        amqpLoop({
          handlers: [{ on: 'Job', emit: [{ type: 'Job', exchange: '', routingKey: 'q' }] }],
        }),
      ),
    ).toHaveLength(1);
    expect(
      errorsOf(
        amqpLoop({
          handlers: [{ on: 'Job', emit: [{ type: 'Job', exchange: '', routingKey: 'elsewhere' }] }],
        }),
      ),
    ).toEqual([]);
  });

  it('a failing message requeued at once loops, unless a quorum delivery limit bounds it', () => {
    const requeue: Partial<AmqpConsumerSpec> = {
      handlers: [],
      failure: { rate: 0.5, requeue: true },
    };
    const errors = errorsOf(amqpLoop(requeue));
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['$.amqp.consumers[0].failure.requeue', 'instantLoop'],
    ]);
    expect(errors[0]!.message).toContain('fails "Job" from queue "q" and requeues it');
    const quorum = { 'x-queue-type': 'quorum', 'x-delivery-limit': 3 };
    expect(errorsOf(amqpLoop(requeue, quorum))).toEqual([]);
    expect(errorsOf(amqpLoop({ ...requeue, autoAck: true }))).toEqual([]);
    expect(errorsOf(amqpLoop({ handlers: [], failure: { rate: 0.5, requeue: false } }))).toEqual(
      [],
    );
  });

  it('a rejected message dead-lettered back into its own queue loops', () => {
    const s = amqpLoop(
      { handlers: [], failure: { rate: 0.5, requeue: false } },
      { 'x-dead-letter-exchange': 'dlx' },
    );
    s.amqp!.bindings.push({
      source: 'dlx',
      destination: 'q',
      destinationType: 'queue',
      routingKey: '',
    });
    const errors = errorsOf(s);
    expect(errors.map((e) => e.code)).toEqual(['instantLoop']);
    expect(errors[0]!.message).toContain(
      'to dead-letter exchange "dlx", which routes it to queue "q"',
    );
  });

  it('a loop across the bridge: a Kafka service publishes to RabbitMQ, a consumer emits back to the topic', () => {
    const s = amqpLoop({ handlers: [{ on: 'Job', emit: [{ type: 'Job', topic: 'orders' }] }] });
    s.groups.push({
      id: 'bridge',
      topics: ['orders'],
      members: 1,
      processingMs: 0,
      handlers: [{ on: 'Job', emit: [{ type: 'Job', exchange: 'x', routingKey: 'k' }] }],
    });
    const errors = errorsOf(s);
    expect(errors.map((e) => e.code)).toEqual(['instantLoop']);
    expect(errors[0]!.message).toContain(
      'group "bridge" handles "Job" from topic "orders" and publishes "Job" to exchange "x"',
    );
    expect(errors[0]!.message).toContain(
      'consumer "worker" handles "Job" from queue "q" and emits "Job" to topic "orders"',
    );
    s.groups[0]!.processingMs = 1;
    expect(errorsOf(s)).toEqual([]);
  });
});
