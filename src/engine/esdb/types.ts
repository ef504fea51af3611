/**
 * The event store's vocabulary, as EventStoreDB's clients and documentation name it (issue 13).
 * Shared by the store (`store.ts`: streams, appends, reads, deletes, metadata, system projections)
 * and persistent subscriptions (`persistent.ts`). Pure data, JSON-safe: a run's state is a fold of
 * its events like every other system's.
 *
 * Times are integer microseconds of simulated time (`…Us`), as in the rest of the engine.
 */

/** A JSON value as an event's data or metadata carries it. */
export type EsJson = string | number | boolean | null | EsJson[] | { [k: string]: EsJson };

/**
 * The expected version of an append (EventStoreDB's `expectedRevision` / `ExpectedVersion`):
 * `any` (no check), `no_stream` (the stream must not exist), `stream_exists` (it must), or the
 * exact revision (event number) of the stream's last event.
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

/** An event as a client proposes it to an append. */
export interface EventData {
  /** The client's id for the event (a UUID in EventStoreDB); the key of idempotent appends. */
  eventId: string;
  eventType: string;
  data?: EsJson;
  metadata?: EsJson;
}

/** An event as the store holds it and a read returns it. */
export interface RecordedEvent {
  streamId: string;
  /** The event's number in its stream, from 0 (its revision). */
  eventNumber: number;
  eventId: string;
  eventType: string;
  data: EsJson;
  metadata: EsJson;
  /** Its position in `$all` (the commit position; increasing across the store). */
  position: number;
  createdUs: number;
}

/**
 * An event a read resolves: a link event (`$>`, written by `$by_category` / `$by_event_type` into
 * `$ce-…` / `$et-…`) carries the linked event as `event` and itself as `link`.
 */
export interface ResolvedEvent {
  event: RecordedEvent;
  link?: RecordedEvent;
}

/** EventStoreDB's stream metadata (the `$$<stream>` metadata stream's content). */
export interface StreamMetadata {
  /** `$maxAge`, seconds. */
  maxAge?: number;
  /** `$maxCount`. */
  maxCount?: number;
  /** `$tb`: the truncate-before event number. */
  truncateBefore?: number;
}

/** The errors a client sees, with EventStoreDB's names. */
export type EsError =
  | {
      name: 'WrongExpectedVersion';
      streamId: string;
      expected: ExpectedVersion;
      /** The stream's current revision, or `no_stream`. */
      actual: number | 'no_stream';
    }
  | { name: 'StreamDeleted'; streamId: string }
  | { name: 'StreamNotFound'; streamId: string }
  | { name: 'PersistentSubscriptionExists'; streamId: string; group: string }
  | { name: 'PersistentSubscriptionNotFound'; streamId: string; group: string }
  | { name: 'MaximumSubscribersReached'; streamId: string; group: string };

/** Persistent subscriptions' consumer strategies. */
export type ConsumerStrategy = 'RoundRobin' | 'DispatchToSingle' | 'Pinned';

/** What a client asks of a nacked event. */
export type NakAction = 'Park' | 'Retry' | 'Skip' | 'Stop';

/**
 * A link event whose target a read could not resolve (its stream deleted, the event truncated by
 * `$tb` / `$maxCount` / `$maxAge`, or never there): EventStoreDB returns the link alone, with no
 * event (`ResolvedEvent.ForFailedResolvedLink`; the docs: "their links remain unresolved").
 */
export interface UnresolvedLink {
  event: null;
  link: RecordedEvent;
}

/** What a read returns per event: resolved (or not a link), or a link it could not resolve. */
export type ReadEvent = ResolvedEvent | UnresolvedLink;

/** The system projections the store runs (EventStoreDB's `$by_category`, `$by_event_type`). */
export type SystemProjectionName = '$by_category' | '$by_event_type';

/** A projection's status as EventStoreDB reports it. */
export type ProjectionStatus = 'Stopped' | 'Running' | 'Faulted';
