import { useEffect, useMemo, useRef, useState } from 'react';
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

const when = (p: ForkPoint) =>
  p.timeUs === null ? `event ${p.index.toLocaleString('en-US')}` : formatSimTime(p.timeUs);

/**
 * "What if…": fork the shown run with one group's commit mode or dedup changed. Only changes
 * that differ from the shown run's settings are offered; the fork point is chosen at the top
 * (default: just before the first anomaly, else the start), and an option whose fork point lies
 * after everything it could affect says so.
 */
export function WhatIfMenu() {
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
        What if…
      </button>
      {open && (
        <div className="menu__list menu__list--up whatif" role="menu" data-testid="what-if-menu">
          <fieldset className="whatif__points">
            <legend>Fork from</legend>
            {points.map((p, i) => (
              <label key={p.id} className="check">
                <input
                  type="radio"
                  name="what-if-point"
                  checked={p.id === point.id}
                  onChange={() => setPointId(p.id)}
                  data-testid={`what-if-point-${p.id}`}
                />
                {p.label} ({when(p)}){i === 0 ? ', the default' : ''}
              </label>
            ))}
          </fieldset>
          <p className="whatif__hint" data-testid="what-if-point">
            The fork starts at {point.label}, {when(point)}.
          </p>
          {options.length === 0 && <p className="whatif__hint">No consumer group to change.</p>}
          {options.map((o) => {
            const warning = forkWarning(
              o.group,
              point,
              anomalies,
              ended || active !== 0 ? runEvents : 0,
            );
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
                  forkAt(point, o.change, `${o.group}: ${o.label}`, warning);
                }}
              >
                <span>
                  <b>{o.group}</b>: {o.label}
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
