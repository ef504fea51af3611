import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileModel,
  initialState,
  parseScenario,
  run,
  type Scenario,
  type SimEvent,
} from '../engine';
import exactlyOnce from '../scenarios/exactly-once.json';
import {
  RECENT_RECORDS,
  TXN_ABORT_MARKER,
  TXN_ABORTED,
  TXN_COMMIT_MARKER,
  TXN_OPEN,
  TXN_PLAIN,
} from './liveView';
import { buildView } from './view';

const FC_SEED = 20261202;

function parsed(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** Runs to `untilMs`, keeping the events: the oracle reads them, not the engine's txn state. */
function runTo(sc: Scenario, untilMs: number) {
  const state = initialState(compileModel(sc));
  const events: SimEvent[] = [];
  const n = run(state, untilMs * 1000, (e) => events.push(e));
  return { state, events, view: buildView(state, n) };
}

/**
 * What the event log says about every transaction: the ones that ended (committed or aborted),
 * and where each one first wrote in each partition.
 */
function oracle(events: readonly SimEvent[]) {
  const committed = new Set<number>();
  const aborted = new Set<number>();
  const first = new Map<number, Map<string, number>>();
  for (const e of events) {
    if (e.type === 'recordAppended' && e.txn !== undefined) {
      const m = first.get(e.txn) ?? new Map<string, number>();
      const tp = `${e.topic}-${e.partition}`;
      if (!m.has(tp)) m.set(tp, e.offset);
      first.set(e.txn, m);
    }
    if (e.type === 'transactionCommitted' && e.txn >= 0) committed.add(e.txn);
    if (e.type === 'transactionAborted') aborted.add(e.txn);
    if (e.type === 'producerInitialized' && e.aborted) aborted.add(e.aborted.txn);
  }
  return { committed, aborted, first };
}

/** Checks a topic's tail and LSO in the view against the log and the oracle. */
function checkTopic(
  r: ReturnType<typeof runTo>,
  topic: string,
): { aborts: number; commits: number; abortedRecords: number; held: number } {
  const { state, events, view } = r;
  const o = oracle(events);
  const t = state.model.topics.find((x) => x.name === topic)!;
  const tv = view.topics[topic]!;
  let aborts = 0;
  let commits = 0;
  let abortedRecords = 0;
  let held = 0;
  expect(tv.recentTxn).toHaveLength(t.partitions);
  expect(tv.lastStable).toHaveLength(t.partitions);
  for (let p = 0; p < t.partitions; p++) {
    const gp = t.firstGp + p;
    const leo = state.leo[gp]!;
    const hw = tv.highWatermarks[p]!;
    // The LSO: the first offset of the oldest open transaction in the partition, else the HW.
    let lso = hw;
    for (const [txn, m] of o.first) {
      if (o.committed.has(txn) || o.aborted.has(txn)) continue;
      const f = m.get(`${topic}-${p}`);
      if (f !== undefined && f < lso) lso = f;
    }
    expect(tv.lastStable![p], `${topic}-${p} LSO`).toBe(lso);
    expect(tv.lastStable![p]).toBeLessThanOrEqual(hw);
    if (lso < hw) held++;
    const states = tv.recentTxn![p]!;
    expect(states).toHaveLength(Math.min(leo, RECENT_RECORDS));
    expect(tv.recentKeys[p]).toHaveLength(states.length);
    const from = leo - states.length;
    states.forEach((st, i) => {
      const rec = state.logs[gp]![from + i - state.logStart[gp]!]!;
      const want =
        rec.control === 'COMMIT'
          ? TXN_COMMIT_MARKER
          : rec.control === 'ABORT'
            ? TXN_ABORT_MARKER
            : rec.txn === undefined || o.committed.has(rec.txn)
              ? TXN_PLAIN
              : o.aborted.has(rec.txn)
                ? TXN_ABORTED
                : TXN_OPEN;
      expect(st, `${topic}-${p}@${from + i}`).toBe(want);
      // An open record is never below the LSO; markers have no key colour nor event type.
      if (st === TXN_OPEN) expect(from + i).toBeGreaterThanOrEqual(lso);
      if (st === TXN_COMMIT_MARKER || st === TXN_ABORT_MARKER) {
        expect(tv.recentKeys[p]![i]).toBe(-1);
        expect(tv.recentTypes[p]![i]).toBe(-1);
      }
      if (st === TXN_ABORT_MARKER) aborts++;
      if (st === TXN_COMMIT_MARKER) commits++;
      if (st === TXN_ABORTED) abortedRecords++;
    });
  }
  expect(tv.eventTypes).not.toContain('COMMIT');
  expect(tv.eventTypes).not.toContain('ABORT');
  return { aborts, commits, abortedRecords, held };
}

describe('live view of transactions (the partition strips’ data)', () => {
  const sc = parsed(exactlyOnce);

  it('a run without a transactional group sends no transaction fields (frames unchanged)', () => {
    const plain = parsed({
      ...exactlyOnce,
      groups: exactlyOnce.groups.filter(
        (g) => g.id !== 'ledger-eos' && g.id !== 'audit-eos' && g.id !== 'audit-dirty',
      ),
      topics: exactlyOnce.topics.filter((t) => t.name !== 'ledger-entries'),
      faults: exactlyOnce.faults.filter((f) => f.group !== 'ledger-eos'),
    });
    const { view } = runTo(plain, 1500);
    for (const tv of Object.values(view.topics)) {
      expect(tv.recentTxn).toBeUndefined();
      expect(tv.lastStable).toBeUndefined();
    }
    expect(view.groups['audit-alo']!.readCommitted).toBe(true);
  });

  it('during the crash the LSO is held where the crashed member’s transaction starts; at the restart ABORT markers close it', () => {
    // 3,000 ms: ledger-eos-1 crashed at 2,700 ms with a transaction open on every partition.
    const during = runTo(sc, 3000);
    const a = checkTopic(during, 'ledger-entries');
    expect(a.held).toBe(3);
    // 3,500 ms: the restarted instance's initTransactions aborted it (an ABORT marker each).
    const after = runTo(sc, 3500);
    const b = checkTopic(after, 'ledger-entries');
    expect(b.aborts).toBe(3);
    expect(after.view.groups['audit-eos']!.readCommitted).toBe(true);
    expect(after.view.groups['audit-dirty']!.readCommitted).toBeUndefined();
    // Non-transactional topics: every record plain, LSO = HW.
    const alo = after.view.topics['ledger-entries-alo']!;
    expect(alo.recentTxn!.flat().every((s) => s === TXN_PLAIN)).toBe(true);
    expect(alo.lastStable).toEqual(alo.highWatermarks);
    // Counters reach the view: the dirty reader read aborted records, at the end of the run.
    const end = runTo(sc, 8000);
    expect(end.view.groups['audit-dirty']!.abortedRead).toBeGreaterThan(0);
    expect(end.view.totals.abortedRead).toBe(end.view.groups['audit-dirty']!.abortedRead);
    expect(end.view.totals.outputDuplicates).toBeGreaterThan(0);
  });

  it('property: at any time, under a random crash/restart or pause of the transactional service, each tail record’s state and each LSO match the event log', () => {
    const faultArb = fc.oneof(
      fc
        .record({
          at: fc.integer({ min: 300, max: 3000 }),
          back: fc.integer({ min: 100, max: 2000 }),
        })
        .map(({ at, back }) => [
          { kind: 'crash', atMs: at, group: 'ledger-eos', member: 'ledger-eos-1' },
          { kind: 'restart', atMs: at + back, group: 'ledger-eos', member: 'ledger-eos-1' },
        ]),
      fc
        .record({
          at: fc.integer({ min: 300, max: 3000 }),
          ms: fc.integer({ min: 200, max: 2500 }),
        })
        .map(({ at, ms }) => [
          { kind: 'pause', atMs: at, durationMs: ms, group: 'ledger-eos', member: 'ledger-eos-2' },
        ]),
    );
    const seen = { aborts: 0, abortedRecords: 0, held: 0 };
    fc.assert(
      fc.property(
        faultArb,
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 100, max: 4500 }),
        fc.integer({ min: 300, max: 3000 }),
        (faults, seed, untilMs, timeoutMs) => {
          const doc = structuredClone(exactlyOnce) as Omit<typeof exactlyOnce, 'faults'> & {
            faults: unknown[];
          };
          doc.seed = seed;
          doc.faults = faults;
          (doc.groups[0]!.config as Record<string, unknown>)['transaction.timeout.ms'] = timeoutMs;
          doc.producers[0]!.rate.perSec = 60;
          const r = runTo(parsed(doc), untilMs);
          const c = checkTopic(r, 'ledger-entries');
          seen.aborts += c.aborts;
          seen.abortedRecords += c.abortedRecords;
          seen.held += c.held;
          checkTopic(r, 'payments');
        },
      ),
      { numRuns: 30, seed: FC_SEED },
    );
    // The runs drew every kind of cell the strips distinguish (else the property is vacuous).
    expect(seen.aborts).toBeGreaterThan(0);
    expect(seen.abortedRecords).toBeGreaterThan(0);
    expect(seen.held).toBeGreaterThan(0);
  });
});
