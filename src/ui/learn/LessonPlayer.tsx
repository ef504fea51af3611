import { useLocale, useRenderMsg, useT } from '../../i18n';
import { isMsg, type Msg } from '../../i18n/types';
import { localize } from '../../learn/lesson';
import { openChallenge } from '../../store/challengeStore';
import {
  checkTask,
  closeLesson,
  followLink,
  nextStep,
  previousStep,
  restartLesson,
  showNextLessonHint,
  togglePresenter,
} from '../../store/lessonActions';
import { useLessonStore } from '../../store/lessonStore';
import { formatSimTime } from '../format';
import { Markdown } from './Markdown';

/**
 * The open lesson beside the canvas: the step's title and narration (in the UI's language),
 * step n of m, Back / Next / Restart, the step's task with hints one by one and a check, and
 * presenter mode. Narration links move the cursor or select what they name.
 */
export function LessonPlayer() {
  const t = useT();
  const render = useRenderMsg();
  const locale = useLocale();
  const lesson = useLessonStore((s) => s.lesson);
  const i = useLessonStore((s) => s.step);
  const entering = useLessonStore((s) => s.entering);
  const hintsShown = useLessonStore((s) => s.hintsShown);
  const check = useLessonStore((s) => s.check);
  const presenter = useLessonStore((s) => s.presenter);
  const step = lesson?.steps[i];
  if (!lesson || !step) return null;
  const n = lesson.steps.length;
  const last = i === n - 1;
  const task = step.task;
  const hints = task?.hints ?? [];
  return (
    <section className="lesson" data-testid="lesson-player" aria-label={t('learn.player.label')}>
      <header className="lesson__head">
        <span className="lesson__kicker" data-testid="lesson-title">
          {localize(lesson.title, locale)}
        </span>
        <button
          type="button"
          className="lesson__close"
          onClick={closeLesson}
          title={t('learn.player.close')}
          aria-label={t('learn.player.close')}
          data-testid="lesson-close"
        >
          ×
        </button>
        <h2 className="lesson__step-title" data-testid="lesson-step-title">
          {localize(step.title, locale)}
        </h2>
        <span className="lesson__count" data-testid="lesson-step-count">
          {t('learn.player.stepOf', { n: i + 1, m: n })}
        </span>
      </header>
      <p className="lesson__status" data-testid="lesson-status" data-entering={entering}>
        {entering
          ? t('learn.player.going', { time: formatSimTime((step.atMs ?? 0) * 1000, locale) })
          : t('learn.player.at', { time: formatSimTime((step.atMs ?? 0) * 1000, locale) })}
      </p>
      <Markdown
        source={localize(step.narration, locale)}
        onAction={followLink}
        className="markdown lesson__narration"
        testId="lesson-narration"
      />
      {task && (
        <div className="lesson__task" data-testid="lesson-task">
          <span className="lesson__kicker">{t('learn.task.title')}</span>
          <Markdown
            source={localize(task.text, locale)}
            onAction={followLink}
            className="markdown lesson__task-text"
          />
          {hints.slice(0, hintsShown).map((h, k) => (
            <p key={k} className="lesson__hint" data-testid="lesson-hint">
              {t('learn.task.hint', { n: k + 1 })} {localize(h, locale)}
            </p>
          ))}
          <div className="lesson__task-actions">
            {hintsShown < hints.length && (
              <button
                type="button"
                className="button"
                onClick={showNextLessonHint}
                data-testid="lesson-hint-next"
              >
                {t('learn.task.showHint', { n: hintsShown + 1, m: hints.length })}
              </button>
            )}
            <button
              type="button"
              className="button button--primary"
              onClick={checkTask}
              disabled={check.status === 'checking'}
              data-testid="lesson-check"
            >
              {t('learn.task.check')}
            </button>
          </div>
          <p
            className={`lesson__verdict lesson__verdict--${check.status === 'done' ? (check.ok ? 'ok' : 'no') : check.status}`}
            data-testid="lesson-verdict"
            role="status"
          >
            {check.status === 'checking' && t('learn.task.checking')}
            {check.status === 'problem' && render(check.message)}
            {check.status === 'done' &&
              (check.ok
                ? t('learn.task.done', { detail: render(check.feedback) })
                : t('learn.task.notYet', {
                    detail: [
                      render(unwrapNotYet(check.feedback)),
                      ...check.outside.map(render),
                    ].join(' · '),
                  }))}
          </p>
        </div>
      )}
      <nav className="lesson__nav" aria-label={t('learn.player.nav')}>
        <button
          type="button"
          className="button"
          onClick={previousStep}
          disabled={i === 0}
          data-testid="lesson-back"
        >
          {t('learn.player.back')}
        </button>
        <button
          type="button"
          className="button"
          onClick={restartLesson}
          data-testid="lesson-restart"
        >
          {t('learn.player.restart')}
        </button>
        {!last && (
          <button
            type="button"
            className="button button--primary"
            onClick={nextStep}
            data-testid="lesson-next"
          >
            {t('learn.player.next')}
          </button>
        )}
        {last && lesson.challenge && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              const id = lesson.challenge!;
              closeLesson();
              openChallenge(id);
            }}
            data-testid="lesson-challenge"
          >
            {t('learn.player.challenge')}
          </button>
        )}
      </nav>
      <label className="lesson__presenter" title={t('learn.presenter.hint')}>
        <input
          type="checkbox"
          checked={presenter}
          onChange={togglePresenter}
          data-testid="presenter-toggle"
        />
        {t('learn.presenter.toggle')}
      </label>
    </section>
  );
}

/** A goal's "not yet: …" feedback, without its prefix: the verdict says "Not yet" itself. */
function unwrapNotYet(m: Msg): Msg {
  const fact = m.key === 'challenges.goal.notYet' ? m.params?.fact : undefined;
  return fact !== undefined && isMsg(fact) ? fact : m;
}
