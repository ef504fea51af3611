/** Undo/redo: whole design snapshots (cheap: edits are immutable, so snapshots share structure). */
import type { DesignSlice } from './designSlice';

export type Snapshot = Pick<DesignSlice, 'nodes' | 'edges' | 'settings' | 'origin'>;

export interface HistorySlice {
  past: Snapshot[];
  future: Snapshot[];
}

/** Redux DevTools' maxAge: memory stays bounded. */
export const MAX_HISTORY = 100;

export const historySlice = (): HistorySlice => ({ past: [], future: [] });
