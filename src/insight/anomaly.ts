import type { Msg } from '../i18n/types';

/**
 * What the anomaly explorer lists. The kinds are the words distributed-systems testers use
 * (Jepsen's checkers, Kafka's own docs): a record processed or stored twice is a duplicate, one
 * out of per-key order is reordered, one that will never be processed is lost, and a partition
 * (or record) that makes no progress is stuck.
 */
export type AnomalyKind =
  'duplicate' | 'reordered' | 'lost' | 'stuck' | 'dead-lettered' | EsAnomalyKind;

/**
 * The event store's kinds (`Anomaly.system === 'eventstore'`, esAnomalies.ts): a query answered
 * from a read model behind the command's version; a counter projection that counted an event a
 * second time; an append refused with WrongExpectedVersion; a command that failed for good; an
 * event the running code cannot read (no upcaster), or a snapshot of a stale schema ignored.
 */
export type EsAnomalyKind =
  'stale-read' | 'double-count' | 'write-conflict' | 'command-failed' | 'schema-mismatch';

/** The event store's kinds, in the order the list shows them. */
export const ES_ANOMALY_KINDS: readonly EsAnomalyKind[] = [
  'stale-read',
  'double-count',
  'write-conflict',
  'command-failed',
  'schema-mismatch',
];

/**
 * The mechanism behind an anomaly, so the UI can group and filter without parsing prose and
 * tests can assert the diagnosis.
 * - crash-before-commit: a consumer crashed after processing and before committing;
 * - zombie: a consumer removed from its group (paused past session.timeout.ms, or slower than
 *   max.poll.interval.ms) kept processing its batch;
 * - rejected-commit: a commit was refused (ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID);
 * - redelivery: processed again for a reason the log does not show;
 * - producer-retry: the same event appended twice (a retry without enable.idempotence);
 * - producer-restart: the same event appended twice across a producer restart (a new producer
 *   id: the leader's deduplication does not span producer sessions);
 * - commit-before-processing / offset-reset-latest / log-truncated / retention: why records
 *   are lost (retention: segments deleted by retention.ms / retention.bytes before the group
 *   read them);
 * - request-lost: acks=0 counted records as written whose request never reached a broker;
 * - null-key: one entity spread over partitions by the sticky partitioner;
 * - append-order: a producer's records for one key landed out of send order;
 * - processing-order: processed out of per-key order for a reason the log does not show;
 * - no-live-owner: a lagging partition nobody is consuming;
 * - poison-record: a record whose handler keeps failing.
 * - transaction-aborted: a transactional service's transaction was aborted (a zombie's commit
 *   refused, or its epoch bumped) and it sought back to the committed offsets;
 * - offsets-expired: the group was Empty for offsets.retention.minutes and the coordinator
 *   removed its committed offsets; on rejoining, auto.offset.reset=earliest read them again;
 * - aborted-read: a read_uncommitted group processed a record of an aborted transaction;
 * - duplicate-output: a group processed a second output of the same input (runs with
 *   transactions). These two have count 0: the summary counts them apart from `duplicates`.
 * RabbitMQ's (`Anomaly.system === 'rabbitmq'`):
 * - consumer-crash / connection-lost / requeue / broker-restart: why a message came back to its
 *   queue (a duplicate, a reordering), or (broker-restart) why messages were gone;
 * - competing-consumers: a later message of an entity finished first on another member;
 * - auto-ack: delivered with no-ack and lost with its consumer (or its failed handler);
 * - unroutable: published without `mandatory` and matched no binding;
 * - dropped: removed for maxlen / expired / rejected / delivery_limit with no dead-letter exchange;
 * - publisher-disconnected: sent while the publisher's connection was down;
 * - dead-letter: dead-lettered (the reason in `Anomaly.reason`), or back through a dead-letter route;
 * - poison-loop: a message delivered again and again and never acknowledged.
 * Kafka again:
 * - partitions-added: partitions were added to the topic and the key's murmur2 hash modulo the
 *   new count names another partition: its later records went there and were processed before
 *   its earlier ones still waiting in the old partition.
 * Compaction (compaction.ts):
 * - missed-tombstone: the log cleaner removed a tombstone (delete.retention.ms after its first
 *   cleaning) before a group that holds its key read it: the group's table keeps a deleted key.
 *   Count 0: the summary counts them apart (`missedTombstones`).
 * The event store's (`Anomaly.system === 'eventstore'`, esAnomalies.ts):
 * - projection-lag: a query read an async projection's read model before it had handled the
 *   command's event (a stale read);
 * - projection-crash: a projection crashed between handling and its checkpoint and handled the
 *   events since the checkpoint again (a counter counts them twice);
 * - wrong-expected-version: an append refused because another writer appended since the read;
 * - retries-exhausted: a command whose appends kept conflicting past maxRetries;
 * - upcaster-missing: an event of a schema version the code does not expect and no upcaster
 *   turns into it (the reader cannot apply it; a handler's command fails);
 * - stale-snapshot: a snapshot written with an older snapshot schema version, ignored (the
 *   stream is read from its start; count 0: nothing is wrong, it costs reads).
 */
export type AnomalyCause =
  | 'crash-before-commit'
  | 'zombie'
  | 'rejected-commit'
  | 'redelivery'
  | 'producer-retry'
  | 'producer-restart'
  | 'commit-before-processing'
  | 'offset-reset-latest'
  | 'log-truncated'
  | 'retention'
  | 'request-lost'
  | 'null-key'
  | 'append-order'
  | 'processing-order'
  | 'no-live-owner'
  | 'poison-record'
  | 'transaction-aborted'
  | 'offsets-expired'
  | 'aborted-read'
  | 'duplicate-output'
  | 'consumer-crash'
  | 'connection-lost'
  | 'requeue'
  | 'broker-restart'
  | 'competing-consumers'
  | 'auto-ack'
  | 'unroutable'
  | 'dropped'
  | 'publisher-disconnected'
  | 'refused'
  | 'dead-letter'
  | 'poison-loop'
  | 'partitions-added'
  | 'missed-tombstone'
  | 'projection-lag'
  | 'projection-crash'
  | 'wrong-expected-version'
  | 'retries-exhausted'
  | 'upcaster-missing'
  | 'stale-snapshot';

export interface Anomaly {
  /** Stable across a batch run and a live run of the same log: kind, event index, place. */
  id: string;
  kind: AnomalyKind;
  cause: AnomalyCause;
  /** Index of the event at which the anomaly became visible. */
  index: number;
  timeUs: number;
  group?: string;
  /** The consumer that saw it (processed the duplicate, started past the lost records...). */
  member?: string;
  topic: string;
  partition: number;
  offset?: number;
  /** For a range of records (lost): one past the last offset. */
  endOffset?: number;
  /**
   * Records this anomaly adds to its kind's total, the unit the engine's summary counts in:
   * 1 for a record's first redelivery (0 for a further one: it is the same duplicate record),
   * the records of a lost range that count as lost (acknowledged, not processed by the group),
   * 1 for a reordered record or a stuck partition or record. Sum them with `anomalyTotals`.
   */
  count: number;
  eventId?: number;
  /** The record's key, or for a null-keyed record the entity in its payload (e.g. orderId). */
  key?: string;
  /** A duplicate delivery an idempotent consumer's dedup store absorbed (no second effect). */
  absorbed?: boolean;
  /** What happened and why, as a message (rendered in the UI's language; see src/i18n). */
  explanation: Msg;
  /** Index of the event that caused it (the crash, the expiry, the skipping commit...). */
  causeIndex?: number;
  /**
   * 'rabbitmq' for RabbitMQ's anomalies: `queue` (or `exchange`) is the place, `consumer` the
   * RabbitMQ consumer, `topic` repeats the place's name and `partition` is −1. Absent: Kafka.
   */
  system?: 'rabbitmq' | 'eventstore';
  queue?: string;
  exchange?: string;
  consumer?: string;
  /**
   * The event store's: `topic` is the stream (`order-1`), `offset` the event number in it (for a
   * stale read: the version the command returned), `partition` −1; `actor` is who saw it (the
   * query, the projection, the command handler).
   */
  actor?: string;
  /** Dead-lettered or dropped: RabbitMQ's reason (`rejected`, `expired`, `maxlen`, `delivery_limit`). */
  reason?: 'rejected' | 'expired' | 'maxlen' | 'delivery_limit';
}

/** Where an anomaly happened, as the list and the scrubber print it: "orders-0 @ 41", "work #12". */
export function anomalyWhere(a: Anomaly): string {
  if (a.system === 'eventstore')
    return a.offset === undefined ? a.topic : `${a.topic} @ ${a.offset}`;
  if (a.system === 'rabbitmq') {
    const name = a.queue ?? a.exchange ?? a.topic;
    return a.eventId === undefined ? name : `${name} #${a.eventId}`;
  }
  const range =
    a.endOffset !== undefined && a.offset !== undefined && a.endOffset - a.offset > 1
      ? `–${a.endOffset - 1}`
      : '';
  return `${a.topic}-${a.partition}${a.offset === undefined ? '' : ` @ ${a.offset}${range}`}`;
}

export interface AnomalyOptions {
  /** A lagging partition with no live owner for this long is stuck (default 1,000 ms). */
  stuckAfterMs?: number;
  /** A record whose handler failed this many times in a row is stuck (default 5). */
  maxFailedAttempts?: number;
}

export const DEFAULT_STUCK_AFTER_MS = 1000;
export const DEFAULT_MAX_FAILED_ATTEMPTS = 5;

/** The id scheme: one anomaly per kind, event and place. */
export function anomalyId(
  kind: AnomalyKind,
  index: number,
  place: { group?: string; topic: string; partition: number; offset?: number },
): string {
  const where = `${place.topic}-${place.partition}${place.offset === undefined ? '' : `@${place.offset}`}`;
  return `${kind}:${index}:${place.group ?? ''}:${where}`;
}
