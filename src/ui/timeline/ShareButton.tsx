import { useState } from 'react';
import { writeShareLink } from '../../store/shareActions';
import { selectCompiledOk } from '../../store/selectors';
import { useAppStore } from '../../store/store';

/** Puts this moment (scenario, seed, forks, cursor) in the URL and copies it. */
export function ShareButton() {
  const ok = useAppStore(selectCompiledOk);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'inUrl'>('idle');
  const share = async () => {
    const url = await writeShareLink();
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      setCopied('inUrl');
    }
    setTimeout(() => setCopied('idle'), 2000);
  };
  return (
    <button type="button" className="button" disabled={!ok} onClick={() => void share()} title="A link that reopens this run at this moment" data-testid="share-link">
      {copied === 'copied' ? 'Link copied' : copied === 'inUrl' ? 'Link in the address bar' : 'Copy link'}
    </button>
  );
}
