import {
  selectCursor,
  selectEndUs,
  selectReplaying,
  selectShownTimeUs,
  selectStatus,
} from '../../store/selectors';
import { useT, type MessageKey } from '../../i18n';
import { useAppStore } from '../../store/store';
import { formatSimTime } from '../format';

const STATUS_LABEL: Record<string, MessageKey> = {
  idle: 'toolbar.status.idle',
  playing: 'toolbar.status.playing',
  paused: 'toolbar.status.paused',
  ended: 'toolbar.status.ended',
  history: 'toolbar.status.history',
  stopped: 'toolbar.status.stopped',
};

/** Sim time, the run's length and where it stands. */
export function SimClock() {
  const t = useT();
  const timeUs = useAppStore(selectShownTimeUs);
  const endUs = useAppStore(selectEndUs);
  const worker = useAppStore(selectStatus);
  const replaying = useAppStore(selectReplaying);
  const inHistory = useAppStore(selectCursor) !== null;
  const down = useAppStore((s) => s.workerDown);
  const status = down
    ? 'stopped'
    : replaying
      ? 'playing'
      : inHistory && worker !== 'idle'
        ? 'history'
        : worker;
  const progress = endUs > 0 ? Math.min(1, timeUs / endUs) : 0;
  return (
    <div className="clock" data-testid="sim-clock" data-status={status}>
      <span className={`status-pill status-pill--${status}`} data-testid="sim-status">
        {t(STATUS_LABEL[status] ?? 'toolbar.status.idle')}
      </span>
      <div className="clock__readout">
        <span className="clock__time num" data-testid="sim-time" data-time-us={timeUs}>
          {formatSimTime(timeUs)}
        </span>
        <span className="clock__end num">/ {formatSimTime(endUs)}</span>
      </div>
      <div
        className="clock__progress"
        role="progressbar"
        aria-label={t('toolbar.clock.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress * 100)}
      >
        <div className="clock__progress-fill" style={{ width: `${progress * 100}%` }} />
      </div>
    </div>
  );
}
