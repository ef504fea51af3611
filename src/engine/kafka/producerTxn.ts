import type { RecordSent, SimEvent } from './events';
import type { TxnEvent } from './evolveTxn';
import { producerActor } from './model';
import {
  commitTransaction,
  fencedEvent,
  initTransactions,
  txnCoordinatorDown,
} from './transactions';
import { gpOf, txnOwner, type SimState } from './state';

/**
 * A plain transactional producer (`transactional.id` on a producer), as an application drives
 * KafkaProducer (KIP-98):
 *   producer.initTransactions();
 *   while (…) { producer.beginTransaction(); send × transactionRecords; producer.commitTransaction(); }
 * - initTransactions at start and after a restart (`producerRestart`): the coordinator keeps the
 *   transactional.id's producer id, bumps its epoch (fencing the older instance: the leader
 *   refuses its requests with INVALID_PRODUCER_EPOCH) and aborts the transaction it left open;
 * - commitTransaction flushes (every open batch goes out at once, no linger) and waits for every
 *   record's acknowledgement, then the coordinator writes a COMMIT marker to each partition
 *   written (EndTxn);
 * - a send that fails for good (delivery.timeout.ms) puts the transaction in an abortable error
 *   state: the commit fails, the application aborts;
 * - the coordinator aborts a transaction open past transaction.timeout.ms and bumps the epoch:
 *   the producer learns it at its next step (INVALID_PRODUCER_EPOCH) and aborts.
 * After any abort the application sends the transaction's records again in a new transaction
 * (it redoes the unit of work, as its source has not moved on): read_committed readers see each
 * record once, read_uncommitted ones the aborted copies too.
 * Decide here (`txnProducerStep`, before the request path's own step) and the producer side of
 * evolve (`txnRecordSent`, `producerTxnSession`); the coordinator's side is in evolveTxn.ts.
 */
export function txnProducerStep(s: SimState, pi: number, t: number): SimEvent[] | null {
  const owner = txnOwner(s.model, pi);
  const tp = s.txn!.producers[owner]!;
  if (tp.initDue) return txnCoordinatorDown(s, owner, t) ?? [initTransactions(s, owner, t)];
  if (tp.fenced) return [fencedEvent(s, owner, t)];
  if (commitDue(s, pi)) return txnCoordinatorDown(s, owner, t) ?? [commitTransaction(s, owner, t)];
  return null;
}

/** Whether the producer acts now on its transaction (init, fenced, or a flushed commit). */
export function txnDue(s: SimState, pi: number): boolean {
  const tp = s.txn!.producers[txnOwner(s.model, pi)]!;
  return tp.initDue || tp.fenced || commitDue(s, pi);
}

function commitDue(s: SimState, pi: number): boolean {
  const req = s.producers[pi]!.req!;
  return req.txn!.flushing && req.batches.size === 0 && req.open.size === 0;
}

/**
 * The transaction number of the producer's next record: its open transaction's, or the next
 * one (beginTransaction; the coordinator learns of it with the first partition it adds).
 */
export function nextRecordTxn(s: SimState, pi: number): number {
  const tp = s.txn!.producers[txnOwner(s.model, pi)]!;
  return tp.txn >= 0 ? tp.txn : s.txn!.nextTxn;
}

/** evolve: a record of the transaction was created (recordSent). */
export function txnRecordSent(s: SimState, pi: number, rec: RecordSent, t: number): void {
  const txn = s.txn!;
  const tp = txn.producers[txnOwner(s.model, pi)]!;
  const req = s.producers[pi]!.req!;
  const pt = req.txn!;
  if (tp.txn < 0) {
    tp.txn = rec.txn!;
    if (rec.txn! >= txn.nextTxn) txn.nextTxn = rec.txn! + 1;
  }
  pt.records.push(rec);
  // commitTransaction after the transaction's last record, or when the application stops.
  if (pt.records.length >= s.model.producers[pi]!.txnRecords || req.genUs === Infinity) {
    pt.flushing = true;
    pt.resumeUs = Math.max(req.genUs, t);
    req.genUs = Number.POSITIVE_INFINITY;
  }
}

/**
 * evolve, the producer's side of a transaction event: a commit lets the application go on; an
 * init, a fencing or an abort starts a new session at the coordinator's epoch, whose first
 * transaction holds the aborted one's records again.
 */
export function producerTxnSession(s: SimState, pi: number, e: TxnEvent): void {
  const req = s.producers[pi]!.req!;
  const pt = req.txn!;
  const tp = s.txn!.producers[txnOwner(s.model, pi)]!;
  if (e.type === 'transactionCommitted') {
    pt.records = [];
    pt.failed = false;
    if (pt.flushing) {
      pt.flushing = false;
      req.genUs = pt.resumeUs;
    }
    return;
  }
  if (e.type === 'transactionAborted' && e.reason === 'transaction.timeout.ms') {
    // The coordinator's abort: the producer finds out at its next step.
    s.wake.set(producerActor(s.model, pi), e.timeUs);
    return;
  }
  if (e.type === 'transactionAborted' && e.reason === 'abortableError') {
    // KIP-360: the abort after an abortable error bumps the epoch, so the sequence numbers
    // that the failed batch took start again from 0.
    tp.epoch++;
  }
  dropSession(s, pi);
  req.epoch = tp.epoch;
  req.partEpoch.fill(tp.epoch);
  req.nextSeq.fill(0);
  s.cluster.lastSeq[pi]!.fill(-1);
  pt.failed = false;
  if (pt.records.length > 0) {
    const n = s.txn!.nextTxn++;
    tp.txn = n;
    pt.records = pt.records.map((r) => ({ ...r, txn: n }));
    for (const r of pt.records) {
      const gp = gpOf(s.model, r.topic, r.partition);
      let open = req.open.get(gp);
      if (!open) req.open.set(gp, (open = { records: [], openedUs: e.timeUs }));
      open.records.push(r);
    }
  }
}

/** The producer's batches and requests of the old session: gone (their answers are stale). */
export function dropSession(s: SimState, pi: number): void {
  const req = s.producers[pi]!.req!;
  req.batches.clear();
  req.open.clear();
  req.inFlight.fill(0);
  req.retrying.fill(0);
}
