import { useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Inline, type LinkTarget } from '../../learn/markdown';

interface Props {
  source: string;
  /** An action link was clicked (cursor:, anomaly:, node:). */
  onAction: (target: Exclude<LinkTarget, { kind: 'web' }>) => void;
  className?: string;
  testId?: string;
}

/**
 * Narration as React elements, one per AST node (src/learn/markdown.ts): nothing in the text
 * ever becomes HTML. Action links are buttons; web links open in a new tab without an opener.
 */
export function Markdown({ source, onAction, className, testId }: Props) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  const inline = (nodes: readonly Inline[]): ReactNode[] =>
    nodes.map((n, k) => {
      switch (n.t) {
        case 'text':
          return n.text;
        case 'code':
          return <code key={k}>{n.text}</code>;
        case 'strong':
          return <strong key={k}>{inline(n.children)}</strong>;
        case 'em':
          return <em key={k}>{inline(n.children)}</em>;
        case 'link': {
          const t = n.target;
          if (!t) return <span key={k}>{inline(n.children)}</span>;
          if (t.kind === 'web')
            return (
              <a key={k} href={t.url} target="_blank" rel="noopener noreferrer">
                {inline(n.children)}
              </a>
            );
          return (
            <button
              key={k}
              type="button"
              className={`md-action md-action--${t.kind}`}
              data-testid="narration-link"
              data-href={n.href}
              onClick={() => onAction(t)}
            >
              {inline(n.children)}
            </button>
          );
        }
      }
    });
  return (
    <div className={className ?? 'markdown'} data-testid={testId}>
      {blocks.map((b, k) =>
        b.t === 'p' ? (
          <p key={k}>{inline(b.children)}</p>
        ) : b.t === 'ul' ? (
          <ul key={k}>
            {b.items.map((item, j) => (
              <li key={j}>{inline(item)}</li>
            ))}
          </ul>
        ) : (
          <ol key={k} start={b.start}>
            {b.items.map((item, j) => (
              <li key={j}>{inline(item)}</li>
            ))}
          </ol>
        ),
      )}
    </div>
  );
}
