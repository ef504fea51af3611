import type { ProduceHandled, ProduceOutcome, SimEvent } from './events';
import { NetSends } from './network';
import { topicName } from './names';
import { failed } from './producerRequest';
import { leaderIdx } from './replication';
import { txnOwner, type SimState } from './state';
import { isrOf, type NetMessage } from './stateCluster';

/** The network actor: heals a partition whose time is up, or delivers the next message. */
export function networkStep(s: SimState, t: number): SimEvent[] {
  const c = s.cluster;
  const cut = c.cuts.reduce<(typeof c.cuts)[number] | null>(
    (a, x) => (!a || x.untilUs < a.untilUs ? x : a),
    null,
  );
  const msg = c.net[0];
  if (cut && (!msg || cut.untilUs <= msg.arriveUs))
    return [{ type: 'networkHealed', timeUs: t, between: [cut.client, cut.server] }];
  if (!msg) throw new Error(`network woke at ${t}µs with nothing to deliver`);
  return msg.kind === 'request' ? [handleRequest(s, msg, t)] : [handleResponse(s, msg, t)];
}

/** The wake time the network actor keeps. */
export function networkWakeUs(s: SimState): number {
  let w = s.cluster.net[0]?.arriveUs ?? Number.POSITIVE_INFINITY;
  for (const x of s.cluster.cuts) w = Math.min(w, x.untilUs);
  return w;
}

/** The leader handles a produce request (Kafka's ReplicaManager.appendRecords, in short). */
function handleRequest(
  s: SimState,
  m: Extract<NetMessage, { kind: 'request' }>,
  t: number,
): ProduceHandled {
  const pm = s.model.producers[m.producer]!;
  const gp = m.gp;
  const r = s.cluster.replicas[gp]!;
  const count = m.records.length;
  let outcome: ProduceOutcome = 'appended';
  let baseOffset = s.leo[gp]!;
  if (!s.cluster.brokersUp[m.broker]) outcome = 'broker down';
  else if (r.leader !== m.broker) outcome = 'NOT_LEADER_OR_FOLLOWER';
  else if (pm.acks === -1 && isrOf(s.model, s.cluster, gp).length < s.model.cluster.minIsr[gp]!)
    outcome = 'NOT_ENOUGH_REPLICAS';
  else if (pm.idempotent) {
    outcome = checkSequence(s, m);
    if (outcome === 'duplicate')
      baseOffset = s.producers[m.producer]!.req!.appended.get(m.batch)?.base ?? -1;
  }
  const appended = outcome === 'appended';
  const end = baseOffset + count;
  // With acks=all the answer waits for the ISR; a single-replica ISR has it at once.
  const hwNow =
    appended && isrOf(s.model, s.cluster, gp).length === 1 && leaderIdx(s, gp) >= 0
      ? end
      : s.hw[gp]!;
  const awaitingIsr = appended && pm.acks === -1 && hwNow < end;
  const ackLost =
    s.cluster.ackLoss[m.producer]! > 0 &&
    outcome !== 'broker down' &&
    pm.acks !== 0 &&
    !awaitingIsr;
  const responds = outcome !== 'broker down' && pm.acks !== 0 && !awaitingIsr;
  const responseUs = responds
    ? new NetSends(s).send(m.producer, m.broker, t, false, ackLost)
    : null;
  return {
    type: 'produceHandled',
    timeUs: t,
    producer: pm.id,
    batch: m.batch,
    attempt: m.attempt,
    ...topicName(s, gp),
    broker: m.broker,
    outcome,
    baseOffset,
    count,
    eventIds: m.records.map((r) => r.eventId),
    // A transactional producer's batch belongs to one transaction (an abort queues its records
    // again under a new number): the copy's transaction, which the recordSent does not tell.
    ...(m.records[0]?.txn !== undefined ? { txn: m.records[0].txn } : {}),
    responseUs,
    awaitingIsr,
    ackLost: responds && ackLost,
    msg: m.seq,
  };
}

/**
 * The leader's check of an idempotent producer's sequence numbers (Kafka's
 * ProducerAppendInfo.checkProducerEpoch and checkSequence): no entry for the producer (never
 * written, or truncated away) accepts any sequence; a newer epoch must start at 0; an older
 * epoch is fenced; in the same epoch the batch must follow the last one, and one already
 * written is a duplicate.
 */
function checkSequence(
  s: SimState,
  m: Extract<NetMessage, { kind: 'request' }>,
): 'appended' | 'duplicate' | 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'INVALID_PRODUCER_EPOCH' {
  const req = s.producers[m.producer]!.req!;
  if (m.pid !== req.producerId) {
    // Sent by an earlier session of a restarted producer (another producer id, whose entry
    // the leader keeps apart): its in-order batches append; only its own retry is a duplicate.
    const prev = req.appended.get(m.batch);
    return prev && prev.epoch === m.epoch && prev.seq === m.firstSeq ? 'duplicate' : 'appended';
  }
  // A transactional producer's epoch is the coordinator's: its bump wrote a marker with the new
  // epoch to every partition of the aborted transaction, so an older instance's batch is fenced.
  if (req.txn !== null && m.epoch < s.txn!.producers[txnOwner(s.model, m.producer)]!.epoch)
    return 'INVALID_PRODUCER_EPOCH';
  const epoch = s.cluster.seqEpoch[m.producer]![m.gp]!;
  if (epoch < 0) return 'appended';
  if (m.epoch < epoch) return 'INVALID_PRODUCER_EPOCH';
  if (m.epoch > epoch) return m.firstSeq === 0 ? 'appended' : 'OUT_OF_ORDER_SEQUENCE_NUMBER';
  // A duplicate is a batch the log holds with these very sequence numbers (Kafka matches the
  // producer's last batches' first and last sequence); anything else out of order is an error.
  const prev = req.appended.get(m.batch);
  if (prev && prev.epoch === m.epoch && prev.seq === m.firstSeq) return 'duplicate';
  const last = s.cluster.lastSeq[m.producer]![m.gp]!;
  return m.firstSeq === last + 1 ? 'appended' : 'OUT_OF_ORDER_SEQUENCE_NUMBER';
}

/** A response reaches the producer: an acknowledgement, an error to retry, or a stale answer. */
function handleResponse(
  s: SimState,
  m: Extract<NetMessage, { kind: 'response' }>,
  t: number,
): SimEvent {
  const pm = s.model.producers[m.producer]!;
  const b = s.producers[m.producer]!.req!.batches.get(m.batch);
  if (!b || b.attempt !== m.attempt || b.sentUs < 0) {
    return {
      type: 'staleResponse',
      timeUs: t,
      producer: pm.id,
      batch: m.batch,
      attempt: m.attempt,
      msg: m.seq,
    };
  }
  if (m.error) return failed(s, m.producer, b, t, m.error, m.seq);
  return {
    type: 'produceAcked',
    timeUs: t,
    producer: pm.id,
    batch: m.batch,
    attempt: m.attempt,
    ...topicName(s, m.gp),
    baseOffset: m.baseOffset,
    count: b.records.length,
    msg: m.seq,
  };
}
