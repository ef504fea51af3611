/**
 * The anomaly explorer's feed, run in the worker: each run of the timeline gets its own
 * AnomalyDetector (src/insight), fed every event the run records, in log order. After each
 * advance the caller takes what is new as one batch (anomalies + timeline marks for faults and
 * rebalances), so the UI gets a handful of messages a second, never one per event.
 */
import { assertNever, recordFloors, type SimEvent } from '../engine';
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { AnomalyDetector, type Anomaly } from '../insight';
import type { TimelineRun } from '../timeline';
import { EsMarks } from './esMarks';
import { RetentionMarks } from './retentionMarks';

/** A point on the timeline bar the UI draws: a fault, a rebalance, retention, the event store's. */
export interface TimelineMark {
  kind: 'fault' | 'rebalance' | 'retention' | 'eventStore';
  index: number;
  timeUs: number;
  /** In words (a message the UI renders in its language). */
  label: Msg | string;
}

/** Marks kept per run: rebalances can be many; the bar only needs the first few hundred. */
export const MAX_MARKS = 400;
/** Anomalies sent per run: the explorer lists these; the count goes on. */
export const MAX_ANOMALIES = 2000;

/**
 * Events fed between two releases of the detector's records (the records no state can read
 * any more, by the live state's floors): amortises `recordFloors` and keeps memory bounded.
 */
export const RELEASE_EVERY = 65_536;

export interface InsightBatch {
  anomalies: Anomaly[];
  marks: TimelineMark[];
  /** Anomalies found so far, including those past MAX_ANOMALIES. */
  total: number;
}

export class RunInsight {
  private readonly detector: AnomalyDetector;
  private fed: number;
  private found = 0;
  private marked = 0;
  private releasedAt: number;
  /** Records written so far by each transaction still open (for the marks of its abort). */
  private readonly txnRecords = new Map<number, number>();
  /** Retention's marks, gathered per check and per member's resets. */
  private readonly retention = new RetentionMarks();
  /** The event store's marks (conflicts, failed commands, crashes, rebuilds, deploys). */
  private readonly es: EsMarks | null;

  constructor(readonly run: TimelineRun) {
    this.detector = new AnomalyDetector(run.model);
    this.es = run.model.eventStore ? new EsMarks() : null;
    this.fed = run.base;
    this.releasedAt = run.base;
  }

  /** Records the detector holds now (what its memory grows with). */
  heldRecords(): number {
    return this.detector.heldRecords();
  }

  /** Feeds the events recorded since the last call; returns what they revealed (or null). */
  catchUp(): InsightBatch | null {
    const run = this.run;
    if (this.fed >= run.length) return null;
    const from = Math.max(this.fed, run.base);
    const cursor = run.cursor(from);
    const anomalies: Anomaly[] = [];
    const marks: TimelineMark[] = [];
    const mark = (m: TimelineMark) => {
      if (this.marked < MAX_MARKS) {
        this.marked++;
        marks.push(m);
      }
    };
    for (let i = from; i < run.length; i++) {
      const e = cursor.next()!;
      for (const a of this.detector.push(e, i)) {
        if (this.found++ < MAX_ANOMALIES) anomalies.push(a);
      }
      const m = markOf(e, i, this.txnRecords);
      if (m) mark(m);
      if (run.model.retention) for (const r of this.retention.push(e, i)) mark(r);
      if (this.es) {
        const em = this.es.push(e, i);
        if (em) mark(em);
      }
    }
    for (const r of this.retention.flush()) mark(r);
    this.fed = run.length;
    // The live state is at run.length, where the detector is now: its floors hold from here on.
    if (this.fed - this.releasedAt >= RELEASE_EVERY) {
      this.detector.release(recordFloors(run.live));
      this.releasedAt = this.fed;
    }
    if (anomalies.length === 0 && marks.length === 0) return null;
    return { anomalies, marks, total: this.found };
  }
}

/**
 * Transactions' records, counted per open transaction from the records it appends (a run
 * whose history was trimmed may have missed some: then the mark names no count).
 */
function countTxn(e: SimEvent, open: Map<number, number>): void {
  if (e.type === 'recordAppended' && e.txn !== undefined)
    open.set(e.txn, (open.get(e.txn) ?? 0) + 1);
}

/** The aborted transaction's record count, once (the transaction is over). */
function takeTxn(txn: number, open: Map<number, number>): number | null {
  const n = open.get(txn);
  open.delete(txn);
  return n ?? null;
}

/**
 * The timeline mark an event makes, if any. `open` counts each open transaction's records
 * (the caller keeps it across calls, in log order).
 */
export function markOf(e: SimEvent, index: number, open: Map<number, number>): TimelineMark | null {
  const at = { index, timeUs: e.timeUs };
  switch (e.type) {
    case 'recordAppended':
      countTxn(e, open);
      return null;
    case 'transactionCommitted':
      if (e.txn >= 0) open.delete(e.txn);
      return null;
    case 'producerInitialized': {
      // initTransactions of a restarted instance: the epoch bump fences the old one, whose
      // open transaction the coordinator aborts.
      if (e.aborted === null) return null;
      const n = takeTxn(e.aborted.txn, open);
      const p = {
        tid: e.transactionalId,
        pid: e.producerId,
        old: e.aborted.epoch,
        epoch: e.epoch,
        txn: e.aborted.txn,
      };
      return {
        kind: 'fault',
        ...at,
        label:
          n === null
            ? msg('timeline.mark.producerFencedTxn', p)
            : msg('timeline.mark.producerFenced', { ...p, n }),
      };
    }
    case 'transactionAborted': {
      const n = takeTxn(e.txn, open);
      const p = {
        tid: e.transactionalId,
        member: e.producer ?? e.member,
        txn: e.txn,
        n: n ?? e.records,
      };
      const reason = e.reason;
      switch (reason) {
        case 'transaction.timeout.ms':
          return {
            kind: 'fault',
            ...at,
            label: msg('timeline.mark.txnTimedOut', { ...p, epoch: e.epoch }),
          };
        case 'ILLEGAL_GENERATION':
        case 'UNKNOWN_MEMBER_ID':
          return {
            kind: 'fault',
            ...at,
            label: msg('timeline.mark.zombieAborted', { ...p, error: reason }),
          };
        case 'closed':
          return null;
        case 'abortableError':
          return { kind: 'fault', ...at, label: msg('timeline.mark.txnAbortableError', p) };
        default:
          return assertNever(reason);
      }
    }
    case 'transactionFenced':
      if (e.producer !== undefined)
        return {
          kind: 'fault',
          ...at,
          label: msg('timeline.mark.txnFencedProducer', {
            tid: e.transactionalId,
            member: e.producer,
            epoch: e.epoch,
            current: e.currentEpoch,
            n: e.resend ?? 0,
          }),
        };
      return {
        kind: 'fault',
        ...at,
        label: msg('timeline.mark.txnFenced', {
          tid: e.transactionalId,
          member: e.member,
          epoch: e.epoch,
          current: e.currentEpoch,
        }),
      };
    case 'consumerCrashed':
      return { kind: 'fault', ...at, label: msg('timeline.mark.crashed', { member: e.member }) };
    case 'consumerRestarted':
      return { kind: 'fault', ...at, label: msg('timeline.mark.restarted', { member: e.member }) };
    case 'consumerPaused':
      return { kind: 'fault', ...at, label: msg('timeline.mark.paused', { member: e.member }) };
    case 'memberLeft':
      return { kind: 'fault', ...at, label: msg('timeline.mark.left', { member: e.member }) };
    case 'partitionsAssigned':
      if (e.staticRejoin === undefined) return null;
      return {
        kind: 'fault',
        ...at,
        label: msg('timeline.mark.staticRejoin', { member: e.member, instance: e.staticRejoin }),
      };
    case 'brokerStopped':
      return { kind: 'fault', ...at, label: msg('timeline.mark.brokerDown', { b: e.broker }) };
    case 'brokerStarted':
      return { kind: 'fault', ...at, label: msg('timeline.mark.brokerUp', { b: e.broker }) };
    case 'networkPartitioned':
      return {
        kind: 'fault',
        ...at,
        label: msg('timeline.mark.cut', { a: e.between[0], b: e.between[1] }),
      };
    case 'poisonArmed':
      return { kind: 'fault', ...at, label: msg('timeline.mark.poison', { producer: e.producer }) };
    case 'ackLossArmed':
      return { kind: 'fault', ...at, label: msg('timeline.mark.ackLoss') };
    case 'txnCoordinatorFailedOver':
      return {
        kind: 'fault',
        ...at,
        label: msg('timeline.mark.txnCoordinatorFailover', { ms: (e.untilUs - e.timeUs) / 1000 }),
      };
    case 'producerRestarted':
      if (e.transactional)
        return {
          kind: 'fault',
          ...at,
          label: msg('timeline.mark.producerRestartTxn', { producer: e.producer }),
        };
      return {
        kind: 'fault',
        ...at,
        label: msg('timeline.mark.producerRestart', {
          producer: e.producer,
          pid: e.producerId,
          n: e.resent,
        }),
      };
    case 'amqp.memberCrashed':
      return { kind: 'fault', ...at, label: msg('timeline.mark.crashed', { member: e.member }) };
    case 'amqp.connectionLost':
      return {
        kind: 'fault',
        ...at,
        label: msg('timeline.mark.amqpConnectionLost', { member: e.member }),
      };
    case 'amqp.memberConnected':
      if (e.fault === null) return null;
      return {
        kind: 'fault',
        ...at,
        label: msg('timeline.mark.amqpReconnected', { member: e.member }),
      };
    case 'amqp.brokerRestarting':
      return { kind: 'fault', ...at, label: msg('timeline.mark.rabbitmqRestart') };
    case 'amqp.poisonArmed':
      return {
        kind: 'fault',
        ...at,
        label: msg('timeline.mark.poison', { producer: e.publisher }),
      };
    case 'partitionsAdded': {
      // Which keys move with the new count: named on the mark (the first ten).
      const keys = e.moved.slice(0, 10);
      return {
        kind: 'fault',
        ...at,
        label: msg('timeline.mark.partitionsAdded', {
          topic: e.topic,
          from: e.from,
          to: e.to,
          count: e.movedCount,
          keys: keys.join(', '),
          more: e.movedCount - keys.length,
        }),
      };
    }
    case 'rebalanceStarted':
      return {
        kind: 'rebalance',
        ...at,
        label: msg('timeline.mark.rebalance', { group: e.group }),
      };
    default:
      return null;
  }
}
