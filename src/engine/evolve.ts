import { assertNever, type CommitOffset, type SimEvent } from './events';
import { coordinatorActor, expiryActor, memberActor, producerActor, FAULT_ACTOR, type Model } from './model';
import { gpOf, gpOfName, rebalanceNoticeUs, type GroupState, type MemberState, type SimState } from './state';

const INF = Number.POSITIVE_INFINITY;

/**
 * Applies one event to the state, in place, and returns it. The ONLY code that changes a
 * SimState: a live run, a refold and a seek all call it with the same events, so they reach
 * the same state. It draws no random numbers and reads no clock. It asserts the engine's
 * invariants (append-only offsets, committed ≤ log-end offset, one owner per partition per
 * generation) and throws if one breaks: a broken invariant is a bug, never a scenario outcome.
 */
export function evolve(s: SimState, e: SimEvent): SimState {
  s.timeUs = e.timeUs;
  switch (e.type) {
    case 'recordAppended':
      appendRecord(s, e);
      break;
    case 'memberJoining': {
      const { m, mi } = member(s, e.group, e.member);
      dropAssignment(s, mi, m);
      m.status = 'joining';
      m.generation = -1;
      s.wake[memberActor(s.model, mi)] = e.timeUs;
      break;
    }
    case 'rebalanceStarted': {
      const { g, gi } = group(s, e.group);
      g.rebalancing = true;
      g.rebalanceStartUs = e.timeUs;
      g.rebalances++;
      for (const mi of g.members) {
        const m = s.members[mi]!;
        m.joinedRound = false;
        // A consumer blocked in poll() hears of the rebalance with its next heartbeat.
        if (m.status === 'idle') {
          const a = memberActor(s.model, mi);
          s.wake[a] = Math.min(s.wake[a]!, rebalanceNoticeUs(s, mi));
        }
      }
      void gi;
      break;
    }
    case 'memberJoined': {
      const { g, gi } = group(s, e.group);
      const { m, mi } = member(s, e.group, e.member);
      if (!m.inGroup) {
        m.inGroup = true;
        m.joinedUs = e.timeUs;
        m.nextAutoCommitUs = e.timeUs + s.model.groups[gi]!.autoCommitIntervalUs;
        g.members.push(mi);
      }
      m.joinedRound = true;
      m.rejoinDue = false;
      m.lastPollUs = e.timeUs;
      if (s.model.groups[gi]!.cooperative === false || m.assigned.length === 0) {
        m.status = 'awaiting';
        s.wake[memberActor(s.model, mi)] = INF;
      }
      refreshExpiry(s, mi);
      checkJoinComplete(s, gi);
      break;
    }
    case 'rebalanceCompleted': {
      const { g, gi } = group(s, e.group);
      g.generation = e.generation;
      g.rebalancing = false;
      g.target = new Map();
      for (const [id, tps] of Object.entries(e.assignment)) {
        const mi = s.model.groups[gi]!.memberByName.get(id)!;
        g.target.set(mi, tps.map((tp) => gpOfName(s.model, tp)));
        const m = s.members[mi]!;
        m.syncDue = true;
        if (m.status === 'awaiting') s.wake[memberActor(s.model, mi)] = e.timeUs;
      }
      s.wake[coordinatorActor(s.model, gi)] = INF;
      break;
    }
    case 'partitionsAssigned':
      assignPartitions(s, e.group, e.member, e.generation, e.partitions, e.revoked, e.positions, e.timeUs);
      s.wake[memberActor(s.model, member(s, e.group, e.member).mi)] = e.wakeUs;
      break;
    case 'partitionsRevoked': {
      const { m, mi } = member(s, e.group, e.member);
      m.previouslyOwned = m.assigned;
      dropAssignment(s, mi, m);
      break;
    }
    case 'recordsFetched': {
      const { m, mi } = member(s, e.group, e.member);
      const gps: number[] = [];
      const from: number[] = [];
      const to: number[] = [];
      for (const r of e.ranges) {
        const gp = gpOf(s.model, r.topic, r.partition);
        gps.push(gp);
        from.push(r.from);
        to.push(r.to);
        m.position.set(gp, r.to);
      }
      m.batch = { gps, from, to, range: 0, offset: from[0] ?? 0 };
      m.dirty = true;
      m.attempt = 0;
      m.status = 'running';
      m.lastPollUs = e.timeUs;
      m.pollRotation++;
      m.steps++;
      s.wake[memberActor(s.model, mi)] = e.wakeUs;
      refreshExpiry(s, mi);
      break;
    }
    case 'consumerIdle': {
      const { gi } = group(s, e.group);
      const { m, mi } = member(s, e.group, e.member);
      m.status = 'idle';
      m.lastPollUs = e.timeUs;
      // An idle auto-committing consumer still wakes from poll() to commit on its interval,
      // and from a heartbeat that tells it to rejoin.
      const commitUs = s.model.groups[gi]!.autoCommit && m.dirty ? Math.max(e.timeUs, m.nextAutoCommitUs) : INF;
      s.wake[memberActor(s.model, mi)] = Math.min(commitUs, rebalanceNoticeUs(s, mi));
      refreshExpiry(s, mi);
      break;
    }
    case 'recordProcessed': {
      const { g, gi } = group(s, e.group);
      const { m, mi } = member(s, e.group, e.member);
      const gp = gpOf(s.model, e.topic, e.partition);
      g.processed++;
      if (e.redelivered) {
        g.redeliveries++;
        if (e.offset >= g.dupCountedEnd[gp]!) {
          g.duplicates++;
          g.dupCountedEnd[gp] = e.offset + 1;
        }
      } else if (e.offset + 1 > g.processedEnd[gp]!) {
        g.processedEnd[gp] = e.offset + 1;
      }
      if (e.deduplicated) g.dedupAbsorbed++;
      else {
        g.sideEffects++;
        if (e.redelivered) g.duplicateSideEffects++;
        g.dedup?.add(e.eventId);
      }
      if (!e.redelivered) {
        const rec = s.logs[gp]![e.offset]!;
        const k = orderKey(rec.producer, rec.key ?? rec.entity);
        if (k !== null) {
          if (e.reorderedAfter !== null) g.reordered++;
          else g.orderMax.set(k, e.eventId);
        }
      }
      finishRecord(s, gi, m);
      m.steps++;
      s.wake[memberActor(s.model, mi)] = e.wakeUs;
      break;
    }
    case 'handlerFailed': {
      const { g } = group(s, e.group);
      const { m, mi } = member(s, e.group, e.member);
      g.handlerFailures++;
      m.attempt = e.attempt;
      m.steps++;
      s.wake[memberActor(s.model, mi)] = e.wakeUs;
      break;
    }
    case 'recordDeadLettered': {
      const { g, gi } = group(s, e.group);
      const { m, mi } = member(s, e.group, e.member);
      const gp = gpOf(s.model, e.topic, e.partition);
      g.deadLettered++;
      if (e.offset + 1 > g.processedEnd[gp]!) g.processedEnd[gp] = e.offset + 1;
      finishRecord(s, gi, m);
      m.steps++;
      s.wake[memberActor(s.model, mi)] = e.wakeUs;
      break;
    }
    case 'offsetsCommitted': {
      const { g, gi } = group(s, e.group);
      const { m } = member(s, e.group, e.member);
      applyCommit(s, g, e.offsets);
      m.dirty = false;
      m.commitDue = false;
      if (e.cause === 'auto') m.nextAutoCommitUs = e.timeUs + s.model.groups[gi]!.autoCommitIntervalUs;
      break;
    }
    case 'commitRejected': {
      const { g } = group(s, e.group);
      const { m } = member(s, e.group, e.member);
      g.rejectedCommits++;
      m.commitDue = false;
      break;
    }
    case 'offsetsSkipped': {
      const { g } = group(s, e.group);
      const gp = gpOf(s.model, e.topic, e.partition);
      g.skipped += e.to - e.from;
      g.processedEnd[gp] = Math.max(g.processedEnd[gp]!, e.to);
      g.dupCountedEnd[gp] = Math.max(g.dupCountedEnd[gp]!, e.to);
      break;
    }
    case 'consumerCrashed': {
      const { m, mi } = member(s, e.group, e.member);
      dropAssignment(s, mi, m);
      m.previouslyOwned = [];
      m.status = 'crashed';
      m.silentSinceUs = e.timeUs;
      m.syncDue = false;
      m.rejoinDue = false;
      s.wake[memberActor(s.model, mi)] = INF;
      refreshExpiry(s, mi);
      nextFault(s);
      break;
    }
    case 'consumerRestarted': {
      const { m, mi } = member(s, e.group, e.member);
      m.status = 'joining';
      m.generation = -1;
      m.silentSinceUs = -1;
      s.wake[memberActor(s.model, mi)] = e.timeUs;
      refreshExpiry(s, mi);
      nextFault(s);
      break;
    }
    case 'consumerPaused': {
      const { m, mi } = member(s, e.group, e.member);
      const a = memberActor(s.model, mi);
      m.pausedFrom = m.status;
      m.pausedRemainingUs = s.wake[a]! - e.timeUs;
      m.status = 'paused';
      m.silentSinceUs = e.timeUs;
      s.wake[a] = e.untilUs;
      refreshExpiry(s, mi);
      nextFault(s);
      break;
    }
    case 'consumerResumed': {
      const { m, mi } = member(s, e.group, e.member);
      m.status = m.pausedFrom;
      m.silentSinceUs = -1;
      s.wake[memberActor(s.model, mi)] = e.wakeUs;
      refreshExpiry(s, mi);
      break;
    }
    case 'memberLeft': {
      const { gi } = group(s, e.group);
      const { m, mi } = member(s, e.group, e.member);
      removeFromGroup(s, gi, mi);
      dropAssignment(s, mi, m);
      m.status = 'stopped';
      s.wake[memberActor(s.model, mi)] = INF;
      nextFault(s);
      break;
    }
    case 'memberExpired': {
      const { gi } = group(s, e.group);
      removeFromGroup(s, gi, member(s, e.group, e.member).mi);
      break;
    }
    case 'faultSkipped':
      nextFault(s);
      break;
    default:
      assertNever(e);
  }
  return s;
}

function group(s: SimState, id: string): { g: GroupState; gi: number } {
  const gi = s.model.groupIndex.get(id);
  if (gi === undefined) throw new Error(`unknown group ${id}`);
  return { g: s.groups[gi]!, gi };
}

function member(s: SimState, groupId: string, id: string): { m: MemberState; mi: number } {
  const gi = s.model.groupIndex.get(groupId);
  const mi = gi === undefined ? undefined : s.model.groups[gi]!.memberByName.get(id);
  if (mi === undefined) throw new Error(`unknown member ${groupId}/${id}`);
  return { m: s.members[mi]!, mi };
}

/** The per-key order identity: order is promised per producer and key. */
export function orderKey(producer: string, key: string | null): string | null {
  return key === null ? null : `${producer}\u0000${key}`;
}

function appendRecord(s: SimState, e: Extract<SimEvent, { type: 'recordAppended' }>): void {
  const model = s.model;
  const ti = model.topicIndex.get(e.topic)!;
  const topic = model.topics[ti]!;
  const gp = topic.firstGp + e.partition;
  const log = s.logs[gp]!;
  if (e.offset !== log.length) {
    throw new Error(`invariant: append at ${e.topic}-${e.partition} offset ${e.offset}, log-end offset is ${log.length}`);
  }
  log.push(e);
  s.appended++;
  s.produced++;
  if (e.eventId >= s.nextEventId) s.nextEventId = e.eventId + 1;
  if (e.nextSendUs !== undefined) {
    const pi = model.producerIndex.get(e.producer)!;
    const p = s.producers[pi]!;
    p.sent++;
    if (e.key === null && model.producers[pi]!.partition === null) {
      if (p.stickyPartition === e.partition) p.stickyCount++;
      else {
        p.stickyPartition = e.partition;
        p.stickyCount = 1;
      }
    }
    s.wake[producerActor(model, pi)] = e.nextSendUs ?? INF;
  } else if (e.key === null) {
    const gi = model.groupIndex.get(e.producer);
    if (gi !== undefined) {
      const st = s.groups[gi]!.emitSticky;
      const cur = st.get(ti);
      if (cur && cur.partition === e.partition) cur.count++;
      else st.set(ti, { partition: e.partition, count: 1 });
    }
  }
  // Wake idle owners: data arrived for a consumer blocked in poll().
  for (const gi of topic.subscribers) {
    const owner = s.groups[gi]!.owner[gp]!;
    if (owner < 0) continue;
    const a = memberActor(model, owner);
    if (s.members[owner]!.status === 'idle') {
      s.wake[a] = Math.min(s.wake[a]!, e.timeUs + model.groups[gi]!.fetchLatencyUs);
    }
  }
}

/** Moves the batch cursor past the current record; a finished batch may owe a commit. */
function finishRecord(s: SimState, gi: number, m: MemberState): void {
  m.attempt = 0;
  const b = m.batch;
  if (!b) return;
  b.offset++;
  if (b.offset >= b.to[b.range]!) {
    b.range++;
    if (b.range >= b.gps.length) {
      m.batch = null;
      const gm = s.model.groups[gi]!;
      if (!gm.autoCommit && gm.commit === 'after-processing') m.commitDue = true;
    } else b.offset = b.from[b.range]!;
  }
}

function applyCommit(s: SimState, g: GroupState, offsets: CommitOffset[]): void {
  for (const o of offsets) {
    const gp = gpOf(s.model, o.topic, o.partition);
    const leo = s.logs[gp]!.length;
    if (o.offset > leo || o.offset < 0) {
      throw new Error(`invariant: commit ${o.topic}-${o.partition}@${o.offset} outside [0, ${leo}]`);
    }
    g.committed[gp] = o.offset;
  }
}

function assignPartitions(
  s: SimState,
  groupId: string,
  memberId: string,
  generation: number,
  partitions: string[],
  revoked: string[],
  positions: Record<string, number>,
  timeUs: number,
): void {
  const { g, gi } = group(s, groupId);
  const { m, mi } = member(s, groupId, memberId);
  for (const tp of revoked) {
    const gp = gpOfName(s.model, tp);
    m.position.delete(gp);
    if (g.owner[gp] === mi) g.owner[gp] = -1;
  }
  const assigned: number[] = [];
  for (const tp of partitions) {
    const gp = gpOfName(s.model, tp);
    const prev = g.owner[gp]!;
    if (prev >= 0 && prev !== mi) {
      const other = s.members[prev]!;
      if (other.generation === generation && other.assigned.includes(gp)) {
        throw new Error(`invariant: ${tp} owned by two members of ${groupId} in generation ${generation}`);
      }
    }
    g.owner[gp] = mi;
    const pos = positions[tp];
    if (pos !== undefined) m.position.set(gp, pos);
    assigned.push(gp);
  }
  m.assigned = assigned;
  m.previouslyOwned = assigned;
  m.generation = generation;
  m.syncDue = false;
  m.status = 'running';
  m.lastPollUs = timeUs;
  if (revoked.length > 0 && s.model.groups[gi]!.cooperative) m.rejoinDue = true;
  refreshExpiry(s, mi);
}

function dropAssignment(s: SimState, mi: number, m: MemberState): void {
  const g = s.groups[s.model.members[mi]!.group]!;
  for (const gp of m.assigned) if (g.owner[gp] === mi) g.owner[gp] = -1;
  m.assigned = [];
  m.position = new Map();
  m.batch = null;
  m.dirty = false;
  m.commitDue = false;
  m.attempt = 0;
}

function removeFromGroup(s: SimState, gi: number, mi: number): void {
  const g = s.groups[gi]!;
  const m = s.members[mi]!;
  g.members = g.members.filter((x) => x !== mi);
  g.target.delete(mi);
  m.inGroup = false;
  m.joinedRound = false;
  m.syncDue = false;
  refreshExpiry(s, mi);
  checkJoinComplete(s, gi);
}

/** The coordinator completes the join phase once every member has (re)joined. */
function checkJoinComplete(s: SimState, gi: number): void {
  const g = s.groups[gi]!;
  if (!g.rebalancing) return;
  for (const mi of g.members) if (!s.members[mi]!.joinedRound) return;
  s.wake[coordinatorActor(s.model, gi)] = s.timeUs;
}

/**
 * When the coordinator will remove a member: at the end of its session after heartbeats stop
 * (crash, pause), or when it has not polled within max.poll.interval.ms while processing.
 */
function refreshExpiry(s: SimState, mi: number): void {
  const model: Model = s.model;
  const m = s.members[mi]!;
  const gm = model.groups[model.members[mi]!.group]!;
  let deadline = INF;
  if (m.inGroup) {
    if (m.silentSinceUs >= 0) {
      const lastHeartbeat = m.silentSinceUs - ((m.silentSinceUs - m.joinedUs) % gm.heartbeatIntervalUs);
      deadline = lastHeartbeat + gm.sessionTimeoutUs;
    }
    const between = m.status === 'running' || (m.status === 'paused' && m.pausedFrom === 'running');
    if (between) deadline = Math.min(deadline, m.lastPollUs + gm.maxPollIntervalUs);
  }
  s.wake[expiryActor(model, mi)] = deadline;
}

function nextFault(s: SimState): void {
  s.faultCursor++;
  s.wake[FAULT_ACTOR] = s.model.faults[s.faultCursor]?.atUs ?? INF;
}
