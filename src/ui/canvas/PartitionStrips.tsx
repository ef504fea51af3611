import { useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useT, type Translate } from '../../i18n';
import { COMPACT_PARTITIONS, COMPACT_ROW, PARTITION_ROW } from '../../diagram';
import type { Reader } from '../../store/derivedSlice';
import {
  selectColorBy,
  selectGroupViews,
  selectHighlight,
  selectTopicView,
} from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { showRecords } from '../../store/insightActions';
import {
  RECENT_RECORDS,
  TXN_ABORT_MARKER,
  TXN_ABORTED,
  TXN_COMMIT_MARKER,
  TXN_OPEN,
} from '../../worker/liveView';
import type { TopicView } from '../../worker/view';
import { drawCompact, drawStrips, type CompactRow, type StripRow } from './drawStrips';
import { RetentionStrips, retentionTip } from './RetentionStrips';
import { stripGeometry, volumeShare } from './stripGeometry';
import { useCanvasColors } from './useCanvasColors';

export const STRIP_WIDTH = 168;

interface Props {
  topic: string;
  partitions: number;
  readers: readonly Reader[];
}

type Groups = ReturnType<typeof selectGroupViews>;

/** Transaction figures of one partition's tail (runs with transactions only). */
export interface TxnCounts {
  commits: number;
  aborts: number;
  aborted: number;
  open: number;
}

/** Counts the tail's markers and records by transaction state. */
export function txnCounts(states: readonly number[] | undefined): TxnCounts {
  const c = { commits: 0, aborts: 0, aborted: 0, open: 0 };
  for (const st of states ?? []) {
    if (st === TXN_COMMIT_MARKER) c.commits++;
    else if (st === TXN_ABORT_MARKER) c.aborts++;
    else if (st === TXN_ABORTED) c.aborted++;
    else if (st === TXN_OPEN) c.open++;
  }
  return c;
}

/** Where a reader's lag is measured to: the LSO for read_committed, the high watermark else. */
function endFor(groups: Groups, group: string, tv: TopicView | undefined, p: number, leo: number) {
  return groups?.[group]?.readCommitted ? (tv?.lastStable?.[p] ?? leo) : leo;
}

/**
 * A topic's partitions, drawn on one canvas (never a DOM node per record): the newest records
 * coloured by key or event type, the high watermark, and each reader's committed offset (tick)
 * and position (triangle). Above COMPACT_PARTITIONS, one thin bar per partition instead.
 * With transactions, COMMIT/ABORT markers, aborted and open records are drawn apart, and the
 * last stable offset (LSO) beside the high watermark when an open transaction holds it back.
 */
export function PartitionStrips({ topic, partitions, readers }: Props) {
  const t = useT();
  const tv = useAppStore(selectTopicView(topic));
  const groups = useAppStore(selectGroupViews);
  const colorBy = useAppStore(selectColorBy);
  const hl = useAppStore(selectHighlight);
  const hlPartition = hl?.topic === topic ? hl.partition : -1;
  const colors = useCanvasColors();
  const ref = useRef<HTMLCanvasElement>(null);
  const compact = partitions > COMPACT_PARTITIONS;
  const rowHeight = compact ? COMPACT_ROW : PARTITION_ROW;
  const height = partitions * rowHeight;
  const leos = useMemo(
    () => Array.from({ length: partitions }, (_, p) => tv?.logEndOffsets[p] ?? 0),
    [tv, partitions],
  );

  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    if (canvas.width !== STRIP_WIDTH * dpr || canvas.height !== height * dpr) {
      canvas.width = STRIP_WIDTH * dpr;
      canvas.height = height * dpr;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, STRIP_WIDTH, height);
    const committedOf = (g: string, p: number) => groups?.[g]?.committed[topic]?.[p] ?? -1;
    const positionOf = (g: string, p: number) => groups?.[g]?.positions?.[topic]?.[p] ?? -1;
    if (compact) {
      const max = Math.max(1, ...leos);
      const rows = leos.map((leo, p): CompactRow => {
        const row: CompactRow = {
          volume: leo / max,
          // The tick sits at the committed offset (log-end − this share), whatever the
          // isolation level; read_committed lag (to the LSO) is in the tooltip and the table.
          lagShare: readers.map(
            (r) => Math.max(0, leo - Math.max(0, committedOf(r.group, p))) / max,
          ),
          colors: readers.map((r) => r.color),
        };
        const lso = tv?.lastStable?.[p];
        if (lso !== undefined) {
          // Only an open transaction's span (LSO → HW), never the replication gap (HW → LEO).
          const hw = tv?.highWatermarks?.[p] ?? leo;
          if (lso < hw) row.lsoShare = lso / max;
          const c = txnCounts(tv?.recentTxn?.[p]);
          row.aborted = c.aborts + c.aborted > 0;
        }
        return row;
      });
      drawCompact(ctx, rows, { width: STRIP_WIDTH, rowHeight, colors });
      return;
    }
    const keysOrTypes = colorBy === 'key' ? tv?.recentKeys : tv?.recentTypes;
    const rows: StripRow[] = leos.map((leo, p) => ({
      volume: volumeShare(leo, leos),
      geometry: stripGeometry(
        {
          leo,
          hw: tv?.highWatermarks?.[p] ?? leo,
          recent: keysOrTypes?.[p] ?? [],
          ...(tv?.recentTxn ? { txn: tv.recentTxn[p] ?? [], lso: tv.lastStable?.[p] ?? leo } : {}),
          marks: readers.map((r) => ({
            color: r.color,
            committed: committedOf(r.group, p),
            position: positionOf(r.group, p),
          })),
        },
        STRIP_WIDTH,
        RECENT_RECORDS,
      ),
    }));
    drawStrips(ctx, rows, { width: STRIP_WIDTH, rowHeight, colorBy, colors });
  }, [tv, groups, colorBy, colors, readers, leos, compact, rowHeight, height, topic]);

  const canvas = (
    <>
      <canvas
        ref={ref}
        className="strips__canvas"
        style={{ width: STRIP_WIDTH, height }}
        aria-hidden="true"
      />
      {tv?.retention && (
        <RetentionStrips {...{ topic, tv, leos, height, rowHeight, compact }} width={STRIP_WIDTH} />
      )}
    </>
  );
  if (compact)
    return (
      <CompactStrips
        topic={topic}
        leos={leos}
        readers={readers}
        groups={groups}
        tv={tv}
        height={height}
        canvas={canvas}
      />
    );
  return (
    <div className="strips" style={{ gridTemplateRows: `repeat(${partitions}, ${rowHeight}px)` }}>
      {leos.map((_, p) => (
        <span
          key={`l${p}`}
          role="button"
          tabIndex={-1}
          onClick={(e) => (e.stopPropagation(), showRecords(topic, p))}
          className={`strips__label nodrag${p === hlPartition ? ' is-highlighted' : ''}`}
          style={{ gridRow: p + 1 }}
          data-testid={p === hlPartition ? `highlight-${topic}-${p}` : undefined}
          title={
            p === hlPartition && hl?.offset !== undefined
              ? t('canvas.strips.selected', { offset: hl.offset })
              : undefined
          }
        >
          {p === hlPartition ? '▶' : ''}
          {t('canvas.strips.partition', { p })}
        </span>
      ))}
      <div className="strips__cell" style={{ gridRow: `1 / span ${partitions}` }}>
        {canvas}
      </div>
      {leos.map((leo, p) => (
        <LogEnd
          key={`o${p}`}
          topic={topic}
          p={p}
          leo={leo}
          readers={readers}
          groups={groups}
          tv={tv}
        />
      ))}
    </div>
  );
}

/**
 * The log-end offset beside a strip; with transactions, the LSO under it while an open
 * transaction holds it below the high watermark, and the tail's marker counts as data-*.
 */
function LogEnd(props: {
  topic: string;
  p: number;
  leo: number;
  readers: readonly Reader[];
  groups: Groups;
  tv: TopicView | undefined;
}) {
  const t = useT();
  const { topic, p, leo, readers, groups, tv } = props;
  const lso = tv?.lastStable?.[p];
  const hw = tv?.highWatermarks?.[p] ?? leo;
  const c = tv?.recentTxn ? txnCounts(tv.recentTxn[p]) : null;
  const held = lso !== undefined && lso < hw;
  return (
    <>
      <span
        className={`strips__leo num${held ? ' strips__leo--lso' : ''}`}
        style={{ gridRow: p + 1 }}
        data-testid={`leo-${topic}-${p}`}
        title={tip(t, topic, p, leo, readers, groups, tv)}
        {...(c
          ? {
              'data-lso': lso,
              'data-commit-markers': c.commits,
              'data-abort-markers': c.aborts,
              'data-aborted-records': c.aborted,
              'data-open-records': c.open,
            }
          : {})}
      >
        {leo}
      </span>
      {held && (
        <span
          className="strips__lso strips__lso--row num"
          style={{ gridRow: p + 1 }}
          title={t('canvas.strips.lsoTitle', { lso, hw })}
          data-testid={`lso-${topic}-${p}`}
        >
          {t('canvas.strips.lso', { lso })}
        </span>
      )}
    </>
  );
}

function tip(
  t: Translate,
  topic: string,
  p: number,
  leo: number,
  readers: readonly Reader[],
  groups: Groups,
  tv: TopicView | undefined,
): string {
  const lines = [t('canvas.strips.tip', { topic, p, leo })];
  const lso = tv?.lastStable?.[p];
  if (lso !== undefined) {
    const hw = tv?.highWatermarks?.[p] ?? leo;
    lines.push(
      lso < hw ? t('canvas.strips.tipLsoHeld', { lso, hw }) : t('canvas.strips.tipLso', { lso }),
    );
    const c = txnCounts(tv?.recentTxn?.[p]);
    lines.push(t('canvas.strips.tipTxn', { n: tv?.recentTxn?.[p]?.length ?? 0, ...c }));
  }
  if (tv?.retention) lines.push(retentionTip(t, tv, p, leo));
  for (const r of readers) {
    const c = groups?.[r.group]?.committed[topic]?.[p] ?? -1;
    const pos = groups?.[r.group]?.positions?.[topic]?.[p] ?? -1;
    const rc = groups?.[r.group]?.readCommitted === true;
    lines.push(
      t(rc ? 'canvas.strips.tipReaderCommitted' : 'canvas.strips.tipReader', {
        group: r.group,
        committed: c < 0 ? '–' : c,
        position: pos < 0 ? '–' : pos,
        lag: Math.max(0, endFor(groups, r.group, tv, p, leo) - Math.max(0, c)),
      }),
    );
  }
  return lines.join('\n');
}

interface CompactProps {
  topic: string;
  leos: number[];
  readers: readonly Reader[];
  groups: Groups;
  tv: TopicView | undefined;
  height: number;
  canvas: ReactNode;
}

/**
 * Above COMPACT_PARTITIONS: one thin bar per partition, and every partition's figures still
 * readable: hover a bar for its log-end offset, committed offsets and lag, or switch to a
 * table of all partitions (same height, scrolls), so the node keeps its size.
 */
function CompactStrips({ topic, leos, readers, groups, tv, height, canvas }: CompactProps) {
  const t = useT();
  const [hover, setHover] = useState<{ p: number; top: boolean } | null>(null);
  const [table, setTable] = useState(false);
  const partitions = leos.length;
  const total = leos.reduce((a, b) => a + b, 0);
  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const share = (e.clientY - box.top) / Math.max(1, box.height);
    const p = Math.max(0, Math.min(partitions - 1, Math.floor(share * partitions)));
    setHover({ p, top: share < 0.5 });
  };
  const lagOf = (g: string, p: number) =>
    Math.max(
      0,
      endFor(groups, g, tv, p, leos[p]!) - Math.max(0, groups?.[g]?.committed[topic]?.[p] ?? -1),
    );
  const lsos = tv?.lastStable;
  // Transactions: partitions an open transaction holds back, and ABORT markers in the tails.
  let held = 0;
  let aborts = 0;
  if (lsos)
    leos.forEach((_, p) => {
      if (lsos[p]! < (tv?.highWatermarks?.[p] ?? leos[p]!)) held++;
      aborts += txnCounts(tv?.recentTxn?.[p]).aborts;
    });
  return (
    <div className="strips strips--compact">
      <div className="strips__bar">
        <span className="strips__summary num">
          {t('canvas.strips.summary', {
            last: partitions - 1,
            max: Math.max(0, ...leos),
            mean: Math.round(total / partitions),
          })}
          {lsos && held > 0 && (
            <span
              className="strips__lso"
              title={t('canvas.strips.heldTitle')}
              data-testid={`lso-held-${topic}`}
            >
              {' · '}
              {t('canvas.strips.held', { n: held })}
            </span>
          )}
        </span>
        <button
          type="button"
          className="link strips__toggle nodrag"
          aria-pressed={table}
          onClick={() => setTable(!table)}
          data-testid={`partition-table-toggle-${topic}`}
        >
          {table ? t('canvas.strips.showBars') : t('canvas.strips.showTable')}
        </button>
      </div>
      {table ? (
        <div
          className="strips__table nodrag nowheel"
          style={{ height }}
          data-testid={`partition-table-${topic}`}
        >
          <table>
            <thead>
              <tr>
                <th scope="col">{t('canvas.strips.partitionCol')}</th>
                <th scope="col">{t('canvas.strips.logEnd')}</th>
                {lsos && (
                  <th scope="col" title={t('canvas.strips.lsoHelp')}>
                    {t('canvas.strips.lsoCol')}
                  </th>
                )}
                {tv?.retention && (
                  <th scope="col" title={t('canvas.retention.logStartHelp')}>
                    {t('canvas.retention.logStartCol')}
                  </th>
                )}
                {readers.map((r) => (
                  <th
                    key={r.group}
                    scope="col"
                    title={t('canvas.strips.lagHelp', { group: r.group })}
                  >
                    <i className="legend__swatch" style={{ background: r.color }} />{' '}
                    {t('canvas.strips.lag')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {leos.map((leo, p) => (
                <tr key={p} data-testid={`partition-row-${topic}-${p}`}>
                  <th scope="row">{t('canvas.strips.partition', { p })}</th>
                  <td className="num">{leo}</td>
                  {lsos && <td className="num">{lsos[p]}</td>}
                  {tv?.retention && <td className="num">{tv.retention.logStartOffsets[p]}</td>}
                  {readers.map((r) => (
                    <td key={r.group} className="num">
                      {lagOf(r.group, p)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div
          className="strips__hoverable nodrag"
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
          data-testid={`strips-compact-${topic}`}
          {...(lsos ? { 'data-held': held, 'data-abort-markers': aborts } : {})}
        >
          {canvas}
          {hover && (
            <div
              className={`strips__hover${hover.top ? ' strips__hover--below' : ''}`}
              role="tooltip"
              data-testid={`strip-hover-${topic}`}
              data-partition={hover.p}
            >
              {tip(t, topic, hover.p, leos[hover.p]!, readers, groups, tv)}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
