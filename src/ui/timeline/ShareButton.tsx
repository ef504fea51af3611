import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { writeShareLink } from '../../store/shareActions';
import { selectCompiledOk } from '../../store/selectors';
import { useAppStore } from '../../store/store';

/**
 * Puts this moment (scenario, seed, every run and fork, cursor) in the URL and copies it. What
 * happened shows in a bubble above the button, so the button (and the bar) keeps its size.
 */
export function ShareButton() {
  const t = useT();
  const ok = useAppStore(selectCompiledOk);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'inUrl'>('idle');
  useEffect(() => {
    if (copied === 'idle') return;
    const timer = setTimeout(() => setCopied('idle'), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  const share = async () => {
    const url = await writeShareLink();
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      setCopied('inUrl');
    }
  };
  return (
    <span className="share">
      <button
        type="button"
        className="button"
        disabled={!ok}
        onClick={() => void share()}
        title={t('timeline.share.title')}
        data-testid="share-link"
      >
        {t('timeline.share')}
      </button>
      {copied !== 'idle' && (
        <span className="share__toast" role="status" data-testid="share-status">
          {copied === 'copied' ? t('timeline.share.copied') : t('timeline.share.inUrl')}
        </span>
      )}
    </span>
  );
}
