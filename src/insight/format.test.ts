import { describe, expect, it } from 'vitest';
import { renderMsg } from '../i18n/translate';
import { formatMs, groupThousands, offsetRange, records, timeParam, times } from './format';
import { en } from './test/render';

describe('explanation formatting', () => {
  it('writes sim µs as ms with thousands separators, locale-free', () => {
    expect(formatMs(1_240_000)).toBe('1,240 ms');
    expect(formatMs(1_000_500)).toBe('1,000.5 ms');
    expect(formatMs(693)).toBe('0.693 ms');
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(12_345_678_901)).toBe('12,345,678.901 ms');
    expect(formatMs(-1_500)).toBe('-1.5 ms');
    expect(formatMs(-500)).toBe('-0.5 ms');
    expect(groupThousands(999)).toBe('999');
    expect(groupThousands(-1234567)).toBe('-1,234,567');
  });

  it('says counts and ranges the way people do', () => {
    expect([1, 2, 3, 4, 1200].map((n) => en(times(n)))).toEqual([
      'once',
      'twice',
      'three times',
      '4 times',
      '1,200 times',
    ]);
    expect([en(records(1)), en(records(53))]).toEqual(['1 record', '53 records']);
    expect(en(times(Number.POSITIVE_INFINITY))).toBe('forever');
    expect(en(records(Number.NaN))).toBe('an unknown number of records');
    expect([offsetRange(41, 42), offsetRange(400, 453)]).toEqual(['41', '400–452']);
  });

  it('says counts and endless times in Chinese too; finite times keep the one format', () => {
    const zh = (m: Parameters<typeof renderMsg>[1]) => renderMsg('zh-CN', m);
    expect([1, 2, 1200].map((n) => zh(times(n)))).toEqual(['1 次', '2 次', '1,200 次']);
    expect([zh(records(1)), zh(records(12_345))]).toEqual(['1 条记录', '12,345 条记录']);
    expect(zh(times(Number.POSITIVE_INFINITY))).toBe('无限次');
    expect(timeParam(3_250_400)).toBe('3,250.4 ms');
    expect(zh(timeParam(Number.POSITIVE_INFINITY))).toBe('永不');
    expect(en(timeParam(Number.POSITIVE_INFINITY))).toBe(formatMs(Number.POSITIVE_INFINITY));
    expect(en(timeParam(Number.NEGATIVE_INFINITY))).toBe(formatMs(Number.NEGATIVE_INFINITY));
    expect(en(timeParam(Number.NaN))).toBe(formatMs(Number.NaN));
  });
});
