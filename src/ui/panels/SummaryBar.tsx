import { selectSettings, selectTotals } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { formatCount } from '../format';

const FIGURES = [
  { key: 'produced', label: 'produced' },
  { key: 'processed', label: 'processed' },
  { key: 'lagMax', label: 'max lag' },
  { key: 'duplicates', label: 'duplicates', alert: 'warn' },
  { key: 'lost', label: 'lost', alert: 'danger' },
  { key: 'reordered', label: 'reordered', alert: 'warn' },
  { key: 'deadLettered', label: 'dead-lettered', alert: 'warn' },
  { key: 'rebalances', label: 'rebalances' },
] as const;

/** The open scenario's description and the run's totals. */
export function SummaryBar() {
  const scenario = useAppStore(selectSettings);
  const totals = useAppStore(selectTotals);
  return (
    <section className="summary" aria-label="Run summary">
      <p className="summary__description" title={scenario?.description}>
        {scenario.description || scenario.name}
      </p>
      <dl className="summary__totals">
        {FIGURES.map((f) => {
          const value = totals?.[f.key] ?? 0;
          const tone = 'alert' in f && value > 0 ? ` total--${f.alert}` : '';
          return (
            <div key={f.key} className={`total${tone}`}>
              <dt className="total__label">{f.label}</dt>
              <dd className="total__value num" data-testid={`total-${f.key}`}>
                {formatCount(value)}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
