/** Short human labels for scenario settings, shown on producer nodes. */
import type { ProducerSpec, RateSpec } from '../../engine';
import { formatCount } from '../format';

export function describeRate(rate: RateSpec): string {
  // "~" marks a Poisson (random) rate; a constant rate has none.
  const base = `${rate.kind === 'poisson' ? '~' : ''}${formatCount(rate.perSec)}/s`;
  const bursts = rate.bursts?.length ?? 0;
  return bursts === 0 ? base : `${base}, ${bursts} burst${bursts > 1 ? 's' : ''}`;
}

export function describeKeys(p: ProducerSpec): string {
  const k = p.keys;
  switch (k.kind) {
    case 'null':
      return 'null keys (sticky)';
    case 'fixed':
      return `${k.keys.length} fixed key${k.keys.length === 1 ? '' : 's'}`;
    case 'uniform':
      return `${formatCount(k.count)} keys, uniform`;
    case 'zipf':
      return `${formatCount(k.count)} keys, zipf s=${k.exponent ?? 1}`;
  }
}
