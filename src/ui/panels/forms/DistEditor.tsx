import type { DistSpec } from '../../../engine';
import type { Issue, Segment } from '../../../diagram';
import { NumberInput, type Write } from '../fields/inputs';

const DEFAULTS: Record<string, DistSpec> = {
  constant: { kind: 'constant', ms: 2 },
  uniform: { kind: 'uniform', minMs: 1, maxMs: 5 },
  exponential: { kind: 'exponential', meanMs: 3 },
  normal: { kind: 'normal', meanMs: 3, stddevMs: 1 },
};

/** A latency distribution: kind and its parameters (a bare number is a constant). */
export function DistEditor({ data, path, label, issues, write }: { data: unknown; path: readonly Segment[]; label: string; issues: readonly Issue[]; write: Write }) {
  const v = path.reduce<unknown>((o, s) => (o as Record<string, unknown> | undefined)?.[s], data) as DistSpec | undefined;
  // null is a number field the user emptied (saved as null: JSON has no NaN).
  const kind = v === undefined ? 'constant' : typeof v === 'number' || v === null || typeof v !== 'object' ? 'number' : v.kind;
  const f = { data, issues, write };
  return (
    <>
      <label className="pfield">
        <span className="pfield__label">{label}</span>
        <select className="select select--block" value={kind} onChange={(e) => write(path, DEFAULTS[e.target.value])} data-testid={`field-${path.join('/')}/kind`}>
          {kind === 'number' && <option value="number">Constant</option>}
          <option value="constant">Constant</option>
          <option value="uniform">Uniform</option>
          <option value="exponential">Exponential</option>
          <option value="normal">Normal</option>
        </select>
      </label>
      <div className="pgrid">
        {kind === 'number' && <NumberInput {...f} path={path} label="ms" />}
        {kind === 'constant' && <NumberInput {...f} path={[...path, 'ms']} label="ms" />}
        {kind === 'uniform' && (
          <>
            <NumberInput {...f} path={[...path, 'minMs']} label="min ms" />
            <NumberInput {...f} path={[...path, 'maxMs']} label="max ms" />
          </>
        )}
        {(kind === 'exponential' || kind === 'normal') && <NumberInput {...f} path={[...path, 'meanMs']} label="mean ms" />}
        {kind === 'normal' && <NumberInput {...f} path={[...path, 'stddevMs']} label="std dev ms" />}
      </div>
    </>
  );
}
