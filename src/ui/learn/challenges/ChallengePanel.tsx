import { useRef } from 'react';
import { useLocale, useRenderMsg, useT } from '../../../i18n';
import { allowText } from '../../../learn/allowText';
import { MAX_PROGRESS_CHARS } from '../../../learn/progress';
import type { Localized } from '../../../learn/types';
import {
  closeChallenge,
  dismissProgressNotice,
  findChallenge,
  importProgressText,
  progressExportText,
  refuseProgressFile,
  showNextHint,
  useChallengeStore,
} from '../../../store/challengeStore';
import { downloadText } from '../../export/download';
import { Markdown } from '../Markdown';
import './challenges.css';

const text = (l: Localized, locale: string) => (locale === 'zh-CN' ? l['zh-CN'] : l.en);
const noAction = () => undefined;

/**
 * The open challenge beside the canvas: the brief, the goal, the rules, moves against par, hints
 * one by one, and after every edit the verdict ("not yet: …" / "Solved in 2 moves (par 1) ★★★").
 */
export function ChallengePanel() {
  const t = useT();
  const render = useRenderMsg();
  const locale = useLocale();
  const { activeId, hintsShown, check, progress, progressNotice } = useChallengeStore();
  const c = findChallenge(activeId);
  if (!c) return null;
  const best = progress.solved[c.id];
  const moves =
    check.status === 'done' ? check.result.moves : check.status === 'idle' ? 0 : check.moves;
  const violations =
    check.status === 'done'
      ? check.result.violations
      : check.status === 'idle'
        ? []
        : check.violations;
  const rules = c.constraints;
  const solved = check.status === 'done' && check.result.solved;
  return (
    <section
      className="challenge-panel"
      data-testid="challenge-panel"
      aria-label={t('challenges.panel.title')}
    >
      <header className="challenge-head">
        <span className="challenge-kicker">{t('challenges.panel.title')}</span>
        <h2 data-testid="challenge-title">{text(c.title, locale)}</h2>
        <button
          type="button"
          className="button challenge-close"
          onClick={closeChallenge}
          data-testid="challenge-close"
        >
          {t('challenges.panel.close')}
        </button>
      </header>
      <Markdown source={text(c.brief, locale)} onAction={noAction} className="challenge-brief" />
      <h3>{t('challenges.panel.goal')}</h3>
      <p className="challenge-goal">{text(c.goalText, locale)}</p>
      <h3>{t('challenges.panel.rules')}</h3>
      <ul className="challenge-rules" data-testid="challenge-rules">
        <li>
          {rules.allow.length > 0 ? (
            <>
              {t('challenges.panel.allowList')}
              <ul className="challenge-allow">
                {rules.allow.map((p) => (
                  <li key={p} title={p}>
                    {render(allowText(p))}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            t('challenges.panel.allowNothing')
          )}
        </li>
        <li>
          {rules.faults && rules.faults.max > 0
            ? t('challenges.panel.faults', {
                max: rules.faults.max,
                kinds: rules.faults.kinds?.join(', ') ?? t('challenges.panel.anyKind'),
              })
            : t('challenges.panel.noFaults')}
        </li>
        {rules.maxActions !== undefined && (
          <li>{t('challenges.panel.maxActions', { max: rules.maxActions })}</li>
        )}
      </ul>
      <div
        className={`challenge-verdict ${solved ? 'is-solved' : violations.length > 0 ? 'is-broken' : ''}`}
        data-testid="challenge-verdict"
        data-state={solved ? 'solved' : check.status}
        role="status"
        aria-live="polite"
      >
        <div className="challenge-moves" data-testid="challenge-moves">
          {t('challenges.panel.moves', { moves, par: c.par })}
        </div>
        {violations.length > 0 && (
          <ul className="challenge-violations" data-testid="challenge-violations">
            {violations.map((v, i) => (
              <li key={i}>{render(v)}</li>
            ))}
          </ul>
        )}
        <div className="challenge-feedback" data-testid="challenge-feedback">
          {check.status === 'done'
            ? render(check.result.feedback)
            : check.status === 'problem'
              ? render(check.message)
              : t('challenges.panel.checking')}
        </div>
      </div>
      {best && (
        <p className="challenge-best" data-testid="challenge-best">
          {t('challenges.panel.best', { stars: '★'.repeat(best.score), moves: best.moves })}
        </p>
      )}
      <h3>{t('challenges.panel.hints')}</h3>
      <ol className="challenge-hints" data-testid="challenge-hints">
        {c.hints.slice(0, hintsShown).map((h, i) => (
          <li key={i}>{text(h, locale)}</li>
        ))}
      </ol>
      {hintsShown < c.hints.length ? (
        <button
          type="button"
          className="button"
          onClick={showNextHint}
          data-testid="challenge-hint"
        >
          {t('challenges.panel.showHint', { n: hintsShown + 1, total: c.hints.length })}
        </button>
      ) : (
        <p className="challenge-muted">{t('challenges.panel.noMoreHints')}</p>
      )}
      <ProgressFiles />
      {progressNotice && (
        <p
          className={`challenge-notice is-${progressNotice.tone}`}
          data-testid="challenge-progress-notice"
          role="status"
        >
          {render(progressNotice.message)}
          <button type="button" className="button" onClick={dismissProgressNotice}>
            {t('challenges.panel.dismiss')}
          </button>
        </p>
      )}
    </section>
  );
}

/** Export and import of progress as a JSON file. */
export function ProgressFiles() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="challenge-files">
      <button
        type="button"
        className="button"
        data-testid="challenge-progress-export"
        onClick={() =>
          downloadText(
            progressExportText(),
            'eventflow-challenge-progress.json',
            'application/json',
          )
        }
      >
        {t('challenges.panel.export')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="challenge-progress-import"
        onClick={() => input.current?.click()}
      >
        {t('challenges.panel.import')}
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="challenge-progress-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          // A file too large is refused by its size, without reading it.
          if (file.size > MAX_PROGRESS_CHARS * 4) refuseProgressFile();
          else void file.text().then(importProgressText);
        }}
      />
    </div>
  );
}
