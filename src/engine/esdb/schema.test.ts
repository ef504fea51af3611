import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientOp, clientScript } from './clientArbitraries';
import { op, script } from './testArbitraries';
import { opProblems, scriptProblems } from './validate';

const schema = JSON.parse(
  readFileSync(new URL('../../../public/eventstore-script.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  schema,
);

const sample = {
  name: 'two writers on one order',
  startStandardProjections: true,
  ops: [
    {
      op: 'append',
      stream: 'order-1',
      expectedVersion: 'no_stream',
      events: [
        {
          eventId: '5a1c…',
          eventType: 'OrderPlaced',
          data: { total: 10, lines: [{ sku: 'a' }] },
          metadata: { $correlationId: 'c1' },
        },
      ],
    },
    {
      op: 'append',
      stream: 'order-1',
      expectedVersion: 0,
      events: [{ eventId: 'x', eventType: 'T' }],
    },
    { op: 'read', stream: 'order-1', direction: 'backwards', from: 'end', maxCount: 10 },
    { op: 'read', stream: '$all', from: 0, resolveLinkTos: true },
    {
      op: 'setStreamMetadata',
      stream: 'order-1',
      metadata: { maxAge: 60, maxCount: 5, truncateBefore: 1 },
    },
    { op: 'delete', stream: 'order-1', expectedVersion: 'stream_exists', mode: 'hard' },
    { op: 'advanceTime', ms: 1000 },
    { op: 'disableProjection', name: '$by_event_type' },
    { op: 'enableProjection', name: '$by_category' },
  ],
};

const broken: Array<[string, unknown]> = [
  ['no ops', { name: 'x' }],
  ['unknown top-level field', { ops: [], profile: '3.10' }],
  ['unknown op', { ops: [{ op: 'teleport' }] }],
  [
    'append to $all',
    { ops: [{ op: 'append', stream: '$all', events: [{ eventId: 'a', eventType: 't' }] }] },
  ],
  ['empty stream name', { ops: [{ op: 'read', stream: '' }] }],
  ['no events', { ops: [{ op: 'append', stream: 's', events: [] }] }],
  ['event without a type', { ops: [{ op: 'append', stream: 's', events: [{ eventId: 'a' }] }] }],
  [
    'unknown event field',
    {
      ops: [
        { op: 'append', stream: 's', events: [{ eventId: 'a', eventType: 't', isJson: true }] },
      ],
    },
  ],
  ['negative expected version', { ops: [{ op: 'delete', stream: 's', expectedVersion: -1 }] }],
  ['expected version as text', { ops: [{ op: 'delete', stream: 's', expectedVersion: 'Any' }] }],
  ['maxCount 0', { ops: [{ op: 'read', stream: 's', maxCount: 0 }] }],
  ['maxCount above 4096', { ops: [{ op: 'read', stream: 's', maxCount: 4097 }] }],
  ['from a negative revision', { ops: [{ op: 'read', stream: 's', from: -1 }] }],
  ['bad direction', { ops: [{ op: 'read', stream: 's', direction: 'up' }] }],
  ['bad delete mode', { ops: [{ op: 'delete', stream: 's', mode: 'tombstone' }] }],
  ['maxAge 0', { ops: [{ op: 'setStreamMetadata', stream: 's', metadata: { maxAge: 0 } }] }],
  [
    'unknown metadata field',
    { ops: [{ op: 'setStreamMetadata', stream: 's', metadata: { $tb: 1 } }] },
  ],
  ['fractional ms', { ops: [{ op: 'advanceTime', ms: 1.5 }] }],
  ['unknown projection', { ops: [{ op: 'enableProjection', name: '$streams' }] }],
  ['a stream name too long', { ops: [{ op: 'read', stream: 'x'.repeat(501) }] }],
  // Persistent and catch-up subscriptions.
  ['a group without a name', { ops: [{ op: 'createPersistentSubscription', stream: 's' }] }],
  [
    'an unknown setting',
    {
      ops: [
        {
          op: 'createPersistentSubscription',
          stream: 's',
          group: 'g',
          settings: { messageTimeout: 1 },
        },
      ],
    },
  ],
  [
    'an unknown consumer strategy',
    {
      ops: [
        {
          op: 'createPersistentSubscription',
          stream: 's',
          group: 'g',
          settings: { namedConsumerStrategy: 'PinnedByCorrelation' },
        },
      ],
    },
  ],
  [
    'bufferSize 0 on connect',
    {
      ops: [
        {
          op: 'connectToPersistentSubscription',
          stream: 's',
          group: 'g',
          consumer: 'c',
          bufferSize: 0,
        },
      ],
    },
  ],
  [
    'a nak action in lower case',
    {
      ops: [{ op: 'nak', stream: 's', group: 'g', consumer: 'c', eventIds: ['a'], action: 'park' }],
    },
  ],
  [
    'an empty event id in an ack',
    { ops: [{ op: 'ack', stream: 's', group: 'g', consumer: 'c', eventIds: [''] }] },
  ],
  ['ack without ids', { ops: [{ op: 'ack', stream: 's', group: 'g', consumer: 'c' }] }],
  ['a negative stopAt', { ops: [{ op: 'replayParked', stream: 's', group: 'g', stopAt: -1 }] }],
  [
    'subscribeToStream on $all',
    { ops: [{ op: 'subscribeToStream', subscriptionId: 'x', stream: '$all' }] },
  ],
  [
    'subscribeToAll with a revision field',
    { ops: [{ op: 'subscribeToAll', subscriptionId: 'x', fromRevision: 1 }] },
  ],
  ['clientRestart with a field', { ops: [{ op: 'clientRestart', hard: true }] }],
  ['checkpoint without a subscription', { ops: [{ op: 'checkpoint' }] }],
];

const clientSample = {
  name: 'a group, a parked message, a catch-up subscription restarted from its checkpoint',
  ops: [
    { op: 'append', stream: 'order-1', events: [{ eventId: 'a', eventType: 'OrderPlaced' }] },
    {
      op: 'createPersistentSubscription',
      stream: 'order-1',
      group: 'billing',
      settings: {
        startFrom: 'start',
        resolveLinkTos: false,
        extraStatistics: false,
        messageTimeoutMilliseconds: 1000,
        maxRetryCount: 2,
        checkPointAfterMilliseconds: 2000,
        minCheckPointCount: 1,
        maxCheckPointCount: 10,
        maxSubscriberCount: 2,
        liveBufferSize: 500,
        readBatchSize: 20,
        bufferSize: 500,
        namedConsumerStrategy: 'Pinned',
      },
    },
    { op: 'updatePersistentSubscription', stream: '$all', group: 'audit' },
    {
      op: 'connectToPersistentSubscription',
      stream: 'order-1',
      group: 'billing',
      consumer: 'c1',
      bufferSize: 5,
    },
    { op: 'ack', stream: 'order-1', group: 'billing', consumer: 'c1', eventIds: ['a'] },
    {
      op: 'nak',
      stream: 'order-1',
      group: 'billing',
      consumer: 'c1',
      eventIds: ['a'],
      action: 'Park',
      reason: 'poison',
    },
    { op: 'listParked', stream: 'order-1', group: 'billing' },
    { op: 'replayParked', stream: 'order-1', group: 'billing', stopAt: 1 },
    { op: 'disconnect', stream: 'order-1', group: 'billing', consumer: 'c1' },
    { op: 'restartPersistentSubscriptions' },
    { op: 'deletePersistentSubscription', stream: 'order-1', group: 'billing' },
    {
      op: 'subscribeToStream',
      subscriptionId: 'read-model',
      stream: 'order-1',
      fromRevision: 'start',
      fromCheckpoint: true,
      resolveLinkTos: true,
    },
    { op: 'subscribeToAll', subscriptionId: 'all', fromPosition: 3 },
    { op: 'checkpoint', subscriptionId: 'read-model' },
    { op: 'unsubscribe', subscriptionId: 'all' },
    { op: 'clientRestart' },
  ],
};

function validatorProblems(doc: unknown): string[] {
  const p = scriptProblems(doc);
  if (p.length > 0) return p;
  return ((doc as { ops: unknown[] }).ops ?? []).flatMap((o, i) => opProblems(o, i));
}

describe('public/eventstore-script.schema.json', () => {
  it('accepts a sample script, and the runner finds no problem in it either', () => {
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
    expect(validatorProblems(sample)).toEqual([]);
  });

  it('accepts a sample script with every subscription op, and the runner agrees', () => {
    expect(validate(clientSample), JSON.stringify(validate.errors)).toBe(true);
    expect(validatorProblems(clientSample)).toEqual([]);
  });

  it.each(broken)('rejects a broken script (%s), as the runner does', (_name, doc) => {
    expect(validate(doc)).toBe(false);
    expect(validatorProblems(doc).length).toBeGreaterThan(0);
  });

  it('agrees with the runner on generated scripts (seeded)', () => {
    fc.assert(
      fc.property(script, (sc) => {
        const clean = JSON.parse(JSON.stringify(sc));
        expect(validate(clean), JSON.stringify(validate.errors)).toBe(true);
        expect(validatorProblems(clean)).toEqual([]);
      }),
      { seed: 777, numRuns: 200 },
    );
  });

  it('agrees with the runner on generated ops with one field spoiled (seeded)', () => {
    const junk = fc.oneof(
      fc.constantFrom(null, -1, 0, 1.5, '', '$all', 'any', 'start', true, [], {}, 'x'.repeat(501)),
      fc.integer(),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(op, junk, fc.nat(), (o, bad, k) => {
        const copy = JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
        const keys = Object.keys(copy).filter((x) => x !== 'op');
        if (keys.length === 0) return;
        copy[keys[k % keys.length]!] = bad;
        const doc = { ops: [copy] };
        expect(validate(doc), JSON.stringify(validatorProblems(doc))).toBe(
          validatorProblems(doc).length === 0,
        );
      }),
      { seed: 778, numRuns: 500 },
    );
  });

  it('agrees with the runner on generated subscription scripts (seeded)', () => {
    fc.assert(
      fc.property(clientScript, (sc) => {
        const clean = JSON.parse(JSON.stringify(sc));
        expect(validate(clean), JSON.stringify(validate.errors)).toBe(true);
        expect(validatorProblems(clean)).toEqual([]);
      }),
      { seed: 779, numRuns: 200 },
    );
  });

  it('agrees with the runner on generated subscription ops with one field or setting spoiled (seeded)', () => {
    const junk = fc.oneof(
      fc.constantFrom(null, -1, 0, 1.5, '', '$all', 'start', 'Park', true, [], [''], {}),
      fc.constantFrom('x'.repeat(501), 'x'.repeat(5001), 10_001, 2_147_483_648),
      fc.integer(),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(clientOp, junk, fc.nat(), fc.boolean(), (o, bad, k, inSettings) => {
        const copy = JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
        const settings = copy.settings as Record<string, unknown> | undefined;
        const target = inSettings && settings !== undefined ? settings : copy;
        const keys = Object.keys(target).filter((x) => x !== 'op');
        if (keys.length === 0) return;
        target[keys[k % keys.length]!] = bad;
        const doc = { ops: [copy] };
        expect(validate(doc), JSON.stringify(validatorProblems(doc))).toBe(
          validatorProblems(doc).length === 0,
        );
      }),
      { seed: 780, numRuns: 1000 },
    );
  });
});
