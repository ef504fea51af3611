/**
 * The event store's state: plain data in Maps keyed by stream name (names are user text:
 * `__proto__` is a legal stream name). Only evolve.ts changes it. Recorded events are immutable
 * and shared between the log, the streams and every read that returns them.
 *
 * EventStoreDB's own layout, followed here (EventStore/EventStore, src/EventStore.Core/Services/
 * Storage/ReaderIndex/IndexReader.cs and IndexWriter.cs):
 * - one log (`$all`): every record in commit order, its index is its position;
 * - per stream, the events in event-number order from 0 (a soft delete keeps the numbering, so the
 *   array index is the event number); a hard delete adds a tombstone (`$streamDeleted`) whose
 *   event number is EventNumber.DeletedStream;
 * - a stream's metadata is the last event of its metadata stream `$$<stream>`; a metadata stream
 *   itself has `$maxCount` 1 (`_metastreamMetadata`), and is deleted with its stream.
 */
import type {
  EsJson,
  ProjectionStatus,
  RecordedEvent,
  StreamMetadata,
  SystemProjectionName,
} from './types';

/**
 * EventStoreDB's EventNumber.DeletedStream is Int64.MaxValue (9223372036854775807), the event
 * number of a tombstone and the `$tb` of a soft-deleted stream. JSON numbers stop at 2^53 − 1,
 * so the simulator uses Number.MAX_SAFE_INTEGER for it.
 */
export const DELETED_STREAM = Number.MAX_SAFE_INTEGER;

/** The event types EventStoreDB writes itself (SystemEventTypes). */
export const LINK_TO = '$>';
export const STREAM_DELETED = '$streamDeleted';
export const STREAM_METADATA = '$metadata';

export const SYSTEM_PROJECTIONS: readonly SystemProjectionName[] = [
  '$by_category',
  '$by_event_type',
];

export interface EsStream {
  readonly id: string;
  /** Every event written, index = event number (truncated ones too: reads filter them). */
  events: RecordedEvent[];
  /** The hard delete's `$streamDeleted` record, or null. */
  tombstone: RecordedEvent | null;
  /** Idempotence index: event id → the number it was last written at in this stream. */
  ids: Map<string, number>;
}

export interface EsProjection {
  status: ProjectionStatus;
  /** The next `$all` position it handles (everything before it is done). */
  checkpoint: number;
  /** Why it faulted, when it did. */
  reason?: string;
}

export interface EsState {
  /** Simulated time now, µs. */
  timeUs: number;
  /** `$all`: every record, index = position. */
  log: RecordedEvent[];
  streams: Map<string, EsStream>;
  projections: Map<SystemProjectionName, EsProjection>;
}

export function initialEsState(): EsState {
  const projections = new Map<SystemProjectionName, EsProjection>();
  for (const p of SYSTEM_PROJECTIONS) projections.set(p, { status: 'Stopped', checkpoint: 0 });
  return { timeUs: 0, log: [], streams: new Map(), projections };
}

export const isMetastream = (id: string): boolean => id.startsWith('$$');
export const metastreamOf = (id: string): string => `$$${id}`;
export const originalStreamOf = (metastream: string): string => metastream.slice(2);

/**
 * The stream's last event number (its current revision): −1 when it has none, DELETED_STREAM when
 * it is hard-deleted. A metadata stream is deleted with its stream (GetStreamLastEventNumberCached).
 */
export function lastEventNumber(s: EsState, id: string): number {
  if (isMetastream(id) && lastEventNumber(s, originalStreamOf(id)) === DELETED_STREAM)
    return DELETED_STREAM;
  const st = s.streams.get(id);
  if (st === undefined) return -1;
  if (st.tombstone !== null) return DELETED_STREAM;
  return st.events.length - 1;
}

/**
 * A stream's metadata: a metadata stream has `$maxCount` 1; any other stream's is the last event
 * of its metadata stream, read as EventStoreDB's StreamMetadata reads `$maxAge`, `$maxCount`, `$tb`
 * (values that are not whole numbers in range are ignored).
 */
export function metadataOf(s: EsState, id: string): StreamMetadata {
  if (isMetastream(id)) return { maxCount: 1 };
  const metaId = metastreamOf(id);
  const last = lastEventNumber(s, metaId);
  if (last < 0 || last === DELETED_STREAM) return {};
  const rec = s.streams.get(metaId)?.events[last];
  return rec === undefined ? {} : parseMetadata(rec.data);
}

export function parseMetadata(data: EsJson): StreamMetadata {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const m: StreamMetadata = {};
  const num = (k: string, min: number): number | undefined => {
    if (!Object.prototype.hasOwnProperty.call(data, k)) return undefined;
    const v = data[k];
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= min ? v : undefined;
  };
  const maxAge = num('$maxAge', 1);
  const maxCount = num('$maxCount', 1);
  const tb = num('$tb', 0);
  if (maxAge !== undefined) m.maxAge = maxAge;
  if (maxCount !== undefined) m.maxCount = maxCount;
  if (tb !== undefined) m.truncateBefore = tb;
  return m;
}

/** The JSON a metadata event carries, with EventStoreDB's property names. */
export function metadataJson(m: StreamMetadata): { [k: string]: EsJson } {
  const o: { [k: string]: EsJson } = {};
  if (m.maxAge !== undefined) o.$maxAge = m.maxAge;
  if (m.maxCount !== undefined) o.$maxCount = m.maxCount;
  if (m.truncateBefore !== undefined) o.$tb = m.truncateBefore;
  return o;
}

/** Soft-deleted: its `$tb` is DELETED_STREAM (IndexWriter.IsSoftDeleted). */
export function isSoftDeleted(s: EsState, id: string): boolean {
  return metadataOf(s, id).truncateBefore === DELETED_STREAM;
}

/**
 * The stream's category as `$by_category` takes it by default (`first`, `-`): the part before
 * the first `-`; none for system streams (`$…`) or when there is no `-` after the first
 * character (StreamCategoryExtractorByFirstSeparator).
 */
export function categoryOf(streamId: string): string | null {
  if (streamId.startsWith('$')) return null;
  const i = streamId.indexOf('-');
  return i > 0 ? streamId.slice(0, i) : null;
}
