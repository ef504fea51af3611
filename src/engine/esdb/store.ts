/**
 * The event store's decisions (appends, deletes, metadata, the system projections) and its reads.
 * Decisions read the state and return events (events.ts); evolve.ts applies them. Reads change
 * nothing.
 *
 * Sources followed:
 * - Optimistic concurrency and idempotence: EventStoreDB docs, ".NET TCP client › Appending events
 *   › Optimistic concurrency / Idempotence" (EventStore/documentation,
 *   docs/clients/tcp/dotnet/21.2/appending.md):
 *   "The idempotence check is based on the EventId and stream. It is possible to reuse an EventId
 *   across streams whilst maintaining idempotence."
 *   With an expected version, compared to the stream's current version:
 *     expected > current → WrongExpectedVersion;
 *     expected == current → the events are appended;
 *     expected < current → the event ids from expected + 1 on are compared with the append's:
 *       all committed already → success, nothing appended;
 *       none committed → WrongExpectedVersion;
 *       some committed → a bad request, surfaced as WrongExpectedVersion.
 *   With ExpectedVersion.Any: all committed already → success, nothing appended; none committed
 *   → appended; some committed → WrongExpectedVersion. ("Idempotence is not guaranteed" with Any:
 *   the server keeps recent event ids in a bounded cache; the simulator's index is per stream and
 *   never forgets, so that small chance of a duplicate does not occur here.)
 *   The decision is coded as the server codes it (but for the one case noted in checkCommit,
 *   where the docs' table is followed): IndexWriter.CheckCommit
 *   (EventStore/EventStore, src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs):
 *   `stream_exists` is checked like `any` once the stream (or its metadata stream) exists, and is
 *   StreamDeleted on a soft-deleted stream; `no_stream` is the revision −1, so re-sending a first
 *   append with `no_stream` is idempotent too, and `no_stream` on a soft-deleted stream appends.
 *   Re-sending with the version the stream is now at (expected == current) appends again: the
 *   server compares ids only when expected < current.
 * - Deleting: EventStoreDB docs "Event streams › Deleting streams and events"
 *   (EventStore/EventStore, docs/server/features/streams.md) and StorageWriterService
 *   (WriteDelete, SoftUndeleteStream, SoftUndeleteMetastream). A soft delete writes `$metadata`
 *   with `$tb` = DeletedStream (replacing the metadata); reads then give StreamNotFound; the next
 *   append continues the numbering and the store rewrites the metadata with `$tb` = its first new
 *   event number (keeping the other settings). A hard delete writes the `$streamDeleted`
 *   tombstone: StreamDeleted on every later read and write, for ever. A soft delete of a stream
 *   with no events and no metadata is WrongExpectedVersion.
 * - Metadata on read (IndexReader.ReadStreamEventsForward/Backward, ReadEvent): events below
 *   `$tb`, below last − `$maxCount` + 1, or older than `$maxAge` seconds are not returned; `$all`
 *   skips the index and returns every record. Scavenging (removing them from disk) is out of
 *   scope: nothing is ever removed from `$all` here.
 * - System projections: docs "Projections › System projections"
 *   (docs/server/features/projections/system.md): present but disabled on a fresh database;
 *   CategorizeEventsByStreamPath and IndexEventsByEventType (src/EventStore.Projections.Core/
 *   Standard/): `$by_category` links every event of a non-system stream with a category
 *   (including links and the stream-deleted events) into `$ce-<category>`; `$by_event_type`
 *   links every event but links into `$et-<type>` (`$et-$deleted` for a deleted stream). The
 *   simulator runs an enabled projection to the end of `$all` after each operation (the real one
 *   lags a little), and keeps its checkpoint in memory (EventStoreDB writes checkpoint streams).
 */
import type { AppendCause, EsEvent } from './events';
import {
  DELETED_STREAM,
  LINK_TO,
  STREAM_DELETED,
  STREAM_METADATA,
  SYSTEM_PROJECTIONS,
  categoryOf,
  isMetastream,
  isSoftDeleted,
  lastEventNumber,
  metadataJson,
  metadataOf,
  metastreamOf,
  originalStreamOf,
  parseMetadata,
  type EsState,
} from './state';
import type {
  EsError,
  EsJson,
  EventData,
  ExpectedVersion,
  ReadEvent,
  RecordedEvent,
  StreamMetadata,
  SystemProjectionName,
} from './types';

/** IndexWriter.CheckCommit's decision. */
export type CommitCheck =
  | { decision: 'ok'; current: number; softDeleted: boolean }
  | { decision: 'idempotent'; first: number; last: number }
  | { decision: 'wrongExpectedVersion'; current: number }
  | { decision: 'deleted' };

/**
 * Decides an append of `eventIds` at `expected` (null: an id that is never in a stream, as the
 * server's fresh Guid for a delete).
 */
export function checkCommit(
  s: EsState,
  streamId: string,
  expected: ExpectedVersion,
  eventIds: readonly (string | null)[],
): CommitCheck {
  const current = lastEventNumber(s, streamId);
  if (current === DELETED_STREAM) return { decision: 'deleted' };
  const softDeleted = isSoftDeleted(s, streamId);
  if (expected === 'stream_exists') {
    if (softDeleted) return { decision: 'deleted' };
    if (current < 0 && lastEventNumber(s, metastreamOf(streamId)) < 0)
      return { decision: 'wrongExpectedVersion', current };
  }
  const ids = s.streams.get(streamId)?.ids;
  if (expected === 'any' || expected === 'stream_exists') {
    // The docs' table for ExpectedVersion.Any: none committed → append; all → idempotent; some
    // → WrongExpectedVersion. (The server's loop stops at the first id it does not know: when
    // that is the batch's first event it appends the whole batch, a later one already
    // committed included. The docs' rule is followed here; the difference shows only for a batch
    // whose first event is new and a later one is not.)
    let found = 0;
    let first = -1;
    let last = -1;
    for (let i = 0; i < eventIds.length; i++) {
      const id = eventIds[i];
      const n = id === null || id === undefined ? undefined : ids?.get(id);
      if (n === undefined) continue;
      if (found === 0) first = n;
      last = n;
      found++;
    }
    if (found === 0) return { decision: 'ok', current, softDeleted };
    if (found < eventIds.length) return { decision: 'wrongExpectedVersion', current };
    return { decision: 'idempotent', first, last };
  }
  const exp = expected === 'no_stream' ? -1 : expected;
  if (exp < current) {
    const events = s.streams.get(streamId)?.events ?? [];
    for (let i = 0; i < eventIds.length; i++) {
      const n = exp + 1 + i;
      const id = eventIds[i];
      if (id !== null && id !== undefined && events[n]?.eventId === id) continue;
      if (i > 0) return { decision: 'wrongExpectedVersion', current };
      if (exp === -1 && softDeleted) return { decision: 'ok', current, softDeleted: true };
      return { decision: 'wrongExpectedVersion', current };
    }
    if (eventIds.length === 0) return { decision: 'wrongExpectedVersion', current };
    return { decision: 'idempotent', first: exp + 1, last: exp + eventIds.length };
  }
  if (exp > current) return { decision: 'wrongExpectedVersion', current };
  return { decision: 'ok', current, softDeleted };
}

/** What the client gets back from a write. */
export type WriteOutcome =
  { ok: true; nextExpectedVersion: number; position: number } | { ok: false; error: EsError };

export interface Decision {
  events: EsEvent[];
  outcome: WriteOutcome;
}

/** Records appended after what `events` (decided, not yet applied) append. */
class Pending {
  readonly events: EsEvent[] = [];
  private nextPos: number;
  private readonly next = new Map<string, number>();
  constructor(private readonly s: EsState) {
    this.nextPos = s.log.length;
  }
  position(): number {
    return this.nextPos++;
  }
  eventNumber(streamId: string): number {
    const n = this.next.get(streamId) ?? lastEventNumber(this.s, streamId) + 1;
    this.next.set(streamId, n + 1);
    return n;
  }
  record(streamId: string, e: EventData): RecordedEvent {
    return {
      streamId,
      eventNumber: this.eventNumber(streamId),
      eventId: e.eventId,
      eventType: e.eventType,
      data: e.data ?? null,
      metadata: e.metadata ?? null,
      position: this.position(),
      createdUs: this.s.timeUs,
    };
  }
  append(streamId: string, cause: AppendCause, events: readonly EventData[]): RecordedEvent[] {
    const records = events.map((e) => this.record(streamId, e));
    this.events.push({ type: 'es.appended', streamId, cause, records });
    return records;
  }
}

const wev = (streamId: string, expected: ExpectedVersion, current: number): EsError => ({
  name: 'WrongExpectedVersion',
  streamId,
  expected,
  actual: current < 0 ? 'no_stream' : current,
});

function refused(
  op: 'append' | 'delete' | 'setStreamMetadata',
  streamId: string,
  expected: ExpectedVersion,
  c: CommitCheck,
): Decision | null {
  let error: EsError;
  if (c.decision === 'deleted') error = { name: 'StreamDeleted', streamId };
  else if (c.decision === 'wrongExpectedVersion') error = wev(streamId, expected, c.current);
  else return null;
  return {
    events: [{ type: 'es.writeRejected', op, streamId, expected, error }],
    outcome: { ok: false, error },
  };
}

/** A client's append (and setStreamMetadata, an append of `$metadata` to `$$<stream>`). */
export function decideAppend(
  s: EsState,
  streamId: string,
  expected: ExpectedVersion,
  events: readonly EventData[],
  op: 'append' | 'setStreamMetadata' = 'append',
): Decision {
  const c = checkCommit(
    s,
    streamId,
    expected,
    events.map((e) => e.eventId),
  );
  const no = refused(op, streamId, expected, c);
  if (no !== null) return no;
  if (c.decision === 'idempotent') {
    // The log position of the last event, as a read finds it: −1 when metadata hides it (a
    // soft-deleted stream: when_soft_deleted_stream_is_written_to_idempotently).
    const position = readEventAt(s, streamId, c.last)?.position ?? -1;
    return {
      events: [
        {
          type: 'es.appendIdempotent',
          streamId,
          firstEventNumber: c.first,
          lastEventNumber: c.last,
          position,
        },
      ],
      outcome: { ok: true, nextExpectedVersion: c.last, position },
    };
  }
  if (c.decision !== 'ok') throw new Error('unreachable');
  const p = new Pending(s);
  // Soft-deleted before this write? (decided before it, as StorageWriterService does.)
  const undeleteMeta = isMetastream(streamId) && isSoftDeleted(s, originalStreamOf(streamId));
  const records = p.append(streamId, op, events);
  const last = records[records.length - 1] as RecordedEvent;
  if (c.softDeleted) softUndelete(s, p, streamId, rawMetadata(s, streamId), c.current + 1);
  if (undeleteMeta) {
    const orig = originalStreamOf(streamId);
    softUndelete(s, p, orig, last.data, lastEventNumber(s, orig) + 1);
  }
  return {
    events: p.events,
    outcome: { ok: true, nextExpectedVersion: last.eventNumber, position: last.position },
  };
}

/** The last metadata event's JSON of a stream (null when none). */
function rawMetadata(s: EsState, streamId: string): EsJson {
  const metaId = metastreamOf(streamId);
  const last = lastEventNumber(s, metaId);
  if (last < 0 || last === DELETED_STREAM) return null;
  return s.streams.get(metaId)?.events[last]?.data ?? null;
}

/** StorageWriterService.SoftUndeleteStream: the metadata again, with `$tb` = recreateFrom. */
function softUndelete(s: EsState, p: Pending, streamId: string, raw: EsJson, from: number): void {
  // SoftUndeleteRawMeta: metadata that is not a JSON object is left as it is.
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
  const data: { [k: string]: EsJson } = { ...raw, $tb: from };
  p.append(metastreamOf(streamId), 'softUndelete', [
    { eventId: `$softUndelete@${s.log.length}`, eventType: STREAM_METADATA, data },
  ]);
}

/** setStreamMetadata: `$metadata` appended to `$$<stream>`, `expected` of that metadata stream. */
export function decideSetStreamMetadata(
  s: EsState,
  streamId: string,
  expected: ExpectedVersion,
  metadata: StreamMetadata,
): Decision {
  const metaId = metastreamOf(streamId);
  return decideAppend(
    s,
    metaId,
    expected,
    [
      {
        eventId: `$metadata@${s.log.length}`,
        eventType: STREAM_METADATA,
        data: metadataJson(metadata),
      },
    ],
    'setStreamMetadata',
  );
}

/** A soft delete (`$tb` = DeletedStream) or a hard delete (the tombstone). */
export function decideDelete(
  s: EsState,
  streamId: string,
  expected: ExpectedVersion,
  mode: 'soft' | 'hard',
): Decision {
  const c = checkCommit(s, streamId, expected, [null]);
  const no = refused('delete', streamId, expected, c);
  if (no !== null) return no;
  const p = new Pending(s);
  if (mode === 'hard') {
    const record: RecordedEvent = {
      streamId,
      eventNumber: DELETED_STREAM,
      eventId: `$streamDeleted@${s.log.length}`,
      eventType: STREAM_DELETED,
      data: null,
      metadata: null,
      position: p.position(),
      createdUs: s.timeUs,
    };
    return {
      events: [{ type: 'es.tombstoned', record }],
      outcome: { ok: true, nextExpectedVersion: DELETED_STREAM, position: record.position },
    };
  }
  const metaId = metastreamOf(streamId);
  if (lastEventNumber(s, streamId) < 0 && lastEventNumber(s, metaId) < 0) {
    const error = wev(streamId, expected, -1);
    return {
      events: [{ type: 'es.writeRejected', op: 'delete', streamId, expected, error }],
      outcome: { ok: false, error },
    };
  }
  const [rec] = p.append(metaId, 'softDelete', [
    {
      eventId: `$softDelete@${s.log.length}`,
      eventType: STREAM_METADATA,
      data: { $tb: DELETED_STREAM },
    },
  ]);
  return {
    events: p.events,
    outcome: {
      ok: true,
      nextExpectedVersion: lastEventNumber(s, streamId),
      position: (rec as RecordedEvent).position,
    },
  };
}

// --- System projections ---------------------------------------------------------------------

/** StreamDeletedHelper.IsStreamDeletedEvent: the deleted stream's id, or null. */
function deletedStreamOf(r: RecordedEvent): string | null {
  if (isMetastream(r.streamId)) {
    return r.eventType === STREAM_METADATA &&
      parseMetadata(r.data).truncateBefore === DELETED_STREAM
      ? originalStreamOf(r.streamId)
      : null;
  }
  return r.eventType === STREAM_DELETED ? r.streamId : null;
}

/** The link a projection writes for record r: its stream, data and metadata; null: none. */
function linkFor(
  name: SystemProjectionName,
  r: RecordedEvent,
): { stream: string; data: string; metadata: EsJson } | null {
  const deleted = deletedStreamOf(r);
  if (name === '$by_category') {
    const category = categoryOf(deleted ?? r.streamId);
    if (category === null) return null;
    const data =
      r.eventType === LINK_TO && typeof r.data === 'string'
        ? r.data
        : `${r.eventNumber}@${r.streamId}`;
    return { stream: `$ce-${category}`, data, metadata: null };
  }
  if (r.eventType === LINK_TO) return null;
  if (deleted !== null)
    return {
      stream: '$et-$deleted',
      data: `${r.eventNumber}@${deleted}`,
      metadata: { $deleted: -1 },
    };
  return { stream: `$et-${r.eventType}`, data: `${r.eventNumber}@${r.streamId}`, metadata: null };
}

/**
 * The next thing a running system projection does: handle the oldest `$all` record any of them
 * has not handled (ties: `$by_category` first). Null when every running one is at the end.
 */
export function decideProjectionStep(s: EsState): EsEvent[] | null {
  let name: SystemProjectionName | null = null;
  let at = Infinity;
  for (const n of SYSTEM_PROJECTIONS) {
    const p = s.projections.get(n);
    if (p === undefined || p.status !== 'Running' || p.checkpoint >= s.log.length) continue;
    if (p.checkpoint < at) {
      at = p.checkpoint;
      name = n;
    }
  }
  if (name === null) return null;
  const r = s.log[at] as RecordedEvent;
  const l = linkFor(name, r);
  if (l === null)
    return [{ type: 'es.projectionHandled', projection: name, position: at, link: null }];
  const last = lastEventNumber(s, l.stream);
  if (last === DELETED_STREAM)
    return [
      {
        type: 'es.projectionFaulted',
        projection: name,
        position: at,
        reason: `cannot write to ${l.stream}: StreamDeleted`,
      },
    ];
  const link: RecordedEvent = {
    streamId: l.stream,
    eventNumber: last + 1,
    eventId: `${name}@${at}`,
    eventType: LINK_TO,
    data: l.data,
    metadata: l.metadata,
    position: s.log.length,
    createdUs: s.timeUs,
  };
  const out: EsEvent[] = [{ type: 'es.projectionHandled', projection: name, position: at, link }];
  if (isSoftDeleted(s, l.stream)) {
    // The projection's write re-opens a soft-deleted stream like any write does.
    const raw = rawMetadata(s, l.stream);
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const data: { [k: string]: EsJson } = { ...raw, $tb: last + 1 };
      out.push({
        type: 'es.appended',
        streamId: metastreamOf(l.stream),
        cause: 'softUndelete',
        records: [
          {
            streamId: metastreamOf(l.stream),
            eventNumber: lastEventNumber(s, metastreamOf(l.stream)) + 1,
            eventId: `$softUndelete@${s.log.length + 1}`,
            eventType: STREAM_METADATA,
            data,
            metadata: null,
            position: s.log.length + 1,
            createdUs: s.timeUs,
          },
        ],
      });
    }
  }
  return out;
}

// --- Reads ----------------------------------------------------------------------------------

export type Direction = 'forwards' | 'backwards';
export type ReadFrom = 'start' | 'end' | number;

export interface ReadOptions {
  direction: Direction;
  /** A stream: a revision (event number). `$all`: a position (backwards: before it). */
  from: ReadFrom;
  maxCount: number;
  resolveLinkTos: boolean;
}

export type ReadOutcome = { ok: true; events: ReadEvent[] } | { ok: false; error: EsError };

/** The part of a stream a read may return: numbers min…last, created at or after `sinceUs`. */
interface Window {
  last: number;
  min: number;
  sinceUs: number;
}

function windowOf(s: EsState, streamId: string): Window | EsError {
  const last = lastEventNumber(s, streamId);
  if (last === DELETED_STREAM) return { name: 'StreamDeleted', streamId };
  const meta = metadataOf(s, streamId);
  if (last < 0 || meta.truncateBefore === DELETED_STREAM)
    return { name: 'StreamNotFound', streamId };
  let min = 0;
  if (meta.maxCount !== undefined) min = Math.max(min, last - meta.maxCount + 1);
  if (meta.truncateBefore !== undefined) min = Math.max(min, meta.truncateBefore);
  const sinceUs = meta.maxAge === undefined ? -Infinity : s.timeUs - meta.maxAge * 1_000_000;
  return { last, min, sinceUs };
}

/** The event `n` of a stream as a read by number sees it (IndexReader.ReadEvent), or null. */
export function readEventAt(s: EsState, streamId: string, n: number): RecordedEvent | null {
  const w = windowOf(s, streamId);
  if ('name' in w || n < w.min || n > w.last) return null;
  const r = s.streams.get(streamId)?.events[n];
  return r === undefined || r.createdUs < w.sinceUs ? null : r;
}

/** Resolves a link's data `"<number>@<stream>"` to the event, or null. */
export function resolveLink(s: EsState, data: EsJson): RecordedEvent | null {
  if (typeof data !== 'string') return null;
  const at = data.indexOf('@');
  if (at <= 0) return null;
  const num = data.slice(0, at);
  if (!/^[0-9]+$/.test(num)) return null;
  const n = Number(num);
  if (!Number.isSafeInteger(n)) return null;
  return readEventAt(s, data.slice(at + 1), n);
}

function view(s: EsState, r: RecordedEvent, resolve: boolean): ReadEvent {
  if (!resolve || r.eventType !== LINK_TO) return { event: r };
  const target = resolveLink(s, r.data);
  return target === null ? { event: null, link: r } : { event: target, link: r };
}

/** Reads a stream (never `$all`: see readAll). */
export function readStream(s: EsState, streamId: string, o: ReadOptions): ReadOutcome {
  const w = windowOf(s, streamId);
  if ('name' in w) return { ok: false, error: w };
  const events = s.streams.get(streamId)?.events ?? [];
  const out: ReadEvent[] = [];
  if (o.direction === 'forwards') {
    const from = o.from === 'start' ? 0 : o.from === 'end' ? w.last + 1 : o.from;
    // Times never go back, so the events older than $maxAge are a prefix: skip it at once.
    let lo = Math.max(from, w.min);
    let hi = w.last + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((events[mid] as RecordedEvent).createdUs < w.sinceUs) lo = mid + 1;
      else hi = mid;
    }
    for (let n = lo; n <= w.last && out.length < o.maxCount; n++)
      out.push(view(s, events[n] as RecordedEvent, o.resolveLinkTos));
  } else {
    const from = o.from === 'start' ? 0 : o.from === 'end' ? w.last : Math.min(o.from, w.last);
    for (let n = from; n >= w.min && out.length < o.maxCount; n--) {
      const r = events[n] as RecordedEvent;
      if (r.createdUs < w.sinceUs) break;
      out.push(view(s, r, o.resolveLinkTos));
    }
  }
  return { ok: true, events: out };
}

/** Reads `$all`: every record, metadata and deletes notwithstanding (no scavenging here). */
export function readAll(s: EsState, o: ReadOptions): ReadEvent[] {
  const out: ReadEvent[] = [];
  const end = s.log.length;
  if (o.direction === 'forwards') {
    const from = o.from === 'start' ? 0 : o.from === 'end' ? end : o.from;
    for (let p = from; p < end && out.length < o.maxCount; p++)
      out.push(view(s, s.log[p] as RecordedEvent, o.resolveLinkTos));
  } else {
    const before = o.from === 'start' ? 0 : o.from === 'end' ? end : Math.min(o.from, end);
    for (let p = before - 1; p >= 0 && out.length < o.maxCount; p--)
      out.push(view(s, s.log[p] as RecordedEvent, o.resolveLinkTos));
  }
  return out;
}
