import { beforeEach, describe, expect, it } from 'vitest';
import type { Anomaly } from '../insight';
import { openBuiltIn } from './fileActions';
import { receive, reset } from './simActions';
import { useAppStore } from './store';
import { clearHighlight, cursorOf, selectAnomalyById, stepAnomaly } from './timelineActions';

const totals = (events: number) => ({ events, produced: 0, appended: 0, processed: 0, duplicates: 0, lost: 0, reordered: 0, deadLettered: 0, rebalances: 0, lagMax: 0 });
const view = (events: number) => ({ topics: {}, groups: {}, producers: {}, totals: totals(events) });

const anomaly = (index: number, timeUs: number): Anomaly => ({
  id: `duplicate:${index}:ledger:payments-1@${index}`,
  kind: 'duplicate',
  cause: 'crash-before-commit',
  index,
  timeUs,
  group: 'ledger',
  member: 'ledger-2',
  topic: 'payments',
  partition: 1,
  offset: index,
  count: 1,
  explanation: { key: 'explain.times', params: { n: 2 } },
});

describe('timeline in the store', () => {
  beforeEach(() => {
    openBuiltIn('crash-before-commit');
    reset();
  });

  it('accumulates anomaly batches per run, one update per batch', () => {
    let updates = 0;
    const off = useAppStore.subscribe(() => updates++);
    receive({ type: 'insight', run: 0, anomalies: [anomaly(10, 1000)], marks: [], total: 1 });
    receive({ type: 'insight', run: 0, anomalies: [anomaly(20, 2000)], marks: [{ kind: 'fault', index: 15, timeUs: 1500, label: 'ledger-1 crashed' }], total: 2 });
    receive({ type: 'insight', run: 1, anomalies: [anomaly(30, 3000)], marks: [], total: 1 });
    off();
    expect(updates).toBe(3);
    const s = useAppStore.getState();
    expect(s.insight[0]!.anomalies.map((a) => a.index)).toEqual([10, 20]);
    expect(s.insight[0]!.marks).toHaveLength(1);
    expect(s.insight[1]!.total).toBe(1);
  });

  it('frames move the head but not the canvas while the cursor is in history', () => {
    receive({ type: 'frame', timeUs: 1000, endUs: 8_000_000, status: 'paused', view: view(5) } as never);
    expect(cursorOf()).toEqual({ index: 5, timeUs: 1000 });
    const shown = useAppStore.getState().view;
    useAppStore.setState({ cursor: { index: 2, timeUs: 400 } });
    receive({ type: 'frame', timeUs: 2000, endUs: 8_000_000, status: 'playing', view: view(9) } as never);
    const s = useAppStore.getState();
    expect(s.view).toBe(shown);
    expect(s.headEvents).toBe(9);
    expect(s.timeUs).toBe(2000);
  });

  it('selecting an anomaly highlights its record; next anomaly goes by the cursor', () => {
    receive({ type: 'insight', run: 0, anomalies: [anomaly(10, 1000), anomaly(20, 2000)], marks: [], total: 2 });
    useAppStore.setState({ cursor: { index: 12, timeUs: 1100 }, headEvents: 100, timeUs: 5000 });
    expect(stepAnomaly(1)).toBe(true);
    expect(useAppStore.getState()).toMatchObject({ selectedAnomaly: anomaly(20, 2000).id, highlight: { topic: 'payments', partition: 1, offset: 20, group: 'ledger' } });
    clearHighlight();
    selectAnomalyById(anomaly(10, 1000).id);
    expect(useAppStore.getState().highlight?.offset).toBe(10);
    useAppStore.setState({ cursor: { index: 30, timeUs: 3000 } });
    expect(stepAnomaly(1)).toBe(false);
  });
});
