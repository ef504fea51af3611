/**
 * Form inputs bound to a path in a node's data (or the design settings). Numbers keep what the
 * user typed while it is being typed; an emptied required number is stored as NaN so the
 * compiler can say "the field is empty" next to it; an emptied optional setting is removed and
 * Kafka's default applies.
 */
import { useEffect, useState } from 'react';
import { fieldKey, getAt, type Issue, type Segment } from '../../../diagram';
import { useRenderMsg, useT } from '../../../i18n';
import { Field } from './Field';
import { readNumberText } from './numberText';

export type Write = (path: readonly Segment[], value: unknown) => void;

interface Base {
  data: unknown;
  path: readonly Segment[];
  label: string;
  issues: readonly Issue[];
  write: Write;
  hint?: string;
}

const testId = (path: readonly Segment[]) => `field-${fieldKey(path)}`;

export function TextInput({
  data,
  path,
  label,
  issues,
  write,
  hint,
  placeholder,
  optional,
}: Base & { placeholder?: string; optional?: boolean }) {
  const v = getAt(data, path);
  return (
    <Field label={label} path={path} issues={issues} hint={hint}>
      {(id, invalid) => (
        <input
          id={id}
          className="input"
          type="text"
          value={typeof v === 'string' ? v : ''}
          placeholder={placeholder}
          aria-invalid={invalid}
          data-testid={testId(path)}
          spellCheck={false}
          onChange={(e) =>
            write(path, optional && e.target.value === '' ? undefined : e.target.value)
          }
        />
      )}
    </Field>
  );
}

export function NumberInput({
  data,
  path,
  label,
  issues,
  write,
  hint,
  optional,
  placeholder,
  unit,
}: Base & { optional?: boolean; placeholder?: string; unit?: string }) {
  const render = useRenderMsg();
  const v = getAt(data, path);
  const shown = typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
  const [text, setText] = useState(shown);
  useEffect(() => {
    // Follow outside changes (undo, another node); keep the user's own half-typed text otherwise.
    setText((t) => {
      const r = t === '' ? null : readNumberText(t, label);
      return r?.ok && r.value === Number(shown) ? t : shown;
    });
  }, [shown, label]);
  // Text that is not a decimal number ("0x10", " 7 ") is never written; this says why, by name.
  const read = text === '' ? null : readNumberText(text, label);
  const shownIssues =
    read && !read.ok
      ? [...issues, { nodeId: null, field: fieldKey(path), message: render(read.message) }]
      : issues;
  return (
    <Field label={label} path={path} issues={shownIssues} hint={hint}>
      {(id, invalid) => (
        <div className="input-unit">
          <input
            id={id}
            className="input num"
            type="text"
            inputMode="decimal"
            value={text}
            placeholder={placeholder}
            aria-invalid={invalid}
            data-testid={testId(path)}
            onChange={(e) => {
              const t = e.target.value;
              setText(t);
              if (t === '') return write(path, optional ? undefined : Number.NaN);
              const r = readNumberText(t, label);
              if (r.ok) write(path, r.value);
            }}
          />
          {unit && <span className="input-unit__unit">{unit}</span>}
        </div>
      )}
    </Field>
  );
}

export function SelectInput({
  data,
  path,
  label,
  issues,
  write,
  hint,
  options,
  defaultLabel,
}: Base & { options: readonly { value: string; label: string }[]; defaultLabel?: string }) {
  const v = getAt(data, path);
  return (
    <Field label={label} path={path} issues={issues} hint={hint}>
      {(id, invalid) => (
        <select
          id={id}
          className="select select--block"
          value={v === undefined ? '' : String(v)}
          aria-invalid={invalid}
          data-testid={testId(path)}
          onChange={(e) => write(path, e.target.value === '' ? undefined : e.target.value)}
        >
          {defaultLabel !== undefined && <option value="">{defaultLabel}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckInput({
  data,
  path,
  label,
  issues,
  write,
  hint,
  defaultValue = false,
}: Base & { defaultValue?: boolean }) {
  const t = useT();
  const v = getAt(data, path);
  const checked = typeof v === 'boolean' ? v : defaultValue;
  return (
    <Field label={label} path={path} issues={issues} hint={hint}>
      {(id) => (
        <label className="check">
          <input
            id={id}
            type="checkbox"
            checked={checked}
            data-testid={testId(path)}
            onChange={(e) => write(path, e.target.checked)}
          />
          <span>{checked ? t('panels.field.yes') : t('panels.field.no')}</span>
        </label>
      )}
    </Field>
  );
}
