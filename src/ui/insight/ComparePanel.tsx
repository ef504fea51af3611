import { memo } from 'react';
import type { Anomaly } from '../../insight';
import { pickComparison, runTitle } from '../../store/forkActions';
import type { RunInfo } from '../../store/timelineSlice';
import { selectComparison, selectRuns } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { seekIndex } from '../../store/timelineActions';
import { formatSimTime } from '../format';

const METRICS = [
  ['duplicates', 'duplicate deliveries'],
  ['reordered', 'reordered'],
  ['lost', 'lost'],
  ['processed', 'processed'],
  ['throughput', 'throughput /s'],
  ['lag', 'lag at end'],
  ['lagMax', 'max lag'],
  ['deadLettered', 'dead-lettered'],
  ['rebalances', 'rebalances'],
] as const;

const NO_ANOMALIES: Anomaly[] = [];
const effects = (list: readonly Anomaly[]) =>
  list.filter((a) => a.kind === 'duplicate' && !a.absorbed).length;

/** Two runs side by side: where they first diverge, and how their outcomes differ. */
export const ComparePanel = memo(function ComparePanel() {
  const cmp = useAppStore(selectComparison);
  const runs = useAppStore(selectRuns);
  const aList = useAppStore((s) => (cmp ? s.insight[cmp.a]?.anomalies : undefined) ?? NO_ANOMALIES);
  const bList = useAppStore((s) => (cmp ? s.insight[cmp.b]?.anomalies : undefined) ?? NO_ANOMALIES);
  const pair = useAppStore((s) => s.comparePair);
  if (!cmp)
    return (
      <>
        {runs.length > 1 && <ComparePick runs={runs} a={pair?.a ?? null} b={pair?.b ?? null} />}
        <p className="insight__empty" data-testid="compare-empty">
          {runs.length > 1
            ? 'Comparing as soon as both runs are recorded…'
            : 'Fork the run (right-click a node to inject a fault, or "What if…" under the canvas) to compare two futures side by side.'}
        </p>
      </>
    );
  const name = (id: number) => runs.find((r) => r.id === id);
  const a = name(cmp.a);
  const b = name(cmp.b);
  const c = cmp.comparison;
  const ea = effects(aList);
  const eb = effects(bList);
  return (
    <div className="compare" data-testid="compare">
      <ComparePick runs={runs} a={cmp.a} b={cmp.b} />
      <p className="compare__head">
        Run <b>{a?.name}</b> ({a?.label}) vs run <b>{b?.name}</b> ({b?.label}).{' '}
        {c.firstDivergence === null ? (
          <span data-testid="divergence">The logs are identical.</span>
        ) : (
          <button
            type="button"
            className="link"
            onClick={() => seekIndex(c.firstDivergence! + 1)}
            data-testid="divergence"
          >
            First divergence: event {c.firstDivergence.toLocaleString('en-US')} at{' '}
            {formatSimTime(cmp.divergenceTimeUs ?? 0)}
          </button>
        )}
      </p>
      <table className="compare__table">
        <thead>
          <tr>
            <th scope="col">metric</th>
            <th scope="col">run {a?.name}</th>
            <th scope="col">run {b?.name}</th>
            <th scope="col">Δ</th>
          </tr>
        </thead>
        <tbody>
          <Row label="duplicate side effects" a={ea} b={eb} testId="cmp-effects" />
          {METRICS.map(([k, label]) => (
            <Row key={k} label={label} a={c.metrics[k].a} b={c.metrics[k].b} testId={`cmp-${k}`} />
          ))}
          <Row label="events" a={c.events.a} b={c.events.b} testId="cmp-events" />
        </tbody>
      </table>
    </div>
  );
});

function Row({ label, a, b, testId }: { label: string; a: number; b: number; testId: string }) {
  const d = b - a;
  return (
    <tr data-testid={testId} data-a={a} data-b={b}>
      <th scope="row">{label}</th>
      <td className="num">{a.toLocaleString('en-US')}</td>
      <td className="num">{b.toLocaleString('en-US')}</td>
      <td className={`num delta${d > 0 ? ' delta--up' : d < 0 ? ' delta--down' : ''}`}>
        {d === 0 ? '–' : `${d > 0 ? '+' : ''}${d.toLocaleString('en-US')}`}
      </td>
    </tr>
  );
}

/** Any two runs: the picked pair stays compared until another is picked. */
function ComparePick({
  runs,
  a,
  b,
}: {
  runs: readonly RunInfo[];
  a: number | null;
  b: number | null;
}) {
  const pick = (x: number | null, y: number | null) =>
    x !== null && y !== null && x !== y && pickComparison(x, y);
  const select = (
    value: number | null,
    other: number | null,
    onPick: (v: number) => void,
    testId: string,
    label: string,
  ) => (
    <select
      className="select"
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onPick(Number(e.target.value))}
      data-testid={testId}
    >
      {value === null && <option value="">pick a run</option>}
      {runs.map((r) => (
        <option key={r.id} value={r.id} disabled={r.id === other}>
          {runTitle(r)}
        </option>
      ))}
    </select>
  );
  return (
    <div className="compare__pick">
      Compare run {select(a, b, (v) => pick(v, b), 'compare-a', 'First run')} with run{' '}
      {select(b, a, (v) => pick(a, v), 'compare-b', 'Second run')}
    </div>
  );
}
