/**
 * The transaction built-ins show what their descriptions promise (issue 12), measured on their
 * runs: "exactly-once" (the same crash duplicates at-least-once output but not transactional
 * output as read_committed sees it; the restarted instance's initTransactions bumps the epoch and
 * aborts the open transaction; read_uncommitted reads the aborted records) and "zombie-fenced"
 * (a member paused past session.timeout.ms mid-transaction is removed, the group reprocesses from
 * the committed offsets, and the zombie's late commit is refused: KIP-447, UNKNOWN_MEMBER_ID).
 * A change to the engine that breaks one of these, or a number the lessons quote, fails here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Scenario, type SimEvent } from '../engine';
import { committedOutputs } from '../engine/test/transactional';
import { builtInScenarios, builtInTextIn } from '.';

/** fast-check seed (pinned so runs repeat; fast-check prints it on failure). */
const SEED = 1212;

function load(id: string): Scenario {
  const r = parseScenario(builtInScenarios[id]);
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return r.scenario;
}

type Ev<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;
const only = <T extends SimEvent['type']>(events: SimEvent[], type: T): Ev<T>[] =>
  events.filter((e): e is Ev<T> => e.type === type);

const ms = (us: number) => us / 1000;

const twice = (m: Map<number, number>) => [...m.values()].filter((n) => n > 1).length;

describe('exactly-once', () => {
  const s = load('exactly-once');
  const r = simulate(s);
  const g = (id: string) => r.summary.groups.find((x) => x.group === id)!;

  it('is a built-in with a name in both languages', () => {
    expect(builtInTextIn('en', 'exactly-once')!.name).toBe('Exactly-once vs at-least-once');
    expect(builtInTextIn('zh-CN', 'exactly-once')!.name).toContain('精确一次');
  });

  it('the restarted instance calls initTransactions: epoch 0 → 1, and the crashed instance’s open transaction is aborted', () => {
    const crash = only(r.events, 'consumerCrashed').find((e) => e.member === 'ledger-eos-1')!;
    expect(ms(crash.timeUs)).toBe(2700);
    const init = only(r.events, 'producerInitialized').filter((e) => e.member === 'ledger-eos-1');
    expect(init.map((e) => [ms(e.timeUs), e.epoch])).toEqual([
      [0, 0],
      [3500, 1],
    ]);
    expect(init[1]!.producerId).toBe(init[0]!.producerId);
    const aborted = init[1]!.aborted!;
    expect(aborted).not.toBeNull();
    // The aborted transaction's records: the payments the crashed instance had processed.
    const records = only(r.events, 'recordAppended').filter((e) => e.txn === aborted.txn).length;
    expect(records).toBe(g('ledger-eos').duplicates);
    expect(records).toBeGreaterThan(10);
  });

  it('the same crash: at-least-once output read twice downstream, transactional output once (read_committed)', () => {
    expect(g('ledger-alo').duplicates).toBeGreaterThan(10);
    expect(g('audit-alo').outputDuplicates).toBe(g('ledger-alo').duplicates);
    expect(twice(committedOutputs(r.state, 'ledger-entries-alo'))).toBe(g('ledger-alo').duplicates);
    expect(g('audit-eos').outputDuplicates).toBe(0);
    expect(twice(committedOutputs(r.state, 'ledger-entries'))).toBe(0);
    // Processing repeats all the same: a side effect outside Kafka happens twice.
    expect(g('ledger-eos').duplicateSideEffects).toBe(g('ledger-eos').duplicates);
  });

  it('read_uncommitted reads the aborted records; read_committed waits at the last stable offset until the abort', () => {
    expect(g('audit-dirty').abortedRead).toBe(g('ledger-eos').duplicates);
    expect(g('audit-eos').abortedRead).toBe(0);
    expect(g('audit-alo').abortedRead).toBe(0);
    const at = (t: number) =>
      simulate(s, { untilMs: t, keepEvents: false }).summary.groups.find(
        (x) => x.group === 'audit-eos',
      )!.processed;
    // The crashed member's open transaction holds the LSO of the partitions it wrote to: every
    // ledger-entries partition here, so audit-eos processes nothing until initTransactions.
    expect(at(3499)).toBe(at(2700));
    expect(at(4000)).toBeGreaterThan(at(3499));
  });

  it('deduplicating the transactional service by skipping records loses the outputs the abort took back (lesson 15 warns against it)', () => {
    const idem: Scenario = {
      ...s,
      groups: s.groups.map((x) => (x.id === 'ledger-eos' ? { ...x, idempotent: true } : x)),
    };
    const d = simulate(idem);
    const outputs = (run: typeof r) => committedOutputs(run.state, 'ledger-entries').size;
    const eos = d.summary.groups.find((x) => x.group === 'ledger-eos')!;
    // No side effect twice, but the payments of the aborted batch never get their LedgerEntry.
    expect(eos.duplicateSideEffects).toBe(0);
    expect(outputs(r) - outputs(d)).toBe(g('ledger-eos').duplicates);
  });
});

describe('zombie-fenced', () => {
  const s = load('zombie-fenced');
  const r = simulate(s);
  const g = (id: string) => r.summary.groups.find((x) => x.group === id)!;

  it('is a built-in with a name in both languages', () => {
    expect(builtInTextIn('en', 'zombie-fenced')!.name).toBe('A zombie producer fenced');
    expect(builtInTextIn('zh-CN', 'zombie-fenced')!.name).toContain('僵尸');
  });

  it('ledger-1 pauses mid-transaction at 2,200 ms, is removed at 3,500 ms, wakes at 4,700 ms, and its commit is refused (UNKNOWN_MEMBER_ID): it aborts', () => {
    const paused = only(r.events, 'consumerPaused')[0]!;
    expect([paused.member, ms(paused.timeUs), ms(paused.untilUs)]).toEqual([
      'ledger-1',
      2200,
      4700,
    ]);
    const expired = only(r.events, 'memberExpired')[0]!;
    expect([expired.member, expired.reason, ms(expired.timeUs)]).toEqual([
      'ledger-1',
      'session.timeout.ms',
      3500,
    ]);
    // Its transaction was open at the pause: records of it appended before 2,200 ms.
    const aborted = only(r.events, 'transactionAborted');
    expect(aborted).toHaveLength(1);
    const a = aborted[0]!;
    expect([a.member, a.transactionalId, a.reason]).toEqual([
      'ledger-1',
      'tx-ledger-1',
      'UNKNOWN_MEMBER_ID',
    ]);
    expect(ms(a.timeUs)).toBeGreaterThan(4700);
    const firstOfTxn = only(r.events, 'recordAppended').find((e) => e.txn === a.txn)!;
    expect(ms(firstOfTxn.timeUs)).toBeLessThan(2200);
    // The group had moved on: a rebalance completed between the removal and the wake-up.
    const rebalances = only(r.events, 'rebalanceCompleted')
      .filter((e) => e.group === 'ledger')
      .map((e) => ms(e.timeUs));
    expect(rebalances.some((t) => t > 3500 && t < 4700)).toBe(true);
    // No commit of ledger-1 between its removal and the abort.
    const lateCommits = only(r.events, 'transactionCommitted').filter(
      (e) => e.member === 'ledger-1' && e.timeUs > expired.timeUs && e.timeUs <= a.timeUs,
    );
    expect(lateCommits).toEqual([]);
    // What ledger-2 processed again is the zombie's batch: its records, all aborted.
    expect(a.records).toBe(g('ledger').duplicates);
    expect(a.records).toBeGreaterThan(10);
  });

  it('audit (read_committed) sees each LedgerEntry once; audit-dirty (read_uncommitted) read the aborted ones', () => {
    expect(g('audit').outputDuplicates).toBe(0);
    expect(g('audit').abortedRead).toBe(0);
    expect(twice(committedOutputs(r.state, 'ledger-entries'))).toBe(0);
    const aborted = only(r.events, 'transactionAborted')[0]!;
    expect(g('audit-dirty').abortedRead).toBe(aborted.records);
    expect(g('audit-dirty').outputDuplicates).toBe(aborted.records);
    // Every payment the group committed has its LedgerEntry, once, in the committed view.
    const outputs = committedOutputs(r.state, 'ledger-entries');
    const inputs = only(r.events, 'recordAppended').filter((e) => e.topic === 'payments');
    expect(outputs.size).toBe(g('ledger').processed - g('ledger').duplicates);
    expect(outputs.size).toBeLessThanOrEqual(inputs.length);
  });

  it('property: wherever the pause falls and however long past session.timeout.ms it lasts, a read_committed reader sees no output twice and no aborted record, and a removed member never commits before it rejoins', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1500, max: 4000 }),
        fc.integer({ min: 1600, max: 4000 }),
        (atMs, durationMs) => {
          const sc: Scenario = {
            ...s,
            durationMs: 8000,
            faults: [{ kind: 'pause', atMs, group: 'ledger', member: 'ledger-1', durationMs }],
          };
          const run = simulate(sc);
          const audit = run.summary.groups.find((x) => x.group === 'audit')!;
          expect(audit.outputDuplicates).toBe(0);
          expect(audit.abortedRead).toBe(0);
          expect(twice(committedOutputs(run.state, 'ledger-entries'))).toBe(0);
          let removedAt = -1;
          for (const e of run.events) {
            if (e.type === 'memberExpired' && e.member === 'ledger-1') removedAt = e.timeUs;
            if (e.type === 'memberJoined' && e.member === 'ledger-1') removedAt = -1;
            if (e.type === 'transactionCommitted' && e.member === 'ledger-1')
              expect(removedAt, `commit at ${ms(e.timeUs)} ms after removal`).toBe(-1);
          }
        },
      ),
      { seed: SEED, numRuns: 12 },
    );
  });
});
