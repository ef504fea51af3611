import { setSpeed } from '../../store/simActions';
import { selectSpeed } from '../../store/selectors';
import { SPEEDS } from '../../store/simSlice';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/store';

/** Sim seconds per wall second. */
export function SpeedMenu() {
  const t = useT();
  const speed = useAppStore(selectSpeed);
  return (
    <label className="field" title={t('toolbar.speed.title')}>
      <select
        className="select"
        aria-label={t('toolbar.speed')}
        value={speed}
        onChange={(e) => setSpeed(e.target.value === 'max' ? 'max' : Number(e.target.value))}
        data-testid="speed"
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s === 'max' ? t('toolbar.speed.max') : t('toolbar.speed.times', { s })}
          </option>
        ))}
      </select>
    </label>
  );
}
