import type { GroupData, Issue } from '../../../diagram';
import { useRenderMsg, useT } from '../../../i18n';
import { CheckInput, NumberInput, SelectInput, TextInput, type Write } from '../fields/inputs';
import { DistEditor } from './DistEditor';
import { AMQP_NAME } from './amqpNames';

interface Props {
  data: GroupData;
  issues: readonly Issue[];
  write: Write;
  /** The queue it consumes, when a Queue feeds it (RabbitMQ consumers, not a Kafka group). */
  queue?: string;
}

type CommitMode = 'after' | 'before' | 'auto';

const commitMode = (d: GroupData): CommitMode =>
  d.commit === 'after-processing' ? 'after' : d.commit === 'before-processing' ? 'before' : 'auto';

/** A consumer group's settings (and a service's handler and failures), under Kafka's names. */
export function GroupForm({ data, issues, write, queue }: Props) {
  const t = useT();
  const render = useRenderMsg();
  const f = { data, issues, write };
  const mode = commitMode(data);
  const setMode = (m: CommitMode) => {
    write(
      ['commit'],
      m === 'after' ? 'after-processing' : m === 'before' ? 'before-processing' : undefined,
    );
    write(['config', 'enable.auto.commit'], undefined);
  };
  const members = Array.isArray(data.members) ? data.members.length : data.members;
  const transactional = typeof data.config?.['transactional.id'] === 'string';
  // The engine names the commit mode and enable.auto.commit when they clash with
  // transactional.id; both are set by the commit select.
  const commitIssues = issues.filter(
    (i) => i.field === 'commit' || i.field === 'config/enable.auto.commit',
  );
  return (
    <>
      <TextInput
        {...f}
        path={['id']}
        label={t(queue === undefined ? 'panels.group.name' : 'panels.consumer.name')}
      />
      <div className="pgrid">
        <label className="pfield">
          <span className="pfield__label">{t('panels.group.members')}</span>
          <input
            className="input num"
            inputMode="numeric"
            value={Number.isFinite(members) ? String(members) : ''}
            data-testid="field-members"
            aria-invalid={issues.some((i) => i.field === 'members')}
            onChange={(e) =>
              write(['members'], e.target.value.trim() === '' ? Number.NaN : Number(e.target.value))
            }
          />
          {issues
            .filter((i) => i.field === 'members')
            .map((i, k) => (
              <span
                key={k}
                className="pfield__error"
                role="alert"
                data-testid="field-error-members"
              >
                {render(i.text ?? i.message)}
              </span>
            ))}
        </label>
        {queue === undefined && (
          <SelectInput
            {...f}
            path={['config', 'partition.assignment.strategy']}
            label="partition.assignment.strategy"
            defaultLabel={t('panels.group.strategyDefault')}
            options={[
              { value: 'roundrobin', label: 'roundrobin' },
              { value: 'sticky', label: 'sticky' },
              { value: 'cooperative-sticky', label: 'cooperative-sticky' },
            ]}
          />
        )}
      </div>
      {queue !== undefined && <AmqpConsumerFields {...f} queue={queue} />}
      {queue === undefined && (
        <label className="pfield">
          <span className="pfield__label">{t('panels.group.commits')}</span>
          <select
            className="select select--block"
            value={transactional && mode === 'auto' ? 'after' : mode}
            onChange={(e) => setMode(e.target.value as CommitMode)}
            aria-invalid={commitIssues.length > 0}
            data-testid="field-commit-mode"
          >
            <option value="after">
              {transactional ? t('panels.group.commitTxn') : t('panels.group.commitAfter')}
            </option>
            <option value="before">{t('panels.group.commitBefore')}</option>
            {/* A transactional service commits its offsets in each transaction: no auto-commit. */}
            {!transactional && <option value="auto">{t('panels.group.commitAuto')}</option>}
          </select>
          {commitIssues.map((i, k) => (
            <span key={k} className="pfield__error" role="alert" data-testid="field-error-commit">
              {render(i.text ?? i.message)}
            </span>
          ))}
        </label>
      )}
      {mode === 'auto' && queue === undefined && !transactional && (
        <NumberInput
          {...f}
          path={['config', 'auto.commit.interval.ms']}
          label="auto.commit.interval.ms"
          optional
          placeholder="5000"
        />
      )}
      <DistEditor
        {...f}
        path={['processingMs']}
        label={
          queue === undefined ? t('panels.group.processing') : t('panels.group.processingMessage')
        }
      />
      {data.kind === 'service' && <ServiceFields {...f} queue={queue} />}
      {data.kind !== 'consumerGroup' && (
        <CheckInput
          {...f}
          path={['idempotent']}
          label={t('panels.group.idempotent')}
          hint={
            queue === undefined
              ? t('panels.group.idempotentHint')
              : t('panels.group.idempotentHintMessages')
          }
        />
      )}
      {queue === undefined && <KafkaConsumerConfig {...f} />}
    </>
  );
}

/** RabbitMQ consumers of a queue: prefetch, auto-ack, and what a failed delivery does. */
function AmqpConsumerFields({ data, issues, write, queue }: Props & { queue: string }) {
  const t = useT();
  const f = { data, issues, write };
  return (
    <>
      <h4 className="panel__sub" data-testid="consumer-section">
        {t('panels.consumer.section', { queue })}
      </h4>
      <p className="pfield__hint">{t('panels.consumer.hint')}</p>
      <div className="pgrid">
        <NumberInput
          {...f}
          path={['prefetch']}
          label={AMQP_NAME.prefetch}
          optional
          placeholder="0"
          hint={t('panels.consumer.prefetchHint')}
        />
        <CheckInput
          {...f}
          path={['autoAck']}
          label={AMQP_NAME.autoAck}
          hint={t('panels.consumer.autoAckHint')}
        />
        <NumberInput
          {...f}
          path={['ackEvery']}
          label={t('panels.consumer.ackEvery')}
          optional
          placeholder="1"
          hint={t('panels.consumer.ackEveryHint')}
        />
        <NumberInput
          {...f}
          path={['ackFlushMs']}
          label={t('panels.consumer.ackFlushMs')}
          optional
          placeholder="1000"
          hint={t('panels.consumer.ackFlushHint')}
        />
      </div>
      <h4 className="panel__sub">{t('panels.consumer.failures')}</h4>
      <div className="pgrid">
        <NumberInput
          {...f}
          path={['failure', 'rate']}
          label={t('panels.service.failureRate')}
          optional
          placeholder="0"
        />
        <CheckInput
          {...f}
          path={['failure', 'requeue']}
          label={AMQP_NAME.requeue}
          defaultValue
          hint={t('panels.consumer.requeueHint')}
        />
      </div>
    </>
  );
}

/** Kafka's consumer settings (a group reading topics). */
function KafkaConsumerConfig({ data, issues, write }: Props) {
  const t = useT();
  const f = { data, issues, write };
  return (
    <>
      <h4 className="panel__sub">{t('panels.group.config')}</h4>
      <div className="pgrid">
        <NumberInput
          {...f}
          path={['config', 'max.poll.records']}
          label="max.poll.records"
          optional
          placeholder="500"
        />
        <NumberInput
          {...f}
          path={['config', 'session.timeout.ms']}
          label="session.timeout.ms"
          optional
          placeholder="45000"
        />
        <NumberInput
          {...f}
          path={['config', 'heartbeat.interval.ms']}
          label="heartbeat.interval.ms"
          optional
          placeholder="3000"
        />
        <NumberInput
          {...f}
          path={['config', 'max.poll.interval.ms']}
          label="max.poll.interval.ms"
          optional
          placeholder="300000"
        />
        <TextInput
          {...f}
          write={(p, v) => write(p, v === '' ? undefined : v)}
          path={['config', 'group.instance.id']}
          label="group.instance.id"
          placeholder={t('panels.group.instanceIdPlaceholder', { token: '{member}' })}
          hint={t('panels.group.instanceIdHint', { token: '{member}' })}
        />
        <SelectInput
          {...f}
          path={['config', 'auto.offset.reset']}
          label="auto.offset.reset"
          defaultLabel={t('panels.group.offsetResetDefault')}
          options={[
            { value: 'earliest', label: 'earliest' },
            { value: 'latest', label: 'latest' },
          ]}
        />
      </div>
      <SelectInput
        {...f}
        path={['config', 'isolation.level']}
        label="isolation.level"
        defaultLabel={t('panels.group.isolationDefault')}
        hint={t('panels.group.isolationHint')}
        options={[
          { value: 'read_uncommitted', label: 'read_uncommitted' },
          { value: 'read_committed', label: 'read_committed' },
        ]}
      />
      {data.kind === 'service' && <TransactionFields {...f} />}
    </>
  );
}

/**
 * A service's producer made transactional (exactly-once read-process-write): transactional.id
 * and transaction.timeout.ms, under Kafka's names; errors under each field.
 */
function TransactionFields({ data, issues, write }: Props) {
  const t = useT();
  const f = { data, issues, write };
  return (
    <>
      <h4 className="panel__sub" data-testid="transactions-section">
        {t('panels.group.transactions')}
      </h4>
      <TextInput
        {...f}
        write={(p, v) => write(p, v === '' ? undefined : v)}
        path={['config', 'transactional.id']}
        label="transactional.id"
        placeholder={t('panels.group.transactionalIdPlaceholder', { token: '{member}' })}
        hint={t('panels.group.transactionalIdHint', { token: '{member}' })}
      />
      <NumberInput
        {...f}
        path={['config', 'transaction.timeout.ms']}
        label="transaction.timeout.ms"
        optional
        placeholder="60000"
        hint={t('panels.group.transactionTimeoutHint')}
      />
    </>
  );
}

function ServiceFields({ data, issues, write, queue }: Props) {
  const t = useT();
  const f = { data, issues, write };
  const rules = data.handlers ?? [];
  return (
    <>
      <h4 className="panel__sub">{t('panels.service.handler')}</h4>
      <div className="pgrid">
        <TextInput
          {...f}
          path={['handlers', 0, 'on']}
          label={t('panels.service.on')}
          placeholder={t('panels.example.eventType')}
        />
        <TextInput
          {...f}
          path={['handlers', 0, 'emit', 0, 'type']}
          label={t('panels.service.emits')}
          placeholder={t('panels.example.emitType')}
        />
        <NumberInput
          {...f}
          path={['handlers', 0, 'emit', 0, 'probability']}
          label={t('panels.service.probability')}
          optional
          placeholder="1"
        />
      </div>
      {rules.length > 1 && (
        <p className="pfield__hint">{t('panels.service.moreRules', { n: rules.length - 1 })}</p>
      )}
      {queue === undefined && (
        <>
          <h4 className="panel__sub">{t('panels.service.failures')}</h4>
          <div className="pgrid">
            <NumberInput
              {...f}
              path={['failure', 'rate']}
              label={t('panels.service.failureRate')}
              optional
              placeholder="0"
            />
            <NumberInput
              {...f}
              path={['failure', 'retries']}
              label={t('panels.kafka.retries')}
              optional
              placeholder="∞"
            />
            <NumberInput
              {...f}
              path={['failure', 'backoffMs']}
              label={t('panels.service.backoff')}
              optional
              placeholder="100"
            />
          </div>
        </>
      )}
    </>
  );
}
