import { describe, expect, it } from 'vitest';
import { renderMsg, type Locale } from '../../i18n';
import { settingChanges } from './runChanges';

const words = (
  root: Record<string, unknown> | undefined,
  run: Record<string, unknown> | undefined,
  locale: Locale = 'en',
) => settingChanges(root, run).map((m) => renderMsg(locale, m));

describe('settingChanges', () => {
  it('names a changed commit mode and dedup store in words', () => {
    const root = { id: 'ledger', commit: 'before-processing', members: 2 };
    expect(words(root, { ...root, commit: 'after-processing', idempotent: true })).toEqual([
      'commit after processing',
      'idempotent consumer',
    ]);
    expect(words(root, { ...root, commit: 'after-processing', idempotent: true }, 'zh-CN')).toEqual(
      ['处理后提交', '幂等消费者'],
    );
  });
  it('names config keys by their Kafka names in both languages, and nothing when nothing changed', () => {
    const root = { id: 'g', config: { 'max.poll.records': 100 } };
    expect(words(root, { ...root })).toEqual([]);
    const run = {
      id: 'g',
      config: { 'max.poll.records': 2, 'enable.auto.commit': false },
      commit: 'after-processing',
    };
    expect(words(root, run)).toEqual(['commit after processing', 'max.poll.records = 2']);
    expect(words(root, run, 'zh-CN')).toEqual(['处理后提交', 'max.poll.records = 2']);
    expect(words({ acks: 'all' }, { acks: 1 })).toEqual(['acks = 1']);
    expect(words({ config: { acks: 1 } }, { config: {} }, 'zh-CN')).toEqual(['acks = 默认']);
  });
  it('says nothing without both specs (the root run, or a node not in the scenario)', () => {
    expect(settingChanges(undefined, { a: 1 })).toEqual([]);
    expect(settingChanges({ a: 1 }, undefined)).toEqual([]);
  });
});
