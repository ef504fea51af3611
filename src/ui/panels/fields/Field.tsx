import { useId, type ReactNode } from 'react';
import { fieldKey, type Issue, type Segment } from '../../../diagram';
import { useRenderMsg } from '../../../i18n';

interface Props {
  label: string;
  path: readonly Segment[];
  issues: readonly Issue[];
  hint?: string;
  children: (id: string, invalid: boolean) => ReactNode;
  /** Extra field keys whose issues show here too (a connection problem next to its control). */
  alsoFor?: readonly string[];
}

/** A labelled form row with its problems right under it. */
export function Field({ label, path, issues, hint, children, alsoFor = [] }: Props) {
  const id = useId();
  const render = useRenderMsg();
  const key = fieldKey(path);
  const mine = issues.filter((i) => i.field !== undefined && (i.field === key || alsoFor.includes(i.field)));
  return (
    <div className={`pfield${mine.length ? ' pfield--invalid' : ''}`}>
      <label className="pfield__label" htmlFor={id}>
        {label}
      </label>
      {children(id, mine.length > 0)}
      {mine.map((i, k) => (
        <p key={k} className="pfield__error" role="alert" data-testid={`field-error-${key}`}>
          {render(i.text ?? i.message)}
        </p>
      ))}
      {hint && mine.length === 0 && <p className="pfield__hint">{hint}</p>}
    </div>
  );
}
