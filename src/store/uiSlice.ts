/** UI preferences and transient messages. */
import type { Msg } from '../i18n';
import type { Text } from './messages';

export type Theme = 'light' | 'dark';
export type ColorBy = 'key' | 'type';

export interface Notice {
  tone: 'error' | 'info';
  /** Messages are data, rendered in the reader's language at display time. */
  title: Msg;
  /** Ours (Msg), or text from elsewhere (a validation error, a worker's message) as written. */
  lines: Text[];
  /** 'compile': Play was refused for the design's problems; the notice goes once they are fixed. */
  cause?: 'compile';
}

export interface UiSlice {
  theme: Theme;
  colorBy: ColorBy;
  helpOpen: boolean;
  /** The design settings panel is open (it shows when no node is selected). */
  settingsOpen: boolean;
  /** A message for the user (a refused play, a rejected file, an export made). */
  notice: Notice | null;
  /** Bumped to ask the canvas to fit the view (after a new design opens). */
  fitRequest: number;
  /** Lay out again with measured sizes once the canvas has measured the nodes. */
  relayoutPending: boolean;
}

export function uiSlice(theme: Theme = 'light'): UiSlice {
  return { theme, colorBy: 'key', helpOpen: false, settingsOpen: false, notice: null, fitRequest: 0, relayoutPending: false };
}
