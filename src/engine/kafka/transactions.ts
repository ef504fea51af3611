import { positions, topicPartition } from './commit';
import type {
  CommitOffset,
  DirtyRead,
  ProducerInitialized,
  SimEvent,
  TransactionAborted,
  TransactionFenced,
  TxnAbortReason,
  TxnMarker,
} from './events';
import { recordAt, tpName, wasSkipped, type OpenTxn, type SimState } from './state';

/**
 * Exactly-once read-process-write, as a transactional Kafka client runs it (KafkaProducer with
 * transactional.id, KIP-98; consumer group metadata in sendOffsetsToTransaction, KIP-447):
 * - at (re)start, initTransactions(): the transaction coordinator bumps the producer epoch of the
 *   transactional.id, fencing older instances, and aborts a transaction one left open;
 * - each poll's batch is one transaction: the records the handlers emit carry its number, and at
 *   the end of the batch sendOffsetsToTransaction(offsets, groupMetadata) + commitTransaction()
 *   commit the consumed offsets with them; a COMMIT marker goes to every partition written;
 * - the group coordinator checks the group metadata (generation, member id): a zombie whose
 *   group moved on gets ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID, aborts (ABORT markers), and
 *   seeks back to the committed offsets;
 * - the transaction coordinator aborts a transaction open past transaction.timeout.ms and bumps
 *   the epoch: the member's next send or commit fails with INVALID_PRODUCER_EPOCH.
 * decide-side only: evolve.ts applies the events.
 */

/** Markers for a transaction: one at the log end of every partition it wrote to. */
export function markersFor(s: SimState, txn: number): TxnMarker[] {
  const open = s.txn!.open.get(txn);
  if (!open) return [];
  return [...open.first]
    .sort((a, b) => a[0] - b[0])
    .map(([gp, from]) => ({ ...topicPartition(s, gp), offset: s.leo[gp]!, from }));
}

/**
 * Records of the transaction that read_uncommitted groups already processed, first time: what
 * its abort turns into dirty reads (the detector explains each; evolve counts them).
 */
export function dirtyReadsOf(s: SimState, txn: number): DirtyRead[] {
  const open = s.txn!.open.get(txn);
  if (!open) return [];
  const out: DirtyRead[] = [];
  for (const [gp, first] of [...open.first].sort((a, b) => a[0] - b[0])) {
    for (const gi of s.model.topics[s.model.gpTopic[gp]!]!.subscribers) {
      if (s.model.groups[gi]!.readCommitted) continue;
      const g = s.groups[gi]!;
      const end = Math.min(g.processedEnd[gp]!, s.leo[gp]!);
      const offsets: number[] = [];
      for (let o = Math.max(first, g.startOffset[gp]!, s.logStart[gp]!); o < end; o++) {
        const r = recordAt(s, gp, o);
        if (r && r.txn === txn && r.control === undefined && !wasSkipped(g, gp, o)) offsets.push(o);
      }
      if (offsets.length > 0)
        out.push({ group: s.model.groups[gi]!.id, ...topicPartition(s, gp), offsets });
    }
  }
  return out;
}

/**
 * Who a transactional client is: a service member (owner < members.length) or a plain
 * producer (owner = members.length + producer index; group and member are then '').
 */
function names(s: SimState, owner: number) {
  const members = s.model.members.length;
  if (owner >= members) {
    const pm = s.model.producers[owner - members]!;
    return { group: '', member: '', producer: pm.id, transactionalId: pm.transactionalId! };
  }
  const mm = s.model.members[owner]!;
  return {
    group: s.model.groups[mm.group]!.id,
    member: mm.id,
    transactionalId: mm.transactionalId!,
  };
}

/** A plain producer's index, or -1 for a service member. */
const producerOf = (s: SimState, owner: number) =>
  owner >= s.model.members.length ? owner - s.model.members.length : -1;

/** What a plain producer sends again after an abort: its transaction's records. */
function resendOf(s: SimState, owner: number): { resend?: number } {
  const pi = producerOf(s, owner);
  return pi < 0 ? {} : { resend: s.producers[pi]!.req!.txn!.records.length };
}

/**
 * initTransactions() as the member or producer (re)starts, aborting what its previous instance
 * left open. A plain producer keeps its producer id (the coordinator's for its transactional.id)
 * and sends the aborted transaction's records again, in a new transaction.
 */
export function initTransactions(s: SimState, owner: number, t: number): ProducerInitialized {
  const tp = s.txn!.producers[owner]!;
  const pi = producerOf(s, owner);
  const producerId =
    tp.producerId >= 0
      ? tp.producerId
      : pi >= 0
        ? s.producers[pi]!.req!.producerId
        : s.txn!.nextPid;
  const open = tp.txn >= 0 ? s.txn!.open.get(tp.txn) : undefined;
  return {
    type: 'producerInitialized',
    timeUs: t,
    ...names(s, owner),
    producerId,
    epoch: tp.epoch + 1,
    aborted: open
      ? {
          txn: tp.txn,
          epoch: open.epoch,
          markers: markersFor(s, tp.txn),
          dirtyReads: dirtyReadsOf(s, tp.txn),
        }
      : null,
    ...resendOf(s, owner),
  };
}

/** Where the member resumes after an abort: the group's committed offsets (its start if none). */
function resetPositions(s: SimState, mi: number): Record<string, number> {
  if (producerOf(s, mi) >= 0) return {};
  const g = s.groups[s.model.members[mi]!.group]!;
  const out: Record<string, number> = Object.create(null); // names may be __proto__
  for (const [gp, pos] of positions(s, mi)) {
    const c = g.committed[gp]!;
    const start = g.startOffset[gp]!;
    out[tpName(s.model, gp)] = c >= 0 ? c : start >= 0 ? start : pos;
  }
  return out;
}

/** The member finds its transaction aborted by the coordinator: INVALID_PRODUCER_EPOCH. */
export function fencedEvent(s: SimState, mi: number, t: number): TransactionFenced {
  const tp = s.txn!.producers[mi]!;
  return {
    type: 'transactionFenced',
    timeUs: t,
    ...names(s, mi),
    txn: tp.txn,
    epoch: tp.epoch - 1,
    currentEpoch: tp.epoch,
    error: 'INVALID_PRODUCER_EPOCH',
    positions: resetPositions(s, mi),
    wakeUs: t,
    ...resendOf(s, mi),
  };
}

/** The member's own abort (its commit was refused, or it closes). */
export function abortEvent(
  s: SimState,
  mi: number,
  t: number,
  reason: TxnAbortReason,
  reset: boolean,
): TransactionAborted {
  const tp = s.txn!.producers[mi]!;
  const open = s.txn!.open.get(tp.txn);
  return {
    type: 'transactionAborted',
    timeUs: t,
    ...names(s, mi),
    producerId: tp.producerId,
    epoch: tp.epoch,
    // A plain producer numbers its transaction before its first record is appended.
    txn: open ? tp.txn : -1,
    reason,
    markers: markersFor(s, tp.txn),
    dirtyReads: dirtyReadsOf(s, tp.txn),
    records: open?.records ?? 0,
    positions: reset ? resetPositions(s, mi) : {},
    ...resendOf(s, mi),
  };
}

/**
 * End of a batch: sendOffsetsToTransaction + commitTransaction. A zombie's group metadata is
 * refused (KIP-447) and it aborts; a producer whose epoch was bumped is fenced.
 */
export function commitTransaction(s: SimState, mi: number, t: number): SimEvent {
  const tp = s.txn!.producers[mi]!;
  if (tp.fenced) return fencedEvent(s, mi, t);
  const pi = producerOf(s, mi);
  // A plain producer's commit comes once every record was acknowledged (it flushes first). A
  // send that failed for good left the transaction in an abortable error state: the commit
  // fails and the application aborts and sends the records again.
  if (pi >= 0)
    return s.producers[pi]!.req!.txn!.failed
      ? abortEvent(s, mi, t, 'abortableError', false)
      : committed(s, mi, t, -1, []);
  const mm = s.model.members[mi]!;
  const g = s.groups[mm.group]!;
  const m = s.members[mi]!;
  if (!m.inGroup) return abortEvent(s, mi, t, 'UNKNOWN_MEMBER_ID', true);
  if (m.generation !== g.generation) return abortEvent(s, mi, t, 'ILLEGAL_GENERATION', true);
  const offsets: CommitOffset[] = [];
  for (const [gp, offset] of positions(s, mi))
    if (g.committed[gp] !== offset) offsets.push({ ...topicPartition(s, gp), offset });
  return committed(s, mi, t, m.generation, offsets);
}

/** The commit: the consumed offsets (a service's; none for a producer) and the markers. */
function committed(
  s: SimState,
  owner: number,
  t: number,
  generation: number,
  offsets: CommitOffset[],
): SimEvent {
  const tp = s.txn!.producers[owner]!;
  const open = s.txn!.open.get(tp.txn);
  return {
    type: 'transactionCommitted',
    timeUs: t,
    ...names(s, owner),
    producerId: tp.producerId,
    epoch: tp.epoch,
    txn: open ? tp.txn : -1,
    generation,
    offsets,
    markers: open ? markersFor(s, tp.txn) : [],
    records: open?.records ?? 0,
  };
}

/** The transaction coordinator's timeout: the oldest open transaction past its timeout. */
export function txnTimeoutStep(s: SimState, t: number): SimEvent[] {
  let best = -1;
  let bestUs = Number.POSITIVE_INFINITY;
  for (const [txn, o] of s.txn!.open) {
    const due = timeoutUs(s, o);
    if (due < bestUs || (due === bestUs && txn < best)) {
      best = txn;
      bestUs = due;
    }
  }
  if (best < 0 || bestUs > t) return [];
  const o = s.txn!.open.get(best)!;
  const tp = s.txn!.producers[o.owner]!;
  return [
    {
      type: 'transactionAborted',
      timeUs: t,
      ...names(s, o.owner),
      producerId: o.producerId,
      epoch: tp.epoch,
      txn: best,
      reason: 'transaction.timeout.ms',
      markers: markersFor(s, best),
      dirtyReads: dirtyReadsOf(s, best),
      records: o.records,
      positions: {},
    },
  ];
}

/** When the transaction coordinator next times a transaction out (Infinity: none open). */
export function nextTxnTimeoutUs(s: SimState): number {
  let next = Number.POSITIVE_INFINITY;
  for (const o of s.txn!.open.values()) {
    const due = timeoutUs(s, o);
    if (due < next) next = due;
  }
  // A coordinator failing over times nothing out until the new one has loaded the log.
  return Math.max(next, s.txn!.downUntilUs);
}

/**
 * The member's next request to the transaction coordinator (EndTxn, InitProducerId) while it
 * fails over: COORDINATOR_NOT_AVAILABLE, retried until the new coordinator is there.
 */
export function txnCoordinatorDown(s: SimState, mi: number, t: number): SimEvent[] | null {
  const until = s.txn!.downUntilUs;
  if (until <= t) return null;
  const pi = producerOf(s, mi);
  if (pi >= 0)
    return [
      {
        type: 'coordinatorUnreachable',
        timeUs: t,
        group: '',
        member: '',
        producer: s.model.producers[pi]!.id,
        wakeUs: until,
        coordinator: 'transaction',
      },
    ];
  return [
    {
      type: 'coordinatorUnreachable',
      timeUs: t,
      group: s.model.groups[s.model.members[mi]!.group]!.id,
      member: s.model.members[mi]!.id,
      wakeUs: until,
      coordinator: 'transaction',
    },
  ];
}

/** When the coordinator times an open transaction out (its group's transaction.timeout.ms). */
function timeoutUs(s: SimState, o: OpenTxn): number {
  const pi = producerOf(s, o.owner);
  if (pi >= 0) return o.startUs + s.model.producers[pi]!.txnTimeoutUs;
  return o.startUs + s.model.groups[s.model.members[o.owner]!.group]!.txnTimeoutUs;
}
