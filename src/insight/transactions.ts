import type { Model } from '../engine';
import type {
  DirtyRead,
  ProducerInitialized,
  RecordProcessed,
  TransactionAborted,
  TxnAbortReason,
} from '../engine/kafka/events';
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { anomalyId, type Anomaly } from './anomaly';
import { keyOf } from './duplicates';
import { tpName, type InsightEvent } from './events';
import type { Facts } from './facts';
import { place, timeParam } from './format';

/** How a transaction ended in abort, as the log told it. */
export interface TxnAbortFact {
  txn: number;
  transactionalId: string;
  member: string;
  producerId: number;
  /** The epoch the transaction ran under. */
  epoch: number;
  timeUs: number;
  index: number;
  /** 'fenced': the member's restarted instance called initTransactions. */
  reason: TxnAbortReason | 'fenced';
  /** fenced: the new instance's epoch. */
  newEpoch?: number;
}

/** Why a transaction was aborted, in words. */
export function txnAbortReasonText(model: Model, f: TxnAbortFact, group: string): Msg {
  switch (f.reason) {
    case 'fenced':
      return msg('explain.txn.fencedByRestart', {
        tid: f.transactionalId,
        epoch: f.epoch,
        newEpoch: f.newEpoch ?? f.epoch + 1,
      });
    case 'transaction.timeout.ms': {
      // A service member's group, or a plain producer (whose name is f.member).
      const gm = model.groups[model.groupIndex.get(group) ?? -1];
      const pm = model.producers[model.producerIndex.get(f.member) ?? -1];
      const us = gm?.txnTimeoutUs ?? pm?.txnTimeoutUs ?? 0;
      return msg('explain.txn.timedOut', { member: f.member, ms: Math.round(us / 1000) });
    }
    case 'abortableError':
      return msg('explain.txn.abortableError', { member: f.member });
    case 'ILLEGAL_GENERATION':
      return msg('explain.txn.staleGeneration', { member: f.member });
    case 'UNKNOWN_MEMBER_ID':
      return msg('explain.txn.removedMember', { member: f.member });
    case 'closed':
      return msg('explain.txn.closed', { member: f.member });
  }
}

/** The whole story of an abort: which transaction, when, and why. */
export function txnAbortText(model: Model, f: TxnAbortFact, group: string): Msg {
  return msg('explain.txn.aborted', {
    txn: f.txn,
    tid: f.transactionalId,
    pid: f.producerId,
    epoch: f.epoch,
    at: timeParam(f.timeUs),
    reason: txnAbortReasonText(model, f, group),
  });
}

/**
 * Transactions seen from the consumers' side: a read_uncommitted group that processes records
 * of an aborted transaction (a dirty read: data that never committed), and, in runs with
 * transactions, a group that processes a second output of the same input (what exactly-once
 * prevents for read_committed readers). Both are listed as duplicates with count 0: the
 * summary reports them apart (`abortedRead`, `outputDuplicates`), not in `duplicates`, which
 * counts records a group processed twice.
 */
export class TxnWatch {
  private readonly aborts = new Map<number, TxnAbortFact>();
  /** Per group: output key (service, causation id, type) → where it was first processed. */
  private readonly outputs: Map<
    string,
    Map<string, { topic: string; partition: number; offset: number; txn?: number }>
  > | null;

  constructor(private readonly model: Model) {
    this.outputs = model.groups.some((g) => g.transactional) ? new Map() : null;
  }

  /** The abort fact of a transaction, if it was aborted. */
  abortOf(txn: number): TxnAbortFact | undefined {
    return this.aborts.get(txn);
  }

  push(facts: Facts, e: InsightEvent, index: number): Anomaly[] {
    switch (e.type) {
      case 'producerInitialized': {
        const p: ProducerInitialized = e;
        if (!p.aborted) return [];
        const f: TxnAbortFact = {
          txn: p.aborted.txn,
          transactionalId: p.transactionalId,
          member: p.producer ?? p.member,
          producerId: p.producerId,
          epoch: p.aborted.epoch,
          timeUs: p.timeUs,
          index,
          reason: 'fenced',
          newEpoch: p.epoch,
        };
        this.aborts.set(f.txn, f);
        return this.dirty(facts, p.group, f, p.aborted.dirtyReads, index);
      }
      case 'transactionAborted': {
        const a: TransactionAborted = e;
        const f: TxnAbortFact = {
          txn: a.txn,
          transactionalId: a.transactionalId,
          member: a.producer ?? a.member,
          producerId: a.producerId,
          epoch: a.epoch,
          timeUs: a.timeUs,
          index,
          reason: a.reason,
        };
        this.aborts.set(f.txn, f);
        return this.dirty(facts, a.group, f, a.dirtyReads, index);
      }
      case 'recordProcessed':
        return this.processed(facts, e, index);
      default:
        return [];
    }
  }

  /** The service group that wrote a transaction (by its transactional member). */
  private writerGroup(f: TxnAbortFact): string {
    for (const g of this.model.groups)
      if (g.memberByName.has(f.member) && g.transactional) return g.id;
    return '';
  }

  private dirty(
    facts: Facts,
    writer: string,
    f: TxnAbortFact,
    reads: DirtyRead[],
    index: number,
  ): Anomaly[] {
    const out: Anomaly[] = [];
    for (const d of reads)
      for (const offset of d.offsets)
        out.push(
          this.dirtyAnomaly(
            facts,
            writer,
            f,
            d.group,
            undefined,
            d.topic,
            d.partition,
            offset,
            index,
            'before',
          ),
        );
    return out;
  }

  private dirtyAnomaly(
    facts: Facts,
    writer: string,
    f: TxnAbortFact,
    group: string,
    member: string | undefined,
    topic: string,
    partition: number,
    offset: number,
    index: number,
    when: 'before' | 'after',
  ): Anomaly {
    const rec = facts.records.at(topic, partition, offset);
    return {
      id: anomalyId('duplicate', index, { group, topic, partition, offset }),
      kind: 'duplicate',
      cause: 'aborted-read',
      count: 0,
      index,
      timeUs: f.timeUs,
      group,
      ...(member !== undefined ? { member } : {}),
      topic,
      partition,
      offset,
      ...(rec ? { eventId: rec.eventId } : {}),
      ...keyOf(rec),
      explanation: msg('explain.txn.dirtyRead', {
        place: place(tpName(topic, partition), offset),
        group,
        when,
        abort: txnAbortText(this.model, f, writer),
      }),
      causeIndex: f.index,
    };
  }

  private processed(facts: Facts, e: RecordProcessed, index: number): Anomaly[] {
    const out: Anomaly[] = [];
    if (e.abortedTxn !== undefined && !e.redelivered) {
      const f = this.aborts.get(e.abortedTxn);
      if (f) {
        const a = this.dirtyAnomaly(
          facts,
          this.writerGroup(f),
          f,
          e.group,
          e.member,
          e.topic,
          e.partition,
          e.offset,
          index,
          'after',
        );
        a.timeUs = e.timeUs;
        out.push(a);
      }
    }
    if (!this.outputs || e.redelivered) return out;
    const rec = facts.records.at(e.topic, e.partition, e.offset);
    if (!rec || rec.causationId === null) return out;
    let seen = this.outputs.get(e.group);
    if (!seen) this.outputs.set(e.group, (seen = new Map()));
    const k = `${rec.producer}|${rec.causationId}|${rec.eventType}`;
    const first = seen.get(k);
    if (!first) {
      seen.set(k, {
        topic: e.topic,
        partition: e.partition,
        offset: e.offset,
        ...(rec.txn !== undefined ? { txn: rec.txn } : {}),
      });
      return out;
    }
    const input = facts.records.byEventId(rec.causationId);
    const firstAbort = first.txn !== undefined ? this.aborts.get(first.txn) : undefined;
    const why: Msg = firstAbort
      ? msg('explain.txn.outputAfterAbort', {
          abort: txnAbortText(this.model, firstAbort, rec.producer),
        })
      : this.model.groups[this.model.groupIndex.get(rec.producer) ?? -1]?.transactional
        ? msg('explain.txn.outputTwiceCommitted', { service: rec.producer })
        : msg('explain.txn.outputTwiceNoTxn', { service: rec.producer });
    out.push({
      id: anomalyId('duplicate', index, {
        group: e.group,
        topic: e.topic,
        partition: e.partition,
        offset: e.offset,
      }),
      kind: 'duplicate',
      cause: 'duplicate-output',
      count: 0,
      index,
      timeUs: e.timeUs,
      group: e.group,
      member: e.member,
      topic: e.topic,
      partition: e.partition,
      offset: e.offset,
      eventId: e.eventId,
      ...keyOf(rec),
      explanation: msg('explain.txn.outputDuplicate', {
        place: place(tpName(e.topic, e.partition), e.offset),
        group: e.group,
        type: rec.eventType,
        service: rec.producer,
        input: input
          ? place(tpName(input.topic, input.partition), input.offset)
          : `#${rec.causationId}`,
        first: place(tpName(first.topic, first.partition), first.offset),
        why,
      }),
      ...(firstAbort ? { causeIndex: firstAbort.index } : {}),
    });
    return out;
  }
}
