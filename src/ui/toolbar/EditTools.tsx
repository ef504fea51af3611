import { useReactFlow } from '@xyflow/react';
import { autoLayout } from '../../store/designActions';
import { redo, undo } from '../../store/historyActions';
import { selectCanRedo, selectCanUndo } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { LayoutIcon, RedoIcon, UndoIcon } from './icons';

/** Undo, redo, auto-layout. */
export function EditTools() {
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const { fitView } = useReactFlow();
  return (
    <div className="button-group" role="group" aria-label="Edit">
      <button type="button" className="button button--icon" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)" aria-label="Undo" data-testid="undo">
        <UndoIcon />
      </button>
      <button type="button" className="button button--icon" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" aria-label="Redo" data-testid="redo">
        <RedoIcon />
      </button>
      <button
        type="button"
        className="button button--icon"
        onClick={() => {
          autoLayout();
          requestAnimationFrame(() => void fitView({ padding: 0.06, duration: 200 }));
        }}
        title="Auto-layout (L)"
        aria-label="Auto-layout"
        data-testid="auto-layout"
      >
        <LayoutIcon />
      </button>
    </div>
  );
}
