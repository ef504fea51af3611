import type { LogRecord, ProduceFailed, ProduceRequested, SimEvent } from './events';
import { NetSends } from './network';
import { topicName } from './names';
import { eventTimeMs, isTombstone, nextKeyAndPartition, nextSendUs } from './producer';
import { nextRecordTxn, txnDue, txnProducerStep } from './producerTxn';
import type { SimState } from './state';
import type { Batch, ProducerRequests } from './stateCluster';

/**
 * A producer on the request path, one step at a time, as KafkaProducer's sender thread works:
 * time out requests, then send the next batch a partition's queue allows (see `nextSend`),
 * then create the next record at the producer's rate.
 */
export function requestStep(s: SimState, pi: number, t: number): SimEvent[] {
  const pm = s.model.producers[pi]!;
  const req = s.producers[pi]!.req!;
  if (req.txn !== null) {
    const txn = txnProducerStep(s, pi, t);
    if (txn) return txn;
  }
  // The common case, one record per step: no batch timer is due.
  if (req.timersUs > t) return [createRecord(s, pi, t)];
  for (const b of req.batches.values()) {
    if (b.sentUs >= 0 && b.sentUs + pm.requestTimeoutUs <= t) return timedOut(s, pi, b, t);
  }
  const next = nextSend(s, pi);
  if (next.dueUs <= t) {
    if (next.batch) return send(s, pi, next.batch, t);
    const open = req.open.get(next.gp)!;
    // A partition whose numbering belongs to an older epoch restarts at 0 (no batch of it is
    // pending: nextSend waits for that).
    const fresh = pm.idempotent && req.partEpoch[next.gp] !== req.epoch;
    const b: Batch = {
      id: req.nextBatchId,
      gp: next.gp,
      records: open.records,
      seq: fresh ? 0 : req.nextSeq[next.gp]!,
      epoch: req.epoch,
      createdUs: open.openedUs,
      attempt: 0,
      sentUs: -1,
      retryAtUs: -1,
      broker: -1,
      failSeq: 0,
    };
    return send(s, pi, b, t);
  }
  if (req.genUs <= t) return [createRecord(s, pi, t)];
  throw new Error(`producer ${pm.id} woke at ${t}µs with nothing to do`);
}

/**
 * A request timed out: Kafka's NetworkClient disconnects from the broker, which fails every
 * other request in flight on that connection too (NETWORK_EXCEPTION); all are retried.
 */
function timedOut(s: SimState, pi: number, b: Batch, t: number): SimEvent[] {
  const out: SimEvent[] = [failed(s, pi, b, t, 'REQUEST_TIMED_OUT', -1)];
  for (const o of s.producers[pi]!.req!.batches.values())
    if (o !== b && o.sentUs >= 0 && o.broker === b.broker)
      out.push(failed(s, pi, o, t, 'NETWORK_EXCEPTION', -1));
  return out;
}

/** Scratch for nextSend: per global partition, the step stamp at which it was last seen. */
let seenStamp = new Int32Array(0);
let retryStamp = new Int32Array(0);
let held = new Uint8Array(0);
let stamp = 0;
const heads: (Batch | undefined)[] = [];
const touched: number[] = [];

/**
 * The next send a producer's partition queues allow, and when: Kafka's RecordAccumulator keeps
 * one deque per partition and drains only its head. A batch waiting for its retry goes back to
 * the head (reenqueue), so nothing behind it may overtake it: the partition waits for its
 * retry.backoff.ms. At most max.in.flight.requests.per.connection batches of a partition are in
 * flight (with 1, Kafka mutes the partition while a batch is in flight: order holds without
 * idempotence). With idempotence a retried batch goes out only when it is the partition's
 * first pending sequence (Sender.shouldStopDrainBatchesForPartition), and after an epoch bump a
 * partition starts its new numbering only once its older batches are done.
 * `batch` null with a finite due time: the partition `gp`'s open batch.
 */
export function nextSend(
  s: SimState,
  pi: number,
): { dueUs: number; batch: Batch | null; gp: number } {
  const pm = s.model.producers[pi]!;
  const req = s.producers[pi]!.req!;
  const n = req.inFlight.length;
  if (seenStamp.length < n) {
    seenStamp = new Int32Array(n);
    retryStamp = new Int32Array(n);
    held = new Uint8Array(n);
    stamp = 0;
  }
  if (++stamp === 0x7fffffff) {
    seenStamp.fill(0);
    retryStamp.fill(0);
    stamp = 1;
  }
  let dueUs = Number.POSITIVE_INFINITY;
  let batch: Batch | null = null;
  let gp = -1;
  // Batches iterate in id order, which is each partition's queue order. Per partition, the
  // head retry: with idempotence the first in sequence (insertInSequenceOrder), held back
  // while an earlier batch is still in flight; without, the batch that failed last (Kafka
  // re-enqueues with addFirst: batches failing one after another go back in reverse order).
  touched.length = 0;
  for (const b of req.batches.values()) {
    const first = seenStamp[b.gp] !== stamp;
    seenStamp[b.gp] = stamp;
    if (b.sentUs >= 0 || b.retryAtUs < 0) continue;
    if (retryStamp[b.gp] !== stamp) {
      retryStamp[b.gp] = stamp;
      touched.push(b.gp);
      heads[b.gp] = b;
      held[b.gp] = pm.idempotent && !first ? 1 : 0;
    } else if (!pm.idempotent && b.failSeq > heads[b.gp]!.failSeq) heads[b.gp] = b;
  }
  for (const g of touched) {
    const b = heads[g]!;
    heads[g] = undefined;
    if (held[g] || req.inFlight[g]! >= pm.maxInFlight) continue;
    if (b.retryAtUs < dueUs) {
      dueUs = b.retryAtUs;
      batch = b;
      gp = g;
    }
  }
  for (const [g, open] of req.open) {
    if (retryStamp[g] === stamp || req.inFlight[g]! >= pm.maxInFlight) continue;
    if (pm.idempotent && req.partEpoch[g] !== req.epoch && seenStamp[g] === stamp) continue;
    const due = req.txn?.flushing ? open.openedUs : openDueUs(pm, open);
    if (due < dueUs) {
      dueUs = due;
      batch = null;
      gp = g;
    }
  }
  return { dueUs, batch, gp };
}

/** A new record into the accumulator (the request path's recordAppended). */
function createRecord(s: SimState, pi: number, t: number): SimEvent {
  const { pm, p, key0, topic, entity, key, partition, keyId } = nextKeyAndPartition(s, pi, t);
  const next = nextSendUs(pm, t, key0, p.sent);
  const eventId = s.nextEventId;
  const rec: SimEvent = {
    type: 'recordSent',
    timeUs: t,
    producer: pm.id,
    key,
    entity,
    keyId,
    eventId,
    eventType: pm.eventType,
    causationId: null,
    correlationId: eventId,
    topic: topic.name,
    partition,
    nextSendUs: Number.isFinite(next) ? next : null,
  };
  if (s.cluster.poisonNext[pi]) rec.poison = true;
  if (isTombstone(pm, key, key0, p.sent)) rec.tombstone = true;
  if (pm.outOfOrdernessMs >= 0) rec.eventTimeMs = eventTimeMs(pm, t, key0, p.sent);
  if (pm.transactionalId !== null) rec.txn = nextRecordTxn(s, pi);
  return rec;
}

/** Sends a batch (new or retried) to the partition's leader as the producer knows it. */
function send(s: SimState, pi: number, b: Batch, t: number): SimEvent[] {
  const pm = s.model.producers[pi]!;
  const leader = s.cluster.replicas[b.gp]!.leader;
  const attempt = b.attempt + 1;
  const arriveUs = new NetSends(s).send(pi, leader, t, true);
  const ev: ProduceRequested = {
    type: 'produceRequested',
    timeUs: t,
    producer: pm.id,
    batch: b.id,
    ...topicName(s, b.gp),
    attempt,
    seq: b.seq,
    epoch: b.epoch,
    count: b.records.length,
    broker: leader,
    arriveUs,
  };
  if (pm.acks === 0 || leader >= 0) return [ev];
  // No leader known (the partition is offline): the send fails at once and waits to retry.
  return [ev, failed(s, pi, { ...b, attempt, sentUs: t }, t, 'LEADER_NOT_AVAILABLE', -1)];
}

/** An attempt failed: retry after retry.backoff.ms unless retries or delivery.timeout.ms ran out. */
export function failed(
  s: SimState,
  pi: number,
  b: Batch,
  t: number,
  error: string,
  msg: number,
): ProduceFailed {
  const pm = s.model.producers[pi]!;
  const req = s.producers[pi]!.req!;
  const retryAt = t + pm.retryBackoffUs;
  const giveUp = b.attempt > pm.retries || retryAt >= b.createdUs + pm.deliveryTimeoutUs;
  const ev: ProduceFailed = {
    type: 'produceFailed',
    timeUs: t,
    producer: pm.id,
    batch: b.id,
    attempt: b.attempt,
    ...topicName(s, b.gp),
    error,
    retryAtUs: giveUp ? null : retryAt,
    msg,
  };
  // KIP-360 (TransactionManager.canRetry): an out-of-order answer to the partition's first
  // pending batch is a real gap, not a batch overtaken by a retry: bump the epoch and go on.
  if (
    !giveUp &&
    pm.idempotent &&
    error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' &&
    firstPending(req, b.gp) === b.id
  )
    ev.epochBumped = req.epoch + 1;
  return ev;
}

/** The id of a partition's first pending batch (batches iterate in id order), -1 for none. */
export function firstPending(req: ProducerRequests, gp: number): number {
  for (const b of req.batches.values()) if (b.gp === gp) return b.id;
  return -1;
}

/** The earliest batch timer (evolve keeps it in `timersUs`; the wake is min(genUs, timersUs)). */
export function batchTimersUs(s: SimState, pi: number): number {
  const pm = s.model.producers[pi]!;
  const req = s.producers[pi]!.req!;
  // A transactional producer's init, fencing or commit is due now (txnProducerStep).
  if (req.txn !== null && txnDue(s, pi)) return 0;
  let w = nextSend(s, pi).dueUs;
  for (const b of req.batches.values())
    if (b.sentUs >= 0) w = Math.min(w, b.sentUs + pm.requestTimeoutUs);
  return w;
}

/** When an open batch must be sent: now if full, else when linger.ms runs out. */
export function openDueUs(
  pm: { stickyBatchRecords: number; lingerUs: number },
  open: { records: unknown[]; openedUs: number },
): number {
  return open.records.length >= pm.stickyBatchRecords ? open.openedUs : open.openedUs + pm.lingerUs;
}

export type { LogRecord };
