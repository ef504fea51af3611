/** Short human labels for settings, shown on nodes. Data may be mid-edit: never assume it is valid. */
import type { DistSpec, KeySpec, RateSpec } from '../../engine';
import { formatCount } from '../format';

const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
const show = (v: unknown) => (Number.isFinite(n(v)) ? formatCount(n(v)) : '?');

export function describeRate(rate: RateSpec | undefined): string {
  if (!rate) return '?';
  // "~" marks a Poisson (random) rate; a constant rate has none.
  const base = `${rate.kind === 'poisson' ? '~' : ''}${show(rate.perSec)}/s`;
  const bursts = Array.isArray(rate.bursts) ? rate.bursts.length : 0;
  return bursts === 0 ? base : `${base}, ${bursts} burst${bursts > 1 ? 's' : ''}`;
}

export function describeKeys(k: KeySpec | undefined, sendKey: boolean | undefined): string {
  if (!k) return '?';
  const unsent = sendKey === false ? ', not sent' : '';
  switch (k.kind) {
    case 'null':
      return 'null keys (sticky)';
    case 'fixed': {
      const count = Array.isArray(k.keys) ? k.keys.length : 0;
      return `${count} fixed key${count === 1 ? '' : 's'}${unsent}`;
    }
    case 'uniform':
      return `${show(k.count)} keys, uniform${unsent}`;
    case 'zipf':
      return `${show(k.count)} keys, zipf s=${k.exponent ?? 1}${unsent}`;
    default:
      return '?';
  }
}

export function describeDist(d: DistSpec | undefined | null): string {
  if (d === undefined) return 'default';
  // null: a field the user emptied, as saved (JSON has no NaN); the compiler reports it.
  if (d === null || typeof d !== 'object') return typeof d === 'number' && Number.isFinite(d) ? `${d} ms` : 'not set';
  switch (d.kind) {
    case 'constant':
      return `${d.ms} ms`;
    case 'uniform':
      return `${d.minMs}–${d.maxMs} ms`;
    case 'exponential':
      return `~${d.meanMs} ms (exp)`;
    case 'normal':
      return `${d.meanMs}±${d.stddevMs} ms`;
    default:
      return '?';
  }
}

export function describeCommit(commit: string | undefined, autoCommit: unknown): string {
  if (commit === 'after-processing') return 'commit after processing';
  if (commit === 'before-processing') return 'commit before processing';
  return autoCommit === false ? 'no commits' : 'auto-commit';
}
