import { compileAmqp, type AmqpSimModel } from '../amqp/system/model';
import { compileEventStore, type EsSimModel } from '../esdb/system/model';
import { compileStreams, type StreamSimModel } from '../stream/system/model';
import { compileSagas, type SagaSystemModel } from '../saga/model';
import { compileDist, type Dist } from './distributions';
import { partitionForKey } from './murmur2';
import { streamKey } from '../kernel/rng';
import { memberStream, producerStream } from './streams';
import { memberIds } from '../scenario/parse';
import { compileCluster, type ClusterModel } from './modelCluster';
import { compileRetention, sourceRecordBytes, type RetentionModel } from './retention';
import { compileOffsetsRetention, type OffsetsRetentionModel } from './offsetsExpiry';
import {
  METADATA_MAX_AGE_MS,
  partitionNotices,
  partitionSteps,
  producerViews,
  type PartitionNotice,
  type PartitionStep,
  type ProducerView,
} from './addPartitions';
import { compileCompaction, type CompactionModel } from './compaction';
import type {
  AssignmentStrategy,
  CommitMode,
  EmitSpec,
  FaultSpec,
  KeySpec,
  ProducerConfig,
  Scenario,
} from '../scenario/types';

/**
 * The static part of a simulation, compiled once from a Scenario: names resolved to indices,
 * defaults applied (Kafka's own defaults where Kafka has one), milliseconds turned into integer
 * microseconds. Never changes during a run, so every snapshot shares it.
 */
export interface Model {
  cluster: ClusterModel;
  seed: number;
  scenario: Scenario;
  topics: TopicModel[];
  topicIndex: Map<string, number>;
  /** Global partition index → topic index / partition number. */
  gpTopic: Int32Array;
  gpPartition: Int32Array;
  producers: ProducerModel[];
  groups: GroupModel[];
  members: MemberModel[];
  faults: FaultModel[];
  groupIndex: Map<string, number>;
  producerIndex: Map<string, number>;
  /** Every key any producer can send, interned: keyId → key. */
  keys: string[];
  keyIds: Map<string, number>;
  /** Record sources (producers, then groups emitting as services) → index for per-key order. */
  sourceIndex: Map<string, number>;
  /**
   * Actor layout, in tie-break order at equal times: [fault schedule] [network] [member expiry
   * watch × M] [producers × P] [followers × F] [ISR watches × W] [member loops × M] [group
   * coordinators × G] [the transaction coordinator, when a group is transactional]. Coordinators come last so that members joining at the same instant land
   * in the same rebalance.
   */
  actorCount: number;
  /** Kafka's actors are [0, kafkaActors); RabbitMQ's follow (amqp/system/model.ts). */
  kafkaActors: number;
  /** The scenario's RabbitMQ part, or null. */
  amqp: AmqpSimModel | null;
  /** The scenario's event store part (esdb/system/model.ts; actors after RabbitMQ's), or null. */
  eventStore: EsSimModel | null;
  /** The scenario's stream jobs (stream/system/model.ts; actors after the event store's), or null. */
  streams: StreamSimModel | null;
  /** The scenario's saga orchestrators (saga/model.ts; actors after the event store's), or null. */
  sagas: SagaSystemModel | null;
  /**
   * Segments and retention (retention.ts), or null when the scenario sets no log setting: then
   * no retention actor exists (it comes last among Kafka's actors, after the coordinators).
   */
  retention: RetentionModel | null;
  /**
   * Committed offsets' expiry (offsetsExpiry.ts), or null unless the scenario sets
   * offsets.retention.minutes: then the group coordinator's cleanup actor comes last.
   */
  offsetsRetention: OffsetsRetentionModel | null;
  /** addPartitions actions in time order (addPartitions.ts); empty in most scenarios. */
  partitionSteps: PartitionStep[];
  /** When each subscribing group's leader notices a step (the fault actor acts then). */
  partitionNotices: PartitionNotice[];
  /**
   * The log cleaner (compaction.ts), or null when no topic is compacted: then no cleaner actor
   * exists (it comes after the retention check, which every compacted scenario has).
   */
  compaction: CompactionModel | null;
}

export interface TopicModel {
  name: string;
  /** Partitions reserved: the count the topic ends with (its addPartitions actions included). */
  partitions: number;
  /** The count it starts with (the live count is SimState.livePartitions). */
  initialPartitions: number;
  /** Global index of partition 0. */
  firstGp: number;
  /** Groups that subscribe to this topic. */
  subscribers: number[];
}

export interface ProducerModel {
  index: number;
  id: string;
  topic: number;
  constantRate: boolean;
  perSec: number;
  bursts: { startUs: number; endUs: number; multiplier: number }[];
  keys: KeySpec;
  /** Cumulative distribution for zipf keys. */
  zipfCdf: Float64Array | null;
  keyNames: string[];
  /** The share of records sent as tombstones (0: none, and no draw is made). */
  tombstoneShare: number;
  /** Event-time lag bound (ms): records carry eventTimeMs = produce time − U{0..bound}; -1: none. */
  outOfOrdernessMs: number;
  /** The partition of each key in keyNames (Kafka's murmur2 partitioner), computed once. */
  keyPartitions: Int32Array;
  /** The keyId (Model.keys) of each key in keyNames. */
  keyIdOf: Int32Array;
  sendKey: boolean;
  keyField: string;
  /** Random stream key (see rng.ts). */
  streamKey: number;
  eventType: string;
  partition: number | null;
  /** Records per sticky batch: Kafka switches partition after `batch.size` bytes. */
  stickyBatchRecords: number;
  startUs: number;
  stopUs: number;
  /** Requests, acks, retries and replication (else a send is an append: see modelCluster.ts). */
  requestPath: boolean;
  /** acks: 0, 1, or -1 for all. */
  acks: number;
  idempotent: boolean;
  retries: number;
  retryBackoffUs: number;
  requestTimeoutUs: number;
  deliveryTimeoutUs: number;
  lingerUs: number;
  maxInFlight: number;
  /** metadata.max.age.ms: when it learns of added partitions (addPartitions.ts). */
  metadataMaxAgeUs: number;
  /** Its partitioning after each addPartitions step on its topic; null when it never grows. */
  views: ProducerView[] | null;
  /** transactional.id (a transactional producer: always on the request path, idempotent). */
  transactionalId: string | null;
  /** transaction.timeout.ms, µs. */
  txnTimeoutUs: number;
  /** Records per transaction (the application's commit interval, ProducerSpec.transactionRecords). */
  txnRecords: number;
}

export interface EmitModel {
  type: string;
  /** The Kafka topic's index; -1 when the emit publishes to a RabbitMQ exchange. */
  topic: number;
  exchange?: string;
  routingKey?: string;
  probability: number;
  sameKey: boolean;
}

/** A rule that can fail or changes stock (issue 14): decided as one outcome, not per emit. */
export interface OutcomeRuleModel {
  /** The rule's index in the group's handlers (its random draw's counter offset). */
  rule: number;
  emits: EmitModel[];
  failEmits: EmitModel[];
  failRate: number;
  stock: { item: string; delta: number } | null;
}

export interface GroupModel {
  index: number;
  id: string;
  topics: number[];
  /** Global partitions this group reads, in topic then partition order. */
  gps: number[];
  members: number[];
  memberByName: Map<string, number>;
  strategy: AssignmentStrategy;
  cooperative: boolean;
  autoCommit: boolean;
  autoCommitIntervalUs: number;
  /**
   * The consumer's retry.backoff.ms: how long an auto-commit that failed with a retriable
   * error (the coordinator did not answer) waits before it is tried again.
   */
  retryBackoffUs: number;
  commit: CommitMode;
  /** auto.offset.reset=latest (Kafka's default): with no committed offset, start at the end. */
  resetLatest: boolean;
  maxPollRecords: number;
  maxPollIntervalUs: number;
  sessionTimeoutUs: number;
  heartbeatIntervalUs: number;
  fetchLatencyUs: number;
  handlers: Map<string, EmitModel[]>;
  /** Rules with onFailure or stock, by event type; null when the group has none (the hot path
   *  tests only that). */
  outcomes: Map<string, OutcomeRuleModel[]> | null;
  /** Stock per item at the start, or null. */
  stock: Map<string, number> | null;
  failureRate: number;
  retries: number;
  backoffUs: number;
  deadLetterTopic: number;
  idempotent: boolean;
  readModel: boolean;
  /** transactional.id is set: every batch is one transaction (records + offsets). */
  transactional: boolean;
  /** transaction.timeout.ms (Kafka's producer default 60000). */
  txnTimeoutUs: number;
  /** isolation.level=read_committed (Kafka's default is read_uncommitted). */
  readCommitted: boolean;
  /** metadata.max.age.ms of its leader (and of its service's producer). */
  metadataMaxAgeUs: number;
}

export interface MemberModel {
  index: number;
  id: string;
  group: number;
  startUs: number;
  processing: Dist;
  /** Random stream key (see rng.ts). */
  streamKey: number;
  /** Static membership: its group.instance.id; null for a dynamic member. */
  instanceId: string | null;
  /** Its producer's transactional.id; null when the group is not transactional. */
  transactionalId: string | null;
}

export interface FaultModel {
  index: number;
  kind: FaultSpec['kind'];
  atUs: number;
  /** Member faults: the member index; -1 otherwise. */
  member: number;
  durationUs: number;
  /** brokerDown/brokerUp: the broker id (1-based). */
  broker: number;
  /** ackLoss/poisonMessage: the producer index; ackLoss: how many acks are lost. */
  producer: number;
  count: number;
  /** addPartitions: the topic index (count: the new partition count); -1 otherwise. */
  topic: number;
  /** networkPartition: client and server names. */
  between: [string, string] | null;
  /** A RabbitMQ fault (handled by amqp/system): its target, or null for Kafka's. */
  amqp: AmqpFaultTarget | null;
}

export type AmqpFaultTarget = {
  target: { consumer: string; member: string } | { publisher: string } | null;
};

export const US_PER_MS = 1000;
/** KafkaConsumer's retry.backoff.ms default (not a scenario setting yet). */
const CONSUMER_RETRY_BACKOFF_MS = 100;
const seedOf = (s: Scenario, seed?: number) => (seed ?? s.seed ?? 1) >>> 0;
const us = (ms: number) => Math.round(ms * US_PER_MS);

/** Compiles a validated scenario. `seed` overrides the scenario's own. */
export function compileModel(s: Scenario, seed?: number): Model {
  const topicIndex = new Map<string, number>();
  const topics: TopicModel[] = [];
  let gpCount = 0;
  // addPartitions: a topic's partitions are reserved up to its final count from the start.
  const finalCount = new Map<string, number>();
  for (const f of s.faults)
    if (f.kind === 'addPartitions')
      finalCount.set(f.topic, Math.max(finalCount.get(f.topic) ?? 0, f.partitions));
  s.topics.forEach((t, i) => {
    topicIndex.set(t.name, i);
    const partitions = Math.max(t.partitions, finalCount.get(t.name) ?? 0);
    topics.push({
      name: t.name,
      partitions,
      initialPartitions: t.partitions,
      firstGp: gpCount,
      subscribers: [],
    });
    gpCount += partitions;
  });
  const gpTopic = new Int32Array(gpCount);
  const gpPartition = new Int32Array(gpCount);
  topics.forEach((t, ti) => {
    for (let p = 0; p < t.partitions; p++) {
      gpTopic[t.firstGp + p] = ti;
      gpPartition[t.firstGp + p] = p;
    }
  });
  const topicOf = (name: string) => topicIndex.get(name) ?? -1;
  const producers = s.producers.map((p, index) =>
    compileProducer(
      p,
      index,
      topicOf(p.topic),
      topics[topicOf(p.topic)]?.initialPartitions ?? 1,
      seedOf(s, seed),
    ),
  );
  const members: MemberModel[] = [];
  const groups = s.groups.map((g, index): GroupModel => {
    const cfg = g.config ?? {};
    const groupTopics = g.topics.map(topicOf);
    for (const t of groupTopics) topics[t]?.subscribers.push(index);
    const gps: number[] = [];
    for (const t of groupTopics) {
      const tm = topics[t];
      if (tm) for (let p = 0; p < tm.partitions; p++) gps.push(tm.firstGp + p);
    }
    const memberIdx: number[] = [];
    const specs = typeof g.members === 'number' ? [] : g.members;
    memberIds(g).forEach((id, j) => {
      const spec = specs[j];
      memberIdx.push(members.length);
      members.push({
        index: members.length,
        id,
        group: index,
        startUs: us(spec?.startMs ?? 0),
        processing: compileDist(spec?.processingMs ?? g.processingMs ?? 1),
        streamKey: streamKey(seedOf(s, seed), memberStream(members.length)),
        instanceId: cfg['group.instance.id']?.replace(/\{member\}/g, id) ?? null,
        transactionalId: cfg['transactional.id']?.replace(/\{member\}/g, id) ?? null,
      });
    });
    const handlers = new Map<string, EmitModel[]>();
    let outcomes: Map<string, OutcomeRuleModel[]> | null = null;
    const emitModel = (e: EmitSpec): EmitModel => ({
      type: e.type,
      topic: e.topic === undefined ? -1 : topicOf(e.topic),
      ...(e.exchange !== undefined ? { exchange: e.exchange, routingKey: e.routingKey ?? '' } : {}),
      probability: e.probability ?? 1,
      sameKey: (e.key ?? 'same') === 'same',
    });
    (g.handlers ?? []).forEach((h, rule) => {
      if (h.onFailure !== undefined || h.stock !== undefined) {
        outcomes ??= new Map();
        const list = outcomes.get(h.on) ?? [];
        list.push({
          rule,
          emits: h.emit.map(emitModel),
          failEmits: (h.onFailure?.emit ?? []).map(emitModel),
          failRate: h.onFailure?.rate ?? 0,
          stock: h.stock ?? null,
        });
        outcomes.set(h.on, list);
        return;
      }
      const list = handlers.get(h.on) ?? [];
      for (const e of h.emit) list.push(emitModel(e));
      handlers.set(h.on, list);
    });
    const strategy = cfg['partition.assignment.strategy'] ?? 'range';
    return {
      index,
      id: g.id,
      topics: groupTopics,
      gps,
      members: memberIdx,
      memberByName: new Map(memberIdx.map((mi) => [members[mi]?.id ?? '', mi])),
      strategy,
      cooperative: strategy === 'cooperative-sticky',
      // Kafka's defaults: enable.auto.commit=true, auto.commit.interval.ms=5000,
      // max.poll.records=500, max.poll.interval.ms=300000, session.timeout.ms=45000,
      // heartbeat.interval.ms=3000, auto.offset.reset=latest, retry.backoff.ms=100.
      // A transactional service commits offsets in its transactions, never by auto-commit.
      autoCommit:
        cfg['enable.auto.commit'] ??
        (g.commit === undefined && cfg['transactional.id'] === undefined),
      autoCommitIntervalUs: us(cfg['auto.commit.interval.ms'] ?? 5000),
      retryBackoffUs: us(CONSUMER_RETRY_BACKOFF_MS),
      commit: g.commit ?? 'after-processing',
      resetLatest: (cfg['auto.offset.reset'] ?? 'latest') === 'latest',
      maxPollRecords: cfg['max.poll.records'] ?? 500,
      maxPollIntervalUs: us(cfg['max.poll.interval.ms'] ?? 300_000),
      sessionTimeoutUs: us(cfg['session.timeout.ms'] ?? 45_000),
      heartbeatIntervalUs: us(cfg['heartbeat.interval.ms'] ?? 3000),
      fetchLatencyUs: us(cfg['fetch.latency.ms'] ?? 1),
      handlers,
      outcomes,
      stock: g.stock ? new Map(Object.entries(g.stock)) : null,
      failureRate: g.failure?.rate ?? 0,
      // Without a failure policy a failing record is retried forever (a poison message blocks).
      retries: g.failure?.retries ?? Number.POSITIVE_INFINITY,
      backoffUs: us(g.failure?.backoffMs ?? 100),
      deadLetterTopic:
        g.failure?.deadLetterTopic === undefined ? -1 : topicOf(g.failure.deadLetterTopic),
      idempotent: g.idempotent ?? false,
      readModel: g.readModel ?? false,
      transactional: cfg['transactional.id'] !== undefined,
      txnTimeoutUs: us(cfg['transaction.timeout.ms'] ?? 60_000),
      readCommitted: cfg['isolation.level'] === 'read_committed',
      metadataMaxAgeUs: us(cfg['metadata.max.age.ms'] ?? METADATA_MAX_AGE_MS),
    };
  });
  const memberIndex = new Map<string, number>();
  for (const m of members) memberIndex.set(`${groups[m.group]?.id}\u0000${m.id}`, m.index);
  const amqpConsumers = new Set((s.amqp?.consumers ?? []).map((c) => c.id));
  const amqpPublishers = new Set((s.amqp?.publishers ?? []).map((p) => p.id));
  const amqpTarget = (f: FaultSpec): AmqpFaultTarget | null => {
    if (f.kind === 'rabbitmqRestart') return { target: null };
    if (f.kind === 'connectionLoss') return { target: { consumer: f.consumer, member: f.member } };
    if ('group' in f && amqpConsumers.has(f.group))
      return { target: { consumer: f.group, member: f.member } };
    if (f.kind === 'poisonMessage' && amqpPublishers.has(f.producer))
      return { target: { publisher: f.producer } };
    return null;
  };
  const faults = s.faults
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.atMs - b.f.atMs || a.i - b.i)
    .map(({ f }, index): FaultModel => ({
      index,
      kind: f.kind,
      atUs: us(f.atMs),
      member: 'group' in f ? (memberIndex.get(`${f.group}\u0000${f.member}`) ?? -1) : -1,
      durationUs:
        f.kind === 'pause' ||
        f.kind === 'networkPartition' ||
        f.kind === 'connectionLoss' ||
        f.kind === 'txnCoordinatorFailover'
          ? us(f.durationMs)
          : 0,
      broker: f.kind === 'brokerDown' || f.kind === 'brokerUp' ? f.broker : -1,
      producer:
        f.kind === 'ackLoss' || f.kind === 'poisonMessage' || f.kind === 'producerRestart'
          ? s.producers.findIndex((p) => p.id === f.producer)
          : -1,
      count: f.kind === 'ackLoss' ? f.count : f.kind === 'addPartitions' ? f.partitions : 0,
      topic: f.kind === 'addPartitions' ? topicOf(f.topic) : -1,
      between: f.kind === 'networkPartition' ? f.between : null,
      amqp: amqpTarget(f),
    }));
  const cluster = compileCluster(
    s,
    topics.map((t) => t.firstGp),
    gpCount,
    seedOf(s, seed),
  );
  for (const p of producers) p.requestPath = cluster.detailed;
  const followers = cluster.followerGp.length;
  const watches = cluster.watchedGp.length;
  // The transaction coordinator's timeout watch exists only when a group is transactional, and
  // the log manager's retention check only when a topic has retention: every other scenario
  // keeps its actor layout (and its event log).
  const txnActors =
    groups.some((g) => g.transactional) || producers.some((p) => p.transactionalId !== null)
      ? 1
      : 0;
  const sourceCount = producers.length + groups.length + (s.amqp?.consumers.length ?? 0);
  const retention = compileRetention(s, sourceRecordBytes(s, sourceCount));
  const offsetsRetention = compileOffsetsRetention(s);
  const compaction = compileCompaction(
    s,
    topics.map((t) => t.firstGp),
  );
  const kafkaActors =
    2 +
    groups.length +
    members.length * 2 +
    producers.length +
    followers +
    watches +
    txnActors +
    (retention ? 1 : 0) +
    (compaction ? 1 : 0) +
    (offsetsRetention ? 1 : 0);
  const amqp = compileAmqp(s, seedOf(s, seed), kafkaActors);
  const eventStore = compileEventStore(s, seedOf(s, seed), kafkaActors + (amqp?.actorCount ?? 0));
  const streams = compileStreams(
    s,
    kafkaActors + (amqp?.actorCount ?? 0) + (eventStore?.actorCount ?? 0),
  );
  // Saga orchestrators' actors come after the stream jobs'.
  const sagas = compileSagas(
    s.sagas,
    kafkaActors +
      (amqp?.actorCount ?? 0) +
      (eventStore?.actorCount ?? 0) +
      (streams?.actorCount ?? 0),
  );
  const steps = partitionSteps(faults);
  for (const p of producers) p.views = producerViews(p, steps);
  const model: Model = {
    cluster,
    seed: seedOf(s, seed),
    scenario: s,
    topics,
    topicIndex,
    gpTopic,
    gpPartition,
    producers,
    groups,
    members,
    faults,
    groupIndex: new Map(groups.map((g) => [g.id, g.index])),
    producerIndex: new Map(producers.map((p) => [p.id, p.index])),
    ...internKeys(producers),
    sourceIndex: new Map(
      [
        ...producers.map((p) => p.id),
        ...groups.map((g) => g.id),
        ...(s.amqp?.consumers ?? []).map((c) => c.id),
      ].map((id, i) => [id, i]),
    ),
    actorCount:
      kafkaActors +
      (amqp?.actorCount ?? 0) +
      (eventStore?.actorCount ?? 0) +
      (streams?.actorCount ?? 0) +
      (sagas?.actorCount ?? 0),
    kafkaActors,
    amqp,
    eventStore,
    streams,
    sagas,
    retention,
    offsetsRetention,
    partitionSteps: steps,
    partitionNotices: [],
    compaction,
  };
  model.partitionNotices = partitionNotices(model, steps);
  return model;
}

export function compileProducer(
  p: Scenario['producers'][number],
  index: number,
  topic: number,
  partitions: number,
  seed: number,
): ProducerModel {
  const k = p.keys;
  let keyNames: string[] = [];
  let zipfCdf: Float64Array | null = null;
  if (k.kind === 'fixed') keyNames = k.keys.slice();
  if (k.kind === 'uniform' || k.kind === 'zipf') {
    const prefix = k.prefix ?? 'key-';
    keyNames = Array.from({ length: k.count }, (_, i) => `${prefix}${i}`);
  }
  if (k.kind === 'zipf') {
    const s = k.exponent ?? 1;
    zipfCdf = new Float64Array(k.count);
    let sum = 0;
    for (let i = 0; i < k.count; i++) zipfCdf[i] = sum += 1 / Math.pow(i + 1, s);
    for (let i = 0; i < k.count; i++) zipfCdf[i] = (zipfCdf[i] ?? 0) / sum;
  }
  const recordBytes = p.recordBytes ?? 200;
  const batchSize = p.config?.['batch.size'] ?? 16384;
  return {
    index,
    id: p.id,
    topic,
    constantRate: p.rate.kind === 'constant',
    perSec: p.rate.perSec,
    bursts: (p.rate.bursts ?? []).map((b) => ({
      startUs: us(b.atMs),
      endUs: us(b.atMs + b.durationMs),
      multiplier: b.multiplier,
    })),
    keys: k,
    zipfCdf,
    keyNames,
    tombstoneShare: p.tombstoneShare ?? 0,
    outOfOrdernessMs: p.outOfOrdernessMs ?? -1,
    keyPartitions: Int32Array.from(keyNames, (name) => partitionForKey(name, partitions)),
    keyIdOf: new Int32Array(keyNames.length),
    sendKey: (p.sendKey ?? true) && k.kind !== 'null',
    keyField: p.keyField ?? 'key',
    streamKey: streamKey(seed, producerStream(index)),
    eventType: p.eventType,
    partition: p.partition ?? null,
    stickyBatchRecords: Math.max(1, Math.ceil(batchSize / recordBytes)),
    startUs: us(p.startMs ?? 0),
    stopUs: p.stopMs === undefined ? Number.POSITIVE_INFINITY : us(p.stopMs),
    ...deliverySettings(p.config ?? {}),
    transactionalId: p.config?.['transactional.id'] ?? null,
    txnTimeoutUs: us(p.config?.['transaction.timeout.ms'] ?? 60_000),
    txnRecords: p.transactionRecords ?? 10,
  };
}

/**
 * Kafka's producer defaults (3.x): acks=all, retries=MAX_INT, retry.backoff.ms=100,
 * request.timeout.ms=30000, delivery.timeout.ms=120000, linger.ms=0,
 * max.in.flight.requests.per.connection=5, and idempotence on unless a conflicting setting
 * (acks other than all, more than 5 in flight, retries=0) is given without enabling it.
 */
function deliverySettings(c: ProducerConfig) {
  const acks = c.acks === '0' ? 0 : c.acks === '1' ? 1 : -1;
  const retries = c.retries ?? 2147483647;
  const maxInFlight = c['max.in.flight.requests.per.connection'] ?? 5;
  return {
    requestPath: false,
    acks,
    // A transactional.id needs idempotence (the parser refuses settings that would disable it).
    idempotent:
      c['transactional.id'] !== undefined ||
      (c['enable.idempotence'] ?? (acks === -1 && maxInFlight <= 5 && retries > 0)),
    retries,
    retryBackoffUs: us(c['retry.backoff.ms'] ?? 100),
    requestTimeoutUs: us(c['request.timeout.ms'] ?? 30_000),
    deliveryTimeoutUs: us(c['delivery.timeout.ms'] ?? 120_000),
    lingerUs: us(c['linger.ms'] ?? 0),
    maxInFlight,
    metadataMaxAgeUs: us(c['metadata.max.age.ms'] ?? METADATA_MAX_AGE_MS),
    views: null,
  };
}

/** Actor indices (see Model.actorCount). */
export const FAULT_ACTOR = 0;
export const NETWORK_ACTOR = 1;
export const expiryActor = (_m: Model, member: number) => 2 + member;
export const producerActor = (m: Model, p: number) => 2 + m.members.length + p;
export const followerActor = (m: Model, f: number) => 2 + m.members.length + m.producers.length + f;
export const isrWatchActor = (m: Model, w: number) =>
  2 + m.members.length + m.producers.length + m.cluster.followerGp.length + w;
export const memberActor = (m: Model, member: number) =>
  2 +
  m.members.length +
  m.producers.length +
  m.cluster.followerGp.length +
  m.cluster.watchedGp.length +
  member;
export const coordinatorActor = (m: Model, group: number) =>
  memberActor(m, m.members.length) + group;
/** Whether the model has the transaction coordinator's watch (a group or producer is transactional). */
export const hasTxnActor = (m: Model) =>
  m.groups.some((g) => g.transactional) || m.producers.some((p) => p.transactionalId !== null);
/** The transaction coordinator's timeout watch (only when a group is transactional). */
export const txnCoordinatorActor = (m: Model) => coordinatorActor(m, m.groups.length);
/** The log manager's retention check (only when Model.retention is set), after the watch. */
export const retentionActor = (m: Model) =>
  coordinatorActor(m, m.groups.length) + (hasTxnActor(m) ? 1 : 0);
/** The log cleaner (only when Model.compaction is set), after the retention check. */
export const cleanerActor = (m: Model) => retentionActor(m) + 1;
/**
 * The group coordinator's offsets cleanup (only when Model.offsetsRetention is set), last:
 * after the retention check and the log cleaner.
 */
export const offsetsExpiryActor = (m: Model) =>
  retentionActor(m) + (m.retention ? 1 : 0) + (m.compaction ? 1 : 0);
/** Interns every producer's keys into one table and fills each producer's keyIdOf. */
function internKeys(producers: ProducerModel[]): { keys: string[]; keyIds: Map<string, number> } {
  const keys: string[] = [];
  const keyIds = new Map<string, number>();
  for (const p of producers) {
    p.keyNames.forEach((name, i) => {
      let id = keyIds.get(name);
      if (id === undefined) {
        id = keys.length;
        keys.push(name);
        keyIds.set(name, id);
      }
      p.keyIdOf[i] = id;
    });
  }
  return { keys, keyIds };
}
