import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goneShare, retentionGeometry } from './retentionGeometry';

const W = 168;
const N = 24;
const cw = W / N;

describe('retentionGeometry', () => {
  it('a log whose start is inside the window: ghost cells below it, the log start bar, cuts, the active segment', () => {
    // leo 50: window [26, 50); log start 35 (segments 35, 38, 43; active 43).
    const g = retentionGeometry(
      { leo: 50, logStart: 35, windowBases: [35, 38, 43], activeBase: 43 },
      W,
      N,
    );
    expect(g.gone).toHaveLength(35 - 26);
    expect(g.gone[0]!.x).toBe(0);
    expect(g.gone.at(-1)!.x).toBeCloseTo((34 - 26) * cw);
    expect(g.logStartX).toBeCloseTo(9 * cw);
    expect(g.cuts.map((x) => Math.round(x / cw))).toEqual([38 - 26, 43 - 26]);
    expect(g.active).toEqual({ x0: (43 - 26) * cw, x1: W });
  });

  it('a log start behind the window: nothing gone in view, no bar; an empty active segment has no span', () => {
    const g = retentionGeometry(
      { leo: 200, logStart: 10, windowBases: [190], activeBase: 200 },
      W,
      N,
    );
    expect(g.gone).toEqual([]);
    expect(g.logStartX).toBeNull();
    expect(g.cuts.map((x) => Math.round(x / cw))).toEqual([190 - 176]);
    expect(g.active).toBeNull();
  });

  it('everything deleted (a rolled empty segment): the whole short log is gone, the bar at the log end', () => {
    const g = retentionGeometry({ leo: 5, logStart: 5, windowBases: [5], activeBase: 5 }, W, N);
    expect(g.gone).toHaveLength(5);
    expect(g.logStartX).toBe(W);
    expect(g.active).toBeNull();
  });

  it('property (seeded): ghosts are exactly the deleted offsets in the window, all inside the strip; cuts lie right of the log start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 30 }),
        (leo, ls, raw) => {
          const logStart = Math.min(ls, leo);
          const bases = [
            ...new Set([logStart, ...raw.filter((b) => b > logStart && b <= leo)]),
          ].sort((a, b) => a - b);
          const g = retentionGeometry(
            {
              leo,
              logStart,
              windowBases: bases.filter((b) => b >= leo - N),
              activeBase: bases.at(-1)!,
            },
            W,
            N,
          );
          const inWindow = Math.max(0, Math.min(logStart, leo) - Math.max(0, leo - N));
          expect(g.gone).toHaveLength(inWindow);
          for (const c of g.gone) {
            expect(c.x).toBeGreaterThanOrEqual(-1e-9);
            expect(c.x + c.w).toBeLessThanOrEqual(W + 1e-9);
            if (g.logStartX !== null) expect(c.x + c.w).toBeLessThanOrEqual(g.logStartX + 1e-9);
          }
          for (const x of g.cuts) {
            expect(x).toBeGreaterThan(0);
            expect(x).toBeLessThan(W);
            if (g.logStartX !== null) expect(x).toBeGreaterThan(g.logStartX);
          }
          if (g.active) expect(g.active.x0).toBeLessThan(g.active.x1);
        },
      ),
      { seed: 1216, numRuns: 300 },
    );
  });

  it('goneShare: the deleted share of a compact bar', () => {
    expect(goneShare(25, 100)).toBe(0.25);
    expect(goneShare(0, 0)).toBe(0);
    expect(goneShare(150, 100)).toBe(1);
  });
});
