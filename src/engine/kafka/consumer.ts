import { emits, recordMeta } from '../amqp/system/decide';
import { commitEvent, positions, topicPartition } from './commit';
import { sampleFrom } from './distributions';
import { lastInOrder } from './evolve';
import type { FetchRange, LogRecord, RecordAppended, RecordProcessed, SimEvent } from './events';
import type { EmitModel, GroupModel, OutcomeRuleModel } from './model';
import { choosePartition, type Sticky } from './partitioner';
import { countSeen } from './addPartitions';
import { draw01 } from '../kernel/rng';
import {
  lastStableOffset,
  rebalanceNoticeUs,
  recordAt,
  tpName,
  visibleTo,
  wasSkipped,
  type SimState,
} from './state';
import {
  commitTransaction,
  fencedEvent,
  initTransactions,
  txnCoordinatorDown,
} from './transactions';
import { outOfRange, startBelowLogStart } from './retention';
import { isHole, missedTombstones } from './compaction';

/**
 * One step of a consumer's loop, as its application thread runs it:
 * `poll()` → process each record → commit (or commit first, or let auto-commit do it).
 * A rebalance is noticed inside poll(), as in KafkaConsumer.
 */
export function memberStep(s: SimState, mi: number, t: number): SimEvent[] {
  const m = s.members[mi]!;
  switch (m.status) {
    case 'joining':
      return join(s, mi, t);
    case 'paused':
      return [resume(s, mi, t)];
    case 'awaiting':
      return m.syncDue ? sync(s, mi, t) : [];
    case 'running':
    case 'idle':
      if (m.batch) return processRecord(s, mi, t);
      return poll(s, mi, t);
    case 'crashed':
    case 'stopped':
      return [];
  }
}

function ids(s: SimState, mi: number) {
  const mm = s.model.members[mi]!;
  const gm = s.model.groups[mm.group]!;
  return { mm, gm, g: s.groups[mm.group]!, m: s.members[mi]!, group: gm.id, member: mm.id };
}

function duration(s: SimState, mi: number, k: number): number {
  const mm = s.model.members[mi]!;
  return sampleFrom(mm.processing, mm.streamKey, s.members[mi]!.steps, k);
}

function resume(s: SimState, mi: number, t: number): SimEvent {
  const { m, group, member } = ids(s, mi);
  const remaining = m.pausedRemainingUs;
  // A member that was waiting for its assignment goes on waiting unless it arrived meanwhile;
  // one that was blocked in poll() polls again at once.
  const waiting = m.pausedFrom === 'awaiting' && !m.syncDue;
  const wakeUs = Number.isFinite(remaining) ? t + remaining : waiting ? null : t;
  return { type: 'consumerResumed', timeUs: t, group, member, wakeUs };
}

/** JoinGroup: starts a rebalance if none is under way; eager members revoke everything first. */
function cutFromCoordinator(s: SimState, member: string): boolean {
  return s.cluster.cuts.some((c) => c.client === member && c.server === 'coordinator');
}

/** A member cut off from the coordinator tries again when the partition heals. */
function unreachable(s: SimState, mi: number, t: number): SimEvent[] | null {
  const id = s.model.members[mi]!.id;
  const cut = s.cluster.cuts.find((c) => c.client === id && c.server === 'coordinator');
  if (!cut) return null;
  const group = s.model.groups[s.model.members[mi]!.group]!.id;
  return [{ type: 'coordinatorUnreachable', timeUs: t, group, member: id, wakeUs: cut.untilUs }];
}

function join(s: SimState, mi: number, t: number): SimEvent[] {
  const blocked = unreachable(s, mi, t);
  if (blocked) return blocked;
  const { gm, g, m, group, member } = ids(s, mi);
  // A transactional service's producer starts with initTransactions() (epoch bump, fencing).
  if (gm.transactional && s.txn!.producers[mi]!.initDue)
    return txnCoordinatorDown(s, mi, t) ?? [initTransactions(s, mi, t)];
  const instance = s.model.members[mi]!.instanceId;
  // KIP-345: a static member rejoining with its group.instance.id while the coordinator still
  // holds it (within session.timeout.ms) and the group is stable gets the partitions it had in
  // this generation back, with no rebalance.
  if (instance !== null && m.inGroup && !g.rebalancing && g.target.has(mi) && m.generation < 0)
    return sync(s, mi, t, instance);
  const out: SimEvent[] = [];
  if (!g.rebalancing) {
    const reason = !m.inGroup
      ? `${member} joined`
      : m.rejoinDue
        ? `${member} revoked partitions (cooperative follow-up)`
        : `${member} rejoined`;
    out.push({ type: 'rebalanceStarted', timeUs: t, group, generation: g.generation, reason });
  }
  let owned = m.assigned;
  if (!gm.cooperative && m.assigned.length > 0) {
    if (gm.autoCommit || (gm.commit === 'after-processing' && !gm.transactional)) {
      const c = commitEvent(s, mi, t, 'revoke', positions(s, mi));
      if (c) out.push(c);
    }
    out.push({
      type: 'partitionsRevoked',
      timeUs: t,
      group,
      member,
      generation: m.generation,
      partitions: m.assigned.map((gp) => tpName(s.model, gp)),
    });
    owned = m.assigned;
  } else if (!gm.cooperative) owned = m.previouslyOwned;
  out.push({
    type: 'memberJoined',
    timeUs: t,
    group,
    member,
    generation: g.generation,
    owned: owned.map((gp) => tpName(s.model, gp)),
  });
  return out;
}

/** SyncGroup: take the new generation's assignment; revoke what moved away (cooperative). */
function sync(s: SimState, mi: number, t: number, staticRejoin?: string): SimEvent[] {
  const blocked = unreachable(s, mi, t);
  if (blocked) return blocked;
  const { gm, g, m, group, member } = ids(s, mi);
  const target = g.target.get(mi) ?? [];
  const keep = new Set(target);
  const had = new Set(m.assigned);
  const revoked = m.assigned.filter((gp) => !keep.has(gp));
  const out: SimEvent[] = [];
  // A transactional member's offsets commit only in its transactions (the last one ended
  // before this poll).
  if (
    revoked.length > 0 &&
    (gm.autoCommit || (gm.commit === 'after-processing' && !gm.transactional))
  ) {
    const pts = positions(s, mi);
    for (const gp of [...pts.keys()]) if (keep.has(gp)) pts.delete(gp);
    const c = commitEvent(s, mi, t, 'revoke', pts, g.generation);
    if (c) out.push(c);
  }
  const pos: Record<string, number> = Object.create(null); // names may be __proto__
  for (const gp of target) {
    if (had.has(gp)) continue;
    const committed = g.committed[gp]!;
    const leo = s.hw[gp]!;
    // earliest: the log start offset (0 until retention deletes segments: retention.ts).
    const lso = s.logStartOffset[gp]!;
    const start = committed >= 0 ? committed : gm.resetLatest ? leo : lso;
    pos[tpName(s.model, gp)] = start;
    const done = g.processedEnd[gp]!;
    if (committed < 0 && !gm.resetLatest) {
      // Earliest with records already deleted below the log start: lost to the group.
      const lost = lso > done ? startBelowLogStart(s, mi, gp, t) : null;
      if (lost) out.push(lost);
    }
    // The group's first position on a partition is where it starts reading (evolve records
    // it): nothing below it is skipped. A later reset (no commit yet when the partition moved)
    // skips records the group was reading: those are lost.
    else if (start > done && g.startOffset[gp]! >= 0) {
      out.push({
        type: 'offsetsSkipped',
        timeUs: t,
        group,
        member,
        ...topicPartition(s, gp),
        from: done,
        to: start,
        reason: committed >= 0 ? 'committed-before-processing' : 'auto.offset.reset=latest',
      });
    }
  }
  out.push({
    type: 'partitionsAssigned',
    timeUs: t,
    group,
    member,
    generation: g.generation,
    partitions: target.map((gp) => tpName(s.model, gp)),
    revoked: revoked.map((gp) => tpName(s.model, gp)),
    positions: pos,
    wakeUs: t,
    ...(staticRejoin !== undefined ? { staticRejoin } : {}),
  });
  return out;
}

/** poll(): notice group changes, auto-commit when due, then fetch up to max.poll.records. */
function poll(s: SimState, mi: number, t: number): SimEvent[] {
  const { gm, m, group, member } = ids(s, mi);
  if (m.commitDue) {
    if (gm.transactional)
      return unreachable(s, mi, t) ?? txnCoordinatorDown(s, mi, t) ?? [commitTransaction(s, mi, t)];
    return [commitEvent(s, mi, t, 'after-processing', positions(s, mi), m.generation, true)!];
  }
  // A member learns it was removed only from the coordinator: not while cut off from it.
  if (!m.inGroup && !cutFromCoordinator(s, member))
    return [{ type: 'memberJoining', timeUs: t, group, member, reason: 'rejoin' }];
  if (m.syncDue) return sync(s, mi, t);
  if (m.rejoinDue || t >= rebalanceNoticeUs(s, mi)) return join(s, mi, t);
  if (gm.autoCommit && m.dirty && t >= m.nextAutoCommitUs) {
    // A due auto-commit is always sent, as Kafka sends all consumed positions each interval,
    // even when none moved (e.g. a truncation set them back to the committed offsets): its
    // outcome resets the timer, so the member never wakes at this instant for it again.
    return [commitEvent(s, mi, t, 'auto', positions(s, mi), m.generation, true)!];
  }
  const reset = outOfRange(s, mi, t);
  if (reset) return reset;
  const ranges = fetchRanges(s, mi, gm);
  if (ranges.length === 0) return [{ type: 'consumerIdle', timeUs: t, group, member }];
  const out: SimEvent[] = [
    {
      type: 'recordsFetched',
      timeUs: t,
      group,
      member,
      generation: m.generation,
      ranges,
      // Only markers (or aborted records, read_committed, or holes) fetched: nothing to process.
      wakeUs:
        (s.txn !== null || s.compaction !== null) && !anyVisible(s, ranges, gm.readCommitted)
          ? t
          : t + duration(s, mi, 0),
    },
  ];
  if (s.compaction) out.push(...missedTombstones(s, gm.index, member, ranges, t));
  if (!gm.autoCommit && gm.commit === 'before-processing') {
    // At-most-once: commit the positions past this batch before processing any of it.
    const pts = positions(s, mi);
    for (const r of ranges)
      pts.set(s.model.topics[s.model.topicIndex.get(r.topic)!]!.firstGp + r.partition, r.to);
    const c = commitEvent(s, mi, t, 'before-processing', pts);
    if (c) out.push(c);
  }
  return out;
}

/**
 * What one poll returns: up to max.poll.records from the assigned partitions, starting from a
 * rotating partition (Kafka's fetcher rotates for fairness). Records appended while the member
 * was idle reach it one fetch round trip later (fetch.latency.ms, see evolve's appendRecord).
 */
function fetchRanges(s: SimState, mi: number, gm: GroupModel): FetchRange[] {
  const m = s.members[mi]!;
  const n = m.assigned.length;
  const detailed = s.model.cluster.detailed;
  const ranges: FetchRange[] = [];
  let left = gm.maxPollRecords;
  for (let i = 0; i < n && left > 0; i++) {
    const gp = m.assigned[(m.pollRotation + i) % n]!;
    const pos = m.position.get(gp);
    // Consumers read below the high watermark (read_committed: below the last stable offset),
    // and only from a partition that has a leader.
    const hw = gm.readCommitted ? lastStableOffset(s, gp) : s.hw[gp]!;
    if (pos === undefined || pos >= hw || (detailed && s.cluster.replicas[gp]!.leader < 0))
      continue;
    const take = Math.min(hw - pos, left);
    left -= take;
    ranges.push({
      topic: s.model.topics[s.model.gpTopic[gp]!]!.name,
      partition: s.model.gpPartition[gp]!,
      from: pos,
      to: pos + take,
    });
  }
  return ranges;
}

/** Whether any record of the fetched ranges reaches the application. */
function anyVisible(s: SimState, ranges: FetchRange[], readCommitted: boolean): boolean {
  for (const r of ranges) {
    const gp = s.model.topics[s.model.topicIndex.get(r.topic)!]!.firstGp + r.partition;
    const c = s.compaction;
    for (let o = r.from; o < r.to; o++)
      if (
        (c === null || !isHole(c, gp, o, c.passes)) &&
        visibleTo(s, recordAt(s, gp, o)!, readCommitted)
      )
        return true;
  }
  return false;
}

/**
 * The current record's handler finished at t. A transactional member whose epoch the
 * coordinator bumped learns it here when the handler sends: INVALID_PRODUCER_EPOCH.
 */
function processRecord(s: SimState, mi: number, t: number): SimEvent[] {
  const out = handleRecord(s, mi, t);
  const gm = s.model.groups[s.model.members[mi]!.group]!;
  if (
    gm.transactional &&
    s.txn!.producers[mi]!.fenced &&
    out.some((e) => e.type === 'recordAppended')
  )
    return [fencedEvent(s, mi, t)];
  return out;
}

/** The handler's outcome: success (maybe emitting), retry, or DLQ. */
function handleRecord(s: SimState, mi: number, t: number): SimEvent[] {
  const { gm, g, m, group, member } = ids(s, mi);
  const b = m.batch!;
  const gp = b.gps[b.range]!;
  const offset = b.offset;
  const rec = recordAt(s, gp, offset)!;
  const key0 = s.model.members[mi]!.streamKey;
  const hasNext = offset + 1 < b.to[b.range]! || b.range + 1 < b.gps.length;
  const nextWake = hasNext ? t + duration(s, mi, 1) : t;
  const topic = s.model.topics[s.model.gpTopic[gp]!]!.name;
  const partition = s.model.gpPartition[gp]!;
  if (rec.poison || (gm.failureRate > 0 && draw01(key0, m.steps, 0) < gm.failureRate)) {
    const attempt = m.attempt + 1;
    if (attempt <= gm.retries) {
      return [
        {
          type: 'handlerFailed',
          timeUs: t,
          group,
          member,
          topic,
          partition,
          offset,
          attempt,
          wakeUs: t + gm.backoffUs + duration(s, mi, 1),
        },
      ];
    }
    const dlt = gm.deadLetterTopic >= 0 ? s.model.topics[gm.deadLetterTopic]! : null;
    const out: SimEvent[] = [
      {
        type: 'recordDeadLettered',
        timeUs: t,
        group,
        member,
        topic,
        partition,
        offset,
        attempts: attempt,
        deadLetterTopic: dlt?.name ?? null,
        wakeUs: nextWake,
      },
    ];
    if (dlt)
      out.push(
        emitted(s, mi, gm, rec, rec.eventType, gm.deadLetterTopic, rec.key, t, newStep(), 3),
      );
    return out;
  }
  const redelivered = offset < g.processedEnd[gp]! && !wasSkipped(g, gp, offset);
  const deduplicated = g.dedup !== null && g.dedup.has(rec.eventId);
  let reorderedAfter: number | null = null;
  if (!redelivered) {
    const prev = lastInOrder(s, g, rec);
    if (prev > rec.eventId) reorderedAfter = prev;
  }
  const processed: RecordProcessed = {
    type: 'recordProcessed',
    timeUs: t,
    group,
    member,
    generation: m.generation,
    topic,
    partition,
    offset,
    eventId: rec.eventId,
    attempt: m.attempt + 1,
    redelivered,
    deduplicated,
    reorderedAfter,
    wakeUs: nextWake,
  };
  // read_uncommitted: a record of a transaction already aborted is processed all the same.
  if (rec.txn !== undefined && s.txn!.aborted.has(rec.txn)) processed.abortedTxn = rec.txn;
  const out: SimEvent[] = [processed];
  const rules = deduplicated ? undefined : gm.handlers.get(rec.eventType);
  const outcomes =
    deduplicated || gm.outcomes === null ? undefined : gm.outcomes.get(rec.eventType);
  if (rules || outcomes) {
    let k = 3;
    const step = newStep();
    const emit = (rule: EmitModel) => {
      if (rule.topic < 0) {
        // A bridge: the service publishes to a RabbitMQ exchange (amqp/system/decide.ts).
        out.push(...emits(s, [rule], { meta: recordMeta(rec) }, gm.id, key0, m.steps, t, out));
        step.count++; // the event id it used
        return;
      }
      if (rule.probability < 1 && draw01(key0, m.steps, k++) >= rule.probability) return;
      out.push(
        emitted(
          s,
          mi,
          gm,
          rec,
          rule.type,
          rule.topic,
          rule.sameKey ? (rec.entity ?? rec.key) : null,
          t,
          step,
          k++,
        ),
      );
    };
    for (const rule of rules ?? []) emit(rule);
    if (outcomes) outcomeRules(g, outcomes, processed, key0, m.steps, emit);
  }
  return out;
}

/**
 * Rules whose local transaction can fail (issue 14): a stock change that would take the item
 * below 0 fails, and so does a draw under the rule's failure rate; a failed rule emits its
 * onFailure list instead and changes no stock. The changes go in the recordProcessed event.
 */
function outcomeRules(
  g: SimState['groups'][number],
  outcomes: OutcomeRuleModel[],
  processed: RecordProcessed,
  key0: number,
  counter: number,
  emit: (rule: EmitModel) => void,
): void {
  const ops: { item: string; delta: number }[] = [];
  const failed: number[] = [];
  for (const o of outcomes) {
    let fail = false;
    if (o.stock !== null) {
      let have = g.stock?.get(o.stock.item) ?? 0;
      for (const op of ops) if (op.item === o.stock.item) have += op.delta;
      fail = have + o.stock.delta < 0;
    }
    // Draw counters from 1000 up: clear of the emits' (3, 4, …).
    if (!fail && o.failRate > 0) fail = draw01(key0, counter, 1000 + o.rule) < o.failRate;
    if (fail) failed.push(o.rule);
    else if (o.stock !== null) ops.push(o.stock);
    for (const rule of fail ? o.failEmits : o.emits) emit(rule);
  }
  if (ops.length > 0) processed.stock = ops;
  if (failed.length > 0) processed.failedRules = failed;
}

/** Appends decided within one step: later ones must see the earlier ones' offsets and stickiness. */
interface StepAppends {
  count: number;
  perPartition: Map<number, number>;
  sticky: Map<number, Sticky | null>;
}

const newStep = (): StepAppends => ({ count: 0, perPartition: new Map(), sticky: new Map() });

/** A record a service sends as a side effect, carrying correlation and causation ids. */
function emitted(
  s: SimState,
  mi: number,
  gm: GroupModel,
  source: LogRecord,
  eventType: string,
  topicIndex: number,
  key: string | null,
  t: number,
  step: StepAppends,
  k: number,
): RecordAppended {
  const topic = s.model.topics[topicIndex]!;
  const st = step.sticky.has(topicIndex)
    ? step.sticky.get(topicIndex)!
    : (s.groups[gm.index]!.emitSticky.get(topicIndex) ?? null);
  const u = draw01(s.model.members[mi]!.streamKey, s.members[mi]!.steps, k);
  // A service's producer partitions by the count its metadata knows (addPartitions.ts).
  const count =
    s.model.partitionSteps.length === 0
      ? topic.partitions
      : countSeen(
          s.model.partitionSteps,
          topicIndex,
          topic.initialPartitions,
          0,
          gm.metadataMaxAgeUs,
          t,
        );
  const partition = choosePartition(count, key, null, st, EMIT_STICKY_RECORDS, u);
  if (key === null) {
    step.sticky.set(
      topicIndex,
      st && st.partition === partition
        ? { partition, count: st.count + 1 }
        : { partition, count: 1 },
    );
  }
  const gp = topic.firstGp + partition;
  const before = step.perPartition.get(gp) ?? 0;
  step.perPartition.set(gp, before + 1);
  const eventId = s.nextEventId + step.count++;
  const rec: RecordAppended = {
    type: 'recordAppended',
    timeUs: t,
    producer: gm.id,
    topic: topic.name,
    partition,
    offset: s.leo[gp]! + before,
    key,
    entity: source.entity,
    keyId: source.keyId,
    eventId,
    eventType,
    causationId: source.eventId,
    correlationId: source.correlationId,
  };
  if (gm.transactional) {
    // Part of the member's open transaction, or the first record of a new one.
    const tp = s.txn!.producers[mi]!;
    rec.txn = tp.txn >= 0 ? tp.txn : s.txn!.nextTxn;
    rec.pid = tp.producerId;
  }
  return rec;
}

/** A service's producer uses the default batch.size (16384) over ~200-byte records. */
const EMIT_STICKY_RECORDS = 82;
