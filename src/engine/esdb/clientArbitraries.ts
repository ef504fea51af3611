/**
 * fast-check arbitraries for scripts that mix appends with persistent-subscription ops, catch-up
 * subscription ops and time: a few streams (and `$all`), two groups, two consumers, two catch-up
 * subscriptions and a small pool of event ids, so that acks and naks hit delivered messages.
 */
import fc from 'fast-check';
import type { PersistentSubscriptionSettings } from './persistentTypes';
import type { EsOp, EventStoreScript } from './script';

export const PS_STREAMS = ['order-1', 'order-2', '$all'] as const;
const WRITE_STREAMS = ['order-1', 'order-2', '__proto__'] as const;
const GROUPS = ['g1', 'constructor'] as const;
const CONSUMERS = ['c1', 'c2'] as const;
const SUBS = ['s1', '__proto__'] as const;
export const CLIENT_EVENT_IDS = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8'];

const W = (weight: number, arbitrary: fc.Arbitrary<EsOp>) => ({ weight, arbitrary });
// Mostly one stream and one group, so that drawn scripts deliver, ack, nak and park a lot.
const psStream = fc.oneof(
  { weight: 6, arbitrary: fc.constant('order-1') },
  { weight: 1, arbitrary: fc.constantFrom(...PS_STREAMS) },
);
const group = fc.oneof(
  { weight: 6, arbitrary: fc.constant('g1') },
  { weight: 1, arbitrary: fc.constantFrom(...GROUPS) },
);
const consumer = fc.constantFrom(...CONSUMERS);
const subId = fc.constantFrom(...SUBS);
const ids = fc.uniqueArray(fc.constantFrom(...CLIENT_EVENT_IDS), { minLength: 1, maxLength: 3 });

/**
 * Settings that keep runs short: small buffers and timeouts, few retries (bufferSize always above
 * readBatchSize, the server's own rule).
 */
export const settings: fc.Arbitrary<Partial<PersistentSubscriptionSettings>> = fc.record(
  {
    startFrom: fc.oneof(
      fc.constantFrom('start' as const, 'end' as const),
      fc.integer({ min: 0, max: 3 }),
    ),
    resolveLinkTos: fc.boolean(),
    messageTimeoutMilliseconds: fc.integer({ min: 0, max: 3000 }),
    maxRetryCount: fc.integer({ min: 0, max: 3 }),
    checkPointAfterMilliseconds: fc.integer({ min: 0, max: 3000 }),
    minCheckPointCount: fc.integer({ min: 0, max: 3 }),
    maxCheckPointCount: fc.integer({ min: 1, max: 5 }),
    maxSubscriberCount: fc.integer({ min: 0, max: 2 }),
    readBatchSize: fc.integer({ min: 1, max: 3 }),
    bufferSize: fc.integer({ min: 4, max: 8 }),
    namedConsumerStrategy: fc.constantFrom(
      'RoundRobin' as const,
      'DispatchToSingle' as const,
      'Pinned' as const,
    ),
  },
  { requiredKeys: [] },
);

export const clientOp: fc.Arbitrary<EsOp> = fc.oneof(
  W(
    8,
    fc.record({
      op: fc.constant('append' as const),
      stream: fc.constantFrom(...WRITE_STREAMS),
      events: fc
        .uniqueArray(fc.constantFrom(...CLIENT_EVENT_IDS), { minLength: 1, maxLength: 2 })
        .map((xs) => xs.map((eventId) => ({ eventId, eventType: 'OrderPlaced' }))),
    }),
  ),
  W(
    2,
    fc.record(
      {
        op: fc.constantFrom(
          'createPersistentSubscription' as const,
          'updatePersistentSubscription' as const,
        ),
        stream: psStream,
        group,
        settings,
      },
      { requiredKeys: ['op', 'stream', 'group'] },
    ),
  ),
  W(
    1,
    fc.record({
      op: fc.constant('deletePersistentSubscription' as const),
      stream: psStream,
      group,
    }),
  ),
  W(
    3,
    fc.record(
      {
        op: fc.constant('connectToPersistentSubscription' as const),
        stream: psStream,
        group,
        consumer,
        bufferSize: fc.integer({ min: 1, max: 3 }),
      },
      { requiredKeys: ['op', 'stream', 'group', 'consumer'] },
    ),
  ),
  W(1, fc.record({ op: fc.constant('disconnect' as const), stream: psStream, group, consumer })),
  W(
    4,
    fc.record({
      op: fc.constant('ack' as const),
      stream: psStream,
      group,
      consumer,
      eventIds: ids,
    }),
  ),
  W(
    4,
    fc.record(
      {
        op: fc.constant('nak' as const),
        stream: psStream,
        group,
        consumer,
        eventIds: ids,
        action: fc.constantFrom(
          'Park' as const,
          'Retry' as const,
          'Skip' as const,
          'Stop' as const,
        ),
        reason: fc.constantFrom('bad', 'timeout in handler', ''),
      },
      { requiredKeys: ['op', 'stream', 'group', 'consumer', 'eventIds', 'action'] },
    ),
  ),
  W(
    1,
    fc.record(
      {
        op: fc.constant('replayParked' as const),
        stream: psStream,
        group,
        stopAt: fc.integer({ min: 0, max: 4 }),
      },
      { requiredKeys: ['op', 'stream', 'group'] },
    ),
  ),
  W(1, fc.record({ op: fc.constant('listParked' as const), stream: psStream, group })),
  W(
    3,
    fc.record({ op: fc.constant('advanceTime' as const), ms: fc.integer({ min: 0, max: 4000 }) }),
  ),
  W(
    2,
    fc.record(
      {
        op: fc.constant('subscribeToStream' as const),
        subscriptionId: subId,
        stream: fc.constantFrom('order-1', 'order-2'),
        fromRevision: fc.oneof(
          fc.constantFrom('start' as const, 'end' as const),
          fc.integer({ min: 0, max: 4 }),
        ),
        fromCheckpoint: fc.boolean(),
        resolveLinkTos: fc.boolean(),
      },
      { requiredKeys: ['op', 'subscriptionId', 'stream'] },
    ),
  ),
  W(
    1,
    fc.record(
      {
        op: fc.constant('subscribeToAll' as const),
        subscriptionId: subId,
        fromPosition: fc.oneof(
          fc.constantFrom('start' as const, 'end' as const),
          fc.integer({ min: 0, max: 6 }),
        ),
        fromCheckpoint: fc.boolean(),
      },
      { requiredKeys: ['op', 'subscriptionId'] },
    ),
  ),
  W(1, fc.record({ op: fc.constant('unsubscribe' as const), subscriptionId: subId })),
  W(2, fc.record({ op: fc.constant('checkpoint' as const), subscriptionId: subId })),
  W(
    1,
    fc.record({
      op: fc.constantFrom('restartPersistentSubscriptions' as const, 'clientRestart' as const),
    }),
  ),
);

/** A group on order-1 (or `$all`) with a consumer or two, then random ops. */
const prelude: fc.Arbitrary<EsOp[]> = fc
  .record({
    stream: fc.constantFrom('order-1', 'order-1', '$all'),
    settings,
    second: fc.boolean(),
    bufferSize: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ stream, settings: st, second, bufferSize }) => {
    const g = { stream, group: 'g1' };
    const ops: EsOp[] = [
      { op: 'createPersistentSubscription', ...g, settings: st },
      { op: 'connectToPersistentSubscription', ...g, consumer: 'c1', bufferSize },
    ];
    if (second) ops.push({ op: 'connectToPersistentSubscription', ...g, consumer: 'c2' });
    return ops;
  });

export const clientScript: fc.Arbitrary<EventStoreScript> = fc
  .record(
    {
      startStandardProjections: fc.boolean(),
      prelude,
      ops: fc.array(clientOp, { minLength: 5, maxLength: 60, size: 'max' }),
    },
    { requiredKeys: ['prelude', 'ops'] },
  )
  .map(({ prelude: first, ops, ...rest }) => ({ ...rest, ops: [...first, ...ops] }));
