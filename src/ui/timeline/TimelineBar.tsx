import { memo, useState } from 'react';
import { renderMsg, useLocale, useT } from '../../i18n';
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
  const t = useT();
  const locale = useLocale();
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
    <section className="timeline" aria-label={t('timeline.label')} data-testid="timeline">
      <div className="timeline__row">
        <div className="button-group" role="group" aria-label={t('timeline.controls')}>
          <button
            type="button"
            className="button button--icon"
            onClick={seekStart}
            title={t('timeline.start.title')}
            aria-label={t('timeline.start')}
            data-testid="tl-start"
          >
            <ToStartIcon />
          </button>
          <button
            type="button"
            className="button button--icon"
            onClick={() => stepEvents(-1)}
            title={t('timeline.back.title')}
            aria-label={t('timeline.back')}
            data-testid="tl-back"
          >
            <StepBackIcon />
          </button>
          {moving ? (
            <button
              type="button"
              className="button button--icon button--primary"
              onClick={pause}
              title={t('timeline.pause.title')}
              aria-label={t('timeline.pause')}
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
              title={t('timeline.play.title')}
              aria-label={t('timeline.play')}
              data-testid="tl-play"
            >
              <PlayIcon />
            </button>
          )}
          <button
            type="button"
            className="button button--icon"
            onClick={() => stepEvents(1)}
            title={t('timeline.step.title')}
            aria-label={t('timeline.step')}
            data-testid="tl-step"
          >
            <StepIcon />
          </button>
          <button
            type="button"
            className="button"
            onClick={() => stepTime(1000)}
            title={t('timeline.stepMs.title')}
            data-testid="tl-step-ms"
          >
            {t('timeline.stepMs')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => stepAnomaly(1)}
            title={t('timeline.nextAnomaly.title')}
            data-testid="tl-next-anomaly"
          >
            {t('timeline.nextAnomaly')}
          </button>
          <button
            type="button"
            className={`button${live ? ' is-live' : ''}`}
            onClick={goLive}
            title={atHead ? t('timeline.live.atHead') : t('timeline.live.title')}
            data-testid="tl-live"
            data-live={live}
          >
            {live ? t('timeline.live.on') : t('timeline.live')}
          </button>
        </div>
        <span
          className="timeline__time num"
          data-testid="cursor-time"
          data-time-us={shown}
          data-index={cursor?.index ?? ''}
        >
          {formatSimTime(shown, locale)}
        </span>
        <SpeedMenu />
        {trimmedBeforeUs !== null && (
          <span
            className="timeline__trimmed"
            role="note"
            data-testid="history-trimmed"
            title={t('timeline.trimmed.title')}
          >
            {t('timeline.trimmed', { time: formatSimTime(trimmedBeforeUs, locale) })}
          </span>
        )}
        <span className="toolbar__spacer" />
        {runs.length > 1 && (
          <label className="field timeline__runs">
            <span className="field__label">{t('timeline.run')}</span>
            <select
              className="select"
              aria-label={t('timeline.run')}
              title={renderMsg(locale, runs.find((r) => r.id === active)?.label ?? '')}
              value={active}
              onChange={(e) => switchRun(Number(e.target.value))}
              data-testid="run-switcher"
            >
              {runs.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.busy
                    ? t('timeline.run.recording', { title: runTitle(r) })
                    : renderMsg(locale, runTitle(r))}
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
          title={t('timeline.faultLanes.title')}
        >
          {t('timeline.faultLanes', { n: faultCount })}
        </button>
        <WhatIfMenu />
        <ShareButton />
      </div>
      <Scrubber />
      {lanesOpen && <FaultLanes />}
    </section>
  );
});
