/**
 * Exactly-once read-process-write with Kafka transactions (KIP-98, KIP-447): a transactional
 * service commits each batch's output records and consumed offsets together; read_committed
 * consumers read up to the last stable offset and skip aborted records; a crashed member's open
 * transaction is aborted when its restarted instance calls initTransactions (epoch bump) or when
 * transaction.timeout.ms passes; a zombie's commit is refused by its stale group metadata.
 * Sources: KafkaProducer javadoc (transactions, initTransactions, sendOffsetsToTransaction),
 * the consumer's isolation.level docs, KIP-98 (markers, LSO, aborted transaction index),
 * KIP-447 (group metadata fencing).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import type { FaultSpec, Scenario } from '../scenario/types';
import { fold, simulate } from '../simulate';
import { stateDigest } from './digest';
import type { LogRecord, SimEvent } from './events';
import { pipelineArb } from '../test/transactional';
import exactlyOnceBuiltIn from '../../scenarios/exactly-once.json';
import { gpOf, lastStableOffset, recordAt, type SimState } from './state';

interface Opts {
  faults?: FaultSpec[];
  transactional?: boolean;
  isolation?: 'read_committed' | 'read_uncommitted';
  timeoutMs?: number;
  durationMs?: number;
  session?: number;
}

function scenario(o: Opts = {}): Scenario {
  const r = parseScenario({
    version: 1,
    name: 'eos',
    seed: 3,
    durationMs: o.durationMs ?? 6000,
    topics: [
      { name: 'payments', partitions: 4 },
      { name: 'entries', partitions: 3 },
    ],
    producers: [
      {
        id: 'checkout',
        topic: 'payments',
        rate: { kind: 'poisson', perSec: 300 },
        keys: { kind: 'uniform', count: 50, prefix: 'account-' },
        keyField: 'accountId',
        eventType: 'PaymentCaptured',
      },
    ],
    groups: [
      {
        id: 'ledger',
        topics: ['payments'],
        members: 2,
        commit: 'after-processing',
        config: {
          'max.poll.records': 20,
          'session.timeout.ms': o.session ?? 1500,
          'heartbeat.interval.ms': 500,
          'auto.offset.reset': 'earliest',
          ...(o.transactional === false
            ? {}
            : {
                'transactional.id': 'ledger-{member}',
                'transaction.timeout.ms': o.timeoutMs ?? 3000,
              }),
        },
        processingMs: { kind: 'uniform', minMs: 4, maxMs: 8 },
        handlers: [{ on: 'PaymentCaptured', emit: [{ type: 'LedgerEntry', topic: 'entries' }] }],
      },
      {
        id: 'audit',
        topics: ['entries'],
        members: 1,
        config: {
          'auto.offset.reset': 'earliest',
          'isolation.level': o.isolation ?? 'read_committed',
        },
        processingMs: 1,
      },
    ],
    faults: o.faults ?? [],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

const crash = (atMs: number, member = 'ledger-1'): FaultSpec => ({
  kind: 'crash',
  atMs,
  group: 'ledger',
  member,
});
const restart = (atMs: number, member = 'ledger-1'): FaultSpec => ({
  kind: 'restart',
  atMs,
  group: 'ledger',
  member,
});

/**
 * Records of a topic a read_committed consumer reads (now or once the last stable offset passes
 * them): no markers, nothing of an aborted or still open transaction. Below the LSO every
 * transaction is decided.
 */
function committedView(s: SimState, topic: string): LogRecord[] {
  const out: LogRecord[] = [];
  const t = s.model.topics[s.model.topicIndex.get(topic)!]!;
  for (let p = 0; p < t.partitions; p++) {
    const gp = gpOf(s.model, topic, p);
    const lso = lastStableOffset(s, gp);
    for (let o = s.logStart[gp]!; o < s.leo[gp]!; o++) {
      const r = recordAt(s, gp, o)!;
      const open = r.txn !== undefined && s.txn!.open.has(r.txn);
      if (o < lso) expect(open, `open transaction below the LSO at ${topic}-${p}@${o}`).toBe(false);
      if (r.control === undefined && !open && (r.txn === undefined || !s.txn!.aborted.has(r.txn)))
        out.push(r);
    }
  }
  return out;
}

/** Per input event id, how many outputs a read_committed reader sees. */
function outputsPerInput(s: SimState): Map<number, number> {
  const n = new Map<number, number>();
  for (const r of committedView(s, 'entries'))
    n.set(r.causationId!, (n.get(r.causationId!) ?? 0) + 1);
  return n;
}

/** Input records below the group's committed offsets: the ones it has consumed for good. */
function committedInputs(s: SimState, group = 'ledger'): LogRecord[] {
  const gi = s.model.groupIndex.get(group)!;
  const out: LogRecord[] = [];
  for (let p = 0; p < 4; p++) {
    const gp = gpOf(s.model, 'payments', p);
    const c = s.groups[gi]!.committed[gp]!;
    for (let o = 0; o < c; o++) out.push(recordAt(s, gp, o)!);
  }
  return out;
}

function exactlyOnce(s: SimState): void {
  const seen = outputsPerInput(s);
  const inputs = committedInputs(s);
  for (const r of inputs) expect(seen.get(r.eventId) ?? 0, `input ${r.eventId}`).toBe(1);
  const committed = new Set(inputs.map((r) => r.eventId));
  for (const [id, n] of seen) {
    expect(n, `outputs of input ${id}`).toBe(1);
    expect(committed.has(id), `output of uncommitted input ${id}`).toBe(true);
  }
}

const of = <T extends SimEvent['type']>(events: SimEvent[], type: T) =>
  events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

describe('Kafka transactions: exactly-once read-process-write', () => {
  it('without faults: every batch commits its records and offsets; markers take offsets', () => {
    const r = simulate(scenario());
    const commits = of(r.events, 'transactionCommitted');
    expect(commits.length).toBeGreaterThan(20);
    expect(of(r.events, 'producerInitialized').map((e) => [e.transactionalId, e.epoch])).toEqual([
      ['ledger-ledger-1', 0],
      ['ledger-ledger-2', 0],
    ]);
    const s = r.state;
    // Every entries partition holds COMMIT markers, never ABORT.
    let markers = 0;
    for (let p = 0; p < 3; p++) {
      const gp = gpOf(s.model, 'entries', p);
      for (let o = 0; o < s.leo[gp]!; o++) {
        const rec = recordAt(s, gp, o)!;
        if (rec.control) {
          markers++;
          expect(rec.control).toBe('COMMIT');
        }
      }
    }
    expect(markers).toBeGreaterThan(20);
    exactlyOnce(s);
    const audit = r.summary.groups.find((g) => g.group === 'audit')!;
    expect(audit.duplicates).toBe(0);
    expect(r.summary.abortedRead).toBe(0);
  });

  it('a crash mid-transaction: the restarted instance fences it (epoch bump) and aborts its transaction; still exactly once', () => {
    const r = simulate(scenario({ faults: [crash(2000), restart(2300)] }));
    const init = of(r.events, 'producerInitialized').filter((e) => e.member === 'ledger-1');
    expect(init.map((e) => e.epoch)).toEqual([0, 1]);
    expect(init[1]!.producerId).toBe(init[0]!.producerId);
    expect(init[1]!.aborted).not.toBeNull();
    expect(init[1]!.aborted!.markers.length).toBeGreaterThan(0);
    exactlyOnce(r.state);
    // The same crash without transactions: the read_committed reader sees duplicates.
    const alo = simulate(scenario({ transactional: false, faults: [crash(2000), restart(2300)] }));
    const dups = [...outputsPerInput(alo.state).values()].filter((n) => n > 1).length;
    expect(dups).toBeGreaterThan(0);
    // The downstream group counts them; with transactions it sees none.
    const auditOf = (x: typeof r) => x.summary.groups.find((g) => g.group === 'audit')!;
    expect(auditOf(r).outputDuplicates).toBe(0);
    expect(auditOf(alo).outputDuplicates).toBe(0); // no transactional group: not tracked

    // The side effect outside Kafka is repeated all the same: ledger processed records twice.
    const ledger = r.summary.groups.find((g) => g.group === 'ledger')!;
    expect(ledger.duplicates).toBeGreaterThan(0);
  });

  it('a crashed member that does not come back: its transaction hangs the LSO until transaction.timeout.ms aborts it', () => {
    const r = simulate(scenario({ faults: [crash(2000)], timeoutMs: 2500 }));
    const aborted = of(r.events, 'transactionAborted');
    expect(aborted.map((e) => e.reason)).toEqual(['transaction.timeout.ms']);
    const a = aborted[0]!;
    const opened = r.events.find((e) => e.type === 'recordAppended' && e.txn === a.txn) as Extract<
      SimEvent,
      { type: 'recordAppended' }
    >;
    expect(a.timeUs - opened.timeUs).toBe(2_500_000);
    // While it hung, the audit group could not read past it: its lag grew (LSO-bound).
    exactlyOnce(r.state);
  });

  it('read_uncommitted reads aborted records (counted), read_committed never does', () => {
    const faults = [crash(2000), restart(2300)];
    const ru = simulate(scenario({ faults, isolation: 'read_uncommitted' }));
    expect(ru.summary.abortedRead).toBeGreaterThan(0);
    const rc = simulate(scenario({ faults }));
    expect(rc.summary.abortedRead).toBe(0);
  });

  it('property: over random crash, restart, pause, leave and coordinator-partition schedules, exactly once as read_committed sees it; read_committed never processes an aborted record; no transaction gets a record after it ended', () => {
    const member = fc.constantFrom('ledger-1', 'ledger-2');
    const at = fc.integer({ min: 300, max: 5000 });
    const fault: fc.Arbitrary<FaultSpec> = fc.oneof(
      fc.record({
        kind: fc.constant('crash' as const),
        atMs: at,
        group: fc.constant('ledger'),
        member,
      }),
      fc.record({
        kind: fc.constant('restart' as const),
        atMs: at,
        group: fc.constant('ledger'),
        member,
      }),
      fc.record({
        kind: fc.constant('leave' as const),
        atMs: at,
        group: fc.constant('ledger'),
        member,
      }),
      fc.record({
        kind: fc.constant('pause' as const),
        atMs: at,
        group: fc.constant('ledger'),
        member,
        durationMs: fc.integer({ min: 50, max: 4000 }),
      }),
      fc.record({
        kind: fc.constant('networkPartition' as const),
        atMs: at,
        between: member.map((m) => [m, 'coordinator'] as [string, string]),
        durationMs: fc.integer({ min: 50, max: 3000 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fault, { maxLength: 5 }),
        fc.integer({ min: 300, max: 4000 }),
        fc.integer({ min: 1000, max: 3000 }),
        (faults, timeoutMs, session) => {
          const sc = scenario({ faults, timeoutMs, session, durationMs: 7000 });
          const r = simulate(sc);
          const s = r.state;
          exactlyOnce(s);
          expect(r.summary.abortedRead).toBe(0);
          const ended = new Map<number, number>();
          const auditGp = (e: { topic: string; partition: number }) =>
            gpOf(s.model, e.topic, e.partition);
          for (const e of r.events) {
            if (e.type === 'transactionCommitted' || e.type === 'transactionAborted')
              ended.set(e.txn, e.timeUs);
            if (e.type === 'producerInitialized' && e.aborted) ended.set(e.aborted.txn, e.timeUs);
            if (e.type === 'recordAppended' && e.txn !== undefined)
              expect(ended.has(e.txn), `record ${e.eventId} in ended transaction ${e.txn}`).toBe(
                false,
              );
            if (e.type === 'recordProcessed' && e.group === 'audit') {
              const rec = recordAt(s, auditGp(e), e.offset)!;
              expect(rec.control).toBeUndefined();
              if (rec.txn !== undefined) expect(s.txn!.aborted.has(rec.txn)).toBe(false);
            }
          }
        },
      ),
      { numRuns: 40, seed: 1201 },
    );
  });

  it('the built-in "exactly-once": the same crash duplicates at-least-once output, never transactional output (read_committed); read_uncommitted reads the aborted records', () => {
    const p = parseScenario(exactlyOnceBuiltIn);
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    const r = simulate(p.scenario);
    const g = (id: string) => r.summary.groups.find((x) => x.group === id)!;
    expect(g('ledger-eos').duplicates).toBeGreaterThan(10);
    expect(g('ledger-alo').duplicates).toBeGreaterThan(10);
    expect(g('audit-eos').outputDuplicates).toBe(0);
    expect(g('audit-alo').outputDuplicates).toBe(g('ledger-alo').duplicates);
    expect(g('audit-dirty').abortedRead).toBeGreaterThan(10);
    expect(g('audit-dirty').outputDuplicates).toBe(g('audit-dirty').abortedRead);
    expect(g('audit-eos').abortedRead).toBe(0);
  });

  it('property: a random pipeline under random faults: a transactional writer gives its read_committed reader each output once; read_committed never reads aborted data; refold equals run', () => {
    fc.assert(
      fc.property(pipelineArb, (sc) => {
        const r = simulate(sc);
        const g = (id: string) => r.summary.groups.find((x) => x.group === id)!;
        expect(g('audit-rc').abortedRead).toBe(0);
        if (sc.groups[0]!.config?.['transactional.id'] !== undefined) {
          expect(g('audit-rc').outputDuplicates).toBe(0);
        } else expect(g('audit-ru').abortedRead).toBe(0);
        expect(stateDigest(fold(r.state.model, r.events))).toBe(stateDigest(r.state));
      }),
      { numRuns: 40, seed: 1202 },
    );
  });

  it('transactions and retention in one run: both optional actors act (the coordinator aborts on timeout, retention deletes segments); a read_committed reader still reads no aborted record; refold equals run', () => {
    const raw = structuredClone(exactlyOnceBuiltIn) as Record<string, unknown> & {
      topics: Record<string, unknown>[];
      groups: { config?: Record<string, unknown> }[];
      faults: unknown[];
    };
    raw.topics = raw.topics.map((t) => ({
      ...t,
      'retention.ms': 1500,
      'segment.bytes': 4000,
    }));
    raw.broker = { 'log.retention.check.interval.ms': 500, 'log.initial.task.delay.ms': 500 };
    raw.groups[0]!.config = { ...raw.groups[0]!.config, 'transaction.timeout.ms': 400 };
    raw.faults = raw.faults.slice(0, 3); // ledger-eos-1 crashes and never restarts
    const p = parseScenario(raw);
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    const r = simulate(p.scenario);
    expect(r.events.some((e) => e.type === 'segmentsDeleted')).toBe(true);
    expect(
      r.events.some(
        (e) => e.type === 'transactionAborted' && e.reason === 'transaction.timeout.ms',
      ),
    ).toBe(true);
    expect(r.summary.groups.find((g) => g.group === 'audit-eos')!.abortedRead).toBe(0);
    expect(stateDigest(fold(r.state.model, r.events))).toBe(stateDigest(r.state));
  });

  it('refolding the events reaches the same state', () => {
    const sc = scenario({ faults: [crash(2000), restart(2300), crash(3500, 'ledger-2')] });
    const r = simulate(sc);
    expect(stateDigest(fold(r.state.model, r.events))).toBe(stateDigest(r.state));
  });
});

void fc;
