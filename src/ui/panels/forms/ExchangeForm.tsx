import type { ExchangeData, Issue } from '../../../diagram';
import { useT } from '../../../i18n';
import { selectNodes } from '../../../store/selectors';
import { useAppStore } from '../../../store/store';
import { CheckInput, SelectInput, TextInput, type Write } from '../fields/inputs';
import { AMQP_NAME } from './amqpNames';

const TYPES = ['direct', 'fanout', 'topic', 'headers'] as const;

/** The names of the diagram's exchanges (for alternate and dead-letter exchange pickers). */
export function useExchangeNames(): string[] {
  const nodes = useAppStore(selectNodes);
  return nodes.flatMap((n) => (n.data.kind === 'exchange' ? [n.data.name] : []));
}

/** A RabbitMQ exchange: name, type, durable, internal and its alternate exchange. */
export function ExchangeForm({
  data,
  issues,
  write,
}: {
  data: ExchangeData;
  issues: readonly Issue[];
  write: Write;
}) {
  const t = useT();
  const f = { data, issues, write };
  const others = useExchangeNames().filter((n) => n !== data.name);
  return (
    <>
      <TextInput {...f} path={['name']} label={t('panels.exchange.name')} />
      <SelectInput
        {...f}
        path={['type']}
        label={t('panels.exchange.type')}
        hint={t('panels.exchange.typeHint', { type: String(data.type) })}
        options={TYPES.map((x) => ({ value: x, label: x }))}
      />
      <div className="pgrid">
        <CheckInput
          {...f}
          path={['durable']}
          label={AMQP_NAME.durable}
          defaultValue
          hint={t('panels.exchange.durableHint')}
        />
        <CheckInput
          {...f}
          path={['internal']}
          label={AMQP_NAME.internal}
          hint={t('panels.exchange.internalHint')}
        />
      </div>
      <SelectInput
        {...f}
        path={['arguments', 'alternate-exchange']}
        label={AMQP_NAME.alternateExchange}
        defaultLabel={t('panels.exchange.noAlternate')}
        hint={t('panels.exchange.alternateHint')}
        options={others.map((n) => ({ value: n, label: n }))}
      />
    </>
  );
}
