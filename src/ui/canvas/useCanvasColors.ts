import { useMemo } from 'react';
import { selectTheme } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import type { StripColors } from './drawStrips';

/** Canvas colours from the theme's CSS variables (canvas cannot use var()); re-read on theme change. */
export function useCanvasColors(): StripColors {
  const theme = useAppStore(selectTheme);
  return useMemo(() => {
    void theme;
    const css = typeof document === 'undefined' ? null : getComputedStyle(document.documentElement);
    const v = (name: string, fallback: string) => css?.getPropertyValue(name).trim() || fallback;
    return {
      track: v('--strip-track', '#edf0f4'),
      empty: v('--strip-empty', '#c3cad3'),
      hw: v('--strip-hw', '#1d2733'),
      volume: v('--strip-volume', '#9db7ea'),
      commit: v('--ok', '#1f9d55'),
      abort: v('--danger', '#d23c3c'),
      lso: v('--warn', '#b86f00'),
    };
  }, [theme]);
}
