import { draw01 } from '../kernel/rng';
import type { DistSpec } from '../scenario/types';

/** A latency distribution compiled to microseconds. */
export type Dist =
  | { kind: 'constant'; us: number }
  | { kind: 'uniform'; minUs: number; maxUs: number }
  | { kind: 'exponential'; meanUs: number }
  | { kind: 'normal'; meanUs: number; stddevUs: number };

const US = 1000;

export function compileDist(d: DistSpec): Dist {
  if (typeof d === 'number') return { kind: 'constant', us: Math.round(d * US) };
  switch (d.kind) {
    case 'constant':
      return { kind: 'constant', us: Math.round(d.ms * US) };
    case 'uniform':
      return { kind: 'uniform', minUs: Math.round(d.minMs * US), maxUs: Math.round(d.maxMs * US) };
    case 'exponential':
      return { kind: 'exponential', meanUs: d.meanMs * US };
    case 'normal':
      return { kind: 'normal', meanUs: d.meanMs * US, stddevUs: d.stddevMs * US };
  }
}

/**
 * Samples an integer number of microseconds (≥ 0) from two uniforms in [0, 1). Integer time
 * keeps the simulation exact: no float drift between a run and its refold.
 */
export function sampleUs(d: Dist, u1: number, u2: number): number {
  switch (d.kind) {
    case 'constant':
      return d.us;
    case 'uniform':
      return d.minUs + Math.floor(u1 * (d.maxUs - d.minUs + 1));
    case 'exponential':
      return Math.round(-Math.log(1 - u1) * d.meanUs);
    case 'normal': {
      // Box–Muller; clipped at zero because a latency cannot be negative.
      const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
      return Math.max(0, Math.round(d.meanUs + z * d.stddevUs));
    }
  }
}

/** Samples with draws k and k+1 of a stream's step, drawing nothing for a constant. */
export function sampleFrom(d: Dist, key: number, counter: number, k: number): number {
  if (d.kind === 'constant') return d.us;
  return sampleUs(d, draw01(key, counter, k), draw01(key, counter, k + 1));
}
