import { setSpeed } from '../../store/simActions';
import { selectSpeed } from '../../store/selectors';
import { SPEEDS } from '../../store/simSlice';
import { useAppStore } from '../../store/store';

/** Sim seconds per wall second. */
export function SpeedMenu() {
  const speed = useAppStore(selectSpeed);
  return (
    <label className="field" title="Speed: sim seconds per wall second">
      <select className="select" aria-label="Speed" value={speed} onChange={(e) => setSpeed(e.target.value === 'max' ? 'max' : Number(e.target.value))} data-testid="speed">
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s === 'max' ? 'as fast as possible' : `${s}×`}
          </option>
        ))}
      </select>
    </label>
  );
}
