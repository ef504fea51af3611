import { formatCount } from '../format';

interface Props {
  label: string;
  /** null: unknown, shown as "-" (e.g. lag before any commit). */
  value: number | null;
  /** Colour a non-zero value: a warning (duplicates) or a problem (loss). */
  alert?: 'warn' | 'danger';
  testId?: string;
  /** What the figure counts (a hover hint). */
  title?: string;
}

/** A labelled counter in a node. */
export function Stat({ label, value, alert, testId, title }: Props) {
  const tone = alert && value !== null && value > 0 ? ` stat--${alert}` : '';
  return (
    <div className={`stat${tone}`} title={title}>
      <span className="stat__value num" data-testid={testId} data-value={value ?? '-'}>
        {value === null ? '-' : formatCount(value)}
      </span>
      <span className="stat__label">{label}</span>
    </div>
  );
}
