import { describe, expect, it } from 'vitest';
import { settingChanges } from './runChanges';

describe('settingChanges', () => {
  it('names a changed commit mode and dedup store in words', () => {
    const root = { id: 'ledger', commit: 'before-processing', members: 2 };
    expect(settingChanges(root, { ...root, commit: 'after-processing', idempotent: true })).toEqual(
      ['commit after processing', 'idempotent consumer'],
    );
  });
  it('names config keys by their Kafka names, and nothing when nothing changed', () => {
    const root = { id: 'g', config: { 'max.poll.records': 100 } };
    expect(settingChanges(root, { ...root })).toEqual([]);
    expect(
      settingChanges(root, {
        id: 'g',
        config: { 'max.poll.records': 2, 'enable.auto.commit': false },
        commit: 'after-processing',
      }),
    ).toEqual(['commit after processing', 'max.poll.records = 2']);
    expect(settingChanges({ acks: 'all' }, { acks: 1 })).toEqual(['acks = 1']);
  });
  it('says nothing without both specs (the root run, or a node not in the scenario)', () => {
    expect(settingChanges(undefined, { a: 1 })).toEqual([]);
    expect(settingChanges({ a: 1 }, undefined)).toEqual([]);
  });
});
