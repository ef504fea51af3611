import type {
  CommitOffset,
  DirtyRead,
  LogRecord,
  ProducerInitialized,
  RecordAppended,
  TransactionAborted,
  TransactionCommitted,
  TransactionFenced,
  TxnMarker,
} from './events';
import { memberActor, txnCoordinatorActor } from './model';
import { gpOf, gpOfName, txnOwner, type SimState } from './state';
import { nextTxnTimeoutUs } from './transactions';

/** What evolve.ts lends the transaction events (it owns the log and the commit rules). */
export interface TxnHooks {
  /** Appends a control record at the partition's log end (not counted as a record). */
  appendMarker(s: SimState, gp: number, marker: LogRecord, t: number): void;
  applyCommit(s: SimState, gi: number, offsets: CommitOffset[]): void;
  /** The last stable offset may have moved: consumers waiting on the partition fetch again. */
  stableMoved(s: SimState, gp: number, t: number): void;
  /** A plain transactional producer's session changed (evolveCluster's part). */
  producerTxn(s: SimState, pi: number, e: TxnEvent): void;
}

export type TxnEvent =
  ProducerInitialized | TransactionCommitted | TransactionAborted | TransactionFenced;

/** Applies a transaction event (the only writer of `s.txn`, with `txnRecordAppended`). */
export function evolveTxn(s: SimState, e: TxnEvent, h: TxnHooks): void {
  if (e.producer !== undefined) {
    evolveProducerTxn(s, e, h);
    s.wake.set(txnCoordinatorActor(s.model), nextTxnTimeoutUs(s));
    return;
  }
  const txn = s.txn!;
  const gi = s.model.groupIndex.get(e.group)!;
  const mi = s.model.groups[gi]!.memberByName.get(e.member)!;
  const tp = txn.producers[mi]!;
  const m = s.members[mi]!;
  switch (e.type) {
    case 'producerInitialized':
      if (e.aborted) abort(s, e.aborted.txn, e.group, e.aborted, e.timeUs, h);
      tp.producerId = e.producerId;
      tp.epoch = e.epoch;
      tp.initDue = false;
      tp.fenced = false;
      tp.txn = -1;
      if (e.producerId >= txn.nextPid) txn.nextPid = e.producerId + 1;
      // The member goes on with JoinGroup at once.
      s.wake.set(memberActor(s.model, mi), e.timeUs);
      break;
    case 'transactionCommitted':
      h.applyCommit(s, gi, e.offsets);
      m.dirty = false;
      m.commitDue = false;
      if (e.txn >= 0) {
        writeMarkers(s, e.txn, e.group, 'COMMIT', e.markers, e.timeUs, h);
        txn.open.delete(e.txn);
      }
      tp.txn = -1;
      break;
    case 'transactionAborted':
      // txn -1: the refused commit held only offsets (the batch wrote no records).
      if (e.txn >= 0) abort(s, e.txn, e.group, e, e.timeUs, h);
      if (e.reason === 'transaction.timeout.ms') {
        // The coordinator bumps the epoch as it aborts: the member is fenced until it finds out.
        tp.epoch++;
        tp.fenced = true;
      } else {
        tp.txn = -1;
        seekBack(s, mi, e.positions);
      }
      break;
    case 'transactionFenced':
      tp.epoch = e.currentEpoch;
      tp.fenced = false;
      tp.txn = -1;
      seekBack(s, mi, e.positions);
      s.wake.set(memberActor(s.model, mi), e.wakeUs);
      break;
  }
  s.wake.set(txnCoordinatorActor(s.model), nextTxnTimeoutUs(s));
}

/**
 * A plain producer's transaction event: the coordinator's side here (markers, epochs), the
 * producer's session (its batches, the records it sends again) in evolveCluster.
 */
function evolveProducerTxn(s: SimState, e: TxnEvent, h: TxnHooks): void {
  const txn = s.txn!;
  const pi = s.model.producerIndex.get(e.producer!)!;
  const tp = txn.producers[txnOwner(s.model, pi)]!;
  switch (e.type) {
    case 'producerInitialized':
      if (e.aborted) abort(s, e.aborted.txn, e.producer!, e.aborted, e.timeUs, h);
      tp.producerId = e.producerId;
      tp.epoch = e.epoch;
      tp.initDue = false;
      tp.fenced = false;
      tp.txn = -1;
      break;
    case 'transactionCommitted':
      if (e.txn >= 0) {
        writeMarkers(s, e.txn, e.producer!, 'COMMIT', e.markers, e.timeUs, h);
        txn.open.delete(e.txn);
      }
      tp.txn = -1;
      break;
    case 'transactionAborted':
      if (e.txn >= 0) abort(s, e.txn, e.producer!, e, e.timeUs, h);
      if (e.reason === 'transaction.timeout.ms') {
        tp.epoch++;
        tp.fenced = true;
      } else tp.txn = -1;
      break;
    case 'transactionFenced':
      tp.epoch = e.currentEpoch;
      tp.fenced = false;
      tp.txn = -1;
      break;
  }
  h.producerTxn(s, pi, e);
}

/** A transactional record was appended: it opens its transaction or joins it. */
export function txnRecordAppended(
  s: SimState,
  e: Pick<RecordAppended, 'txn' | 'pid' | 'producer'>,
  gp: number,
  offset: number,
  t: number,
): void {
  const txn = s.txn!;
  let open = txn.open.get(e.txn!);
  if (!open) {
    // A plain producer's records name it; a service member's carry its producer id.
    const pi = s.model.producerIndex.get(e.producer);
    const owner =
      pi !== undefined && s.model.producers[pi]!.transactionalId !== null
        ? txnOwner(s.model, pi)
        : txn.producers.findIndex((p, i) => i < s.model.members.length && p.producerId === e.pid);
    if (owner < 0) throw new Error(`invariant: transactional record of unknown producer ${e.pid}`);
    const tp = txn.producers[owner]!;
    if (tp.txn >= 0 && tp.txn !== e.txn)
      throw new Error(`invariant: ${e.producer} opened transaction ${e.txn} inside ${tp.txn}`);
    open = {
      owner,
      producerId: tp.producerId,
      epoch: tp.epoch,
      startUs: t,
      first: new Map(),
      records: 0,
    };
    txn.open.set(e.txn!, open);
    tp.txn = e.txn!;
    if (e.txn! >= txn.nextTxn) txn.nextTxn = e.txn! + 1;
    s.wake.set(txnCoordinatorActor(s.model), nextTxnTimeoutUs(s));
  }
  if (!open.first.has(gp)) open.first.set(gp, offset);
  open.records++;
}

/**
 * Aborts a transaction: ABORT markers, its number in the aborted set (read_committed skips its
 * records), and the dirty reads of read_uncommitted groups counted.
 */
function abort(
  s: SimState,
  txnId: number,
  group: string,
  e: { markers: TxnMarker[]; dirtyReads: DirtyRead[] },
  t: number,
  h: TxnHooks,
): void {
  const open = s.txn!.open.get(txnId);
  if (!open) throw new Error(`invariant: abort of transaction ${txnId}, which is not open`);
  s.txn!.aborted.add(txnId);
  for (const d of e.dirtyReads)
    s.groups[s.model.groupIndex.get(d.group)!]!.abortedRead += d.offsets.length;
  writeMarkers(s, txnId, group, 'ABORT', e.markers, t, h);
  s.txn!.open.delete(txnId);
  const tp = s.txn!.producers[open.owner]!;
  if (tp.txn === txnId && !tp.fenced) tp.txn = -1;
}

function writeMarkers(
  s: SimState,
  txnId: number,
  group: string,
  control: 'COMMIT' | 'ABORT',
  markers: TxnMarker[],
  t: number,
  h: TxnHooks,
): void {
  const open = s.txn!.open.get(txnId)!;
  if (markers.length !== open.first.size)
    throw new Error(
      `invariant: transaction ${txnId} wrote ${open.first.size} partitions, ${markers.length} markers`,
    );
  for (const mk of markers) {
    const gp = gpOf(s.model, mk.topic, mk.partition);
    if (!open.first.has(gp) || mk.offset !== s.leo[gp])
      throw new Error(`invariant: ${control} marker at ${mk.topic}-${mk.partition}@${mk.offset}`);
    h.appendMarker(s, gp, marker(t, group, txnId, control), t);
    s.txn!.markers[gp]!++;
  }
  for (const mk of markers) h.stableMoved(s, gpOf(s.model, mk.topic, mk.partition), t);
}

function marker(t: number, group: string, txn: number, control: 'COMMIT' | 'ABORT'): LogRecord {
  return {
    timeUs: t,
    producer: group,
    key: null,
    entity: null,
    keyId: -1,
    eventId: -1,
    eventType: control,
    causationId: null,
    correlationId: -1,
    txn,
    control,
  };
}

/** After an abort the member seeks back to the committed offsets and drops what it fetched. */
function seekBack(s: SimState, mi: number, positions: Record<string, number>): void {
  const m = s.members[mi]!;
  for (const [tp, pos] of Object.entries(positions)) {
    const gp = gpOfName(s.model, tp);
    if (m.position.has(gp)) m.position.set(gp, pos);
  }
  m.batch = null;
  m.commitDue = false;
  m.dirty = false;
  m.attempt = 0;
}
