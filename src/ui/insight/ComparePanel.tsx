import { memo } from 'react';
import type { Anomaly } from '../../insight';
import {
  formatNumber,
  renderMsg,
  useLocale,
  useRenderMsg,
  useT,
  type MessageKey,
} from '../../i18n';
import { pickComparison, runTitle } from '../../store/forkActions';
import type { RunInfo } from '../../store/timelineSlice';
import { selectComparison, selectRuns } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { seekIndex } from '../../store/timelineActions';
import { formatSimTime } from '../format';

const METRICS = [
  ['duplicates', 'insight.metric.duplicates'],
  ['reordered', 'insight.metric.reordered'],
  ['lost', 'insight.metric.lost'],
  ['processed', 'insight.metric.processed'],
  ['throughput', 'insight.metric.throughput'],
  ['lag', 'insight.metric.lag'],
  ['lagMax', 'insight.metric.lagMax'],
  ['deadLettered', 'insight.metric.deadLettered'],
  ['rebalances', 'insight.metric.rebalances'],
] as const satisfies readonly (readonly [string, MessageKey])[];

const NO_ANOMALIES: Anomaly[] = [];
const effects = (list: readonly Anomaly[]) =>
  list.filter((a) => a.kind === 'duplicate' && !a.absorbed).length;

/** Two runs side by side: where they first diverge, and how their outcomes differ. */
export const ComparePanel = memo(function ComparePanel() {
  const t = useT();
  const render = useRenderMsg();
  const locale = useLocale();
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
          {runs.length > 1 ? t('insight.compare.recording') : t('insight.compare.none')}
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
        {t('insight.compare.run')} <b>{a?.name}</b> ({render(a?.label ?? '')}){' '}
        {t('insight.compare.vs')} <b>{b?.name}</b> ({render(b?.label ?? '')}).{' '}
        {c.firstDivergence === null ? (
          <span data-testid="divergence">{t('insight.compare.identical')}</span>
        ) : (
          <button
            type="button"
            className="link"
            onClick={() => seekIndex(c.firstDivergence! + 1)}
            data-testid="divergence"
          >
            {t('insight.compare.divergence', {
              n: c.firstDivergence,
              time: formatSimTime(cmp.divergenceTimeUs ?? 0, locale),
            })}
          </button>
        )}
      </p>
      <table className="compare__table">
        <thead>
          <tr>
            <th scope="col">{t('insight.compare.metric')}</th>
            <th scope="col">{t('insight.compare.runCol', { name: a?.name ?? '' })}</th>
            <th scope="col">{t('insight.compare.runCol', { name: b?.name ?? '' })}</th>
            <th scope="col">{t('insight.compare.delta')}</th>
          </tr>
        </thead>
        <tbody>
          <Row label={t('insight.metric.effects')} a={ea} b={eb} testId="cmp-effects" />
          {METRICS.map(([k, label]) => (
            <Row
              key={k}
              label={t(label)}
              a={c.metrics[k].a}
              b={c.metrics[k].b}
              testId={`cmp-${k}`}
            />
          ))}
          <Row
            label={t('insight.metric.events')}
            a={c.events.a}
            b={c.events.b}
            testId="cmp-events"
          />
        </tbody>
      </table>
    </div>
  );
});

function Row({ label, a, b, testId }: { label: string; a: number; b: number; testId: string }) {
  const locale = useLocale();
  const d = b - a;
  return (
    <tr data-testid={testId} data-a={a} data-b={b}>
      <th scope="row">{label}</th>
      <td className="num">{formatNumber(locale, a)}</td>
      <td className="num">{formatNumber(locale, b)}</td>
      <td className={`num delta${d > 0 ? ' delta--up' : d < 0 ? ' delta--down' : ''}`}>
        {d === 0 ? '–' : `${d > 0 ? '+' : ''}${formatNumber(locale, d)}`}
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
  const t = useT();
  const locale = useLocale();
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
      {value === null && <option value="">{t('insight.compare.pick')}</option>}
      {runs.map((r) => (
        <option key={r.id} value={r.id} disabled={r.id === other}>
          {renderMsg(locale, runTitle(r))}
        </option>
      ))}
    </select>
  );
  return (
    <div className="compare__pick">
      {t('insight.compare.pickA')}{' '}
      {select(a, b, (v) => pick(v, b), 'compare-a', t('insight.compare.first'))}{' '}
      {t('insight.compare.pickB')}{' '}
      {select(b, a, (v) => pick(a, v), 'compare-b', t('insight.compare.second'))}
    </div>
  );
}
