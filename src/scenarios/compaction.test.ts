import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type SimEvent } from '../engine';
import { builtInScenarios } from '.';

/**
 * The compacted-table built-in measures what its description says: crm's 12 customers until
 * 6,000 ms, crm-active's five until 16,000 ms, gdpr's tombstones between 6,200 and 8,200 ms;
 * one-second segments and cleaner; tombstones go delete.retention.ms after their first
 * cleaning; profile-cache's table matches the log; search-index, down from 5,000 to 14,000 ms,
 * misses three erased customers' deletes and keeps them; audit, from 16,000 ms, rebuilds the
 * table from the compacted log with none of the erased customers.
 */
const parsed = parseScenario(builtInScenarios['compacted-table']);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const s = parsed.scenario;
const r = simulate(s);
type Ev<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;
const only = <T extends SimEvent['type']>(type: T): Ev<T>[] =>
  r.events.filter((e): e is Ev<T> => e.type === type);
const appended = only('recordAppended');

/** key → the key's latest record, a tombstone deleting it, over the records given. */
function table(records: Iterable<Ev<'recordAppended'>>): string[] {
  const t = new Set<string>();
  for (const e of records) {
    if (e.key === null) continue;
    if (e.tombstone) t.delete(e.key);
    else t.add(e.key);
  }
  return [...t].sort();
}

/** The keys in a read model's table at the end. */
const rows = (group: string) =>
  [...r.state.groups[r.model.groupIndex.get(group)!]!.table!.keys()].sort();

describe('built-in compacted-table: what its description says', () => {
  it('the producers: crm 12 customers until 6,000 ms, crm-active five until 16,000 ms, gdpr only tombstones between 6,200 and 8,200 ms', () => {
    const by = (p: string) => appended.filter((e) => e.producer === p);
    expect(new Set(by('crm').map((e) => e.key)).size).toBe(12);
    expect(Math.max(...by('crm').map((e) => e.timeUs))).toBeLessThan(6_000_000);
    expect(new Set(by('crm-active').map((e) => e.key)).size).toBe(5);
    expect(Math.max(...by('crm-active').map((e) => e.timeUs))).toBeLessThan(16_000_000);
    const g = by('gdpr');
    expect(g.every((e) => e.tombstone === true && e.key !== null)).toBe(true);
    expect(g[0]!.timeUs).toBe(6_200_000);
    expect(g.at(-1)!.timeUs).toBeLessThan(8_200_000);
    expect(by('crm').some((e) => e.tombstone)).toBe(false);
  });

  it('segments roll every second and the cleaner looks every second, keeping the latest record per key', () => {
    expect(s.topics[0]!['segment.ms']).toBe(1000);
    expect(s.broker!['log.cleaner.backoff.ms']).toBe(1000);
    const checks = only('cleanerChecked');
    for (let i = 1; i < checks.length; i++)
      expect(checks[i]!.timeUs - checks[i - 1]!.timeUs).toBe(1_000_000);
    expect(only('logCleaned').length).toBeGreaterThan(8);
  });

  it('a tombstone goes delete.retention.ms (3,000 ms) after its first cleaning', () => {
    expect(s.topics[0]!['delete.retention.ms']).toBe(3000);
    const first = new Map<number, number>();
    let gone = 0;
    for (const e of only('logCleaned')) {
      for (const h of e.horizons) first.set(h.offset, e.timeUs);
      for (const o of e.tombstonesExpired) {
        expect(e.timeUs - first.get(o)!).toBeGreaterThanOrEqual(3_000_000);
        gone++;
      }
    }
    expect(gone).toBe(3);
  });

  it("profile-cache's table matches the log; audit rebuilds it from the compacted log, none of the erased customers", () => {
    const log = table(appended);
    expect(rows('profile-cache')).toEqual(log);
    expect(rows('audit')).toEqual(log);
    const erased = ['customer-3', 'customer-7', 'customer-9'];
    for (const k of erased) expect(log).not.toContain(k);
    // audit starts at 16,000 ms and only reads what the cleaner left.
    const audit = only('recordProcessed').filter((e) => e.group === 'audit');
    expect(audit[0]!.timeUs).toBeGreaterThanOrEqual(16_000_000);
    expect(audit.length).toBeLessThan(appended.length / 5);
  });

  it('search-index, down from 5,000 to 14,000 ms, misses three erased customers\u2019 deletes and keeps them in its table', () => {
    expect(s.faults.map((f) => [f.kind, f.atMs])).toEqual([
      ['crash', 5000],
      ['restart', 14000],
    ]);
    const missed = only('tombstoneMissed');
    expect(missed.map((e) => e.key).sort()).toEqual(['customer-3', 'customer-7', 'customer-9']);
    expect(missed.every((e) => e.group === 'search-index')).toBe(true);
    for (const e of missed) {
      expect(e.removedUs).toBeGreaterThan(5_000_000);
      expect(e.removedUs).toBeLessThan(14_000_000);
    }
    expect(r.summary.missedTombstones).toBe(3);
    expect(rows('search-index')).toEqual([...table(appended), ...missed.map((e) => e.key)].sort());
  });
});
