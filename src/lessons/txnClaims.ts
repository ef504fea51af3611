/**
 * The transactions lesson's claims (15) and task answer, merged into claims.ts: every number its
 * narration, task text and hints show, measured on the step's run (the summary's per-group
 * counters, the transaction events, the summary cut at a cursor) or read from its scenario.
 *
 * Measures of its own: what a read_committed reader of an output topic reads (no record of an
 * aborted or never-committed transaction; markers are not records), counted per input event
 * (causation id), and the transactions' events (initTransactions' epochs, aborts and the records
 * they took back, markers).
 */
import type { SimEvent } from '../engine';
import type { Action } from '../learn/types';
import {
  faultMs,
  group,
  groupSpec,
  producerSpec,
  topicSpec,
  type Claim,
  type StepRun,
} from './claims';

type Ev<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;
const only = <T extends SimEvent['type']>(r: StepRun, type: T): Ev<T>[] =>
  r.events.filter((e): e is Ev<T> => e.type === type);

/** Transactions aborted in the run: by the member, the coordinator, or an initTransactions. */
const abortedTxns = (r: StepRun): Map<number, number> => {
  const records = new Map<number, number>();
  for (const e of only(r, 'recordAppended'))
    if (e.txn !== undefined) records.set(e.txn, (records.get(e.txn) ?? 0) + 1);
  const out = new Map<number, number>();
  for (const e of r.events) {
    if (e.type === 'transactionAborted') out.set(e.txn, records.get(e.txn) ?? 0);
    if (e.type === 'producerInitialized' && e.aborted)
      out.set(e.aborted.txn, records.get(e.aborted.txn) ?? 0);
  }
  return out;
};
/** The records of the one aborted transaction of the run (-1 unless exactly one). */
const abortedRecords = (r: StepRun): number => {
  const a = [...abortedTxns(r).values()];
  return a.length === 1 ? a[0]! : -1;
};

/**
 * Inputs whose output a read_committed reader of `topic` reads more than once: records of
 * committed transactions and non-transactional records, by causation id.
 */
const outputsTwice = (r: StepRun, topic: string): number => {
  const committed = new Set(
    only(r, 'transactionCommitted')
      .filter((e) => e.txn >= 0)
      .map((e) => e.txn),
  );
  const n = new Map<number, number>();
  for (const e of only(r, 'recordAppended')) {
    if (e.topic !== topic || e.causationId === null) continue;
    if (e.txn !== undefined && !committed.has(e.txn)) continue;
    n.set(e.causationId, (n.get(e.causationId) ?? 0) + 1);
  }
  return [...n.values()].filter((k) => k > 1).length;
};

/** The epochs initTransactions gave a member's transactional.id, in order. */
const epochs = (r: StepRun, member: string): number[] =>
  only(r, 'producerInitialized')
    .filter((e) => e.member === member)
    .map((e) => e.epoch);

/** Partitions that got an ABORT marker from the transaction an initTransactions aborted. */
const abortMarkersAtInit = (r: StepRun, member: string): number => {
  const e = only(r, 'producerInitialized').find((x) => x.member === member && x.aborted);
  return e?.aborted ? e.aborted.markers.length : -1;
};

const config = (r: StepRun, grp: string, key: string): unknown =>
  (groupSpec(r, grp).config as Record<string, unknown> | undefined)?.[key];
const num = (x: unknown): number => (typeof x === 'number' ? x : -1);

const pause = (r: StepRun) => {
  const f = r.scenario.faults.find((x) => x.kind === 'pause');
  if (!f || f.kind !== 'pause') throw new Error('no pause fault');
  return f;
};

/** ledger-alo's 25: processed twice, written twice (read_committed view), read twice downstream. */
const aloTwice = (r: StepRun): number => {
  const d = group(r.summary, 'ledger-alo').duplicates;
  return outputsTwice(r, 'ledger-entries-alo') === d &&
    group(r.summary, 'audit-alo').outputDuplicates === d
    ? d
    : -1;
};

/** ledger-eos's 28: the aborted transaction's records, the payments processed again. */
const eosAborted = (r: StepRun): number => {
  const n = abortedRecords(r);
  return group(r.summary, 'ledger-eos').duplicates === n ? n : -1;
};

export const txnClaims: Record<string, Claim[][]> = {
  'exactly-once-with-transactions': [
    [
      {
        value: 250,
        what: 'records per second',
        of: (r) => producerSpec(r, 'checkout').rate.perSec,
      },
      { value: 4, what: 'partitions', of: (r) => topicSpec(r, 'payments').partitions },
      { value: 2700, what: 'crash', of: (r) => faultMs(r, 'crash') },
      { value: 3500, what: 'restart', of: (r) => faultMs(r, 'restart') },
      {
        value: 25,
        what: 'ledger-alo processed twice; written twice; audit-alo outputs twice',
        of: aloTwice,
      },
    ],
    [
      { value: 2700, what: 'crash', of: (r) => faultMs(r, 'crash') },
      { value: 3500, what: 'restart', of: (r) => faultMs(r, 'restart') },
      { value: 28, what: 'records in the open transaction, aborted', of: eosAborted },
      { value: 0, what: 'epoch before', of: (r) => epochs(r, 'ledger-eos-1')[0] ?? -1 },
      {
        value: 1,
        what: 'epoch after initTransactions at the restart',
        of: (r) => {
          const e = only(r, 'producerInitialized').filter((x) => x.member === 'ledger-eos-1');
          return e.length === 2 && e[1]!.timeUs === faultMs(r, 'restart') * 1000 ? e[1]!.epoch : -1;
        },
      },
      {
        value: 3,
        what: 'partitions with an ABORT marker',
        of: (r) => abortMarkersAtInit(r, 'ledger-eos-1'),
      },
      {
        value: 10000,
        what: 'transaction.timeout.ms',
        of: (r) => num(config(r, 'ledger-eos', 'transaction.timeout.ms')),
      },
      {
        value: 541,
        what: 'audit-eos processed at 2,700 ms and at 3,500 ms',
        of: (r) => {
          const a = group(r.at(2700), 'audit-eos').processed;
          return group(r.at(3500), 'audit-eos').processed === a ? a : -1;
        },
      },
      {
        value: 0,
        what: 'audit-eos outputs twice; none in the read_committed view',
        of: (r) =>
          outputsTwice(r, 'ledger-entries') === 0
            ? group(r.summary, 'audit-eos').outputDuplicates
            : -1,
      },
    ],
    [
      { value: 28, what: 'ledger-eos processed twice', of: eosAborted },
      {
        value: 25,
        what: 'ledger-alo processed twice',
        of: (r) => group(r.summary, 'ledger-alo').duplicates,
      },
      {
        value: 28,
        what: 'duplicate side effects',
        of: (r) => group(r.summary, 'ledger-eos').duplicateSideEffects,
      },
    ],
    [
      {
        value: 28,
        what: 'aborted records audit-dirty read; its outputs processed twice; the aborted transaction',
        of: (r) => {
          const g = group(r.summary, 'audit-dirty');
          return g.abortedRead === abortedRecords(r) && g.outputDuplicates === g.abortedRead
            ? g.abortedRead
            : -1;
        },
      },
    ],
    [
      { value: 2200, what: 'pause', of: (r) => pause(r).atMs },
      { value: 2500, what: 'for', of: (r) => pause(r).durationMs },
      {
        value: 1500,
        what: 'session.timeout.ms',
        of: (r) => num(config(r, 'ledger', 'session.timeout.ms')),
      },
      {
        value: 3500,
        what: 'removed',
        of: (r) => {
          const e = only(r, 'memberExpired').filter((x) => x.member === 'ledger-1');
          return e.length === 1 && e[0]!.reason === 'session.timeout.ms' ? e[0]!.timeUs / 1000 : -1;
        },
      },
      {
        value: 4700,
        what: 'wakes up',
        of: (r) => {
          const e = only(r, 'consumerResumed').find((x) => x.member === 'ledger-1');
          return e ? e.timeUs / 1000 : -1;
        },
      },
      {
        value: 30,
        what: 'records of the aborted transaction (refused commit); audit-dirty read them',
        of: (r) => {
          const a = only(r, 'transactionAborted');
          if (a.length !== 1 || a[0]!.member !== 'ledger-1' || a[0]!.reason !== 'UNKNOWN_MEMBER_ID')
            return -1;
          return group(r.summary, 'audit-dirty').abortedRead === abortedRecords(r)
            ? abortedRecords(r)
            : -1;
        },
      },
      {
        value: 0,
        what: 'audit outputs twice; none in the read_committed view',
        of: (r) =>
          outputsTwice(r, 'ledger-entries') === 0
            ? group(r.summary, 'audit').outputDuplicates + group(r.summary, 'audit').abortedRead
            : -1,
      },
    ],
  ],
};

export const txnSolutions: Record<string, Record<number, Action[]>> = {
  'exactly-once-with-transactions': {
    3: [
      {
        op: 'set',
        path: 'groups[id=audit-dirty].config["isolation.level"]',
        value: 'read_committed',
      },
    ],
  },
};
