import type { Model } from '../engine';
import {
  DEFAULT_MAX_FAILED_ATTEMPTS,
  DEFAULT_STUCK_AFTER_MS,
  type Anomaly,
  type AnomalyOptions,
} from './anomaly';
import type { AmqpSimEvent, EsSimEvent } from '../engine';
import type { ProducerRestarted } from '../engine/kafka/events';
import { AmqpWatch } from './amqpAnomalies';
import { AmqpFacts } from './amqpFacts';
import { EsWatch } from './esAnomalies';
import { appendDuplicateAnomaly, redeliveryAnomaly } from './duplicates';
import { tpName, type InsightEvent } from './events';
import { Facts, type PartitionFacts } from './facts';
import { EventNormalizer } from './normalize';
import { LossLedger } from './ledger';
import {
  ackedGoneAnomaly,
  recoveredAnomaly,
  skippedAnomaly,
  strandedAnomaly,
  truncationAnomalies,
} from './loss';
import { KeyOrder } from './reorder';
import { RetentionFacts } from './retention';
import { missedTombstoneAnomaly } from './compaction';
import { StuckWatch } from './stuck';
import { TxnWatch } from './transactions';

/**
 * Live anomaly detection: feed it the log one event at a time, in order, and it reports
 * duplicates, reordering, loss and stuck progress as they become visible, each with a
 * plain-language cause built from the events so far. The worker runs one while the simulation
 * streams; `detectAnomalies` runs one over a whole log. Both give the same list.
 *
 * Memory: per-partition and per-member facts, one entry per key (order), one per redelivered
 * offset still above the partition's held records, one per producer batch in flight, and the
 * records appended so far — until `release` lets go of those nobody can ask about any more.
 */
export class AnomalyDetector {
  private readonly facts: Facts;
  private readonly order = new KeyOrder();
  private readonly stuck: StuckWatch;
  private readonly found: Anomaly[] = [];
  /** Times each redelivered (group, partition, offset) was processed so far. */
  private readonly deliveries = new Map<string, number>();

  constructor(model: Model, options: AnomalyOptions = {}) {
    this.facts = new Facts(model);
    this.ledger = new LossLedger(model);
    this.txn =
      model.groups.some((g) => g.transactional) ||
      model.producers.some((p) => p.transactionalId !== null)
        ? new TxnWatch(model)
        : null;
    this.stuck = new StuckWatch(
      Math.round((options.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS) * 1000),
      options.maxFailedAttempts ?? DEFAULT_MAX_FAILED_ATTEMPTS,
    );
    this.amqp = model.amqp
      ? new AmqpWatch(
          new AmqpFacts(model),
          options.maxFailedAttempts ?? DEFAULT_MAX_FAILED_ATTEMPTS,
        )
      : null;
    this.es = model.eventStore ? new EsWatch(model) : null;
  }

  /** The event store's part (null in a run without an event store). */
  private readonly es: EsWatch | null;

  /** RabbitMQ's part (null in a run without RabbitMQ). */
  private readonly amqp: AmqpWatch | null;

  /** Transactions' dirty reads and duplicate outputs (null in a run without transactions). */
  private readonly txn: TxnWatch | null;

  /** Segment deletions by retention, to say which one took records a group lost. */
  private readonly retention = new RetentionFacts();
  private readonly normalizer = new EventNormalizer();
  private readonly ledger: LossLedger;
  /** Per partition and group: records counted as lost because nobody holds the partition. */
  private readonly stranded = new Map<PartitionFacts, number>();
  /**
   * Per producer batch that may still be appended (again): a request of it is on its way, or
   * its producer still holds it. Its first append's offset stays held: a retry appended again
   * is the log's duplicate of that record.
   */
  private readonly inFlight = new Map<string, InFlightBatch>();

  /** Looks at the event at `index` of the log; returns the anomalies it made visible. */
  push(event: InsightEvent, index: number): Anomaly[] {
    const out: Anomaly[] = [];
    for (const e of this.normalizer.expand(event)) out.push(...this.pushOne(e, index));
    return out;
  }

  /** Producer restarts so far, per producer (a new producer id each). */
  private readonly restarts = new Map<string, ProducerRestarted[]>();

  /** The producer's latest restart before this copy that came after the event was created. */
  private restartBefore(e: { producer: string; eventId: number; timeUs: number }) {
    const list = this.restarts.get(e.producer);
    if (!list) return null;
    for (let i = list.length - 1; i >= 0; i--) {
      const r = list[i]!;
      if (r.timeUs <= e.timeUs && e.eventId < r.firstNewEventId) return r;
    }
    return null;
  }

  private pushOne(e: InsightEvent, index: number): Anomaly[] {
    const facts = this.facts;
    const out = this.stuck.check(facts, e.timeUs, index);
    if (isAmqp(e)) {
      if (this.amqp) out.push(...this.amqp.push(e, index));
      for (const a of out) this.found.push(a);
      return out;
    }
    if (isEs(e)) {
      if (this.es) out.push(...this.es.push(e, index));
      for (const a of out) this.found.push(a);
      return out;
    }
    if (e.type === 'producerRestarted') {
      const list = this.restarts.get(e.producer);
      if (list) list.push(e);
      else this.restarts.set(e.producer, [e]);
    } else if (e.type === 'recordAppended') {
      const first = facts.records.byEventId(e.eventId);
      // A transactional producer sends an aborted transaction's records again: not a duplicate.
      const dup =
        first !== undefined &&
        first !== e &&
        first.producer === e.producer &&
        (first.txn === undefined || this.txn?.abortOf(first.txn) === undefined);
      if (dup) out.push(appendDuplicateAnomaly(facts, e, first, index, this.restartBefore(e)));
      const late = this.order.onAppended(facts, e, index, dup);
      if (late) out.push(late);
    } else if (e.type === 'recordProcessed') {
      if (e.redelivered) {
        // The event id too: a truncated offset holds another record after the truncation.
        const k = `${e.group}\u0000${tpName(e.topic, e.partition)}\u0000${e.offset}\u0000${e.eventId}`;
        const n = (this.deliveries.get(k) ?? 1) + 1;
        this.deliveries.set(k, n);
        out.push(redeliveryAnomaly(facts, e, index, n));
      }
      const late = this.order.onProcessed(facts, e, index);
      if (late) out.push(late);
    } else if (e.type === 'offsetsSkipped')
      out.push(skippedAnomaly(facts, e, index, this.retention));
    else if (e.type === 'segmentsDeleted') this.retention.deleted(e);
    else if (e.type === 'partitionsAdded') this.order.onPartitionsAdded(e, index);
    else if (e.type === 'tombstoneMissed') out.push(missedTombstoneAnomaly(e, index));
    else if (e.type === 'logTruncated') {
      const loss = this.ledger.truncated(e.topic, e.partition, e.fromOffset, e.toOffset);
      out.push(...truncationAnomalies(facts, e, loss, index));
    }
    if (this.txn) out.push(...this.txn.push(facts, e, index));
    out.push(...this.account(e, index));
    this.track(e);
    const touched = this.touched(e);
    facts.apply(e, index);
    if (e.type === 'logTruncated')
      this.order.onTruncated(e.topic, e.partition, e.fromOffset, e.toOffset);
    for (const pf of touched) this.strand(pf, e, out, index);
    // A loss an earlier anomaly already counted (a skip of records stranded at a crash): one entry.
    // (A missed tombstone has count 0 too, on purpose: the summary counts it apart.)
    const recount = (a: Anomaly) =>
      a.kind === 'lost' && a.count === 0 && a.cause !== 'missed-tombstone';
    if (out.some(recount)) {
      const kept = out.filter((a) => !recount(a));
      out.length = 0;
      out.push(...kept);
    }
    if (e.type === 'handlerFailed') {
      const pf = facts.partition(e.group, e.topic, e.partition);
      const poison = this.stuck.failure(facts, pf, e.timeUs, index);
      if (poison) out.push(poison);
    }
    for (const a of out) this.found.push(a);
    return out;
  }

  /** Feeds the loss ledger; returns acknowledged records found missing from the log. */
  private account(e: InsightEvent, index: number): Anomaly[] {
    const ledger = this.ledger;
    switch (e.type) {
      case 'recordSent':
        ledger.sent(e);
        break;
      case 'recordAppended':
        ledger.appended(e);
        break;
      case 'produceRequested': {
        const gone = ledger.requested(e);
        if (gone > 0) return [ackedGoneAnomaly(e, gone, index)];
        break;
      }
      case 'produceHandled':
        ledger.handled(e);
        break;
      case 'produceAcked': {
        const gone = ledger.ackedBatch(e, this.facts.records);
        if (gone > 0) return [ackedGoneAnomaly(e, gone, index)];
        break;
      }
      case 'produceFailed':
        ledger.failed(e);
        break;
      case 'producerRestarted':
        ledger.restarted(e);
        break;
      case 'recordProcessed':
        if (!e.redelivered && ledger.processed(e.group, e.topic, e.partition, e.offset))
          return [recoveredAnomaly(e, index)];
        break;
      case 'recordDeadLettered':
        // A zombie may dead-letter a record a commit had skipped: it was handled after all.
        if (ledger.processed(e.group, e.topic, e.partition, e.offset))
          return [recoveredAnomaly(e, index)];
        break;
      case 'partitionsAssigned':
        for (const tp of e.partitions) {
          const position = e.positions[tp];
          if (position === undefined) continue;
          const pf = this.facts.partitionByName(e.group, tp);
          ledger.assigned(e.group, pf.topic, pf.partition, position);
        }
        break;
      case 'offsetsSkipped':
        ledger.skipped(e);
        break;
      case 'logCleaned':
        // Holes: offsets no consumer reads any more, as the markers are.
        for (const o of e.removed)
          ledger.marker({ topic: e.topic, partition: e.partition, offset: o, from: o });
        break;
      case 'offsetsCommitted':
      case 'transactionCommitted':
        if (e.type === 'transactionCommitted') {
          for (const m of e.markers) ledger.marker(m);
          if (e.producer !== undefined) ledger.txnCommitted(e.producer);
        }
        for (const o of e.offsets) {
          ledger.commit(e.group, o.topic, o.partition, o.offset);
          ledger.passInvisible(e.group, o.topic, o.partition, this.facts.records);
        }
        break;
      case 'transactionAborted':
        ledger.aborted(e.txn, e.markers);
        if (e.producer !== undefined && e.reason === 'abortableError')
          ledger.txnSession(e.producer);
        break;
      case 'producerInitialized':
        if (e.aborted) ledger.aborted(e.aborted.txn, e.aborted.markers);
        if (e.producer !== undefined) ledger.txnSession(e.producer);
        break;
      case 'transactionFenced':
        if (e.producer !== undefined) ledger.txnSession(e.producer);
        break;
      default:
        break;
    }
    return [];
  }

  /** The partitions (per group) whose owner, commit or progress the event may change. */
  private touched(e: InsightEvent): PartitionFacts[] {
    const facts = this.facts;
    switch (e.type) {
      case 'recordProcessed':
      case 'recordDeadLettered':
      case 'offsetsSkipped':
        return [facts.partition(e.group, e.topic, e.partition)];
      case 'offsetsCommitted':
      case 'transactionCommitted':
        return e.offsets.map((o) => facts.partition(e.group, o.topic, o.partition));
      case 'partitionsAssigned':
      case 'partitionsRevoked':
      case 'consumerCrashed':
      case 'memberLeft':
      case 'memberJoining': {
        const owned = [...facts.member(e.group, e.member).owned];
        if (e.type === 'partitionsAssigned') owned.push(...e.partitions, ...e.revoked);
        if (e.type === 'partitionsRevoked') owned.push(...e.partitions);
        return owned.map((tp) => facts.partitionByName(e.group, tp));
      }
      case 'logTruncated': {
        const ti = facts.model.topicIndex.get(e.topic);
        if (ti === undefined) return [];
        return facts.model.topics[ti]!.subscribers.map((gi) =>
          facts.partition(facts.model.groups[gi]!.id, e.topic, e.partition),
        );
      }
      default:
        return [];
    }
  }

  /**
   * Keeps a partition's stranded records (committed past, unprocessed, no live holder) counted
   * as lost, as the engine's summary does: an increase is a loss now; a change on an event that
   * already reports a loss of the partition (the skip that makes it final) adjusts that count.
   */
  private strand(pf: PartitionFacts, e: InsightEvent, out: Anomaly[], index: number): void {
    // Fast path (most events): a held partition strands nothing, and none was counted.
    if (pf.owner !== null && !this.stranded.has(pf)) return;
    const now = this.ledger.stranded(pf.group, pf.topic, pf.partition, pf.owner !== null);
    const before = this.stranded.get(pf) ?? 0;
    if (now === before) return;
    if (now === 0) this.stranded.delete(pf);
    else this.stranded.set(pf, now);
    const delta = now - before;
    const same = out.find(
      (a) =>
        a.kind === 'lost' &&
        a.group === pf.group &&
        a.topic === pf.topic &&
        a.partition === pf.partition,
    );
    if (same) same.count += delta;
    else out.push(strandedAnomaly(pf, e, delta, now, index));
  }

  /** Follows producer batches that may still be appended (for `release`). */
  private track(e: InsightEvent): void {
    if (
      e.type !== 'produceRequested' &&
      e.type !== 'produceHandled' &&
      e.type !== 'produceAcked' &&
      e.type !== 'produceFailed'
    )
      return;
    const k = `${e.producer}\u0000${e.batch}`;
    let b = this.inFlight.get(k);
    if (!b) {
      if (e.type !== 'produceRequested') return;
      b = { topic: e.topic, partition: e.partition, base: -1, requests: 0, held: true };
      this.inFlight.set(k, b);
    }
    if (e.type === 'produceRequested') {
      if (e.arriveUs !== null) b.requests++;
      // acks=0: the producer forgets the batch once the request leaves.
      const pm = this.facts.model.producers[this.facts.model.producerIndex.get(e.producer) ?? -1];
      if (pm?.acks === 0) b.held = false;
    } else if (e.type === 'produceHandled') {
      b.requests--;
      if (e.outcome === 'appended' && b.base < 0) b.base = e.baseOffset;
    } else if (e.type === 'produceAcked' || e.retryAtUs === null) b.held = false;
    if (!b.held && b.requests <= 0) this.inFlight.delete(k);
  }

  /**
   * Lets go of the records nobody can ask about any more, bounding a long run's memory.
   * `floors[gp]` (per global partition of the model) must be the lowest offset the engine
   * state this log comes from may still read, from here on (`recordFloors` of the live state,
   * src/engine/retain.ts): records consumers process, acknowledgements check and truncations
   * cut are never below it. The detector holds more on its own account: each group's progress
   * (a skip names its first record) and the first append of batches that may be appended again.
   * The anomalies found stay exactly those found without releasing. Returns the records (and
   * RabbitMQ messages: AmqpFacts.release) released.
   */
  release(floors: ArrayLike<number>, minRelease?: number): number {
    const model = this.facts.model;
    const keep = new Map<string, number>();
    for (const b of this.inFlight.values()) {
      if (b.base < 0) continue;
      const k = `${b.topic}\u0000${b.partition}`;
      keep.set(k, Math.min(keep.get(k) ?? b.base, b.base));
    }
    let released = 0;
    for (let gp = 0; gp < model.gpTopic.length; gp++) {
      const topic = model.topics[model.gpTopic[gp]!]!.name;
      const partition = model.gpPartition[gp]!;
      const floor = Math.min(
        floors[gp] ?? 0,
        this.ledger.lowestDone(topic, partition),
        keep.get(`${topic}\u0000${partition}`) ?? Infinity,
      );
      const n = this.facts.records.release(topic, partition, floor, minRelease);
      if (n > 0)
        this.ledger.releaseAcked(topic, partition, this.facts.records.logStart(topic, partition));
      released += n;
    }
    if (released > 0) this.releaseDeliveries();
    if (this.amqp) released += this.amqp.release();
    return released;
  }

  /** Redeliveries counted below every partition's held records: never redelivered again. */
  private releaseDeliveries(): void {
    // Keys are group, "topic-partition", offset, event id.
    for (const k of this.deliveries.keys()) {
      const [, tp, offset] = k.split('\u0000');
      const dash = tp!.lastIndexOf('-');
      if (
        Number(offset) <
        this.facts.records.logStart(tp!.slice(0, dash), Number(tp!.slice(dash + 1)))
      )
        this.deliveries.delete(k);
    }
  }

  /** Records the detector holds (the memory bound's measure). */
  heldRecords(): number {
    return this.facts.records.held();
  }

  /** Everything found so far, in the order it became visible. */
  anomalies(): readonly Anomaly[] {
    return this.found;
  }
}

interface InFlightBatch {
  topic: string;
  partition: number;
  /** The offset of its first append, −1 before. */
  base: number;
  /** Requests of it on their way to a broker. */
  requests: number;
  /** Its producer still holds it (it may send it again). */
  held: boolean;
}

const isAmqp = (e: InsightEvent): e is AmqpSimEvent => e.type.startsWith('amqp.');
const isEs = (e: InsightEvent): e is EsSimEvent => e.type.startsWith('es.');

/** Runs a detector over a whole log (events[i] has index i). */
export function detectAnomalies(
  model: Model,
  events: readonly InsightEvent[],
  options?: AnomalyOptions,
): Anomaly[] {
  const d = new AnomalyDetector(model, options);
  events.forEach((e, i) => d.push(e, i));
  return [...d.anomalies()];
}
