/**
 * Geometry of a partition's log over time on its strip (issue 12: segments, retention, the log
 * start offset), as pure functions beside stripGeometry (same window: the newest `window`
 * offsets, right-aligned at the log-end offset). Drawn by RetentionStrips over the strip.
 */
export interface RetentionInput {
  leo: number;
  /** Log start offset: records below it were deleted by retention. */
  logStart: number;
  /** Segment base offsets inside the window (oldest first), from the live view. */
  windowBases: readonly number[];
  /** The active segment's base offset. */
  activeBase: number;
}

export interface RetentionGeometry {
  /** Deleted offsets inside the window, drawn as gone: one ghost cell each (x, w). */
  gone: { x: number; w: number }[];
  /** The log start offset's x, when it is inside the window (else null: further back). */
  logStartX: number | null;
  /** Boundaries between retained segments inside the window (not the log start itself). */
  cuts: number[];
  /** The active segment's span [x0, x1], when it holds records inside the window. */
  active: { x0: number; x1: number } | null;
}

export function retentionGeometry(
  input: RetentionInput,
  width: number,
  window: number,
): RetentionGeometry {
  const { leo, logStart } = input;
  const cw = width / window;
  const start = leo - window;
  const xOf = (offset: number) => Math.min(width, Math.max(0, (offset - start) * cw));
  const gone: { x: number; w: number }[] = [];
  for (let o = Math.max(0, start); o < Math.min(logStart, leo); o++)
    gone.push({ x: (o - start) * cw, w: cw });
  const cuts = input.windowBases
    .filter((b) => b > logStart && b > start && b < leo)
    .map((b) => xOf(b));
  const activeFrom = Math.max(input.activeBase, logStart);
  return {
    gone,
    logStartX: logStart >= start && logStart >= 0 ? xOf(logStart) : null,
    cuts,
    active: activeFrom < leo ? { x0: xOf(activeFrom), x1: xOf(leo) } : null,
  };
}

/** A compact row (many partitions): the deleted share of the partition's bar (0…1). */
export function goneShare(logStart: number, maxLeo: number): number {
  return maxLeo <= 0 ? 0 : Math.min(1, Math.max(0, logStart / maxLeo));
}
