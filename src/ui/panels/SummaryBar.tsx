import { selectSettings, selectTotals } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { formatCount } from '../format';

/**
 * The summary's figures, all in records, at the cursor (the view is the state the canvas shows).
 * "produced" counts producers' sends and services' emitted records alike; each producer node
 * shows its own sends, so the nodes' sum plus what services emitted is this figure.
 */
const FIGURES = [
  {
    key: 'produced',
    label: 'produced',
    title: 'records sent by producers and emitted by services',
  },
  {
    key: 'processed',
    label: 'processed',
    title: 'record processings by all groups, redeliveries included',
  },
  {
    key: 'lagMax',
    label: 'max lag',
    title:
      'the largest log-end offset − committed offset, in records ("-" while no group has committed)',
  },
  {
    key: 'duplicates',
    label: 'duplicates',
    alert: 'warn',
    title: 'records a group processed more than once (each once per group)',
  },
  { key: 'lost', label: 'lost', alert: 'danger', title: 'records a group will never process' },
  {
    key: 'reordered',
    label: 'reordered',
    alert: 'warn',
    title: 'records a group processed after a later record of the same key',
  },
  {
    key: 'deadLettered',
    label: 'dead-lettered',
    alert: 'warn',
    title: 'records sent to a dead-letter topic',
  },
  { key: 'rebalances', label: 'rebalances', title: 'rebalances started' },
] as const;

/** The log's own figures (the request path), shown once one is non-zero. */
const LOG_FIGURES = [
  {
    key: 'logDuplicates',
    label: 'appended twice',
    alert: 'warn',
    title: 'records a producer retry appended a second time (no enable.idempotence)',
  },
  {
    key: 'lostAcked',
    label: 'acked, lost',
    alert: 'danger',
    title: 'records acknowledged to the producer, then gone from the log',
  },
  {
    key: 'reorderedInLog',
    label: 'out of send order',
    alert: 'warn',
    title: 'records appended after a later record of the same producer and key',
  },
] as const;

type Figure = { key: string; label: string; title: string; alert?: string };

/** The open scenario's description and the run's totals. */
export function SummaryBar() {
  const scenario = useAppStore(selectSettings);
  const totals = useAppStore(selectTotals);
  const fromProducers = useAppStore((s) =>
    Object.values(s.view?.producers ?? {}).reduce((n, p) => n + p.sent, 0),
  );
  const value = (key: string) => (totals as Record<string, number> | undefined)?.[key] ?? 0;
  const showLog = LOG_FIGURES.some((f) => value(f.key) > 0);
  const figure = (f: Figure) => {
    const v = value(f.key);
    // null: unknown (max lag while no group has a committed offset), shown as "-".
    const unknown = (totals as Record<string, number | null> | undefined)?.[f.key] === null;
    const tone = f.alert && v > 0 ? ` total--${f.alert}` : '';
    const title =
      f.key === 'produced'
        ? `${f.title}: ${fromProducers} by producers, ${Math.max(0, v - fromProducers)} by services`
        : f.title;
    return (
      <div key={f.key} className={`total${tone}`} title={title}>
        <dt className="total__label">{f.label}</dt>
        <dd
          className="total__value num"
          data-testid={`total-${f.key}`}
          data-value={unknown ? '-' : v}
        >
          {unknown ? '-' : formatCount(v)}
        </dd>
      </div>
    );
  };
  return (
    <section className="summary" aria-label="Run summary">
      <p className="summary__description" title={scenario?.description}>
        {scenario.description || scenario.name}
      </p>
      <dl className="summary__totals">
        {FIGURES.map(figure)}
        {showLog && LOG_FIGURES.map(figure)}
      </dl>
    </section>
  );
}
