/**
 * The event store's events in a simulation run: the store's own facts (../events.ts) stamped
 * with the sim time, and the clients' facts (commands, handlers, projections, queries, faults).
 * All past-tense, JSON-safe, each type prefixed `es.`; system/evolve.ts applies them.
 */
import type { EsEvent } from '../events';
import type { AggState } from './domain';

export type EsStoreSimEvent = EsEvent & { timeUs: number };

export type EsClientEvent =
  /** A command source sent a command about `stream`; it waits for a handler. */
  | {
      type: 'es.commandSent';
      timeUs: number;
      aggregate: string;
      commandId: number;
      commandType: string;
      stream: string;
      nextSendUs: number | null;
    }
  /**
   * A handler took a command (attempt 1) or took it again after a conflict: it read the stream,
   * from its latest snapshot when that snapshot's schema version is the code's, and holds the
   * state it read until `doneUs`, when it decides and appends with `readVersion` expected.
   */
  | {
      type: 'es.commandHandling';
      timeUs: number;
      aggregate: string;
      handler: string;
      commandId: number;
      commandType: string;
      stream: string;
      attempt: number;
      readVersion: number;
      state: AggState;
      /** The snapshot read from (its event number), or null. */
      snapshotVersion: number | null;
      /** A snapshot existed but its schema version is stale: ignored, the stream read from 0. */
      snapshotIgnored: boolean;
      eventsRead: number;
      upcasted: number;
      doneUs: number;
    }
  /** The command's event was appended (the store's es.appended precedes this). */
  | {
      type: 'es.commandSucceeded';
      timeUs: number;
      aggregate: string;
      handler: string;
      commandId: number;
      stream: string;
      attempt: number;
      /** What the append returned: the stream's new version and the $all position. */
      nextExpectedVersion: number;
      position: number;
      eventVersion: number;
      stateAfter: AggState;
    }
  /** The append failed with WrongExpectedVersion: another writer appended since the read. */
  | {
      type: 'es.appendConflicted';
      timeUs: number;
      aggregate: string;
      handler: string;
      commandId: number;
      stream: string;
      attempt: number;
      expected: number | 'no_stream';
      actual: number | 'no_stream';
      /** true: the handler reads again and retries (an es.commandHandling follows). */
      retry: boolean;
    }
  /** The rules refused the command (a guard): nothing written. */
  | {
      type: 'es.commandRejected';
      timeUs: number;
      aggregate: string;
      handler: string;
      commandId: number;
      stream: string;
      reason: string;
    }
  /** The command failed: conflicts past maxRetries, or an event its code cannot read. */
  | {
      type: 'es.commandFailed';
      timeUs: number;
      aggregate: string;
      handler: string;
      commandId: number;
      stream: string;
      reason: 'WrongExpectedVersion' | 'eventVersion';
      attempts: number;
    }
  /** Code expecting schema version `expected` met an event of `eventVersion` with no upcaster. */
  | {
      type: 'es.eventVersionError';
      timeUs: number;
      reader: string;
      stream: string;
      eventNumber: number;
      eventVersion: number;
      expected: number;
    }
  /** A snapshot of the stream at `version`, with the code's snapshot schema version. */
  | {
      type: 'es.snapshotTaken';
      timeUs: number;
      aggregate: string;
      stream: string;
      version: number;
      schemaVersion: number;
      state: AggState;
    }
  /**
   * A projection handled the record at `position` of `$all` (an inline one in the append's
   * step). `applied`: the read model changed; `duplicate`: the key's read model had seen this
   * event number already (a counter counts it again; an idempotent one skips it).
   */
  | {
      type: 'es.projected';
      timeUs: number;
      projection: string;
      position: number;
      stream: string;
      eventNumber: number;
      amount: number;
      applied: boolean;
      duplicate: boolean;
      /** Async: a checkpoint is written with this event (its position + 1), else null. */
      checkpoint: number | null;
      /** A rebuild reached its target with this event. */
      rebuildCompleted: boolean;
    }
  /** An async projection received the record at `position` (its subscription's next event of
   *  its streams) and handles it until `doneUs`, when es.projected follows. */
  | {
      type: 'es.projectionHandling';
      timeUs: number;
      projection: string;
      position: number;
      doneUs: number;
    }
  /** An async projection found nothing more of its streams up to `$all`'s end. */
  | {
      type: 'es.projectionCaughtUp';
      timeUs: number;
      projection: string;
      position: number;
      rebuildCompleted: boolean;
    }
  /** Fault: the projection died after handling events, before checkpointing them. */
  | {
      type: 'es.projectionCrashed';
      timeUs: number;
      projection: string;
      fault: number;
      position: number;
      checkpoint: number;
    }
  /** Fault / action: the read model is dropped and rebuilt from `$all`'s start up to `target`. */
  | { type: 'es.rebuildStarted'; timeUs: number; projection: string; fault: number; target: number }
  /** New code for an aggregate: the schema versions it writes and expects from now on. */
  | {
      type: 'es.deployed';
      timeUs: number;
      aggregate: string;
      fault: number;
      eventVersion: number;
      snapshotSchemaVersion: number;
    }
  /**
   * A query read the read model for the stream of the last command it knows of. `behindEvents`:
   * how many of that stream's events up to the command's version the model lacks; `behindMs`:
   * for how long the command has been done. stale = behindEvents > 0.
   */
  | {
      type: 'es.queryAnswered';
      timeUs: number;
      query: string;
      projection: string;
      stream: string | null;
      commandVersion: number;
      modelVersion: number;
      modelPosition: number;
      behindEvents: number;
      behindMs: number;
      stale: boolean;
      waitedMs: number;
      nextSendUs: number | null;
    }
  /** A read-your-writes query found the model behind and waits for it to catch up. */
  | {
      type: 'es.queryWaiting';
      timeUs: number;
      query: string;
      stream: string;
      commandVersion: number;
      /** When that command's append was done. */
      commandUs: number;
      modelVersion: number;
    };

export type EsSimEvent = EsStoreSimEvent | EsClientEvent;
export type EsSimEventType = EsSimEvent['type'];

const CLIENT_TYPES = new Set<string>([
  'es.commandSent',
  'es.commandHandling',
  'es.commandSucceeded',
  'es.appendConflicted',
  'es.commandRejected',
  'es.commandFailed',
  'es.eventVersionError',
  'es.snapshotTaken',
  'es.projected',
  'es.projectionCaughtUp',
  'es.projectionHandling',
  'es.projectionCrashed',
  'es.rebuildStarted',
  'es.deployed',
  'es.queryAnswered',
  'es.queryWaiting',
]);

export const isEsClientEvent = (e: EsSimEvent): e is EsClientEvent => CLIENT_TYPES.has(e.type);
