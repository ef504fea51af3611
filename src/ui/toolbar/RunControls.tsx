import { pause, play, reset } from '../../store/simActions';
import { selectSimReady, selectStatus, selectTimeUs } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { PauseIcon, PlayIcon, ResetIcon } from './icons';

/** Play / Pause / Reset. The worker confirms each change with a frame carrying its status. */
export function RunControls() {
  const status = useAppStore(selectStatus);
  const timeUs = useAppStore(selectTimeUs);
  const ready = useAppStore(selectSimReady);
  const canReset = status !== 'idle' || timeUs > 0;
  return (
    <div className="button-group" role="group" aria-label="Run controls">
      <button type="button" className="button button--primary" onClick={play} disabled={!ready || status === 'playing' || status === 'ended'} data-testid="play">
        <PlayIcon /> Play
      </button>
      <button type="button" className="button" onClick={pause} disabled={status !== 'playing'} data-testid="pause">
        <PauseIcon /> Pause
      </button>
      <button type="button" className="button" onClick={reset} disabled={!canReset} data-testid="reset">
        <ResetIcon /> Reset
      </button>
    </div>
  );
}
