import type { Issue, ProducerData } from '../../../diagram';
import { useT } from '../../../i18n';
import { CheckInput, NumberInput, SelectInput, TextInput, type Write } from '../fields/inputs';
import { switchKeys, type KeyKind } from './keySwitch';
import { PublisherFields } from './PublisherFields';

interface Props {
  data: ProducerData;
  issues: readonly Issue[];
  write: Write;
  /** The exchange it publishes to, when it is connected to one (a RabbitMQ publisher). */
  exchange?: string;
}

/** A producer's settings, under Kafka's names where Kafka has one. */
export function ProducerForm({ data, issues, write, exchange }: Props) {
  const t = useT();
  const f = { data, issues, write };
  const keys = data.keys;
  return (
    <>
      <TextInput
        {...f}
        path={['id']}
        label={t('panels.producer.name')}
        hint={t('panels.producer.nameHint')}
      />
      <TextInput
        {...f}
        path={['eventType']}
        label={t('panels.producer.eventType')}
        hint={
          exchange === undefined
            ? t('panels.producer.eventTypeHint')
            : t('panels.producer.eventTypeHintMessages')
        }
      />
      <h4 className="panel__sub">{t('panels.producer.rate')}</h4>
      <div className="pgrid">
        <NumberInput
          {...f}
          path={['rate', 'perSec']}
          label={
            exchange === undefined
              ? t('panels.producer.perSec')
              : t('panels.producer.perSecMessages')
          }
        />
        <SelectInput
          {...f}
          path={['rate', 'kind']}
          label={t('panels.producer.arrivals')}
          options={[
            { value: 'poisson', label: t('panels.producer.poisson') },
            { value: 'constant', label: t('panels.producer.constant') },
          ]}
        />
      </div>
      <h4 className="panel__sub">{t('panels.producer.keys')}</h4>
      <label className="pfield">
        <span className="pfield__label">{t('panels.producer.keyDist')}</span>
        <select
          className="select select--block"
          value={keys?.kind ?? 'uniform'}
          data-testid="field-keys/kind"
          onChange={(e) => write(['keys'], switchKeys(keys, e.target.value as KeyKind))}
        >
          <option value="uniform">{t('panels.producer.keysUniform')}</option>
          <option value="zipf">{t('panels.producer.keysZipf')}</option>
          <option value="fixed">{t('panels.producer.keysFixed')}</option>
          <option value="null">{t('panels.producer.keysNull')}</option>
        </select>
      </label>
      {(keys?.kind === 'uniform' || keys?.kind === 'zipf') && (
        <div className="pgrid">
          <NumberInput {...f} path={['keys', 'count']} label={t('panels.producer.distinctKeys')} />
          <TextInput
            {...f}
            path={['keys', 'prefix']}
            label={t('panels.producer.keyPrefix')}
            placeholder={t('panels.example.keyPrefix')}
          />
          {keys.kind === 'zipf' && (
            <NumberInput
              {...f}
              path={['keys', 'exponent']}
              label={t('panels.producer.skew')}
              optional
              placeholder="1"
            />
          )}
        </div>
      )}
      {keys?.kind === 'fixed' && (
        <label className="pfield">
          <span className="pfield__label">{t('panels.producer.keyList')}</span>
          <input
            className="input"
            value={Array.isArray(keys.keys) ? keys.keys.join(', ') : ''}
            onChange={(e) =>
              write(
                ['keys', 'keys'],
                e.target.value
                  .split(',')
                  .map((k) => k.trim())
                  .filter(Boolean),
              )
            }
          />
        </label>
      )}
      {keys?.kind !== 'null' && exchange === undefined && (
        <>
          <TextInput
            {...f}
            path={['keyField']}
            label={t('panels.producer.keyField')}
            placeholder={t('panels.example.keyField')}
            hint={t('panels.producer.keyFieldHint')}
          />
          <CheckInput
            {...f}
            path={['sendKey']}
            label={t('panels.producer.sendKey')}
            defaultValue
            hint={t('panels.producer.sendKeyHint')}
          />
        </>
      )}
      {exchange !== undefined && (
        <>
          <TextInput
            {...f}
            path={['keyField']}
            label={t('panels.producer.keyField')}
            placeholder={t('panels.example.keyField')}
            hint={t('panels.producer.keyFieldHint')}
          />
          <PublisherFields {...f} exchange={exchange} />
        </>
      )}
      {exchange === undefined && <KafkaConfig {...f} />}
    </>
  );
}

/** Kafka's producer settings (a producer connected to a Topic). */
function KafkaConfig({ data, issues, write }: Props) {
  const t = useT();
  const f = { data, issues, write };
  return (
    <>
      <h4 className="panel__sub">{t('panels.producer.config')}</h4>
      <div className="pgrid">
        <SelectInput
          {...f}
          path={['config', 'acks']}
          label={t('panels.kafka.acks')}
          defaultLabel={t('panels.producer.acksDefault')}
          options={[
            { value: '1', label: '1' },
            { value: '0', label: '0' },
          ]}
        />
        <NumberInput
          {...f}
          path={['config', 'linger.ms']}
          label="linger.ms"
          optional
          placeholder="0"
        />
        <NumberInput
          {...f}
          path={['config', 'batch.size']}
          label="batch.size"
          optional
          placeholder="16384"
          unit="B"
        />
      </div>
      {/* A transactional producer (kafka/producerTxn.ts): initTransactions, then transactions. */}
      <h4 className="panel__sub">{t('panels.producer.transactions')}</h4>
      <TextInput
        {...f}
        path={['config', 'transactional.id']}
        label="transactional.id"
        hint={t('panels.producer.transactionalIdHint')}
        placeholder={t('panels.example.transactionalId')}
        optional
      />
      {typeof data.config?.['transactional.id'] === 'string' && (
        <div className="pgrid">
          <NumberInput
            {...f}
            path={['transactionRecords']}
            label={t('panels.producer.transactionRecords')}
            hint={t('panels.producer.transactionRecordsHint')}
            optional
            placeholder="10"
          />
          <NumberInput
            {...f}
            path={['config', 'transaction.timeout.ms']}
            label="transaction.timeout.ms"
            optional
            placeholder="60000"
            unit="ms"
          />
        </div>
      )}
      {/* Deletes for a compacted topic: the key with a null value (kafka/compaction.ts). */}
      <div className="pgrid">
        <NumberInput
          {...f}
          path={['tombstoneShare']}
          label={t('panels.producer.tombstoneShare')}
          hint={t('panels.producer.tombstoneShareHint')}
          optional
          placeholder="0"
        />
      </div>
    </>
  );
}
