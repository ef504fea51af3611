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
      {
        leo: 100,
        hw: 100,
        recent: [],
        marks: [
          { color: 'red', committed: 95, position: 98 },
          { color: 'blue', committed: 10, position: -1 },
        ],
      },
      100,
      10,
    );
    expect(g.marks[0]).toEqual({
      color: 'red',
      committedX: 50,
      committedBehind: false,
      positionX: 80,
      positionBehind: false,
    });
    expect(g.marks[1]).toEqual({
      color: 'blue',
      committedX: 0,
      committedBehind: true,
      positionX: null,
      positionBehind: false,
    });
  });
});

describe('stripGeometry with transactions', () => {
  it('carries each cell’s transaction state, and places the LSO only when it is below the high watermark', () => {
    const g = stripGeometry(
      { leo: 30, hw: 30, recent: [1, -1, 2], txn: [1, 4, 2], lso: 25, marks: [] },
      100,
      10,
    );
    expect(g.cells.map((c) => c.txn)).toEqual([1, 4, 2]);
    expect(g.lsoX).toBe(50);
    expect(
      stripGeometry({ leo: 30, hw: 30, recent: [], txn: [], lso: 30, marks: [] }, 100, 10).lsoX,
    ).toBeNull();
    // An LSO older than the window pins to the left edge.
    expect(
      stripGeometry({ leo: 30, hw: 30, recent: [], txn: [], lso: 3, marks: [] }, 100, 10).lsoX,
    ).toBe(0);
  });

  it('adds nothing in a run without transactions', () => {
    const g = stripGeometry({ leo: 3, hw: 3, recent: [0, 1, 2], marks: [] }, 100, 10);
    expect(g.cells.every((c) => !('txn' in c))).toBe(true);
    expect(g.lsoX).toBeNull();
  });
});

describe('volumeShare', () => {
  it('is the partition’s size relative to the largest', () => {
    expect(volumeShare(50, [50, 100, 25])).toBe(0.5);
    expect(volumeShare(0, [0, 0])).toBe(0);
  });
});
