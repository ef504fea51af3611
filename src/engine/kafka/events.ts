import type { AmqpSimEvent } from '../amqp/system/events';
import type { EsSimEvent } from '../esdb/system/events';
import type { StreamSimEvent } from '../stream/system/events';
import type { SagaEvent } from '../saga/events';
/**
 * Everything that happens in a simulation is one of these plain, serialisable, past-tense
 * facts. `evolve` is the only code that turns them into state; the log of them *is* the run.
 * Times are integer microseconds of sim time. Topics, groups and members are named (not
 * indexed) so a log reads on its own and survives a change of scenario layout.
 *
 * Fields named `wakeUs` tell evolve when the acting member next acts: decide samples the time,
 * evolve records it, so a refold never needs to draw a random number.
 */

/**
 * What a partition log holds at an offset: the record as its producer created it (`timeUs` is
 * its create time, Kafka's default record timestamp). On the direct path the log holds the
 * recordAppended events themselves, on the request path the recordSent events; either way a
 * record is one object, shared by every snapshot, and never copied.
 */
export interface LogRecord {
  timeUs: number;
  producer: string;
  key: string | null;
  entity: string | null;
  keyId: number;
  eventId: number;
  eventType: string;
  causationId: number | null;
  correlationId: number;
  /** A poison message: every handler attempt on it fails. */
  poison?: boolean;
  /** A transactional producer wrote it: the transaction's number in the run (see TxnMarker). */
  txn?: number;
  /** A transaction marker (a control record): it takes an offset, no consumer ever sees it. */
  control?: 'COMMIT' | 'ABORT';
  /** A tombstone: the key with a null value (a delete, for a compacted topic). */
  tombstone?: true;
  /** The event time (ms) a producer with outOfOrdernessMs stamped; absent: the produce time. */
  eventTimeMs?: number;
}

/** Where a transaction marker went: one per partition the transaction wrote to. */
export interface TxnMarker {
  topic: string;
  partition: number;
  offset: number;
  /** The offset of the transaction's first record in the partition. */
  from: number;
}

/**
 * Records of an aborted transaction a read_uncommitted group had already processed (first time):
 * data that never committed, read all the same.
 */
export interface DirtyRead {
  group: string;
  topic: string;
  partition: number;
  offsets: number[];
}

/**
 * initTransactions() of a transactional service's producer, as the member (re)starts: the
 * transaction coordinator bumps the producer epoch of its transactional.id, which fences every
 * older instance, and aborts the transaction an older instance left open.
 */
export interface ProducerInitialized {
  type: 'producerInitialized';
  timeUs: number;
  /** The service member whose producer this is; both '' for a plain producer (`producer`). */
  group: string;
  member: string;
  /** A plain transactional producer (ProducerSpec with transactional.id). */
  producer?: string;
  transactionalId: string;
  producerId: number;
  epoch: number;
  /** The transaction the previous instance left open, aborted now (ABORT markers written). */
  aborted: { txn: number; epoch: number; markers: TxnMarker[]; dirtyReads: DirtyRead[] } | null;
  /** A plain producer: the records of the aborted transaction it sends again in a new one. */
  resend?: number;
}

/**
 * sendOffsetsToTransaction + commitTransaction at the end of a batch: the consumed offsets and
 * the records the batch emitted commit together; a COMMIT marker goes to every partition written.
 */
export interface TransactionCommitted {
  type: 'transactionCommitted';
  timeUs: number;
  /** The service member whose producer this is; both '' for a plain producer (`producer`). */
  group: string;
  member: string;
  /** A plain transactional producer (ProducerSpec with transactional.id). */
  producer?: string;
  transactionalId: string;
  producerId: number;
  epoch: number;
  /** -1: the batch wrote no records (only offsets were committed, no marker). */
  txn: number;
  generation: number;
  offsets: CommitOffset[];
  markers: TxnMarker[];
  /** Records the transaction wrote. */
  records: number;
}

export type TxnAbortReason =
  /** KIP-447: the group moved on, the commit's group metadata is stale (a zombie). */
  | 'ILLEGAL_GENERATION'
  | 'UNKNOWN_MEMBER_ID'
  /** The member closed (left the group) and aborted its open transaction first. */
  | 'closed'
  /** The transaction coordinator aborted a transaction open past transaction.timeout.ms. */
  | 'transaction.timeout.ms'
  /**
   * A plain producer's send failed for good (delivery.timeout.ms): the transaction is in an
   * abortable error state, commitTransaction fails, and the application aborts it.
   */
  | 'abortableError';

/**
 * A transaction was aborted: ABORT markers go to every partition it wrote, and read_committed
 * consumers skip its records. A member whose own commit failed seeks back to the committed
 * offsets (`positions`) and processes the batch again in a new transaction.
 */
export interface TransactionAborted {
  type: 'transactionAborted';
  timeUs: number;
  /** The service member whose producer this is; both '' for a plain producer (`producer`). */
  group: string;
  member: string;
  /** A plain transactional producer (ProducerSpec with transactional.id). */
  producer?: string;
  transactionalId: string;
  producerId: number;
  epoch: number;
  /** -1: the refused commit held only offsets (the batch wrote no records). */
  txn: number;
  reason: TxnAbortReason;
  markers: TxnMarker[];
  dirtyReads: DirtyRead[];
  /** Records the transaction had written. */
  records: number;
  /** Where the member resumes on its partitions (empty when the coordinator aborted it). */
  positions: Record<string, number>;
  /** A plain producer: the records it sends again in a new transaction. */
  resend?: number;
}

/**
 * A member learns its transaction was aborted behind its back (transaction.timeout.ms, which
 * bumped its epoch): its next send or commit fails with INVALID_PRODUCER_EPOCH. It aborts,
 * takes the new epoch, and seeks back to the committed offsets (`positions`).
 */
export interface TransactionFenced {
  type: 'transactionFenced';
  timeUs: number;
  /** The service member whose producer this is; both '' for a plain producer (`producer`). */
  group: string;
  member: string;
  /** A plain transactional producer (ProducerSpec with transactional.id). */
  producer?: string;
  transactionalId: string;
  txn: number;
  /** The epoch it used, and the coordinator's. */
  epoch: number;
  currentEpoch: number;
  error: 'INVALID_PRODUCER_EPOCH';
  positions: Record<string, number>;
  wakeUs: number;
  /** A plain producer: the records it sends again in a new transaction. */
  resend?: number;
}

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
  poison?: boolean;
  /** A transactional service's record: its transaction's number, and its producer id. */
  txn?: number;
  pid?: number;
  /** A tombstone: the key with a null value (compaction.ts). */
  tombstone?: true;
  /** The event time (ms) a producer with outOfOrdernessMs stamped; absent: the produce time. */
  eventTimeMs?: number;
}

/** Request path: a producer created a record; it waits in the accumulator for its batch. */
export interface RecordSent extends LogRecord {
  type: 'recordSent';
  topic: string;
  partition: number;
  /** The producer's next record, null = never. */
  nextSendUs: number | null;
}

/** A produce request left the producer (a new batch, or a retry). */
export interface ProduceRequested {
  type: 'produceRequested';
  timeUs: number;
  producer: string;
  batch: number;
  topic: string;
  partition: number;
  attempt: number;
  /** First sequence number (meaningful with enable.idempotence). */
  seq: number;
  /** The producer epoch `seq` belongs to (meaningful with enable.idempotence; see ProduceFailed.epochBumped). */
  epoch: number;
  count: number;
  /** The broker it went to (the leader as the producer knows it), -1 when there is none. */
  broker: number;
  /** When it reaches the broker; null: lost on the way (drop, partition, no leader). */
  arriveUs: number | null;
}

export type ProduceOutcome =
  | 'appended'
  | 'duplicate'
  | 'NOT_LEADER_OR_FOLLOWER'
  | 'NOT_ENOUGH_REPLICAS'
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'INVALID_PRODUCER_EPOCH'
  | 'broker down';

/** The broker handled a produce request. */
export interface ProduceHandled {
  type: 'produceHandled';
  timeUs: number;
  producer: string;
  batch: number;
  attempt: number;
  topic: string;
  partition: number;
  broker: number;
  outcome: ProduceOutcome;
  /** Where the batch starts in the log (appended, or the original append for a duplicate). */
  baseOffset: number;
  count: number;
  /** The batch's records, by event id, in log order (see the recordSent events). */
  eventIds: number[];
  /** A transactional producer's batch: its transaction (all its records share it). */
  txn?: number;
  /** When the response reaches the producer; null: no response now (lost, acks=0, or waiting for the ISR with acks=all). */
  responseUs: number | null;
  /** acks=all: the response waits until the high watermark passes the batch. */
  awaitingIsr: boolean;
  /** The response was lost to an ackLoss fault (which counts it down). */
  ackLost: boolean;
  /** The network message this handles. */
  msg: number;
}

/** A response acknowledged a batch at the producer. */
export interface ProduceAcked {
  type: 'produceAcked';
  timeUs: number;
  producer: string;
  batch: number;
  attempt: number;
  topic: string;
  partition: number;
  baseOffset: number;
  count: number;
  msg: number;
}

/** A produce attempt failed: an error response, a timeout, or no leader. */
export interface ProduceFailed {
  type: 'produceFailed';
  timeUs: number;
  producer: string;
  batch: number;
  attempt: number;
  topic: string;
  partition: number;
  error: string;
  /** When it is retried; null: given up (retries or delivery.timeout.ms exhausted). */
  retryAtUs: number | null;
  /** The network message this handles, -1 for a timeout or a local failure. */
  msg: number;
  /**
   * Set when an OUT_OF_ORDER_SEQUENCE_NUMBER showed a real gap (no earlier batch of the partition
   * is still pending: the leader lost batches it had acknowledged, or one expired): the
   * idempotent producer bumps its epoch to this value and renumbers the partition's pending
   * batches from sequence 0 (KIP-360), then retries.
   */
  epochBumped?: number;
}

/** A response arrived for an attempt the producer no longer waits for (it timed out). */
export interface StaleResponse {
  type: 'staleResponse';
  timeUs: number;
  producer: string;
  batch: number;
  attempt: number;
  msg: number;
}

/** Responses the leader sends because the high watermark moved past waiting batches. */
export interface AckResponse {
  producer: string;
  batch: number;
  attempt: number;
  arriveUs: number | null;
  /** Lost to an ackLoss fault (which counts it down). */
  ackLost: boolean;
  /**
   * NOT_ENOUGH_REPLICAS_AFTER_APPEND: the batch was appended, but when the high watermark passed
   * it the ISR had shrunk below min.insync.replicas (Kafka's Partition.checkEnoughReplicasReachOffset).
   * The producer retries. Absent: a success.
   */
  error?: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
}

export interface ReplicaFetched {
  type: 'replicaFetched';
  timeUs: number;
  topic: string;
  partition: number;
  broker: number;
  /** The follower's log-end offset after the fetch. */
  leo: number;
  highWatermark: number;
  acks: AckResponse[];
}

export interface IsrChanged {
  type: 'isrChanged';
  timeUs: number;
  topic: string;
  partition: number;
  isr: number[];
  reason: string;
  highWatermark: number;
  acks: AckResponse[];
}

export interface LeaderElected {
  type: 'leaderElected';
  timeUs: number;
  topic: string;
  partition: number;
  /** -1: no eligible replica, the partition is offline. */
  leader: number;
  epoch: number;
  unclean: boolean;
  isr: number[];
  /** The new leader's log is shorter: the log is truncated to this offset (null: no truncation). */
  truncatedTo: number | null;
  highWatermark: number;
}

export interface BrokerStopped {
  type: 'brokerStopped';
  timeUs: number;
  broker: number;
  fault: number;
}

export interface BrokerStarted {
  type: 'brokerStarted';
  timeUs: number;
  broker: number;
  fault: number;
}

export interface NetworkPartitioned {
  type: 'networkPartitioned';
  timeUs: number;
  between: [string, string];
  untilUs: number;
  fault: number;
}

export interface NetworkHealed {
  type: 'networkHealed';
  timeUs: number;
  between: [string, string];
}

export interface AckLossArmed {
  type: 'ackLossArmed';
  timeUs: number;
  producer: string;
  count: number;
  fault: number;
}

/**
 * A txnCoordinatorFailover fault: the transaction coordinator is unavailable until `untilUs`
 * (COORDINATOR_NOT_AVAILABLE / NOT_COORDINATOR). Clients retry: a commitTransaction or an
 * initTransactions waits for the new coordinator; open transactions stay open (the last stable
 * offset stays where it is), and the new coordinator, having loaded the transaction log, times
 * out transactions past transaction.timeout.ms again.
 */
export interface TxnCoordinatorFailedOver {
  type: 'txnCoordinatorFailedOver';
  timeUs: number;
  fault: number;
  untilUs: number;
  /** Transactions open at the failover (they wait with it). */
  open: number;
}

/**
 * The group coordinator's offsets cleanup removed a group's committed offsets: the group had
 * been Empty (no members) since `emptySinceUs` for offsets.retention.minutes (offsetsExpiry.ts).
 */
export interface OffsetsExpired {
  type: 'offsetsExpired';
  timeUs: number;
  group: string;
  emptySinceUs: number;
  /** offsets.retention.minutes, in ms. */
  retentionMs: number;
  /** The committed offsets removed. */
  offsets: CommitOffset[];
}

/**
 * A producerRestart fault: the producer's process died and came back (KafkaProducer created
 * anew). InitProducerId gives it a new producer id with epoch 0 and sequence numbers from 0;
 * what the old process had buffered or in flight is gone from it, and the new one sends again
 * every record it never saw acknowledged (`resent`, same event ids). The leader deduplicates
 * by producer id and sequence number, so a resent record the log already holds (`inLog`: its
 * acknowledgement was lost, or it was still in flight) is appended a second time: idempotence
 * holds within one producer session only.
 */
export interface ProducerRestarted {
  type: 'producerRestarted';
  timeUs: number;
  producer: string;
  fault: number;
  producerId: number;
  previousProducerId: number;
  resent: number;
  inLog: number;
  /** Event ids below this were created by the earlier sessions. */
  firstNewEventId: number;
  /**
   * The batches the new session sends the records in: one per partition, the records in the
   * order they were first sent, numbered from sequence 0 (`first`: the first record's event id).
   */
  batches: { batch: number; topic: string; partition: number; first: number; count: number }[];
  /** A transactional producer: same producer id, nothing resent yet (initTransactions comes next). */
  transactional?: true;
}

export interface PoisonArmed {
  type: 'poisonArmed';
  timeUs: number;
  producer: string;
  fault: number;
}

/** A member could not reach the group coordinator (network partition); it tries again later. */
export interface CoordinatorUnreachable {
  type: 'coordinatorUnreachable';
  timeUs: number;
  group: string;
  member: string;
  wakeUs: number;
  /** 'transaction': the transaction coordinator is failing over (default: the group's). */
  coordinator?: 'transaction';
  /** A plain transactional producer waits (group and member are then ''). */
  producer?: string;
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
  /** A static member back within session.timeout.ms: the coordinator handed it its partitions
   *  of the current generation again, without a rebalance (its group.instance.id). */
  staticRejoin?: string;
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
  /** read_uncommitted: the record belongs to this transaction, already aborted. */
  abortedTxn?: number;
  /** Stock changes its rules made (issue 14), and the rules that failed (their onFailure
   *  emits went out instead): only present when a rule with onFailure or stock ran. */
  stock?: { item: string; delta: number }[];
  failedRules?: number[];
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
  error: 'ILLEGAL_GENERATION' | 'UNKNOWN_MEMBER_ID' | 'REQUEST_TIMED_OUT';
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
  reason: 'committed-before-processing' | 'auto.offset.reset=latest' | 'retention';
  /**
   * Reason `retention` (retention.ts): the records were deleted before the group read them.
   * `position` is the fetch position that was out of range (null: the group had no committed
   * offset and started at the log start offset with earliest); auto.offset.reset moved it to
   * `resetTo`.
   */
  outOfRange?: {
    position: number | null;
    logStartOffset: number;
    policy: 'earliest' | 'latest';
    resetTo: number;
  };
}

/**
 * The log manager's retention check deleted a partition's oldest segments (Kafka's
 * UnifiedLog.deleteOldSegments; retention.ts): records [fromOffset, logStartOffset) are gone.
 */
export interface SegmentsDeleted {
  type: 'segmentsDeleted';
  timeUs: number;
  topic: string;
  partition: number;
  reason: 'retention.ms' | 'retention.bytes';
  /** The setting's value: milliseconds for retention.ms, bytes for retention.bytes. */
  limit: number;
  /** The deleted segments' base offsets, oldest first. */
  baseOffsets: number[];
  fromOffset: number;
  /** The new log start offset (the first remaining segment's base offset). */
  logStartOffset: number;
  bytes: number;
  /** Every segment was deletable: an empty active segment was rolled at the log end first. */
  rolled: boolean;
}

/** A retention check ran (LogManager's log.retention.check.interval.ms schedule). */
export interface RetentionChecked {
  type: 'retentionChecked';
  timeUs: number;
  nextCheckUs: number;
}

/**
 * A fetch position below the log start offset: OFFSET_OUT_OF_RANGE, and auto.offset.reset
 * moved the member's position to `resetTo` (the log start with earliest, the log end with
 * latest). Records lost by it come as `offsetsSkipped` just before.
 */
export interface OffsetOutOfRange {
  type: 'offsetOutOfRange';
  timeUs: number;
  group: string;
  member: string;
  topic: string;
  partition: number;
  position: number;
  logStartOffset: number;
  policy: 'earliest' | 'latest';
  resetTo: number;
  wakeUs: number;
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
  /** A static member closes without LeaveGroup (its group.instance.id): it stays in the group
   *  until session.timeout.ms, so nothing rebalances now. */
  staticInstance?: string;
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

/**
 * The topic grew from `from` to `to` partitions (kafka-topics.sh --alter --partitions,
 * Admin.createPartitions; addPartitions.ts): partitions from..to-1 now exist, empty. Producers
 * and groups learn of them at their next metadata refresh.
 */
export interface PartitionsAdded {
  type: 'partitionsAdded';
  timeUs: number;
  topic: string;
  from: number;
  to: number;
  fault: number;
  /**
   * Keys the run's producers send to the topic (all the run's keys when a service emits to it)
   * whose partition changes, toPositive(murmur2(key)) % from ≠ % to: the first MOVED_KEYS_SHOWN
   * in key table order; `movedCount` counts them all.
   */
  moved: string[];
  movedCount: number;
}

/**
 * A group's leader refreshed its metadata and saw `topic` with `partitions` partitions, more
 * than its assignment covers: it rejoins (ConsumerCoordinator), so a `rebalanceStarted` follows
 * when `rebalance` (none was under way and the group has members).
 */
export interface GroupMetadataChanged {
  type: 'groupMetadataChanged';
  timeUs: number;
  group: string;
  topic: string;
  partitions: number;
  rebalance: boolean;
}

/** Kafka's events. */
export type KafkaEvent =
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
  | FaultSkipped
  | RecordSent
  | ProduceRequested
  | ProduceHandled
  | ProduceAcked
  | ProduceFailed
  | StaleResponse
  | ReplicaFetched
  | IsrChanged
  | LeaderElected
  | BrokerStopped
  | BrokerStarted
  | NetworkPartitioned
  | NetworkHealed
  | AckLossArmed
  | PoisonArmed
  | CoordinatorUnreachable
  | ProducerInitialized
  | TransactionCommitted
  | TransactionAborted
  | TransactionFenced
  | SegmentsDeleted
  | RetentionChecked
  | OffsetOutOfRange
  | ProducerRestarted
  | OffsetsExpired
  | TxnCoordinatorFailedOver
  | PartitionsAdded
  | GroupMetadataChanged
  | LogCleaned
  | CleanerChecked
  | TombstoneMissed;

/**
 * The log cleaner cleaned a partition of a compacted topic (Kafka's Cleaner.clean;
 * compaction.ts): over [log start offset, endOffset) it kept the latest record per key. The
 * removed offsets become holes: offsets are never renumbered, consumers fetch past them.
 */
export interface LogCleaned {
  type: 'logCleaned';
  timeUs: number;
  topic: string;
  partition: number;
  /** The cleaner checkpoint before this pass: [firstDirtyOffset, endOffset) was dirty. */
  firstDirtyOffset: number;
  /** The first uncleanable offset: the active segment's base, the high watermark, or less. */
  endOffset: number;
  /** dirty bytes / (clean + dirty bytes), above min.cleanable.dirty.ratio. */
  dirtyRatio: number;
  /** Offsets removed, ascending: older records of a key, keyless records, expired tombstones. */
  removed: number[];
  /** Of `removed`: tombstones whose delete horizon had passed (delete.retention.ms after their first cleaning). */
  tombstonesExpired: number[];
  /** Tombstones cleaned for the first time: their delete horizon (now + delete.retention.ms). */
  horizons: { offset: number; deleteHorizonUs: number }[];
  /** Bytes the removed records took. */
  bytes: number;
}

/** The log cleaner found nothing more to clean and backs off (log.cleaner.backoff.ms). */
export interface CleanerChecked {
  type: 'cleanerChecked';
  timeUs: number;
  nextCheckUs: number;
}

/**
 * A consumer's fetch passed the offset of a tombstone the cleaner had already removed (its
 * delete horizon passed before the group read it): the group's table still holds a key the
 * log deleted. Kafka's docs: delete.retention.ms bounds how long a consumer may take to read
 * from the start and still see every delete.
 */
export interface TombstoneMissed {
  type: 'tombstoneMissed';
  timeUs: number;
  group: string;
  member: string;
  topic: string;
  partition: number;
  offset: number;
  key: string;
  /** The offset of the value the group last read for the key (what its table still holds). */
  lastOffset: number;
  /** When the tombstone was written, first cleaned (its delete horizon set) and removed. */
  tombstoneTimeUs: number;
  firstCleanedUs: number;
  removedUs: number;
  deleteRetentionMs: number;
}

/** Every event of a run: Kafka's, RabbitMQ's (amqp/system/events.ts), the event store's
 *  (esdb/system/events.ts), stream jobs' (stream/system/events.ts) and the saga
 *  orchestrators' (saga/events.ts). */
export type SimEvent = KafkaEvent | AmqpSimEvent | EsSimEvent | StreamSimEvent | SagaEvent;

export type SimEventType = SimEvent['type'];

export function assertNever(x: never): never {
  throw new Error(`unhandled event: ${JSON.stringify(x)}`);
}
