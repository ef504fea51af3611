import { memo } from 'react';
import { useT } from '../../i18n';
import { setInsightTab } from '../../store/insightActions';
import {
  selectAnomalies,
  selectAnomalyTotal,
  selectComparison,
  selectInsightTab,
} from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { AnomalyList } from './AnomalyList';
import { countBefore } from './atCursor';
import { ComparePanel } from './ComparePanel';
import { LineagePanel } from './LineagePanel';
import { SpaceTimePanel } from './SpaceTimePanel';

const TABS = [
  ['anomalies', 'insight.tab.anomalies'],
  ['lineage', 'insight.tab.lineage'],
  ['spaceTime', 'insight.tab.spaceTime'],
  ['compare', 'insight.tab.compare'],
] as const;

/** Under the timeline: the anomaly explorer, a record's lineage, and the comparison of two runs. */
export const InsightPanel = memo(function InsightPanel() {
  const t = useT();
  const tab = useAppStore(selectInsightTab);
  // At the cursor: the anomalies that had happened by then (the list dims the later ones).
  const total = useAppStore((s) =>
    s.cursor === null ? selectAnomalyTotal(s) : countBefore(selectAnomalies(s), s.cursor.index),
  );
  const compared = useAppStore(selectComparison) !== null;
  return (
    <section className="insight" aria-label={t('insight.label')} data-testid="insight">
      <div className="insight__tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={`insight__tab${tab === id ? ' is-active' : ''}`}
            onClick={() => setInsightTab(id)}
            data-testid={`tab-${id}`}
          >
            {t(label)}
            {id === 'anomalies' && total > 0 && <span className="insight__count num">{total}</span>}
            {id === 'compare' && compared && <span className="insight__dot" />}
          </button>
        ))}
      </div>
      <div className="insight__body">
        {tab === 'anomalies' && <AnomalyList />}
        {tab === 'lineage' && <LineagePanel />}
        {tab === 'spaceTime' && <SpaceTimePanel />}
        {tab === 'compare' && <ComparePanel />}
      </div>
    </section>
  );
});
