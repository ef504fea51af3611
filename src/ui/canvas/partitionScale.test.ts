import { describe, expect, it } from 'vitest';
import { offsetScale, partitionBar } from './partitionScale';

describe('offsetScale', () => {
  it('maps 0 to the left edge and a nice maximum at or above the largest offset to the right', () => {
    const s = offsetScale([12, 87, 40], 100);
    expect(s(0)).toBe(0);
    expect(s(100)).toBe(100);
    expect(s(87)).toBeCloseTo(87);
    expect(s(1e9)).toBe(100);
  });

  it('has a usable domain for empty topics', () => {
    const s = offsetScale([0, 0], 120);
    expect(s(0)).toBe(0);
    expect(Number.isFinite(s(1))).toBe(true);
  });
});

describe('partitionBar', () => {
  it('fills to the log-end offset and ticks each committed offset with its lag', () => {
    const s = offsetScale([200], 200);
    const bar = partitionBar(150, [
      { group: 'payment', color: '#f00', offset: 120 },
      { group: 'email', color: '#0f0', offset: -1 },
      { group: 'inventory', color: '#00f', offset: 150 },
    ], s);
    expect(bar.fillWidth).toBe(150);
    expect(bar.ticks).toEqual([
      { group: 'payment', color: '#f00', x: 120, lag: 30 },
      { group: 'inventory', color: '#00f', x: 150, lag: 0 },
    ]);
  });
});
