/**
 * A transaction coordinator failover (issue 12): while the coordinator is gone, commits and
 * initTransactions wait (COORDINATOR_NOT_AVAILABLE, retried), open transactions stay open, so
 * the last stable offset stalls and read_committed readers wait; afterwards the transactions
 * commit and exactly-once still holds.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Scenario } from '../engine';
import { committedOutputs } from '../engine/test/transactional';
import { builtInScenarios } from '.';

function load(id: string, faults: Scenario['faults']): Scenario {
  const base = builtInScenarios[id] as Scenario;
  const r = parseScenario({ ...base, faults: [...base.faults, ...faults] });
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
  return r.scenario;
}

describe('txnCoordinatorFailover', () => {
  const failover = { kind: 'txnCoordinatorFailover' as const, atMs: 1000, durationMs: 800 };
  const s = load('exactly-once', [failover]);
  const r = simulate(s);
  const base = simulate(load('exactly-once', []));

  it('is refused without a transactional group, naming the field', () => {
    const plain = builtInScenarios['crash-before-commit'] as Scenario;
    const p = parseScenario({ ...plain, faults: [failover] });
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.errors.map((e) => e.path)).toContain('$.faults[0].kind');
    expect(p.errors.some((e) => e.message.includes('transactional.id'))).toBe(true);
  });

  it('no transaction commits while the coordinator is gone; members wait with COORDINATOR_NOT_AVAILABLE and commit once it is back', () => {
    const f = r.events.find((e) => e.type === 'txnCoordinatorFailedOver')!;
    expect(f && f.type === 'txnCoordinatorFailedOver' && [f.timeUs, f.untilUs]).toEqual([
      1_000_000, 1_800_000,
    ]);
    const during = r.events.filter(
      (e) =>
        (e.type === 'transactionCommitted' || e.type === 'producerInitialized') &&
        e.timeUs > 1_000_000 &&
        e.timeUs < 1_800_000,
    );
    expect(during).toEqual([]);
    const waits = r.events.filter(
      (e) => e.type === 'coordinatorUnreachable' && e.coordinator === 'transaction',
    );
    expect(waits.length).toBeGreaterThan(0);
    for (const w of waits) expect(w.type === 'coordinatorUnreachable' && w.wakeUs).toBe(1_800_000);
    expect(r.events.some((e) => e.type === 'transactionCommitted' && e.timeUs === 1_800_000)).toBe(
      true,
    );
  });

  it('the read_committed reader stalls at the last stable offset during the failover, then catches up', () => {
    const processed = (run: typeof r, group: string, atUs: number) =>
      run.events.filter(
        (e) => e.type === 'recordProcessed' && e.group === group && e.timeUs <= atUs,
      ).length;
    const stalled = processed(r, 'audit-eos', 1_790_000) - processed(r, 'audit-eos', 1_100_000);
    const normal =
      processed(base, 'audit-eos', 1_790_000) - processed(base, 'audit-eos', 1_100_000);
    expect(stalled).toBeLessThan(normal / 4);
    const g = r.summary.groups.find((x) => x.group === 'audit-eos')!;
    expect(g.processed).toBeGreaterThan(0);
  });

  it('exactly-once still holds: every payment has one committed LedgerEntry at most, none twice', () => {
    const out = committedOutputs(r.state, 'ledger-entries');
    expect([...out.values()].filter((n) => n > 1)).toEqual([]);
    expect(out.size).toBeGreaterThan(0);
  });
});
