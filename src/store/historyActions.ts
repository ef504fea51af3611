/** Undo and redo over design snapshots. A restored design recompiles and reloads like any edit. */
import { applyDesign, snapshot } from './designActions';
import { MAX_HISTORY } from './historySlice';
import { useAppStore } from './store';

export function undo(): void {
  const s = useAppStore.getState();
  const prev = s.past.at(-1);
  if (!prev) return;
  const now = snapshot(s);
  applyDesign(prev, 'none');
  useAppStore.setState({ past: s.past.slice(0, -1), future: [now, ...s.future].slice(0, MAX_HISTORY) });
}

export function redo(): void {
  const s = useAppStore.getState();
  const next = s.future[0];
  if (!next) return;
  const now = snapshot(s);
  applyDesign(next, 'none');
  useAppStore.setState({ past: [...s.past, now].slice(-MAX_HISTORY), future: s.future.slice(1) });
}
