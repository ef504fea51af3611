/** fast-check arbitraries for AMQP scripts: a usable topology first, then any operation. */
import fc from 'fast-check';
import type { AmqpOp } from './script';

const queues = ['q1', 'q2', 'qq', '__proto__'];
const exchanges = ['', 'x.topic', 'x.fanout', 'x.headers', 'amq.direct', 'dlx'];
const channels = ['c1', 'c2'];
const keys = ['a', 'a.b', 'q1', 'q2', 'qq', '__proto__', ''];

const queueArgs = fc.record(
  {
    'x-max-length': fc.integer({ min: 0, max: 3 }),
    'x-overflow': fc.constantFrom('drop-head', 'reject-publish', 'reject-publish-dlx'),
    'x-message-ttl': fc.integer({ min: 0, max: 50 }),
    'x-dead-letter-exchange': fc.constantFrom('dlx', '', 'missing'),
    'x-dead-letter-routing-key': fc.constantFrom(...keys),
    'x-delivery-limit': fc.integer({ min: 0, max: 3 }),
    'x-expires': fc.integer({ min: 1, max: 100 }),
  },
  { requiredKeys: [] },
);

const W = (weight: number, arbitrary: fc.Arbitrary<AmqpOp>) => ({ weight, arbitrary });

const op: fc.Arbitrary<AmqpOp> = fc.oneof(
  W(
    1,
    fc.record({
      op: fc.constant('declareQueue' as const),
      queue: fc.constantFrom(...queues),
      durable: fc.boolean(),
      arguments: fc
        .tuple(queueArgs, fc.boolean())
        .map(([a, quorum]) => (quorum ? { ...a, 'x-queue-type': 'quorum' } : a)),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    1,
    fc.record({
      op: fc.constant('declareExchange' as const),
      exchange: fc.constantFrom('x.topic', 'x.fanout', 'x.headers', 'dlx'),
      type: fc.constantFrom('topic', 'fanout', 'headers', 'direct'),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    2,
    fc.record({
      op: fc.constantFrom('bind' as const, 'unbind' as const),
      source: fc.constantFrom(...exchanges),
      destination: fc.constantFrom(...queues, 'x.fanout', 'x.topic'),
      destinationType: fc.constantFrom('queue' as const, 'exchange' as const),
      routingKey: fc.constantFrom('#', '*.b', 'a', ''),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    3,
    fc.record({
      op: fc.constant('openChannel' as const),
      channel: fc.constantFrom(...channels),
      confirm: fc.boolean(),
      prefetch: fc.integer({ min: 0, max: 2 }),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    1,
    fc.record({
      op: fc.constant('closeChannel' as const),
      channel: fc.constantFrom(...channels),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    8,
    fc
      .record({
        op: fc.constant('publish' as const),
        channel: fc.constantFrom(...channels),
        exchange: fc.constantFrom(...exchanges),
        routingKey: fc.constantFrom(...keys),
        body: fc.constantFrom('m', 'body', '日本'),
        mandatory: fc.boolean(),
        persistent: fc.boolean(),
        expiration: fc.option(fc.constantFrom('0', '10', '100'), { nil: undefined }),
      })
      .map((p) =>
        p.expiration === undefined ? { ...p, expiration: undefined } : p,
      ) as fc.Arbitrary<AmqpOp> as fc.Arbitrary<AmqpOp>,
  ),
  W(
    3,
    fc.record({
      op: fc.constant('consume' as const),
      channel: fc.constantFrom(...channels),
      queue: fc.constantFrom(...queues),
      consumerTag: fc.constantFrom('t1', 't2'),
      noAck: fc.boolean(),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    1,
    fc.record({
      op: fc.constant('cancel' as const),
      channel: fc.constantFrom(...channels),
      consumerTag: fc.constantFrom('t1', 't2'),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    3,
    fc.record({
      op: fc.constant('get' as const),
      channel: fc.constantFrom(...channels),
      queue: fc.constantFrom(...queues),
      noAck: fc.boolean(),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    3,
    fc.record({
      op: fc.constant('ack' as const),
      channel: fc.constantFrom(...channels),
      deliveryTag: fc.integer({ min: 0, max: 3 }),
      multiple: fc.boolean(),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    2,
    fc.record({
      op: fc.constant('nack' as const),
      channel: fc.constantFrom(...channels),
      deliveryTag: fc.integer({ min: 0, max: 6 }),
      multiple: fc.boolean(),
      requeue: fc.boolean(),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    1,
    fc.record({
      op: fc.constant('reject' as const),
      channel: fc.constantFrom(...channels),
      deliveryTag: fc.integer({ min: 1, max: 6 }),
      requeue: fc.boolean(),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(1, fc.constant({ op: 'restartBroker' as const }) as fc.Arbitrary<AmqpOp>),
  W(
    3,
    fc.record({
      op: fc.constant('advanceTime' as const),
      ms: fc.integer({ min: 0, max: 60 }),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    1,
    fc.record({
      op: fc.constant('queueStats' as const),
      queue: fc.constantFrom(...queues),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    1,
    fc.record({
      op: fc.constant('deleteQueue' as const),
      queue: fc.constantFrom(...queues),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    1,
    fc.record({
      op: fc.constant('purgeQueue' as const),
      queue: fc.constantFrom(...queues),
    }) as fc.Arbitrary<AmqpOp>,
  ),
);

/** Scripts that start with a usable topology, then anything. */
const SETUP: AmqpOp[] = [
  { op: 'declareExchange', exchange: 'dlx', type: 'fanout' },
  { op: 'declareExchange', exchange: 'x.topic', type: 'topic' },
  { op: 'declareExchange', exchange: 'x.fanout', type: 'fanout' },
  { op: 'declareExchange', exchange: 'x.headers', type: 'headers' },
  { op: 'declareQueue', queue: 'q1', arguments: { 'x-dead-letter-exchange': 'dlx' } },
  { op: 'declareQueue', queue: 'q2', arguments: { 'x-max-length': 2, 'x-message-ttl': 30 } },
  {
    op: 'declareQueue',
    queue: 'qq',
    durable: true,
    arguments: { 'x-queue-type': 'quorum', 'x-dead-letter-exchange': 'dlx', 'x-delivery-limit': 2 },
  },
  { op: 'bind', source: 'x.topic', destination: 'q1', destinationType: 'queue', routingKey: 'a.#' },
  { op: 'bind', source: 'x.fanout', destination: 'qq', destinationType: 'queue', routingKey: '' },
  {
    op: 'bind',
    source: 'x.fanout',
    destination: 'x.topic',
    destinationType: 'exchange',
    routingKey: '',
  },
  { op: 'bind', source: 'dlx', destination: 'q2', destinationType: 'queue', routingKey: '' },
  { op: 'openChannel', channel: 'c1' },
  { op: 'openChannel', channel: 'c2', prefetch: 1 },
  { op: 'consume', channel: 'c2', queue: 'q1', consumerTag: 't1' },
];

/** Scripts that start with a usable topology, then anything. */
export const script = fc.record({
  profile: fc.constantFrom('3.10' as const, '4.x' as const),
  ops: fc.array(op, { maxLength: 80, size: 'max' }).map((rest): AmqpOp[] => [...SETUP, ...rest]),
});

/** Busy scripts: publishes, consumers and settles that never fail, so messages move a lot. */
const busyOp: fc.Arbitrary<AmqpOp> = fc.oneof(
  W(
    10,
    fc.record({
      op: fc.constant('publish' as const),
      channel: fc.constant('c1'),
      exchange: fc.constantFrom('x.topic', 'x.fanout', '', 'dlx'),
      routingKey: fc.constantFrom('a', 'a.b', 'q1', 'q2', 'qq'),
      body: fc.constantFrom('m', 'body'),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    3,
    fc
      .record({
        op: fc.constantFrom('ack' as const, 'nack' as const),
        channel: fc.constantFrom('c2', 'c3'),
        deliveryTag: fc.constant(0),
        multiple: fc.constant(true),
        requeue: fc.boolean(),
      })
      .map(({ requeue, ...o }) => (o.op === 'ack' ? o : { ...o, requeue })) as fc.Arbitrary<AmqpOp>,
  ),
  W(
    2,
    fc.record({
      op: fc.constant('get' as const),
      channel: fc.constant('c3'),
      queue: fc.constantFrom('q1', 'q2', 'qq'),
      noAck: fc.boolean(),
    }) as fc.Arbitrary<AmqpOp>,
  ),
  W(2, fc.record({ op: fc.constant('advanceTime' as const), ms: fc.integer({ min: 0, max: 40 }) })),
  W(1, fc.constant<AmqpOp>({ op: 'closeChannel', channel: 'c3' })),
  W(1, fc.constant<AmqpOp>({ op: 'openChannel', channel: 'c3', prefetch: 2 })),
  W(
    1,
    fc.record({
      op: fc.constant('consume' as const),
      channel: fc.constant('c3'),
      queue: fc.constantFrom('q1', 'q2', 'qq'),
      consumerTag: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6'),
    }) as fc.Arbitrary<AmqpOp>,
  ),
);

export const busyScript = fc.record({
  profile: fc.constantFrom('3.10' as const, '4.x' as const),
  ops: fc
    .array(busyOp, { maxLength: 80, size: 'max' })
    .map((rest): AmqpOp[] => [
      ...SETUP,
      { op: 'openChannel', channel: 'c3', prefetch: 2 },
      ...rest,
    ]),
});
