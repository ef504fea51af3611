import { formatCount } from '../format';

interface Props {
  label: string;
  value: number;
  /** Colour a non-zero value: a warning (duplicates) or a problem (loss). */
  alert?: 'warn' | 'danger';
  testId?: string;
}

/** A labelled counter in a node. */
export function Stat({ label, value, alert, testId }: Props) {
  const tone = alert && value > 0 ? ` stat--${alert}` : '';
  return (
    <div className={`stat${tone}`}>
      <span className="stat__value num" data-testid={testId} data-value={value}>
        {formatCount(value)}
      </span>
      <span className="stat__label">{label}</span>
    </div>
  );
}
