import { amqpFaultStep } from '../amqp/system/decide';
import { assignPartitions, stickyTarget, type MemberSubscription } from './assignors';
import { commitEvent, processedPoints, uncommittedRanges } from './commit';
import { memberStep } from './consumer';
import type { SimEvent } from './events';
import { infraFault } from './faultsInfra';
import { noticeDue, noticeStep } from './addPartitions';
import { FAULT_ACTOR, hasTxnActor, NETWORK_ACTOR, type Model } from './model';
import { networkStep } from './netStep';
import { requestStep } from './producerRequest';
import { followerStep, isrWatchStep } from './replication';
import { produceStep } from './producer';
import { retentionStep } from './retention';
import { offsetsExpiryStep } from './offsetsExpiry';
import { cleanerStep } from './compaction';
import { tpName, type SimState } from './state';
import { abortEvent, txnTimeoutStep } from './transactions';

/**
 * The actor that acts next: the earliest wake time, ties broken by actor index (faults, then
 * coordinators, expiry watches, producers, member loops). -1 when nothing is scheduled.
 */
export function nextActor(s: SimState): number {
  return s.wake.first();
}

/**
 * What happens next, as events. The only place that draws random numbers (counter-based, from
 * the state) and decides outcomes; it never changes the state. Applying the returned events
 * with `evolve` moves the run on.
 */
export function decide(s: SimState, actor: number): SimEvent[] {
  const model = s.model;
  const t = s.wake.get(actor);
  if (actor === FAULT_ACTOR) return faultStep(s, t);
  if (actor === NETWORK_ACTOR) return networkStep(s, t);
  let a = actor - 2;
  if (a < model.members.length) return expiryStep(s, a, t);
  a -= model.members.length;
  if (a < model.producers.length)
    return model.producers[a]!.requestPath ? requestStep(s, a, t) : produceStep(s, a, t);
  a -= model.producers.length;
  if (a < model.cluster.followerGp.length) return followerStep(s, a, t);
  a -= model.cluster.followerGp.length;
  if (a < model.cluster.watchedGp.length) return isrWatchStep(s, a, t);
  a -= model.cluster.watchedGp.length;
  if (a < model.members.length) return memberStep(s, a, t);
  a -= model.members.length;
  if (a < model.groups.length) return coordinatorStep(s, a, t);
  a -= model.groups.length;
  // Then the transaction coordinator's watch (when a group is transactional), then retention,
  // then the log cleaner (when a topic is compacted), then the offsets cleanup.
  if (hasTxnActor(model)) {
    if (a === 0) return txnTimeoutStep(s, t);
    a--;
  }
  if (model.retention) {
    if (a === 0) return retentionStep(s, t);
    a--;
    if (model.compaction && a === 0) return cleanerStep(s, t);
  }
  return offsetsExpiryStep(s, t);
}

function names(s: SimState, mi: number) {
  const mm = s.model.members[mi]!;
  return { group: s.model.groups[mm.group]!.id, member: mm.id };
}

function faultStep(s: SimState, t: number): SimEvent[] {
  if (s.noticeCursor < s.model.partitionNotices.length && noticeDue(s, t)) return noticeStep(s, t);
  const f = s.model.faults[s.faultCursor]!;
  const fault = s.faultCursor;
  if (f.amqp) return amqpFaultStep(s, t, f.kind, fault, f.amqp.target, f.durationUs);
  if (f.member < 0) return infraFault(s, t, f, fault);
  const mi = f.member;
  const m = s.members[mi]!;
  const who = names(s, mi);
  const skip = (reason: string): SimEvent[] => [{ type: 'faultSkipped', timeUs: t, fault, reason }];
  const down = m.status === 'crashed' || m.status === 'stopped';
  switch (f.kind) {
    case 'crash':
      if (down) return skip(`${who.member} is already ${m.status}`);
      return [
        {
          type: 'consumerCrashed',
          timeUs: t,
          ...who,
          fault,
          uncommitted: uncommittedRanges(s, mi),
        },
      ];
    case 'restart':
      if (!down) return skip(`${who.member} is running`);
      return [{ type: 'consumerRestarted', timeUs: t, ...who, fault }];
    case 'pause':
      if (down || m.status === 'paused') return skip(`${who.member} is ${m.status}`);
      return [{ type: 'consumerPaused', timeUs: t, ...who, fault, untilUs: t + f.durationUs }];
    default: {
      if (down) return skip(`${who.member} is already ${m.status}`);
      // close(): commit what was processed, then LeaveGroup so the group rebalances at once.
      const gm = s.model.groups[s.model.members[mi]!.group]!;
      const g = s.groups[gm.index]!;
      const out: SimEvent[] = [];
      if (gm.transactional) {
        // close(): a transactional service aborts its open transaction first.
        if (s.txn!.producers[mi]!.txn >= 0) out.push(abortEvent(s, mi, t, 'closed', false));
      } else if (m.inGroup && (gm.autoCommit || gm.commit === 'after-processing')) {
        const c = commitEvent(s, mi, t, 'revoke', processedPoints(s, mi));
        if (c) out.push(c);
      }
      // A static member sends no LeaveGroup (KIP-345): the group waits for session.timeout.ms.
      const instance = s.model.members[mi]!.instanceId;
      if (instance !== null && m.inGroup) {
        out.push({ type: 'memberLeft', timeUs: t, ...who, fault, staticInstance: instance });
        return out;
      }
      out.push({ type: 'memberLeft', timeUs: t, ...who, fault });
      if (m.inGroup && !g.rebalancing && g.members.length > 1) {
        out.push({
          type: 'rebalanceStarted',
          timeUs: t,
          group: who.group,
          generation: g.generation,
          reason: `${who.member} left the group`,
        });
      }
      return out;
    }
  }
}

function expiryStep(s: SimState, mi: number, t: number): SimEvent[] {
  const m = s.members[mi]!;
  const mm = s.model.members[mi]!;
  const gm = s.model.groups[mm.group]!;
  const g = s.groups[mm.group]!;
  const who = names(s, mi);
  const bySession = m.silentSinceUs >= 0 && t < m.lastPollUs + gm.maxPollIntervalUs;
  const out: SimEvent[] = [
    {
      type: 'memberExpired',
      timeUs: t,
      ...who,
      reason: bySession ? 'session.timeout.ms' : 'max.poll.interval.ms',
      lastSeenUs: bySession ? t - gm.sessionTimeoutUs : m.lastPollUs,
    },
  ];
  if (!g.rebalancing && g.members.length > 1) {
    const reason = bySession
      ? 'no heartbeat within session.timeout.ms'
      : 'no poll within max.poll.interval.ms';
    out.push({
      type: 'rebalanceStarted',
      timeUs: t,
      group: who.group,
      generation: g.generation,
      reason: `${who.member} was removed: ${reason}`,
    });
  }
  return out;
}

/** The group leader's assignment, run by the coordinator once every member has joined. */
function coordinatorStep(s: SimState, gi: number, t: number): SimEvent[] {
  const model: Model = s.model;
  const gm = model.groups[gi]!;
  const g = s.groups[gi]!;
  const subs: MemberSubscription[] = g.members.map((mi) => {
    const m = s.members[mi]!;
    const owned = gm.cooperative ? m.assigned : m.previouslyOwned;
    return {
      id: model.members[mi]!.id,
      topics: gm.topics.map((ti) => model.topics[ti]!.name),
      owned: owned.map((gp) => tpName(model, gp)),
      generation: m.generation,
    };
  });
  const perTopic: Record<string, number> = Object.create(null); // names may be __proto__
  // The live count: reserved partitions not yet added are never assigned (addPartitions.ts).
  for (const ti of gm.topics) perTopic[model.topics[ti]!.name] = s.livePartitions[ti]!;
  const assignment =
    subs.length > 0 ? assignPartitions(gm.strategy, subs, perTopic) : Object.create(null);
  let pendingRevocation: string[] = [];
  if (gm.cooperative && subs.length > 0) {
    const full = stickyTarget(subs, perTopic);
    const given = new Set(Object.values(assignment).flat());
    pendingRevocation = Object.values(full)
      .flat()
      .filter((tp) => !given.has(tp))
      .sort();
  }
  return [
    {
      type: 'rebalanceCompleted',
      timeUs: t,
      group: gm.id,
      generation: g.generation + 1,
      protocol: gm.cooperative ? 'cooperative' : 'eager',
      assignment,
      pendingRevocation,
    },
  ];
}
