import { describe, expect, it } from 'vitest';
import { renderMsg } from '../i18n';
import { allowText } from './allowText';

const en = (p: string) => renderMsg('en', allowText(p));
const zh = (p: string) => renderMsg('zh-CN', allowText(p));

describe('allow patterns in words', () => {
  it('names the entity and the field, Kafka names as written', () => {
    expect(en('groups[id=*].commit')).toBe('any consumer group: commit');
    expect(en('groups[id=ledger].config[*]')).toBe(
      'consumer group ledger: any client setting (config)',
    );
    expect(en('topics[name=*]["min.insync.replicas"]')).toBe('any topic: min.insync.replicas');
    expect(en('producers[id=shop].sendKey')).toBe('producer shop: sendKey');
    expect(en('producers[id=*].config["enable.idempotence"]')).toBe(
      'any producer: enable.idempotence',
    );
    expect(zh('groups[id=*].commit')).toBe('任意消费者组：commit');
    expect(zh('topics[name=clicks].partitions')).toBe('主题 clicks：partitions');
  });

  it('shows an unrecognised pattern as written', () => {
    expect(en('durationMs')).toBe('durationMs');
  });
});
