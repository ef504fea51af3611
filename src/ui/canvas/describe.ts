/**
 * Short labels for settings, shown on nodes, as messages (rendered in the UI's language).
 * Data may be mid-edit: never assume it is valid.
 */
import type { DistSpec, KeySpec, RateSpec } from '../../engine';
import { msg, type Msg } from '../../i18n';
import { formatCount } from '../format';

const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
const show = (v: unknown) => (Number.isFinite(n(v)) ? formatCount(n(v)) : '?');

export function describeRate(rate: RateSpec | undefined): Msg | string {
  if (!rate) return '?';
  // "~" marks a Poisson (random) rate; a constant rate has none.
  const base = msg('canvas.rate', {
    approx: rate.kind === 'poisson' ? '~' : '',
    rate: show(rate.perSec),
  });
  const bursts = Array.isArray(rate.bursts) ? rate.bursts.length : 0;
  return bursts === 0 ? base : msg('canvas.rate.bursts', { rate: base, n: bursts });
}

export function describeKeys(k: KeySpec | undefined, sendKey: boolean | undefined): Msg | string {
  if (!k) return '?';
  const unsent = (keys: Msg) => (sendKey === false ? msg('canvas.keys.notSent', { keys }) : keys);
  switch (k.kind) {
    case 'null':
      return msg('canvas.keys.null');
    case 'fixed':
      return unsent(msg('canvas.keys.fixed', { n: Array.isArray(k.keys) ? k.keys.length : 0 }));
    case 'uniform':
      return unsent(msg('canvas.keys.uniform', { n: show(k.count) }));
    case 'zipf':
      return unsent(msg('canvas.keys.zipf', { n: show(k.count), s: String(k.exponent ?? 1) }));
    default:
      return '?';
  }
}

export function describeDist(d: DistSpec | undefined | null): Msg | string {
  if (d === undefined) return msg('canvas.dist.default');
  // null: a field the user emptied, as saved (JSON has no NaN); the compiler reports it.
  if (d === null || typeof d !== 'object')
    return typeof d === 'number' && Number.isFinite(d)
      ? msg('canvas.dist.ms', { ms: d })
      : msg('canvas.dist.notSet');
  switch (d.kind) {
    case 'constant':
      return msg('canvas.dist.ms', { ms: String(d.ms) });
    case 'uniform':
      return msg('canvas.dist.uniform', { min: String(d.minMs), max: String(d.maxMs) });
    case 'exponential':
      return msg('canvas.dist.exponential', { mean: String(d.meanMs) });
    case 'normal':
      return msg('canvas.dist.normal', { mean: String(d.meanMs), sd: String(d.stddevMs) });
    default:
      return '?';
  }
}

export function describeCommit(commit: string | undefined, autoCommit: unknown): Msg {
  if (commit === 'after-processing') return msg('canvas.commit.after');
  if (commit === 'before-processing') return msg('canvas.commit.before');
  return autoCommit === false ? msg('canvas.commit.none') : msg('canvas.commit.auto');
}
