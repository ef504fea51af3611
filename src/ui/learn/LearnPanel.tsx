import { useEffect, useRef } from 'react';
import { isMsg, msg, useRenderMsg, useT, type Msg } from '../../i18n';
import { scenarioErrorMsg } from '../../diagram/validationText';
import type { LessonError, LessonErrorCode } from '../../learn/lesson';
import type { MessageKey } from '../../i18n';
import { useChallengeStore } from '../../store/challengeStore';
import {
  dismissLessonProblem,
  nextStep,
  previousStep,
  togglePresenter,
} from '../../store/lessonActions';
import { useLessonStore } from '../../store/lessonStore';
import { useAppStore } from '../../store/store';
import { ChallengePanel } from './challenges/ChallengePanel';
import { LessonPlayer } from './LessonPlayer';
import './learn.css';

const LESSON_ERROR_KEYS: Readonly<Record<LessonErrorCode, MessageKey>> = {
  version: 'learn.error.version',
  minEntries: 'learn.error.minEntries',
  firstStepChanges: 'learn.error.firstStepChanges',
  oneSource: 'learn.error.oneSource',
  badPath: 'learn.error.badPath',
  valueMissing: 'learn.error.valueMissing',
  toBeforeFrom: 'learn.error.toBeforeFrom',
  goalForm: 'learn.error.goalForm',
  unreadable: 'learn.error.unreadable',
  noBuiltIn: 'learn.error.noBuiltIn',
  changeFailed: 'learn.error.changeFailed',
};

/** One problem of a lesson file, with its path, in the UI's language. */
export function lessonErrorMsg(e: LessonError): Msg {
  if ('lessonCode' in e) {
    const key = Object.hasOwn(LESSON_ERROR_KEYS, e.lessonCode)
      ? LESSON_ERROR_KEYS[e.lessonCode]
      : null;
    const problem = key ? msg(key, e.params) : e.message;
    return msg('learn.error.atPath', {
      path: e.path,
      problem: isMsg(problem) ? problem : e.message,
    });
  }
  return scenarioErrorMsg(e);
}

const SHOWN_ERRORS = 8;

/** True when a key press belongs to a form field. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * The column beside the canvas for teaching: a lesson file's problems, the lesson player, or
 * the open challenge (helper G's panel). Keys: P presenter mode; PageDown / PageUp next / back
 * (what a presentation clicker sends).
 */
export function LearnPanel() {
  const t = useT();
  const render = useRenderMsg();
  const lesson = useLessonStore((s) => s.lesson);
  const problem = useLessonStore((s) => s.problem);
  const challenge = useChallengeStore((s) => s.activeId);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'p' || e.key === 'P') {
        e.preventDefault();
        togglePresenter();
      } else if (useLessonStore.getState().lesson && e.key === 'PageDown') {
        e.preventDefault();
        nextStep();
      } else if (useLessonStore.getState().lesson && e.key === 'PageUp') {
        e.preventDefault();
        previousStep();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const shown = !!(lesson || problem || challenge);
  // The column takes width from the canvas (or gives it back): fit the diagram to its new size
  // once the layout has settled.
  const wasShown = useRef(shown);
  useEffect(() => {
    if (wasShown.current === shown) return;
    wasShown.current = shown;
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() =>
        useAppStore.setState((s) => ({ fitRequest: s.fitRequest + 1 })),
      );
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [shown]);
  if (!shown) return null;
  return (
    <aside className="learn-panel" data-testid="learn-panel" aria-label={t('learn.panel.label')}>
      {problem && (
        <div className="lesson-problem" role="alert" data-testid="lesson-error">
          <strong>{t('learn.error.title', { source: problem.source })}</strong>
          <ul>
            {problem.errors.slice(0, SHOWN_ERRORS).map((e, k) => (
              <li key={k} data-testid="lesson-error-line">
                {render(lessonErrorMsg(e))}
              </li>
            ))}
            {problem.errors.length > SHOWN_ERRORS && (
              <li>{t('learn.error.more', { n: problem.errors.length - SHOWN_ERRORS })}</li>
            )}
          </ul>
          <p className="lesson-problem__kept">{t('learn.error.unchanged')}</p>
          <button
            type="button"
            className="button"
            onClick={dismissLessonProblem}
            data-testid="lesson-error-dismiss"
          >
            {t('learn.error.dismiss')}
          </button>
        </div>
      )}
      {lesson ? <LessonPlayer /> : challenge ? <ChallengePanel /> : null}
    </aside>
  );
}
