import { faultWakeUs } from './addPartitions';
import {
  afterLeaderAppend,
  evolveCluster,
  refreshProducer,
  type ClusterHooks,
} from './evolveCluster';
import { producerTxnSession } from './producerTxn';
import { evolveTxn, txnRecordAppended, type TxnHooks } from './evolveTxn';
import {
  assertNever,
  type CommitOffset,
  type LogRecord,
  type KafkaEvent,
  type SimEvent,
} from './events';
import {
  coordinatorActor,
  expiryActor,
  memberActor,
  producerActor,
  offsetsExpiryActor,
  txnCoordinatorActor,
  retentionActor,
  cleanerActor,
  FAULT_ACTOR,
  type Model,
} from './model';
import { nextOffsetsExpiryUs } from './offsetsExpiry';
import { nextTxnTimeoutUs } from './transactions';
import {
  appendToSegments,
  applyOffsetReset,
  applySegmentsDeleted,
  truncateSegments,
} from './retention';
import {
  applyLogCleaned,
  applyTombstoneMissed,
  compactedGp,
  isHole,
  noteProcessed,
  truncateCompaction,
} from './compaction';
import {
  gpOf,
  gpOfName,
  rebalanceNoticeUs,
  recordAt,
  visibleTo,
  wasSkipped,
  type GroupState,
  type MemberState,
  type ReadModelRow,
  type SimState,
} from './state';

const INF = Number.POSITIVE_INFINITY;
/** Kafka's fetch.max.wait.ms default. */
const FETCH_MAX_WAIT_US = 500_000;

/**
 * Applies one event to the state, in place, and returns it. The ONLY code that changes a
 * SimState: a live run, a refold and a seek all call it with the same events, so they reach
 * the same state. It draws no random numbers and reads no clock. It asserts the engine's
 * invariants (append-only offsets, committed ≤ log-end offset, one owner per partition per
 * generation) and throws if one breaks: a broken invariant is a bug, never a scenario outcome.
 */
export function evolve(s: SimState, e: KafkaEvent): SimState {
  s.timeUs = e.timeUs;
  switch (e.type) {
    case 'recordAppended':
      appendRecord(s, e);
      break;
    case 'memberJoining': {
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
      dropAssignment(s, mi, m);
      m.status = 'joining';
      m.generation = -1;
      s.wake.set(memberActor(s.model, mi), e.timeUs);
      break;
    }
    case 'rebalanceStarted': {
      const gi = groupIdx(s, e.group);
      const g = s.groups[gi]!;
      g.rebalancing = true;
      g.rebalanceStartUs = e.timeUs;
      g.rebalances++;
      for (const mi of g.members) {
        const m = s.members[mi]!;
        m.joinedRound = false;
        // A consumer blocked in poll() hears of the rebalance with its next heartbeat.
        if (m.status === 'idle') {
          const a = memberActor(s.model, mi);
          s.wake.set(a, Math.min(s.wake.get(a), rebalanceNoticeUs(s, mi)));
        }
      }
      void gi;
      break;
    }
    case 'memberJoined': {
      const gi = groupIdx(s, e.group);
      const g = s.groups[gi]!;
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
      if (!m.inGroup) {
        m.inGroup = true;
        m.joinedUs = e.timeUs;
        m.nextAutoCommitUs = e.timeUs + s.model.groups[gi]!.autoCommitIntervalUs;
        g.members.push(mi);
        if (g.emptySinceUs >= 0) {
          g.emptySinceUs = -1;
          refreshOffsetsExpiry(s);
        }
      }
      m.joinedRound = true;
      m.rejoinDue = false;
      m.lastPollUs = e.timeUs;
      if (s.model.groups[gi]!.cooperative === false || m.assigned.length === 0) {
        m.status = 'awaiting';
        s.wake.set(memberActor(s.model, mi), INF);
      }
      refreshExpiry(s, mi);
      checkJoinComplete(s, gi);
      break;
    }
    case 'rebalanceCompleted': {
      const gi = groupIdx(s, e.group);
      const g = s.groups[gi]!;
      g.generation = e.generation;
      g.rebalancing = false;
      g.target = new Map();
      for (const [id, tps] of Object.entries(e.assignment)) {
        const mi = s.model.groups[gi]!.memberByName.get(id)!;
        g.target.set(
          mi,
          tps.map((tp) => gpOfName(s.model, tp)),
        );
        const m = s.members[mi]!;
        m.syncDue = true;
        if (m.status === 'awaiting') s.wake.set(memberActor(s.model, mi), e.timeUs);
      }
      s.wake.set(coordinatorActor(s.model, gi), INF);
      break;
    }
    case 'partitionsAssigned':
      assignPartitions(
        s,
        e.group,
        e.member,
        e.generation,
        e.partitions,
        e.revoked,
        e.positions,
        e.timeUs,
      );
      s.wake.set(memberActor(s.model, memberIdx(s, e.group, e.member)), e.wakeUs);
      break;
    case 'partitionsRevoked': {
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
      m.previouslyOwned = m.assigned;
      dropAssignment(s, mi, m);
      break;
    }
    case 'recordsFetched': {
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
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
      if (s.compaction) m.batch.pass = s.compaction.passes;
      m.dirty = true;
      m.attempt = 0;
      m.status = 'running';
      m.lastPollUs = e.timeUs;
      m.pollRotation++;
      m.steps++;
      if (s.txn || s.compaction) skipInvisible(s, groupIdx(s, e.group), m);
      s.wake.set(memberActor(s.model, mi), e.wakeUs);
      refreshExpiry(s, mi);
      break;
    }
    case 'consumerIdle': {
      const gi = groupIdx(s, e.group);
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
      m.status = 'idle';
      m.lastPollUs = e.timeUs;
      // An idle auto-committing consumer still wakes from poll() to commit on its interval,
      // and from a heartbeat that tells it to rejoin.
      const commitUs =
        s.model.groups[gi]!.autoCommit && m.dirty ? Math.max(e.timeUs, m.nextAutoCommitUs) : INF;
      // A member removed from the group (a zombie that does not know yet) is no longer woken
      // by its old partitions' data: its poll(timeout) returns empty after fetch.max.wait.ms.
      const zombieUs = m.inGroup ? INF : e.timeUs + FETCH_MAX_WAIT_US;
      s.wake.set(memberActor(s.model, mi), Math.min(commitUs, rebalanceNoticeUs(s, mi), zombieUs));
      refreshExpiry(s, mi);
      break;
    }
    case 'recordProcessed': {
      const gi = groupIdx(s, e.group);
      const g = s.groups[gi]!;
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
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
      } else unskip(g, gp, e.offset);
      if (e.abortedTxn !== undefined && !e.redelivered) g.abortedRead++;
      if (e.deduplicated) g.dedupAbsorbed++;
      else {
        g.sideEffects++;
        // With a dedup store, a side effect that runs is by construction the event's first.
        if (e.redelivered && !g.dedup) g.duplicateSideEffects++;
        g.dedup?.add(e.eventId);
        if (e.stock !== undefined) applyStock(g, e.stock);
        if (g.table) project(g.table, recordAt(s, gp, e.offset)!, e.timeUs);
      }
      if (s.compaction && compactedGp(s.model, gp))
        noteProcessed(s, gi, gp, e.offset, recordAt(s, gp, e.offset)!);
      if (!e.redelivered) {
        const rec = recordAt(s, gp, e.offset)!;
        if (g.outputsSeen && rec.causationId !== null) {
          const k = `${rec.producer}|${rec.causationId}|${rec.eventType}`;
          if (g.outputsSeen.has(k)) g.outputDuplicates++;
          else g.outputsSeen.add(k);
        }
        if (rec.keyId >= 0) {
          if (e.reorderedAfter !== null) g.reordered++;
          else {
            const src = s.model.sourceIndex.get(rec.producer)!;
            let max = g.orderMax[src];
            if (!max) g.orderMax[src] = max = new Float64Array(s.model.keys.length).fill(-1);
            max[rec.keyId] = e.eventId;
          }
        }
      }
      finishRecord(s, gi, m);
      m.steps++;
      s.wake.set(memberActor(s.model, mi), e.wakeUs);
      break;
    }
    case 'handlerFailed': {
      const g = s.groups[groupIdx(s, e.group)]!;
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
      g.handlerFailures++;
      m.attempt = e.attempt;
      m.steps++;
      s.wake.set(memberActor(s.model, mi), e.wakeUs);
      break;
    }
    case 'recordDeadLettered': {
      const gi = groupIdx(s, e.group);
      const g = s.groups[gi]!;
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
      const gp = gpOf(s.model, e.topic, e.partition);
      g.deadLettered++;
      if (e.offset + 1 > g.processedEnd[gp]!) g.processedEnd[gp] = e.offset + 1;
      // A zombie may dead-letter a record a commit had skipped: it was handled after all.
      else if (wasSkipped(g, gp, e.offset)) unskip(g, gp, e.offset);
      finishRecord(s, gi, m);
      m.steps++;
      s.wake.set(memberActor(s.model, mi), e.wakeUs);
      break;
    }
    case 'offsetsCommitted': {
      const gi = groupIdx(s, e.group);
      const g = s.groups[gi]!;
      const m = s.members[memberIdx(s, e.group, e.member)]!;
      applyCommit(s, g, e.offsets);
      m.dirty = false;
      m.commitDue = false;
      if (e.cause === 'auto')
        m.nextAutoCommitUs = e.timeUs + s.model.groups[gi]!.autoCommitIntervalUs;
      break;
    }
    case 'commitRejected': {
      const gi = groupIdx(s, e.group);
      const g = s.groups[gi]!;
      const m = s.members[memberIdx(s, e.group, e.member)]!;
      g.rejectedCommits++;
      m.commitDue = false;
      if (e.cause === 'auto') {
        // ConsumerCoordinator: a failed auto-commit is tried again after retry.backoff.ms when
        // the error is retriable (the coordinator did not answer), else at the next interval.
        // Either way the next attempt lies in the future: never again at this instant.
        const gm = s.model.groups[gi]!;
        m.nextAutoCommitUs =
          e.timeUs +
          (e.error === 'REQUEST_TIMED_OUT' ? gm.retryBackoffUs : gm.autoCommitIntervalUs);
      }
      break;
    }
    case 'offsetsSkipped': {
      const g = s.groups[groupIdx(s, e.group)]!;
      const gp = gpOf(s.model, e.topic, e.partition);
      // A group that never read the partition and lost its first records to retention
      // (earliest): they were its to read, so it starts where they began.
      if (e.reason === 'retention' && g.startOffset[gp]! < 0) g.startOffset[gp] = e.from;
      g.skipped += e.to - e.from;
      const ranges = g.skippedRanges.get(gp) ?? [];
      ranges.push(e.from, e.to);
      g.skippedRanges.set(gp, ranges);
      g.processedEnd[gp] = Math.max(g.processedEnd[gp]!, e.to);
      g.dupCountedEnd[gp] = Math.max(g.dupCountedEnd[gp]!, e.to);
      break;
    }
    case 'consumerCrashed': {
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
      dropAssignment(s, mi, m);
      m.previouslyOwned = [];
      m.status = 'crashed';
      m.silentSinceUs = e.timeUs;
      m.syncDue = false;
      m.rejoinDue = false;
      s.wake.set(memberActor(s.model, mi), INF);
      refreshExpiry(s, mi);
      nextFault(s);
      break;
    }
    case 'consumerRestarted': {
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
      // A new instance: its transactional producer starts with initTransactions().
      if (s.txn && s.model.groups[s.model.members[mi]!.group]!.transactional)
        s.txn.producers[mi]!.initDue = true;
      m.status = 'joining';
      m.generation = -1;
      m.silentSinceUs = -1;
      s.wake.set(memberActor(s.model, mi), e.timeUs);
      refreshExpiry(s, mi);
      nextFault(s);
      break;
    }
    case 'consumerPaused': {
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
      const a = memberActor(s.model, mi);
      m.pausedFrom = m.status;
      m.pausedRemainingUs = s.wake.get(a) - e.timeUs;
      m.status = 'paused';
      m.silentSinceUs = e.timeUs;
      s.wake.set(a, e.untilUs);
      refreshExpiry(s, mi);
      nextFault(s);
      break;
    }
    case 'consumerResumed': {
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
      m.status = m.pausedFrom;
      m.silentSinceUs = -1;
      s.wake.set(memberActor(s.model, mi), e.wakeUs ?? INF);
      refreshExpiry(s, mi);
      break;
    }
    case 'memberLeft': {
      const gi = groupIdx(s, e.group);
      const mi = memberIdx(s, e.group, e.member);
      const m = s.members[mi]!;
      if (e.staticInstance === undefined) removeFromGroup(s, gi, mi, e.timeUs);
      dropAssignment(s, mi, m);
      m.status = 'stopped';
      if (e.staticInstance !== undefined) {
        // Still a member: silent from now on, it expires after session.timeout.ms.
        m.previouslyOwned = [];
        m.silentSinceUs = e.timeUs;
        m.syncDue = false;
        m.rejoinDue = false;
        refreshExpiry(s, mi);
      }
      s.wake.set(memberActor(s.model, mi), INF);
      nextFault(s);
      break;
    }
    case 'memberExpired': {
      const gi = groupIdx(s, e.group);
      removeFromGroup(s, gi, memberIdx(s, e.group, e.member), e.timeUs);
      break;
    }
    case 'txnCoordinatorFailedOver':
      s.txn!.downUntilUs = e.untilUs;
      s.wake.set(txnCoordinatorActor(s.model), nextTxnTimeoutUs(s));
      nextFault(s);
      break;
    case 'offsetsExpired': {
      const g = s.groups[groupIdx(s, e.group)]!;
      for (const o of e.offsets) g.committed[gpOf(s.model, o.topic, o.partition)] = -1;
      refreshOffsetsExpiry(s);
      break;
    }
    case 'faultSkipped':
      nextFault(s);
      break;
    case 'coordinatorUnreachable':
      if (e.producer !== undefined)
        s.wake.set(producerActor(s.model, s.model.producerIndex.get(e.producer)!), e.wakeUs);
      else s.wake.set(memberActor(s.model, memberIdx(s, e.group, e.member)), e.wakeUs);
      break;
    case 'producerInitialized':
    case 'transactionCommitted':
    case 'transactionAborted':
    case 'transactionFenced':
      evolveTxn(s, e, TXN_HOOKS);
      break;
    case 'segmentsDeleted':
      applySegmentsDeleted(s, gpOf(s.model, e.topic, e.partition), e);
      break;
    case 'retentionChecked':
      s.wake.set(retentionActor(s.model), e.nextCheckUs);
      break;
    case 'logCleaned':
      applyLogCleaned(s, gpOf(s.model, e.topic, e.partition), e);
      break;
    case 'cleanerChecked':
      s.wake.set(cleanerActor(s.model), e.nextCheckUs);
      break;
    case 'tombstoneMissed':
      applyTombstoneMissed(s, groupIdx(s, e.group), gpOf(s.model, e.topic, e.partition), e);
      break;
    case 'offsetOutOfRange': {
      const mi = memberIdx(s, e.group, e.member);
      applyOffsetReset(s, mi, gpOf(s.model, e.topic, e.partition), e);
      s.wake.set(memberActor(s.model, mi), e.wakeUs);
      break;
    }
    case 'recordSent':
    case 'produceRequested':
    case 'produceHandled':
    case 'produceAcked':
    case 'produceFailed':
    case 'staleResponse':
    case 'replicaFetched':
    case 'isrChanged':
    case 'leaderElected':
    case 'brokerStopped':
    case 'brokerStarted':
    case 'networkPartitioned':
    case 'networkHealed':
    case 'ackLossArmed':
    case 'poisonArmed':
    case 'producerRestarted':
      evolveCluster(s, e, HOOKS);
      break;
    case 'partitionsAdded': {
      // Partitions from..to-1 exist from now on (reserved, empty until now).
      const ti = s.model.topicIndex.get(e.topic)!;
      if (e.to <= s.livePartitions[ti]!)
        throw new Error(`invariant: ${e.topic} cannot shrink or stay at ${e.to} partitions`);
      s.livePartitions[ti] = e.to;
      nextFault(s);
      break;
    }
    case 'groupMetadataChanged':
      s.noticeCursor++;
      s.wake.set(FAULT_ACTOR, faultWakeUs(s));
      break;
    default:
      assertNever(e);
  }
  return s;
}

/*
 * Name → index lookups, with a one-entry memo each: consecutive events usually name the same
 * group and member, and these run for every processed record. The memo is keyed by the model
 * too, so two runs in one process never share an answer.
 */
let memoModel: unknown = null;
let memoGroup = '';
let memoGi = -1;
let memoMemberGroup = '';
let memoMember = '';
let memoMi = -1;

function groupIdx(s: SimState, id: string): number {
  if (memoModel === s.model && id === memoGroup) return memoGi;
  const gi = s.model.groupIndex.get(id);
  if (gi === undefined) throw new Error(`unknown group ${id}`);
  if (memoModel !== s.model) resetMemo(s);
  memoGroup = id;
  memoGi = gi;
  return gi;
}

function memberIdx(s: SimState, groupId: string, id: string): number {
  if (memoModel === s.model && id === memoMember && groupId === memoMemberGroup) return memoMi;
  const mi = s.model.groups[groupIdx(s, groupId)]!.memberByName.get(id);
  if (mi === undefined) throw new Error(`unknown member ${groupId}/${id}`);
  memoMemberGroup = groupId;
  memoMember = id;
  memoMi = mi;
  return mi;
}

function resetMemo(s: SimState): void {
  memoModel = s.model;
  memoGroup = memoMemberGroup = memoMember = '';
  memoGi = memoMi = -1;
}

/**
 * The highest eventId of the record's (producer, key) this group processed first-time, or -1:
 * Kafka promises order per producer and key (one partition), so a lower eventId processed
 * later is a reordering.
 */
export function lastInOrder(s: SimState, g: GroupState, rec: LogRecord): number {
  if (rec.keyId < 0) return -1;
  const max = g.orderMax[s.model.sourceIndex.get(rec.producer)!];
  return max ? max[rec.keyId]! : -1;
}

/**
 * A read model folds the record into its row (keyed by the record's key field); a tombstone
 * deletes the row, as a table built from a compacted topic does.
 */
function project(table: Map<string, ReadModelRow>, rec: LogRecord, timeUs: number): void {
  const key = rec.entity ?? rec.key ?? '(no key)';
  if (rec.tombstone) {
    table.delete(key);
    return;
  }
  const row = table.get(key);
  if (row) {
    row.events++;
    row.lastType = rec.eventType;
    row.lastEventId = rec.eventId;
    row.lastTimeUs = timeUs;
  } else
    table.set(key, {
      events: 1,
      lastType: rec.eventType,
      lastEventId: rec.eventId,
      lastTimeUs: timeUs,
    });
}

/** A skipped record was processed after all (by a zombie): it is no longer lost. */
function unskip(g: GroupState, gp: number, offset: number): void {
  const r = g.skippedRanges.get(gp);
  if (!r)
    throw new Error(`invariant: offset ${offset} processed first-time below the processed end`);
  for (let i = 0; i < r.length; i += 2) {
    const from = r[i]!;
    const to = r[i + 1]!;
    if (offset < from || offset >= to) continue;
    r.splice(
      i,
      2,
      ...(from < offset ? [from, offset] : []),
      ...(offset + 1 < to ? [offset + 1, to] : []),
    );
    g.skipped--;
    return;
  }
  throw new Error(`invariant: offset ${offset} processed first-time below the processed end`);
}

/** A service's rules changed its stock; it never goes below 0 (the rule fails instead). */
function applyStock(g: SimState['groups'][number], ops: { item: string; delta: number }[]): void {
  for (const op of ops) {
    const n = (g.stock?.get(op.item) ?? 0) + op.delta;
    if (n < 0 || g.stock === null) throw new Error(`invariant: stock of ${op.item} below 0`);
    g.stock.set(op.item, n);
  }
}

function appendRecord(s: SimState, e: Extract<SimEvent, { type: 'recordAppended' }>): void {
  const model = s.model;
  const ti = model.topicIndex.get(e.topic)!;
  const gp = model.topics[ti]!.firstGp + e.partition;
  const leo = s.leo[gp]!;
  if (e.offset !== leo) {
    throw new Error(
      `invariant: append at ${e.topic}-${e.partition} offset ${e.offset}, log-end offset is ${leo}`,
    );
  }
  pushRecord(s, gp, e);
  s.produced++;
  if (e.eventId >= s.nextEventId) s.nextEventId = e.eventId + 1;
  if (e.txn !== undefined) txnRecordAppended(s, e, gp, e.offset, e.timeUs);
  if (e.nextSendUs !== undefined) {
    const pi = model.producerIndex.get(e.producer)!;
    const p = s.producers[pi]!;
    p.sent++;
    if (e.poison) s.cluster.poisonNext[pi] = 0;
    if (e.key === null && model.producers[pi]!.partition === null) {
      if (p.stickyPartition === e.partition) p.stickyCount++;
      else {
        p.stickyPartition = e.partition;
        p.stickyCount = 1;
      }
    }
    s.wake.set(producerActor(model, pi), e.nextSendUs ?? INF);
  } else if (e.key === null) {
    const gi = model.groupIndex.get(e.producer);
    if (gi !== undefined) {
      const st = s.groups[gi]!.emitSticky;
      const cur = st.get(ti);
      if (cur && cur.partition === e.partition) cur.count++;
      else st.set(ti, { partition: e.partition, count: 1 });
    }
  }
  if (model.cluster.detailed) afterLeaderAppend(s, gp, e.timeUs, HOOKS, leo);
  else {
    s.hw[gp] = s.leo[gp]!;
    hwAdvanced(s, gp, e.timeUs);
  }
}

/**
 * Appends one record to a partition log. Logs are shared by snapshots: a refold finds the
 * record already there; a fork that diverges takes its own copy of the prefix (copy-on-write).
 */
function pushRecord(s: SimState, gp: number, rec: LogRecord): void {
  const leo = s.leo[gp]!;
  let log = s.logs[gp]!;
  const at = leo - s.logStart[gp]!;
  if (at < 0) {
    // Truncated below the released prefix: the log restarts at the new end.
    s.logs[gp] = [rec];
    s.logStart[gp] = leo;
  } else if (log.length > at) {
    const there = log[at]!;
    if (there !== rec && !sameRecord(there, rec)) {
      log = s.logs[gp] = log.slice(0, at);
      log.push(rec);
    }
  } else log.push(rec);
  if (s.segments) appendToSegments(s, gp, leo, rec);
  s.leo[gp] = leo + 1;
  s.appended++;
}

/** The high watermark moved: consumers blocked in poll() on this partition get the data. */
function hwAdvanced(s: SimState, gp: number, t: number): void {
  const model = s.model;
  for (const gi of model.topics[model.gpTopic[gp]!]!.subscribers) {
    const owner = s.groups[gi]!.owner[gp]!;
    if (owner < 0 || s.members[owner]!.status !== 'idle') continue;
    const a = memberActor(model, owner);
    s.wake.set(a, Math.min(s.wake.get(a), t + model.groups[gi]!.fetchLatencyUs));
  }
}

/**
 * A leader's log was cut back (unclean election, or acks=1 records lost with their leader):
 * consumers detect the truncation (KIP-320) and continue from its end; what a group had not
 * processed of acknowledged records there is lost to it.
 */
function truncated(s: SimState, gp: number, to: number, lostRanges: number[]): void {
  if (s.segments) truncateSegments(s, gp, to);
  if (s.compaction) truncateCompaction(s, gp, to);
  for (const gi of s.model.topics[s.model.gpTopic[gp]!]!.subscribers) {
    const g = s.groups[gi]!;
    // Lost to this group: acknowledged records it had not processed yet. (Unacknowledged ones
    // above the high watermark were never readable, and their producer retries them.) A group
    // that has not started on the partition and will start at its end (latest) loses nothing.
    const started = g.startOffset[gp]! >= 0;
    if (started || !s.model.groups[gi]!.resetLatest) {
      for (let i = 0; i < lostRanges.length; i += 2) {
        const from = Math.max(lostRanges[i]!, g.processedEnd[gp]!);
        g.skipped += Math.max(0, lostRanges[i + 1]! - from);
      }
    }
    // Records appended from the new end on are new: the group reads them from there.
    if (started && g.startOffset[gp]! > to) g.startOffset[gp] = to;
    if (g.committed[gp]! > to) g.committed[gp] = to;
    g.processedEnd[gp] = Math.min(g.processedEnd[gp]!, to);
    g.dupCountedEnd[gp] = Math.min(g.dupCountedEnd[gp]!, to);
    const ranges = g.skippedRanges.get(gp);
    if (ranges) {
      const kept: number[] = [];
      for (let i = 0; i < ranges.length; i += 2)
        if (ranges[i]! < to) kept.push(ranges[i]!, Math.min(ranges[i + 1]!, to));
      g.skippedRanges.set(gp, kept);
    }
  }
  // An open transaction's records there may be gone: its next ones start at the new end.
  if (s.txn)
    for (const o of s.txn.open.values()) {
      const first = o.first.get(gp);
      if (first !== undefined && first > to) o.first.set(gp, to);
    }
  s.members.forEach((m, mi) => {
    const pos = m.position.get(gp);
    if (pos !== undefined && pos > to) m.position.set(gp, to);
    const b = m.batch;
    if (!b) return;
    for (let r = 0; r < b.gps.length; r++)
      if (b.gps[r] === gp) b.to[r] = Math.max(b.from[r]!, Math.min(b.to[r]!, to));
    // The record in hand (and maybe whole ranges) may be gone: the cursor moves to the next
    // record still in the batch, whose handler takes the time already running; none left ends
    // the batch, and the member polls at its wake.
    if (!settleCursor(b)) endBatch(s, s.model.members[mi]!.group, m);
  });
}

/**
 * Moves a batch cursor that stands past its range's end on to the next record still in the
 * batch, skipping ranges a truncation emptied. False when no record is left.
 */
function settleCursor(b: NonNullable<MemberState['batch']>): boolean {
  while (b.offset >= b.to[b.range]!) {
    b.range++;
    if (b.range >= b.gps.length) return false;
    b.offset = b.from[b.range]!;
  }
  return true;
}

/** A finished batch: with commit-after-processing (manual commit) it owes a commit. */
function endBatch(s: SimState, gi: number, m: MemberState): void {
  m.batch = null;
  const gm = s.model.groups[gi]!;
  if (!gm.autoCommit && gm.commit === 'after-processing') m.commitDue = true;
}

/** A network partition starts or ends between a member and the group coordinator. */
function cutChanged(s: SimState, client: string, server: string, cut: boolean): void {
  if (server !== 'coordinator') return;
  s.model.members.forEach((mm, mi) => {
    if (mm.id !== client) return;
    const m = s.members[mi]!;
    if (m.status === 'crashed' || m.status === 'stopped' || m.status === 'paused') return;
    m.silentSinceUs = cut ? s.timeUs : -1;
    refreshExpiry(s, mi);
  });
}

const HOOKS: ClusterHooks = { pushRecord, hwAdvanced, truncated, cutChanged };

/**
 * Every field of the record: a fork whose record differs in any of them (a live-injected poison
 * message, another causation) must take its own copy of the log, not read the parent's record.
 */
function sameRecord(a: LogRecord, b: LogRecord): boolean {
  return (
    a.eventId === b.eventId &&
    a.timeUs === b.timeUs &&
    a.producer === b.producer &&
    a.key === b.key &&
    a.entity === b.entity &&
    a.keyId === b.keyId &&
    a.eventType === b.eventType &&
    a.causationId === b.causationId &&
    a.correlationId === b.correlationId &&
    (a.poison ?? false) === (b.poison ?? false) &&
    a.txn === b.txn &&
    a.control === b.control &&
    a.tombstone === b.tombstone
  );
}

/** Moves the batch cursor past the current record; a finished batch may owe a commit. */
function finishRecord(s: SimState, gi: number, m: MemberState): void {
  m.attempt = 0;
  const b = m.batch;
  if (!b) return;
  b.offset++;
  if (!settleCursor(b)) endBatch(s, gi, m);
  else if (s.txn || s.compaction) skipInvisible(s, gi, m);
}

/**
 * Moves the batch cursor past records the application never sees: transaction markers, for
 * read_committed the records of aborted transactions, and offsets the log cleaner had removed
 * before the batch was fetched (compaction.ts). The group is done with them.
 */
function skipInvisible(s: SimState, gi: number, m: MemberState): void {
  const b = m.batch;
  if (!b) return;
  const rc = s.model.groups[gi]!.readCommitted;
  const g = s.groups[gi]!;
  const c = s.compaction;
  for (;;) {
    const gp = b.gps[b.range]!;
    const rec = recordAt(s, gp, b.offset);
    if (!rec) return;
    const hole = c !== null && isHole(c, gp, b.offset, b.pass ?? 0);
    if (!hole && visibleTo(s, rec, rc)) return;
    if (b.offset >= g.processedEnd[gp]!) {
      g.processedEnd[gp] = b.offset + 1;
      g.invisible++;
    }
    b.offset++;
    if (!settleCursor(b)) {
      endBatch(s, gi, m);
      return;
    }
  }
}

/** A transaction marker at the partition's log end: an offset no consumer ever reads. */
function appendMarker(s: SimState, gp: number, marker: LogRecord, t: number): void {
  const leo = s.leo[gp]!;
  pushRecord(s, gp, marker);
  s.appended--;
  if (s.model.cluster.detailed) afterLeaderAppend(s, gp, t, HOOKS, leo);
  else {
    s.hw[gp] = s.leo[gp]!;
    hwAdvanced(s, gp, t);
  }
}

const TXN_HOOKS: TxnHooks = {
  appendMarker,
  applyCommit: (s, gi, offsets) => applyCommit(s, s.groups[gi]!, offsets),
  stableMoved: hwAdvanced,
  producerTxn: (s, pi, e) => {
    producerTxnSession(s, pi, e);
    refreshProducer(s, pi, e.timeUs);
  },
};

function applyCommit(s: SimState, g: GroupState, offsets: CommitOffset[]): void {
  for (const o of offsets) {
    const gp = gpOf(s.model, o.topic, o.partition);
    const leo = s.leo[gp]!;
    if (o.offset > leo || o.offset < 0) {
      throw new Error(
        `invariant: commit ${o.topic}-${o.partition}@${o.offset} outside [0, ${leo}]`,
      );
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
  const gi = groupIdx(s, groupId);
  const g = s.groups[gi]!;
  const mi = memberIdx(s, groupId, memberId);
  const m = s.members[mi]!;
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
        throw new Error(
          `invariant: ${tp} owned by two members of ${groupId} in generation ${generation}`,
        );
      }
    }
    g.owner[gp] = mi;
    const pos = positions[tp];
    if (pos !== undefined) {
      m.position.set(gp, pos);
      if (g.startOffset[gp]! < 0) startReading(g, gp, pos);
    }
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

/** The group coordinator's offsets cleanup wakes for the next group whose offsets expire. */
function refreshOffsetsExpiry(s: SimState): void {
  if (s.model.offsetsRetention) s.wake.set(offsetsExpiryActor(s.model), nextOffsetsExpiryUs(s));
}

/**
 * The group's first position on a partition: it reads from here on. Records below it (skipped
 * by auto.offset.reset=latest) were never its to process: neither pending nor lost.
 */
function startReading(g: GroupState, gp: number, pos: number): void {
  g.startOffset[gp] = pos;
  g.processedEnd[gp] = Math.max(g.processedEnd[gp]!, pos);
  g.dupCountedEnd[gp] = Math.max(g.dupCountedEnd[gp]!, pos);
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

function removeFromGroup(s: SimState, gi: number, mi: number, t: number): void {
  const g = s.groups[gi]!;
  const m = s.members[mi]!;
  g.members = g.members.filter((x) => x !== mi);
  if (g.members.length === 0 && g.emptySinceUs < 0) {
    // The group is Empty: its offsets' retention starts now (KIP-211).
    g.emptySinceUs = t;
    refreshOffsetsExpiry(s);
  }
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
  s.wake.set(coordinatorActor(s.model, gi), s.timeUs);
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
      const lastHeartbeat =
        m.silentSinceUs - ((m.silentSinceUs - m.joinedUs) % gm.heartbeatIntervalUs);
      deadline = lastHeartbeat + gm.sessionTimeoutUs;
    }
    const between = m.status === 'running' || (m.status === 'paused' && m.pausedFrom === 'running');
    if (between) deadline = Math.min(deadline, m.lastPollUs + gm.maxPollIntervalUs);
  }
  s.wake.set(expiryActor(model, mi), deadline);
}

function nextFault(s: SimState): void {
  s.faultCursor++;
  s.wake.set(FAULT_ACTOR, faultWakeUs(s));
}
