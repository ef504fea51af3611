import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../../insight';
import { groupSum, splitAtCursor } from './atCursor';

function anomaly(index: number, kind: Anomaly['kind'], count: number, group?: string): Anomaly {
  return {
    id: `${kind}:${index}:${group ?? ''}`,
    kind,
    cause: 'redelivery',
    index,
    timeUs: index * 1000,
    topic: 't',
    partition: 0,
    count,
    explanation: { key: 'explain.test' },
    ...(group ? { group } : {}),
  };
}

describe('the anomaly list at the cursor', () => {
  it('counts what happened before the cursor, in records, per group and for the log', () => {
    const list = [
      anomaly(3, 'lost', 4, 'g'),
      anomaly(5, 'duplicate', 1, 'g'),
      anomaly(5, 'duplicate', 0, 'g'),
      anomaly(9, 'lost', 2),
      anomaly(12, 'reordered', 1, 'h'),
    ];
    const at = splitAtCursor(list, 6);
    expect(at.past.map((a) => a.index)).toEqual([3, 5, 5]);
    expect(at.pastTotals.groups.g).toEqual({
      duplicate: 1,
      reordered: 0,
      lost: 4,
      stuck: 0,
      'dead-lettered': 0,
      'stale-read': 0,
      'double-count': 0,
      'write-conflict': 0,
      'command-failed': 0,
      'schema-mismatch': 0,
    });
    expect(at.futureTotals.log.lost).toBe(2);
    expect(groupSum(at.futureTotals, 'reordered')).toBe(1);
    expect(splitAtCursor(list, 3).past).toEqual([]);
    expect(splitAtCursor(list, 13).future).toEqual([]);
  });

  it('property: past + future = the whole list, and past is exactly index < cursor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { maxLength: 40 }).map((xs) => xs.sort((a, b) => a - b)),
        fc.nat(60),
        (indices, cursor) => {
          const list = indices.map((i) => anomaly(i, 'duplicate', 1, 'g'));
          const at = splitAtCursor(list, cursor);
          expect([...at.past, ...at.future]).toEqual(list);
          expect(at.past.every((a) => a.index < cursor)).toBe(true);
          expect(at.future.every((a) => a.index >= cursor)).toBe(true);
          expect(at.pastTotals.all.duplicate + at.futureTotals.all.duplicate).toBe(list.length);
        },
      ),
      { seed: 9205, numRuns: 200 },
    );
  });
});
