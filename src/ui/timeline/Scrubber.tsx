import { memo, useMemo, useRef, type PointerEvent } from 'react';
import { anomalyWhere, type Anomaly } from '../../insight';
import { useLocale, useRenderMsg, useT, type Locale, type Translate } from '../../i18n';
import {
  selectActiveRun,
  selectAnomalies,
  selectEndUs,
  selectMarks,
  selectRuns,
  selectSelectedAnomaly,
  selectShownTimeUs,
} from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { runEndUs, seekIndex, seekTime, selectAnomalyById } from '../../store/timelineActions';
import type { TimelineMark } from '../../worker/insightStream';
import { formatSimTime } from '../format';
import { ANOMALY_KIND } from '../insight/kindLabel';
import { LessonRange } from '../learn/LessonRange';

/** Markers drawn at most: nearby ones (same 0.4 % of the bar) merge into the first. */
const MAX_MARKERS = 250;
/** Fault and rebalance titles one merged marker lists. */
const MAX_MERGED = 4;

interface Marker {
  key: string;
  pct: number;
  kind: TimelineMark['kind'] | Anomaly['kind'];
  title: string;
  anomaly?: string;
  index: number;
}

function markers(
  marks: readonly TimelineMark[],
  anomalies: readonly Anomaly[],
  endUs: number,
  t: Translate,
  render: (m: TimelineMark['label']) => string,
  locale: Locale,
): Marker[] {
  const out: Marker[] = [];
  const seen = new Map<string, Marker & { merged: number }>();
  const add = (m: Marker) => {
    const mark =
      m.kind === 'fault' ||
      m.kind === 'rebalance' ||
      m.kind === 'retention' ||
      m.kind === 'eventStore';
    const bucket = `${mark ? m.kind : 'a'}:${Math.round(m.pct * 2.5)}`;
    const first = seen.get(bucket);
    if (first) {
      // A fault and what follows at the same instant (a restart and its static rejoin) share a
      // marker: its title names both (the first few), so none is hidden.
      if (mark && first.merged < MAX_MERGED) first.title += `\n${m.title}`;
      else if (mark && first.merged === MAX_MERGED) first.title += '\n…';
      first.merged++;
      return;
    }
    if (out.length >= MAX_MARKERS) return;
    const kept = { ...m, merged: 1 };
    seen.set(bucket, kept);
    out.push(kept);
  };
  const pct = (t: number) => (endUs > 0 ? Math.min(100, (t / endUs) * 100) : 0);
  for (const m of marks) {
    const label = render(m.label);
    add({
      key: `m${m.index}${label}`,
      pct: pct(m.timeUs),
      kind: m.kind,
      title: t('timeline.marker.mark', { label, time: formatSimTime(m.timeUs, locale) }),
      index: m.index,
    });
  }
  for (const a of anomalies) {
    const where = anomalyWhere(a);
    add({
      key: a.id,
      pct: pct(a.timeUs),
      kind: a.kind,
      title: t('timeline.marker.anomaly', {
        kind: t(ANOMALY_KIND[a.kind]),
        where,
        time: formatSimTime(a.timeUs, locale),
      }),
      anomaly: a.id,
      index: a.index,
    });
  }
  return out;
}

/** The bar: drag to scrub (the canvas follows), markers for faults, rebalances and anomalies. */
export const Scrubber = memo(function Scrubber() {
  const t = useT();
  const render = useRenderMsg();
  const locale = useLocale();
  const endUs = useAppStore(selectEndUs);
  const shown = useAppStore(selectShownTimeUs);
  const recorded = useAppStore((s) => runEndUs(s));
  const marks = useAppStore(selectMarks);
  const anomalies = useAppStore(selectAnomalies);
  const selected = useAppStore(selectSelectedAnomaly);
  const active = useAppStore(selectActiveRun);
  const runs = useAppStore(selectRuns);
  const fork = runs.find((r) => r.id === active && r.parent !== null);
  const list = useMemo(
    () => markers(marks, anomalies, endUs, t, render, locale),
    [marks, anomalies, endUs, t, render, locale],
  );
  const track = useRef<HTMLDivElement>(null);
  const pct = (t: number) => (endUs > 0 ? Math.min(100, Math.max(0, (t / endUs) * 100)) : 0);

  const timeAt = (e: PointerEvent) => {
    const r = track.current!.getBoundingClientRect();
    return ((e.clientX - r.left) / Math.max(1, r.width)) * endUs;
  };
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || (e.target as HTMLElement).closest('.scrub__marker')) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    seekTime(timeAt(e));
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) seekTime(timeAt(e));
  };

  return (
    <div
      className="scrub"
      ref={track}
      onPointerDown={onDown}
      onPointerMove={onMove}
      role="slider"
      tabIndex={-1}
      aria-label={t('timeline.cursor')}
      aria-valuemin={0}
      aria-valuemax={endUs}
      aria-valuenow={shown}
      aria-valuetext={formatSimTime(shown, locale)}
      data-testid="scrubber"
    >
      <div className="scrub__track">
        <div className="scrub__recorded" style={{ width: `${pct(recorded)}%` }} />
        <LessonRange endUs={endUs} />
        {fork && (
          <div
            className="scrub__fork"
            style={{ left: `${pct(fork.forkTimeUs)}%` }}
            title={t('timeline.marker.fork', { name: fork.name, label: render(fork.label) })}
          />
        )}
      </div>
      {list.map((m) => (
        <button
          key={m.key}
          type="button"
          className={`scrub__marker scrub__marker--${m.kind}${m.anomaly && m.anomaly === selected ? ' is-selected' : ''}`}
          style={{ left: `${m.pct}%` }}
          title={m.title}
          aria-label={m.title}
          data-testid={`marker-${m.kind}`}
          onClick={() => (m.anomaly ? selectAnomalyById(m.anomaly) : seekIndex(m.index + 1))}
        />
      ))}
      <div
        className="scrub__cursor"
        style={{ left: `${pct(shown)}%` }}
        data-testid="scrub-cursor"
      />
    </div>
  );
});
