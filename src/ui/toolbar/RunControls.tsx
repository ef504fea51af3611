import { useT } from '../../i18n';
import { pause, play, reset } from '../../store/simActions';
import {
  selectCompiledOk,
  selectCursor,
  selectIssueCount,
  selectMoving,
  selectSimReady,
  selectStatus,
  selectTimeUs,
} from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { PauseIcon, PlayIcon, ResetIcon } from './icons';

/**
 * Play / Pause / Reset. Play stays pressable when the design has problems: pressing it says
 * what to fix. The worker confirms each change with a frame carrying its status.
 */
export function RunControls() {
  const t = useT();
  const status = useAppStore(selectStatus);
  const timeUs = useAppStore(selectTimeUs);
  const ready = useAppStore(selectSimReady);
  const ok = useAppStore(selectCompiledOk);
  const problems = useAppStore(selectIssueCount);
  const moving = useAppStore(selectMoving);
  const inHistory = useAppStore(selectCursor) !== null;
  const down = useAppStore((s) => s.workerDown);
  const canReset = down || status !== 'idle' || timeUs > 0;
  return (
    <div className="button-group" role="group" aria-label={t('toolbar.run.group')}>
      <button
        type="button"
        className={`button button--primary${ok ? '' : ' button--blocked'}`}
        onClick={play}
        disabled={!ready || moving || (status === 'ended' && !inHistory)}
        data-testid="play"
        title={ok ? t('toolbar.play.title') : t('toolbar.play.blocked', { n: problems })}
      >
        <PlayIcon /> {t('toolbar.play')}
      </button>
      <button
        type="button"
        className="button"
        onClick={pause}
        disabled={!moving}
        data-testid="pause"
      >
        <PauseIcon /> {t('toolbar.pause')}
      </button>
      <button
        type="button"
        className="button"
        onClick={reset}
        disabled={!canReset}
        data-testid="reset"
      >
        <ResetIcon /> {t('toolbar.reset')}
      </button>
    </div>
  );
}
