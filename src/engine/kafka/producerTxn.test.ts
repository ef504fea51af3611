/**
 * A plain transactional producer (issue 12): `transactional.id` on a producer, records sent in
 * transactions of `transactionRecords`, committed after a flush; a restart's initTransactions
 * bumps the epoch (fencing the old instance) and aborts the open transaction, whose records the
 * application sends again. read_committed readers see each record once; read_uncommitted ones
 * read the aborted copies too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateDigest } from './digest';
import type { SimEvent } from './events';
import { gpOf, recordAt } from './state';
import { parseScenario } from '../scenario/parse';
import type { ProducerConfig, Scenario } from '../scenario/types';
import { fold, simulate, type SimulateResult } from '../simulate';
import { clusterScenarioArb } from '../test/arbitraries';
import { payments, paymentsScenario } from '../test/txnPayments';
import { producerRecordsInLog } from '../test/logRecords';

const SEED = 0x12_0612;

function valid(s: unknown): Scenario {
  const p = parseScenario(s);
  if (!p.ok) throw new Error(`invalid scenario: ${JSON.stringify(p.errors)}`);
  return p.scenario;
}

const of = <T extends SimEvent['type']>(r: SimulateResult, type: T) =>
  r.events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

/** Per event id: how many times the group processed it. */
function processedIds(r: SimulateResult, group: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of of(r, 'recordProcessed'))
    if (e.group === group) out.set(e.eventId, (out.get(e.eventId) ?? 0) + 1);
  return out;
}

/** The producers' records in the log: event id → [committed copies, aborted copies, open]. */
function copies(r: SimulateResult): Map<number, [number, number, number]> {
  const s = r.state;
  const committed = new Set<number>();
  for (const e of of(r, 'transactionCommitted')) if (e.txn >= 0) committed.add(e.txn);
  const out = new Map<number, [number, number, number]>();
  for (const rec of producerRecordsInLog(r)) {
    const c = out.get(rec.eventId) ?? [0, 0, 0];
    if (rec.txn === undefined || committed.has(rec.txn)) c[0]++;
    else if (s.txn!.aborted.has(rec.txn)) c[1]++;
    else c[2]++;
    out.set(rec.eventId, c);
  }
  return out;
}

/** Per produce request (producer, batch, attempt): the producer epoch it carried. */
function requestEpochs(r: SimulateResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of of(r, 'produceRequested'))
    out.set(`${e.producer}/${e.batch}/${e.attempt}`, e.epoch);
  return out;
}

/**
 * A fenced producer never appends after its fencing: every append at or after an
 * initTransactions (or a fencing) carries at least the epoch it set.
 */
function expectNoZombieAppends(r: SimulateResult): number {
  const epochs = requestEpochs(r);
  const current = new Map<string, number>();
  let checked = 0;
  for (const e of r.events) {
    if (e.type === 'producerInitialized' && e.producer !== undefined)
      current.set(e.producer, e.epoch);
    if (e.type === 'transactionFenced' && e.producer !== undefined)
      current.set(e.producer, e.currentEpoch);
    if (e.type === 'produceHandled' && e.outcome === 'appended' && current.has(e.producer)) {
      const epoch = epochs.get(`${e.producer}/${e.batch}/${e.attempt}`)!;
      expect(epoch).toBeGreaterThanOrEqual(current.get(e.producer)!);
      checked++;
    }
  }
  return checked;
}

describe('a transactional producer', () => {
  it('commits every transactionRecords records, after the flush, with a COMMIT marker per partition written', () => {
    const r = payments([]);
    const inits = of(r, 'producerInitialized');
    expect(inits.map((e) => [e.producer, e.transactionalId, e.epoch])).toEqual([
      ['pay', 'tx-pay', 0],
    ]);
    const commits = of(r, 'transactionCommitted');
    expect(commits.length).toBeGreaterThan(50);
    // Every transaction but the last (the application stops) holds transactionRecords records.
    for (const c of commits.slice(0, -1)) expect(c.records).toBe(7);
    // A commit comes only after every record of the transaction was acknowledged.
    const acked = new Set<number>();
    const sent = new Map<number, number>();
    for (const e of r.events) {
      if (e.type === 'recordSent' && e.txn !== undefined) sent.set(e.eventId, e.txn);
      if (e.type === 'produceHandled' && e.outcome === 'appended')
        for (const id of e.eventIds) acked.add(id);
      if (e.type === 'transactionCommitted')
        for (const [id, txn] of sent) if (txn === e.txn) expect(acked.has(id)).toBe(true);
    }
    const c = copies(r);
    expect(
      [...c.values()].every(([committed, aborted, open]) => committed === 1 && !aborted && !open),
    ).toBe(true);
    expect(r.summary.groups.map((g) => [g.group, g.duplicates, g.abortedRead])).toEqual([
      ['ledger', 0, 0],
      ['audit', 0, 0],
    ]);
    // Both groups end with every record read (the last transaction committed at the stop).
    expect(processedIds(r, 'ledger').size).toBe(r.summary.produced);
    expect(processedIds(r, 'audit').size).toBe(r.summary.produced);
  });

  it('a restart mid-transaction: initTransactions bumps the epoch, aborts the open transaction, and its records are sent again; read_committed reads each record once', () => {
    const r = payments([{ kind: 'producerRestart', atMs: 1003, producer: 'pay' }]);
    const [init0, init1] = of(r, 'producerInitialized');
    expect(init0!.epoch).toBe(0);
    expect(init1!.timeUs).toBe(1_003_000);
    expect([init1!.producerId, init1!.epoch]).toEqual([init0!.producerId, 1]);
    const aborted = init1!.aborted!;
    expect(aborted).not.toBeNull();
    expect(aborted.epoch).toBe(0);
    expect(aborted.markers.length).toBeGreaterThan(0);
    expect(init1!.resend).toBeGreaterThan(0);
    const c = copies(r);
    const abortedIds = [...c].filter(([, [, a]]) => a > 0).map(([id]) => id);
    expect(abortedIds.length).toBeGreaterThan(0);
    // Each record is committed once: the aborted copies were sent again in a new transaction.
    for (const [, [committed, , open]] of c) expect([committed, open]).toEqual([1, 0]);
    const ledger = processedIds(r, 'ledger');
    expect([...ledger.values()].every((n) => n === 1)).toBe(true);
    expect(ledger.size).toBe(r.summary.produced);
    // read_uncommitted processed the aborted copies as well: dirty reads, counted apart.
    const audit = processedIds(r, 'audit');
    for (const id of abortedIds) expect(audit.get(id)).toBe(2);
    const g = r.summary.groups.find((x) => x.group === 'audit')!;
    expect(g.abortedRead).toBe(abortedIds.length);
    expect(expectNoZombieAppends(r)).toBeGreaterThan(0);
  });

  it("the old instance's requests still in flight are fenced: INVALID_PRODUCER_EPOCH, never appended", () => {
    // Slow links keep the old instance's batches on the wire past the restart.
    const r = valid({
      ...paymentsScenario([{ kind: 'producerRestart', atMs: 1003, producer: 'pay' }]),
      network: { latencyMs: 20 },
    });
    const run = simulate(r);
    const restartUs = 1_003_000;
    const epochs = requestEpochs(run);
    const fenced = of(run, 'produceHandled').filter(
      (e) => e.timeUs > restartUs && epochs.get(`${e.producer}/${e.batch}/${e.attempt}`) === 0,
    );
    expect(fenced.length).toBeGreaterThan(0);
    for (const e of fenced) expect(e.outcome).toBe('INVALID_PRODUCER_EPOCH');
    expectNoZombieAppends(run);
    for (const [, [committed, , open]] of copies(run)) expect([committed, open]).toEqual([1, 0]);
  });

  it('transaction.timeout.ms: the coordinator aborts a transaction stuck on a lost ack, the producer is fenced and sends it again', () => {
    const r = payments(
      [{ kind: 'ackLoss', atMs: 800, producer: 'pay', count: 1 }],
      { 'transaction.timeout.ms': 100, 'request.timeout.ms': 5000 },
      8000,
    );
    const timedOut = of(r, 'transactionAborted').filter(
      (e) => e.reason === 'transaction.timeout.ms',
    );
    expect(timedOut.length).toBeGreaterThan(0);
    const fenced = of(r, 'transactionFenced');
    expect(fenced.length).toBeGreaterThan(0);
    expect(fenced[0]!.producer).toBe('pay');
    expect(fenced[0]!.currentEpoch).toBe(fenced[0]!.epoch + 1);
    for (const [, [committed, , open]] of copies(r)) expect([committed, open]).toEqual([1, 0]);
    expect([...processedIds(r, 'ledger').values()].every((n) => n === 1)).toBe(true);
    expectNoZombieAppends(r);
  });

  it('a coordinator failover holds commits and initTransactions until the new coordinator is there', () => {
    const r = payments([
      { kind: 'txnCoordinatorFailover', atMs: 500, durationMs: 300 },
      { kind: 'producerRestart', atMs: 600, producer: 'pay' },
    ]);
    const waits = of(r, 'coordinatorUnreachable').filter((e) => e.producer === 'pay');
    expect(waits.length).toBeGreaterThan(0);
    for (const w of waits) expect(w.wakeUs).toBe(800_000);
    for (const e of of(r, 'transactionCommitted'))
      expect(e.timeUs < 500_000 || e.timeUs >= 800_000).toBe(true);
    const init = of(r, 'producerInitialized')[1]!;
    expect(init.timeUs).toBe(800_000);
    for (const [, [committed, , open]] of copies(r)) expect([committed, open]).toEqual([1, 0]);
  });
});

describe('the transactional producer settings', () => {
  const base = paymentsScenario([]);
  const errors = (patch: Record<string, unknown>, config: ProducerConfig) => {
    const p = parseScenario({
      ...base,
      producers: [
        { ...base.producers[0]!, ...patch, config: { ...base.producers[0]!.config, ...config } },
      ],
    });
    return p.ok ? [] : p.errors.map((e) => `${e.code} ${e.path}`);
  };
  it('refuses what Kafka refuses with a transactional.id, naming the field', () => {
    expect(errors({}, { 'enable.idempotence': false })).toEqual([
      'transactionalIdempotence $.producers[0].config["enable.idempotence"]',
    ]);
    expect(errors({}, { acks: '1' })).toEqual(['idempotenceAcks $.producers[0].config.acks']);
    expect(errors({}, { retries: 0 })).toEqual([
      'idempotenceRetries $.producers[0].config.retries',
    ]);
    const { 'transactional.id': _t, ...plain } = base.producers[0]!.config!;
    void _t;
    const p = parseScenario({ ...base, producers: [{ ...base.producers[0]!, config: plain }] });
    expect(p.ok ? [] : p.errors.map((e) => e.code)).toEqual(['transactionRecordsNeedsId']);
    expect(
      parseScenario({
        ...base,
        producers: [base.producers[0]!, { ...base.producers[0]!, id: 'pay-2' }],
      }),
    ).toMatchObject({ ok: false, errors: [{ code: 'duplicateTransactionalId' }] });
  });
});

describe('transactional producers in random runs', () => {
  /** The request-path arbitrary with every producer transactional (its own transactional.id). */
  const txnArb = (faults: NonNullable<Parameters<typeof clusterScenarioArb>[0]>['faults']) =>
    fc
      .tuple(
        clusterScenarioArb({
          faults,
          producer: {
            acks: 'all',
            retries: 2147483647,
            'max.in.flight.requests.per.connection': 5,
          },
        }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        fc.option(
          fc.record({
            atMs: fc.integer({ min: 0, max: 2000 }),
            durationMs: fc.integer({ min: 1, max: 800 }),
          }),
          { nil: undefined },
        ),
      )
      .map(([s, n, readCommitted, failover]): Scenario => ({
        ...s,
        producers: s.producers.map((p) => ({
          ...p,
          transactionRecords: n,
          config: { ...p.config, 'enable.idempotence': true, 'transactional.id': `tx-${p.id}` },
        })),
        groups: s.groups.map((g, i) =>
          g.config?.['transactional.id'] !== undefined
            ? g
            : {
                ...g,
                config: {
                  ...g.config,
                  'isolation.level':
                    readCommitted === (i % 2 === 0) ? 'read_committed' : 'read_uncommitted',
                },
              },
        ),
        faults: failover
          ? [...s.faults, { kind: 'txnCoordinatorFailover' as const, ...failover }].sort(
              (a, b) => a.atMs - b.atMs,
            )
          : s.faults,
      }));

  it('deterministic; the fold of the log (through JSON) equals the final state', () => {
    fc.assert(
      fc.property(
        txnArb(['broker', 'ackLoss', 'networkPartition', 'producerRestart']),
        fc.integer({ min: 0, max: 1e6 }),
        (s, seed) => {
          const sc = valid(s);
          const a = simulate(sc, { seed });
          const b = simulate(sc, { seed });
          expect(b.summary.logHash).toBe(a.summary.logHash);
          const viaJson = JSON.parse(JSON.stringify(a.events)) as SimEvent[];
          expect(stateDigest(fold(a.model, viaJson))).toBe(stateDigest(a.state));
        },
      ),
      { numRuns: 25, seed: SEED },
    );
  });

  it('a record is committed at most once; read_committed groups never read an aborted record nor a record twice; no fenced instance appends', () => {
    let restarts = 0;
    let abortedCopies = 0;
    fc.assert(
      fc.property(
        txnArb(['ackLoss', 'producerRestart', 'networkPartition']),
        fc.integer({ min: 0, max: 1e6 }),
        (s, seed) => {
          const sc = valid(s);
          const r = simulate(sc, { seed });
          restarts += of(r, 'producerRestarted').length;
          const c = copies(r);
          for (const [, [committed, aborted]] of c) {
            expect(committed).toBeLessThanOrEqual(1);
            abortedCopies += aborted;
          }
          const readCommitted = new Set(
            r.model.groups.filter((g) => g.readCommitted).map((g) => g.id),
          );
          // Per group: event id → the one place it was read from (a redelivery reads it there again).
          const seen = new Map<string, Map<number, string>>();
          for (const e of of(r, 'recordProcessed')) {
            if (!readCommitted.has(e.group)) continue;
            const gp = gpOf(r.model, e.topic, e.partition);
            const rec = recordAt(r.state, gp, e.offset);
            if (!rec || !r.model.producerIndex.has(rec.producer)) continue;
            if (rec.txn !== undefined) expect(r.state.txn!.aborted.has(rec.txn)).toBe(false);
            const at = `${e.topic}-${e.partition}@${e.offset}`;
            const ids = seen.get(e.group) ?? new Map<number, string>();
            expect(ids.get(e.eventId) ?? at).toBe(at);
            ids.set(e.eventId, at);
            seen.set(e.group, ids);
          }
          expectNoZombieAppends(r);
        },
      ),
      { numRuns: 40, seed: SEED + 1 },
    );
    expect(restarts).toBeGreaterThan(0);
    expect(abortedCopies).toBeGreaterThan(0);
  });
});
