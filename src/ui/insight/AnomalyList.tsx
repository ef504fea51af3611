import { memo, useEffect, useMemo, useRef } from 'react';
import type { Anomaly, AnomalyKind, AnomalyTotals } from '../../insight';
import { useLocale, useRenderMsg, useT } from '../../i18n';
import { showLineage } from '../../store/insightActions';
import { selectAnomalies, selectAnomalyTotal, selectSelectedAnomaly } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { cursorOf, selectAnomalyById } from '../../store/timelineActions';
import { formatSimTime } from '../format';
import { groupSum, splitAtCursor } from './atCursor';
import { anomalyWhere, ES_ANOMALY_KINDS } from '../../insight';
import { ANOMALY_KIND } from './kindLabel';

const KINDS: readonly AnomalyKind[] = [
  'duplicate',
  'reordered',
  'lost',
  'stuck',
  'dead-lettered',
  ...ES_ANOMALY_KINDS,
];
/** Kinds whose chip shows only when the run has some (RabbitMQ's and the event store's own). */
const OPTIONAL: ReadonlySet<AnomalyKind> = new Set<AnomalyKind>([
  'dead-lettered',
  ...ES_ANOMALY_KINDS,
]);
/** Kinds with no figure of the log's own (the summary counts them elsewhere). */
const NO_LOG: ReadonlySet<AnomalyKind> = new Set<AnomalyKind>([
  'stuck',
  'dead-lettered',
  ...ES_ANOMALY_KINDS,
]);
/** What a kind's figure counts: records (the summary's unit), except stuck partitions/records. */
const UNIT = {
  duplicate: 'insight.unit.duplicate',
  reordered: 'insight.unit.reordered',
  lost: 'insight.unit.lost',
  stuck: 'insight.unit.stuck',
  'dead-lettered': 'insight.unit.deadLettered',
  'stale-read': 'esInsight.unit.staleRead',
  'double-count': 'esInsight.unit.doubleCount',
  'write-conflict': 'esInsight.unit.writeConflict',
  'command-failed': 'esInsight.unit.commandFailed',
  'schema-mismatch': 'esInsight.unit.schemaMismatch',
} as const;
/** The same in messages, RabbitMQ's word, when every anomaly is RabbitMQ's. */
const UNIT_MESSAGES = {
  ...UNIT,
  duplicate: 'insight.unit.duplicateMessages',
  reordered: 'insight.unit.reorderedMessages',
  lost: 'insight.unit.lostMessages',
} as const;
/** The summary's name for the log's own figure of a kind. */
const LOG_LABEL = {
  duplicate: 'insight.log.duplicate',
  reordered: 'insight.log.reordered',
  lost: 'insight.log.lost',
} as const;

/**
 * Anomalies of the shown run as the worker found them, in log order; click → jump + highlight.
 * At the cursor, the list and its counts show what had happened by then, as the summary bar
 * and the canvas do; later anomalies stay listed, dimmed, and are counted apart.
 */
export const AnomalyList = memo(function AnomalyList() {
  const t = useT();
  const anomalies = useAppStore(selectAnomalies);
  const total = useAppStore(selectAnomalyTotal);
  const selected = useAppStore(selectSelectedAnomaly);
  const cursor = useAppStore((s) => cursorOf(s).index);
  const at = useMemo(() => splitAtCursor(anomalies, cursor), [anomalies, cursor]);
  const messages = useMemo(() => anomalies.every((a) => a.system === 'rabbitmq'), [anomalies]);
  const ref = useRef<HTMLOListElement>(null);
  useEffect(() => {
    ref.current?.querySelector('.is-selected')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  if (anomalies.length === 0)
    return (
      <p className="insight__empty" data-testid="anomalies-empty">
        {t('insight.empty')}
      </p>
    );
  return (
    <div className="anomalies">
      <p className="anomalies__summary" data-testid="anomaly-summary">
        {KINDS.filter(
          (k) =>
            !OPTIONAL.has(k) ||
            at.pastTotals.all[k] + at.futureTotals.all[k] > 0 ||
            anomalies.some((a) => a.kind === k),
        ).map((k) => (
          <KindChip
            key={k}
            kind={k}
            past={at.pastTotals}
            future={at.futureTotals}
            capped={total > anomalies.length}
            messages={messages}
          />
        ))}
        {total > anomalies.length && (
          <span className="muted">
            {' '}
            · {t('insight.list.capped', { shown: anomalies.length, total })}
          </span>
        )}
      </p>
      <ol className="anomalies__list" ref={ref} data-testid="anomaly-list">
        {at.past.map((a) => (
          <AnomalyItem key={a.id} a={a} selected={a.id === selected} future={false} />
        ))}
        {at.future.length > 0 && (
          <li
            className="anomalies__later muted"
            data-testid="anomalies-later"
            data-count={at.future.length}
          >
            {t('insight.list.later', { n: at.future.length })}
          </li>
        )}
        {at.future.map((a) => (
          <AnomalyItem key={a.id} a={a} selected={a.id === selected} future />
        ))}
      </ol>
    </div>
  );
});

/** One kind's figure in records, by groups and for the log as the summary bar shows them. */
function KindChip({
  kind,
  past,
  future,
  capped,
  messages,
}: {
  kind: AnomalyKind;
  past: AnomalyTotals;
  future: AnomalyTotals;
  /** Only the first anomalies are kept (MAX_ANOMALIES): the figures are lower bounds. */
  capped: boolean;
  /** A RabbitMQ-only list counts messages. */
  messages: boolean;
}) {
  const t = useT();
  // RabbitMQ's figures (past.amqp) count beside the groups': messages, as its summary counts.
  const groups =
    kind === 'stuck'
      ? past.all.stuck
      : groupSum(past, kind) + past.amqp[kind] + past.eventStore[kind];
  const log = NO_LOG.has(kind) ? 0 : past.log[kind];
  const later = future.all[kind];
  return (
    <span
      className={`chip chip--${kind}`}
      data-testid={`chip-${kind}`}
      data-groups={groups}
      data-log={log}
      data-later={later}
      title={
        kind === 'duplicate' || kind === 'reordered' || kind === 'lost'
          ? t(capped ? 'insight.chip.titleCapped' : 'insight.chip.title', {
              label: t(LOG_LABEL[kind]),
            })
          : t(kind === 'stuck' ? 'insight.chip.stuckTitle' : ANOMALY_KIND[kind])
      }
    >
      {capped && '≥ '}
      {t((messages ? UNIT_MESSAGES : UNIT)[kind], { n: groups })}
      {log !== 0 &&
        (kind === 'duplicate' || kind === 'reordered' || kind === 'lost') &&
        ` · ${t('insight.chip.log', { n: log, label: t(LOG_LABEL[kind]) })}`}
      {later !== 0 && (
        <span className="chip__later"> · {t('insight.chip.later', { n: later })}</span>
      )}
    </span>
  );
}

function AnomalyItem({ a, selected, future }: { a: Anomaly; selected: boolean; future: boolean }) {
  const t = useT();
  const render = useRenderMsg();
  const locale = useLocale();
  const where = anomalyWhere(a);
  const records =
    a.kind === 'stuck'
      ? null
      : a.system === 'eventstore'
        ? a.count === 0
          ? t('esInsight.item.info')
          : t('esInsight.item.events', { n: Math.abs(a.count) })
        : a.cause === 'aborted-read'
          ? t('insight.item.abortedRead')
          : a.cause === 'duplicate-output'
            ? t('insight.item.outputTwice')
            : a.cause === 'missed-tombstone'
              ? t('insight.item.missedTombstone')
              : a.count === 0
                ? t('insight.item.counted')
                : a.system === 'rabbitmq'
                  ? t('insight.item.messages', { n: Math.abs(a.count) })
                  : t(a.count > 0 ? 'insight.item.records' : 'insight.item.recordsRemoved', {
                      n: Math.abs(a.count),
                    });
  return (
    <li
      className={`anomaly anomaly--${a.kind}${selected ? ' is-selected' : ''}${future ? ' is-future' : ''}`}
      data-testid={`anomaly-${a.kind}`}
      data-anomaly-id={a.id}
      data-index={a.index}
      data-count={a.count}
      data-group={a.group ?? ''}
      data-future={future ? 'true' : 'false'}
    >
      <button type="button" className="anomaly__main" onClick={() => selectAnomalyById(a.id)}>
        <span className={`chip chip--${a.kind}`}>
          {t(ANOMALY_KIND[a.kind])}
          {a.absorbed ? ` · ${t('insight.item.absorbed')}` : ''}
        </span>
        <span className="anomaly__where num">{where}</span>
        <span className="anomaly__group">
          {a.group
            ? `${a.group}${a.member ? ` / ${a.member}` : ''}`
            : a.actor
              ? a.actor
              : a.consumer
                ? `${a.consumer}${a.member ? ` / ${a.member}` : ''}`
                : a.system === 'rabbitmq'
                  ? t('insight.item.rabbitmq')
                  : a.system === 'eventstore'
                    ? t('esInsight.item.eventStore')
                    : t('insight.item.theLog')}
          {records && <span className="anomaly__count num"> · {records}</span>}
        </span>
        <span className="anomaly__time num">{formatSimTime(a.timeUs, locale)}</span>
        <span className="anomaly__text" data-testid="anomaly-explanation">
          {render(a.explanation)}
        </span>
      </button>
      {a.eventId !== undefined && (
        <button
          type="button"
          className="button button--small"
          onClick={() => showLineage(a.eventId!)}
          data-testid="anomaly-lineage"
        >
          {t('insight.item.lineage')}
        </button>
      )}
    </li>
  );
}
