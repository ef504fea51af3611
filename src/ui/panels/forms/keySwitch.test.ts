import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../engine';
import { switchKeys, type KeyKind } from './keySwitch';

const KINDS: KeyKind[] = ['uniform', 'zipf', 'fixed', 'null'];
const FC_SEED = 20261201;

describe('switchKeys', () => {
  it('uniform → Zipf keeps the key prefix and the number of keys', () => {
    expect(switchKeys({ kind: 'uniform', count: 500, prefix: 'order-' }, 'zipf')).toEqual({
      kind: 'zipf',
      count: 500,
      exponent: 1.2,
      prefix: 'order-',
    });
    expect(
      switchKeys({ kind: 'zipf', count: 50, exponent: 2, prefix: 'user-' }, 'uniform'),
    ).toEqual({ kind: 'uniform', count: 50, prefix: 'user-' });
    expect(switchKeys({ kind: 'uniform', count: 5, prefix: 'order-' }, 'fixed')).toEqual({
      kind: 'fixed',
      keys: ['order-1'],
    });
  });

  it('any switch from any valid key spec gives a key spec the scenario validator accepts, keeping the prefix', () => {
    const spec = fc.oneof(
      fc.record({
        kind: fc.constant('uniform' as const),
        count: fc.integer({ min: 1, max: 5000 }),
        prefix: fc.string({ maxLength: 8 }),
      }),
      fc.record({
        kind: fc.constant('zipf' as const),
        count: fc.integer({ min: 1, max: 5000 }),
        exponent: fc.double({ min: 0.1, max: 3, noNaN: true }),
        prefix: fc.string({ maxLength: 8 }),
      }),
      fc.constant({ kind: 'null' as const }),
    );
    fc.assert(
      fc.property(spec, fc.constantFrom(...KINDS), (prev, kind) => {
        const next = switchKeys(prev, kind);
        expect(next.kind).toBe(kind);
        if ('prefix' in prev && (kind === 'uniform' || kind === 'zipf'))
          expect((next as { prefix: string }).prefix).toBe(prev.prefix);
        const scenario = {
          version: 1,
          name: 'k',
          topics: [{ name: 't', partitions: 2 }],
          producers: [
            {
              id: 'p',
              topic: 't',
              rate: { kind: 'constant', perSec: 10 },
              keys: next,
              eventType: 'E',
            },
          ],
          groups: [],
          faults: [],
        };
        const r = parseScenario(scenario);
        expect(r.ok, JSON.stringify(next)).toBe(true);
      }),
      { numRuns: 200, seed: FC_SEED },
    );
  });
});
