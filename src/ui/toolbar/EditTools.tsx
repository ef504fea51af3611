import { useReactFlow } from '@xyflow/react';
import { autoLayout } from '../../store/designActions';
import { redo, undo } from '../../store/historyActions';
import { selectCanRedo, selectCanUndo } from '../../store/selectors';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/store';
import { LayoutIcon, RedoIcon, UndoIcon } from './icons';

/** Undo, redo, auto-layout. */
export function EditTools() {
  const t = useT();
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const { fitView } = useReactFlow();
  return (
    <div className="button-group" role="group" aria-label={t('toolbar.edit')}>
      <button
        type="button"
        className="button button--icon"
        onClick={undo}
        disabled={!canUndo}
        title={t('toolbar.undo.title')}
        aria-label={t('toolbar.undo')}
        data-testid="undo"
      >
        <UndoIcon />
      </button>
      <button
        type="button"
        className="button button--icon"
        onClick={redo}
        disabled={!canRedo}
        title={t('toolbar.redo.title')}
        aria-label={t('toolbar.redo')}
        data-testid="redo"
      >
        <RedoIcon />
      </button>
      <button
        type="button"
        className="button button--icon"
        onClick={() => {
          autoLayout();
          requestAnimationFrame(() => void fitView({ padding: 0.06, duration: 200 }));
        }}
        title={t('toolbar.autoLayout.title')}
        aria-label={t('toolbar.autoLayout')}
        data-testid="auto-layout"
      >
        <LayoutIcon />
      </button>
    </div>
  );
}
