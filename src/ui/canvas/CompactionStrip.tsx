import { useLayoutEffect, useRef } from 'react';
import { useT } from '../../i18n';
import { selectTopicView } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import type { CompactionTail } from '../../worker/compactionView';
import { STRIP_WIDTH } from './PartitionStrips';
import { useCanvasColors } from './useCanvasColors';

/** Height of one partition's whole-log bar. */
const ROW = 14;
const BAR = 10;

/**
 * A compacted topic's whole log, under its partition strips (kafka/compaction.ts): one bar per
 * partition from offset 0 to the log end, a dark column wherever offsets still hold a record.
 * Where the log cleaner removed older values the bar is empty over its baseline (holes:
 * offsets are never renumbered), so the log visibly shrinks to the latest value per key;
 * columns holding a tombstone (a delete) are drawn in the danger colour with a cap. Below the
 * log start offset (retention, with compact,delete) the track is hatched.
 */
export function CompactionStrip({ topic, partitions }: { topic: string; partitions: number }) {
  const t = useT();
  const tv = useAppStore(selectTopicView(topic));
  const c = tv?.compaction;
  const colors = useCanvasColors();
  const ref = useRef<HTMLCanvasElement>(null);
  const height = partitions * ROW;
  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !c) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    if (canvas.width !== STRIP_WIDTH * dpr || canvas.height !== height * dpr) {
      canvas.width = STRIP_WIDTH * dpr;
      canvas.height = height * dpr;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, STRIP_WIDTH, height);
    drawLog(ctx, c, {
      track: colors.track,
      kept: colors.hw,
      tombstone: colors.abort,
      deleted: colors.empty,
    });
  }, [c, colors, height]);
  if (!c) return null;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const kept = sum(c.kept);
  const holes = sum(c.holes);
  const tombstones = sum(c.tombstones);
  return (
    <div
      className="compaction"
      data-testid={`compaction-${topic}`}
      data-kept={kept}
      data-holes={holes}
      data-tombstones={tombstones}
      title={t('canvas.compaction.title')}
    >
      <span className="compaction__label">{t('canvas.compaction.label')}</span>
      <canvas
        ref={ref}
        className="compaction__canvas"
        style={{ width: STRIP_WIDTH, height }}
        aria-hidden="true"
      />
      <span className="compaction__summary num" data-testid={`compaction-summary-${topic}`}>
        {t('canvas.compaction.summary', { kept, offsets: kept + holes, holes, tombstones })}
      </span>
    </div>
  );
}

function drawLog(
  ctx: CanvasRenderingContext2D,
  c: CompactionTail,
  colors: { track: string; kept: string; tombstone: string; deleted: string },
): void {
  c.bins.forEach((bins, p) => {
    const y = p * ROW + (ROW - BAR) / 2;
    const w = STRIP_WIDTH / bins.length;
    ctx.fillStyle = colors.track;
    ctx.fillRect(0, y, STRIP_WIDTH, BAR);
    // The offsets run on under the holes: a baseline the whole length of the log.
    ctx.fillStyle = colors.deleted;
    ctx.fillRect(0, y + BAR - 1, STRIP_WIDTH, 1);
    bins.forEach((share, b) => {
      const x = b * w;
      if (share < 0) {
        // Below the log start offset: deleted by retention, hatched.
        for (let i = 0; i < w; i += 3) ctx.fillRect(x + i, y, 1, BAR);
        return;
      }
      if (share === 0) return;
      // A column that still holds a record is drawn whole, however few of its offsets do:
      // what is left of the log stands out against the holes.
      const tomb = c.tombstoneBins[p]![b] === 1;
      ctx.fillStyle = tomb ? colors.tombstone : colors.kept;
      ctx.fillRect(x + 0.25, y, Math.max(1.5, w - 0.5), BAR);
      if (tomb) ctx.fillRect(x - 0.5, y - 2, w + 1, 2);
      ctx.fillStyle = colors.deleted;
    });
  });
}
