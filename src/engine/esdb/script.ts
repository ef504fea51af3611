/**
 * Event store scripts: a list of operations as an EventStoreDB client issues them, and what that
 * client sees (`runEventStoreScript`). Names follow EventStoreDB's clients: `expectedVersion`
 * (`any`, `no_stream`, `stream_exists`, or a revision), `resolveLinkTos`, `maxCount`, stream
 * metadata `$maxAge` / `$maxCount` / `$tb` (here `maxAge`, `maxCount`, `truncateBefore`, as the
 * clients' StreamMetadata names them). The JSON Schema is public/eventstore-script.schema.json.
 *
 * Extension point: persistent-subscription ops (`createPersistentSubscription`, `connect`, `ack`,
 * `nak`) join `EsOp` as `PersistentOp` and their observations join `EsObservation`; see
 * runScript.ts (`execOp`, `settle`) and validate.ts (`SHAPES`).
 */
import type {
  EsError,
  EventData,
  ExpectedVersion,
  ProjectionStatus,
  ReadEvent,
  StreamMetadata,
  SystemProjectionName,
} from './types';

export type StoreOp =
  | {
      op: 'append';
      stream: string;
      /** Default `any` (as the clients' default). */
      expectedVersion?: ExpectedVersion;
      events: EventData[];
    }
  | {
      op: 'read';
      /** A stream, or `$all`. */
      stream: string;
      /** Default `forwards`. */
      direction?: 'forwards' | 'backwards';
      /**
       * A stream: the revision to start at (included). `$all`: the position to start at
       * (forwards: included; backwards: the read returns what comes before it). Default `start`
       * forwards, `end` backwards.
       */
      from?: 'start' | 'end' | number;
      /** Default and most: 4096 (the TCP API's most per read). */
      maxCount?: number;
      resolveLinkTos?: boolean;
    }
  | {
      op: 'delete';
      stream: string;
      /** Default `any`. */
      expectedVersion?: ExpectedVersion;
      /** `soft` (default; the clients' deleteStream) or `hard` (tombstoneStream). */
      mode?: 'soft' | 'hard';
    }
  | {
      op: 'setStreamMetadata';
      stream: string;
      /** Of the metadata stream `$$<stream>`. Default `any`. */
      expectedVersion?: ExpectedVersion;
      metadata: StreamMetadata;
    }
  /** Let time pass (`$maxAge`). */
  | { op: 'advanceTime'; ms: number }
  /** A system projection's `enable` / `disable` command. */
  | { op: 'enableProjection' | 'disableProjection'; name: SystemProjectionName };

/** Persistent subscriptions add their ops here (persistent*.ts). */
export type PersistentOp = never;

export type EsOp = StoreOp | PersistentOp;

export interface EventStoreScript {
  name?: string;
  description?: string;
  /**
   * EventStoreDB's `StartStandardProjections` option: the system projections run from the start.
   * Default false: on a fresh database they are present but Stopped (docs: System projections).
   */
  startStandardProjections?: boolean;
  ops: EsOp[];
}

/** What the client sees. `step` is the index of the op. */
export type EsObservation =
  /** An append's WriteResult (an idempotent one looks the same: nothing tells them apart). */
  | {
      kind: 'appended';
      step: number;
      stream: string;
      nextExpectedVersion: number;
      position: number;
    }
  /** setStreamMetadata's WriteResult (`nextExpectedVersion` is the metadata stream's). */
  | {
      kind: 'metadataSet';
      step: number;
      stream: string;
      nextExpectedVersion: number;
      position: number;
    }
  | { kind: 'deleted'; step: number; stream: string; mode: 'soft' | 'hard'; position: number }
  | { kind: 'read'; step: number; stream: string; events: ReadEvent[] }
  | { kind: 'error'; step: number; op: string; error: EsError }
  | { kind: 'timeAdvanced'; step: number; timeUs: number }
  | { kind: 'projection'; step: number; name: SystemProjectionName; status: ProjectionStatus };

export type EsObservationKind = EsObservation['kind'];
