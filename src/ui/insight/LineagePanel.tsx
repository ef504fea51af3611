import { memo, useState } from 'react';
import type { Lineage } from '../../insight';
import { showLineage } from '../../store/insightActions';
import { selectLineage, selectRecordsView } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { seekIndex } from '../../store/timelineActions';
import { formatSimTime } from '../format';

interface Step {
  index: number;
  timeUs: number;
  text: string;
}

/** One record's journey (appends, fetches, attempts, commits…) and the records it caused. */
export const LineagePanel = memo(function LineagePanel() {
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
        <span className="field__label">Event id</span>
        <input className="input input--narrow" inputMode="numeric" value={id} onChange={(e) => setId(e.target.value)} data-testid="lineage-input" />
      </label>
      <button type="submit" className="button button--small" disabled={!/^\d+$/.test(id)}>
        Trace
      </button>
    </form>
  );
  const records = page && (
    <div className="lineage__records" data-testid="lineage-records">
      <p className="lineage__title">
        Newest records of <b>{page.topic}-{page.partition}</b> at the cursor: pick one
      </p>
      <ol className="lineage__record-list">
        {page.records.map((r) => (
          <li key={r.offset}>
            <button type="button" className={`record-chip${view?.eventId === r.eventId ? ' is-active' : ''}`} onClick={() => showLineage(r.eventId)} data-testid="record-chip" title={`${r.eventType} from ${r.producer}, key ${r.key ?? 'null'}, event ${r.eventId}`}>
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
        {!page && <p className="insight__empty">Click a partition (P0, P1…) on a topic to list its records, pick an anomaly's “Lineage”, or enter a record's event id, to follow its journey.</p>}
      </div>
    );
  return (
    <div className="lineage" data-testid="lineage">
      {form}
      {records}
      {view.loading ? <p className="insight__empty">Tracing event {view.eventId}…</p> : view.lineage ? <Tree node={view.lineage} depth={0} /> : <p className="insight__empty" data-testid="lineage-missing">No record with event id {view.eventId} in this run.</p>}
    </div>
  );
});

function steps(n: Lineage): Step[] {
  const out: Step[] = [];
  for (const a of n.appends) out.push({ index: a.index, timeUs: a.timeUs, text: `appended by ${a.producer} to ${a.topic}-${a.partition} @ ${a.offset}${a.key ? ` (key ${a.key})` : ''}` });
  for (const f of n.fetches) out.push({ index: f.index, timeUs: f.timeUs, text: `fetched by ${f.member} (${f.group}) in offsets ${f.from}…${f.to - 1}` });
  for (const p of n.attempts) out.push({ index: p.index, timeUs: p.timeUs, text: `processed by ${p.member} (${p.group})${p.redelivered ? ', redelivered' : ''}${p.deduplicated ? ', absorbed by the dedup store' : ''}${p.attempt > 1 ? `, attempt ${p.attempt}` : ''}` });
  for (const f of n.failures) out.push({ index: f.index, timeUs: f.timeUs, text: `handler failed in ${f.member} (${f.group}), attempt ${f.attempt}` });
  for (const d of n.deadLettered) out.push({ index: d.index, timeUs: d.timeUs, text: `dead-lettered by ${d.group}${d.deadLetterTopic ? ` to ${d.deadLetterTopic}` : ''} after ${d.attempts} attempts` });
  for (const c of n.commits) out.push({ index: c.index, timeUs: c.timeUs, text: `committed past it by ${c.member} (${c.group}), offset ${c.offset}` });
  return out.sort((x, y) => x.index - y.index);
}

function Tree({ node, depth }: { node: Lineage; depth: number }) {
  return (
    <div className="lineage__node" style={{ marginLeft: depth * 16 }}>
      <p className="lineage__title">
        <b>{node.eventType}</b> <span className="muted">event {node.eventId}</span>
        {node.awaiting.length > 0 && <span className="muted"> · not yet handled by {node.awaiting.join(', ')}</span>}
      </p>
      <ol className="lineage__steps">
        {steps(node).map((s) => (
          <li key={`${s.index}-${s.text}`}>
            <button type="button" className="link num" onClick={() => seekIndex(s.index + 1)}>
              {formatSimTime(s.timeUs)}
            </button>{' '}
            {s.text}
          </li>
        ))}
      </ol>
      {node.children.map((c) => (
        <Tree key={c.eventId} node={c} depth={depth + 1} />
      ))}
      {node.omitted > 0 && <p className="muted">…and {node.omitted} more downstream records</p>}
    </div>
  );
}
