import { describe, expect, it } from 'vitest';
import { stripGeometry, volumeShare } from './stripGeometry';

describe('stripGeometry', () => {
  it('right-aligns the newest records at the log-end offset, one cell each', () => {
    const g = stripGeometry({ leo: 30, hw: 30, recent: [1, 2, 3], marks: [] }, 100, 10);
    expect(g.cells).toEqual([
      { x: 70, w: 10, color: 1 },
      { x: 80, w: 10, color: 2 },
      { x: 90, w: 10, color: 3 },
    ]);
    expect(g.hwX).toBe(100);
    expect(g.older).toBe(true);
  });

  it('starts at the left while the log is shorter than the window', () => {
    const g = stripGeometry({ leo: 2, hw: 2, recent: [0, 0], marks: [] }, 100, 10);
    expect(g.cells.map((c) => c.x)).toEqual([80, 90]);
    expect(g.older).toBe(false);
  });

  it('places committed and position markers, pins the ones behind the window to the left', () => {
    const g = stripGeometry(
      { leo: 100, hw: 100, recent: [], marks: [{ color: 'red', committed: 95, position: 98 }, { color: 'blue', committed: 10, position: -1 }] },
      100,
      10,
    );
    expect(g.marks[0]).toEqual({ color: 'red', committedX: 50, committedBehind: false, positionX: 80, positionBehind: false });
    expect(g.marks[1]).toEqual({ color: 'blue', committedX: 0, committedBehind: true, positionX: null, positionBehind: false });
  });
});

describe('volumeShare', () => {
  it('is the partition’s size relative to the largest', () => {
    expect(volumeShare(50, [50, 100, 25])).toBe(0.5);
    expect(volumeShare(0, [0, 0])).toBe(0);
  });
});
