/**
 * The one app store, composed of slices. It holds data only: actions are plain module-level
 * functions (designActions, historyActions, fileActions, simActions) that call setState.
 */
import { create } from 'zustand';
import { decompile, type Design } from '../diagram';
import { msg } from '../i18n';
import { bootDocument } from './autosave';
import { DEFAULT_SCENARIO_ID, findScenario } from './catalog';
import { derive, type DerivedSlice } from './derivedSlice';
import { designSlice, emptySettings, type DesignSlice } from './designSlice';
import { historySlice, type HistorySlice } from './historySlice';
import { librarySlice, type LibrarySlice } from './librarySlice';
import { simSlice, type SimSlice } from './simSlice';
import { timelineSlice, type TimelineSlice } from './timelineSlice';
import { uiSlice, type Theme, type UiSlice } from './uiSlice';

export type AppState = DesignSlice & DerivedSlice & HistorySlice & SimSlice & TimelineSlice & UiSlice & LibrarySlice;

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
  const boot = bootDocument();
  const { design, origin } = boot;
  return {
    ...designSlice(design, origin),
    ...derive(design),
    ...historySlice(),
    ...simSlice(endUsOf(design)),
    ...timelineSlice(),
    ...uiSlice(initialTheme()),
    ...librarySlice(boot.doc, boot.index.designs, boot.index.aside),
    relayoutPending: !boot.restored,
    notice: boot.problems.length > 0 ? { tone: 'error', title: msg('toolbar.boot.title'), lines: boot.problems } : null,
  };
}

export const useAppStore = create<AppState>()(initialState);

/** The design part of the state, as the pure diagram functions take it. */
export function currentDesign(s: AppState = useAppStore.getState()): Design {
  return { settings: s.settings, nodes: s.nodes, edges: s.edges };
}
