import { describe, expect, it } from 'vitest';
import { formatMs, groupThousands, offsetRange, records, times } from './format';

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
    expect([1, 2, 3, 4, 1200].map(times)).toEqual([
      'once',
      'twice',
      'three times',
      '4 times',
      '1,200 times',
    ]);
    expect([records(1), records(53)]).toEqual(['1 record', '53 records']);
    expect([offsetRange(41, 42), offsetRange(400, 453)]).toEqual(['41', '400–452']);
  });
});
