import type { AmqpProfile, AmqpTable, ExchangeType } from '../amqp/script';

export type { AmqpProfile, AmqpTable, AmqpValue, ExchangeType } from '../amqp/script';

/**
 * The scenario format (version 2; version 1 files load unchanged and are upcast to 2 on load):
 * what a lecturer writes by hand and what the editor compiles to. Version 2 adds `amqp`, a
 * RabbitMQ broker beside the Kafka cluster, and lets a service emit to an exchange. Times are in milliseconds (fractions allowed); the engine converts them to integer
 * microseconds. Client settings use Kafka's own names as JSON keys.
 */

/** A latency distribution in milliseconds. A bare number means a constant. */
export type DistSpec =
  | number
  | { kind: 'constant'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  | { kind: 'exponential'; meanMs: number }
  | { kind: 'normal'; meanMs: number; stddevMs: number };

export interface TopicSpec {
  name: string;
  partitions: number;
  'replication.factor'?: number;
  'min.insync.replicas'?: number;
  'unclean.leader.election.enable'?: boolean;
  /** Topic log settings (Kafka's LogConfig; see kafka/retention.ts). -1 = unlimited. */
  'retention.ms'?: number;
  /** Per partition; -1 = unlimited (Kafka's default). */
  'retention.bytes'?: number;
  'segment.ms'?: number;
  'segment.bytes'?: number;
  /**
   * Kafka's cleanup.policy: delete (retention), compact (the log cleaner keeps the latest
   * record per key; kafka/compaction.ts), or both ("compact,delete", also "delete,compact").
   */
  'cleanup.policy'?: CleanupPolicy;
  /** Compacted topics: how long a tombstone stays after it was first cleaned (default 86400000). */
  'delete.retention.ms'?: number;
  /** Compacted topics: a record stays uncompacted at least this long (default 0). */
  'min.compaction.lag.ms'?: number;
  /** Compacted topics: the dirty share of the log that makes it worth cleaning (default 0.5). */
  'min.cleanable.dirty.ratio'?: number;
}

export type CleanupPolicy = 'delete' | 'compact' | 'compact,delete' | 'delete,compact';

/**
 * Broker settings that hold whether or not the scenario models brokers (a `cluster` section
 * switches producers to the request path; these do not): Kafka's server.properties names.
 */
export interface BrokerSpec {
  /** How often the log manager deletes segments past retention (Kafka default 300000). */
  'log.retention.check.interval.ms'?: number;
  /** When the log manager's first checks run after start (Kafka's default 30000; ≥ 0). */
  'log.initial.task.delay.ms'?: number;
  /** A group Empty this long loses its committed offsets (Kafka's default 10080: 7 days). */
  'offsets.retention.minutes'?: number;
  /** How often the group coordinator expires offsets (Kafka's default 600000). */
  'offsets.retention.check.interval.ms'?: number;
  /** How long the log cleaner sleeps when no log needs cleaning (Kafka's default 15000). */
  'log.cleaner.backoff.ms'?: number;
}

/** The brokers. Partitions' replicas are placed round-robin over them, as Kafka does. */
export interface ClusterSpec {
  brokers: number;
  'replica.lag.time.max.ms'?: number;
  'unclean.leader.election.enable'?: boolean;
  /** How long a follower's fetch takes (a round trip to the leader). */
  'replica.fetch.latency.ms'?: number;
}

/** Network latency and loss between a client (producer id, member id) and a broker. */
export interface NetworkSpec {
  latencyMs?: DistSpec;
  /** Probability that one message (request or response) is lost. */
  dropRate?: number;
  links?: { between: [string, string]; latencyMs?: DistSpec; dropRate?: number }[];
}

export interface BurstSpec {
  atMs: number;
  durationMs: number;
  /** The rate is multiplied by this during the burst. */
  multiplier: number;
}

export interface RateSpec {
  kind: 'constant' | 'poisson';
  perSec: number;
  bursts?: BurstSpec[];
}

export type KeySpec =
  | { kind: 'null' }
  | { kind: 'fixed'; keys: string[] }
  | { kind: 'uniform'; count: number; prefix?: string }
  | { kind: 'zipf'; count: number; exponent?: number; prefix?: string };

export interface ProducerConfig {
  'batch.size'?: number;
  'linger.ms'?: number;
  acks?: '0' | '1' | 'all';
  'enable.idempotence'?: boolean;
  retries?: number;
  'retry.backoff.ms'?: number;
  'request.timeout.ms'?: number;
  'delivery.timeout.ms'?: number;
  'max.in.flight.requests.per.connection'?: number;
  /** How often the producer refreshes its metadata (Kafka's default 300000): it learns of
   *  added partitions only then. */
  'metadata.max.age.ms'?: number;
  /** A transactional producer (KIP-98): initTransactions at start, records sent in
   *  transactions of `ProducerSpec.transactionRecords` records, each committed with markers.
   *  Implies enable.idempotence (acks=all, retries > 0, at most 5 in flight). */
  'transactional.id'?: string;
  /** How long the coordinator lets a transaction stay open before aborting it (default 60000). */
  'transaction.timeout.ms'?: number;
}

export interface ProducerSpec {
  id: string;
  topic: string;
  rate: RateSpec;
  keys: KeySpec;
  /**
   * false: the key goes only into the payload (under keyField) and the record is sent with a
   * null key, so the sticky partitioner spreads one entity over partitions.
   */
  sendKey?: boolean;
  /** The payload field that carries the key, e.g. orderId. */
  keyField?: string;
  eventType: string;
  payload?: Record<string, unknown>;
  /** An explicit partition wins over the partitioner, as in Kafka. */
  partition?: number;
  /** Approximate serialized size of one record; drives the sticky partitioner's batch switch. */
  recordBytes?: number;
  /**
   * The share (0–1) of records sent as tombstones: the record keeps its key, its value is null
   * (a delete, for a compacted topic). Default 0.
   */
  tombstoneShare?: number;
  /**
   * With `transactional.id`: how many records the application sends in each transaction
   * (beginTransaction, that many sends, commitTransaction). Default 10.
   */
  transactionRecords?: number;
  startMs?: number;
  stopMs?: number;
  /**
   * Event-time out-of-orderness: each record carries an event timestamp (ms) that lags its
   * produce time by a uniform random whole number of ms from 0 to this bound (stream jobs in
   * event time read it). Absent: records carry no event time (it is the produce time).
   */
  outOfOrdernessMs?: number;
  config?: ProducerConfig;
}

export type AssignmentStrategy = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';

export interface ConsumerConfig {
  'enable.auto.commit'?: boolean;
  'auto.commit.interval.ms'?: number;
  'auto.offset.reset'?: 'earliest' | 'latest';
  'max.poll.records'?: number;
  'max.poll.interval.ms'?: number;
  'session.timeout.ms'?: number;
  'heartbeat.interval.ms'?: number;
  'partition.assignment.strategy'?: AssignmentStrategy;
  /** Delay between data arriving and an idle consumer's fetch returning it (a round trip). */
  'fetch.latency.ms'?: number;
  /** Static membership (Kafka 2.3+, KIP-345): each member's group.instance.id, from a template
   *  where `{member}` is the member's id (unique per member, as Kafka requires). A static member
   *  sends no LeaveGroup when it closes or crashes, and one back within session.timeout.ms gets
   *  its partitions again without a rebalance. */
  'group.instance.id'?: string;
  /** Exactly-once read-process-write (Kafka 0.11+; KIP-447 since 2.5): the service's producer
   *  is transactional, with this transactional.id template (`{member}` is the member's id, so
   *  each member's producer has its own). Every batch is one transaction: the records the
   *  handlers emit and the consumed offsets (sendOffsetsToTransaction) commit or abort together.
   *  Turns enable.auto.commit off. */
  'transactional.id'?: string;
  /** How long the transaction coordinator lets a transaction stay open before it aborts it
   *  (Kafka's producer default 60000). */
  'transaction.timeout.ms'?: number;
  /** read_uncommitted (Kafka's default) reads up to the high watermark, aborted records too;
   *  read_committed reads up to the last stable offset and skips aborted records. */
  'isolation.level'?: 'read_uncommitted' | 'read_committed';
  /** How often the group's leader (and a service's producer) refreshes metadata (Kafka's default
   *  300000): a topic's added partitions are noticed then, and the group rebalances. */
  'metadata.max.age.ms'?: number;
}

/** When a manually committing consumer commits: the at-least-once or the at-most-once loop. */
export type CommitMode = 'after-processing' | 'before-processing';

export interface MemberSpec {
  id: string;
  startMs?: number;
  processingMs?: DistSpec;
}

export interface EmitSpec {
  type: string;
  /** A Kafka topic; or, in version 2, `exchange` (+ `routingKey`) to publish to RabbitMQ. */
  topic?: string;
  exchange?: string;
  /** The routing key for an exchange emit: a template like `{severity}.{component}`. */
  routingKey?: string;
  probability?: number;
  /** 'same': keyed by the consumed record's key field (e.g. orderId); 'none': null key. */
  key?: 'same' | 'none';
}

export interface HandlerRule {
  on: string;
  emit: EmitSpec[];
  /**
   * Kafka services only (issue 14, choreographed sagas): the rule's local transaction can fail
   * — at `rate`, or when its `stock` change would take the item below 0 — and then it emits
   * `emit` here instead of the rule's own (e.g. InventoryFailed, PaymentFailed).
   */
  onFailure?: { rate?: number; emit: EmitSpec[] };
  /** Kafka services only: the rule changes the service's stock of `item` by `delta` (reserve
   *  −1, release +1: a compensation). The group declares the items in `stock`. */
  stock?: { item: string; delta: number };
}

export interface FailureSpec {
  /** Probability that one handler attempt fails. */
  rate: number;
  retries: number;
  backoffMs: number;
  deadLetterTopic?: string;
}

export interface GroupSpec {
  id: string;
  topics: string[];
  members: number | MemberSpec[];
  config?: ConsumerConfig;
  commit?: CommitMode;
  processingMs?: DistSpec;
  handlers?: HandlerRule[];
  failure?: FailureSpec;
  /** Idempotent consumer: a dedup store keyed by event id absorbs redelivered side effects. */
  idempotent?: boolean;
  /**
   * A read model (CQRS projection): the group folds every record it processes into a table
   * keyed by the record's key field (e.g. orderId): events seen, the last event type and time.
   * A redelivered record is folded again unless the group is idempotent, as in a real projection.
   */
  readModel?: boolean;
  /** The service's stock per item at the start (its handler rules' `stock` changes it). */
  stock?: Record<string, number>;
}

export type FaultSpec =
  | { kind: 'crash'; atMs: number; group: string; member: string }
  | { kind: 'restart'; atMs: number; group: string; member: string }
  | { kind: 'leave'; atMs: number; group: string; member: string }
  | { kind: 'pause'; atMs: number; group: string; member: string; durationMs: number }
  | { kind: 'brokerDown'; atMs: number; broker: number }
  | { kind: 'brokerUp'; atMs: number; broker: number }
  /** Cuts `between[0]` (a producer or member id) off from `between[1]` (broker-N or coordinator). */
  | { kind: 'networkPartition'; atMs: number; between: [string, string]; durationMs: number }
  /** The next `count` acknowledgements to the producer are lost on the way back. */
  | { kind: 'ackLoss'; atMs: number; producer: string; count: number }
  /**
   * The producer's process dies and restarts at once: its buffered and in-flight batches are
   * gone, it gets a new producer id (InitProducerId), and it sends again every record it had
   * not seen acknowledged (an at-least-once source: an outbox, its input re-read).
   */
  | { kind: 'producerRestart'; atMs: number; producer: string }
  /**
   * The transaction coordinator fails over (its broker, the leader of the transactional ids'
   * __transaction_state partition, fails): for `durationMs` (the election and the new
   * coordinator loading the transaction log) its requests get COORDINATOR_NOT_AVAILABLE.
   */
  | { kind: 'txnCoordinatorFailover'; atMs: number; durationMs: number }
  /** The producer's (or RabbitMQ publisher's) next record is poison: every handler attempt fails. */
  | { kind: 'poisonMessage'; atMs: number; producer: string }
  /** RabbitMQ: the broker stops and starts; transient messages and non-durable queues are gone. */
  | { kind: 'rabbitmqRestart'; atMs: number }
  /** RabbitMQ: a consumer member's connection drops: its channel closes, unacked messages are
   *  requeued (redelivered), and it reconnects after `durationMs`. */
  | { kind: 'connectionLoss'; atMs: number; consumer: string; member: string; durationMs: number }
  /** Kafka: the topic grows to `partitions` partitions (kafka-topics.sh --alter --partitions,
   *  Admin.createPartitions); a count not above the current one is refused, as Kafka does. */
  | { kind: 'addPartitions'; atMs: number; topic: string; partitions: number };

/** A RabbitMQ exchange, declared as a client declares it. */
export interface AmqpExchangeSpec {
  name: string;
  type: ExchangeType;
  durable?: boolean;
  autoDelete?: boolean;
  internal?: boolean;
  /** e.g. { "alternate-exchange": "unrouted" } */
  arguments?: AmqpTable;
}

/** A RabbitMQ queue. Its type and limits are arguments, as in RabbitMQ: `x-queue-type`
 *  (`classic` | `quorum`), `x-max-length`, `x-max-length-bytes`, `x-overflow`, `x-message-ttl`,
 *  `x-expires`, `x-dead-letter-exchange`, `x-dead-letter-routing-key`, `x-delivery-limit`. */
export interface AmqpQueueSpec {
  name: string;
  durable?: boolean;
  autoDelete?: boolean;
  exclusive?: boolean;
  arguments?: AmqpTable;
}

export interface AmqpBindingSpec {
  source: string;
  destination: string;
  destinationType: 'queue' | 'exchange';
  /** The binding key (topic: words with `*` and `#`); ignored by fanout and headers. */
  routingKey: string;
  /** Headers exchanges: `x-match` and the header values to match. */
  arguments?: AmqpTable;
}

/** How a publisher chooses each message's routing key. */
export type RoutingKeySpec =
  /** A template filled from the message: `{key}` (the entity, e.g. order-3), `{type}` (the
   *  event type), `{field}` for a payload field; e.g. `order.{type}`. A plain string is fixed. */
  | string
  /** One of these keys per message, drawn with the weights (equal by default). */
  | { kind: 'choice'; keys: string[]; weights?: number[] };

export interface AmqpPublisherSpec {
  id: string;
  exchange: string;
  routingKey: RoutingKeySpec;
  rate: RateSpec;
  keys?: KeySpec;
  /** The payload field that carries the key, e.g. orderId. */
  keyField?: string;
  eventType: string;
  payload?: Record<string, unknown>;
  headers?: AmqpTable;
  /** Return the message (basic.return 312 NO_ROUTE) when no queue takes it. */
  mandatory?: boolean;
  /** delivery_mode 2: survives a broker restart in a durable queue. Default true. */
  persistent?: boolean;
  /** Publisher confirms on the publisher's channel. */
  confirm?: boolean;
  /** Per-message TTL (ms, as AMQP's `expiration` string). */
  expiration?: string;
  /** Approximate body size in bytes (x-max-length-bytes counts it). Default 100. */
  bodyBytes?: number;
  startMs?: number;
  stopMs?: number;
}

/** Competing consumers of one queue: each member is a consumer on its own channel. */
export interface AmqpConsumerSpec {
  id: string;
  queue: string;
  members: number | MemberSpec[];
  /** basic.qos prefetch_count per consumer; 0 = unlimited (RabbitMQ's default). */
  prefetch?: number;
  /** no-ack (automatic acknowledgement): a delivery counts as acknowledged when sent. */
  autoAck?: boolean;
  /** Manual ack in batches: one basic.ack with multiple=true per `ackEvery` handled messages
   *  (default 1: each acknowledged on its own). Handled but unacknowledged messages come back
   *  redelivered when the consumer crashes or loses its connection. */
  ackEvery?: number;
  /** A batch is acknowledged this long after its first handled message, full or not. Default 1000. */
  ackFlushMs?: number;
  processingMs?: DistSpec;
  handlers?: HandlerRule[];
  /** A handler attempt fails with probability `rate` (poison messages always fail); then the
   *  consumer nacks with `requeue` (true: back to the queue, redelivered; false: dead-lettered
   *  or dropped). */
  failure?: { rate: number; requeue: boolean };
  /** A dedup store keyed by message id absorbs redelivered side effects. */
  idempotent?: boolean;
}

export interface AmqpSpec {
  /** Which RabbitMQ's behaviour to follow where versions differ. Default '3.10'. */
  profile?: AmqpProfile;
  exchanges: AmqpExchangeSpec[];
  queues: AmqpQueueSpec[];
  bindings: AmqpBindingSpec[];
  publishers: AmqpPublisherSpec[];
  consumers: AmqpConsumerSpec[];
}

export interface Scenario {
  /** 1 or 2; a loaded scenario is always upcast to 2 (v1 documents load unchanged). */
  version: 1 | 2;
  name: string;
  description?: string;
  seed?: number;
  durationMs?: number;
  cluster?: ClusterSpec;
  /** Broker settings for the log (retention checks); see BrokerSpec. */
  broker?: BrokerSpec;
  network?: NetworkSpec;
  topics: TopicSpec[];
  producers: ProducerSpec[];
  groups: GroupSpec[];
  faults: FaultSpec[];
  /** Version 2: a RabbitMQ broker (exchanges, queues, bindings, publishers, consumers). */
  amqp?: AmqpSpec;
  /** Version 2: an event store (EventStoreDB) with command handlers, projections and queries. */
  eventStore?: EventStoreSpec;
  /** Version 2: stream processing jobs (Flink windows, Esper EPL) reading Kafka topics. */
  streams?: StreamsSpec;
  /** Version 2: saga orchestrators over Kafka topics (issue 14). */
  sagas?: SagaSpec[];
}

/**
 * A rule of an aggregate in the Decider shape: a command of type `command` decides `event` when
 * the state passes the guard (`whenStatus`: the aggregate's status must be this one, `null` for
 * a new aggregate; `maxEvents`: fewer events than this in the stream); the event carries
 * `amount` (added to the state's total) and may set the status.
 */
export interface EsRuleSpec {
  command: string;
  event: string;
  whenStatus?: string | null;
  maxEvents?: number;
  setStatus?: string;
  amount?: number;
}

export interface EsAggregateSpec {
  /** The stream category: streams are `<id>-<key>`. */
  id: string;
  /** Commands from a client at a rate, for keys (streams `<id>-<key>`), or the records of a
   *  Kafka topic (command type = the record's event type, stream = `<id>-<record key>`). */
  commands:
    { rate: RateSpec; keys: KeySpec; startMs?: number; stopMs?: number } | { topic: string };
  /** Concurrent command handler instances (default 1). */
  handlers?: number;
  processingMs?: DistSpec;
  rules: EsRuleSpec[];
  /** Re-reads and retries after WrongExpectedVersion before the command fails (default 3). */
  maxRetries?: number;
  /** A snapshot every N events of a stream, with the snapshot schema version the code writes. */
  snapshot?: { every: number; schemaVersion?: number };
  /** The event schema version the handlers write and expect (default 1). */
  eventVersion?: number;
  /** An upcaster applied on read: events of version `from` become `to`, missing fields filled. */
  upcast?: { from: number; to: number; defaults: Record<string, string | number> };
}

export interface EsProjectionSpec {
  id: string;
  /** An aggregate's category, or `$all` (every aggregate's streams). */
  from: string;
  mode: 'inline' | 'async';
  /** counter: adds 1 per event handled; idempotent: keeps the last version seen per stream. */
  kind: 'counter' | 'idempotent';
  /** Async: a checkpoint every N events handled (default 10). */
  checkpointEvery?: number;
  processingMs?: DistSpec;
}

export interface EsQuerySpec {
  id: string;
  projection: string;
  rate: RateSpec;
  /** Wait until the read model has the version the last command returned. */
  readYourWrites?: boolean;
  startMs?: number;
  stopMs?: number;
}

export type EsFaultSpec =
  /** The async projection dies between handling and its next checkpoint; it restarts there. */
  | { kind: 'projectionCrash'; projection: string; atMs: number }
  /** The read model is dropped and rebuilt from position 0 of `$all`. */
  | { kind: 'rebuild'; projection: string; atMs: number }
  /** New code for an aggregate: the event and snapshot schema versions it writes and expects. */
  | {
      kind: 'deploy';
      aggregate: string;
      atMs: number;
      eventVersion?: number;
      snapshotSchemaVersion?: number;
    };

export interface EventStoreSpec {
  aggregates: EsAggregateSpec[];
  projections?: EsProjectionSpec[];
  queries?: EsQuerySpec[];
  faults?: EsFaultSpec[];
}

/** Watermarks of a window job's source: Flink's WatermarkStrategy.forBoundedOutOfOrderness. */
export interface StreamWatermarkSpec {
  /** The bound B: each partition emits maxTimestamp − B − 1. Default 0. */
  maxOutOfOrdernessMs?: number;
  /** ExecutionConfig.setAutoWatermarkInterval (processing time, ms). Default 200. */
  autoWatermarkIntervalMs?: number;
  /** WatermarkStrategy.withIdleness: a partition with no record for this long is idle. */
  idlenessMs?: number;
}

export type StreamAssignerSpec =
  | { type: 'tumbling'; size: number; offset?: number }
  | { type: 'sliding'; size: number; slide: number; offset?: number }
  | { type: 'session'; gap: number };

export type StreamTriggerSpec =
  | { type: 'eventTime' }
  | { type: 'processingTime' }
  | { type: 'count'; count: number }
  | { type: 'purging'; trigger: StreamTriggerSpec };

/**
 * A keyed window job (Flink DataStream): source topic → keyBy(field) → window(assigner)
 * [.trigger] [.allowedLateness] [.sideOutputLateData] → aggregate; results that pass the
 * condition are written as alert records to `sink`.
 */
export interface StreamWindowJobSpec {
  id: string;
  source: string;
  /** A payload field (the producer's key field or a template field); records without it are skipped. */
  keyBy: string;
  time?: 'event' | 'processing';
  assigner: StreamAssignerSpec;
  aggregate: { fn: 'count' | 'sum' | 'min' | 'max' | 'avg'; field?: string };
  /** e.g. '> 10000' or { op: '>', value: 10000 }. */
  condition?: string | { op: '>' | '>=' | '<' | '<=' | '==' | '!='; value: number };
  /** The topic alerts go to (every result when there is no condition). */
  sink?: string;
  /** The alert record's event type. Default 'WindowResult'. */
  alertType?: string;
  allowedLateness?: number;
  /** A topic: late elements no window accepted go there as records (sideOutputLateData). */
  sideOutputLateData?: string;
  trigger?: StreamTriggerSpec;
  watermarks?: StreamWatermarkSpec;
}

/** An Esper EPL statement (pattern or window query) over records of Kafka topics. */
export interface StreamPatternJobSpec {
  id: string;
  /** Topics read; each record is an event of its event type, its payload the event's fields. */
  sources: string[];
  epl: string;
  /** The topic matches (patterns) or insert-stream rows (queries) are written to. */
  sink?: string;
  /** The output record's event type. Default 'PatternMatch'. */
  outputType?: string;
}

export interface StreamsSpec {
  windows?: StreamWindowJobSpec[];
  patterns?: StreamPatternJobSpec[];
}

/**
 * Sagas (issue 14), in the vocabulary of the saga literature: Garcia-Molina & Salem's "Sagas"
 * (1987: a sequence of local transactions T1…Tn with compensations C1…Cn-1) and Chris
 * Richardson's "Microservices Patterns" ch. 4 / microservices.io "Saga" (orchestration;
 * compensatable transactions, then the pivot — the go/no-go step — then retriable ones).
 */
export type SagaStepKind = 'compensatable' | 'pivot' | 'retriable';

/** A command the orchestrator sends: a record of `type` appended to a Kafka `topic`. */
export interface SagaCommandSpec {
  type: string;
  topic: string;
}

export interface SagaStepSpec {
  name: string;
  kind: SagaStepKind;
  command: SagaCommandSpec;
  /** Reply event types that mean the step's local transaction committed. */
  success: string[];
  /** Reply event types that mean it failed (a compensatable step or the pivot: compensate;
   *  a retriable step: send the command again after the backoff). */
  failure?: string[];
  /** A compensatable step's compensating transaction and the replies that confirm it. */
  compensation?: SagaCommandSpec & { success: string[] };
  /** No reply within this long: the attempt timed out. Default 1000. */
  timeoutMs?: number;
  /** Attempts after the first when an attempt times out (compensatable, pivot). Default 2. */
  retries?: number;
  /** The wait before attempt n + 1 is backoffMs × 2^(n − 1). Default 100. */
  backoffMs?: number;
}

/** One saga orchestrator: a state machine per correlation id (the start record's key). */
export interface SagaSpec {
  id: string;
  /** A record of this type on this topic starts an instance, keyed by the record's key. */
  start: { topic: string; type: string };
  /** The topics the orchestrator reads replies from. */
  replyTopics: string[];
  steps: SagaStepSpec[];
  /** Compensations one after another, last completed first (default), or all at once. */
  compensation?: 'sequential' | 'parallel';
  /** Drop a message whose event id it has handled before (an idempotent consumer, as
   *  Eventuate Tram's DuplicateMessageDetector). Default false. */
  deduplicate?: boolean;
  /** The orchestrator's time to handle one message. Default 1. */
  processingMs?: number;
  /** It commits its read position every N messages; a crash redelivers those after it.
   *  Default 1. */
  commitEvery?: number;
  /** A retriable step or a compensation is sent at most this many times. Default 10. */
  maxAttempts?: number;
  /** An instance with no progress for this long is stuck (a view, not an event). Default 5000. */
  stuckAfterMs?: number;
  /** Records sent when an instance ends. */
  onCompleted?: SagaCommandSpec;
  onCancelled?: SagaCommandSpec;
  /** Orchestrator crashes: it restarts at once from its committed read position. */
  crashes?: { atMs: number }[];
}
