import type { LogRecord, ProduceFailed, ProduceRequested, SimEvent } from './events';
import { NetSends } from './network';
import { topicName } from './names';
import { nextKeyAndPartition, nextSendUs } from './producer';
import type { SimState } from './state';
import type { Batch } from './stateCluster';

/**
 * A producer on the request path, one step at a time, as KafkaProducer's sender thread works:
 * time out requests, retry failed batches after retry.backoff.ms, send batches that are full or
 * whose linger.ms expired (at most max.in.flight.requests.per.connection per partition), and
 * create the next record at the producer's rate.
 */
export function requestStep(s: SimState, pi: number, t: number): SimEvent[] {
  const pm = s.model.producers[pi]!;
  const req = s.producers[pi]!.req!;
  // The common case, one record per step: no batch timer is due.
  if (req.timersUs > t) return [createRecord(s, pi, t)];
  for (const b of req.batches.values()) {
    if (b.sentUs >= 0 && b.sentUs + pm.requestTimeoutUs <= t)
      return [failed(s, pi, b, t, 'REQUEST_TIMED_OUT', -1)];
  }
  for (const b of req.batches.values()) {
    if (
      b.sentUs < 0 &&
      b.retryAtUs >= 0 &&
      b.retryAtUs <= t &&
      req.inFlight[b.gp]! < pm.maxInFlight
    )
      return send(s, pi, b, t);
  }
  for (const [gp, open] of req.open) {
    if (req.inFlight[gp]! >= pm.maxInFlight) continue;
    if (open.records.length >= pm.stickyBatchRecords || open.openedUs + pm.lingerUs <= t) {
      const b: Batch = {
        id: req.nextBatchId,
        gp,
        records: open.records,
        seq: req.nextSeq[gp]!,
        createdUs: open.openedUs,
        attempt: 0,
        sentUs: -1,
        retryAtUs: -1,
        appendedAt: -1,
      };
      return send(s, pi, b, t);
    }
  }
  if (req.genUs <= t) return [createRecord(s, pi, t)];
  throw new Error(`producer ${pm.id} woke at ${t}µs with nothing to do`);
}

/** A new record into the accumulator (the request path's recordAppended). */
function createRecord(s: SimState, pi: number, t: number): SimEvent {
  const { pm, p, key0, topic, entity, key, partition, keyId } = nextKeyAndPartition(s, pi);
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
  return rec;
}

/** Sends a batch (new or retried) to the partition's leader as the producer knows it. */
function send(s: SimState, pi: number, b: Batch, t: number): SimEvent[] {
  const pm = s.model.producers[pi]!;
  const leader = s.cluster.replicas[b.gp]!.leader;
  const attempt = b.attempt + 1;
  const arriveUs = new NetSends(s).send(pm.id, leader, t);
  const ev: ProduceRequested = {
    type: 'produceRequested',
    timeUs: t,
    producer: pm.id,
    batch: b.id,
    ...topicName(s, b.gp),
    attempt,
    seq: b.seq,
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
  const retryAt = t + pm.retryBackoffUs;
  const giveUp = b.attempt > pm.retries || retryAt >= b.createdUs + pm.deliveryTimeoutUs;
  return {
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
}

/** The earliest batch timer (evolve keeps it in `timersUs`; the wake is min(genUs, timersUs)). */
export function batchTimersUs(s: SimState, pi: number): number {
  const pm = s.model.producers[pi]!;
  const req = s.producers[pi]!.req!;
  let w = Number.POSITIVE_INFINITY;
  for (const b of req.batches.values()) {
    if (b.sentUs >= 0) w = Math.min(w, b.sentUs + pm.requestTimeoutUs);
    else if (b.retryAtUs >= 0 && req.inFlight[b.gp]! < pm.maxInFlight) w = Math.min(w, b.retryAtUs);
  }
  for (const [gp, open] of req.open) {
    if (req.inFlight[gp]! < pm.maxInFlight) w = Math.min(w, openDueUs(pm, open));
  }
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
