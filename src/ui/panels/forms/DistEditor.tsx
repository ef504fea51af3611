import type { DistSpec } from '../../../engine';
import type { Issue, Segment } from '../../../diagram';
import { useT } from '../../../i18n';
import { NumberInput, type Write } from '../fields/inputs';

const DEFAULTS: Record<string, DistSpec> = {
  constant: { kind: 'constant', ms: 2 },
  uniform: { kind: 'uniform', minMs: 1, maxMs: 5 },
  exponential: { kind: 'exponential', meanMs: 3 },
  normal: { kind: 'normal', meanMs: 3, stddevMs: 1 },
};

/** A latency distribution: kind and its parameters (a bare number is a constant). */
export function DistEditor({
  data,
  path,
  label,
  issues,
  write,
}: {
  data: unknown;
  path: readonly Segment[];
  label: string;
  issues: readonly Issue[];
  write: Write;
}) {
  const t = useT();
  const v = path.reduce<unknown>(
    (o, s) => (o as Record<string, unknown> | undefined)?.[s],
    data,
  ) as DistSpec | undefined;
  // null is a number field the user emptied (saved as null: JSON has no NaN).
  const kind =
    v === undefined
      ? 'constant'
      : typeof v === 'number' || v === null || typeof v !== 'object'
        ? 'number'
        : v.kind;
  const f = { data, issues, write };
  return (
    <>
      <label className="pfield">
        <span className="pfield__label">{label}</span>
        <select
          className="select select--block"
          value={kind}
          onChange={(e) => write(path, DEFAULTS[e.target.value])}
          data-testid={`field-${path.join('/')}/kind`}
        >
          {kind === 'number' && <option value="number">{t('panels.dist.constant')}</option>}
          <option value="constant">{t('panels.dist.constant')}</option>
          <option value="uniform">{t('panels.dist.uniform')}</option>
          <option value="exponential">{t('panels.dist.exponential')}</option>
          <option value="normal">{t('panels.dist.normal')}</option>
        </select>
      </label>
      <div className="pgrid">
        {kind === 'number' && <NumberInput {...f} path={path} label={t('panels.dist.ms')} />}
        {kind === 'constant' && (
          <NumberInput {...f} path={[...path, 'ms']} label={t('panels.dist.ms')} />
        )}
        {kind === 'uniform' && (
          <>
            <NumberInput {...f} path={[...path, 'minMs']} label={t('panels.dist.minMs')} />
            <NumberInput {...f} path={[...path, 'maxMs']} label={t('panels.dist.maxMs')} />
          </>
        )}
        {(kind === 'exponential' || kind === 'normal') && (
          <NumberInput {...f} path={[...path, 'meanMs']} label={t('panels.dist.meanMs')} />
        )}
        {kind === 'normal' && (
          <NumberInput {...f} path={[...path, 'stddevMs']} label={t('panels.dist.stddevMs')} />
        )}
      </div>
    </>
  );
}
