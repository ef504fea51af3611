/**
 * Event store scripts: a list of operations as an EventStoreDB client issues them, and what that
 * client sees (`runEventStoreScript`). Names follow EventStoreDB's clients: `expectedVersion`
 * (`any`, `no_stream`, `stream_exists`, or a revision), `resolveLinkTos`, `maxCount`, stream
 * metadata `$maxAge` / `$maxCount` / `$tb` (here `maxAge`, `maxCount`, `truncateBefore`, as the
 * clients' StreamMetadata names them). The JSON Schema is public/eventstore-script.schema.json.
 *
 * Persistent subscriptions (`PersistentScriptOp`, persistent.ts) and catch-up subscriptions
 * (`CatchUpOp`, catchUp.ts) are ops of the same script; runScript.ts wires them to the store.
 */
import type { CatchUpDropReason } from './catchUp';
import type { PersistentSubscriptionSettings, PsDropReason } from './persistentTypes';
import type {
  EsError,
  EventData,
  ExpectedVersion,
  NakAction,
  ProjectionStatus,
  ReadEvent,
  ResolvedEvent,
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

/**
 * Persistent subscriptions (server-side groups), as the clients' PersistentSubscriptions API names
 * them. `stream` is a stream or `$all`. Settings take EventStoreDB's names (persistentTypes.ts);
 * those not given take the clients' defaults, on update too.
 */
export type PersistentScriptOp =
  | {
      op: 'createPersistentSubscription' | 'updatePersistentSubscription';
      stream: string;
      group: string;
      settings?: Partial<PersistentSubscriptionSettings>;
    }
  | { op: 'deletePersistentSubscription'; stream: string; group: string }
  /** `consumer`: this connection's name; `bufferSize`: most messages in flight to it (default 10). */
  | {
      op: 'connectToPersistentSubscription';
      stream: string;
      group: string;
      consumer: string;
      bufferSize?: number;
    }
  /** The consumer's connection closes: what it holds is retried (retryCount + 1). */
  | { op: 'disconnect'; stream: string; group: string; consumer: string }
  /** `eventIds`: the ids of delivered events (a link's own id when it came as a link). */
  | { op: 'ack'; stream: string; group: string; consumer: string; eventIds: string[] }
  | {
      op: 'nak';
      stream: string;
      group: string;
      consumer: string;
      eventIds: string[];
      action: NakAction;
      reason?: string;
    }
  /** Replays the parked messages (those numbered below `stopAt` in the parked stream). */
  | { op: 'replayParked'; stream: string; group: string; stopAt?: number }
  /** The group's parked messages, with their reasons. */
  | { op: 'listParked'; stream: string; group: string }
  /** The server restarts its persistent subscriptions (RestartSubsystem): every group reloads. */
  | { op: 'restartPersistentSubscriptions' };

/**
 * Catch-up subscriptions (client-side; catchUp.ts). A starting point is exclusive (a revision or
 * position: the next event after it), `start` or `end`; `fromCheckpoint`: start after the
 * checkpoint the client stored under this `subscriptionId` when it has one.
 */
export type CatchUpOp =
  | {
      op: 'subscribeToStream';
      subscriptionId: string;
      stream: string;
      /** Default `start`. */
      fromRevision?: 'start' | 'end' | number;
      fromCheckpoint?: boolean;
      resolveLinkTos?: boolean;
    }
  | {
      op: 'subscribeToAll';
      subscriptionId: string;
      /** Default `start`. */
      fromPosition?: 'start' | 'end' | number;
      fromCheckpoint?: boolean;
      resolveLinkTos?: boolean;
    }
  | { op: 'unsubscribe'; subscriptionId: string }
  /** The client stores the subscription's last received revision / position as its checkpoint. */
  | { op: 'checkpoint'; subscriptionId: string }
  /**
   * The client process restarts: its catch-up subscriptions and persistent connections are gone;
   * its stored checkpoints stay.
   */
  | { op: 'clientRestart' };

export type EsOp = StoreOp | PersistentScriptOp | CatchUpOp;

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
  | { kind: 'projection'; step: number; name: SystemProjectionName; status: ProjectionStatus }
  /** A persistent-subscription op that succeeded and returns nothing else. */
  | { kind: 'ok'; step: number; op: string }
  /** A persistent subscription's delivery to a consumer. */
  | {
      kind: 'delivered';
      step: number;
      stream: string;
      group: string;
      consumer: string;
      event: ResolvedEvent;
      retryCount: number;
    }
  /** A message parked (written to the group's parked stream). */
  | {
      kind: 'parked';
      step: number;
      stream: string;
      group: string;
      eventId: string;
      event: ResolvedEvent;
      reason: string;
      parkedNumber: number;
    }
  | {
      kind: 'parkedMessages';
      step: number;
      stream: string;
      group: string;
      messages: ParkedMessage[];
    }
  /** A persistent consumer dropped by the server. */
  | {
      kind: 'dropped';
      step: number;
      stream: string;
      group: string;
      consumer: string;
      reason: PsDropReason;
    }
  /** A catch-up subscription started: the next revision / position it may receive. */
  | { kind: 'subscribed'; step: number; subscriptionId: string; stream: string; next: number }
  /** An event a catch-up subscription received. */
  | { kind: 'received'; step: number; subscriptionId: string; event: ReadEvent }
  | { kind: 'subscriptionDropped'; step: number; subscriptionId: string; reason: CatchUpDropReason }
  /** The client's checkpoint (null: nothing received yet, nothing stored). */
  | {
      kind: 'checkpointStored';
      step: number;
      subscriptionId: string;
      stream: string;
      position: number | null;
    };

export interface ParkedMessage {
  parkedNumber: number;
  eventId: string;
  event: ResolvedEvent;
  reason: string;
  timeUs: number;
}

export type EsObservationKind = EsObservation['kind'];
