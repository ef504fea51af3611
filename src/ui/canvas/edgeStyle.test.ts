import { describe, expect, it } from 'vitest';
import { dashSeconds, edgeWidth, formatRate } from './edgeStyle';

describe('edge style', () => {
  it('grows with the rate, bounded', () => {
    expect(edgeWidth(0)).toBe(1.5);
    expect(edgeWidth(100)).toBeGreaterThan(edgeWidth(10));
    expect(edgeWidth(1e9)).toBe(7);
  });

  it('dashes faster for more records, and not at all for none', () => {
    expect(dashSeconds(0)).toBe(0);
    expect(dashSeconds(10_000)).toBeLessThan(dashSeconds(10));
    expect(dashSeconds(1e12)).toBe(0.25);
  });

  it('formats rates', () => {
    expect(formatRate(212.4)).toBe('212/s');
    expect(formatRate(1500)).toBe('1.5k/s');
    expect(formatRate(25_000)).toBe('25k/s');
  });
});
