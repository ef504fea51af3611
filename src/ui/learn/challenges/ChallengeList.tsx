import { useLocale, useT } from '../../../i18n';
import { challenges, openChallenge, useChallengeStore } from '../../../store/challengeStore';
import { ProgressFiles } from './ChallengePanel';
import './challenges.css';

/**
 * Every shipped challenge with its best score; clicking one opens it (its start scenario as a
 * new document). `onOpen` lets a menu close itself.
 */
export function ChallengeList({ onOpen }: { onOpen?: (id: string) => void }) {
  const t = useT();
  const locale = useLocale();
  const { progress, activeId } = useChallengeStore();
  return (
    <div className="challenge-list" data-testid="challenge-list">
      <ul>
        {challenges.map((c) => {
          const best = progress.solved[c.id];
          return (
            <li key={c.id}>
              <button
                type="button"
                className={`menu__item challenge-list-item${c.id === activeId ? ' is-active' : ''}`}
                data-testid={`challenge-open-${c.id}`}
                onClick={() => {
                  openChallenge(c.id);
                  onOpen?.(c.id);
                }}
              >
                <span>{locale === 'zh-CN' ? c.title['zh-CN'] : c.title.en}</span>
                <span className="challenge-list-score" data-testid={`challenge-score-${c.id}`}>
                  {best
                    ? t('challenges.list.solved', { stars: '★'.repeat(best.score) })
                    : t('challenges.list.par', { par: c.par })}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <ProgressFiles />
    </div>
  );
}
