import type { Issue, QueueData } from '../../../diagram';
import { useT } from '../../../i18n';
import { CheckInput, NumberInput, SelectInput, TextInput, type Write } from '../fields/inputs';
import { useExchangeNames } from './ExchangeForm';
import { AMQP_NAME } from './amqpNames';

/** A RabbitMQ queue: its type and limits are `x-` arguments, under RabbitMQ's own names. */
export function QueueForm({
  data,
  issues,
  write,
}: {
  data: QueueData;
  issues: readonly Issue[];
  write: Write;
}) {
  const t = useT();
  const f = { data, issues, write };
  const exchanges = useExchangeNames();
  const quorum = data.arguments?.['x-queue-type'] === 'quorum';
  return (
    <>
      <TextInput {...f} path={['name']} label={t('panels.queue.name')} />
      <div className="pgrid">
        <SelectInput
          {...f}
          path={['arguments', 'x-queue-type']}
          label={AMQP_NAME.queueType}
          defaultLabel="classic"
          hint={t('panels.queue.typeHint')}
          options={[{ value: 'quorum', label: 'quorum' }]}
        />
        <CheckInput
          {...f}
          path={['durable']}
          label={AMQP_NAME.durable}
          defaultValue
          hint={t('panels.queue.durableHint')}
        />
      </div>
      <h4 className="panel__sub">{t('panels.queue.limits')}</h4>
      <div className="pgrid">
        <NumberInput
          {...f}
          path={['arguments', 'x-max-length']}
          label={AMQP_NAME.maxLength}
          optional
          placeholder={t('panels.queue.noLimit')}
          hint={t('panels.queue.maxLengthHint')}
        />
        <NumberInput
          {...f}
          path={['arguments', 'x-max-length-bytes']}
          label={AMQP_NAME.maxLengthBytes}
          optional
          placeholder={t('panels.queue.noLimit')}
          unit="B"
        />
        <SelectInput
          {...f}
          path={['arguments', 'x-overflow']}
          label={AMQP_NAME.overflow}
          defaultLabel={t('panels.queue.overflowDefault')}
          options={[
            { value: 'reject-publish', label: 'reject-publish' },
            { value: 'reject-publish-dlx', label: 'reject-publish-dlx' },
          ]}
        />
      </div>
      <h4 className="panel__sub">{t('panels.queue.ttl')}</h4>
      <div className="pgrid">
        <NumberInput
          {...f}
          path={['arguments', 'x-message-ttl']}
          label={AMQP_NAME.messageTtl}
          optional
          unit="ms"
          hint={t('panels.queue.ttlHint')}
        />
        <NumberInput
          {...f}
          path={['arguments', 'x-expires']}
          label={AMQP_NAME.expires}
          optional
          unit="ms"
          hint={t('panels.queue.expiresHint')}
        />
      </div>
      <h4 className="panel__sub">{t('panels.queue.deadLetter')}</h4>
      <SelectInput
        {...f}
        path={['arguments', 'x-dead-letter-exchange']}
        label={AMQP_NAME.deadLetterExchange}
        defaultLabel={t('panels.queue.noDlx')}
        hint={t('panels.queue.dlxHint')}
        options={exchanges.map((n) => ({ value: n, label: n }))}
      />
      <div className="pgrid">
        <TextInput
          {...f}
          write={(p, v) => write(p, v === '' ? undefined : v)}
          path={['arguments', 'x-dead-letter-routing-key']}
          label={AMQP_NAME.deadLetterRoutingKey}
          hint={t('panels.queue.dlrkHint')}
        />
        {quorum && (
          <NumberInput
            {...f}
            path={['arguments', 'x-delivery-limit']}
            label={AMQP_NAME.deliveryLimit}
            optional
            hint={t('panels.queue.deliveryLimitHint')}
          />
        )}
      </div>
    </>
  );
}
