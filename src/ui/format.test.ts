import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMs } from '../insight/format';
import { formatCount, formatSimTime } from './format';

/** Pinned so a failure reproduces; printed by fast-check with the counterexample. */
const FC_SEED = 0x5e3d_2026;

describe('format', () => {
  it('formats counts compactly', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(9999)).toBe('9999');
    expect(formatCount(12_345)).toBe('12.3k');
    expect(formatCount(250_000)).toBe('250k');
    expect(formatCount(3_000_000)).toBe('3M');
  });

  it('formats sim time as the explanations do: one format in headers and prose', () => {
    expect(formatSimTime(0, 'en')).toBe('0 ms');
    expect(formatSimTime(3_250_400, 'en')).toBe('3,250.4 ms');
    expect(formatSimTime(3_250_400, 'en')).toBe(formatMs(3_250_400));
    expect(formatCount(Number.NaN)).toBe('—');
  });

  it('in English, sim time through Intl reads exactly as formatMs for every finite time', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e12, max: 1e12 }),
          fc.double({ min: -1e12, max: 1e12, noNaN: true }),
        ),
        (us) => {
          expect(formatSimTime(us, 'en')).toBe(formatMs(us));
        },
      ),
      { numRuns: 2000, seed: FC_SEED },
    );
  });

  it('keeps "ms" as the unit in Chinese and translates the words for endless times', () => {
    expect(formatSimTime(3_250_400, 'zh-CN')).toBe('3,250.4 ms');
    expect(formatSimTime(Infinity, 'zh-CN')).toBe('永不');
    expect(formatSimTime(-Infinity, 'zh-CN')).toBe('开头');
    expect(formatSimTime(Number.NaN, 'zh-CN')).toBe('未知时间');
    expect(formatSimTime(Infinity, 'en')).toBe('never');
  });
});
