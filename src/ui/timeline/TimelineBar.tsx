import { memo, useState } from 'react';
import { pause, play } from '../../store/simActions';
import {
  selectActiveRun,
  selectCursor,
  selectMoving,
  selectRuns,
  selectShownTimeUs,
  selectSimReady,
  selectTrimmedBeforeUs,
} from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { goLive, seekStart, stepAnomaly, stepEvents, stepTime } from '../../store/timelineActions';
import { runTitle, switchRun } from '../../store/forkActions';
import { formatSimTime } from '../format';
import { PauseIcon, PlayIcon, StepBackIcon, StepIcon, ToStartIcon } from '../toolbar/icons';
import { SpeedMenu } from '../toolbar/SpeedMenu';
import { FaultLanes } from './FaultLanes';
import { Scrubber } from './Scrubber';
import { ShareButton } from './ShareButton';
import { WhatIfMenu } from './WhatIfMenu';

/**
 * Under the canvas: play/pause, steps (event, ms, anomaly), speed, the run switcher, "what if"
 * forks, and the scrubber. Keys: Space, ←/→ (Shift: 100 ms), N / Shift+N, Home/End.
 */
export const TimelineBar = memo(function TimelineBar() {
  const moving = useAppStore(selectMoving);
  const ready = useAppStore(selectSimReady);
  const shown = useAppStore(selectShownTimeUs);
  const cursor = useAppStore(selectCursor);
  const runs = useAppStore(selectRuns);
  const active = useAppStore(selectActiveRun);
  const status = useAppStore((s) => s.status);
  // Live: the canvas follows the head of the original run while it is being simulated.
  const atHead = cursor === null && active === 0;
  const live = atHead && status === 'playing';
  const [lanesOpen, setLanesOpen] = useState(false);
  const faultCount = useAppStore((s) => s.settings.faults.length);
  const trimmedBeforeUs = useAppStore(selectTrimmedBeforeUs);
  return (
    <section className="timeline" aria-label="Timeline" data-testid="timeline">
      <div className="timeline__row">
        <div className="button-group" role="group" aria-label="Timeline controls">
          <button
            type="button"
            className="button button--icon"
            onClick={seekStart}
            title="To the start (Home)"
            aria-label="To the start"
            data-testid="tl-start"
          >
            <ToStartIcon />
          </button>
          <button
            type="button"
            className="button button--icon"
            onClick={() => stepEvents(-1)}
            title="One event back (←)"
            aria-label="One event back"
            data-testid="tl-back"
          >
            <StepBackIcon />
          </button>
          {moving ? (
            <button
              type="button"
              className="button button--icon button--primary"
              onClick={pause}
              title="Pause (Space)"
              aria-label="Pause"
              data-testid="tl-pause"
            >
              <PauseIcon />
            </button>
          ) : (
            <button
              type="button"
              className="button button--icon button--primary"
              onClick={play}
              disabled={!ready}
              title="Play (Space)"
              aria-label="Play"
              data-testid="tl-play"
            >
              <PlayIcon />
            </button>
          )}
          <button
            type="button"
            className="button button--icon"
            onClick={() => stepEvents(1)}
            title="One event forward (→)"
            aria-label="One event forward"
            data-testid="tl-step"
          >
            <StepIcon />
          </button>
          <button
            type="button"
            className="button"
            onClick={() => stepTime(1000)}
            title="One sim millisecond forward (. ; , goes back)"
            data-testid="tl-step-ms"
          >
            +1 ms
          </button>
          <button
            type="button"
            className="button"
            onClick={() => stepAnomaly(1)}
            title="Next anomaly (N; Shift+N: previous)"
            data-testid="tl-next-anomaly"
          >
            Next anomaly
          </button>
          <button
            type="button"
            className={`button${live ? ' is-live' : ''}`}
            onClick={goLive}
            title={
              atHead ? 'The canvas shows the head of the original run' : 'To the live head (End)'
            }
            data-testid="tl-live"
            data-live={live}
          >
            {live ? '● Live' : 'Live'}
          </button>
        </div>
        <span
          className="timeline__time num"
          data-testid="cursor-time"
          data-time-us={shown}
          data-index={cursor?.index ?? ''}
        >
          {formatSimTime(shown)}
        </span>
        <SpeedMenu />
        {trimmedBeforeUs !== null && (
          <span
            className="timeline__trimmed"
            role="note"
            data-testid="history-trimmed"
            title="The oldest history was folded away to keep the tab's memory bounded; scrubbing starts here."
          >
            history before {formatSimTime(trimmedBeforeUs)} trimmed
          </span>
        )}
        <span className="toolbar__spacer" />
        {runs.length > 1 && (
          <label className="field timeline__runs">
            <span className="field__label">Run</span>
            <select
              className="select"
              aria-label="Run"
              title={runs.find((r) => r.id === active)?.label}
              value={active}
              onChange={(e) => switchRun(Number(e.target.value))}
              data-testid="run-switcher"
            >
              {runs.map((r) => (
                <option key={r.id} value={r.id}>
                  {runTitle(r)}
                  {r.busy ? ' (recording…)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          className={`button${lanesOpen ? ' is-on' : ''}`}
          aria-expanded={lanesOpen}
          onClick={() => setLanesOpen(!lanesOpen)}
          data-testid="toggle-fault-lanes"
          title="Scheduled faults on lanes: drag to add or move"
        >
          Fault lanes{faultCount > 0 ? ` (${faultCount})` : ''}
        </button>
        <WhatIfMenu />
        <ShareButton />
      </div>
      <Scrubber />
      {lanesOpen && <FaultLanes />}
    </section>
  );
});
