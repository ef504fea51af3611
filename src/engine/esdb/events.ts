/**
 * The event store's events: past-tense facts, JSON-safe, each `type` prefixed `es.`. evolve.ts
 * is the only code that applies them; everything a later step needs travels in the event (the
 * records with their event numbers, positions and times).
 */
import type { EsError, ExpectedVersion, RecordedEvent, SystemProjectionName } from './types';

/** Why records were written. */
export type AppendCause =
  /** A client's append. */
  | 'append'
  /** A client's setStreamMetadata (a `$metadata` event in `$$<stream>`). */
  | 'setStreamMetadata'
  /** A soft delete: `$metadata` with `$tb` = DeletedStream. */
  | 'softDelete'
  /** The store re-opening a soft-deleted stream after an append: `$tb` = first new number. */
  | 'softUndelete'
  /** A system projection's link event. */
  | SystemProjectionName;

export type EsEvent =
  /** Records appended to one stream, numbered on from its last event, positions on from `$all`'s end. */
  | { type: 'es.appended'; streamId: string; cause: AppendCause; records: RecordedEvent[] }
  /** A hard delete: the stream's tombstone (`$streamDeleted`) is written; the stream is gone for good. */
  | { type: 'es.tombstoned'; record: RecordedEvent }
  /** An append that had been done already (idempotence): nothing is written. */
  | {
      type: 'es.appendIdempotent';
      streamId: string;
      firstEventNumber: number;
      lastEventNumber: number;
      position: number;
    }
  /** A write refused (WrongExpectedVersion, StreamDeleted): nothing is written. */
  | {
      type: 'es.writeRejected';
      op: 'append' | 'delete' | 'setStreamMetadata';
      streamId: string;
      expected: ExpectedVersion;
      error: EsError;
    }
  | { type: 'es.timeAdvanced'; timeUs: number }
  | { type: 'es.projectionEnabled'; projection: SystemProjectionName }
  | { type: 'es.projectionDisabled'; projection: SystemProjectionName }
  /**
   * A system projection handled the record at `position` (writing `link`, or nothing when the
   * record is not for it); its checkpoint moves past it.
   */
  | {
      type: 'es.projectionHandled';
      projection: SystemProjectionName;
      position: number;
      link: RecordedEvent | null;
    }
  /** The projection could not write its link (the target stream is hard-deleted) and stopped. */
  | {
      type: 'es.projectionFaulted';
      projection: SystemProjectionName;
      position: number;
      reason: string;
    };

export type EsEventType = EsEvent['type'];

export function assertNever(x: never): never {
  throw new Error(`unexpected event store event: ${JSON.stringify(x)}`);
}
