import { useLayoutEffect, useMemo, useRef } from 'react';
import type { Translate } from '../../i18n';
import { useT } from '../../i18n';
import { selectTheme } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { RECENT_RECORDS } from '../../worker/liveView';
import type { TopicView } from '../../worker/view';
import { STRIP_H } from './drawStrips';
import { goneShare, retentionGeometry } from './retentionGeometry';

/**
 * The log over time on a topic's strips (issue 12), drawn on its own canvas over the strips'
 * (runs with log settings only): records below the log start offset, deleted by retention, as
 * dashed ghost cells; the log start offset as a bracket; segment boundaries as cuts; the active
 * segment (the one being written) outlined. In compact rows (many partitions), the deleted
 * share of each partition's bar is hatched. Each row carries its figures for tooltips and tests.
 */
interface Props {
  topic: string;
  tv: TopicView;
  leos: readonly number[];
  width: number;
  height: number;
  rowHeight: number;
  compact: boolean;
}

interface Colors {
  track: string;
  ghost: string;
  logStart: string;
  cut: string;
  active: string;
}

function useRetentionColors(): Colors {
  const theme = useAppStore(selectTheme);
  return useMemo(() => {
    void theme;
    const css = typeof document === 'undefined' ? null : getComputedStyle(document.documentElement);
    const v = (name: string, fallback: string) => css?.getPropertyValue(name).trim() || fallback;
    return {
      track: v('--strip-track', '#edf0f4'),
      ghost: v('--muted', '#6b7785'),
      logStart: v('--danger', '#d23c3c'),
      cut: v('--surface', '#ffffff'),
      active: v('--accent', '#2f6fde'),
    };
  }, [theme]);
}

export function RetentionStrips({ topic, tv, leos, width, height, rowHeight, compact }: Props) {
  const t = useT();
  const colors = useRetentionColors();
  const ref = useRef<HTMLCanvasElement>(null);
  const ret = tv.retention!;

  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    if (canvas.width !== width * dpr || canvas.height !== height * dpr) {
      canvas.width = width * dpr;
      canvas.height = height * dpr;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (compact) {
      const max = Math.max(1, ...leos);
      leos.forEach((_, p) => {
        const share = goneShare(ret.logStartOffsets[p] ?? 0, max);
        if (share > 0) hatch(ctx, 0, p * rowHeight, share * width, rowHeight - 1, colors);
      });
      return;
    }
    const top = (rowHeight - STRIP_H) / 2;
    leos.forEach((leo, p) => {
      const y = p * rowHeight + top;
      const g = retentionGeometry(
        {
          leo,
          logStart: ret.logStartOffsets[p] ?? 0,
          windowBases: ret.windowBases[p] ?? [],
          activeBase: ret.activeBases[p] ?? 0,
        },
        width,
        RECENT_RECORDS,
      );
      for (const c of g.gone) {
        ctx.fillStyle = colors.track;
        ctx.fillRect(c.x, y, c.w, STRIP_H);
        ctx.setLineDash([2, 2]);
        ctx.lineWidth = 1;
        ctx.strokeStyle = colors.ghost;
        ctx.globalAlpha = 0.7;
        ctx.strokeRect(c.x + 1, y + 1.5, Math.max(1, c.w - 2), STRIP_H - 3);
        ctx.globalAlpha = 1;
        ctx.setLineDash([]);
      }
      for (const x of g.cuts) {
        // A segment boundary: a gap in the strip with a grey rule through it.
        ctx.fillStyle = colors.cut;
        ctx.fillRect(x - 1.5, y, 3, STRIP_H);
        ctx.fillStyle = colors.ghost;
        ctx.fillRect(x - 0.5, y - 1, 1, STRIP_H + 4);
      }
      if (g.active) {
        ctx.lineWidth = 1.25;
        ctx.strokeStyle = colors.active;
        ctx.strokeRect(
          g.active.x0 + 0.75,
          y + 0.25,
          g.active.x1 - g.active.x0 - 1.5,
          STRIP_H - 0.5,
        );
      }
      if (g.logStartX !== null) bracket(ctx, Math.min(width - 2, g.logStartX), y, colors.logStart);
    });
  }, [ret, leos, width, height, rowHeight, compact, colors]);

  return (
    <>
      <canvas
        ref={ref}
        className="strips__canvas strips__retention"
        style={{ width, height }}
        aria-hidden="true"
      />
      {compact ? (
        <span
          className="strips__retention-rows"
          data-testid={`retention-${topic}`}
          data-log-start-max={Math.max(0, ...ret.logStartOffsets)}
          data-segments={ret.segmentCounts.reduce((a, b) => a + b, 0)}
        />
      ) : (
        leos.map((leo, p) => (
          <span
            key={p}
            className="strips__retention-row"
            style={{ top: p * rowHeight, height: rowHeight, width }}
            title={retentionTip(t, tv, p, leo)}
            data-testid={`retention-${topic}-${p}`}
            data-log-start={ret.logStartOffsets[p]}
            data-segments={ret.segmentCounts[p]}
            data-active-base={ret.activeBases[p]}
            data-window-bases={(ret.windowBases[p] ?? []).join(',')}
          />
        ))
      )}
    </>
  );
}

/** The log start offset: a bracket "[" (a bar with serifs pointing at the retained records). */
function bracket(ctx: CanvasRenderingContext2D, x: number, y: number, color: string): void {
  ctx.fillStyle = color;
  ctx.fillRect(x - 1, y - 3, 2, STRIP_H + 6);
  ctx.fillRect(x - 1, y - 3, 5, 2);
  ctx.fillRect(x - 1, y + STRIP_H + 1, 5, 2);
}

/** Deleted share of a compact bar: the track's colour, hatched. */
function hatch(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  colors: Colors,
): void {
  ctx.fillStyle = colors.track;
  ctx.fillRect(x, y, w, h);
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = colors.ghost;
  ctx.lineWidth = 1;
  ctx.globalAlpha = 0.6;
  ctx.beginPath();
  for (let i = x - h; i < x + w; i += 4) {
    ctx.moveTo(i, y + h);
    ctx.lineTo(i + h, y);
  }
  ctx.stroke();
  ctx.restore();
  ctx.fillStyle = colors.logStart;
  ctx.fillRect(Math.max(0, x + w - 1.5), y, 1.5, h);
}

/**
 * A partition's retention figures in words (tooltips: the strip row, the log-end offset, a
 * compact row): its log start offset and what is below it, and its segments. Empty without
 * log settings.
 */
export function retentionTip(t: Translate, tv: TopicView | undefined, p: number, leo: number) {
  const ret = tv?.retention;
  if (!ret) return '';
  const logStart = ret.logStartOffsets[p] ?? 0;
  return [
    logStart > 0
      ? t('canvas.retention.logStart', { logStart })
      : t('canvas.retention.logStartZero'),
    t('canvas.retention.segments', {
      n: ret.segmentCounts[p] ?? 1,
      active: ret.activeBases[p] ?? 0,
      records: Math.max(0, leo - (ret.activeBases[p] ?? 0)),
    }),
  ].join('\n');
}
