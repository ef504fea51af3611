import type { AckResponse, IsrChanged, LeaderElected, ReplicaFetched, SimEvent } from './events';
import { NetSends } from './network';
import { topicName } from './names';
import type { SimState } from './state';
import { computeHw, isrOf } from './stateCluster';

/**
 * Replication as Kafka does it: followers fetch from the leader, the ISR holds the replicas
 * that kept up within replica.lag.time.max.ms, the high watermark is the lowest log-end offset
 * in the ISR, and acks=all is answered when the high watermark passes the batch.
 */

export function leaderIdx(s: SimState, gp: number): number {
  const leader = s.cluster.replicas[gp]!.leader;
  return leader < 0 ? -1 : s.model.cluster.replicas[gp]!.indexOf(leader);
}

/**
 * Responses for batches waiting on acks=all that a high watermark of `hw` now covers, with the
 * ISR (its new membership, `inIsr`) as it stands when the HW moves. Kafka checks
 * min.insync.replicas again at that moment (Partition.checkEnoughReplicasReachOffset): when the
 * ISR shrank below it while the write was pending, the answer is NOT_ENOUGH_REPLICAS_AFTER_APPEND
 * (the records are in the log, yet not acknowledged: the producer retries).
 */
export function ackResponses(
  s: SimState,
  gp: number,
  hw: number,
  t: number,
  net: NetSends,
  inIsr: ArrayLike<number>,
): AckResponse[] {
  const out: AckResponse[] = [];
  const leader = s.cluster.replicas[gp]!.leader;
  const lostSoFar = new Map<number, number>();
  let isrSize = 0;
  for (let i = 0; i < inIsr.length; i++) isrSize += inIsr[i]! ? 1 : 0;
  const enough = isrSize >= s.model.cluster.minIsr[gp]!;
  for (const p of s.cluster.pendingAcks[gp]!) {
    if (p.end > hw) continue;
    const producer = s.model.producers[p.producer]!;
    const ackLost = s.cluster.ackLoss[p.producer]! - (lostSoFar.get(p.producer) ?? 0) > 0;
    if (ackLost) lostSoFar.set(p.producer, (lostSoFar.get(p.producer) ?? 0) + 1);
    const a: AckResponse = {
      producer: producer.id,
      batch: p.batch,
      attempt: p.attempt,
      arriveUs: net.send(p.producer, leader, t, false, ackLost),
      ackLost,
    };
    if (!enough) a.error = 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
    out.push(a);
  }
  return out;
}

/** A follower fetches everything the leader has. */
export function followerStep(s: SimState, f: number, t: number): SimEvent[] {
  const c = s.model.cluster;
  const gp = c.followerGp[f]!;
  const li = leaderIdx(s, gp);
  // When this actor's replica leads, the actor fetches for replica 0 (see followerOf).
  const idx = c.followerIdx[f] === li ? 0 : c.followerIdx[f]!;
  const broker = c.replicas[gp]![idx]!;
  const r = s.cluster.replicas[gp]!;
  const where = topicName(s, gp);
  const usable = li >= 0 && s.cluster.brokersUp[broker] === 1;
  const leo = usable ? s.leo[gp]! : r.rleo[idx]!;
  const net = new NetSends(s);
  // Catching up: the follower's log now matches the leader's; rejoin the ISR once it reaches the HW.
  const inIsr = Array.from(r.inIsr);
  let reason = '';
  if (!r.inIsr[idx] && leo >= s.hw[gp]!) {
    inIsr[idx] = 1;
    reason = `broker ${broker} caught up`;
  }
  const rleo = Array.from(r.rleo, (v, i) => (i === idx ? leo : v));
  const hw = hwWith(s, gp, rleo, inIsr, li);
  const acks = hw > s.hw[gp]! ? ackResponses(s, gp, hw, t, net, inIsr) : [];
  const fetched: ReplicaFetched = {
    type: 'replicaFetched',
    timeUs: t,
    ...where,
    broker,
    leo,
    highWatermark: hw,
    acks,
  };
  if (!reason) return [fetched];
  const isr = Array.from(c.replicas[gp]!).filter((_, i) => inIsr[i]);
  return [
    fetched,
    { type: 'isrChanged', timeUs: t, ...where, isr, reason, highWatermark: hw, acks: [] },
  ];
}

function hwWith(
  s: SimState,
  gp: number,
  rleo: ArrayLike<number>,
  inIsr: ArrayLike<number>,
  li: number,
): number {
  let hw = s.leo[gp]!;
  for (let i = 0; i < rleo.length; i++) if (inIsr[i] && i !== li && rleo[i]! < hw) hw = rleo[i]!;
  return Math.max(hw, s.hw[gp]!);
}

/** The leader drops followers that have not caught up within replica.lag.time.max.ms. */
export function isrWatchStep(s: SimState, w: number, t: number): SimEvent[] {
  const c = s.model.cluster;
  const gp = c.watchedGp[w]!;
  const r = s.cluster.replicas[gp]!;
  const li = leaderIdx(s, gp);
  const inIsr = Array.from(r.inIsr);
  const dropped: number[] = [];
  for (let i = 0; i < inIsr.length; i++) {
    if (i === li || !inIsr[i]) continue;
    if (r.rleo[i]! < s.leo[gp]! && r.lastCaughtUpUs[i]! + c.replicaLagUs <= t) {
      inIsr[i] = 0;
      dropped.push(c.replicas[gp]![i]!);
    }
  }
  const hw = hwWith(s, gp, r.rleo, inIsr, li);
  const net = new NetSends(s);
  const isr = Array.from(c.replicas[gp]!).filter((_, i) => inIsr[i]);
  const reason = `broker ${dropped.join(', ')} fell behind for replica.lag.time.max.ms`;
  const ev: IsrChanged = {
    type: 'isrChanged',
    timeUs: t,
    ...topicName(s, gp),
    isr,
    reason,
    highWatermark: hw,
    acks: hw > s.hw[gp]! ? ackResponses(s, gp, hw, t, net, inIsr) : [],
  };
  return [ev];
}

/** When the ISR watch must next look: the earliest lagging follower's deadline. */
export function isrWatchDue(s: SimState, gp: number): number {
  const c = s.model.cluster;
  const r = s.cluster.replicas[gp]!;
  const li = leaderIdx(s, gp);
  if (li < 0) return Number.POSITIVE_INFINITY;
  let due = Number.POSITIVE_INFINITY;
  for (let i = 0; i < r.rleo.length; i++) {
    if (i === li || !r.inIsr[i] || r.rleo[i]! >= s.leo[gp]!) continue;
    due = Math.min(due, r.lastCaughtUpUs[i]! + c.replicaLagUs);
  }
  return due;
}

/**
 * Leader election for a partition whose leader is gone: the first live replica in the ISR
 * (clean); else, with unclean.leader.election.enable, the first live replica, whose shorter log
 * truncates the partition (acknowledged records lost); else the partition goes offline.
 */
export function elect(s: SimState, gp: number, t: number, down: number): LeaderElected {
  const c = s.model.cluster;
  const reps = Array.from(c.replicas[gp]!);
  const r = s.cluster.replicas[gp]!;
  const up = (b: number) => b !== down && s.cluster.brokersUp[b] === 1;
  let idx = reps.findIndex((b, i) => r.inIsr[i] === 1 && up(b));
  let unclean = false;
  if (idx < 0 && c.unclean[gp]) {
    idx = reps.findIndex((b) => up(b));
    unclean = idx >= 0;
  }
  const where = topicName(s, gp);
  const epoch = r.epoch + 1;
  if (idx < 0) {
    // Offline: the last ISR member stays in the ISR, so it can lead again cleanly when it returns.
    const isr = isrOf(s.model, s.cluster, gp);
    return {
      type: 'leaderElected',
      timeUs: t,
      ...where,
      leader: -1,
      epoch,
      unclean: false,
      isr,
      truncatedTo: null,
      highWatermark: s.hw[gp]!,
    };
  }
  const newLeo = r.leader === reps[idx] ? s.leo[gp]! : r.rleo[idx]!;
  const truncatedTo = newLeo < s.leo[gp]! ? newLeo : null;
  const isr = unclean ? [reps[idx]!] : reps.filter((b, i) => r.inIsr[i] === 1 && up(b));
  const inIsr = reps.map((b) => (isr.includes(b) ? 1 : 0));
  const leo = Math.min(newLeo, s.leo[gp]!);
  const hw = Math.min(computeHwFor(s, gp, inIsr, idx, leo), leo);
  return {
    type: 'leaderElected',
    timeUs: t,
    ...where,
    leader: reps[idx]!,
    epoch,
    unclean,
    isr,
    truncatedTo,
    highWatermark: Math.max(Math.min(s.hw[gp]!, leo), hw),
  };
}

function computeHwFor(s: SimState, gp: number, inIsr: number[], li: number, leo: number): number {
  const r = s.cluster.replicas[gp]!;
  let hw = leo;
  for (let i = 0; i < inIsr.length; i++) if (inIsr[i] && i !== li) hw = Math.min(hw, r.rleo[i]!);
  return hw;
}

export { computeHw };
