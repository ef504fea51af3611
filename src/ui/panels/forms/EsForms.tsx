/**
 * The event store's forms (issue 13): an Aggregate (its category, commands, handlers, retries
 * after WrongExpectedVersion, Decider rules, snapshots, event version, upcaster), the Event
 * store, a Projection (mode, counter / idempotent, checkpoint), a Query (rate, read your
 * writes), and the faults scheduled on a node (settings.eventStoreFaults). Each field shows the
 * compile issue pinned to it.
 */
import type { EsFaultSpec, EsRuleSpec } from '../../../engine';
import type { AggregateData, Issue, ProjectionData, QueryData } from '../../../diagram';
import { useRenderMsg, useT, msg, type Msg } from '../../../i18n';
import { updateSettings } from '../../../store/designActions';
import { useAppStore } from '../../../store/store';
import { CheckInput, NumberInput, SelectInput, TextInput, type Write } from '../fields/inputs';
import { DistEditor } from './DistEditor';

interface Props<D> {
  data: D;
  issues: readonly Issue[];
  write: Write;
  /** Its input's name: an aggregate's command topic, a projection's category or `$all`, a
   *  query's projection; null when it has none. */
  input: string | null;
}

const NO_FAULTS: EsFaultSpec[] = [];

/** A fault in words, as the node's list shows it. */
export function esFaultText(f: EsFaultSpec): Msg {
  if (f.kind === 'deploy')
    return msg('eventStore.fault.deploy', {
      atMs: f.atMs,
      eventVersion: String(f.eventVersion ?? '-'),
      snapshotVersion: String(f.snapshotSchemaVersion ?? '-'),
    });
  return msg(
    f.kind === 'rebuild' ? 'eventStore.fault.rebuild' : 'eventStore.fault.projectionCrash',
    { atMs: f.atMs },
  );
}

/** The faults scheduled on this aggregate or projection, each removable. */
function EsFaults({ owner }: { owner: { kind: 'aggregate' | 'projection'; name: string } }) {
  const t = useT();
  const render = useRenderMsg();
  const all = useAppStore((s) => s.settings.eventStoreFaults ?? NO_FAULTS);
  const mine = all
    .map((f, i) => ({ f, i }))
    .filter(({ f }) =>
      owner.kind === 'aggregate'
        ? f.kind === 'deploy' && f.aggregate === owner.name
        : f.kind !== 'deploy' && f.projection === owner.name,
    );
  return (
    <>
      <h4 className="panel__sub">{t('eventStore.form.faults')}</h4>
      {mine.length === 0 && <p className="panel__hint">{t('eventStore.form.noFaults')}</p>}
      {mine.map(({ f, i }) => (
        <p key={i} className="es-fault" data-testid={`es-fault-${i}`}>
          <span>{render(esFaultText(f))}</span>
          <button
            type="button"
            className="button"
            onClick={() =>
              updateSettings(
                ['eventStoreFaults'],
                all.length === 1 ? undefined : all.filter((_, k) => k !== i),
              )
            }
          >
            {t('eventStore.form.removeFault')}
          </button>
        </p>
      ))}
    </>
  );
}

export function AggregateForm({ data, issues, write, input }: Props<AggregateData>) {
  const t = useT();
  const f = { data, issues, write };
  const rules: EsRuleSpec[] = Array.isArray(data.rules) ? data.rules : [];
  return (
    <>
      <TextInput
        {...f}
        path={['id']}
        label={t('eventStore.form.id')}
        hint={t('eventStore.form.idHint')}
      />
      <h4 className="panel__sub">{t('eventStore.form.commands')}</h4>
      {input !== null ? (
        <p className="panel__hint" data-testid="es-commands-topic">
          {t('eventStore.form.commandsFromTopic', { topic: input })}
        </p>
      ) : (
        <>
          <p className="panel__hint">{t('eventStore.form.commandsOwn')}</p>
          <div className="pgrid">
            <NumberInput
              {...f}
              path={['commands', 'rate', 'perSec']}
              label={t('eventStore.form.perSec')}
            />
            <NumberInput
              {...f}
              path={['commands', 'keys', 'count']}
              label={t('eventStore.form.streams')}
            />
            <TextInput
              {...f}
              path={['commands', 'keys', 'prefix']}
              label={t('eventStore.form.keyPrefix')}
              optional
            />
          </div>
        </>
      )}
      <div className="pgrid">
        <NumberInput
          {...f}
          path={['handlers']}
          label={t('eventStore.form.handlers')}
          optional
          placeholder="1"
          hint={t('eventStore.form.handlersHint')}
        />
        <NumberInput
          {...f}
          path={['maxRetries']}
          label={t('eventStore.form.maxRetries')}
          optional
          placeholder="3"
          hint={t('eventStore.form.maxRetriesHint')}
        />
      </div>
      <DistEditor {...f} path={['processingMs']} label={t('eventStore.form.processing')} />
      <h4 className="panel__sub">{t('eventStore.form.rules')}</h4>
      <p className="panel__hint">{t('eventStore.form.rulesHint')}</p>
      {rules.map((_, i) => (
        <div key={i} className="es-rule" data-testid={`es-rule-${i}`}>
          <div className="pgrid">
            <TextInput {...f} path={['rules', i, 'command']} label={t('eventStore.form.command')} />
            <TextInput {...f} path={['rules', i, 'event']} label={t('eventStore.form.event')} />
            <TextInput
              {...f}
              path={['rules', i, 'setStatus']}
              label={t('eventStore.form.setStatus')}
              optional
            />
            <NumberInput
              {...f}
              path={['rules', i, 'amount']}
              label={t('eventStore.form.amount')}
              optional
            />
          </div>
          <button
            type="button"
            className="button"
            onClick={() =>
              write(
                ['rules'],
                rules.filter((_r, k) => k !== i),
              )
            }
          >
            {t('eventStore.form.removeRule')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button"
        data-testid="es-add-rule"
        onClick={() =>
          write(['rules'], [...rules, { command: 'Deposit', event: 'MoneyDeposited' }])
        }
      >
        {t('eventStore.form.addRule')}
      </button>
      <h4 className="panel__sub">{t('eventStore.form.versions')}</h4>
      <div className="pgrid">
        <NumberInput
          {...f}
          path={['eventVersion']}
          label={t('eventStore.form.eventVersion')}
          optional
          placeholder="1"
          hint={t('eventStore.form.eventVersionHint')}
        />
        <NumberInput
          {...f}
          path={['snapshot', 'every']}
          label={t('eventStore.form.snapshotEvery')}
          optional
          placeholder={t('eventStore.form.none')}
        />
      </div>
      <CheckInput
        data={{ upcast: data.upcast !== undefined }}
        issues={issues}
        path={['upcast']}
        label={t('eventStore.form.upcastOn')}
        write={(_p, v) =>
          write(['upcast'], v ? { from: 1, to: 2, defaults: { currency: 'EUR' } } : undefined)
        }
      />
      {data.upcast !== undefined && (
        <div className="pgrid">
          <NumberInput {...f} path={['upcast', 'from']} label={t('eventStore.form.upcastFrom')} />
          <NumberInput {...f} path={['upcast', 'to']} label={t('eventStore.form.upcastTo')} />
        </div>
      )}
      <EsFaults owner={{ kind: 'aggregate', name: data.id }} />
    </>
  );
}

/** What the node menu schedules on an event store node at `atMs` (the cursor's next ms). */
export function esMenuItems(
  kind: string,
  name: string,
  atMs: number,
  mode: string | undefined,
  eventVersion: number,
): { label: Msg; fault: EsFaultSpec | null; testId: string }[] {
  if (kind === 'aggregate')
    return [
      {
        label: msg('eventStore.menu.deploy', { v: eventVersion + 1, atMs }),
        fault: { kind: 'deploy', aggregate: name, atMs, eventVersion: eventVersion + 1 },
        testId: `schedule-deploy-${name}`,
      },
    ];
  if (kind !== 'projection') return [];
  if (mode === 'inline')
    return [{ label: msg('eventStore.menu.inline'), fault: null, testId: 'schedule-inline' }];
  return [
    {
      label: msg('eventStore.menu.crash', { atMs }),
      fault: { kind: 'projectionCrash', projection: name, atMs },
      testId: `schedule-crash-${name}`,
    },
    {
      label: msg('eventStore.menu.rebuild', { atMs }),
      fault: { kind: 'rebuild', projection: name, atMs },
      testId: `schedule-rebuild-${name}`,
    },
  ];
}

export function EventStoreForm() {
  const t = useT();
  return <p className="panel__hint">{t('eventStore.form.storeText')}</p>;
}

export function ProjectionForm({ data, issues, write, input }: Props<ProjectionData>) {
  const t = useT();
  const f = { data, issues, write };
  return (
    <>
      <TextInput {...f} path={['id']} label={t('eventStore.form.projectionId')} />
      <p className="panel__hint" data-testid="es-projection-from">
        {t('eventStore.form.from')}:{' '}
        {input === null
          ? t('eventStore.form.fromNothing')
          : input === '$all'
            ? t('eventStore.form.fromAll')
            : t('eventStore.form.fromCategory', { category: input })}
      </p>
      <div className="pgrid">
        <SelectInput
          {...f}
          path={['mode']}
          label={t('eventStore.form.mode')}
          options={[
            { value: 'async', label: t('eventStore.form.async') },
            { value: 'inline', label: t('eventStore.form.inline') },
          ]}
        />
        <SelectInput
          {...f}
          path={['projectionKind']}
          label={t('eventStore.form.kind')}
          options={[
            { value: 'counter', label: t('eventStore.form.counter') },
            { value: 'idempotent', label: t('eventStore.form.idempotent') },
          ]}
        />
      </div>
      {data.mode !== 'inline' && (
        <>
          <NumberInput
            {...f}
            path={['checkpointEvery']}
            label={t('eventStore.form.checkpointEvery')}
            optional
            placeholder="10"
            hint={t('eventStore.form.checkpointHint')}
          />
          <DistEditor {...f} path={['processingMs']} label={t('eventStore.form.processing')} />
        </>
      )}
      <EsFaults owner={{ kind: 'projection', name: data.id }} />
    </>
  );
}

export function QueryForm({ data, issues, write, input }: Props<QueryData>) {
  const t = useT();
  const f = { data, issues, write };
  return (
    <>
      <TextInput {...f} path={['id']} label={t('eventStore.form.queryId')} />
      <p className="panel__hint">
        {input === null
          ? t('eventStore.form.readsNothing')
          : t('eventStore.form.reads', { projection: input })}
      </p>
      <NumberInput {...f} path={['rate', 'perSec']} label={t('eventStore.form.queriesPerSec')} />
      <CheckInput
        {...f}
        path={['readYourWrites']}
        label={t('eventStore.form.readYourWrites')}
        hint={t('eventStore.form.readYourWritesHint')}
      />
    </>
  );
}
