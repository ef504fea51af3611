import { selectColorBy, selectTheme } from '../../store/selectors';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/store';
import { setColorBy, setHelpOpen, toggleTheme } from '../../store/uiActions';
import type { ColorBy } from '../../store/uiSlice';
import { MoonIcon, SunIcon } from './icons';

/** How records are coloured; light/dark theme; help. */
export function ViewTools() {
  const t = useT();
  const colorBy = useAppStore(selectColorBy);
  const theme = useAppStore(selectTheme);
  return (
    <div className="button-group">
      <label className="field">
        <select
          className="select"
          aria-label={t('toolbar.colorBy')}
          value={colorBy}
          onChange={(e) => setColorBy(e.target.value as ColorBy)}
          data-testid="color-by"
          title={t('toolbar.colorBy.title')}
        >
          <option value="key">{t('toolbar.colorBy.key')}</option>
          <option value="type">{t('toolbar.colorBy.type')}</option>
        </select>
      </label>
      <button
        type="button"
        className="button button--icon"
        onClick={toggleTheme}
        title={theme === 'dark' ? t('toolbar.theme.toLight') : t('toolbar.theme.toDark')}
        aria-label={t('toolbar.theme.toggle')}
        data-testid="theme-toggle"
      >
        {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
      </button>
      <button
        type="button"
        className="button button--icon"
        onClick={() => setHelpOpen(true)}
        title={t('toolbar.help.title')}
        aria-label={t('toolbar.help')}
        data-testid="help"
      >
        ?
      </button>
    </div>
  );
}
