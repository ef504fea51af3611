/** A transactional producer's restart, seen by the detector (issue 12). */
import { describe, expect, it } from 'vitest';
import { payments } from '../engine/test/txnPayments';
import { detectAnomalies } from './test/explainCheck';
import { en } from './test/render';
import { renderMsg } from '../i18n/translate';

describe('a transactional producer restarted mid-transaction', () => {
  const r = payments([{ kind: 'producerRestart', atMs: 1003, producer: 'pay' }]);
  const anomalies = detectAnomalies(r.model, r.events);

  it('read_committed (ledger) has nothing to explain: each record read once, no duplicate in the log', () => {
    expect(anomalies.filter((a) => a.group === 'ledger')).toEqual([]);
    expect(anomalies.filter((a) => a.group === undefined)).toEqual([]);
  });

  it("read_uncommitted (audit) read the aborted copies: each a dirty read naming the abort's reason, in both languages", () => {
    const audit = anomalies.filter((a) => a.group === 'audit');
    const g = r.summary.groups.find((x) => x.group === 'audit')!;
    expect(audit.length).toBe(g.abortedRead);
    expect(audit.length).toBeGreaterThan(0);
    for (const a of audit) {
      expect([a.kind, a.cause, a.count]).toEqual(['duplicate', 'aborted-read', 0]);
      const text = en(a.explanation);
      expect(text).toContain('isolation.level=read_uncommitted');
      expect(text).toMatch(
        /transaction \d+ of tx-pay \(producer id 0, epoch 0\) was aborted at 1,003 ms/,
      );
      expect(text).toContain("tx-pay's restarted instance called initTransactions and got epoch 1");
      expect(renderMsg('zh-CN', a.explanation)).toContain('initTransactions');
    }
    // Only the aborted copies: the copies sent again are read once more, not flagged.
    expect(anomalies.filter((a) => a.group === 'audit' && a.cause !== 'aborted-read')).toEqual([]);
  });
});

describe('a transactional producer whose transaction timed out', () => {
  it('the abort explains transaction.timeout.ms with the producer and its timeout', () => {
    const r = payments(
      [{ kind: 'ackLoss', atMs: 800, producer: 'pay', count: 1 }],
      { 'transaction.timeout.ms': 100, 'request.timeout.ms': 5000 },
      8000,
    );
    const dirty = detectAnomalies(r.model, r.events).filter((a) => a.cause === 'aborted-read');
    expect(dirty.length).toBeGreaterThan(0);
    for (const a of dirty)
      expect(en(a.explanation)).toContain(
        'pay kept it open longer than transaction.timeout.ms (100 ms), so the transaction coordinator aborted it',
      );
  });
});
