import { selectSettings, selectTotals } from '../../store/selectors';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { builtInTextIn } from '../../scenarios';
import { useAppStore } from '../../store/store';
import { useLessonStore } from '../../store/lessonStore';
import { localize } from '../../learn/lesson';
import { formatCount } from '../format';

/**
 * The summary's figures, all in records (messages in a RabbitMQ-only run), at the cursor (the view is the state the canvas shows).
 * "produced" counts producers' sends and services' emitted records alike; each producer node
 * shows its own sends, so the nodes' sum plus what services emitted is this figure.
 */
const FIGURES: readonly Figure[] = [
  { key: 'produced', label: 'panels.summary.produced', title: 'panels.summary.produced.title' },
  { key: 'processed', label: 'panels.summary.processed', title: 'panels.summary.processed.title' },
  { key: 'lagMax', label: 'panels.summary.lagMax', title: 'panels.summary.lagMax.title' },
  {
    key: 'duplicates',
    label: 'panels.summary.duplicates',
    alert: 'warn',
    title: 'panels.summary.duplicates.title',
  },
  {
    key: 'lost',
    label: 'panels.summary.lost',
    alert: 'danger',
    title: 'panels.summary.lost.title',
  },
  {
    key: 'reordered',
    label: 'panels.summary.reordered',
    alert: 'warn',
    title: 'panels.summary.reordered.title',
  },
  {
    key: 'deadLettered',
    label: 'panels.summary.deadLettered',
    alert: 'warn',
    title: 'panels.summary.deadLettered.title',
  },
  {
    key: 'rebalances',
    label: 'panels.summary.rebalances',
    title: 'panels.summary.rebalances.title',
  },
];

/** The log's own figures (the request path), shown once one is non-zero. */
const LOG_FIGURES: readonly Figure[] = [
  {
    key: 'logDuplicates',
    label: 'panels.summary.logDuplicates',
    alert: 'warn',
    title: 'panels.summary.logDuplicates.title',
  },
  {
    key: 'lostAcked',
    label: 'panels.summary.lostAcked',
    alert: 'danger',
    title: 'panels.summary.lostAcked.title',
  },
  {
    key: 'reorderedInLog',
    label: 'panels.summary.reorderedInLog',
    alert: 'warn',
    title: 'panels.summary.reorderedInLog.title',
  },
];

/** Transactions' figures, each shown once non-zero. */
const TXN_FIGURES: readonly Figure[] = [
  {
    key: 'abortedRead',
    label: 'panels.summary.abortedRead',
    alert: 'danger',
    title: 'panels.summary.abortedRead.title',
  },
  {
    key: 'outputDuplicates',
    label: 'panels.summary.outputDuplicates',
    alert: 'warn',
    title: 'panels.summary.outputDuplicates.title',
  },
];

/** Compaction's figure, shown once non-zero. */
const COMPACTION_FIGURES: readonly Figure[] = [
  {
    key: 'missedTombstones',
    label: 'panels.summary.missedTombstones',
    alert: 'warn',
    title: 'panels.summary.missedTombstones.title',
  },
];

type Figure = { key: string; label: MessageKey; title: MessageKey; alert?: string };

/**
 * A run with RabbitMQ only counts messages (RabbitMQ's word), not records: its figures' words.
 * Max lag and rebalances are Kafka's and keep theirs; a mixed run keeps Kafka's.
 */
const AMQP_TEXT: Readonly<Record<string, { label?: MessageKey; title: MessageKey }>> = {
  produced: { label: 'panels.summary.amqp.produced', title: 'panels.summary.amqp.produced.title' },
  processed: { title: 'panels.summary.amqp.processed.title' },
  duplicates: { title: 'panels.summary.amqp.duplicates.title' },
  lost: { title: 'panels.summary.amqp.lost.title' },
  reordered: { title: 'panels.summary.amqp.reordered.title' },
  deadLettered: { title: 'panels.summary.amqp.deadLettered.title' },
};

/** The open scenario's description and the run's totals. */
export function SummaryBar() {
  const t = useT();
  const locale = useLocale();
  const scenario = useAppStore(selectSettings);
  // An unedited built-in (the first edit makes it a design of its own) reads in the UI language.
  const builtIn = useAppStore((s) =>
    s.doc.kind === 'unsaved' && s.doc.source === 'builtIn' ? s.origin : null,
  );
  // In a lesson, a step changes the built-in it starts from (its description would no longer be
  // true): the bar names the lesson and the step, in the reader's language.
  const lessonStep = useLessonStore((l) =>
    l.lesson && l.lesson.steps[l.step]
      ? `${localize(l.lesson.title, locale)} · ${localize(l.lesson.steps[l.step]!.title, locale)}`
      : null,
  );
  const description =
    lessonStep ||
    (builtIn !== null ? builtInTextIn(locale, builtIn)?.description : undefined) ||
    scenario.description ||
    scenario.name;
  const totals = useAppStore(selectTotals);
  // RabbitMQ only: no Kafka topic in the design, at least one exchange.
  const amqpOnly = useAppStore(
    (st) =>
      st.nodes.some((n) => n.data.kind === 'exchange') &&
      !st.nodes.some((n) => n.data.kind === 'topic' || n.data.kind === 'deadLetterTopic'),
  );
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
    const words = amqpOnly && Object.hasOwn(AMQP_TEXT, f.key) ? AMQP_TEXT[f.key] : undefined;
    const split = { producers: fromProducers, services: Math.max(0, v - fromProducers) };
    const title =
      f.key === 'produced'
        ? words
          ? t('panels.summary.amqp.produced.split', split)
          : t('panels.summary.produced.split', split)
        : t(words?.title ?? f.title);
    return (
      <div key={f.key} className={`total${tone}`} title={title}>
        <dt className="total__label">{t(words?.label ?? f.label)}</dt>
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
    <section className="summary" aria-label={t('panels.summary')}>
      <p className="summary__description" title={description}>
        {description}
      </p>
      <dl className="summary__totals">
        {FIGURES.map(figure)}
        {showLog && LOG_FIGURES.map(figure)}
        {TXN_FIGURES.filter((f) => value(f.key) > 0).map(figure)}
        {COMPACTION_FIGURES.filter((f) => value(f.key) > 0).map(figure)}
      </dl>
    </section>
  );
}
