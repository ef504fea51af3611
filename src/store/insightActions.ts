/**
 * The anomaly explorer's data: batches of anomalies and marks from the worker (one setState per
 * batch), and one record's lineage on request.
 */
import type { WorkerToMain } from '../worker/protocol';
import { useAppStore } from './store';
import { ask } from './workerPort';

/** Anomalies kept per run in the UI; the worker stops sending past its own cap too. */
const MAX_KEPT = 2000;

export function receiveInsight(msg: Extract<WorkerToMain, { type: 'insight' }>): void {
  const s = useAppStore.getState();
  const prev = s.insight[msg.run] ?? { anomalies: [], marks: [], total: 0 };
  const anomalies = msg.anomalies.length ? prev.anomalies.concat(msg.anomalies).slice(0, MAX_KEPT) : prev.anomalies;
  const marks = msg.marks.length ? prev.marks.concat(msg.marks) : prev.marks;
  useAppStore.setState({ insight: { ...s.insight, [msg.run]: { anomalies, marks, total: Math.max(prev.total, msg.total) } } });
}

/** Asks the worker for the journey of the record with `eventId` in the shown run. */
export function showLineage(eventId: number): void {
  if (!Number.isInteger(eventId) || eventId < 0) return;
  const run = useAppStore.getState().activeRun;
  useAppStore.setState({ lineage: { eventId, run, lineage: null, loading: true }, insightTab: 'lineage' });
  ask({ type: 'lineage', run, eventId }, (r) => {
    const cur = useAppStore.getState().lineage;
    if (cur?.eventId !== eventId || cur.run !== run) return;
    if (r.type === 'lineage') useAppStore.setState({ lineage: { eventId, run, lineage: r.lineage, loading: false } });
    else if (r.type === 'requestFailed') useAppStore.setState({ lineage: { eventId, run, lineage: null, loading: false }, simError: r.message });
  });
}

/** Records shown per partition page in the lineage panel. */
const RECORDS_PAGE = 40;

/** Lists the newest records of a partition at the cursor, to pick one and trace it. */
export function showRecords(topic: string, partition: number): void {
  const s = useAppStore.getState();
  const leo = s.view?.topics[topic]?.logEndOffsets[partition] ?? 0;
  const from = Math.max(0, leo - RECORDS_PAGE);
  useAppStore.setState({ insightTab: 'lineage', records: { topic, partition, records: [] } });
  ask({ type: 'records', run: s.activeRun, topic, partition, from, limit: leo - from }, (r) => {
    if (r.type === 'records') useAppStore.setState({ records: { topic, partition, records: r.records.slice().reverse() } });
    else if (r.type === 'requestFailed') useAppStore.setState({ simError: r.message });
  });
}

export function setInsightTab(tab: 'anomalies' | 'lineage' | 'spaceTime' | 'compare'): void {
  useAppStore.setState({ insightTab: tab });
}
