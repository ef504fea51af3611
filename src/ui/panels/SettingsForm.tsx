import { useCallback } from 'react';
import type { Segment } from '../../diagram';
import type { FaultSpec } from '../../engine';
import { useRenderMsg, useT } from '../../i18n';
import { faultLabel } from '../timeline/faultLanes';
import { updateSettings } from '../../store/designActions';
import { selectDesignIssues, selectSettings } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { setSettingsOpen } from '../../store/uiActions';
import { NumberInput, SelectInput, TextInput } from './fields/inputs';

/** The design's own settings: name, description, run length, seed; and its scheduled faults. */
export function SettingsForm() {
  const t = useT();
  const render = useRenderMsg();
  const settings = useAppStore(selectSettings);
  const issues = useAppStore(selectDesignIssues);
  const hasRabbit = useAppStore((s) =>
    s.nodes.some((n) => n.data.kind === 'exchange' || n.data.kind === 'queue'),
  );
  const write = useCallback(
    (path: readonly Segment[], value: unknown) => updateSettings(path, value),
    [],
  );
  const f = { data: settings, issues: [], write };
  // The broker section: a field cleared to its default leaves no empty section behind (an empty
  // one would still switch the log manager's retention check on).
  const writeBroker = useCallback(
    (path: readonly Segment[], value: unknown) => {
      const key = String(path[1]);
      const broker: Record<string, unknown> = { ...(settings.broker ?? {}) };
      if (value === undefined) delete broker[key];
      else broker[key] = value;
      updateSettings(['broker'], Object.keys(broker).length > 0 ? broker : undefined);
    },
    [settings.broker],
  );
  const b = { data: settings, issues: [], write: writeBroker };
  const faults = settings.faults as unknown as FaultSpec[];
  return (
    <div className="panel__body" data-testid="properties-design">
      <header className="panel__header">
        <span className="panel__kind panel__kind--row">
          {t('panels.settings.design')}
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setSettingsOpen(false)}
            aria-label={t('panels.settings.close')}
          >
            ✕
          </button>
        </span>
        <p className="panel__hint">{t('panels.settings.hint')}</p>
      </header>
      {issues.map((i, k) => (
        <p key={k} className="pfield__error" role="alert" data-testid="design-issue">
          {render(i.text ?? i.message)}
        </p>
      ))}
      <section className="panel__section">
        <TextInput {...f} path={['name']} label={t('panels.settings.name')} />
        <label className="pfield">
          <span className="pfield__label">{t('panels.settings.description')}</span>
          <textarea
            className="input textarea"
            rows={4}
            value={settings.description ?? ''}
            onChange={(e) => write(['description'], e.target.value || undefined)}
          />
        </label>
        <div className="pgrid">
          <NumberInput
            {...f}
            path={['durationMs']}
            label={t('panels.settings.duration')}
            optional
            placeholder="10000"
            unit="ms"
          />
          <NumberInput
            {...f}
            path={['seed']}
            label={t('panels.settings.seed')}
            optional
            placeholder="1"
          />
        </div>
        {(hasRabbit || settings.amqpProfile !== undefined) && (
          <SelectInput
            {...f}
            path={['amqpProfile']}
            label={t('panels.settings.amqpProfile')}
            hint={t('panels.settings.amqpProfileHint')}
            defaultLabel={t('panels.settings.amqpProfileDefault')}
            options={[
              { value: '3.10', label: t('panels.settings.amqpProfile310') },
              { value: '4.x', label: t('panels.settings.amqpProfile4x') },
            ]}
          />
        )}
      </section>
      <section className="panel__section" data-testid="settings-broker">
        <h4 className="panel__sub">{t('panels.settings.broker')}</h4>
        <p className="panel__hint">{t('panels.settings.brokerHint')}</p>
        <div>
          <NumberInput
            {...b}
            path={['broker', 'offsets.retention.minutes']}
            label={t('panels.settings.offsetsRetentionMinutes')}
            hint={t('panels.settings.offsetsRetentionMinutesHint')}
            optional
            placeholder="10080"
            unit={t('panels.settings.minutesUnit')}
          />
          <NumberInput
            {...b}
            path={['broker', 'offsets.retention.check.interval.ms']}
            label={t('panels.settings.offsetsRetentionCheck')}
            hint={t('panels.settings.offsetsRetentionCheckHint')}
            optional
            placeholder="600000"
            unit="ms"
          />
          <NumberInput
            {...b}
            path={['broker', 'log.retention.check.interval.ms']}
            label={t('panels.settings.logRetentionCheck')}
            hint={t('panels.settings.logRetentionCheckHint')}
            optional
            placeholder="300000"
            unit="ms"
          />
          <NumberInput
            {...b}
            path={['broker', 'log.initial.task.delay.ms']}
            label={t('panels.settings.logInitialDelay')}
            hint={t('panels.settings.logInitialDelayHint')}
            optional
            placeholder="30000"
            unit="ms"
          />
          <NumberInput
            {...b}
            path={['broker', 'log.cleaner.backoff.ms']}
            label={t('panels.settings.logCleanerBackoff')}
            hint={t('panels.settings.logCleanerBackoffHint')}
            optional
            placeholder="15000"
            unit="ms"
          />
        </div>
      </section>
      {faults.length > 0 && (
        <section className="panel__section">
          <h4 className="panel__sub">{t('panels.settings.faults')}</h4>
          <ul className="faults">
            {faults.map((fault, i) => (
              <li key={i} className="faults__item">
                <span>
                  {t('panels.settings.fault', { fault: faultLabel(fault), ms: fault.atMs })}
                </span>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() =>
                    write(
                      ['faults'],
                      settings.faults.filter((_, k) => k !== i),
                    )
                  }
                  aria-label={t('panels.settings.removeFault', {
                    fault: faultLabel(fault),
                    ms: fault.atMs,
                  })}
                >
                  {t('panels.settings.remove')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
