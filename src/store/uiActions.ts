/** UI preferences: theme (saved), colour mode, help panel. */
import type { ColorBy, Theme } from './uiSlice';
import { useAppStore } from './store';

export function setTheme(theme: Theme): void {
  // Before the state change, so canvases that read the theme's CSS variables on it see the new ones.
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
  useAppStore.setState({ theme });
  try {
    globalThis.localStorage?.setItem('eventflow.theme', theme);
  } catch {
    // Not saved: the theme still applies for this session.
  }
}

export const toggleTheme = (): void => setTheme(useAppStore.getState().theme === 'dark' ? 'light' : 'dark');
export const setColorBy = (colorBy: ColorBy): void => useAppStore.setState({ colorBy });
export const setHelpOpen = (helpOpen: boolean): void => useAppStore.setState({ helpOpen });
export const doneFitting = (): void => useAppStore.setState({ relayoutPending: false });
export const setSettingsOpen = (settingsOpen: boolean): void => useAppStore.setState({ settingsOpen });
