/** Draws partition strips on a canvas from precomputed geometry (one canvas per topic node). */
import { cellColor } from './palettes';
import type { StripGeometry } from './stripGeometry';

export interface StripColors {
  track: string;
  empty: string;
  hw: string;
  volume: string;
}

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
      ctx.fillStyle = cellColor(c.color, colorBy) ?? colors.empty;
      ctx.fillRect(c.x + 0.5, y + 1, Math.max(1, c.w - 1), STRIP_H - 2);
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
    for (const m of g.marks) {
      ctx.fillStyle = m.color;
      if (m.committedX !== null) ctx.fillRect(Math.max(0, Math.min(width - 2, m.committedX - 1)), y + STRIP_H - 4, 2, 7);
      if (m.positionX !== null) triangle(ctx, Math.max(3, Math.min(width - 3, m.positionX)), y - 1);
      if (m.committedBehind || m.positionBehind) chevron(ctx, y + STRIP_H / 2);
    }
  });
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

/** Compact rows (many partitions): a bar per partition with committed ticks, no cells. */
export function drawCompact(
  ctx: CanvasRenderingContext2D,
  rows: readonly { volume: number; lagShare: number[]; colors: string[] }[],
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
    row.lagShare.forEach((share, k) => {
      ctx.fillStyle = row.colors[k]!;
      ctx.fillRect(Math.max(0, (row.volume - share) * width - 1), y, 2, h);
    });
  });
}
