import { useRenderMsg, useT } from '../../i18n';
import { dismissToast, undoDelete, undoDiscard } from '../../store/libraryActions';
import { openPreviousRun } from '../../store/previousRuns';
import type { LibraryToast as Toast } from '../../store/librarySlice';
import { useAppStore } from '../../store/store';
import './library.css';

function run(action: NonNullable<Toast['action']>): void {
  if (action.kind === 'undoDelete') undoDelete(action.ref);
  else if (action.kind === 'undoDiscard') undoDiscard(action.ref);
  else void openPreviousRun(Number(action.ref));
}

/** A short message about the library (saved, deleted — with Undo, a kept run) at the bottom. */
export function LibraryToast() {
  const t = useT();
  const render = useRenderMsg();
  const toast = useAppStore((s) => s.toast);
  if (!toast) return null;
  return (
    <div className="lib-toast" role="status" data-testid="library-toast">
      <span>{render(toast.message)}</span>
      {toast.action && (
        <button
          type="button"
          className="button button--small button--primary"
          onClick={() => run(toast.action!)}
          data-testid="library-toast-action"
        >
          {render(toast.action.label)}
        </button>
      )}
      <button
        type="button"
        className="button button--small button--ghost"
        aria-label={t('toolbar.toast.dismiss')}
        onClick={dismissToast}
      >
        ✕
      </button>
    </div>
  );
}
