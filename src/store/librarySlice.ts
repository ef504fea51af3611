/**
 * Which document is open and what the library holds. The open document is either a design in
 * the library (autosaved) or an unsaved one opened from a built-in, a link, "New" or a set-aside
 * text: it joins the library with the first edit, so opening things never overwrites saved work.
 */
import type { Msg } from '../i18n';
import type { ShareState } from '../insight';
import type { AsideEntry, LibraryEntry } from './library';

export type CurrentDoc =
  | { kind: 'design'; id: string; name: string }
  | { kind: 'unsaved'; source: 'builtIn' | 'link' | 'new' | 'recovered'; label: string };

/** A recorded run that an edit replaced: its recipe (scenario, seed, forks, cursor) re-records it. */
export interface PreviousRun {
  id: number;
  /** "Runs A, B (2 runs) of “Order flow” before the edit at 19:42:10". */
  label: string;
  share: ShareState;
}

/** A short message with at most one action, shown at the bottom of the window. */
export interface LibraryToast {
  id: number;
  /** Rendered in the reader's language when shown (switching language re-renders it). */
  message: Msg;
  action: {
    kind: 'undoDelete' | 'undoDiscard' | 'openPreviousRun';
    label: Msg;
    ref: string;
  } | null;
}

export interface LibrarySlice {
  doc: CurrentDoc;
  library: LibraryEntry[];
  aside: AsideEntry[];
  toast: LibraryToast | null;
  previousRuns: PreviousRun[];
}

export const MAX_PREVIOUS_RUNS = 5;

export function librarySlice(
  doc: CurrentDoc,
  library: LibraryEntry[] = [],
  aside: AsideEntry[] = [],
): LibrarySlice {
  return { doc, library, aside, toast: null, previousRuns: [] };
}
