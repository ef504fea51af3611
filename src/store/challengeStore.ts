/**
 * The challenge the reader works on (a small store of its own, beside the app store): which
 * challenge is open, the hints shown, the live check of the open design, and progress.
 *
 * Opening a challenge opens its start scenario as a NEW unsaved document (the user's designs
 * are never overwritten; the first edit keeps it in "My designs" like any document). After every
 * edit the design is compiled as the app compiles it, the moves and constraint violations are
 * worked out at once, and the goal is checked in a worker (src/learn/checkClient.ts); a check
 * superseded by a newer edit is cancelled.
 *
 * Progress is saved in localStorage (bounded parse on load; a corrupt value is kept aside under
 * its own key, never thrown away, and the reader is told) and can be exported and imported.
 */
import { create } from 'zustand';
import { challengeDocuments } from '../challenges';
import { compile, decompile } from '../diagram';
import type { Scenario } from '../engine';
import { getLocale, msg, type Msg } from '../i18n';
import {
  challengeMoves,
  challengeStart,
  constraintViolations,
  parseChallenge,
  verdict,
  type ChallengeCheck,
} from '../learn/challenge';
import { browserCheckClient, type CheckClient } from '../learn/checkClient';
import {
  better,
  emptyProgress,
  MAX_PROGRESS_CHARS,
  mergeProgress,
  parseProgressText,
  progressText,
  type Progress,
} from '../learn/progress';
import type { Challenge } from '../learn/types';
import { storage } from './autosave';
import { openDocument } from './libraryActions';
import { useAppStore } from './store';

export const PROGRESS_KEY = 'eventflow.challenges.progress';
export const PROGRESS_ASIDE_KEY = 'eventflow.challenges.progress.setAside';

/** The shipped challenges, parsed once (a shipped one that does not parse is left out; a test fails). */
export const challenges: readonly Challenge[] = challengeDocuments.flatMap((d) => {
  const p = parseChallenge(d);
  return p.ok ? [p.challenge] : [];
});

export type LiveCheck =
  | { status: 'idle' }
  /** Moves and violations are known; the goal is being checked. */
  | { status: 'checking'; moves: number; violations: Msg[] }
  | { status: 'done'; result: ChallengeCheck }
  /** The design does not compile, or the check could not run. */
  | { status: 'problem'; message: Msg; moves: number; violations: Msg[] };

export interface ChallengeState {
  activeId: string | null;
  /** How many hints of the open challenge are shown. */
  hintsShown: number;
  check: LiveCheck;
  progress: Progress;
  /** A notice about progress (a corrupt saved value set aside, an import refused or done). */
  progressNotice: { tone: 'error' | 'info'; message: Msg } | null;
}

function loadProgress(): Pick<ChallengeState, 'progress' | 'progressNotice'> {
  let text: string | null;
  try {
    text = storage().getItem(PROGRESS_KEY);
  } catch {
    text = null;
  }
  if (text === null) return { progress: emptyProgress(), progressNotice: null };
  const p = parseProgressText(text);
  if (p.ok) return { progress: p.progress, progressNotice: null };
  try {
    storage().setItem(PROGRESS_ASIDE_KEY, text);
    storage().removeItem(PROGRESS_KEY);
  } catch {
    // Storage refused: the corrupt value stays where it was; nothing is lost either way.
  }
  return {
    progress: emptyProgress(),
    progressNotice: {
      tone: 'error',
      message: msg('challenges.progress.setAside', { error: p.error }),
    },
  };
}

export const useChallengeStore = create<ChallengeState>(() => ({
  activeId: null,
  hintsShown: 0,
  check: { status: 'idle' },
  ...loadProgress(),
}));

function saveProgress(p: Progress): void {
  useChallengeStore.setState({ progress: p });
  try {
    storage().setItem(PROGRESS_KEY, progressText(p));
  } catch {
    useChallengeStore.setState({
      progressNotice: { tone: 'error', message: msg('challenges.progress.notSaved') },
    });
  }
}

export function findChallenge(id: string | null): Challenge | undefined {
  return id === null ? undefined : challenges.find((c) => c.id === id);
}

// ---------------------------------------------------------------------------------------------
// The live check

let client: CheckClient | null = null;
let unsubscribe: (() => void) | null = null;
/** The start as the editor sees it (compiled from its own design), for counting moves. */
let baseline: Scenario | null = null;
let generation = 0;

/** For tests: a check client that runs in-process. */
export function setCheckClient(c: CheckClient | null): void {
  client?.dispose();
  client = c;
}

function checkNow(c: Challenge): void {
  const gen = ++generation;
  const compiled = useAppStore.getState().compiled;
  if (!compiled.ok || !baseline) {
    useChallengeStore.setState({
      check: {
        status: 'problem',
        message: msg('challenges.panel.doesNotCompile'),
        moves: 0,
        violations: [],
      },
    });
    return;
  }
  const scenario = compiled.scenario;
  const moves = challengeMoves(baseline, scenario);
  const violations = constraintViolations(c.constraints, moves);
  useChallengeStore.setState({ check: { status: 'checking', moves: moves.length, violations } });
  client ??= browserCheckClient();
  void client.check(scenario, c.goal).then((o) => {
    if (gen !== generation || useChallengeStore.getState().activeId !== c.id) return;
    if (o.status === 'cancelled') return;
    if (o.status === 'error') {
      useChallengeStore.setState({
        check: { status: 'problem', message: o.error, moves: moves.length, violations },
      });
      return;
    }
    const result = verdict(c, moves, { ok: o.ok, feedback: o.feedback });
    useChallengeStore.setState({ check: { status: 'done', result } });
    if (result.solved) {
      const { progress } = useChallengeStore.getState();
      const entry = { moves: result.moves, score: result.score as 1 | 2 | 3 };
      const best = better(progress.solved[c.id], entry);
      if (best !== progress.solved[c.id])
        saveProgress({ solved: { ...progress.solved, [c.id]: best } });
    }
  });
}

/** Opens a challenge: its start scenario as a new document, and the live check. */
export function openChallenge(id: string): boolean {
  const c = findChallenge(id);
  if (!c) return false;
  const start = challengeStart(c);
  if (!start) return false;
  closeChallenge();
  // The document is named by the challenge's title in the reader's language (the start
  // scenario's own name and description are one-language data).
  const title = c.title[getLocale()];
  const named: Scenario = { ...start, name: title };
  delete named.description;
  const design = decompile(named);
  const round = compile(design);
  baseline = round.ok ? round.scenario : start;
  useChallengeStore.setState({ activeId: id, hintsShown: 0, check: { status: 'idle' } });
  openDocument(
    design,
    null,
    { kind: 'unsaved', source: 'builtIn', label: title },
    { relayout: true, remember: false },
  );
  let last = useAppStore.getState().compiled;
  unsubscribe = useAppStore.subscribe((s, prev) => {
    // Another document opened (openDocument starts a new history): the challenge ends. Its own
    // document being kept in My designs (or renamed) changes `doc` but not the history.
    if (s.doc !== prev.doc && (s.past !== prev.past || s.doc.kind !== 'design')) {
      closeChallenge();
      return;
    }
    if (s.compiled === last) return;
    last = s.compiled;
    checkNow(c);
  });
  checkNow(c);
  return true;
}

/** Leaves the challenge (the document stays open). */
export function closeChallenge(): void {
  unsubscribe?.();
  unsubscribe = null;
  baseline = null;
  generation++;
  // Stops a check in flight (its worker too); the client starts a new worker when next asked.
  client?.dispose();
  useChallengeStore.setState({ activeId: null, hintsShown: 0, check: { status: 'idle' } });
}

export function showNextHint(): void {
  const c = findChallenge(useChallengeStore.getState().activeId);
  if (!c) return;
  useChallengeStore.setState((s) => ({ hintsShown: Math.min(c.hints.length, s.hintsShown + 1) }));
}

// ---------------------------------------------------------------------------------------------
// Progress files

export function progressExportText(): string {
  return progressText(useChallengeStore.getState().progress);
}

/** Imports a progress file: merged with what is here, each challenge keeping its best result. */
export function importProgressText(text: string): boolean {
  const p = parseProgressText(text);
  if (!p.ok) {
    useChallengeStore.setState({
      progressNotice: {
        tone: 'error',
        message: msg('challenges.progress.importFailed', { error: p.error }),
      },
    });
    return false;
  }
  const merged = mergeProgress(useChallengeStore.getState().progress, p.progress);
  saveProgress(merged);
  useChallengeStore.setState({
    progressNotice: {
      tone: 'info',
      message: msg('challenges.progress.imported', { n: Object.keys(p.progress.solved).length }),
    },
  });
  return true;
}

/** A progress file refused unread (far too large). */
export function refuseProgressFile(): void {
  useChallengeStore.setState({
    progressNotice: {
      tone: 'error',
      message: msg('challenges.progress.importFailed', {
        error: msg('challenges.progress.tooLarge', { max: MAX_PROGRESS_CHARS }),
      }),
    },
  });
}

export const dismissProgressNotice = (): void =>
  useChallengeStore.setState({ progressNotice: null });
