/**
 * The lesson player: open a lesson (shipped, or a file: parsed like any untrusted input), enter
 * a step (its scenario as a new document when it differs from the one loaded, the cursor at its
 * atMs: recording the run forward at max speed first when it has not got there), next / back /
 * restart (back is time travel: a seek within the same run, or the earlier scenario reloaded),
 * narration links, highlights, the task's hints and check, presenter mode.
 */
import { compile, decompile, entityName } from '../diagram';
import type { Scenario } from '../engine';
import { getLocale, msg } from '../i18n';
import { challengeMoves, constraintViolations } from '../learn/challenge';
import { browserCheckClient, type CheckClient } from '../learn/checkClient';
import { parseLesson, parseLessonJson, resolveLessonSteps } from '../learn/lesson';
import type { LinkTarget } from '../learn/markdown';
import type { Lesson } from '../learn/types';
import { findScenario } from './catalog';
import { closeChallenge } from './challengeStore';
import { selectOnly } from './designActions';
import { finishRoot } from './forkActions';
import { dismissToast, openDocument } from './libraryActions';
import { pause, playLive, setSpeed } from './simActions';
import { useAppStore, type AppState } from './store';
import { seekTime, selectAnomalyById } from './timelineActions';
import { BOTTOM_PX_KEY, clampBottom, NO_NODES, useLessonStore } from './lessonStore';

const builtIn = (id: string): Scenario | undefined => {
  const e = findScenario(id);
  return e?.ok ? e.scenario : undefined;
};

/** The step scenario the editor holds (as JSON), and the design compiled from it right after. */
let loaded: { key: string; compiled: string } | null = null;
/** The design the task's moves are counted from (the step's scenario as the editor compiles it). */
let baseline: Scenario | null = null;
/** Bumped by every step entry and link: an older wait for the run gives up. */
let token = 0;
let client: CheckClient | null = null;
let checkGen = 0;

const compiledJson = (s: AppState): string | null =>
  s.compiled.ok ? JSON.stringify(s.compiled.scenario) : null;

/**
 * Opens a lesson given as parsed JSON. A lesson that does not read (or whose steps do not
 * resolve) changes nothing and is reported with every problem's path. Returns whether it opened.
 */
export function openLesson(raw: unknown, source: string): boolean {
  const r = parseLesson(raw);
  if (!r.ok) {
    useLessonStore.setState({ problem: { source, errors: r.errors } });
    return false;
  }
  return openParsed(r.lesson, source);
}

/** Opens a lesson file's text (Learn ▸ Open lesson file…). */
export function openLessonText(text: string, fileName: string): boolean {
  const r = parseLessonJson(text);
  if (!r.ok) {
    useLessonStore.setState({ problem: { source: fileName, errors: r.errors } });
    return false;
  }
  return openParsed(r.lesson, fileName);
}

function openParsed(lesson: Lesson, source: string): boolean {
  const steps = resolveLessonSteps(lesson, builtIn);
  if (!steps.ok) {
    useLessonStore.setState({ problem: { source, errors: steps.errors } });
    return false;
  }
  closeChallenge();
  loaded = null;
  useLessonStore.setState({
    lesson,
    scenarios: steps.scenarios,
    step: 0,
    problem: null,
    check: { status: 'idle' },
    hintsShown: 0,
  });
  enterStep(0);
  return true;
}

export function closeLesson(): void {
  token++;
  checkGen++;
  loaded = null;
  useLessonStore.setState({
    lesson: null,
    scenarios: [],
    step: 0,
    entering: false,
    nodes: NO_NODES,
    range: null,
    hintsShown: 0,
    check: { status: 'idle' },
  });
}

export const dismissLessonProblem = (): void => useLessonStore.setState({ problem: null });

export const nextStep = (): void => enterStep(useLessonStore.getState().step + 1);
export const previousStep = (): void => enterStep(useLessonStore.getState().step - 1);
export const restartLesson = (): void => enterStep(0);

/**
 * Shows step `i`: loads its scenario when the editor does not hold it (a different step
 * scenario, or the reader edited the design), highlights, and puts the cursor at its atMs.
 */
export function enterStep(i: number): void {
  const { lesson, scenarios } = useLessonStore.getState();
  const step = lesson?.steps[i];
  const scenario = scenarios[i];
  if (!lesson || !step || !scenario) return;
  checkGen++;
  const key = JSON.stringify(scenario);
  const s = useAppStore.getState();
  if (!loaded || loaded.key !== key || compiledJson(s) !== loaded.compiled) {
    token++;
    if (s.status === 'playing' || s.replaying) pause();
    const origin = 'builtIn' in step.scenario ? step.scenario.builtIn : null;
    // The document is named by the lesson's title in the reader's language (a step's scenario
    // names are one-language data).
    const title = lesson.title[getLocale()];
    const design = decompile(origin ? scenario : { ...scenario, name: title });
    const toast = s.toast;
    openDocument(
      design,
      origin,
      { kind: 'unsaved', source: 'builtIn', label: title },
      { relayout: true, remember: false },
    );
    // Moving between a lesson's steps is not an edit: the run it replaces needs no "kept" toast.
    const after = useAppStore.getState().toast;
    if (after !== toast && after?.action?.kind === 'openPreviousRun') dismissToast();
    loaded = { key, compiled: compiledJson(useAppStore.getState()) ?? '' };
    const round = compile(design);
    baseline = round.ok ? round.scenario : scenario;
  }
  const h = step.highlight;
  useLessonStore.setState({
    step: i,
    nodes: h?.nodes ?? NO_NODES,
    range:
      h && (h.fromMs !== undefined || h.toMs !== undefined)
        ? { fromMs: h.fromMs ?? 0, toMs: h.toMs ?? scenario.durationMs ?? h.fromMs ?? 0 }
        : null,
    hintsShown: 0,
    check: { status: 'idle' },
  });
  cursorTo(step.atMs ?? 0);
}

/**
 * Puts the cursor at `ms` on the original run: a seek when the run has been recorded that far,
 * else the run plays at max speed until it gets there (or ends), then the cursor lands.
 */
export function cursorTo(ms: number): void {
  const my = ++token;
  const atUs = Math.max(0, Math.round(ms * 1000));
  const s = useAppStore.getState();
  if (s.activeRun !== 0) useAppStore.setState({ activeRun: 0 });
  const reached = (st: AppState) => st.timeUs >= Math.min(atUs, st.endUs) || st.status === 'ended';
  const land = () => {
    seekTime(atUs);
    useLessonStore.setState({ entering: false });
  };
  // Nothing to run (the design does not compile, or is too large): the cursor goes where it can.
  if (reached(s) || !s.compiled.ok || s.tooHeavy) return land();
  useLessonStore.setState({ entering: true });
  const speed = s.speed;
  setSpeed('max');
  playLive();
  const unsubscribe = useAppStore.subscribe((st) => {
    if (my !== token) {
      unsubscribe();
      return;
    }
    if (!reached(st) && !st.simError) return;
    unsubscribe();
    setSpeed(speed);
    pause();
    land();
  });
}

/** A narration link was clicked. */
export function followLink(target: Exclude<LinkTarget, { kind: 'web' }>): void {
  switch (target.kind) {
    case 'cursor':
      cursorTo(target.ms);
      return;
    case 'anomaly': {
      const first = () => {
        const s = useAppStore.getState();
        return s.insight[s.activeRun]?.anomalies.find((a) => a.kind === target.anomaly);
      };
      const a = first();
      if (a) return selectAnomalyById(a.id);
      // Not found yet: record the run to its end, then look again.
      const my = ++token;
      finishRoot(() => {
        const later = first();
        if (later && my === token) selectAnomalyById(later.id);
      });
      return;
    }
    case 'node': {
      const node = useAppStore.getState().nodes.find((n) => entityName(n.data) === target.name);
      if (node) selectOnly(node.id);
      const { nodes } = useLessonStore.getState();
      if (!nodes.includes(target.name)) useLessonStore.setState({ nodes: [...nodes, target.name] });
      return;
    }
  }
}

export function showNextLessonHint(): void {
  const { lesson, step, hintsShown } = useLessonStore.getState();
  const hints = lesson?.steps[step]?.task?.hints ?? [];
  if (hintsShown < hints.length) useLessonStore.setState({ hintsShown: hintsShown + 1 });
}

/** Checks the step's task against the design as it is now, run headless in a worker. */
export function checkTask(): void {
  const { lesson, step } = useLessonStore.getState();
  const task = lesson?.steps[step]?.task;
  if (!task) return;
  const gen = ++checkGen;
  const compiled = useAppStore.getState().compiled;
  if (!compiled.ok) {
    useLessonStore.setState({
      check: { status: 'problem', message: msg('learn.task.doesNotCompile') },
    });
    return;
  }
  const outside =
    task.allow && baseline
      ? constraintViolations(
          { allow: task.allow, faults: { max: 1000 } },
          challengeMoves(baseline, compiled.scenario),
        )
      : [];
  useLessonStore.setState({ check: { status: 'checking' } });
  client ??= browserCheckClient();
  void client.check(compiled.scenario, task.goal).then((o) => {
    if (gen !== checkGen || o.status === 'cancelled') return;
    useLessonStore.setState({
      check:
        o.status === 'error'
          ? { status: 'problem', message: o.error }
          : { status: 'done', ok: o.ok && outside.length === 0, feedback: o.feedback, outside },
    });
  });
}

/** For tests: a check client that runs in-process. */
export function setLessonCheckClient(c: CheckClient | null): void {
  client?.dispose();
  client = c;
}

export function setPresenter(on: boolean): void {
  useLessonStore.setState({ presenter: on });
  if (typeof document !== 'undefined') {
    if (on) document.documentElement.dataset.presenter = 'on';
    else delete document.documentElement.dataset.presenter;
  }
  // The canvas changes size with the type: fit it to the view again.
  const s = useAppStore.getState();
  useAppStore.setState({ fitRequest: s.fitRequest + 1 });
}

export const togglePresenter = (): void => setPresenter(!useLessonStore.getState().presenter);

export function setBottomPx(px: number, remember = true): void {
  const v = clampBottom(px);
  useLessonStore.setState({ bottomPx: v });
  if (!remember) return;
  try {
    globalThis.localStorage?.setItem(BOTTOM_PX_KEY, String(v));
  } catch {
    // not remembered: the height still applies to this tab
  }
}
