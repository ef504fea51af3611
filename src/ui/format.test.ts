import { describe, expect, it } from 'vitest';
import { formatMs } from '../insight/format';
import { formatCount, formatSimTime } from './format';

describe('format', () => {
  it('formats counts compactly', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(9999)).toBe('9999');
    expect(formatCount(12_345)).toBe('12.3k');
    expect(formatCount(250_000)).toBe('250k');
    expect(formatCount(3_000_000)).toBe('3M');
  });

  it('formats sim time as the explanations do: one format in headers and prose', () => {
    expect(formatSimTime(0)).toBe('0 ms');
    expect(formatSimTime(3_250_400)).toBe('3,250.4 ms');
    expect(formatSimTime(3_250_400)).toBe(formatMs(3_250_400));
    expect(formatCount(Number.NaN)).toBe('—');
  });
});
