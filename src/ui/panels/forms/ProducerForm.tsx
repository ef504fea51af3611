import type { Issue, ProducerData } from '../../../diagram';
import { CheckInput, NumberInput, SelectInput, TextInput, type Write } from '../fields/inputs';
import { switchKeys, type KeyKind } from './keySwitch';

interface Props {
  data: ProducerData;
  issues: readonly Issue[];
  write: Write;
}

/** A producer's settings, under Kafka's names where Kafka has one. */
export function ProducerForm({ data, issues, write }: Props) {
  const f = { data, issues, write };
  const keys = data.keys;
  return (
    <>
      <TextInput {...f} path={['id']} label="Name" hint="Also the producer's client.id." />
      <TextInput {...f} path={['eventType']} label="Event type" hint="The type of every record it sends, e.g. OrderCreated." />
      <h4 className="panel__sub">Rate</h4>
      <div className="pgrid">
        <NumberInput {...f} path={['rate', 'perSec']} label="Records / s" />
        <SelectInput
          {...f}
          path={['rate', 'kind']}
          label="Arrivals"
          options={[
            { value: 'poisson', label: 'Poisson (random)' },
            { value: 'constant', label: 'Constant' },
          ]}
        />
      </div>
      <h4 className="panel__sub">Keys</h4>
      <label className="pfield">
        <span className="pfield__label">Key distribution</span>
        <select
          className="select select--block"
          value={keys?.kind ?? 'uniform'}
          data-testid="field-keys/kind"
          onChange={(e) => write(['keys'], switchKeys(keys, e.target.value as KeyKind))}
        >
          <option value="uniform">Uniform over N keys</option>
          <option value="zipf">Zipf-skewed (hot keys)</option>
          <option value="fixed">Fixed list</option>
          <option value="null">No key (null)</option>
        </select>
      </label>
      {(keys?.kind === 'uniform' || keys?.kind === 'zipf') && (
        <div className="pgrid">
          <NumberInput {...f} path={['keys', 'count']} label="Distinct keys" />
          <TextInput {...f} path={['keys', 'prefix']} label="Key prefix" placeholder="key-" />
          {keys.kind === 'zipf' && <NumberInput {...f} path={['keys', 'exponent']} label="Skew (exponent)" optional placeholder="1" />}
        </div>
      )}
      {keys?.kind === 'fixed' && (
        <label className="pfield">
          <span className="pfield__label">Keys (comma-separated)</span>
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
      {keys?.kind !== 'null' && (
        <>
          <TextInput {...f} path={['keyField']} label="Key field in the payload" placeholder="key" hint="e.g. orderId: the entity the key names." />
          <CheckInput {...f} path={['sendKey']} label="Send the key as the record key" defaultValue hint="Off: null record keys (sticky partitioner), the key only in the payload." />
        </>
      )}
      <h4 className="panel__sub">Producer config</h4>
      <div className="pgrid">
        <SelectInput
          {...f}
          path={['config', 'acks']}
          label="acks"
          defaultLabel="all (default)"
          options={[
            { value: '1', label: '1' },
            { value: '0', label: '0' },
          ]}
        />
        <NumberInput {...f} path={['config', 'linger.ms']} label="linger.ms" optional placeholder="0" />
        <NumberInput {...f} path={['config', 'batch.size']} label="batch.size" optional placeholder="16384" unit="B" />
      </div>
    </>
  );
}
