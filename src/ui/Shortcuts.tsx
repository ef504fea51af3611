import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { autoLayout, copySelection, deleteSelection, paste, selectAll, selectOnly } from '../store/designActions';
import { redo, undo } from '../store/historyActions';
import { togglePlay } from '../store/simActions';
import { seekEnd, seekStart, stepAnomaly, stepEvents, stepTime } from '../store/timelineActions';
import { useAppStore } from '../store/store';
import { setHelpOpen } from '../store/uiActions';

/** True when a key press belongs to a form field, not to the canvas. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The keyboard shortcuts listed in the help panel (HelpPanel.SHORTCUTS). */
export function Shortcuts() {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const act = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (mod && key === 'z') return act(e.shiftKey ? redo : undo);
      if (mod && key === 'y') return act(redo);
      if (mod && key === 'c') return void copySelection();
      if (mod && key === 'v') return act(paste);
      if (mod && key === 'd') return act(() => copySelection() > 0 && paste());
      if (mod && key === 'a') return act(selectAll);
      if (mod || e.altKey) return;
      if (key === 'delete' || key === 'backspace') return act(deleteSelection);
      if (key === ' ' && (e.target as HTMLElement | null)?.tagName !== 'BUTTON') return act(togglePlay);
      if (key === 'arrowright' || key === 'arrowleft') {
        const dir = key === 'arrowright' ? 1 : -1;
        return act(() => (e.shiftKey ? stepTime(dir * 100_000) : stepEvents(dir)));
      }
      if (key === '.' || key === ',') return act(() => stepTime(key === '.' ? 1000 : -1000));
      if (key === 'n') return act(() => void stepAnomaly(e.shiftKey ? -1 : 1));
      if (key === 'home') return act(seekStart);
      if (key === 'end') return act(seekEnd);
      if (key === 'l') return act(() => (autoLayout(), requestAnimationFrame(() => void fitView({ padding: 0.06, duration: 200 }))));
      if (key === 'f') return act(() => void fitView({ padding: 0.06, duration: 200 }));
      if (key === '?') return act(() => setHelpOpen(!useAppStore.getState().helpOpen));
      if (key === 'escape') return act(() => (setHelpOpen(false), selectOnly(null)));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fitView]);
  return null;
}
