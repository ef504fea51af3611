/**
 * The lesson player's own small store (not a slice of the app store): the open lesson and its
 * resolved scenarios, the step shown, what the canvas and the scrubber highlight, the task's
 * hints and check, presenter mode, and a lesson file's problems. Actions: lessonActions.ts.
 */
import { create } from 'zustand';
import type { Scenario } from '../engine';
import type { Msg } from '../i18n';
import type { LessonError } from '../learn/lesson';
import type { Lesson } from '../learn/types';

export type TaskCheck =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'done'; ok: boolean; feedback: Msg; outside: Msg[] }
  | { status: 'problem'; message: Msg };

export interface LessonFileProblem {
  /** The file's name, or the lesson's id for a shipped one. */
  source: string;
  errors: LessonError[];
}

export interface LessonState {
  lesson: Lesson | null;
  /** The Scenario each step runs (resolveLessonSteps). */
  scenarios: Scenario[];
  step: number;
  /** The step is being entered: its scenario loading, the run recording up to its atMs. */
  entering: boolean;
  /** Names (topic, producer id, group id) outlined on the canvas. */
  nodes: readonly string[];
  /** Sim ms shaded on the scrubber. */
  range: { fromMs: number; toMs: number } | null;
  hintsShown: number;
  check: TaskCheck;
  presenter: boolean;
  /** Height of the insight panel in presenter mode (px), remembered. */
  bottomPx: number;
  problem: LessonFileProblem | null;
}

export const BOTTOM_PX_KEY = 'eventflow.presenter.bottomPx';
export const DEFAULT_BOTTOM_PX = 230;
export const MIN_BOTTOM_PX = 120;
export const MAX_BOTTOM_PX = 900;

export function clampBottom(px: number): number {
  return Number.isFinite(px)
    ? Math.round(Math.min(MAX_BOTTOM_PX, Math.max(MIN_BOTTOM_PX, px)))
    : DEFAULT_BOTTOM_PX;
}

function storedBottom(): number {
  try {
    const v = globalThis.localStorage?.getItem(BOTTOM_PX_KEY);
    return v === null || v === undefined ? DEFAULT_BOTTOM_PX : clampBottom(Number(v));
  } catch {
    return DEFAULT_BOTTOM_PX;
  }
}

export const NO_NODES: readonly string[] = [];

export const useLessonStore = create<LessonState>(() => ({
  lesson: null,
  scenarios: [],
  step: 0,
  entering: false,
  nodes: NO_NODES,
  range: null,
  hintsShown: 0,
  check: { status: 'idle' },
  presenter: false,
  bottomPx: storedBottom(),
  problem: null,
}));

/** Whether the canvas outlines the entity named `name` (a selector for node views). */
export const selectLessonHighlight = (name: string) => (s: LessonState) => s.nodes.includes(name);
