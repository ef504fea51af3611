/**
 * The one app store, composed of slices. It holds data only: actions are plain module-level
 * functions (designActions, historyActions, fileActions, simActions) that call setState.
 */
import { create } from 'zustand';
import { decompile, type Design } from '../diagram';
import { restoreAutosave, restoreProblem } from './autosave';
import { DEFAULT_SCENARIO_ID, findScenario } from './catalog';
import { derive, type DerivedSlice } from './derivedSlice';
import { designSlice, emptySettings, type DesignSlice } from './designSlice';
import { historySlice, type HistorySlice } from './historySlice';
import { simSlice, type SimSlice } from './simSlice';
import { timelineSlice, type TimelineSlice } from './timelineSlice';
import { uiSlice, type Theme, type UiSlice } from './uiSlice';

export type AppState = DesignSlice & DerivedSlice & HistorySlice & SimSlice & TimelineSlice & UiSlice;

export const DEFAULT_DURATION_MS = 10_000;

export function endUsOf(d: Pick<Design, 'settings'>): number {
  const ms = d.settings.durationMs;
  return Math.round((typeof ms === 'number' && ms > 0 ? ms : DEFAULT_DURATION_MS) * 1000);
}

/** The default design: the seed's order flow. */
export function defaultDesign(): { design: Design; origin: string | null } {
  const entry = findScenario(DEFAULT_SCENARIO_ID);
  if (entry?.ok) return { design: decompile(entry.scenario), origin: entry.id };
  return { design: { settings: emptySettings(), nodes: [], edges: [] }, origin: null };
}

function initialTheme(): Theme {
  try {
    const saved = globalThis.localStorage?.getItem('eventflow.theme');
    if (saved === 'light' || saved === 'dark') return saved;
    return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

function initialState(): AppState {
  const restored = restoreAutosave();
  const { design, origin } = restored ?? defaultDesign();
  return {
    ...designSlice(design, origin),
    ...derive(design),
    ...historySlice(),
    ...simSlice(endUsOf(design)),
    ...timelineSlice(),
    ...uiSlice(initialTheme()),
    relayoutPending: !restored,
    notice: restoreProblem ? { tone: 'error', title: 'Autosave could not be restored', lines: [restoreProblem] } : null,
  };
}

export const useAppStore = create<AppState>()(initialState);

/** The design part of the state, as the pure diagram functions take it. */
export function currentDesign(s: AppState = useAppStore.getState()): Design {
  return { settings: s.settings, nodes: s.nodes, edges: s.edges };
}
