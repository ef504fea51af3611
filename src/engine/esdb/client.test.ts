/**
 * runEventStoreScript with persistent and catch-up subscriptions, on the cases of EventStoreDB's
 * documentation:
 * - PS: EventStore/EventStore docs/server/features/persistent-subscriptions.md (groups, consumer
 *   strategies, parked stream `$persistentsubscription-{stream}::{group}-parked`, replay of parked
 *   messages, checkpoints in `…-checkpoint`, reload from the checkpoint: events may come again),
 *   docs/http-api/persistent.md (nack actions, errors), and the server's messages for parking
 *   (PersistentSubscription.cs: "Client explicitly NAK'ed message.\n" + reason, "Reached retry
 *   count of N"); PersistentSubscriptionCheckpointWriter.cs (the checkpoint stream's `$maxCount` 2
 *   metadata before the first `$SubscriptionCheckpoint`, a soft delete with the group).
 * - Catch-up: EventStore/documentation docs/clients/grpc/subscriptions.md (start, end, exclusive
 *   positions, resolveLinkTos, checkpoints kept by the client and subscribing again from them).
 */
import { describe, expect, it } from 'vitest';
import { esDigest } from './digest';
import { foldEs } from './evolve';
import { checkpointStreamName, parkedStreamName } from './persistent';
import { foldEsRun, runEventStoreScriptDetailed, type EsRunResult } from './runScript';
import type { EsObservation, EsOp } from './script';
import type { ReadEvent } from './types';

const ev = (eventId: string, eventType = 'OrderPlaced') => ({ eventId, eventType });
const append = (stream: string, ...ids: string[]): EsOp => ({
  op: 'append',
  stream,
  events: ids.map((id) => ev(id)),
});

function run(ops: EsOp[], startStandardProjections = false): EsRunResult {
  const r = runEventStoreScriptDetailed({ ops, startStandardProjections });
  // Every run here is also a fold of its events.
  const f = foldEsRun(r.runEvents);
  expect(esDigest(f.store)).toBe(esDigest(r.state));
  expect(esDigest(foldEs(r.events))).toBe(esDigest(r.state));
  expect(f.persistent).toEqual(r.persistent);
  expect(f.catchUp).toEqual(r.catchUp);
  return r;
}

type Obs<K extends EsObservation['kind']> = Extract<EsObservation, { kind: K }>;
const of = <K extends EsObservation['kind']>(r: EsRunResult, kind: K, step?: number): Obs<K>[] =>
  r.observations.filter(
    (o): o is Obs<K> => o.kind === kind && (step === undefined || o.step === step),
  );
const idOf = (e: ReadEvent) => (e.link ?? e.event)?.eventId;
const delivered = (r: EsRunResult, step?: number) =>
  of(r, 'delivered', step).map((d) => `${d.consumer}:${d.event.event.eventId}#${d.retryCount}`);
const received = (r: EsRunResult, sub: string, step?: number) =>
  of(r, 'received', step)
    .filter((o) => o.subscriptionId === sub)
    .map((o) => idOf(o.event));

const g = { stream: 'order-1', group: 'billing' };
const create = (settings: Record<string, unknown> = {}): EsOp => ({
  op: 'createPersistentSubscription',
  ...g,
  settings: { startFrom: 'start', ...settings },
});
const connect = (consumer: string, bufferSize?: number): EsOp => ({
  op: 'connectToPersistentSubscription',
  ...g,
  consumer,
  ...(bufferSize === undefined ? {} : { bufferSize }),
});
const ack = (consumer: string, ...eventIds: string[]): EsOp => ({
  op: 'ack',
  ...g,
  consumer,
  eventIds,
});
const nak = (consumer: string, action: 'Park' | 'Retry' | 'Skip' | 'Stop', ...eventIds: string[]) =>
  ({ op: 'nak', ...g, consumer, eventIds, action, reason: 'poison' }) as EsOp;

describe('persistent subscriptions in runEventStoreScript', () => {
  it('a group delivers existing events (startFrom start) and then appends as they happen, round robin', () => {
    const r = run([
      append('order-1', 'a', 'b'),
      create(),
      connect('c1'),
      connect('c2'),
      append('order-1', 'c', 'd'),
    ]);
    expect(r.problems).toEqual([]);
    expect(of(r, 'ok').map((o) => o.op)).toEqual([
      'createPersistentSubscription',
      'connectToPersistentSubscription',
      'connectToPersistentSubscription',
    ]);
    expect(delivered(r, 2)).toEqual(['c1:a#0', 'c1:b#0']);
    // RoundRobin: the new events alternate between the two consumers (c2 joined the queue behind c1).
    expect(delivered(r, 4)).toEqual(['c1:c#0', 'c2:d#0']);
  });

  it('startFrom end (the default) delivers only events appended after the group is created', () => {
    const r = run([
      append('order-1', 'a'),
      { op: 'createPersistentSubscription', ...g },
      connect('c1'),
      append('order-1', 'b'),
    ]);
    expect(delivered(r)).toEqual(['c1:b#0']);
  });

  it('errors carry EventStoreDB names: PersistentSubscriptionExists, PersistentSubscriptionNotFound, MaximumSubscribersReached', () => {
    const r = run([
      create({ maxSubscriberCount: 1 }),
      create(),
      connect('c1'),
      connect('c2'),
      { op: 'connectToPersistentSubscription', stream: 'order-2', group: 'x', consumer: 'c' },
      { op: 'listParked', stream: 'order-2', group: 'x' },
    ]);
    expect(of(r, 'error').map((e) => [e.step, e.op, e.error.name])).toEqual([
      [1, 'createPersistentSubscription', 'PersistentSubscriptionExists'],
      [3, 'connectToPersistentSubscription', 'MaximumSubscribersReached'],
      [4, 'connectToPersistentSubscription', 'PersistentSubscriptionNotFound'],
      [5, 'listParked', 'PersistentSubscriptionNotFound'],
    ]);
  });

  it('nak Park writes a link to the parked stream (readable with read, resolved to the event) with its reason', () => {
    const r = run([
      append('order-1', 'a', 'b'),
      create(),
      connect('c1'),
      nak('c1', 'Park', 'a'),
      { op: 'listParked', ...g },
      { op: 'read', stream: parkedStreamName('order-1', 'billing'), resolveLinkTos: true },
      { op: 'read', stream: '$persistentsubscription-order-1::billing-parked' },
    ]);
    expect(r.problems).toEqual([]);
    const reason = "Client explicitly NAK'ed message.\npoison";
    expect(of(r, 'parked').map(({ event, ...p }) => [p, event.event.eventNumber])).toEqual([
      [{ kind: 'parked', step: 3, ...g, eventId: 'a', reason, parkedNumber: 0 }, 0],
    ]);
    const [list] = of(r, 'parkedMessages');
    expect(list?.messages.map((m) => [m.parkedNumber, m.eventId, m.reason])).toEqual([
      [0, 'a', reason],
    ]);
    const [resolved, raw] = of(r, 'read');
    expect(resolved?.events.map((e) => [e.event?.eventId, e.link?.eventType])).toEqual([
      ['a', '$>'],
    ]);
    expect(raw?.events[0]?.event?.data).toBe('0@order-1');
    expect(raw?.events[0]?.event?.metadata).toMatchObject({ reason });
  });

  it('a parked message is not delivered again until replayed; replay delivers it (retry count 0) and truncates the parked stream', () => {
    const r = run([
      append('order-1', 'a'),
      create(),
      connect('c1'),
      nak('c1', 'Park', 'a'),
      { op: 'advanceTime', ms: 60_000 },
      append('order-1', 'b'),
      ack('c1', 'b'),
      { op: 'replayParked', ...g },
      { op: 'listParked', ...g },
      { op: 'read', stream: parkedStreamName('order-1', 'billing') },
    ]);
    expect(delivered(r)).toEqual(['c1:a#0', 'c1:b#0', 'c1:a#0']);
    expect(delivered(r, 7)).toEqual(['c1:a#0']);
    expect(of(r, 'parkedMessages')[0]?.messages).toEqual([]);
    // The replay set the parked stream's $tb past the replayed message: a read finds nothing.
    expect(of(r, 'read')[0]?.events).toEqual([]);
  });

  it('replayParked with stopAt replays only the messages parked before it', () => {
    const r = run([
      append('order-1', 'a', 'b'),
      create(),
      connect('c1'),
      nak('c1', 'Park', 'a', 'b'),
      { op: 'replayParked', ...g, stopAt: 1 },
      { op: 'listParked', ...g },
    ]);
    expect(delivered(r, 4)).toEqual(['c1:a#0']);
    expect(of(r, 'parkedMessages')[0]?.messages.map((m) => m.eventId)).toEqual(['b']);
  });

  it('nak Retry redelivers with retryCount + 1 until maxRetryCount, then parks ("Reached retry count of N")', () => {
    const r = run([
      append('order-1', 'a'),
      create({ maxRetryCount: 1 }),
      connect('c1'),
      nak('c1', 'Retry', 'a'),
      nak('c1', 'Retry', 'a'),
    ]);
    expect(delivered(r)).toEqual(['c1:a#0', 'c1:a#1']);
    expect(of(r, 'parked').map((p) => p.reason)).toEqual(['Reached retry count of 1']);
  });

  it('nak Skip and Stop drop the message; nothing is parked or delivered again', () => {
    const r = run([
      append('order-1', 'a', 'b'),
      create(),
      connect('c1'),
      nak('c1', 'Skip', 'a'),
      nak('c1', 'Stop', 'b'),
      { op: 'advanceTime', ms: 120_000 },
    ]);
    expect(delivered(r)).toEqual(['c1:a#0', 'c1:b#0']);
    expect(of(r, 'parked')).toEqual([]);
  });

  it('advanceTime drives message timeouts: an unacked message comes again after messageTimeoutMilliseconds', () => {
    const r = run([
      append('order-1', 'a'),
      create({ messageTimeoutMilliseconds: 1000 }),
      connect('c1'),
      { op: 'advanceTime', ms: 500 },
      { op: 'advanceTime', ms: 1000 },
    ]);
    expect(delivered(r, 3)).toEqual([]);
    expect(delivered(r, 4)).toEqual(['c1:a#1']);
  });

  it('timed-out messages past maxRetryCount are parked at the tick, and the write really is in the store', () => {
    const r = run([
      append('order-1', 'a'),
      create({ messageTimeoutMilliseconds: 1000, maxRetryCount: 0 }),
      connect('c1'),
      { op: 'advanceTime', ms: 10_000 },
      { op: 'read', stream: parkedStreamName('order-1', 'billing') },
    ]);
    expect(of(r, 'parked').map((p) => [p.step, p.reason])).toEqual([
      [3, 'Reached retry count of 0'],
    ]);
    const rec = of(r, 'read')[0]?.events[0]?.event;
    expect(rec?.eventType).toBe('$>');
    // Written at the store's time after the advance; the park's tick time is in its metadata.
    expect(rec?.createdUs).toBe(10_000_000);
    expect(rec?.metadata).toMatchObject({ addedUs: 1_000_000 });
  });

  it("in-flight messages per consumer never exceed the connect's bufferSize; an ack frees a slot", () => {
    const r = run([append('order-1', 'a', 'b', 'c'), create(), connect('c1', 2), ack('c1', 'a')]);
    expect(delivered(r, 2)).toEqual(['c1:a#0', 'c1:b#0']);
    expect(delivered(r, 3)).toEqual(['c1:c#0']);
  });

  it("a consumer's disconnect retries what it held on the others (retryCount + 1)", () => {
    const r = run([
      append('order-1', 'a', 'b'),
      create(),
      connect('c1', 1),
      connect('c2', 1),
      { op: 'disconnect', ...g, consumer: 'c1' },
    ]);
    expect(delivered(r)).toEqual(['c1:a#0', 'c2:b#0']);
    expect(of(r, 'dropped', 4).map((d) => [d.consumer, d.reason])).toEqual([
      ['c1', 'disconnected'],
    ]);
    // c2 is full until it acks: then a comes again, retried.
    const r2 = run([
      append('order-1', 'a', 'b'),
      create(),
      connect('c1', 1),
      connect('c2', 1),
      { op: 'disconnect', ...g, consumer: 'c1' },
      ack('c2', 'b'),
    ]);
    expect(delivered(r2, 5)).toEqual(['c2:a#1']);
  });

  it('checkpoints are written to the checkpoint stream as $SubscriptionCheckpoint; a restart reloads from them and redelivers what came after', () => {
    const r = run([
      append('order-1', 'a', 'b', 'c'),
      create({ maxCheckPointCount: 1, minCheckPointCount: 1 }),
      connect('c1'),
      ack('c1', 'a'),
      { op: 'read', stream: checkpointStreamName('order-1', 'billing') },
      { op: 'restartPersistentSubscriptions' },
      connect('c1'),
      ack('c1', 'b'),
      ack('c1', 'c'),
      { op: 'read', stream: checkpointStreamName('order-1', 'billing') },
      { op: 'read', stream: `$$${checkpointStreamName('order-1', 'billing')}` },
    ]);
    const cp = of(r, 'read')[0]?.events.map((e) => [e.event?.eventType, e.event?.data]);
    expect(cp).toEqual([['$SubscriptionCheckpoint', '0']]);
    expect(of(r, 'dropped', 5).map((d) => [d.consumer, d.reason])).toEqual([['c1', 'restarted']]);
    // After the checkpoint (event 0): b and c again.
    expect(delivered(r, 6)).toEqual(['c1:b#0', 'c1:c#0']);
    // The checkpoint stream keeps the last two ($maxCount 2, written before the first checkpoint).
    expect(of(r, 'read')[1]?.events.map((e) => e.event?.data)).toEqual(['1', '2']);
    expect(of(r, 'read')[2]?.events.map((e) => e.event?.data)).toEqual([{ $maxCount: 2 }]);
  });

  it('advanceTime drives timed checkpoints: checkPointAfterMilliseconds after the last, with minCheckPointCount handled', () => {
    const cps = checkpointStreamName('order-1', 'billing');
    const r = run([
      append('order-1', 'a', 'b'),
      create({ checkPointAfterMilliseconds: 1000, minCheckPointCount: 1, maxCheckPointCount: 100 }),
      connect('c1'),
      ack('c1', 'a', 'b'),
      { op: 'read', stream: cps },
      { op: 'advanceTime', ms: 999 },
      { op: 'read', stream: cps },
      { op: 'advanceTime', ms: 1 },
      { op: 'read', stream: cps },
    ]);
    // Acks alone do not reach maxCheckPointCount: nothing is written until the timer's tick.
    expect(of(r, 'error').map((e) => [e.step, e.error.name])).toEqual([
      [4, 'StreamNotFound'],
      [6, 'StreamNotFound'],
    ]);
    expect(of(r, 'read', 8)[0]?.events.map((e) => e.event?.data)).toEqual(['1']);
  });

  it('deleting a group drops its consumers and soft-deletes its parked and checkpoint streams', () => {
    const r = run([
      append('order-1', 'a', 'b'),
      create({ maxCheckPointCount: 1, minCheckPointCount: 1 }),
      connect('c1'),
      ack('c1', 'a'),
      nak('c1', 'Park', 'b'),
      { op: 'deletePersistentSubscription', ...g },
      { op: 'read', stream: parkedStreamName('order-1', 'billing') },
      { op: 'read', stream: checkpointStreamName('order-1', 'billing') },
      ack('c1', 'b'),
    ]);
    expect(of(r, 'dropped', 5).map((d) => d.reason)).toEqual(['groupDeleted']);
    expect(of(r, 'error').map((e) => [e.step, e.error.name])).toEqual([
      [6, 'StreamNotFound'],
      [7, 'StreamNotFound'],
      [8, 'PersistentSubscriptionNotFound'],
    ]);
  });

  it('updating a group drops its consumers and reloads it with the new settings', () => {
    const r = run([
      append('order-1', 'a'),
      create(),
      connect('c1'),
      { op: 'updatePersistentSubscription', ...g, settings: { startFrom: 'start' } },
      connect('c1'),
    ]);
    expect(of(r, 'dropped', 3).map((d) => d.reason)).toEqual(['groupUpdated']);
    // No checkpoint yet: it starts again from startFrom.
    expect(delivered(r, 4)).toEqual(['c1:a#0']);
  });

  it('a group on $all sees every stream; a group on $ce-order (resolveLinkTos) sees what $by_category links', () => {
    const r = run(
      [
        { op: 'createPersistentSubscription', stream: '$all', group: 'audit' },
        {
          op: 'createPersistentSubscription',
          stream: '$ce-order',
          group: 'orders',
          settings: { resolveLinkTos: true },
        },
        {
          op: 'connectToPersistentSubscription',
          stream: '$all',
          group: 'audit',
          consumer: 'a',
        },
        {
          op: 'connectToPersistentSubscription',
          stream: '$ce-order',
          group: 'orders',
          consumer: 'o',
        },
        append('order-1', 'x'),
        append('cart-1', 'y'),
      ],
      true,
    );
    const forGroup = (group: string) =>
      of(r, 'delivered')
        .filter((d) => d.group === group)
        .map((d) => d.event.event.eventId);
    expect(forGroup('audit')).toContain('x');
    expect(forGroup('audit')).toContain('y');
    expect(forGroup('orders')).toEqual(['x']);
    expect(of(r, 'delivered').find((d) => d.group === 'orders')?.event.link?.streamId).toBe(
      '$ce-order',
    );
  });

  it('the server rule bufferSize > readBatchSize is a problem of the op, and nothing is created', () => {
    const r = run([
      create({ bufferSize: 5, readBatchSize: 5 }),
      connect('c1'),
      { op: 'nak', ...g, consumer: 'nobody', eventIds: ['a'], action: 'Park' },
    ]);
    expect(r.problems[0]).toBe(
      'ops[0].settings.bufferSize: BufferSize (5) must be larger than ReadBatchSize (5)',
    );
    expect(of(r, 'error', 1).map((e) => e.error.name)).toEqual(['PersistentSubscriptionNotFound']);
  });

  it('clientRestart closes the persistent connections: what they held is retried', () => {
    const r = run([
      append('order-1', 'a'),
      create(),
      connect('c1'),
      { op: 'clientRestart' },
      connect('c1'),
    ]);
    expect(of(r, 'dropped', 3).map((d) => [d.consumer, d.reason])).toEqual([
      ['c1', 'disconnected'],
    ]);
    expect(delivered(r, 4)).toEqual(['c1:a#1']);
  });
});

describe('catch-up subscriptions in runEventStoreScript', () => {
  it('subscribeToStream from the start delivers the existing events, then the live ones', () => {
    const r = run([
      append('order-1', 'a', 'b'),
      { op: 'subscribeToStream', subscriptionId: 's', stream: 'order-1' },
      append('order-1', 'c'),
      append('order-2', 'z'),
    ]);
    expect(of(r, 'subscribed')).toEqual([
      { kind: 'subscribed', step: 1, subscriptionId: 's', stream: 'order-1', next: 0 },
    ]);
    expect(received(r, 's', 1)).toEqual(['a', 'b']);
    expect(received(r, 's', 2)).toEqual(['c']);
    expect(received(r, 's', 3)).toEqual([]);
  });

  it('positions are exclusive: from revision 1 of a 4-event stream receives revisions 2 and 3', () => {
    const r = run([
      append('order-1', 'a', 'b', 'c', 'd'),
      { op: 'subscribeToStream', subscriptionId: 's', stream: 'order-1', fromRevision: 1 },
    ]);
    expect(received(r, 's')).toEqual(['c', 'd']);
  });

  it('from end receives only new events', () => {
    const r = run([
      append('order-1', 'a'),
      { op: 'subscribeToStream', subscriptionId: 's', stream: 'order-1', fromRevision: 'end' },
      append('order-1', 'b'),
    ]);
    expect(received(r, 's')).toEqual(['b']);
  });

  it('subscribeToAll from a commit position (exclusive), every stream, system events too', () => {
    const r = run([
      append('order-1', 'a'),
      append('order-2', 'b'),
      { op: 'subscribeToAll', subscriptionId: 'all', fromPosition: 0 },
      { op: 'setStreamMetadata', stream: 'order-1', metadata: { maxCount: 5 } },
    ]);
    const got = of(r, 'received').map((o) => [o.step, o.event.event?.streamId]);
    expect(got).toEqual([
      [2, 'order-2'],
      [3, '$$order-1'],
    ]);
  });

  it('a subscription to a stream that does not exist yet waits for it', () => {
    const r = run([
      { op: 'subscribeToStream', subscriptionId: 's', stream: 'order-9' },
      append('order-9', 'a'),
    ]);
    expect(received(r, 's', 1)).toEqual(['a']);
  });

  it('resolveLinkTos: $ce-order delivers the linked events (the link alongside)', () => {
    const r = run(
      [
        append('order-1', 'a'),
        {
          op: 'subscribeToStream',
          subscriptionId: 's',
          stream: '$ce-order',
          resolveLinkTos: true,
        },
        { op: 'subscribeToStream', subscriptionId: 'raw', stream: '$ce-order' },
      ],
      true,
    );
    const [resolved] = of(r, 'received').filter((o) => o.subscriptionId === 's');
    expect(resolved?.event.event?.eventId).toBe('a');
    expect(resolved?.event.link?.streamId).toBe('$ce-order');
    const [raw] = of(r, 'received').filter((o) => o.subscriptionId === 'raw');
    expect(raw?.event.event?.eventType).toBe('$>');
  });

  it('unsubscribe stops the deliveries', () => {
    const r = run([
      { op: 'subscribeToStream', subscriptionId: 's', stream: 'order-1' },
      append('order-1', 'a'),
      { op: 'unsubscribe', subscriptionId: 's' },
      append('order-1', 'b'),
    ]);
    expect(received(r, 's')).toEqual(['a']);
    expect(of(r, 'subscriptionDropped').map((d) => d.reason)).toEqual(['Disposed']);
  });

  it('a hard-deleted stream drops its subscription with StreamDeleted', () => {
    const r = run([
      { op: 'subscribeToStream', subscriptionId: 's', stream: 'order-1' },
      append('order-1', 'a'),
      { op: 'delete', stream: 'order-1', mode: 'hard' },
      append('order-2', 'b'),
    ]);
    expect(of(r, 'subscriptionDropped').map((d) => [d.step, d.reason])).toEqual([
      [2, 'StreamDeleted'],
    ]);
  });

  it('after a client restart, resubscribing from the stored checkpoint delivers again every event after it and none before (at-least-once)', () => {
    const r = run([
      append('order-1', 'a', 'b'),
      { op: 'subscribeToStream', subscriptionId: 's', stream: 'order-1' },
      { op: 'checkpoint', subscriptionId: 's' },
      append('order-1', 'c', 'd'),
      { op: 'clientRestart' },
      append('order-1', 'e'),
      { op: 'subscribeToStream', subscriptionId: 's', stream: 'order-1', fromCheckpoint: true },
    ]);
    expect(of(r, 'checkpointStored')).toEqual([
      {
        kind: 'checkpointStored',
        step: 2,
        subscriptionId: 's',
        stream: 'order-1',
        position: 1,
      },
    ]);
    expect(received(r, 's', 3)).toEqual(['c', 'd']);
    // c and d were received before the restart but after the checkpoint: they come again.
    expect(received(r, 's', 6)).toEqual(['c', 'd', 'e']);
    expect(of(r, 'subscribed', 6)[0]?.next).toBe(2);
  });

  it('fromCheckpoint without a stored checkpoint starts at fromRevision; a checkpoint before any event stores nothing', () => {
    const r = run([
      append('order-1', 'a'),
      {
        op: 'subscribeToStream',
        subscriptionId: 's',
        stream: 'order-2',
        fromCheckpoint: true,
      },
      { op: 'checkpoint', subscriptionId: 's' },
      { op: 'clientRestart' },
      {
        op: 'subscribeToStream',
        subscriptionId: 's',
        stream: 'order-1',
        fromRevision: 'end',
        fromCheckpoint: true,
      },
    ]);
    expect(of(r, 'checkpointStored')[0]?.position).toBeNull();
    expect(r.catchUp.checkpoints.size).toBe(0);
    expect(received(r, 's')).toEqual([]);
    expect(of(r, 'subscribed', 4)[0]?.next).toBe(1);
  });

  it('misuse is a problem naming the field: subscribing twice, unknown subscriptions, a checkpoint of another stream', () => {
    const r = run([
      { op: 'subscribeToStream', subscriptionId: 's', stream: 'order-1' },
      { op: 'subscribeToAll', subscriptionId: 's' },
      { op: 'unsubscribe', subscriptionId: 'x' },
      { op: 'checkpoint', subscriptionId: 'x' },
      append('order-1', 'a'),
      { op: 'checkpoint', subscriptionId: 's' },
      { op: 'unsubscribe', subscriptionId: 's' },
      { op: 'subscribeToAll', subscriptionId: 's', fromCheckpoint: true },
    ]);
    expect(r.problems).toEqual([
      'ops[1].subscriptionId: "s" is already subscribed',
      'ops[2].subscriptionId: "x" is not subscribed',
      'ops[3].subscriptionId: "x" is not subscribed',
      'ops[7].fromCheckpoint: the checkpoint of "s" is of "order-1"',
    ]);
  });

  it('a subscription id "__proto__" is a name like any other', () => {
    const r = run([
      { op: 'subscribeToStream', subscriptionId: '__proto__', stream: 'order-1' },
      append('order-1', 'a'),
      { op: 'checkpoint', subscriptionId: '__proto__' },
    ]);
    expect(received(r, '__proto__')).toEqual(['a']);
    expect(r.catchUp.checkpoints.get('__proto__')).toEqual({ stream: 'order-1', position: 0 });
  });
});
