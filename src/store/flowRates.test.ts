import { describe, expect, it } from 'vitest';
import type { SimView } from '../worker/view';
import { flowRates } from './flowRates';

const view = (sent: number, leoOrders: number[], leoPaid: number[], positions: number[], dlq: number) =>
  ({
    producers: { shop: { sent } },
    topics: { orders: { logEndOffsets: leoOrders }, paid: { logEndOffsets: leoPaid } },
    groups: { pay: { positions: { orders: positions }, deadLettered: dlq } },
  }) as unknown as SimView;

describe('flowRates', () => {
  const edges = {
    p: { flow: 'produce', source: 'shop', target: 'orders' },
    c: { flow: 'consume', source: 'orders', target: 'pay' },
    e: { flow: 'emit', source: 'pay', target: 'paid' },
    d: { flow: 'deadLetter', source: 'pay', target: 'dlq' },
    bad: { reason: 'no' },
  } as const;

  it('measures each edge in records per sim second', () => {
    const r = flowRates(view(0, [0, 0], [0], [0, 0], 0), view(100, [60, 40], [30], [50, 30], 2), 500_000, edges);
    expect(r).toEqual({ p: 200, c: 160, e: 60, d: 4 });
  });

  it('smooths against the last rates and never goes negative (a rebalance resets positions)', () => {
    const r = flowRates(view(0, [0], [0], [50], 0), view(0, [0], [0], [10], 0), 1_000_000, edges, { c: 100 });
    expect(r.c).toBe(50);
  });
});
