/**
 * Switching a producer's key distribution keeps what carries over (pure, tested): the key
 * prefix and the number of keys between uniform and Zipf, the prefix for a fixed list.
 */
import type { KeySpec } from '../../../engine';

export type KeyKind = 'uniform' | 'zipf' | 'fixed' | 'null';

const DEFAULT_PREFIX = 'key-';

export function switchKeys(prev: Partial<KeySpec> | undefined, kind: KeyKind): KeySpec {
  const p = (prev ?? {}) as {
    prefix?: unknown;
    count?: unknown;
    exponent?: unknown;
    keys?: unknown;
  };
  const prefix = typeof p.prefix === 'string' ? p.prefix : DEFAULT_PREFIX;
  const count = typeof p.count === 'number' && p.count > 0 ? p.count : undefined;
  switch (kind) {
    case 'uniform':
      return { kind, count: count ?? 100, prefix };
    case 'zipf':
      return {
        kind,
        count: count ?? 1000,
        exponent: typeof p.exponent === 'number' ? p.exponent : 1.2,
        prefix,
      };
    case 'fixed':
      return {
        kind,
        keys: Array.isArray(p.keys) && p.keys.length > 0 ? (p.keys as string[]) : [`${prefix}1`],
      };
    case 'null':
      return { kind };
  }
}
