import { useEffect, useState } from 'react';
import { writeShareLink } from '../../store/shareActions';
import { selectCompiledOk } from '../../store/selectors';
import { useAppStore } from '../../store/store';

/**
 * Puts this moment (scenario, seed, every run and fork, cursor) in the URL and copies it. What
 * happened shows in a bubble above the button, so the button (and the bar) keeps its size.
 */
export function ShareButton() {
  const ok = useAppStore(selectCompiledOk);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'inUrl'>('idle');
  useEffect(() => {
    if (copied === 'idle') return;
    const t = setTimeout(() => setCopied('idle'), 2000);
    return () => clearTimeout(t);
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
        title="A link that reopens every run at this moment"
        data-testid="share-link"
      >
        Copy link
      </button>
      {copied !== 'idle' && (
        <span className="share__toast" role="status" data-testid="share-status">
          {copied === 'copied' ? 'Link copied' : 'The link is in the address bar'}
        </span>
      )}
    </span>
  );
}
