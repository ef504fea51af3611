import type { Model } from '../engine';
import type { CommitRejected, ConsumerCrashed, PartitionsAssigned } from '../engine/kafka/events';
import { tpName, type InsightEvent } from './events';
import { RecordIndex } from './records';
import { findLast } from './util';
import type {
  CommitFact,
  ExpiryFact,
  MemberFacts,
  Outage,
  PartitionFacts,
  Setback,
} from './factTypes';

export type * from './factTypes';

const MAX_SETBACKS = 32;

/**
 * What a log has said so far about every partition (per group) and every member: commits,
 * owners, crashes, pauses, expiries, and progress a setback threw away. The detector reads
 * these facts to explain an anomaly from the events alone. Fed one event at a time, so it
 * works on a live stream as well as on a whole log.
 */
export class Facts {
  readonly records = new RecordIndex();
  private readonly partitions = new Map<string, Map<string, PartitionFacts[]>>();
  private readonly members = new Map<string, Map<string, MemberFacts>>();
  /** Partitions waiting with lag and no live owner, not yet reported stuck. */
  readonly waiting = new Set<PartitionFacts>();

  constructor(readonly model: Model) {
    for (const g of model.groups) {
      for (const gp of g.gps) {
        const topic = model.topics[model.gpTopic[gp]!]!.name;
        this.partition(g.id, topic, model.gpPartition[gp]!);
      }
    }
  }

  partition(group: string, topic: string, partition: number): PartitionFacts {
    // Nested maps, not a joined string key: this runs for most events of a live run.
    let byTopic = this.partitions.get(group);
    if (!byTopic) this.partitions.set(group, (byTopic = new Map()));
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    let pf = list[partition];
    if (!pf) {
      pf = {
        group,
        topic,
        partition,
        committed: null,
        owner: null,
        assignment: null,
        processedEnd: new Map(),
        setbacks: [],
        outage: { kind: 'unassigned', member: null, index: -1, timeUs: 0 },
        waitingSinceUs: -1,
        failing: null,
      };
      list[partition] = pf;
    }
    return pf;
  }

  member(group: string, member: string): MemberFacts {
    let byName = this.members.get(group);
    if (!byName) this.members.set(group, (byName = new Map()));
    let mf = byName.get(member);
    if (!mf) {
      mf = {
        group,
        member,
        owned: new Set(),
        crashed: null,
        paused: null,
        lastPause: null,
        expired: null,
        left: false,
      };
      byName.set(member, mf);
    }
    return mf;
  }

  /** Records the group has yet to commit on the partition (log-end offset − committed). */
  lag(pf: PartitionFacts): number {
    const end = this.records.logEnd(pf.topic, pf.partition);
    return Math.max(0, end - Math.max(0, pf.committed?.offset ?? 0));
  }

  /** The partition named "topic-partition" in a group (topic names may contain '-'). */
  partitionByName(group: string, tp: string): PartitionFacts {
    const dash = tp.lastIndexOf('-');
    return this.partition(group, tp.slice(0, dash), Number(tp.slice(dash + 1)));
  }

  /** Folds one event into the facts. Call it after the detectors looked at the event. */
  apply(e: InsightEvent, index: number): void {
    switch (e.type) {
      case 'recordAppended':
        this.records.add(e, index);
        this.startWaiting(e.topic, e.partition, e.timeUs);
        break;
      case 'logTruncated':
        this.records.truncate(e.topic, e.partition, e.fromOffset, e.toOffset);
        break;
      case 'partitionsAssigned':
        this.assign(e, index);
        break;
      case 'partitionsRevoked': {
        const mf = this.member(e.group, e.member);
        const outage: Outage = { kind: 'revoked', member: e.member, index, timeUs: e.timeUs };
        for (const tp of e.partitions) this.release(mf, this.partitionByName(e.group, tp), outage);
        break;
      }
      case 'recordProcessed':
      case 'recordDeadLettered':
        this.processed(e.group, e.member, this.partition(e.group, e.topic, e.partition), e.offset);
        break;
      case 'handlerFailed':
        this.failed(
          this.partition(e.group, e.topic, e.partition),
          e.member,
          e.offset,
          e.timeUs,
          index,
        );
        break;
      case 'offsetsCommitted':
      case 'transactionCommitted': {
        const cause = e.type === 'transactionCommitted' ? 'transaction' : e.cause;
        for (const o of e.offsets) {
          const pf = this.partition(e.group, o.topic, o.partition);
          pf.committed = { offset: o.offset, member: e.member, timeUs: e.timeUs, index, cause };
          if (pf.waitingSinceUs >= 0 && this.lag(pf) === 0) this.stopWaiting(pf);
        }
        break;
      }
      case 'commitRejected':
        this.rejected(e, index);
        break;
      case 'transactionAborted':
        this.soughtBack(e.group, e.member, e.positions, index, e.timeUs, e.txn, e.reason);
        break;
      case 'transactionFenced':
        this.soughtBack(e.group, e.member, e.positions, index, e.timeUs, e.txn, e.error);
        break;
      case 'offsetsExpired':
        // Whoever joins next finds no committed offset: by auto.offset.reset=earliest it reads
        // again everything the group had processed.
        for (const o of e.offsets) {
          const pf = this.partition(e.group, o.topic, o.partition);
          let done = 0;
          for (const d of pf.processedEnd.values()) done = Math.max(done, d);
          this.addSetback(pf, {
            kind: 'expired',
            index,
            timeUs: e.timeUs,
            member: '',
            from: 0,
            to: Math.max(done, o.offset),
            lastCommit: pf.committed,
            expired: { offset: o.offset, emptySinceUs: e.emptySinceUs, retentionMs: e.retentionMs },
          });
          pf.committed = null;
        }
        break;
      default:
        this.lifecycle(e, index);
    }
  }

  /** A member crashed, restarted, paused, resumed, left, rejoined or was removed. */
  private lifecycle(e: InsightEvent, index: number): void {
    switch (e.type) {
      case 'memberJoining': {
        const mf = this.member(e.group, e.member);
        mf.expired = null;
        mf.left = false;
        this.dropOwned(mf, { kind: 'rejoining', member: e.member, index, timeUs: e.timeUs });
        break;
      }
      case 'consumerCrashed':
        this.crashed(e, index);
        break;
      case 'consumerRestarted':
        this.member(e.group, e.member).crashed = null;
        break;
      case 'consumerPaused': {
        const mf = this.member(e.group, e.member);
        mf.paused = mf.lastPause = { index, timeUs: e.timeUs, untilUs: e.untilUs };
        this.refreshOwned(mf, { kind: 'paused', member: e.member, index, timeUs: e.timeUs });
        break;
      }
      case 'consumerResumed': {
        const mf = this.member(e.group, e.member);
        mf.paused = null;
        this.refreshOwned(mf, { kind: 'paused', member: e.member, index, timeUs: e.timeUs });
        break;
      }
      case 'memberLeft': {
        const mf = this.member(e.group, e.member);
        mf.left = true;
        this.dropOwned(mf, { kind: 'left', member: e.member, index, timeUs: e.timeUs });
        break;
      }
      case 'memberExpired':
        this.expired(e.group, e.member, {
          index,
          timeUs: e.timeUs,
          reason: e.reason,
          lastSeenUs: e.lastSeenUs,
        });
        break;
      default:
        // Deliberately not assertNever: insight reads a subset of the log, and an event it does
        // not know (the engine grows new ones) changes none of the facts it keeps. It must never
        // stop the explorer; `evolve` is the exhaustive reader.
        break;
    }
  }

  /** Whether the member is consuming: not crashed, paused, removed or gone. */
  live(mf: MemberFacts): boolean {
    return !mf.crashed && !mf.paused && !mf.expired && !mf.left;
  }

  private assign(e: PartitionsAssigned, index: number): void {
    const mf = this.member(e.group, e.member);
    const revoked: Outage = { kind: 'revoked', member: e.member, index, timeUs: e.timeUs };
    for (const tp of e.revoked) this.release(mf, this.partitionByName(e.group, tp), revoked);
    for (const tp of e.partitions) {
      const pf = this.partitionByName(e.group, tp);
      if (pf.owner !== e.member || !mf.owned.has(tp)) {
        const position = e.positions[tp];
        pf.assignment = {
          member: e.member,
          index,
          timeUs: e.timeUs,
          generation: e.generation,
          position,
        };
      }
      pf.owner = e.member;
      mf.owned.add(tp);
      this.refresh(pf, revoked);
    }
  }

  private processed(group: string, member: string, pf: PartitionFacts, offset: number): void {
    pf.processedEnd.set(member, Math.max(pf.processedEnd.get(member) ?? 0, offset + 1));
    if (pf.failing?.offset === offset) pf.failing = null;
    const mf = this.member(group, member);
    if (!mf.expired) return;
    // A zombie's progress: the group already gave the partition away, so it will be redone.
    const s = findLast(
      pf.setbacks,
      (b) => b.kind === 'zombie' && b.member === member && b.index >= mf.expired!.index,
    );
    if (s) s.to = Math.max(s.to, offset + 1);
    else if (offset >= Math.max(0, pf.committed?.offset ?? 0)) {
      this.addSetback(pf, zombie(mf, mf.expired, offset, offset + 1, pf.committed));
    }
  }

  private failed(
    pf: PartitionFacts,
    member: string,
    offset: number,
    timeUs: number,
    index: number,
  ): void {
    if (pf.failing && pf.failing.offset === offset) pf.failing.count++;
    else
      pf.failing = {
        offset,
        count: 1,
        member,
        firstUs: timeUs,
        firstIndex: index,
        reported: false,
      };
    pf.failing.member = member;
  }

  private rejected(e: CommitRejected, index: number): void {
    for (const o of e.offsets) {
      const pf = this.partition(e.group, o.topic, o.partition);
      const committed = Math.max(0, pf.committed?.offset ?? 0);
      if (o.offset <= committed) continue;
      this.addSetback(pf, {
        kind: 'rejected',
        index,
        timeUs: e.timeUs,
        member: e.member,
        from: committed,
        to: o.offset,
        lastCommit: pf.committed,
        rejected: {
          offset: o.offset,
          error: e.error,
          generation: e.generation,
          groupGeneration: e.groupGeneration,
        },
      });
    }
  }

  /**
   * A transactional member's transaction was aborted and it sought back to the committed
   * offsets: what it had processed past them will be processed again (by it, in a new
   * transaction).
   */
  private soughtBack(
    group: string,
    member: string,
    positions: Record<string, number>,
    index: number,
    timeUs: number,
    txn: number,
    reason: NonNullable<Setback['aborted']>['reason'],
  ): void {
    for (const [tp, from] of Object.entries(positions)) {
      const pf = this.partitionByName(group, tp);
      const done = pf.processedEnd.get(member) ?? 0;
      if (done <= from) continue;
      this.addSetback(pf, {
        kind: 'aborted',
        index,
        timeUs,
        member,
        from,
        to: done,
        lastCommit: pf.committed,
        aborted: { txn, reason },
      });
    }
  }

  private crashed(e: ConsumerCrashed, index: number): void {
    const mf = this.member(e.group, e.member);
    mf.crashed = { index, timeUs: e.timeUs };
    for (const r of e.uncommitted) {
      const pf = this.partition(e.group, r.topic, r.partition);
      this.addSetback(pf, {
        kind: 'crash',
        index,
        timeUs: e.timeUs,
        member: e.member,
        from: r.from,
        to: r.to,
        lastCommit: pf.committed,
      });
    }
    this.dropOwned(mf, { kind: 'crashed', member: e.member, index, timeUs: e.timeUs });
  }

  private expired(group: string, member: string, fact: ExpiryFact): void {
    const mf = this.member(group, member);
    mf.expired = fact;
    for (const tp of mf.owned) {
      const pf = this.partitionByName(group, tp);
      const done = pf.processedEnd.get(member) ?? 0;
      const committed = Math.max(0, pf.committed?.offset ?? 0);
      if (done > committed) this.addSetback(pf, zombie(mf, fact, committed, done, pf.committed));
    }
    this.refreshOwned(mf, { kind: 'expired', member, index: fact.index, timeUs: fact.timeUs });
  }

  private addSetback(pf: PartitionFacts, s: Setback): void {
    pf.setbacks.push(s);
    if (pf.setbacks.length > MAX_SETBACKS) pf.setbacks.shift();
  }

  private dropOwned(mf: MemberFacts, outage: Outage): void {
    for (const tp of [...mf.owned]) this.release(mf, this.partitionByName(mf.group, tp), outage);
  }

  private release(mf: MemberFacts, pf: PartitionFacts, outage: Outage): void {
    mf.owned.delete(tpName(pf.topic, pf.partition));
    if (pf.owner === mf.member) pf.owner = null;
    this.refresh(pf, outage);
  }

  private refreshOwned(mf: MemberFacts, outage: Outage): void {
    for (const tp of mf.owned) this.refresh(this.partitionByName(mf.group, tp), outage);
  }

  /** Starts or ends an outage as the partition's owner comes and goes. */
  private refresh(pf: PartitionFacts, cause: Outage): void {
    const served = pf.owner !== null && this.live(this.member(pf.group, pf.owner));
    if (served) {
      pf.outage = null;
      this.stopWaiting(pf);
      return;
    }
    if (pf.outage) return;
    pf.outage = cause;
    if (this.lag(pf) > 0) {
      pf.waitingSinceUs = cause.timeUs;
      this.waiting.add(pf);
    }
  }

  private startWaiting(topic: string, partition: number, timeUs: number): void {
    const ti = this.model.topicIndex.get(topic);
    if (ti === undefined) return;
    for (const gi of this.model.topics[ti]!.subscribers) {
      const pf = this.partition(this.model.groups[gi]!.id, topic, partition);
      if (pf.outage && pf.waitingSinceUs < 0 && this.lag(pf) > 0) {
        pf.waitingSinceUs = timeUs;
        this.waiting.add(pf);
      }
    }
  }

  /** The partition stops waiting; it may be reported stuck again in a later outage. */
  stopWaiting(pf: PartitionFacts): void {
    pf.waitingSinceUs = -1;
    this.waiting.delete(pf);
  }
}

function zombie(
  mf: MemberFacts,
  expiry: ExpiryFact,
  from: number,
  to: number,
  lastCommit: CommitFact | null,
): Setback {
  const pause = mf.lastPause && mf.lastPause.timeUs <= expiry.timeUs ? mf.lastPause : null;
  return {
    kind: 'zombie',
    index: expiry.index,
    timeUs: expiry.timeUs,
    member: mf.member,
    from,
    to,
    lastCommit,
    expiry,
    pause,
    zombieFrom: to,
  };
}
