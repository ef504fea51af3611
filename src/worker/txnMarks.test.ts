import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type SimEvent } from '../engine';
import { renderMsg } from '../i18n/translate';
import exactlyOnce from '../scenarios/exactly-once.json';
import { markOf, type TimelineMark } from './insightStream';

/** exactly-once.json with its transactional service's config and the faults replaced. */
function variant(faults: unknown[], config: Record<string, unknown> = {}) {
  const doc = structuredClone(exactlyOnce) as Omit<typeof exactlyOnce, 'faults'> & {
    faults: unknown[];
  };
  Object.assign(doc.groups[0]!.config, config);
  doc.faults = faults;
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return simulate(r.scenario).events;
}

function marksOf(events: readonly SimEvent[]): TimelineMark[] {
  const open = new Map<number, number>();
  const out: TimelineMark[] = [];
  events.forEach((e, i) => {
    const m = markOf(e, i, open);
    if (m) out.push(m);
  });
  return out;
}

const en = (m: TimelineMark) => renderMsg('en', m.label);
const zh = (m: TimelineMark) => renderMsg('zh-CN', m.label);
const recordsOf = (events: readonly SimEvent[], txn: number) =>
  events.filter((e) => e.type === 'recordAppended' && e.txn === txn).length;

describe('timeline marks of transactions', () => {
  it('the built-in: the restarted instance fences the crashed one and aborts its open transaction, with its record count', () => {
    const r = parseScenario(exactlyOnce);
    if (!r.ok) throw new Error('exactly-once.json does not parse');
    const events = simulate(r.scenario).events;
    const init = events.find(
      (e): e is Extract<SimEvent, { type: 'producerInitialized' }> =>
        e.type === 'producerInitialized' && e.aborted !== null,
    )!;
    expect(init).toBeDefined();
    const marks = marksOf(events).filter((m) => en(m).includes('fenced by its restarted'));
    expect(marks).toHaveLength(1);
    const m = marks[0]!;
    expect(m.kind).toBe('fault');
    expect(m.timeUs).toBe(init.timeUs);
    expect(m.index).toBe(events.indexOf(init));
    const n = recordsOf(events, init.aborted!.txn);
    expect(n).toBeGreaterThan(0);
    expect(en(m)).toBe(
      `tx-ledger-eos-1 (producer id ${init.producerId}): epoch ${init.aborted!.epoch} fenced by its restarted instance (epoch ${init.epoch}); transaction ${init.aborted!.txn} aborted (${n} records)`,
    );
    expect(init.epoch).toBe(init.aborted!.epoch + 1);
    expect(zh(m)).toContain('epoch');
    expect(zh(m)).toContain(`tx-ledger-eos-1`);
    // The first initTransactions of each member fences nobody: no mark.
    expect(marksOf(events).filter((x) => en(x).includes('producer id'))).toHaveLength(1);
  });

  it('transaction.timeout.ms: the coordinator aborts a paused member’s transaction, and the member is fenced when it resumes', () => {
    const events = variant(
      [
        {
          kind: 'pause',
          atMs: 2100,
          durationMs: 1500,
          group: 'ledger-eos',
          member: 'ledger-eos-1',
        },
      ],
      {
        'transaction.timeout.ms': 1000,
        'session.timeout.ms': 45000,
        'heartbeat.interval.ms': 3000,
      },
    );
    const aborted = events.find(
      (e): e is Extract<SimEvent, { type: 'transactionAborted' }> =>
        e.type === 'transactionAborted' && e.reason === 'transaction.timeout.ms',
    )!;
    const fenced = events.find(
      (e): e is Extract<SimEvent, { type: 'transactionFenced' }> => e.type === 'transactionFenced',
    )!;
    expect(aborted).toBeDefined();
    expect(fenced).toBeDefined();
    const marks = marksOf(events);
    const timedOut = marks.find((m) => m.index === events.indexOf(aborted))!;
    expect(en(timedOut)).toBe(
      `tx-ledger-eos-1: transaction ${aborted.txn} open past transaction.timeout.ms, aborted by the coordinator (${recordsOf(events, aborted.txn)} records); epoch ${aborted.epoch} fenced`,
    );
    expect(aborted.records).toBe(recordsOf(events, aborted.txn));
    const f = marks.find((m) => m.index === events.indexOf(fenced))!;
    expect(en(f)).toBe(
      `ledger-eos-1: INVALID_PRODUCER_EPOCH, tx-ledger-eos-1 epoch ${fenced.epoch} fenced (the coordinator is at epoch ${fenced.currentEpoch}: its transaction timed out); it seeks back to its committed offsets`,
    );
    expect(zh(timedOut)).toContain('transaction.timeout.ms');
    expect(zh(f)).toContain('INVALID_PRODUCER_EPOCH');
  });

  it('a zombie (paused past session.timeout.ms) finds its commit refused (KIP-447) and its transaction aborted', () => {
    const events = variant([
      { kind: 'pause', atMs: 2000, durationMs: 2500, group: 'ledger-eos', member: 'ledger-eos-1' },
    ]);
    const zombie = events.find(
      (e): e is Extract<SimEvent, { type: 'transactionAborted' }> =>
        e.type === 'transactionAborted' &&
        (e.reason === 'UNKNOWN_MEMBER_ID' || e.reason === 'ILLEGAL_GENERATION'),
    )!;
    expect(zombie).toBeDefined();
    const m = marksOf(events).find((x) => x.index === events.indexOf(zombie))!;
    expect(en(m)).toBe(
      `ledger-eos-1 is a zombie: its commit got ${zombie.reason} (KIP-447), transaction ${zombie.txn} of tx-ledger-eos-1 aborted (${zombie.records} records)`,
    );
    expect(zh(m)).toContain('KIP-447');
    expect(zh(m)).toContain(zombie.reason);
  });

  it('a run without faults aborts nothing: commits make no mark', () => {
    const events = variant([]);
    const marks = marksOf(events);
    expect(events.some((e) => e.type === 'transactionCommitted')).toBe(true);
    expect(marks.filter((m) => /transaction|epoch/.test(en(m)))).toEqual([]);
  });
});
