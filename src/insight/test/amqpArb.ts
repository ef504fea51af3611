/**
 * Small random RabbitMQ scenarios for the insight properties: an exchange of every type, queues
 * with and without x-max-length (every x-overflow), TTL, a dead-letter exchange, quorum queues
 * with x-delivery-limit; publishers with and without mandatory / persistent / confirms;
 * competing consumers with prefetch, auto-ack, acks in batches, failures with requeue true or false, an
 * idempotent option; faults: crash, restart, connectionLoss, rabbitmqRestart, poison.
 */
import fc from 'fast-check';
import type {
  AmqpConsumerSpec,
  AmqpQueueSpec,
  AmqpTable,
  ExchangeType,
  FaultSpec,
  Scenario,
} from '../../engine';

const KEYS = ['a.b', 'a.c', 'x.y', 'a.b.c'];

const queueArgs: fc.Arbitrary<AmqpTable> = fc
  .record(
    {
      quorum: fc.boolean(),
      maxLength: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      overflow: fc.constantFrom('drop-head', 'reject-publish', 'reject-publish-dlx'),
      ttl: fc.option(fc.integer({ min: 5, max: 400 }), { nil: undefined }),
      dlx: fc.constantFrom<'dlx' | 'missing' | null>('dlx', 'dlx', 'missing', null),
      deliveryLimit: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    },
    { requiredKeys: ['quorum', 'overflow', 'dlx'] },
  )
  .map((q) => {
    const args: AmqpTable = {};
    if (q.quorum) args['x-queue-type'] = 'quorum';
    if (q.maxLength !== undefined) {
      args['x-max-length'] = q.maxLength;
      // Quorum queues do not support drop-head... they do; reject-publish-dlx is classic-only.
      args['x-overflow'] =
        q.quorum && q.overflow === 'reject-publish-dlx' ? 'reject-publish' : q.overflow;
    }
    if (q.ttl !== undefined) args['x-message-ttl'] = q.ttl;
    if (q.dlx !== null) args['x-dead-letter-exchange'] = q.dlx;
    if (q.quorum && q.deliveryLimit !== undefined) args['x-delivery-limit'] = q.deliveryLimit;
    return args;
  });

const consumerArb = (id: string, queue: string): fc.Arbitrary<AmqpConsumerSpec> =>
  fc.record({
    id: fc.constant(id),
    queue: fc.constant(queue),
    members: fc.integer({ min: 1, max: 3 }),
    prefetch: fc.integer({ min: 0, max: 4 }),
    autoAck: fc.boolean(),
    processingMs: fc.integer({ min: 1, max: 25 }),
    failure: fc.record({
      rate: fc.constantFrom(0, 0, 0.1, 0.3),
      requeue: fc.boolean(),
    }),
    idempotent: fc.boolean(),
    ackEvery: fc.constantFrom(1, 1, 4),
    ackFlushMs: fc.constantFrom(20, 200),
  });

export const amqpScenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    durationMs: fc.integer({ min: 400, max: 1500 }),
    type: fc.constantFrom<ExchangeType>('direct', 'topic', 'fanout', 'headers'),
    queues: fc.array(queueArgs, { minLength: 1, maxLength: 2 }),
    durableQueues: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    dlqConsumed: fc.boolean(),
    perSec: fc.integer({ min: 20, max: 200 }),
    mandatory: fc.boolean(),
    persistent: fc.boolean(),
    confirm: fc.boolean(),
    consumers: fc.tuple(consumerArb('work-0', 'q0'), consumerArb('work-1', 'q1')),
    dlqConsumer: consumerArb('dead', 'dlq'),
    faults: fc.array(
      fc.record({
        kind: fc.constantFrom(
          'crash',
          'restart',
          'connectionLoss',
          'rabbitmqRestart',
          'poisonMessage',
        ),
        atMs: fc.integer({ min: 0, max: 1500 }),
        consumer: fc.integer({ min: 0, max: 1 }),
        member: fc.integer({ min: 1, max: 3 }),
        durationMs: fc.integer({ min: 10, max: 600 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((r): Scenario => {
    const queues: AmqpQueueSpec[] = r.queues.map((args, i) => ({
      name: `q${i}`,
      // A quorum queue must be durable (406 PRECONDITION_FAILED otherwise).
      durable: args['x-queue-type'] === 'quorum' || r.durableQueues[i]!,
      arguments: args,
    }));
    queues.push({ name: 'dlq', durable: r.durableQueues[2]! });
    const headers = r.type === 'headers';
    const bindings = queues
      .filter((q) => q.name !== 'dlq')
      .map((q, i) => ({
        source: 'ex',
        destination: q.name,
        destinationType: 'queue' as const,
        routingKey: r.type === 'topic' ? (i === 0 ? 'a.*' : '#.c') : KEYS[i]!,
        ...(headers
          ? { arguments: { 'x-match': i === 0 ? 'any' : 'all', k: KEYS[i]! } as AmqpTable }
          : {}),
      }));
    bindings.push({
      source: 'dlx',
      destination: 'dlq',
      destinationType: 'queue',
      routingKey: '',
    });
    const consumers = r.consumers.filter((_, i) => i < r.queues.length);
    if (r.dlqConsumed) consumers.push(r.dlqConsumer);
    const faults: FaultSpec[] = r.faults.map((f) => {
      const c = consumers[f.consumer % consumers.length]!;
      const member = `${c.id}-${Math.min(f.member, Number(c.members))}`;
      switch (f.kind) {
        case 'rabbitmqRestart':
          return { kind: 'rabbitmqRestart', atMs: f.atMs };
        case 'poisonMessage':
          return { kind: 'poisonMessage', atMs: f.atMs, producer: 'pub' };
        case 'connectionLoss':
          return {
            kind: 'connectionLoss',
            atMs: f.atMs,
            consumer: c.id,
            member,
            durationMs: f.durationMs,
          };
        default:
          return { kind: f.kind as 'crash' | 'restart', atMs: f.atMs, group: c.id, member };
      }
    });
    faults.sort((a, b) => a.atMs - b.atMs);
    return {
      version: 2,
      name: 'random rabbitmq',
      seed: r.seed,
      durationMs: r.durationMs,
      topics: [],
      producers: [],
      groups: [],
      faults,
      amqp: {
        exchanges: [
          { name: 'ex', type: r.type },
          { name: 'dlx', type: 'fanout' },
        ],
        queues,
        bindings,
        publishers: [
          {
            id: 'pub',
            exchange: 'ex',
            routingKey: { kind: 'choice', keys: KEYS },
            rate: { kind: 'poisson', perSec: r.perSec },
            keys: { kind: 'uniform', count: 4, prefix: 'order-' },
            eventType: 'OrderPlaced',
            mandatory: r.mandatory,
            persistent: r.persistent,
            confirm: r.confirm,
            ...(headers ? { headers: { k: 'a.b' } } : {}),
          },
        ],
        consumers,
      },
    };
  });
