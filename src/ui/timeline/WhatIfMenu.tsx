import { useEffect, useMemo, useRef, useState } from 'react';
import { msg, useLocale, useRenderMsg, useT, type Locale } from '../../i18n';
import { forkAt, runScenario } from '../../store/forkActions';
import {
  selectActiveRun,
  selectAnomalies,
  selectCompiledOk,
  selectMarks,
  selectRuns,
} from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { cursorOf } from '../../store/timelineActions';
import { forkPoints, forkWarning, whatIfOptions, type ForkPoint } from '../../store/whatIf';
import { formatSimTime } from '../format';

const when = (p: ForkPoint, locale: Locale) =>
  p.timeUs === null
    ? msg('timeline.whatIf.event', { n: p.index })
    : formatSimTime(p.timeUs, locale);

/**
 * "What if…": fork the shown run with one group's commit mode or dedup changed. Only changes
 * that differ from the shown run's settings are offered; the fork point is chosen at the top
 * (default: just before the first anomaly, else the start), and an option whose fork point lies
 * after everything it could affect says so.
 */
export function WhatIfMenu() {
  const t = useT();
  const render = useRenderMsg();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const ok = useAppStore(selectCompiledOk);
  const runs = useAppStore(selectRuns);
  const active = useAppStore(selectActiveRun);
  const anomalies = useAppStore(selectAnomalies);
  const marks = useAppStore(selectMarks);
  const cursor = useAppStore((s) => s.cursor);
  const headEvents = useAppStore((s) => s.headEvents);
  const ref = useRef<HTMLDivElement>(null);
  const scenario = useAppStore((s) => runScenario(s.activeRun, s));
  const options = useMemo(() => (scenario ? whatIfOptions(scenario) : []), [scenario]);
  // Re-rendered when the cursor, the head or the anomalies change (subscribed above).
  const points = forkPoints(anomalies, cursor ?? cursorOf(), marks);
  const [pointId, setPointId] = useState<ForkPoint['id'] | null>(null);
  const point = points.find((p) => p.id === pointId) ?? points[0]!;
  const runEvents = active === 0 ? headEvents : (runs.find((r) => r.id === active)?.events ?? 0);
  const ended = useAppStore((s) => s.status === 'ended');
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onDown = (e: PointerEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className="button"
        disabled={!ok}
        aria-expanded={open}
        onClick={() => {
          setPointId(null);
          setOpen(!open);
        }}
        data-testid="what-if"
      >
        {t('timeline.whatIf')}
      </button>
      {open && (
        <div className="menu__list menu__list--up whatif" role="menu" data-testid="what-if-menu">
          <fieldset className="whatif__points">
            <legend>{t('timeline.whatIf.from')}</legend>
            {points.map((p, i) => (
              <label key={p.id} className="check">
                <input
                  type="radio"
                  name="what-if-point"
                  checked={p.id === point.id}
                  onChange={() => setPointId(p.id)}
                  data-testid={`what-if-point-${p.id}`}
                />
                {t(i === 0 ? 'timeline.whatIf.pointDefault' : 'timeline.whatIf.point', {
                  label: p.label,
                  when: when(p, locale),
                })}
              </label>
            ))}
          </fieldset>
          <p className="whatif__hint" data-testid="what-if-point">
            {t('timeline.whatIf.starts', { label: point.label, when: when(point, locale) })}
          </p>
          {options.length === 0 && <p className="whatif__hint">{t('timeline.whatIf.noGroup')}</p>}
          {options.map((o) => {
            const warnMsg = forkWarning(
              o.group,
              point,
              anomalies,
              ended || active !== 0 ? runEvents : 0,
            );
            const warning = warnMsg ? render(warnMsg) : null;
            const label = render(o.label);
            return (
              <button
                key={o.id}
                type="button"
                role="menuitem"
                className="menu__item"
                data-testid={`what-if-${o.id}`}
                data-warning={warning ?? undefined}
                title={warning ?? undefined}
                onClick={() => {
                  setOpen(false);
                  forkAt(point, o.change, `${o.group}: ${label}`, warning);
                }}
              >
                <span>
                  <b>{o.group}</b>: {label}
                </span>
                {warning && (
                  <span className="whatif__warn" data-testid={`what-if-warn-${o.id}`}>
                    ⚠ {warning}
                  </span>
                )}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
