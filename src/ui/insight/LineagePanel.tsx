import { memo, useState } from 'react';
import { lineageSteps, type Lineage } from '../../insight';
import { useLocale, useRenderMsg, useT } from '../../i18n';
import { showLineage } from '../../store/insightActions';
import { selectLineage, selectRecordsView } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { seekIndex } from '../../store/timelineActions';
import { formatSimTime } from '../format';

/** One record's journey (appends, fetches, attempts, commits…) and the records it caused. */
export const LineagePanel = memo(function LineagePanel() {
  const t = useT();
  const view = useAppStore(selectLineage);
  const page = useAppStore(selectRecordsView);
  const [id, setId] = useState('');
  const form = (
    <form
      className="lineage__form"
      onSubmit={(e) => {
        e.preventDefault();
        showLineage(Number(id));
      }}
    >
      <label className="field">
        <span className="field__label">{t('insight.lineage.eventId')}</span>
        <input
          className="input input--narrow"
          inputMode="numeric"
          value={id}
          onChange={(e) => setId(e.target.value)}
          data-testid="lineage-input"
        />
      </label>
      <button type="submit" className="button button--small" disabled={!/^\d+$/.test(id)}>
        {t('insight.lineage.trace')}
      </button>
    </form>
  );
  const records = page && (
    <div className="lineage__records" data-testid="lineage-records">
      <p className="lineage__title">
        {t('insight.lineage.newestOf')}{' '}
        <b>
          {page.topic}-{page.partition}
        </b>{' '}
        {t('insight.lineage.pickOne')}
      </p>
      <ol className="lineage__record-list">
        {page.records.map((r) => (
          <li key={r.offset}>
            <button
              type="button"
              className={`record-chip${view?.eventId === r.eventId ? ' is-active' : ''}`}
              onClick={() => showLineage(r.eventId)}
              data-testid="record-chip"
              title={t('insight.lineage.record', {
                type: r.eventType,
                producer: r.producer,
                key: r.key ?? 'null',
                id: r.eventId,
              })}
            >
              @{r.offset} <span className="muted">{r.key ?? '∅'}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
  if (!view)
    return (
      <div className="lineage">
        {form}
        {records}
        {!page && <p className="insight__empty">{t('insight.lineage.help')}</p>}
      </div>
    );
  return (
    <div className="lineage" data-testid="lineage">
      {form}
      {records}
      {view.loading ? (
        <p className="insight__empty">{t('insight.lineage.tracing', { id: view.eventId })}</p>
      ) : view.lineage ? (
        <Tree node={view.lineage} depth={0} />
      ) : (
        <p className="insight__empty" data-testid="lineage-missing">
          {t('insight.lineage.missing', { id: view.eventId })}
        </p>
      )}
    </div>
  );
});

function Tree({ node, depth }: { node: Lineage; depth: number }) {
  const t = useT();
  const render = useRenderMsg();
  const locale = useLocale();
  return (
    <div className="lineage__node" style={{ marginLeft: depth * 16 }}>
      <p className="lineage__title">
        <b>{node.eventType}</b>{' '}
        <span className="muted">{t('insight.lineage.event', { id: node.eventId })}</span>
        {node.awaiting.length > 0 && (
          <span className="muted">
            {' '}
            · {t('insight.lineage.awaiting', { groups: node.awaiting.join(', ') })}
          </span>
        )}
      </p>
      <ol className="lineage__steps">
        {lineageSteps(node).map((s) => (
          <li key={`${s.index}-${s.text.key}-${JSON.stringify(s.text.params)}`}>
            <button type="button" className="link num" onClick={() => seekIndex(s.index + 1)}>
              {formatSimTime(s.timeUs, locale)}
            </button>{' '}
            {render(s.text)}
          </li>
        ))}
      </ol>
      {node.children.map((c) => (
        <Tree key={c.eventId} node={c} depth={depth + 1} />
      ))}
      {node.omitted > 0 && (
        <p className="muted">{t('insight.lineage.omitted', { n: node.omitted })}</p>
      )}
    </div>
  );
}
