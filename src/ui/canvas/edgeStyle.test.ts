import { describe, expect, it } from 'vitest';
import { edgeWidth, formatRate } from './edgeStyle';

describe('edge style', () => {
  it('grows with the rate, bounded', () => {
    expect(edgeWidth(0)).toBe(1.5);
    expect(edgeWidth(100)).toBeGreaterThan(edgeWidth(10));
    expect(edgeWidth(1e9)).toBe(7);
  });

  it('formats rates', () => {
    expect(formatRate(212.4)).toBe('212/s');
    expect(formatRate(1500)).toBe('1.5k/s');
    expect(formatRate(25_000)).toBe('25k/s');
  });
});
