import { selectColorBy, selectTheme } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { setColorBy, setHelpOpen, toggleTheme } from '../../store/uiActions';
import type { ColorBy } from '../../store/uiSlice';
import { MoonIcon, SunIcon } from './icons';

/** How records are coloured; light/dark theme; help. */
export function ViewTools() {
  const colorBy = useAppStore(selectColorBy);
  const theme = useAppStore(selectTheme);
  return (
    <div className="button-group">
      <label className="field">
        <select className="select" aria-label="Colour records" value={colorBy} onChange={(e) => setColorBy(e.target.value as ColorBy)} data-testid="color-by" title="Colour of the records in partition strips">
          <option value="key">By key</option>
          <option value="type">By type</option>
        </select>
      </label>
      <button type="button" className="button button--icon" onClick={toggleTheme} title={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`} aria-label="Toggle theme" data-testid="theme-toggle">
        {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
      </button>
      <button type="button" className="button button--icon" onClick={() => setHelpOpen(true)} title="Keyboard shortcuts (?)" aria-label="Help" data-testid="help">
        ?
      </button>
    </div>
  );
}
