import { msg, useRenderMsg, useT } from '../../i18n';
import { dismissNotice } from '../../store/fileActions';
import { selectNotice, selectSimError } from '../../store/selectors';
import { useAppStore } from '../../store/store';

/** What the user should know: a refused play, a rejected file, a failed run. The diagram stays. */
export function NoticeBanner() {
  const t = useT();
  const render = useRenderMsg();
  const notice = useAppStore(selectNotice);
  const simError = useAppStore(selectSimError);
  const shown = simError
    ? { tone: 'error' as const, title: msg('toolbar.notice.simStopped'), lines: [simError] }
    : notice;
  if (!shown) return null;
  return (
    <div
      className={`banner banner--${shown.tone}`}
      role={shown.tone === 'error' ? 'alert' : 'status'}
      data-testid={shown.tone === 'error' ? 'app-error' : 'app-info'}
    >
      <div className="banner__body">
        <p className="banner__title">{render(shown.title)}</p>
        {shown.lines.length > 0 && (
          <ul className="banner__lines">
            {shown.lines.map((l, i) => (
              <li key={i}>{render(l)}</li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="button button--ghost" onClick={dismissNotice}>
        {t('toolbar.notice.dismiss')}
      </button>
    </div>
  );
}
