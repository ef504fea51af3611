/**
 * Geometry of a partition strip, as pure functions (house rule 8: compute here, draw in React).
 * A strip shows the partition's newest records as cells, right-aligned at the log-end offset;
 * each reading group gets a marker at its committed offset (below) and its fetch position
 * (above). A marker further back than the window pins to the left edge, flagged `behind`.
 */
export interface StripMark {
  color: string;
  /** Committed offset (next to read); −1 = none yet. */
  committed: number;
  /** Fetch position; −1 = nobody holds the partition. */
  position: number;
}

export interface StripInput {
  leo: number;
  hw: number;
  /** Colour index per record of the tail (oldest first); −1 = no colour (no key). */
  recent: readonly number[];
  marks: readonly StripMark[];
  /** Runs with transactions: each tail record's state (liveView's TXN_*), aligned with `recent`. */
  txn?: readonly number[];
  /** Runs with transactions: the last stable offset (≤ hw). */
  lso?: number;
}

export interface MarkGeometry {
  color: string;
  committedX: number | null;
  committedBehind: boolean;
  positionX: number | null;
  positionBehind: boolean;
}

export interface StripCell {
  x: number;
  w: number;
  color: number;
  /** Transaction state (liveView's TXN_*), absent in runs without transactions. */
  txn?: number;
}

export interface StripGeometry {
  cells: StripCell[];
  hwX: number;
  /** The last stable offset, when it is below the high watermark (an open transaction). */
  lsoX: number | null;
  /** Records older than the window exist. */
  older: boolean;
  marks: MarkGeometry[];
}

export function stripGeometry(input: StripInput, width: number, window: number): StripGeometry {
  const cw = width / window;
  const start = input.leo - window;
  const xOf = (offset: number) => Math.min(width, Math.max(0, (offset - start) * cw));
  const first = input.leo - input.recent.length;
  const txn = input.txn;
  const cells: StripCell[] = input.recent.map((color, i) =>
    txn
      ? { x: (first + i - start) * cw, w: cw, color, txn: txn[i] ?? 0 }
      : { x: (first + i - start) * cw, w: cw, color },
  );
  const mark = (offset: number) =>
    offset < 0 ? { x: null, behind: false } : { x: xOf(offset), behind: offset < start };
  return {
    cells,
    hwX: xOf(input.hw),
    lsoX: input.lso !== undefined && input.lso < input.hw ? xOf(input.lso) : null,
    older: start > 0,
    marks: input.marks.map((m) => {
      const c = mark(m.committed);
      const p = mark(m.position);
      return {
        color: m.color,
        committedX: c.x,
        committedBehind: c.behind,
        positionX: p.x,
        positionBehind: p.behind,
      };
    }),
  };
}

/** Share of the topic's largest partition this one holds (0…1): shows a hot partition at a glance. */
export function volumeShare(leo: number, leos: readonly number[]): number {
  const max = Math.max(0, ...leos);
  return max === 0 ? 0 : leo / max;
}
