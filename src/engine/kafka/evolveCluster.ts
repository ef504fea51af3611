import { faultWakeUs } from './addPartitions';
import { forgetTruncatedOrder } from './appendOrder';
import type { AckResponse, SimEvent } from './events';
import { followerActor, isrWatchActor, NETWORK_ACTOR, producerActor, FAULT_ACTOR } from './model';
import { networkWakeUs } from './netStep';
import { batchTimersUs, openDueUs } from './producerRequest';
import { isrWatchDue, leaderIdx } from './replication';
import { gpOf, recordAt, txnOwner, type SimState } from './state';
import { dropSession, txnRecordSent } from './producerTxn';
import { txnRecordAppended } from './evolveTxn';
import { noteArrival, reconnect } from './network';
import { netPop, netPush, unacknowledged, type Batch } from './stateCluster';

type ClusterEvent = Extract<
  SimEvent,
  {
    type:
      | 'recordSent'
      | 'produceRequested'
      | 'produceHandled'
      | 'produceAcked'
      | 'produceFailed'
      | 'staleResponse'
      | 'replicaFetched'
      | 'isrChanged'
      | 'leaderElected'
      | 'brokerStopped'
      | 'brokerStarted'
      | 'networkPartitioned'
      | 'networkHealed'
      | 'ackLossArmed'
      | 'poisonArmed'
      | 'producerRestarted';
  }
>;

/**
 * evolve for brokers, replication, producer requests and the network. Part of `evolve` (the
 * only code that changes state), split out to keep each file about one concept. Hooks back into
 * the consumer side through `hooks` (HW advances wake idle consumers; truncation clamps them).
 */
export interface ClusterHooks {
  pushRecord(s: SimState, gp: number, rec: import('./events').LogRecord): void;
  hwAdvanced(s: SimState, gp: number, t: number): void;
  /** `lostRanges`: the acknowledged offsets [from, to) (flat pairs) the truncation removed. */
  truncated(s: SimState, gp: number, to: number, lostRanges: number[]): void;
  cutChanged(s: SimState, client: string, server: string, cut: boolean): void;
}

export function evolveCluster(s: SimState, e: ClusterEvent, hooks: ClusterHooks): void {
  const model = s.model;
  const c = s.cluster;
  switch (e.type) {
    case 'recordSent': {
      const pi = model.producerIndex.get(e.producer)!;
      const p = s.producers[pi]!;
      const req = p.req!;
      const gp = gpOf(model, e.topic, e.partition);
      let open = req.open.get(gp);
      if (!open) req.open.set(gp, (open = { records: [], openedUs: e.timeUs }));
      open.records.push(e);
      p.sent++;
      if (e.key === null && model.producers[pi]!.partition === null) {
        if (p.stickyPartition === e.partition) p.stickyCount++;
        else {
          p.stickyPartition = e.partition;
          p.stickyCount = 1;
        }
      }
      if (e.poison) c.poisonNext[pi] = 0;
      req.genUs = e.nextSendUs ?? Number.POSITIVE_INFINITY;
      if (e.eventId >= s.nextEventId) s.nextEventId = e.eventId + 1;
      s.produced++;
      if (req.txn !== null) {
        // Its transaction may be full now: the flush changes every timer.
        txnRecordSent(s, pi, e, e.timeUs);
        refreshProducer(s, pi, e.timeUs);
        return;
      }
      // Adding a record can only bring this partition's batch timer closer; while a retry
      // holds the partition it changes no timer; an epoch change needs the full look.
      const pm = model.producers[pi]!;
      if (pm.idempotent && req.partEpoch[gp] !== req.epoch) {
        refreshProducer(s, pi, e.timeUs);
        return;
      }
      if (req.inFlight[gp]! < pm.maxInFlight && req.retrying[gp] === 0)
        req.timersUs = Math.min(req.timersUs, wakeAt(e.timeUs, openDueUs(pm, open)));
      s.wake.set(producerActor(model, pi), Math.min(wakeAt(e.timeUs, req.genUs), req.timersUs));
      return;
    }
    case 'produceRequested': {
      const pi = model.producerIndex.get(e.producer)!;
      const pm = model.producers[pi]!;
      const req = s.producers[pi]!.req!;
      const gp = gpOf(model, e.topic, e.partition);
      let b = req.batches.get(e.batch);
      if (!b) {
        const open = req.open.get(gp)!;
        b = {
          id: e.batch,
          gp,
          records: open.records,
          seq: e.seq,
          epoch: e.epoch,
          createdUs: open.openedUs,
          attempt: 0,
          sentUs: -1,
          retryAtUs: -1,
          broker: e.broker,
          failSeq: 0,
        };
        req.open.delete(gp);
        req.nextBatchId = Math.max(req.nextBatchId, e.batch + 1);
        req.nextSeq[gp] = e.seq + b.records.length;
        req.partEpoch[gp] = e.epoch;
        req.batches.set(b.id, b);
      } else if (b.retryAtUs >= 0) req.retrying[gp]!--;
      b.attempt = e.attempt;
      b.retryAtUs = -1;
      b.broker = e.broker;
      c.netSeq++;
      noteArrival(s, pi, e.broker, true, e.arriveUs);
      if (e.arriveUs !== null) {
        netPush(c, {
          kind: 'request',
          arriveUs: e.arriveUs,
          seq: c.netSeq - 1,
          producer: pi,
          batch: b.id,
          attempt: e.attempt,
          gp,
          broker: e.broker,
          firstSeq: b.seq,
          epoch: b.epoch,
          pid: req.producerId,
          records: b.records,
        });
      }
      if (pm.acks === 0) {
        // acks=0: the producer counts a record as sent the moment it leaves.
        req.batches.delete(b.id);
        c.acknowledged += b.records.length;
        if (e.arriveUs === null) c.lostAcked += b.records.length;
      } else {
        b.sentUs = e.timeUs;
        req.inFlight[gp]!++;
      }
      refreshProducer(s, pi, e.timeUs);
      s.wake.set(NETWORK_ACTOR, networkWakeUs(s));
      return;
    }
    case 'produceHandled':
      handled(s, e, hooks);
      return;
    case 'produceAcked': {
      popMsg(s, e.msg);
      const pi = model.producerIndex.get(e.producer)!;
      const req = s.producers[pi]!.req!;
      const b = req.batches.get(e.batch)!;
      req.batches.delete(e.batch);
      req.inFlight[b.gp]!--;
      c.acknowledged += e.count;
      const still =
        e.baseOffset >= 0 &&
        e.baseOffset + e.count <= s.leo[b.gp]! &&
        recordAt(s, b.gp, e.baseOffset)?.eventId === b.records[0]?.eventId;
      if (still) addRange(c.acked[b.gp]!, e.baseOffset, e.baseOffset + e.count);
      else c.lostAcked += e.count; // acknowledged, yet no longer in the log (truncated meanwhile)
      refreshProducer(s, pi, e.timeUs);
      s.wake.set(NETWORK_ACTOR, networkWakeUs(s));
      return;
    }
    case 'produceFailed': {
      if (e.msg >= 0) popMsg(s, e.msg);
      const pi = model.producerIndex.get(e.producer)!;
      const req = s.producers[pi]!.req!;
      const b = req.batches.get(e.batch)!;
      if (b.sentUs >= 0) req.inFlight[b.gp]!--;
      b.sentUs = -1;
      if (e.retryAtUs === null) {
        req.batches.delete(e.batch);
        c.failedSends += b.records.length;
        if (req.txn !== null) req.txn.failed = true;
      } else {
        if (b.retryAtUs < 0) req.retrying[b.gp]!++;
        b.retryAtUs = e.retryAtUs;
        b.failSeq = ++req.failSeq;
      }
      if (e.epochBumped !== undefined) bumpEpoch(req, b.gp, e.epochBumped);
      // Kafka closes a connection whose request timed out; the next send opens a new one.
      if (e.error === 'REQUEST_TIMED_OUT') reconnect(s, pi, b.broker);
      refreshProducer(s, pi, e.timeUs);
      s.wake.set(NETWORK_ACTOR, networkWakeUs(s));
      return;
    }
    case 'staleResponse':
      popMsg(s, e.msg);
      s.wake.set(NETWORK_ACTOR, networkWakeUs(s));
      return;
    case 'replicaFetched': {
      const gp = gpOf(model, e.topic, e.partition);
      const idx = model.cluster.replicas[gp]!.indexOf(e.broker);
      const r = c.replicas[gp]!;
      r.rleo[idx] = e.leo;
      if (e.leo >= s.leo[gp]!) r.lastCaughtUpUs[idx] = e.timeUs;
      setHw(s, gp, e.highWatermark, e.timeUs, e.acks, hooks);
      const f = followerOf(s, gp, idx);
      const more = e.leo < s.leo[gp]! && r.leader >= 0 && c.brokersUp[e.broker] === 1;
      s.wake.set(
        followerActor(model, f),
        more ? e.timeUs + model.cluster.replicaFetchUs : Number.POSITIVE_INFINITY,
      );
      refreshWatch(s, gp, e.timeUs);
      return;
    }
    case 'isrChanged': {
      const gp = gpOf(model, e.topic, e.partition);
      const reps = model.cluster.replicas[gp]!;
      const r = c.replicas[gp]!;
      reps.forEach((b, i) => {
        const now = e.isr.includes(b) ? 1 : 0;
        if (now && !r.inIsr[i]) r.lastCaughtUpUs[i] = e.timeUs;
        r.inIsr[i] = now;
      });
      setHw(s, gp, e.highWatermark, e.timeUs, e.acks, hooks);
      refreshWatch(s, gp, e.timeUs);
      return;
    }
    case 'leaderElected': {
      const gp = gpOf(model, e.topic, e.partition);
      const reps = model.cluster.replicas[gp]!;
      const r = c.replicas[gp]!;
      const from = s.leo[gp]!;
      if (e.truncatedTo !== null) truncate(s, gp, e.truncatedTo, hooks);
      // acks=all requests waiting at the old leader die with it (its purgatory): no answer
      // comes, the producer times out and retries (a duplicate without idempotence).
      c.pendingAcks[gp] = [];
      r.leader = e.leader;
      r.epoch = e.epoch;
      reps.forEach((b, i) => (r.inIsr[i] = e.isr.includes(b) ? 1 : 0));
      const li = leaderIdx(s, gp);
      if (li >= 0) r.rleo[li] = s.leo[gp]!;
      if (e.highWatermark > s.hw[gp]!) setHw(s, gp, e.highWatermark, e.timeUs, [], hooks);
      else s.hw[gp] = Math.min(s.hw[gp]!, e.highWatermark);
      const cm = model.cluster;
      for (let f = 0; f < cm.followerGp.length; f++)
        if (cm.followerGp[f] === gp) s.wake.set(followerActor(model, f), Number.POSITIVE_INFINITY);
      wakeFollowers(s, gp, e.timeUs);
      refreshWatch(s, gp, e.timeUs);
      void from;
      return;
    }
    case 'brokerStopped': {
      c.brokersUp[e.broker] = 0;
      const cm = model.cluster;
      for (let f = 0; f < cm.followerGp.length; f++) {
        if (cm.replicas[cm.followerGp[f]!]![cm.followerIdx[f]!] === e.broker)
          s.wake.set(followerActor(model, f), Number.POSITIVE_INFINITY);
      }
      nextFault(s);
      return;
    }
    case 'brokerStarted': {
      c.brokersUp[e.broker] = 1;
      for (let gp = 0; gp < c.replicas.length; gp++)
        if (model.cluster.replicas[gp]!.includes(e.broker)) wakeFollowers(s, gp, e.timeUs);
      nextFault(s);
      return;
    }
    case 'networkPartitioned':
      c.cuts.push({ client: e.between[0], server: e.between[1], untilUs: e.untilUs });
      hooks.cutChanged(s, e.between[0], e.between[1], true);
      s.wake.set(NETWORK_ACTOR, networkWakeUs(s));
      nextFault(s);
      return;
    case 'networkHealed': {
      const i = c.cuts.findIndex((x) => x.client === e.between[0] && x.server === e.between[1]);
      if (i >= 0) c.cuts.splice(i, 1);
      hooks.cutChanged(s, e.between[0], e.between[1], false);
      s.wake.set(NETWORK_ACTOR, networkWakeUs(s));
      return;
    }
    case 'ackLossArmed':
      c.ackLoss[model.producerIndex.get(e.producer)!]! += e.count;
      nextFault(s);
      return;
    case 'poisonArmed':
      c.poisonNext[model.producerIndex.get(e.producer)!] = 1;
      nextFault(s);
      return;
    case 'producerRestarted':
      restartProducer(s, model.producerIndex.get(e.producer)!, e);
      nextFault(s);
      return;
  }
}

/**
 * The new producer session: a fresh producer id at epoch 0 (the leader holds no entry for it),
 * new connections, and every record the old session had not seen acknowledged queued again,
 * per partition in the order it was sent, as one batch numbered from sequence 0. They go out as retries do (nextSend), ahead of newer records. Requests of
 * the old session still in the network are answered to no one (staleResponse).
 */
function restartProducer(
  s: SimState,
  pi: number,
  e: Extract<SimEvent, { type: 'producerRestarted' }>,
): void {
  const req = s.producers[pi]!.req!;
  if (req.txn !== null) {
    // A transactional producer's new instance: initTransactions comes first (producerTxn.ts).
    dropSession(s, pi);
    s.txn!.producers[txnOwner(s.model, pi)]!.initDue = true;
    for (let b = 1; b <= s.model.cluster.brokers; b++) reconnect(s, pi, b);
    refreshProducer(s, pi, e.timeUs);
    return;
  }
  for (const b of req.batches.values()) {
    const appended = req.appended.has(b.id) ? 1 : 0;
    for (const r of b.records) if (!req.resent.has(r.eventId)) req.resent.set(r.eventId, appended);
  }
  const queues = new Map(unacknowledged(req));
  req.batches.clear();
  req.open.clear();
  req.inFlight.fill(0);
  req.retrying.fill(0);
  req.nextSeq.fill(0);
  req.partEpoch.fill(0);
  req.epoch = 0;
  req.producerId = e.producerId;
  s.cluster.nextProducerId = e.producerId + 1;
  s.cluster.lastSeq[pi]!.fill(-1);
  s.cluster.seqEpoch[pi]!.fill(-1);
  for (const rb of e.batches) {
    const gp = gpOf(s.model, rb.topic, rb.partition);
    const records = queues.get(gp)!;
    const seq = req.nextSeq[gp]!;
    const chunk = records.slice(seq, seq + rb.count);
    if (chunk[0]?.eventId !== rb.first || chunk.length !== rb.count)
      throw new Error(
        `invariant: resent batch ${rb.batch} does not match the unacknowledged records`,
      );
    req.batches.set(rb.batch, {
      id: rb.batch,
      gp,
      records: chunk,
      seq,
      epoch: 0,
      createdUs: e.timeUs,
      attempt: 0,
      sentUs: -1,
      retryAtUs: e.timeUs,
      broker: -1,
      failSeq: 0,
    });
    req.nextBatchId = rb.batch + 1;
    req.retrying[gp]!++;
    req.nextSeq[gp] = seq + rb.count;
  }
  for (let b = 1; b <= s.model.cluster.brokers; b++) reconnect(s, pi, b);
  refreshProducer(s, pi, e.timeUs);
}

function handled(
  s: SimState,
  e: Extract<SimEvent, { type: 'produceHandled' }>,
  hooks: ClusterHooks,
): void {
  const model = s.model;
  const c = s.cluster;
  const m = popMsg(s, e.msg);
  if (m.kind !== 'request') throw new Error('invariant: produceHandled for a non-request message');
  const pi = m.producer;
  const pm = model.producers[pi]!;
  const gp = m.gp;
  const responds = e.outcome !== 'broker down' && pm.acks !== 0 && !e.awaitingIsr;
  if (responds) c.netSeq++;
  if (e.ackLost) c.ackLoss[pi]!--;
  if (e.outcome === 'appended') {
    if (e.baseOffset !== s.leo[gp])
      throw new Error(`invariant: batch append at ${e.baseOffset}, log-end offset ${s.leo[gp]}`);
    const req = s.producers[pi]!.req!;
    const first = !req.appended.has(m.batch);
    if (first)
      req.appended.set(m.batch, {
        gp,
        base: e.baseOffset,
        seq: m.firstSeq,
        epoch: m.epoch,
        count: m.records.length,
      });
    else c.logDuplicates += m.records.length;
    const resent = first && req.resent.size > 0;
    let max = c.appendMax[pi];
    if (!max) c.appendMax[pi] = max = new Float64Array(model.keys.length).fill(-1);
    for (let i = 0; i < m.records.length; i++) {
      const rec = m.records[i]!;
      hooks.pushRecord(s, gp, rec);
      if (rec.txn !== undefined) txnRecordAppended(s, rec, gp, e.baseOffset + i, e.timeUs);
      // A record a restart sent again: a second copy in the log is a duplicate (not a reordering).
      const copies = resent ? req.resent.get(rec.eventId) : undefined;
      if (copies !== undefined) {
        req.resent.set(rec.eventId, copies + 1);
        if (copies > 0) {
          c.logDuplicates++;
          continue;
        }
      }
      if (first && rec.keyId >= 0) {
        if (max[rec.keyId]! > rec.eventId) c.reorderedInLog++;
        else max[rec.keyId] = rec.eventId;
      }
    }
    if (pm.idempotent && m.pid === req.producerId) {
      c.lastSeq[pi]![gp] = m.firstSeq + m.records.length - 1;
      c.seqEpoch[pi]![gp] = m.epoch;
    }
    if (pm.acks === 0) addRange(c.acked[gp]!, e.baseOffset, e.baseOffset + m.records.length);
    if (e.awaitingIsr)
      c.pendingAcks[gp]!.push({
        producer: pi,
        batch: m.batch,
        attempt: m.attempt,
        end: e.baseOffset + m.records.length,
      });
    afterLeaderAppend(s, gp, e.timeUs, hooks, e.baseOffset);
  }
  if (responds) noteArrival(s, pi, m.broker, false, e.responseUs, e.ackLost);
  if (e.responseUs !== null) {
    const error = e.outcome === 'appended' || e.outcome === 'duplicate' ? null : e.outcome;
    netPush(c, {
      kind: 'response',
      arriveUs: e.responseUs,
      seq: c.netSeq - 1,
      producer: pi,
      batch: m.batch,
      attempt: m.attempt,
      gp,
      error,
      baseOffset: e.baseOffset,
    });
  }
  s.wake.set(NETWORK_ACTOR, networkWakeUs(s));
}

/** After the leader appended: its own log-end offset, the HW (a lone ISR), the followers. */
export function afterLeaderAppend(
  s: SimState,
  gp: number,
  t: number,
  hooks: ClusterHooks,
  prevLeo: number,
): void {
  const c = s.cluster;
  const li = leaderIdx(s, gp);
  const r = c.replicas[gp]!;
  // A follower that had everything until now was caught up until now (Kafka's lastCaughtUpTime).
  for (let i = 0; i < r.rleo.length; i++)
    if (i !== li && r.rleo[i]! >= prevLeo) r.lastCaughtUpUs[i] = t;
  if (li >= 0) r.rleo[li] = s.leo[gp]!;
  const isrSize = c.replicas[gp]!.inIsr.reduce((a, x) => a + x, 0);
  if (isrSize <= 1) setHw(s, gp, s.leo[gp]!, t, [], hooks);
  wakeFollowers(s, gp, t);
  refreshWatch(s, gp, t);
}

/** A wake is never in the past: a deadline already passed means now. */
function wakeAt(now: number, due: number): number {
  return due < now ? now : due;
}

export function refreshProducer(s: SimState, pi: number, t: number): void {
  const req = s.producers[pi]!.req!;
  req.timersUs = wakeAt(t, batchTimersUs(s, pi));
  s.wake.set(producerActor(s.model, pi), Math.min(wakeAt(t, req.genUs), req.timersUs));
}

function popMsg(s: SimState, seq: number) {
  const m = netPop(s.cluster);
  if (!m || m.seq !== seq)
    throw new Error(`invariant: delivered message ${seq}, network head is ${m?.seq}`);
  return m;
}

/** The high watermark moves; acks=all answers that it now covers go out. */
function setHw(
  s: SimState,
  gp: number,
  hw: number,
  t: number,
  acks: AckResponse[],
  hooks: ClusterHooks,
): void {
  const c = s.cluster;
  for (const a of acks) {
    c.netSeq++;
    const pi = s.model.producerIndex.get(a.producer)!;
    if (a.ackLost) c.ackLoss[pi]!--;
    const pending = c.pendingAcks[gp]!;
    const i = pending.findIndex(
      (p) => p.producer === pi && p.batch === a.batch && p.attempt === a.attempt,
    );
    const p = pending.splice(i, 1)[0]!;
    const base = s.producers[pi]!.req!.appended.get(a.batch)?.base ?? p.end;
    noteArrival(s, pi, c.replicas[gp]!.leader, false, a.arriveUs, a.ackLost);
    if (a.arriveUs !== null) {
      netPush(c, {
        kind: 'response',
        arriveUs: a.arriveUs,
        seq: c.netSeq - 1,
        producer: pi,
        batch: a.batch,
        attempt: a.attempt,
        gp,
        error: a.error ?? null,
        baseOffset: base,
      });
    }
  }
  if (acks.length > 0) s.wake.set(NETWORK_ACTOR, networkWakeUs(s));
  if (hw > s.hw[gp]!) {
    s.hw[gp] = hw;
    hooks.hwAdvanced(s, gp, t);
  }
}

/** The partition's log is cut back to `to`: acknowledged records beyond it are lost. */
function truncate(s: SimState, gp: number, to: number, hooks: ClusterHooks): void {
  const c = s.cluster;
  const from = s.leo[gp]!;
  const lostRanges: number[] = [];
  c.lostAcked += takeRange(c.acked[gp]!, to, from, lostRanges);
  c.pendingAcks[gp] = c.pendingAcks[gp]!.filter((p) => p.end <= to);
  const r = c.replicas[gp]!;
  for (let i = 0; i < r.rleo.length; i++) r.rleo[i] = Math.min(r.rleo[i]!, to);
  for (let pi = 0; pi < s.producers.length; pi++) {
    const req = s.producers[pi]!.req;
    if (!req) continue;
    // The leader rebuilds its producer state from the log that is left (Kafka reloads it from
    // snapshots and the log on truncation): the producer's last surviving batch, or no entry.
    let cut = false;
    let last: { base: number; seq: number; epoch: number; count: number } | null = null;
    for (const [id, a] of req.appended) {
      if (a.gp !== gp) continue;
      if (a.base + a.count > to) {
        if (req.resent.size > 0)
          for (let o = Math.max(a.base, to); o < a.base + a.count; o++) {
            const ev = recordAt(s, gp, o)?.eventId ?? -1;
            const copies = req.resent.get(ev);
            if (copies !== undefined && copies > 0) req.resent.set(ev, copies - 1);
          }
        req.appended.delete(id);
        cut = true;
      } else if (!last || a.base > last.base) last = a;
    }
    if (cut) {
      c.lastSeq[pi]![gp] = last ? last.seq + last.count - 1 : -1;
      c.seqEpoch[pi]![gp] = last ? last.epoch : -1;
    }
  }
  forgetTruncatedOrder(s, gp, to, from);
  // Markers cut with the log (still in memory: the floor never passes a replica's log end).
  if (s.txn) for (let o = to; o < from; o++) if (recordAt(s, gp, o)?.control) s.txn.markers[gp]!--;
  s.leo[gp] = to;
  s.hw[gp] = Math.min(s.hw[gp]!, to);
  hooks.truncated(s, gp, to, lostRanges);
}

/**
 * KIP-360: the idempotent producer bumps its epoch after a sequence gap and renumbers the
 * partition's pending batches from 0 in it (TransactionManager.bumpIdempotentProducerEpoch,
 * startSequencesAtBeginning); other partitions move to the new epoch once their pending
 * batches are done (nextSend).
 */
function bumpEpoch(req: import('./stateCluster').ProducerRequests, gp: number, epoch: number) {
  req.epoch = epoch;
  req.partEpoch[gp] = epoch;
  let seq = 0;
  for (const b of req.batches.values()) {
    if (b.gp !== gp) continue;
    b.seq = seq;
    b.epoch = epoch;
    seq += b.records.length;
  }
  req.nextSeq[gp] = seq;
}

function wakeFollowers(s: SimState, gp: number, t: number): void {
  const model = s.model;
  const r = s.cluster.replicas[gp]!;
  if (r.leader < 0) return;
  const reps = model.cluster.replicas[gp]!;
  for (let i = 1; i < reps.length; i++) {
    // Followers are every replica but the leader; actor f serves replica index followerIdx[f].
    const f = followerOf(s, gp, i);
    const b = reps[i]!;
    const behind = b !== r.leader && s.cluster.brokersUp[b] === 1 && r.rleo[i]! < s.leo[gp]!;
    const a = followerActor(model, f);
    if (behind) s.wake.set(a, Math.min(s.wake.get(a), t + model.cluster.replicaFetchUs));
  }
  // The preferred leader (index 0) follows too when another replica leads.
  const li = reps.indexOf(r.leader);
  if (li > 0 && s.cluster.brokersUp[reps[0]!] === 1 && r.rleo[0]! < s.leo[gp]!) {
    const a = followerActor(model, followerOf(s, gp, li));
    s.wake.set(a, Math.min(s.wake.get(a), t + model.cluster.replicaFetchUs));
  }
}

/**
 * The follower actor of replica `idx`. Actors exist for replica indices 1…rf−1; when replica
 * j ≥ 1 leads, its actor fetches on behalf of replica 0 (the roles swap), so every non-leader
 * replica always has exactly one actor.
 */
export function followerOf(s: SimState, gp: number, idx: number): number {
  const cm = s.model.cluster;
  let lo = 0;
  let hi = cm.followerGp.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cm.followerGp[mid]! < gp) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  const li = leaderIdx(s, gp);
  const actorIdx = idx === 0 ? li : idx;
  return first + actorIdx - 1;
}

function refreshWatch(s: SimState, gp: number, t: number): void {
  const cm = s.model.cluster;
  let lo = 0;
  let hi = cm.watchedGp.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cm.watchedGp[mid]! < gp) lo = mid + 1;
    else hi = mid;
  }
  if (cm.watchedGp[lo] === gp)
    s.wake.set(isrWatchActor(s.model, lo), wakeAt(t, isrWatchDue(s, gp)));
}

function nextFault(s: SimState): void {
  s.faultCursor++;
  s.wake.set(FAULT_ACTOR, faultWakeUs(s));
}

function addRange(r: number[], from: number, to: number): void {
  const n = r.length;
  if (n > 0 && r[n - 1] === from) r[n - 1] = to;
  else r.push(from, to);
}

/** Removes [from, to) from a sorted list of ranges; returns how many offsets it covered. */
function takeRange(r: number[], from: number, to: number, removed: number[]): number {
  let taken = 0;
  const out: number[] = [];
  for (let i = 0; i < r.length; i += 2) {
    const a = r[i]!;
    const b = r[i + 1]!;
    const lo = Math.max(a, from);
    const hi = Math.min(b, to);
    if (hi > lo) {
      taken += hi - lo;
      removed.push(lo, hi);
    }
    if (a < from) out.push(a, Math.min(b, from));
    if (b > to) out.push(Math.max(a, to), b);
  }
  r.length = 0;
  r.push(...out);
  return taken;
}

export type { Batch };
