/** Draws partition strips on a canvas from precomputed geometry (one canvas per topic node). */
import { cellColor } from './palettes';
import type { StripCell, StripGeometry } from './stripGeometry';

export interface StripColors {
  track: string;
  empty: string;
  hw: string;
  volume: string;
  /** Transactions: COMMIT markers, ABORT markers and aborted records' strike, the LSO. */
  commit: string;
  abort: string;
  lso: string;
}

// Transaction states of a cell (liveView's TXN_*; the canvas does not import the worker's
// module for five numbers).
const OPEN = 1;
const ABORTED = 2;
const COMMIT_MARKER = 3;
const ABORT_MARKER = 4;

export interface StripRow {
  geometry: StripGeometry;
  /** 0…1: the partition's size relative to the topic's largest. */
  volume: number;
}

export const STRIP_H = 12;

export function drawStrips(
  ctx: CanvasRenderingContext2D,
  rows: readonly StripRow[],
  opts: { width: number; rowHeight: number; colorBy: 'key' | 'type'; colors: StripColors },
): void {
  const { width, rowHeight, colorBy, colors } = opts;
  const top = (rowHeight - STRIP_H) / 2;
  rows.forEach((row, i) => {
    const y = i * rowHeight + top;
    const g = row.geometry;
    ctx.fillStyle = colors.track;
    ctx.fillRect(0, y, width, STRIP_H);
    for (const c of g.cells) {
      if (c.txn === COMMIT_MARKER || c.txn === ABORT_MARKER) continue;
      if (c.txn) txnCell(ctx, c, y, cellColor(c.color, colorBy) ?? colors.empty, colors);
      else {
        ctx.fillStyle = cellColor(c.color, colorBy) ?? colors.empty;
        ctx.fillRect(c.x + 0.5, y + 1, Math.max(1, c.w - 1), STRIP_H - 2);
      }
    }
    if (g.older) {
      const grad = ctx.createLinearGradient(0, 0, 10, 0);
      grad.addColorStop(0, colors.track);
      grad.addColorStop(1, 'rgba(0,0,0,0)');
      ctx.fillStyle = grad;
      ctx.fillRect(0, y, 10, STRIP_H);
    }
    ctx.fillStyle = colors.volume;
    ctx.fillRect(0, y + STRIP_H + 1, Math.max(row.volume > 0 ? 1 : 0, row.volume * width), 1.5);
    ctx.fillStyle = colors.hw;
    ctx.fillRect(Math.min(width - 2, g.hwX - 1), y - 2, 2, STRIP_H + 4);
    if (g.lsoX !== null) lsoLine(ctx, Math.max(0, Math.min(width - 2, g.lsoX - 1)), y, colors.lso);
    // Markers over the high watermark's bar: the newest record is often one, right beside it.
    for (const c of g.cells)
      if (c.txn === COMMIT_MARKER || c.txn === ABORT_MARKER) txnCell(ctx, c, y, '', colors);
    for (const m of g.marks) {
      ctx.fillStyle = m.color;
      if (m.committedX !== null)
        ctx.fillRect(Math.max(0, Math.min(width - 2, m.committedX - 1)), y + STRIP_H - 4, 2, 7);
      if (m.positionX !== null) triangle(ctx, Math.max(3, Math.min(width - 3, m.positionX)), y - 1);
      if (m.committedBehind || m.positionBehind) chevron(ctx, y + STRIP_H / 2);
    }
  });
}

/**
 * A cell of a run with transactions: a COMMIT marker is a tall green bar, an ABORT marker a
 * tall red bar crossed out (both taller than a record: control records, not data); a record
 * of an aborted transaction is greyed and struck through; a record of an open transaction is
 * dim and outlined (not yet readable by read_committed).
 */
function txnCell(
  ctx: CanvasRenderingContext2D,
  c: StripCell,
  y: number,
  color: string,
  colors: StripColors,
): void {
  const w = Math.max(1, c.w - 1);
  const x = c.x + 0.5;
  const mid = x + w / 2;
  switch (c.txn) {
    case COMMIT_MARKER:
      ctx.fillStyle = colors.commit;
      ctx.fillRect(mid - 1.5, y - 2, 3, STRIP_H + 4);
      return;
    case ABORT_MARKER:
      ctx.fillStyle = colors.abort;
      ctx.fillRect(mid - 1.5, y - 2, 3, STRIP_H + 4);
      ctx.beginPath();
      ctx.moveTo(x, y + 1);
      ctx.lineTo(x + w, y + STRIP_H - 1);
      ctx.moveTo(x + w, y + 1);
      ctx.lineTo(x, y + STRIP_H - 1);
      ctx.lineWidth = 1.75;
      ctx.strokeStyle = colors.abort;
      ctx.stroke();
      return;
    case ABORTED:
      ctx.globalAlpha = 0.6;
      ctx.fillStyle = colors.empty;
      ctx.fillRect(x, y + 1, w, STRIP_H - 2);
      ctx.globalAlpha = 1;
      ctx.beginPath();
      ctx.moveTo(x, y + STRIP_H - 1);
      ctx.lineTo(x + w, y + 1);
      ctx.lineWidth = 1.25;
      ctx.strokeStyle = colors.abort;
      ctx.stroke();
      return;
    case OPEN:
      ctx.globalAlpha = 0.35;
      ctx.fillStyle = color;
      ctx.fillRect(x, y + 1, w, STRIP_H - 2);
      ctx.globalAlpha = 1;
      ctx.lineWidth = 1;
      ctx.strokeStyle = color;
      ctx.strokeRect(x + 0.5, y + 1.5, Math.max(0.5, w - 1), STRIP_H - 3);
      return;
    default:
      ctx.fillStyle = color;
      ctx.fillRect(x, y + 1, w, STRIP_H - 2);
  }
}

/** The last stable offset: a dashed bar in its own colour, beside the high watermark's. */
function lsoLine(ctx: CanvasRenderingContext2D, x: number, y: number, color: string): void {
  ctx.fillStyle = color;
  for (let dy = -2; dy < STRIP_H + 2; dy += 3) ctx.fillRect(x, y + dy, 2, 2);
}

function triangle(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  ctx.beginPath();
  ctx.moveTo(x - 3.5, y - 3);
  ctx.lineTo(x + 3.5, y - 3);
  ctx.lineTo(x, y + 2);
  ctx.closePath();
  ctx.fill();
}

function chevron(ctx: CanvasRenderingContext2D, y: number): void {
  ctx.beginPath();
  ctx.moveTo(4, y - 3);
  ctx.lineTo(0.5, y);
  ctx.lineTo(4, y + 3);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = ctx.fillStyle as string;
  ctx.stroke();
}

/** A compact row: the partition's size, each reader's committed tick, and its transactions. */
export interface CompactRow {
  volume: number;
  lagShare: number[];
  colors: string[];
  /** Runs with transactions: the last stable offset's share when below the high watermark. */
  lsoShare?: number;
  /** The tail holds an ABORT marker or a record of an aborted transaction. */
  aborted?: boolean;
}

/**
 * Compact rows (many partitions): a bar per partition with committed ticks, no cells. With
 * transactions, the undecided span (LSO → high watermark) is drawn in the LSO's colour and a
 * red block at the bar's end flags an abort in the partition's newest records.
 */
export function drawCompact(
  ctx: CanvasRenderingContext2D,
  rows: readonly CompactRow[],
  opts: { width: number; rowHeight: number; colors: StripColors },
): void {
  const { width, rowHeight, colors } = opts;
  rows.forEach((row, i) => {
    const y = i * rowHeight;
    const h = Math.max(1, rowHeight - 1);
    ctx.fillStyle = colors.track;
    ctx.fillRect(0, y, width, h);
    ctx.fillStyle = colors.volume;
    ctx.fillRect(0, y, row.volume * width, h);
    if (row.lsoShare !== undefined && row.lsoShare < row.volume) {
      ctx.fillStyle = colors.lso;
      ctx.fillRect(row.lsoShare * width, y, Math.max(2, (row.volume - row.lsoShare) * width), h);
    }
    if (row.aborted) {
      ctx.fillStyle = colors.abort;
      ctx.fillRect(Math.min(width - 3, row.volume * width + 1), y, 3, h);
    }
    row.lagShare.forEach((share, k) => {
      ctx.fillStyle = row.colors[k]!;
      ctx.fillRect(Math.max(0, (row.volume - share) * width - 1), y, 2, h);
    });
  });
}
