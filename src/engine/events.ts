/**
 * Everything that happens in a simulation is one of these plain, serialisable, past-tense
 * facts. `evolve` is the only code that turns them into state; the log of them *is* the run.
 * Times are integer microseconds of sim time. Topics, groups and members are named (not
 * indexed) so a log reads on its own and survives a change of scenario layout.
 *
 * Fields named `wakeUs` tell evolve when the acting member next acts: decide samples the time,
 * evolve records it, so a refold never needs to draw a random number.
 */

export interface RecordAppended {
  type: 'recordAppended';
  timeUs: number;
  /** The producer id, or the id of the service (group) that emitted it. */
  producer: string;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  /** The value of the payload's key field (e.g. the orderId), also when the record key is null. */
  entity: string | null;
  /**
   * The entity's index in the run's key table (Model.keys), -1 for none: per-key order is
   * tracked by this number so the hot path never looks a string up.
   */
  keyId: number;
  eventId: number;
  eventType: string;
  causationId: number | null;
  correlationId: number;
  /** Set when a producer (not a service) sent it: the producer's next send time, null = never. */
  nextSendUs?: number | null;
}

export interface MemberJoining {
  type: 'memberJoining';
  timeUs: number;
  group: string;
  member: string;
  /** Why: first start, restart after a crash, or rejoin after being removed from the group. */
  reason: 'start' | 'restart' | 'rejoin';
}

export interface RebalanceStarted {
  type: 'rebalanceStarted';
  timeUs: number;
  group: string;
  /** The generation the group is leaving. */
  generation: number;
  reason: string;
}

export interface MemberJoined {
  type: 'memberJoined';
  timeUs: number;
  group: string;
  member: string;
  generation: number;
  /** Partitions the member owns as it joins (cooperative) or owned before revoking (eager). */
  owned: string[];
}

export interface RebalanceCompleted {
  type: 'rebalanceCompleted';
  timeUs: number;
  group: string;
  generation: number;
  protocol: 'eager' | 'cooperative';
  /** The partitions each member gets in this generation ("topic-partition"). */
  assignment: Record<string, string[]>;
  /** Cooperative: partitions held back until their owner revokes them (a follow-up rebalance). */
  pendingRevocation: string[];
}

export interface PartitionsAssigned {
  type: 'partitionsAssigned';
  timeUs: number;
  group: string;
  member: string;
  generation: number;
  partitions: string[];
  /** Partitions the member gave up as it took this assignment. */
  revoked: string[];
  /** Where the member starts on each newly assigned partition (the group's committed offset). */
  positions: Record<string, number>;
  wakeUs: number;
}

export interface PartitionsRevoked {
  type: 'partitionsRevoked';
  timeUs: number;
  group: string;
  member: string;
  generation: number;
  partitions: string[];
}

export interface FetchRange {
  topic: string;
  partition: number;
  from: number;
  /** Exclusive. */
  to: number;
}

export interface RecordsFetched {
  type: 'recordsFetched';
  timeUs: number;
  group: string;
  member: string;
  generation: number;
  ranges: FetchRange[];
  wakeUs: number;
}

export interface ConsumerIdle {
  type: 'consumerIdle';
  timeUs: number;
  group: string;
  member: string;
}

export interface RecordProcessed {
  type: 'recordProcessed';
  timeUs: number;
  group: string;
  member: string;
  generation: number;
  topic: string;
  partition: number;
  offset: number;
  eventId: number;
  /** 1 for the first attempt of this delivery. */
  attempt: number;
  /** This group had already processed this offset before: a redelivery, processed again. */
  redelivered: boolean;
  /** An idempotent consumer's dedup store absorbed it: no side effect happened. */
  deduplicated: boolean;
  /** Per-key order broken: the eventId of a later record of the same key processed before. */
  reorderedAfter: number | null;
  wakeUs: number;
}

export interface HandlerFailed {
  type: 'handlerFailed';
  timeUs: number;
  group: string;
  member: string;
  topic: string;
  partition: number;
  offset: number;
  attempt: number;
  wakeUs: number;
}

export interface RecordDeadLettered {
  type: 'recordDeadLettered';
  timeUs: number;
  group: string;
  member: string;
  topic: string;
  partition: number;
  offset: number;
  attempts: number;
  deadLetterTopic: string | null;
  wakeUs: number;
}

export interface CommitOffset {
  topic: string;
  partition: number;
  /** The next offset to read, as Kafka commits it. */
  offset: number;
}

export type CommitCause = 'auto' | 'after-processing' | 'before-processing' | 'revoke';

export interface OffsetsCommitted {
  type: 'offsetsCommitted';
  timeUs: number;
  group: string;
  member: string;
  generation: number;
  cause: CommitCause;
  offsets: CommitOffset[];
}

export interface CommitRejected {
  type: 'commitRejected';
  timeUs: number;
  group: string;
  member: string;
  /** The generation the member committed with, and the group's. */
  generation: number;
  groupGeneration: number;
  cause: CommitCause;
  error: 'ILLEGAL_GENERATION' | 'UNKNOWN_MEMBER_ID';
  offsets: CommitOffset[];
}

export interface OffsetsSkipped {
  type: 'offsetsSkipped';
  timeUs: number;
  group: string;
  member: string;
  topic: string;
  partition: number;
  /** Records [from, to) this group will never process. */
  from: number;
  to: number;
  reason: 'committed-before-processing' | 'auto.offset.reset=latest';
}

export interface ConsumerCrashed {
  type: 'consumerCrashed';
  timeUs: number;
  group: string;
  member: string;
  fault: number;
  /** Records processed since the member's last successful commit (they will be redone). */
  uncommitted: FetchRange[];
}

export interface ConsumerRestarted {
  type: 'consumerRestarted';
  timeUs: number;
  group: string;
  member: string;
  fault: number;
}

export interface ConsumerPaused {
  type: 'consumerPaused';
  timeUs: number;
  group: string;
  member: string;
  fault: number;
  untilUs: number;
}

export interface ConsumerResumed {
  type: 'consumerResumed';
  timeUs: number;
  group: string;
  member: string;
  /** null: the member goes back to waiting (for a rebalance to complete). */
  wakeUs: number | null;
}

export interface MemberLeft {
  type: 'memberLeft';
  timeUs: number;
  group: string;
  member: string;
  fault: number;
}

export interface MemberExpired {
  type: 'memberExpired';
  timeUs: number;
  group: string;
  member: string;
  reason: 'session.timeout.ms' | 'max.poll.interval.ms';
  /** When the coordinator last heard from it (heartbeat or poll). */
  lastSeenUs: number;
}

export interface FaultSkipped {
  type: 'faultSkipped';
  timeUs: number;
  fault: number;
  reason: string;
}

export type SimEvent =
  | RecordAppended
  | MemberJoining
  | RebalanceStarted
  | MemberJoined
  | RebalanceCompleted
  | PartitionsAssigned
  | PartitionsRevoked
  | RecordsFetched
  | ConsumerIdle
  | RecordProcessed
  | HandlerFailed
  | RecordDeadLettered
  | OffsetsCommitted
  | CommitRejected
  | OffsetsSkipped
  | ConsumerCrashed
  | ConsumerRestarted
  | ConsumerPaused
  | ConsumerResumed
  | MemberLeft
  | MemberExpired
  | FaultSkipped;

export type SimEventType = SimEvent['type'];

export function assertNever(x: never): never {
  throw new Error(`unhandled event: ${JSON.stringify(x)}`);
}
