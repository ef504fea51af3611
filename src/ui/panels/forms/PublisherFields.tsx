import { useEffect, useState } from 'react';
import type { Issue, ProducerData } from '../../../diagram';
import type { AmqpTable } from '../../../engine';
import { useT } from '../../../i18n';
import { CheckInput, TextInput, type Write } from '../fields/inputs';
import { AMQP_NAME } from './amqpNames';

interface Props {
  data: ProducerData;
  issues: readonly Issue[];
  write: Write;
  exchange: string;
}

/** `a=1, b=x` → { a: '1', b: 'x' }; text without `=` is skipped. */
export function parsePairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const k = part.slice(0, at).trim();
    if (k) out[k] = part.slice(at + 1).trim();
  }
  return out;
}

const normalizePairs = (t: string) => pairsText(parsePairs(t));
const normalizeList = (t: string) =>
  t
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .join(', ');

export function pairsText(o: Readonly<Record<string, unknown>> | undefined): string {
  return Object.entries(o ?? {})
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

/** A producer connected to an Exchange: RabbitMQ's publishing settings, under RabbitMQ's names. */
export function PublisherFields({ data, issues, write, exchange }: Props) {
  const t = useT();
  const f = { data, issues, write };
  const rk = data.routingKey;
  const choice = typeof rk === 'object' && rk !== null;
  return (
    <>
      <h4 className="panel__sub" data-testid="publisher-section">
        {t('panels.publisher.section', { exchange })}
      </h4>
      <label className="pfield">
        <span className="pfield__label">{t('panels.publisher.routingKey')}</span>
        <select
          className="select select--block"
          value={choice ? 'choice' : 'template'}
          data-testid="field-routingKey-mode"
          onChange={(e) =>
            write(
              ['routingKey'],
              e.target.value === 'choice'
                ? { kind: 'choice', keys: typeof rk === 'string' && rk ? [rk] : ['info'] }
                : choice
                  ? (rk.keys[0] ?? '')
                  : rk,
            )
          }
        >
          <option value="template">{t('panels.publisher.keyTemplate')}</option>
          <option value="choice">{t('panels.publisher.keyChoice')}</option>
        </select>
      </label>
      {choice ? (
        <FreeText
          label={t('panels.publisher.choices')}
          hint={t('panels.publisher.choicesHint')}
          value={rk.keys.join(', ')}
          testId="field-routingKey-keys"
          normalize={normalizeList}
          onChange={(v) =>
            write(
              ['routingKey', 'keys'],
              v
                .split(',')
                .map((k) => k.trim())
                .filter(Boolean),
            )
          }
        />
      ) : (
        <TextInput
          {...f}
          path={['routingKey']}
          label={t('panels.publisher.keyTemplate')}
          placeholder={AMQP_NAME.templateExample}
          hint={t('panels.publisher.templateHint', { example: AMQP_NAME.templateExample })}
        />
      )}
      <FreeText
        label={t('panels.publisher.payload')}
        hint={t('panels.publisher.payloadHint')}
        value={pairsText(data.payload)}
        testId="field-payload"
        normalize={normalizePairs}
        onChange={(v) => write(['payload'], v.trim() ? parsePairs(v) : undefined)}
      />
      <FreeText
        label={t('panels.publisher.headers')}
        value={pairsText(data.headers)}
        testId="field-headers"
        normalize={normalizePairs}
        onChange={(v) => write(['headers'], v.trim() ? (parsePairs(v) as AmqpTable) : undefined)}
      />
      <div className="pgrid">
        <CheckInput
          {...f}
          path={['mandatory']}
          label={AMQP_NAME.mandatory}
          hint={t('panels.publisher.mandatoryHint')}
        />
        <CheckInput
          {...f}
          path={['persistent']}
          label={AMQP_NAME.persistent}
          defaultValue
          hint={t('panels.publisher.persistentHint')}
        />
        <CheckInput
          {...f}
          path={['confirm']}
          label={AMQP_NAME.confirm}
          hint={t('panels.publisher.confirmHint')}
        />
        <TextInput
          {...f}
          write={(p, v) => write(p, v === '' ? undefined : v)}
          path={['expiration']}
          label={AMQP_NAME.expiration}
          hint={t('panels.publisher.expirationHint')}
        />
      </div>
    </>
  );
}

/**
 * A text field whose text is turned into a value as it is typed (comma lists, name=value pairs);
 * it keeps what the user typed, so a half-typed pair does not vanish.
 */
function FreeText({
  label,
  hint,
  value,
  testId,
  onChange,
  normalize,
}: {
  label: string;
  hint?: string;
  value: string;
  testId: string;
  onChange: (v: string) => void;
  /** The text as the value would show it: an outside change (undo) replaces other text only. */
  normalize: (text: string) => string;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText((t) => (normalize(t) === value ? t : value)), [value, normalize]);
  return (
    <label className="pfield">
      <span className="pfield__label">{label}</span>
      <input
        className="input"
        value={text}
        spellCheck={false}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value);
        }}
      />
      {hint && <span className="pfield__hint">{hint}</span>}
    </label>
  );
}
