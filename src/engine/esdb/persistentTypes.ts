/**
 * Persistent subscriptions' vocabulary (issue 13), beside the store's in types.ts: settings, the
 * operations a client issues, the module's events (past-tense facts, JSON-safe) and its state.
 * persistent.ts documents the behaviour and the EventStoreDB sources it follows.
 */
import type { ConsumerStrategy, EsError, NakAction, ResolvedEvent } from './types';

/**
 * A group's settings, under the names of EventStoreDB's server API (the HTTP API body and the TCP
 * client: docs/http-api/persistent.md), with the defaults of its current gRPC clients
 * (EventStore-Client-NodeJS persistentSubscriptionSettings.ts: `historyBufferSize` there is
 * `bufferSize` here, `checkPointLowerBound` / `checkPointUpperBound` are `minCheckPointCount` /
 * `maxCheckPointCount`, `consumerStrategyName` is `namedConsumerStrategy`).
 */
export interface PersistentSubscriptionSettings {
  /** Deliver linked events (`$>`) resolved. Default false. */
  resolveLinkTos: boolean;
  /**
   * Where a group with no checkpoint starts: `start`, `end` (only events appended after it is
   * loaded), or an inclusive position (an event number; for `$all`, a commit position).
   * Default `end`.
   */
  startFrom: 'start' | 'end' | number;
  /** Latency histograms in the statistics. Accepted and kept; no effect on delivery. */
  extraStatistics: boolean;
  /**
   * A delivery not acked or nacked within this is retried (retryCount + 1) at the next timer tick.
   * 0 times out at the next tick (ESDB's ToMessageTimeout(0) is TimeSpan.Zero). Default 30000.
   */
  messageTimeoutMilliseconds: number;
  /** A message retried this many times is parked on its next retry. Default 10. */
  maxRetryCount: number;
  /** How long after the last checkpoint a timed checkpoint may be written; 0 = never by time. Default 2000. */
  checkPointAfterMilliseconds: number;
  /** A timed checkpoint needs at least this many messages handled since the last one. Default 10. */
  minCheckPointCount: number;
  /** This many handled messages force a checkpoint at once. Default 1000. */
  maxCheckPointCount: number;
  /** Consumers allowed at once; 0 = unbounded. Default 0. */
  maxSubscriberCount: number;
  /** The live buffer. Accepted and kept (the model reads the log directly; no effect). Default 500. */
  liveBufferSize: number;
  /** Events read at a time when paging. Default 20. */
  readBatchSize: number;
  /** Events held read ahead (retries included); must exceed readBatchSize. Default 500. */
  bufferSize: number;
  /** Default RoundRobin. */
  namedConsumerStrategy: ConsumerStrategy;
}

export const DEFAULT_PERSISTENT_SETTINGS: Readonly<PersistentSubscriptionSettings> = Object.freeze({
  resolveLinkTos: false,
  startFrom: 'end',
  extraStatistics: false,
  messageTimeoutMilliseconds: 30_000,
  maxRetryCount: 10,
  checkPointAfterMilliseconds: 2_000,
  minCheckPointCount: 10,
  maxCheckPointCount: 1_000,
  maxSubscriberCount: 0,
  liveBufferSize: 500,
  readBatchSize: 20,
  bufferSize: 500,
  namedConsumerStrategy: 'RoundRobin',
});

/** The stream a group reads: a stream name, or `$all`. */
export type PsStreamName = string;

/** What a client (or the store's script runner) asks of persistent subscriptions. */
export type PersistentOp =
  /** Settings not given take the defaults (as the clients send full settings), on update too. */
  | {
      op: 'createPersistentSubscription';
      stream: PsStreamName;
      group: string;
      settings?: Partial<PersistentSubscriptionSettings>;
    }
  | {
      op: 'updatePersistentSubscription';
      stream: PsStreamName;
      group: string;
      settings?: Partial<PersistentSubscriptionSettings>;
    }
  | { op: 'deletePersistentSubscription'; stream: PsStreamName; group: string }
  /** `consumer`: the client's name for this subscription (unique in the group while connected). */
  | {
      op: 'connectToPersistentSubscription';
      stream: PsStreamName;
      group: string;
      consumer: string;
      bufferSize: number;
    }
  | { op: 'disconnect'; stream: PsStreamName; group: string; consumer: string }
  /** `eventIds`: the ids of the delivered events (a link's own id when the event came as a link). */
  | { op: 'ack'; stream: PsStreamName; group: string; consumer: string; eventIds: string[] }
  | {
      op: 'nak';
      stream: PsStreamName;
      group: string;
      consumer: string;
      eventIds: string[];
      action: NakAction;
      reason?: string;
    }
  /** Replays the parked messages numbered below `stopAt` in the parked stream (all without it). */
  | { op: 'replayParked'; stream: PsStreamName; group: string; stopAt?: number }
  /** The store has new events: every group reads what it can and delivers. */
  | { op: 'appended' }
  /** Simulated time moves to `toUs` (absolute, integer µs, never backwards). */
  | { op: 'advanceTime'; toUs: number }
  /** Every group reloads as after a server restart or a leader change (RestartSubsystem). */
  | { op: 'restartPersistentSubscriptions' };

/** The module's only window on the log. */
export interface PersistentSource {
  /**
   * Up to `maxCount` events of `stream` (or `$all`) at positions >= `from`, in order: for a stream
   * `from` is an event number, for `$all` a commit position. With `resolveLinkTos`, link events
   * come with the linked event as `event` and themselves as `link`.
   */
  read(
    stream: PsStreamName,
    from: number,
    maxCount: number,
    resolveLinkTos: boolean,
  ): ResolvedEvent[];
  /** The position the next event of `stream` (or `$all`) will have at least (0 when empty). */
  end(stream: PsStreamName): number;
}

export type PsDropReason = 'disconnected' | 'groupUpdated' | 'groupDeleted' | 'restarted';
export type PsRetryCause = 'nak' | 'timeout' | 'disconnect';

/** The module's events: past-tense facts; every later step needs only what they carry. */
export type PersistentEvent =
  | {
      type: 'ps.groupCreated';
      stream: string;
      group: string;
      settings: PersistentSubscriptionSettings;
    }
  | {
      type: 'ps.groupUpdated';
      stream: string;
      group: string;
      settings: PersistentSubscriptionSettings;
    }
  /** The group, its checkpoint and its parked messages are gone. */
  | { type: 'ps.groupDeleted'; stream: string; group: string }
  /** The group (re)starts: nothing in flight or buffered; reading resumes at `readFrom`. */
  | { type: 'ps.groupLoaded'; stream: string; group: string; readFrom: number }
  | {
      type: 'ps.consumerConnected';
      stream: string;
      group: string;
      consumer: string;
      bufferSize: number;
    }
  | {
      type: 'ps.consumerDropped';
      stream: string;
      group: string;
      consumer: string;
      reason: PsDropReason;
    }
  | {
      type: 'ps.eventsRead';
      stream: string;
      group: string;
      events: ResolvedEvent[];
      nextRead: number;
    }
  /** Pinned: a bucket of source streams goes to a consumer. */
  | { type: 'ps.bucketAssigned'; stream: string; group: string; bucket: number; consumer: string }
  /** A push from the retry list or the read buffer at `index`. `seq`: its sequence number. */
  | {
      type: 'ps.delivered';
      stream: string;
      group: string;
      consumer: string;
      from: 'retry' | 'buffer';
      index: number;
      eventId: string;
      retryCount: number;
      seq: number | null;
      expiresUs: number;
      /** The id was already in flight (ESDB's SkippedDuplicate): delivered, not tracked. */
      untracked: boolean;
    }
  | { type: 'ps.acked'; stream: string; group: string; eventIds: string[] }
  | { type: 'ps.skipped'; stream: string; group: string; eventId: string; action: 'Skip' | 'Stop' }
  | {
      type: 'ps.retried';
      stream: string;
      group: string;
      eventId: string;
      retryCount: number;
      cause: PsRetryCause;
    }
  | {
      type: 'ps.parked';
      stream: string;
      group: string;
      eventId: string;
      event: ResolvedEvent;
      reason: string;
      /** Its event number in the parked stream. */
      parkedNumber: number;
      timeUs: number;
    }
  | {
      type: 'ps.parkedReplayed';
      stream: string;
      group: string;
      /** Parked numbers replayed (in order); the parked stream is truncated before the next. */
      parkedNumbers: number[];
      truncateBefore: number;
    }
  | {
      type: 'ps.checkpointed';
      stream: string;
      group: string;
      position: number;
      seq: number;
      timeUs: number;
    }
  | { type: 'ps.timeAdvanced'; toUs: number };

/** A message as the group holds it (ESDB's OutstandingMessage). */
export interface PsMessage {
  event: ResolvedEvent;
  /** The original event's id (the link's, when it came as a link): what a client acks. */
  eventId: string;
  /** In the subscribed stream: its event number, or for `$all` its commit position. */
  position: number;
  retryCount: number;
  /** A replayed parked message: no sequence number, never holds back a checkpoint. */
  replayed: boolean;
  seq: number | null;
  /** The position of the message pushed before it (what a checkpoint below it records). */
  prevPos: number | null;
}

export interface PsConsumer {
  id: string;
  /** A number per connection in the group (ESDB's correlation id). */
  conn: number;
  bufferSize: number;
  /** Event ids in flight to it, in delivery order. */
  inFlight: Set<string>;
}

export interface PsOutstanding {
  msg: PsMessage;
  expiresUs: number;
  consumer: string;
}

/** Pinned: ESDB's PinnedConsumerState (1024 buckets, nodes per connection). */
export interface PinnedNode {
  conn: number;
  consumer: string;
  connected: boolean;
  maxInFlight: number;
  assignmentCount: number;
}
export interface PinnedBucket {
  state: 'unassigned' | 'assigned' | 'disconnected';
  conn: number;
  inFlight: number;
}
export interface PinnedState {
  nodes: PinnedNode[];
  /** Sparse: a bucket never assigned is absent. */
  buckets: Map<number, PinnedBucket>;
  assignmentCount: number;
}

export interface PsParked {
  parkedNumber: number;
  event: ResolvedEvent;
  eventId: string;
  position: number;
  reason: string;
  timeUs: number;
}

export interface PsGroup {
  stream: string;
  group: string;
  settings: PersistentSubscriptionSettings;
  /** Connected consumers, in connect order. */
  consumers: Map<string, PsConsumer>;
  /** RoundRobin / DispatchToSingle: the turn order (consumer ids). */
  queue: string[];
  pinned: PinnedState;
  nextConn: number;
  /** In flight, keyed by event id, in delivery order. */
  outstanding: Map<string, PsOutstanding>;
  retry: PsMessage[];
  buffer: PsMessage[];
  nextRead: number;
  nextSeq: number;
  lastKnownSeq: number;
  lastKnownPos: number | null;
  lastCheckpointedSeq: number;
  lastCheckpointUs: number | null;
  /** Durable: survives a reload. */
  checkpoint: number | null;
  parked: PsParked[];
  nextParkedNumber: number;
}

export interface PersistentState {
  timeUs: number;
  /** stream → group → group state (names are user text: Maps). */
  groups: Map<string, Map<string, PsGroup>>;
}

export interface PsDelivery {
  stream: string;
  group: string;
  consumer: string;
  event: ResolvedEvent;
  retryCount: number;
}

/** What the caller appends to the parked stream (a link event, as ESDB's message parker writes). */
export interface PsParkedWrite {
  stream: string;
  group: string;
  parkedStream: string;
  eventType: '$>';
  /** `<eventNumber>@<streamId>` of the parked event. */
  data: string;
  metadata: { reason: string; subscriptionEventNumber: number; addedUs: number };
}

export interface PersistentStepResult {
  events: PersistentEvent[];
  /** A client-visible error with EventStoreDB's name (the op did nothing). */
  error: EsError | null;
  /** Malformed input, named by field; the op did nothing (or stopped at a work bound). */
  problems: string[];
  deliveries: PsDelivery[];
  parkedWrites: PsParkedWrite[];
  /** Checkpoints written: the caller may append `$SubscriptionCheckpoint` to the checkpoint stream. */
  checkpoints: { stream: string; group: string; checkpointStream: string; position: number }[];
  /** Streams ESDB deletes with a group (its parked and checkpoint streams), and replay truncations. */
  truncations: { parkedStream: string; truncateBefore: number }[];
  deletedStreams: string[];
  dropped: { stream: string; group: string; consumer: string; reason: PsDropReason }[];
}
