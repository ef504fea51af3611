/**
 * fast-check arbitraries for event store scripts: a few streams (a category, a metadata stream,
 * a projection's stream, `__proto__`) and a small pool of event ids, so that random scripts
 * collide: conflicting expected versions, idempotent re-sends, deletes and re-creates, links.
 */
import fc from 'fast-check';
import type { EsOp, EventStoreScript } from './script';
import type { EventData, ExpectedVersion } from './types';

export const STREAMS = [
  'order-1',
  'order-2',
  'cart-1',
  'plain',
  '__proto__',
  '$ce-order',
  '$$order-1',
];
const READ_STREAMS = [...STREAMS, '$all', '$et-OrderPlaced', '$ce-cart'];
export const EVENT_IDS = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'constructor'];
const TYPES = ['OrderPlaced', 'OrderShipped', '$>', '$metadata'];

const W = (weight: number, arbitrary: fc.Arbitrary<EsOp>) => ({ weight, arbitrary });

export const expectedVersion: fc.Arbitrary<ExpectedVersion> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<ExpectedVersion>('any') },
  { weight: 2, arbitrary: fc.constant<ExpectedVersion>('no_stream') },
  { weight: 1, arbitrary: fc.constant<ExpectedVersion>('stream_exists') },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 4 }) },
);

/** Mostly the user streams, sometimes a system one. */
const stream = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('order-1', 'order-2', 'cart-1', '__proto__') },
  { weight: 1, arbitrary: fc.constantFrom(...STREAMS) },
);
const readStream = fc.oneof(
  { weight: 5, arbitrary: stream },
  { weight: 2, arbitrary: fc.constantFrom(...READ_STREAMS) },
);

const json = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom('0@order-1', '1@order-2', 'x'),
  fc.record(
    { $tb: fc.integer({ min: 0, max: 4 }), $maxCount: fc.integer({ min: 1, max: 3 }) },
    { requiredKeys: [] },
  ),
);

const eventData: fc.Arbitrary<EventData> = fc.record(
  {
    eventId: fc.constantFrom(...EVENT_IDS),
    eventType: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('OrderPlaced', 'OrderShipped') },
      { weight: 1, arbitrary: fc.constantFrom(...TYPES) },
    ),
    data: json,
    metadata: json,
  },
  { requiredKeys: ['eventId', 'eventType'] },
);

export const op: fc.Arbitrary<EsOp> = fc.oneof(
  W(
    8,
    fc.record(
      {
        op: fc.constant('append' as const),
        stream,
        expectedVersion,
        events: fc.array(eventData, { minLength: 1, maxLength: 3 }),
      },
      { requiredKeys: ['op', 'stream', 'events'] },
    ),
  ),
  W(
    3,
    fc.record(
      {
        op: fc.constant('read' as const),
        stream: readStream,
        direction: fc.constantFrom('forwards' as const, 'backwards' as const),
        from: fc.oneof(
          fc.constantFrom('start' as const, 'end' as const),
          fc.integer({ min: 0, max: 8 }),
        ),
        maxCount: fc.integer({ min: 1, max: 6 }),
        resolveLinkTos: fc.boolean(),
      },
      { requiredKeys: ['op', 'stream'] },
    ),
  ),
  W(
    1,
    fc.record(
      {
        op: fc.constant('delete' as const),
        stream,
        expectedVersion,
        mode: fc.constantFrom('soft' as const, 'hard' as const),
      },
      { requiredKeys: ['op', 'stream'] },
    ),
  ),
  W(
    2,
    fc.record(
      {
        op: fc.constant('setStreamMetadata' as const),
        stream,
        expectedVersion,
        metadata: fc.record(
          {
            maxAge: fc.integer({ min: 1, max: 5 }),
            maxCount: fc.integer({ min: 1, max: 4 }),
            truncateBefore: fc.integer({ min: 0, max: 5 }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['op', 'stream', 'metadata'] },
    ),
  ),
  W(
    1,
    fc.record({ op: fc.constant('advanceTime' as const), ms: fc.integer({ min: 0, max: 4000 }) }),
  ),
  W(
    1,
    fc.record({
      op: fc.constantFrom('enableProjection' as const, 'disableProjection' as const),
      name: fc.constantFrom('$by_category' as const, '$by_event_type' as const),
    }),
  ),
);

export const script: fc.Arbitrary<EventStoreScript> = fc.record(
  {
    name: fc.string({ maxLength: 8 }),
    startStandardProjections: fc.boolean(),
    // A client retry now and then: the same append twice in a row.
    ops: fc
      .array(fc.tuple(op, fc.nat(9)), { minLength: 5, maxLength: 40 })
      .map((xs) => xs.flatMap(([o, n]) => (o.op === 'append' && n < 2 ? [o, o] : [o]))),
  },
  { requiredKeys: ['ops'] },
);
