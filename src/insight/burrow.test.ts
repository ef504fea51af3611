import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Scenario } from '../engine';
import {
  burrowFromEvents,
  burrowGroupStatus,
  burrowPartitionStatus,
  type BurrowOffset,
  type BurrowStatus,
} from './burrow';
import { LogBuilder } from './test/logBuilder';

/** (offset, timestamp ms, lag) rows, as Burrow's evaluator test table writes them. */
const rows = (r: [number, number, number][]): BurrowOffset[] =>
  r.map(([offset, timestampMs, lag]) => ({ offset, timestampMs, lag }));

// Burrow's own table of cases (core/internal/evaluator/caching_test.go, `tests`): the same
// offsets, broker offsets, current lag and time (there in seconds, here in ms) and the status
// Burrow's calculatePartitionStatus returns for them.
const growing = rows([
  [1000, 100000, 0],
  [2000, 200000, 50],
  [3000, 300000, 100],
  [4000, 400000, 150],
  [5000, 500000, 200],
]);
const alwaysLagging = rows([
  [1000, 100000, 50],
  [2000, 200000, 100],
  [3000, 300000, 150],
  [4000, 400000, 200],
  [5000, 500000, 250],
]);
const upToDate = Array.from({ length: 15 }, (_, i) => ({
  offset: 792748079 + i,
  timestampMs: [
    1512224618356, 1512224619362, 1512224620366, 1512224621367, 1512224622370, 1512224623373,
    1512224624378, 1512224625379, 1512224626383, 1512224627383, 1512224628383, 1512224629388,
    1512224630391, 1512224631394, 1512224632397,
  ][i]!,
  lag: 0,
}));

const burrowCases: {
  name: string;
  offsets: BurrowOffset[];
  broker: number[];
  lag: number;
  nowS: number;
  status: BurrowStatus;
}[] = [
  {
    name: '0: zero lag somewhere',
    offsets: growing,
    broker: [5200],
    lag: 200,
    nowS: 600,
    status: 'OK',
  },
  {
    name: '1: not stopped at equal spans',
    offsets: growing,
    broker: [5200],
    lag: 200,
    nowS: 900,
    status: 'OK',
  },
  {
    name: '2: stopped despite zero lag at the start',
    offsets: growing,
    broker: [5200],
    lag: 200,
    nowS: 1000,
    status: 'STOP',
  },
  {
    name: '3: stopped, lag never zero',
    offsets: alwaysLagging,
    broker: [5250],
    lag: 250,
    nowS: 1000,
    status: 'STOP',
  },
  {
    name: '4: same offset but zero lag once',
    offsets: rows([
      [1000, 100000, 0],
      [1000, 200000, 50],
      [1000, 300000, 100],
      [1000, 400000, 150],
      [1000, 500000, 200],
    ]),
    broker: [1200],
    lag: 200,
    nowS: 600,
    status: 'OK',
  },
  {
    name: '5: stalled',
    offsets: rows([
      [1000, 100000, 100],
      [1000, 200000, 150],
      [1000, 300000, 200],
      [1000, 400000, 250],
      [1000, 500000, 300],
    ]),
    broker: [1300],
    lag: 300,
    nowS: 600,
    status: 'STALL',
  },
  {
    name: '6: stalled with a fixed lag',
    offsets: rows([
      [1000, 100000, 100],
      [1000, 200000, 100],
      [1000, 300000, 100],
      [1000, 400000, 100],
      [1000, 500000, 100],
    ]),
    broker: [1100],
    lag: 100,
    nowS: 600,
    status: 'STALL',
  },
  {
    name: '7: rewind beats a decreasing lag',
    offsets: rows([
      [1000, 100000, 100],
      [2000, 200000, 150],
      [3000, 300000, 200],
      [2000, 400000, 1250],
      [4000, 500000, 300],
    ]),
    broker: [4300],
    lag: 300,
    nowS: 600,
    status: 'REWIND',
  },
  {
    name: '8: current lag 0',
    offsets: alwaysLagging,
    broker: [5250],
    lag: 0,
    nowS: 1000,
    status: 'OK',
  },
  {
    name: '9: stopped with new data',
    offsets: upToDate,
    broker: [792749024, 792749000, 792748800, 792748600, 792748500],
    lag: 931,
    nowS: 1512224650,
    status: 'STOP',
  },
  {
    name: '10: caught up within the broker offset window',
    offsets: upToDate,
    broker: [792748094, 792748093, 792748093, 792748093],
    lag: 1,
    nowS: 1512224650,
    status: 'OK',
  },
];

describe("Burrow's partition rules", () => {
  it.each(burrowCases)("Burrow's case $name", (c) => {
    expect(burrowPartitionStatus(c.offsets, c.broker, c.lag, c.nowS * 1000).status).toBe(c.status);
  });

  it('WARN when the offsets advance but the lag never goes down', () => {
    const r = burrowPartitionStatus(alwaysLagging, [5250], 250, 600_000);
    expect(r).toEqual({ status: 'WARN', rule: 'lagNotDecreasing' });
  });

  it('OK once the lag went down between two commits', () => {
    const offsets = rows([
      [1000, 100000, 50],
      [2000, 200000, 100],
      [3000, 300000, 60],
      [4000, 400000, 80],
    ]);
    expect(burrowPartitionStatus(offsets, [4080], 80, 450_000)).toEqual({
      status: 'OK',
      rule: 'lagDecreased',
    });
  });

  it('a group is its worst partition, STOP/STALL/REWIND counting as ERR', () => {
    expect(burrowGroupStatus([])).toBe('OK');
    expect(burrowGroupStatus(['OK', 'WARN', 'OK'])).toBe('WARN');
    for (const bad of ['STOP', 'STALL', 'REWIND'] as const)
      expect(burrowGroupStatus(['WARN', bad, 'OK'])).toBe('ERR');
  });

  it('a status follows the rules in their order, over random windows', () => {
    const offsetArb = fc.record({
      offset: fc.integer({ min: 0, max: 50 }),
      timestampMs: fc.integer({ min: 0, max: 100 }),
      lag: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.array(offsetArb, { minLength: 1, maxLength: 8 }).map((a) =>
          // Commit times never go back.
          a.map((o, i) => ({ ...o, timestampMs: o.timestampMs + i * 100 })),
        ),
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 2000 }),
        (offsets, broker, lag, extra) => {
          const now = offsets[offsets.length - 1]!.timestampMs + extra;
          const { status } = burrowPartitionStatus(offsets, broker, lag, now);
          const span = offsets[offsets.length - 1]!.timestampMs - offsets[0]!.timestampMs;
          const stopped = now - offsets[offsets.length - 1]!.timestampMs > span;
          const caughtUp = broker.some((b) => b <= offsets[offsets.length - 1]!.offset);
          const zeroSeen = offsets.some((o) => o.lag === 0);
          if (lag === 0) expect(status).toBe('OK');
          else if (stopped && !caughtUp) expect(status).toBe('STOP');
          else if (zeroSeen) expect(status).toBe('OK');
          else {
            const rewound = offsets.some((o, i) => i > 0 && o.offset < offsets[i - 1]!.offset);
            const same = offsets.every((o) => o.offset === offsets[0]!.offset);
            const neverDown = offsets.every((o, i) => i === 0 || o.lag >= offsets[i - 1]!.lag);
            expect(status).toBe(rewound ? 'REWIND' : same ? 'STALL' : neverDown ? 'WARN' : 'OK');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('Burrow over a run', () => {
  it('samples the log-end offset every offset-refresh and keeps `intervals` commits', () => {
    const b = new LogBuilder();
    for (let t = 0; t < 10; t++) {
      b.at(t * 1000);
      for (let i = 0; i < 10; i++) b.append('orders', 0, 'k');
      // The consumer commits 5 a second behind a producer of 10: the lag grows every time.
      b.at(t * 1000 + 500).commit('billing', 'm1', 'orders', 0, (t + 1) * 5);
    }
    const [g] = burrowFromEvents(b.events, 8_600_000, {
      intervals: 5,
      offsetRefreshMs: 1000,
    });
    expect(g!.group).toBe('billing');
    const p = g!.partitions[0]!;
    expect(p.offsets.map((o) => o.offset)).toEqual([25, 30, 35, 40, 45]);
    // At 4.5 s the last sample (4 s) saw 50 records (the appends at 4 s come first): lag 25.
    expect(p.offsets.map((o) => o.lag)).toEqual([25, 30, 35, 40, 45]);
    expect(p.status).toBe('WARN');
    expect(g!.status).toBe('WARN');
    // 8.6 s: the sample at 8 s saw 90 records, the last commit (8.5 s) was 45.
    expect(p.currentLag).toBe(45);
  });

  it('STOP when the consumer stops committing, STALL when its commits stand still', () => {
    const b = new LogBuilder();
    for (let t = 0; t < 6; t++) {
      b.at(t * 1000);
      b.append('orders', 0, 'k');
      b.append('orders', 1, 'k');
      b.at(t * 1000 + 500);
      // Partition 0's consumer is stuck on offset 0 (a poison message) but auto-commit goes on.
      b.commit('billing', 'm1', 'orders', 0, 0, 'auto');
      if (t < 3) b.commit('billing', 'm1', 'orders', 1, t);
    }
    // Three samples kept: the last (3, 4, 5 s) all beyond partition 1's last commit (offset 2).
    const [g] = burrowFromEvents(b.events, 5_900_000, { intervals: 3, offsetRefreshMs: 1000 });
    const byPartition = new Map(g!.partitions.map((p) => [p.partition, p]));
    expect(byPartition.get(0)!.status).toBe('STALL');
    // Partition 1's commits spanned 0.5–2.5 s; 5.9 s − 2.5 s > 2 s.
    expect(byPartition.get(1)!.status).toBe('STOP');
    expect(g!.status).toBe('ERR');
    expect(g!.maxLag!.partition).toBe(0);
  });

  it('REWIND when committed offsets go back (a reset to earliest)', () => {
    const b = new LogBuilder();
    for (let i = 0; i < 20; i++) b.at(0).append('orders', 0, 'k');
    b.at(1000).commit('billing', 'm1', 'orders', 0, 5);
    b.at(2000).commit('billing', 'm1', 'orders', 0, 10);
    b.at(3000).commit('billing', 'm1', 'orders', 0, 2);
    b.at(4000).commit('billing', 'm1', 'orders', 0, 4);
    const [g] = burrowFromEvents(b.events, 4_500_000, { offsetRefreshMs: 1000 });
    expect(g!.partitions[0]!.status).toBe('REWIND');
  });

  it('a group that keeps up is OK; one that falls behind is WARN (simulated runs)', () => {
    const scenario = (meanMs: number): Scenario => {
      const r = parseScenario({
        version: 1,
        name: 'burrow',
        seed: 7,
        durationMs: 20000,
        topics: [{ name: 'orders', partitions: 2 }],
        producers: [
          {
            id: 'shop',
            topic: 'orders',
            rate: { kind: 'constant', perSec: 100 },
            keys: { kind: 'uniform', count: 50, prefix: 'o-' },
            eventType: 'OrderCreated',
          },
        ],
        groups: [
          {
            id: 'billing',
            topics: ['orders'],
            members: 1,
            commit: 'after-processing',
            processingMs: { kind: 'exponential', meanMs },
            // A commit after every poll of at most 20 records, about once a second.
            config: { 'max.poll.records': 20 },
          },
        ],
      });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.scenario;
    };
    const at = 20_000_000;
    const opts = { offsetRefreshMs: 1000 };
    const fast = burrowFromEvents(simulate(scenario(1)).events, at, opts)[0]!;
    const slow = burrowFromEvents(simulate(scenario(40)).events, at, opts)[0]!;
    expect(fast.status).toBe('OK');
    expect(slow.status).toBe('WARN');
    expect(slow.totalLag).toBeGreaterThan(fast.totalLag);
  });

  it('ignores events after the cursor and never throws on any log prefix', () => {
    const b = new LogBuilder();
    b.at(0).append('orders', 0, 'k');
    b.at(100).commit('g', 'm', 'orders', 0, 1);
    b.at(5000).commit('g', 'm', 'orders', 0, 0);
    expect(burrowFromEvents(b.events, 200_000)[0]!.partitions[0]!.offsets).toHaveLength(1);
    expect(burrowFromEvents([], 0)).toEqual([]);
  });
});
