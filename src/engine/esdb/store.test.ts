/**
 * runEventStoreScript on the cases of EventStoreDB's own documentation and test suite. Each case
 * names its source:
 * - [append docs]: docs/clients/grpc/appending-events.md (EventStore/documentation)
 * - [idempotence docs]: docs/clients/tcp/dotnet/21.2/appending.md, "Optimistic concurrency" and
 *   "Idempotence" (EventStore/documentation)
 * - [implicit stream tests]: src/EventStore.Core.Tests/ClientAPI/
 *   appending_to_implicitly_created_stream.cs (EventStore/EventStore)
 * - [streams docs]: docs/server/features/streams.md, "Deleting streams and events"
 *   (EventStore/EventStore)
 * - [projections docs]: docs/server/features/projections/system.md (EventStore/EventStore)
 */
import { describe, expect, it } from 'vitest';
import { runEventStoreScript, runEventStoreScriptDetailed } from './runScript';
import type { EsObservation, EsOp, EventStoreScript } from './script';
import type { EventData, ReadEvent } from './types';
import { DELETED_STREAM } from './state';

const ev = (id: string, type = 'SomethingHappened'): EventData => ({
  eventId: id,
  eventType: type,
  data: { id },
});

function run(ops: EsOp[], extra: Partial<EventStoreScript> = {}): EsObservation[] {
  const r = runEventStoreScriptDetailed({ ...extra, ops });
  expect(r.problems).toEqual([]);
  return r.observations;
}

/** The event ids a read observation returned (the resolved event's, or null). */
function ids(o: EsObservation | undefined): (string | null)[] {
  if (o?.kind !== 'read') throw new Error(`not a read: ${JSON.stringify(o)}`);
  return o.events.map((e: ReadEvent) => e.event?.eventId ?? null);
}

const readAll = (stream: string): EsOp => ({ op: 'read', stream });

describe('optimistic concurrency [append docs, idempotence docs]', () => {
  it('appending twice with no_stream: the second (another event) fails with WrongExpectedVersion [append docs, "Handling concurrency"]', () => {
    const o = run([
      {
        op: 'append',
        stream: 'no-stream-stream',
        expectedVersion: 'no_stream',
        events: [ev('one')],
      },
      {
        op: 'append',
        stream: 'no-stream-stream',
        expectedVersion: 'no_stream',
        events: [ev('two')],
      },
    ]);
    expect(o[0]).toMatchObject({ kind: 'appended', nextExpectedVersion: 0 });
    expect(o[1]).toEqual({
      kind: 'error',
      step: 1,
      op: 'append',
      error: {
        name: 'WrongExpectedVersion',
        streamId: 'no-stream-stream',
        expected: 'no_stream',
        actual: 0,
      },
    });
  });

  it('two writers read revision 0; the first append at 0 wins, the second gets WrongExpectedVersion [append docs, "append-with-concurrency-check"]', () => {
    const o = run([
      { op: 'append', stream: 'concurrency-stream', expectedVersion: 'any', events: [ev('a')] },
      { op: 'append', stream: 'concurrency-stream', expectedVersion: 0, events: [ev('b')] },
      { op: 'append', stream: 'concurrency-stream', expectedVersion: 0, events: [ev('c')] },
      readAll('concurrency-stream'),
    ]);
    expect(o[1]).toMatchObject({ kind: 'appended', nextExpectedVersion: 1 });
    expect(o[2]).toMatchObject({
      kind: 'error',
      error: { name: 'WrongExpectedVersion', expected: 0, actual: 1 },
    });
    expect(ids(o[3])).toEqual(['a', 'b']);
  });

  it('expectedVersion > currentVersion: WrongExpectedVersion [idempotence docs]', () => {
    const o = run([
      { op: 'append', stream: 's-1', events: [ev('a')] },
      { op: 'append', stream: 's-1', expectedVersion: 5, events: [ev('b')] },
    ]);
    expect(o[1]).toMatchObject({ error: { name: 'WrongExpectedVersion', expected: 5, actual: 0 } });
  });

  it('stream_exists on a missing stream: WrongExpectedVersion with actual no_stream; once it exists it appends [idempotence docs, ExpectedVersion.StreamExists]', () => {
    const o = run([
      { op: 'append', stream: 's-1', expectedVersion: 'stream_exists', events: [ev('a')] },
      { op: 'append', stream: 's-1', expectedVersion: 'no_stream', events: [ev('b')] },
      { op: 'append', stream: 's-1', expectedVersion: 'stream_exists', events: [ev('c')] },
    ]);
    expect(o[0]).toMatchObject({
      error: { name: 'WrongExpectedVersion', expected: 'stream_exists', actual: 'no_stream' },
    });
    expect(o[2]).toMatchObject({ kind: 'appended', nextExpectedVersion: 1 });
  });

  it('stream_exists holds when only the metadata stream exists ("the target stream or its metadata stream has been created") [idempotence docs]', () => {
    const o = run([
      { op: 'setStreamMetadata', stream: 's-1', metadata: { maxCount: 10 } },
      { op: 'append', stream: 's-1', expectedVersion: 'stream_exists', events: [ev('a')] },
    ]);
    expect(o[1]).toMatchObject({ kind: 'appended', nextExpectedVersion: 0 });
  });

  it('positions in $all increase with every write, across streams', () => {
    const o = run([
      { op: 'append', stream: 'a-1', events: [ev('1'), ev('2')] },
      { op: 'append', stream: 'b-1', events: [ev('3')] },
      { op: 'read', stream: '$all' },
    ]);
    expect(o[0]).toMatchObject({ nextExpectedVersion: 1, position: 1 });
    expect(o[1]).toMatchObject({ nextExpectedVersion: 0, position: 2 });
    const r = o[2];
    if (r?.kind !== 'read') throw new Error('read');
    expect(r.events.map((e) => e.event?.position)).toEqual([0, 1, 2]);
  });
});

describe('idempotence [idempotence docs, implicit stream tests]', () => {
  const six = [0, 1, 2, 3, 4, 5].map((i) => ev(`e${i}`));
  const sixOneByOne: EsOp[] = six.map((e, i) => ({
    op: 'append',
    stream: 'order-1',
    expectedVersion: i === 0 ? 'no_stream' : i - 1,
    events: [e],
  }));
  const count = (o: EsObservation[]) => ids(o[o.length - 1]).length;

  it('the same event again with the same expected version: success, nothing written (sequence_0em1_…_5e4_0em1_idempotent)', () => {
    const o = run([
      ...sixOneByOne,
      { op: 'append', stream: 'order-1', expectedVersion: 'no_stream', events: [six[0]!] },
      readAll('order-1'),
    ]);
    // The WriteResult of the original write: revision 0, its position.
    expect(o[6]).toMatchObject({ kind: 'appended', nextExpectedVersion: 0, position: 0 });
    expect(count(o)).toBe(6);
  });

  it('expectedVersion == currentVersion appends, even an event id already in the stream (sequence_0em1_…_5e4_0e5_non_idempotent)', () => {
    const o = run([
      ...sixOneByOne,
      { op: 'append', stream: 'order-1', expectedVersion: 5, events: [six[0]!] },
      readAll('order-1'),
    ]);
    expect(o[6]).toMatchObject({ kind: 'appended', nextExpectedVersion: 6 });
    expect(count(o)).toBe(7);
  });

  it('expected < current and the event at expected + 1 is another: WrongExpectedVersion (sequence_…_5e4_0e4_wev); expected > current too (…_0e6_wev)', () => {
    const o = run([
      ...sixOneByOne,
      { op: 'append', stream: 'order-1', expectedVersion: 4, events: [six[0]!] },
      { op: 'append', stream: 'order-1', expectedVersion: 6, events: [six[0]!] },
    ]);
    expect(o[6]).toMatchObject({ error: { name: 'WrongExpectedVersion', expected: 4, actual: 5 } });
    expect(o[7]).toMatchObject({ error: { name: 'WrongExpectedVersion', expected: 6, actual: 5 } });
  });

  it('with any: all committed already → success, nothing written (sequence_0em1_0any_idempotent, …_1any_1any_idempotent)', () => {
    const o = run([
      { op: 'append', stream: 's-1', expectedVersion: 'no_stream', events: [ev('e0')] },
      { op: 'append', stream: 's-1', expectedVersion: 0, events: [ev('e1')] },
      { op: 'append', stream: 's-1', expectedVersion: 'any', events: [ev('e1')] },
      { op: 'append', stream: 's-1', expectedVersion: 'any', events: [ev('e1')] },
      { op: 'append', stream: 's-1', expectedVersion: 'any', events: [ev('e0')] },
      readAll('s-1'),
    ]);
    expect(o[2]).toMatchObject({ nextExpectedVersion: 1, position: 1 });
    expect(o[4]).toMatchObject({ nextExpectedVersion: 0, position: 0 });
    expect(ids(o[5])).toEqual(['e0', 'e1']);
  });

  it('with any: none committed → appended; some committed → WrongExpectedVersion [idempotence docs, "With ExpectedVersion.Any"]', () => {
    const o = run([
      { op: 'append', stream: 's-1', events: [ev('a'), ev('b')] },
      { op: 'append', stream: 's-1', expectedVersion: 'any', events: [ev('c')] },
      { op: 'append', stream: 's-1', expectedVersion: 'any', events: [ev('a'), ev('x')] },
      // The docs' rule whichever event of the batch is the committed one.
      { op: 'append', stream: 's-1', expectedVersion: 'any', events: [ev('y'), ev('b')] },
      readAll('s-1'),
    ]);
    expect(o[1]).toMatchObject({ kind: 'appended', nextExpectedVersion: 2 });
    expect(o[2]).toMatchObject({
      error: { name: 'WrongExpectedVersion', expected: 'any', actual: 2 },
    });
    expect(o[3]).toMatchObject({ error: { name: 'WrongExpectedVersion', actual: 2 } });
    expect(ids(o[4])).toEqual(['a', 'b', 'c']);
  });

  it('a batch again: a prefix with no_stream, the second event at 0, or with any, is idempotent; a longer batch fails (sequence_S_0em1_1em1_E_S_…)', () => {
    const two: EsOp = {
      op: 'append',
      stream: 's-1',
      expectedVersion: 'no_stream',
      events: [ev('e0'), ev('e1')],
    };
    const o = run([
      two,
      { op: 'append', stream: 's-1', expectedVersion: 'no_stream', events: [ev('e0')] },
      { op: 'append', stream: 's-1', expectedVersion: 0, events: [ev('e1')] },
      { op: 'append', stream: 's-1', expectedVersion: 'any', events: [ev('e1')] },
      {
        op: 'append',
        stream: 's-1',
        expectedVersion: 'no_stream',
        events: [ev('e0'), ev('e1'), ev('e2')],
      },
      readAll('s-1'),
    ]);
    expect(o[1]).toMatchObject({ kind: 'appended', nextExpectedVersion: 0 });
    expect(o[2]).toMatchObject({ kind: 'appended', nextExpectedVersion: 1 });
    expect(o[3]).toMatchObject({ kind: 'appended', nextExpectedVersion: 1 });
    expect(o[4]).toMatchObject({
      error: { name: 'WrongExpectedVersion', expected: 'no_stream', actual: 1 },
    });
    expect(ids(o[5])).toEqual(['e0', 'e1']);
  });

  it('none of the events committed with an older expected version: WrongExpectedVersion [idempotence docs]', () => {
    const o = run([
      { op: 'append', stream: 's-1', events: [ev('a'), ev('b')] },
      { op: 'append', stream: 's-1', expectedVersion: 0, events: [ev('z')] },
    ]);
    expect(o[1]).toMatchObject({ error: { name: 'WrongExpectedVersion', expected: 0, actual: 1 } });
  });

  it('"It is possible to reuse an EventId across streams whilst maintaining idempotence" [idempotence docs]', () => {
    const o = run([
      { op: 'append', stream: 'a-1', events: [ev('same')] },
      { op: 'append', stream: 'b-1', events: [ev('same')] },
      { op: 'append', stream: 'a-1', events: [ev('same')] },
      readAll('a-1'),
      readAll('b-1'),
    ]);
    expect(o[1]).toMatchObject({ kind: 'appended', stream: 'b-1', nextExpectedVersion: 0 });
    expect(o[2]).toMatchObject({ kind: 'appended', nextExpectedVersion: 0, position: 0 });
    expect(ids(o[3])).toEqual(['same']);
    expect(ids(o[4])).toEqual(['same']);
  });

  it('the docs\' duplicate-event example: the same event twice in quick succession appends one [append docs, "append-duplicate-event"]', () => {
    const e = ev('dup');
    const o = run([
      { op: 'append', stream: 'same-event-stream', expectedVersion: 'any', events: [e] },
      { op: 'append', stream: 'same-event-stream', expectedVersion: 'any', events: [e] },
      readAll('same-event-stream'),
    ]);
    expect(ids(o[2])).toEqual(['dup']);
  });
});

describe('reads [streams docs]', () => {
  const ten: EsOp = {
    op: 'append',
    stream: 'r-1',
    events: Array.from({ length: 10 }, (_, i) => ev(`e${i}`)),
  };

  it('forwards from a revision with a max count, backwards from the end or a revision', () => {
    const o = run([
      ten,
      { op: 'read', stream: 'r-1', from: 3, maxCount: 2 },
      { op: 'read', stream: 'r-1', direction: 'backwards', maxCount: 3 },
      { op: 'read', stream: 'r-1', direction: 'backwards', from: 1 },
      { op: 'read', stream: 'r-1', from: 'end' },
      { op: 'read', stream: 'r-1', from: 42 },
    ]);
    expect(ids(o[1])).toEqual(['e3', 'e4']);
    expect(ids(o[2])).toEqual(['e9', 'e8', 'e7']);
    expect(ids(o[3])).toEqual(['e1', 'e0']);
    expect(ids(o[4])).toEqual([]);
    expect(ids(o[5])).toEqual([]);
  });

  it('a stream never written: StreamNotFound', () => {
    const o = run([{ op: 'read', stream: 'nothing-here' }]);
    expect(o[0]).toEqual({
      kind: 'error',
      step: 0,
      op: 'read',
      error: { name: 'StreamNotFound', streamId: 'nothing-here' },
    });
  });

  it('$all backwards from a position returns what comes before it', () => {
    const o = run([
      ten,
      { op: 'read', stream: '$all', direction: 'backwards', from: 3 },
      { op: 'read', stream: '$all', from: 8 },
    ]);
    expect(ids(o[1])).toEqual(['e2', 'e1', 'e0']);
    expect(ids(o[2])).toEqual(['e8', 'e9']);
  });
});

describe('stream metadata applied on read [streams docs, "Soft delete and TruncateBefore", "Max count and Max age"]', () => {
  const four: EsOp = {
    op: 'append',
    stream: 'test-stream',
    events: [0, 1, 2, 3].map((i) => ev(`e${i}`)),
  };

  it('$tb 3 on 0…3@test-stream: a read returns only 3@test-stream; $all still has all four', () => {
    const o = run([
      four,
      { op: 'setStreamMetadata', stream: 'test-stream', metadata: { truncateBefore: 3 } },
      readAll('test-stream'),
      { op: 'read', stream: 'test-stream', direction: 'backwards' },
      { op: 'read', stream: '$all', maxCount: 4 },
    ]);
    expect(o[1]).toMatchObject({ kind: 'metadataSet', nextExpectedVersion: 0, position: 4 });
    expect(ids(o[2])).toEqual(['e3']);
    expect(ids(o[3])).toEqual(['e3']);
    expect(ids(o[4])).toEqual(['e0', 'e1', 'e2', 'e3']);
  });

  it('$maxCount 5 of 8 events: only the last 5 are read', () => {
    const o = run([
      { op: 'append', stream: 'mc-1', events: Array.from({ length: 8 }, (_, i) => ev(`e${i}`)) },
      { op: 'setStreamMetadata', stream: 'mc-1', metadata: { maxCount: 5 } },
      readAll('mc-1'),
      { op: 'read', stream: 'mc-1', from: 0, maxCount: 2 },
    ]);
    expect(ids(o[2])).toEqual(['e3', 'e4', 'e5', 'e6', 'e7']);
    expect(ids(o[3])).toEqual(['e3', 'e4']);
  });

  it('$maxAge 180 s: an event 4 minutes old is not returned, a 2-minute-old one is', () => {
    const o = run([
      { op: 'append', stream: 'age-1', events: [ev('old')] },
      { op: 'advanceTime', ms: 120_000 },
      { op: 'append', stream: 'age-1', events: [ev('young')] },
      { op: 'setStreamMetadata', stream: 'age-1', metadata: { maxAge: 180 } },
      readAll('age-1'),
      { op: 'advanceTime', ms: 120_000 },
      readAll('age-1'),
      { op: 'read', stream: 'age-1', direction: 'backwards' },
      { op: 'advanceTime', ms: 120_000 },
      readAll('age-1'),
      // The stream still exists: its revision is still 1.
      { op: 'append', stream: 'age-1', expectedVersion: 1, events: [ev('new')] },
    ]);
    expect(ids(o[4])).toEqual(['old', 'young']);
    expect(ids(o[6])).toEqual(['young']);
    expect(ids(o[7])).toEqual(['young']);
    expect(ids(o[9])).toEqual([]);
    expect(o[10]).toMatchObject({ kind: 'appended', nextExpectedVersion: 2 });
  });

  it('a metadata stream keeps one event ($maxCount 1): reading $$<stream> shows the latest', () => {
    const o = run([
      { op: 'setStreamMetadata', stream: 'm-1', metadata: { maxCount: 3 } },
      { op: 'setStreamMetadata', stream: 'm-1', expectedVersion: 0, metadata: { maxAge: 60 } },
      readAll('$$m-1'),
      { op: 'setStreamMetadata', stream: 'm-1', expectedVersion: 0, metadata: { maxAge: 1 } },
    ]);
    const r = o[2];
    if (r?.kind !== 'read') throw new Error('read');
    expect(r.events.map((e) => [e.event?.eventNumber, e.event?.eventType, e.event?.data])).toEqual([
      [1, '$metadata', { $maxAge: 60 }],
    ]);
    expect(o[3]).toMatchObject({
      error: { name: 'WrongExpectedVersion', streamId: '$$m-1', expected: 0, actual: 1 },
    });
  });
});

describe('deleting streams [streams docs, "Soft delete and TruncateBefore", "Hard delete"]', () => {
  const four: EsOp = {
    op: 'append',
    stream: 'test-stream',
    events: [0, 1, 2, 3].map((i) => ev(`e${i}`)),
  };

  it('soft delete: StreamNotFound on read; appending again continues at 4 and only 4 on is read', () => {
    const r = runEventStoreScriptDetailed({
      ops: [
        four,
        { op: 'delete', stream: 'test-stream', expectedVersion: 3 },
        readAll('test-stream'),
        { op: 'append', stream: 'test-stream', expectedVersion: 'any', events: [ev('e4')] },
        readAll('test-stream'),
        readAll('$$test-stream'),
      ],
    });
    const o = r.observations;
    expect(o[1]).toMatchObject({ kind: 'deleted', mode: 'soft' });
    expect(o[2]).toMatchObject({ error: { name: 'StreamNotFound', streamId: 'test-stream' } });
    expect(o[3]).toMatchObject({ kind: 'appended', nextExpectedVersion: 4 });
    const read = o[4];
    if (read?.kind !== 'read') throw new Error('read');
    expect(read.events.map((e) => [e.event?.eventNumber, e.event?.eventId])).toEqual([[4, 'e4']]);
    // The delete wrote $tb = DeletedStream; the append rewrote it to 4 (SoftUndeleteStream).
    const meta = o[5];
    if (meta?.kind !== 'read') throw new Error('read');
    expect(meta.events[0]?.event?.data).toEqual({ $tb: 4 });
    const metaWrites = r.events.filter(
      (e) => e.type === 'es.appended' && e.streamId === '$$test-stream',
    );
    expect(metaWrites.map((e) => (e.type === 'es.appended' ? e.cause : ''))).toEqual([
      'softDelete',
      'softUndelete',
    ]);
  });

  it('soft delete: no_stream appends to the deleted stream, stream_exists is StreamDeleted, a stale revision is WrongExpectedVersion (IndexWriter.CheckCommit)', () => {
    const o = run([
      four,
      { op: 'delete', stream: 'test-stream' },
      { op: 'append', stream: 'test-stream', expectedVersion: 'stream_exists', events: [ev('x')] },
      { op: 'append', stream: 'test-stream', expectedVersion: 1, events: [ev('y')] },
      { op: 'append', stream: 'test-stream', expectedVersion: 'no_stream', events: [ev('z')] },
    ]);
    expect(o[2]).toMatchObject({ error: { name: 'StreamDeleted', streamId: 'test-stream' } });
    expect(o[3]).toMatchObject({ error: { name: 'WrongExpectedVersion', expected: 1, actual: 3 } });
    expect(o[4]).toMatchObject({ kind: 'appended', nextExpectedVersion: 4 });
  });

  it("the soft-deleted stream's first event re-sent with no_stream: idempotent, at log position −1 (when_soft_deleted_stream_is_written_to_idempotently, EventStore.Core.Tests)", () => {
    const o = run([
      { op: 'append', stream: 'sd-1', expectedVersion: 'no_stream', events: [ev('only')] },
      { op: 'delete', stream: 'sd-1' },
      { op: 'append', stream: 'sd-1', expectedVersion: 'no_stream', events: [ev('only')] },
      readAll('sd-1'),
    ]);
    expect(o[2]).toEqual({
      kind: 'appended',
      step: 2,
      stream: 'sd-1',
      nextExpectedVersion: 0,
      position: -1,
    });
    // Nothing was written: the stream is still deleted.
    expect(o[3]).toMatchObject({ error: { name: 'StreamNotFound' } });
  });

  it('setting metadata on a soft-deleted stream re-opens it empty, with $tb after its last event (StorageWriterService.SoftUndeleteMetastream)', () => {
    const o = run([
      four,
      { op: 'delete', stream: 'test-stream' },
      { op: 'setStreamMetadata', stream: 'test-stream', metadata: { maxCount: 2 } },
      readAll('test-stream'),
      readAll('$$test-stream'),
    ]);
    expect(ids(o[3])).toEqual([]);
    const meta = o[4];
    if (meta?.kind !== 'read') throw new Error('read');
    expect(meta.events[0]?.event?.data).toEqual({ $maxCount: 2, $tb: 4 });
  });

  it('soft delete of a stream that never existed: WrongExpectedVersion (StorageWriterService.WriteDelete)', () => {
    const o = run([{ op: 'delete', stream: 'ghost-1' }]);
    expect(o[0]).toMatchObject({
      error: { name: 'WrongExpectedVersion', streamId: 'ghost-1', actual: 'no_stream' },
    });
  });

  it('delete with a wrong expected version: WrongExpectedVersion, nothing deleted', () => {
    const o = run([
      four,
      { op: 'delete', stream: 'test-stream', expectedVersion: 1, mode: 'hard' },
      readAll('test-stream'),
    ]);
    expect(o[1]).toMatchObject({ error: { name: 'WrongExpectedVersion', expected: 1, actual: 3 } });
    expect(ids(o[2])).toHaveLength(4);
  });

  it('hard delete: a $streamDeleted tombstone; StreamDeleted on every read and append after, idempotent ones too', () => {
    const o = run([
      four,
      { op: 'delete', stream: 'test-stream', mode: 'hard' },
      readAll('test-stream'),
      { op: 'append', stream: 'test-stream', events: [ev('e9')] },
      { op: 'append', stream: 'test-stream', expectedVersion: 'no_stream', events: [ev('e0')] },
      { op: 'delete', stream: 'test-stream' },
      { op: 'setStreamMetadata', stream: 'test-stream', metadata: { maxCount: 1 } },
      readAll('$$test-stream'),
      { op: 'read', stream: '$all', direction: 'backwards', maxCount: 1 },
    ]);
    expect(o[1]).toMatchObject({ kind: 'deleted', mode: 'hard', position: 4 });
    for (const i of [2, 3, 4, 5, 6, 7])
      expect(o[i]).toMatchObject({ kind: 'error', error: { name: 'StreamDeleted' } });
    const last = o[8];
    if (last?.kind !== 'read') throw new Error('read');
    expect(last.events[0]?.event).toMatchObject({
      streamId: 'test-stream',
      eventType: '$streamDeleted',
      eventNumber: DELETED_STREAM,
    });
  });
});

describe('system projections [projections docs]', () => {
  const orders: EsOp[] = [
    { op: 'append', stream: 'order-1', events: [ev('a', 'OrderPlaced')] },
    { op: 'append', stream: 'order-2', events: [ev('b', 'OrderPlaced')] },
    { op: 'append', stream: 'order-1', events: [ev('c', 'OrderShipped')] },
    { op: 'append', stream: 'nocategory', events: [ev('d', 'OrderPlaced')] },
  ];

  it('off on a fresh database: no $ce- stream ("present but disabled")', () => {
    const o = run([...orders, readAll('$ce-order')]);
    expect(o[4]).toMatchObject({ error: { name: 'StreamNotFound', streamId: '$ce-order' } });
  });

  it('$by_category links order-1 and order-2 into $ce-order; resolveLinkTos returns the events with their links', () => {
    const o = run([...orders, { op: 'read', stream: '$ce-order', resolveLinkTos: true }], {
      startStandardProjections: true,
    });
    const r = o[4];
    if (r?.kind !== 'read') throw new Error('read');
    expect(r.events.map((e) => [e.event?.streamId, e.event?.eventId, e.link?.data])).toEqual([
      ['order-1', 'a', '0@order-1'],
      ['order-2', 'b', '0@order-2'],
      ['order-1', 'c', '1@order-1'],
    ]);
    expect(
      r.events.every((e) => e.link?.eventType === '$>' && e.link.streamId === '$ce-order'),
    ).toBe(true);
  });

  it('without resolveLinkTos a read returns the link events themselves', () => {
    const o = run([...orders, readAll('$ce-order')], { startStandardProjections: true });
    const r = o[4];
    if (r?.kind !== 'read') throw new Error('read');
    expect(r.events.map((e) => [e.event?.eventType, e.event?.data, 'link' in e])).toEqual([
      ['$>', '0@order-1', false],
      ['$>', '0@order-2', false],
      ['$>', '1@order-1', false],
    ]);
  });

  it('$by_event_type links into $et-<type>, whatever the stream', () => {
    const o = run([...orders, { op: 'read', stream: '$et-OrderPlaced', resolveLinkTos: true }], {
      startStandardProjections: true,
    });
    expect(ids(o[4])).toEqual(['a', 'b', 'd']);
  });

  it('enabling a projection later links the events written before (it starts at the beginning of $all)', () => {
    const o = run([
      ...orders,
      { op: 'enableProjection', name: '$by_category' },
      { op: 'read', stream: '$ce-order', resolveLinkTos: true },
      { op: 'disableProjection', name: '$by_category' },
      { op: 'append', stream: 'order-3', events: [ev('e', 'OrderPlaced')] },
      { op: 'read', stream: '$ce-order', resolveLinkTos: true },
      { op: 'enableProjection', name: '$by_category' },
      { op: 'read', stream: '$ce-order', resolveLinkTos: true },
    ]);
    expect(o[4]).toMatchObject({ kind: 'projection', name: '$by_category', status: 'Running' });
    expect(ids(o[5])).toEqual(['a', 'b', 'c']);
    expect(o[6]).toMatchObject({ kind: 'projection', status: 'Stopped' });
    expect(ids(o[8])).toEqual(['a', 'b', 'c']);
    expect(ids(o[10])).toEqual(['a', 'b', 'c', 'e']);
  });

  it('links to deleted events stay in $ce-, unresolved ("their links remain unresolved") [streams docs, "Deleted events and projections"]', () => {
    const o = run(
      [
        ...orders,
        { op: 'delete', stream: 'order-1', mode: 'hard' },
        { op: 'read', stream: '$ce-order', resolveLinkTos: true },
      ],
      { startStandardProjections: true },
    );
    const r = o[5];
    if (r?.kind !== 'read') throw new Error('read');
    expect(r.events.map((e) => [e.event?.eventId ?? null, e.link?.data])).toEqual([
      [null, '0@order-1'],
      ['b', '0@order-2'],
      [null, '1@order-1'],
      // The tombstone is categorized too (CategorizeEventsByStreamPath), and never resolves.
      [null, `${DELETED_STREAM}@order-1`],
    ]);
  });
});

describe('untrusted input', () => {
  it('malformed ops are problems naming the op and the field; the others run', () => {
    const r = runEventStoreScriptDetailed({
      ops: [
        { op: 'append', stream: 's-1', events: [{ eventId: 'a' }] },
        { op: 'append', stream: '$all', events: [ev('a')] },
        { op: 'append', stream: 's-1', expectedVersion: -1, events: [ev('a')] },
        { op: 'read', stream: 's-1', maxCount: 0 },
        { op: 'teleport' },
        null,
        { op: 'append', stream: 's-1', events: [ev('ok')] },
      ],
    });
    expect(r.problems).toEqual([
      'ops[0].events[0].eventType: required',
      'ops[1].stream: cannot write to $all',
      'ops[2].expectedVersion: must be "any", "no_stream", "stream_exists" or a revision (an integer ≥ 0)',
      'ops[3].maxCount: must be an integer from 1 to 4096',
      expect.stringMatching(/^ops\[4\]\.op: must be one of append, read/),
      'ops[5]: must be an object',
    ]);
    expect(r.observations).toEqual([
      { kind: 'appended', step: 6, stream: 's-1', nextExpectedVersion: 0, position: 0 },
    ]);
  });

  it('deep event data is refused, not overflowed', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const r = runEventStoreScriptDetailed({
      ops: [
        { op: 'append', stream: 's-1', events: [{ eventId: 'a', eventType: 't', data: deep }] },
      ],
    });
    expect(r.problems[0]).toMatch(/^ops\[0\]\.events\[0\]\.data.*nested more than 32 levels/);
  });

  it('work is bounded: a run whose $all would pass 200,000 records stops with a problem', () => {
    const big: EsOp = {
      op: 'append',
      stream: 'big-1',
      events: Array.from({ length: 4095 }, (_, i) => ev(`e${i}`)),
    };
    // Each op re-sends the same ids with `any`: idempotent, so give each batch its own ids.
    const ops: EsOp[] = Array.from({ length: 60 }, (_, k) => ({
      ...big,
      events: (big as { events: EventData[] }).events.map((e) => ({
        ...e,
        eventId: `${k}-${e.eventId}`,
      })),
    }));
    const r = runEventStoreScriptDetailed({ startStandardProjections: true, ops });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(
      /^ops\[\d+\]: the run stopped: \$all would hold more than 200000 records$/,
    );
    expect(r.state.log.length).toBeLessThanOrEqual(200_000);
  });

  it('not a script at all: a problem, no throw', () => {
    expect(runEventStoreScriptDetailed(42).problems).toEqual(['$: must be an object']);
    expect(runEventStoreScriptDetailed({ ops: 'x' }).problems).toEqual(['ops: must be an array']);
    expect(runEventStoreScript({ ops: [] })).toEqual([]);
  });
});
