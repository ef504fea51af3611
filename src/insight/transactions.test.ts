/**
 * Transactions in the anomaly explorer: a read_uncommitted group's dirty reads and a second
 * output of the same input, each explained from the log (the abort's reason: fencing by a
 * restarted instance's initTransactions, transaction.timeout.ms, a zombie's refused commit).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate } from '../engine';
import { builtInScenarios } from '../scenarios';
import { renderMsg } from '../i18n/translate';
import { detectAnomalies } from './test/explainCheck';
import type { Anomaly } from './anomaly';

function run(name: string) {
  const p = parseScenario(builtInScenarios[name]);
  if (!p.ok) throw new Error(name);
  const r = simulate(p.scenario);
  return { r, anomalies: detectAnomalies(r.model, r.events) };
}
const en = (a: Anomaly) => renderMsg('en', a.explanation);

describe('transactions in the anomaly explorer', () => {
  it('exactly-once: dirty reads are explained by the fencing restart, output duplicates by the missing transactions', () => {
    const { r, anomalies } = run('exactly-once');
    const dirty = anomalies.filter((a) => a.cause === 'aborted-read');
    const g = (id: string) => r.summary.groups.find((x) => x.group === id)!;
    expect(dirty.length).toBe(g('audit-dirty').abortedRead);
    expect(dirty.length).toBeGreaterThan(0);
    expect(dirty.every((a) => a.group === 'audit-dirty' && a.count === 0)).toBe(true);
    expect(en(dirty[0]!)).toMatch(
      /isolation\.level=read_uncommitted.*tx-ledger-eos-1's restarted instance called initTransactions and got epoch 1, which fenced the crashed instance \(epoch 0\)/,
    );
    const outputs = anomalies.filter((a) => a.cause === 'duplicate-output');
    expect(outputs.filter((a) => a.group === 'audit-alo').length).toBe(
      g('audit-alo').outputDuplicates,
    );
    expect(outputs.some((a) => a.group === 'audit-eos')).toBe(false);
    const alo = outputs.find((a) => a.group === 'audit-alo')!;
    expect(en(alo)).toMatch(
      /ledger-alo processed the input twice and, without transactions \(transactional\.id\), wrote its output both times/,
    );
    const dirtyOut = outputs.find((a) => a.group === 'audit-dirty')!;
    expect(en(dirtyOut)).toMatch(/the first copy belonged to an aborted transaction/);
    // The ledgers' own reprocessing is a duplicate in the summary's sense, explained by the crash.
    const eosDup = anomalies.filter((a) => a.group === 'ledger-eos' && a.kind === 'duplicate');
    expect(eosDup.reduce((n, a) => n + a.count, 0)).toBe(g('ledger-eos').duplicates);
    expect(eosDup.every((a) => a.cause === 'crash-before-commit')).toBe(true);
  });

  it('a zombie: its transaction is aborted because KIP-447 refuses its stale group metadata', () => {
    const { r, anomalies } = run('zombie-fenced');
    const aborts = r.events.filter((e) => e.type === 'transactionAborted');
    const reasons = aborts.map((e) => (e.type === 'transactionAborted' ? e.reason : ''));
    expect(reasons.some((x) => /ILLEGAL_GENERATION|UNKNOWN_MEMBER_ID/.test(x))).toBe(true);
    for (const a of anomalies) expect(en(a)).not.toMatch(/undefined|NaN/);
  });
});
