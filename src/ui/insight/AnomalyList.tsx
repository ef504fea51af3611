import { memo, useEffect, useRef } from 'react';
import type { Anomaly } from '../../insight';
import { showLineage } from '../../store/insightActions';
import { selectAnomalies, selectAnomalyTotal, selectSelectedAnomaly } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { selectAnomalyById } from '../../store/timelineActions';
import { formatSimTime } from '../format';

const KIND_LABEL = { duplicate: 'Duplicate', reordered: 'Reordered', lost: 'Lost', stuck: 'Stuck' } as const;

/** Anomalies of the shown run as the worker found them, newest last; click → jump + highlight. */
export const AnomalyList = memo(function AnomalyList() {
  const anomalies = useAppStore(selectAnomalies);
  const total = useAppStore(selectAnomalyTotal);
  const selected = useAppStore(selectSelectedAnomaly);
  const ref = useRef<HTMLOListElement>(null);
  useEffect(() => {
    ref.current?.querySelector('.is-selected')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  if (anomalies.length === 0)
    return (
      <p className="insight__empty" data-testid="anomalies-empty">
        No anomalies yet. Duplicates, per-key reordering, lost records and stuck partitions appear here as the run finds them, each with its cause.
      </p>
    );
  const counts = countKinds(anomalies);
  return (
    <div className="anomalies">
      <p className="anomalies__summary" data-testid="anomaly-summary">
        {(['duplicate', 'reordered', 'lost', 'stuck'] as const).map((k) => (
          <span key={k} className={`chip chip--${k}`}>
            {counts[k]} {k}
          </span>
        ))}
        {total > anomalies.length && <span className="muted"> · first {anomalies.length} of {total} listed</span>}
      </p>
      <ol className="anomalies__list" ref={ref} data-testid="anomaly-list">
        {anomalies.map((a) => (
          <AnomalyItem key={a.id} a={a} selected={a.id === selected} />
        ))}
      </ol>
    </div>
  );
});

function AnomalyItem({ a, selected }: { a: Anomaly; selected: boolean }) {
  const where = `${a.topic}-${a.partition}${a.offset === undefined ? '' : ` @ ${a.offset}${a.endOffset !== undefined ? `…${a.endOffset - 1}` : ''}`}`;
  return (
    <li className={`anomaly anomaly--${a.kind}${selected ? ' is-selected' : ''}`} data-testid={`anomaly-${a.kind}`} data-anomaly-id={a.id} data-index={a.index}>
      <button type="button" className="anomaly__main" onClick={() => selectAnomalyById(a.id)}>
        <span className={`chip chip--${a.kind}`}>{KIND_LABEL[a.kind]}{a.absorbed ? ' · absorbed' : ''}</span>
        <span className="anomaly__where num">{where}</span>
        {a.group && <span className="anomaly__group">{a.group}{a.member ? ` / ${a.member}` : ''}</span>}
        <span className="anomaly__time num">{formatSimTime(a.timeUs)}</span>
        <span className="anomaly__text" data-testid="anomaly-explanation">{a.explanation}</span>
      </button>
      {a.eventId !== undefined && (
        <button type="button" className="button button--small" onClick={() => showLineage(a.eventId!)} data-testid="anomaly-lineage">
          Lineage
        </button>
      )}
    </li>
  );
}

function countKinds(list: readonly Anomaly[]): Record<Anomaly['kind'], number> {
  const c = { duplicate: 0, reordered: 0, lost: 0, stuck: 0 };
  for (const a of list) c[a.kind]++;
  return c;
}
