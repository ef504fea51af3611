import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../../scenarios';
import { simulate } from '../simulate';
import { scenarioArb } from '../test/arbitraries';
import { BROWSER_LIMITS, CLI_LIMITS, costProblems, estimateCost } from './cost';
import { parseScenario } from './parse';
import type { Scenario } from './types';

// Property runs print fast-check's seed and shrunk counterexample on failure; replay one with
// fc.assert(prop, { seed, path }).

function parsed(json: unknown): Scenario {
  const r = parseScenario(json);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

const base = (over: Partial<Scenario> = {}): Scenario => ({
  version: 1,
  name: 'cost',
  durationMs: 10_000,
  topics: [{ name: 'orders', partitions: 6 }],
  producers: [
    {
      id: 'shop',
      topic: 'orders',
      rate: { kind: 'constant', perSec: 100 },
      keys: { kind: 'uniform', count: 50 },
      eventType: 'OrderPlaced',
    },
  ],
  groups: [{ id: 'billing', topics: ['orders'], members: 2 }],
  faults: [],
  ...over,
});

describe('estimateCost / costProblems', () => {
  it('every built-in scenario fits in the browser', () => {
    for (const [id, json] of Object.entries(builtInScenarios))
      expect(
        costProblems(estimateCost(parsed(json)), BROWSER_LIMITS, 'in the browser'),
        id,
      ).toEqual([]);
  });

  it('200 topics × 10,000 partitions is refused, naming topics × partitions', () => {
    const topics = Array.from({ length: 200 }, (_, i) => ({ name: `t${i}`, partitions: 10_000 }));
    const c = estimateCost(base({ topics, producers: [], groups: [] }));
    expect(c.partitions).toBe(2_000_000);
    const problems = costProblems(c, BROWSER_LIMITS, 'in the browser');
    expect(problems[0]).toBe(
      'Topics × partitions: 2,000,000 partitions over 200 topics; at most 50,000 can run in the browser.',
    );
    // The CLI allows 10× more, and this is still more than that.
    expect(costProblems(c, CLI_LIMITS, 'in the CLI').length).toBeGreaterThan(0);
  });

  it('rate × bursts: each within bounds, together too many records per second', () => {
    const s = base();
    s.producers[0]!.rate = {
      kind: 'constant',
      perSec: 100_000,
      bursts: [{ atMs: 1000, durationMs: 500, multiplier: 50 }],
    };
    const c = estimateCost(s);
    expect(c.peakRecordsPerSec).toBe(5_000_000);
    expect(costProblems(c, BROWSER_LIMITS, 'in the browser')).toContain(
      'Rate × bursts: up to 5,000,000 records per sim second; at most 2,000,000 in the browser.',
    );
  });

  it('producers × keys and groups × producers × keys (per-key order tables)', () => {
    const producers = Array.from({ length: 4 }, (_, i) => ({
      id: `p${i}`,
      topic: 'orders',
      rate: { kind: 'constant' as const, perSec: 10 },
      keys: { kind: 'uniform' as const, count: 400_000 },
      eventType: 'E',
    }));
    const c = estimateCost(base({ producers }));
    expect(c.keys).toBe(1_600_000);
    expect(c.keyTableBytes).toBe(1 * 4 * 1_600_000 * 8);
    const problems = costProblems(c, BROWSER_LIMITS, 'in the browser');
    expect(problems.some((p) => p.startsWith('Producers × keys: 1,600,000 keys in all'))).toBe(
      true,
    );
  });

  it('handler fan-out: a chain multiplies, a cycle that never dies out is refused', () => {
    const chain = base({
      topics: [
        { name: 'orders', partitions: 3 },
        { name: 'events', partitions: 3 },
      ],
      groups: [
        {
          id: 'svc',
          topics: ['orders'],
          members: 1,
          handlers: [
            {
              on: 'OrderPlaced',
              emit: [
                { type: 'A', topic: 'events' },
                { type: 'B', topic: 'events', probability: 0.5 },
              ],
            },
          ],
        },
      ],
    });
    const c = estimateCost(chain);
    expect(c.fanOut).toBeCloseTo(2.5, 9);
    expect(c.totalRecords).toBeCloseTo(2.5 * 100 * 10, 6);
    const cycle = base({
      groups: [
        {
          id: 'echo',
          topics: ['orders'],
          members: 1,
          handlers: [{ on: 'OrderPlaced', emit: [{ type: 'OrderPlaced', topic: 'orders' }] }],
        },
      ],
    });
    const cc = estimateCost(cycle);
    expect(cc.fanOut).toBe(Infinity);
    expect(costProblems(cc, CLI_LIMITS, 'in the CLI')).toEqual([
      'Handler fan-out: service handlers emit into a cycle that never dies out (each record leads to more and more records).',
    ]);
    // A cycle that dies out (each record re-emitted with probability ½) is a finite fan-out: 2.
    cycle.groups[0]!.handlers![0]!.emit[0]!.probability = 0.5;
    expect(estimateCost(cycle).fanOut).toBeCloseTo(2, 6);
  });

  it('records/s × duration and the dedup store of an idempotent group', () => {
    const s = base({ durationMs: 3_600_000 });
    s.producers[0]!.rate.perSec = 200_000;
    s.groups[0]!.idempotent = true;
    const problems = costProblems(estimateCost(s), BROWSER_LIMITS, 'in the browser');
    expect(problems.some((p) => p.startsWith('Records/s × duration: about'))).toBe(true);
    expect(problems.some((p) => p.startsWith('State size: the simulation state would reach'))).toBe(
      true,
    );
  });

  it('estimates the events of real runs within a factor of 3 (built-in scenarios)', () => {
    for (const [id, json] of Object.entries(builtInScenarios)) {
      const s = parsed(json);
      const est = estimateCost(s).totalEvents;
      const actual = simulate(s, { keepEvents: false, hash: false }).summary.events;
      expect(est / actual, id).toBeGreaterThan(1 / 3);
      expect(est / actual, id).toBeLessThan(3);
    }
  });

  it('is total and monotone: never NaN, never throws; more rate or partitions never costs less', () => {
    fc.assert(
      fc.property(scenarioArb({ faults: true }), fc.integer({ min: 2, max: 10 }), (s, k) => {
        const c = estimateCost(s);
        for (const v of Object.values(c)) expect(Number.isNaN(v)).toBe(false);
        const more = structuredClone(s);
        for (const p of more.producers) p.rate.perSec *= k;
        for (const t of more.topics) t.partitions *= k;
        const m = estimateCost(more);
        expect(m.peakRecordsPerSec).toBeGreaterThanOrEqual(c.peakRecordsPerSec);
        expect(m.totalEvents).toBeGreaterThanOrEqual(c.totalEvents);
        expect(m.stateBytes).toBeGreaterThanOrEqual(c.stateBytes);
        expect(m.partitions).toBe(c.partitions * k);
        // Whatever the limits say, the messages name fields, never "NaN" or "undefined".
        for (const p of costProblems(
          m,
          { ...BROWSER_LIMITS, partitions: 0, stateBytes: 0 },
          'here',
        ))
          expect(p).not.toMatch(/NaN|undefined/);
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it('never throws on malformed input (the worker checks untrusted scenarios)', () => {
    const junk = [
      {},
      { topics: null },
      { producers: [{ rate: null, keys: { kind: 'zipf' } }] },
      { groups: [{ members: -3, topics: 'x' }] },
      { amqp: null },
      { amqp: { publishers: [null, 3, { rate: null }], bindings: [null, 'x'] } },
      { amqp: { publishers: 'x', bindings: {} } },
    ];
    for (const j of junk) expect(() => estimateCost(j as unknown as Scenario)).not.toThrow();
  });
});

describe('the amqp section (version 2)', () => {
  it('counts publishes into every queue they reach, consumers as members, and bounds routing work', async () => {
    const { amqpScenario } = await import('./amqpFixture');
    const s = amqpScenario();
    const base = estimateCost({ ...s, amqp: undefined });
    const c = estimateCost(s);
    expect(c.members).toBe(base.members + 4);
    expect(c.amqpTopology).toBe(5 + 4 + 6);
    expect(c.peakRecordsPerSec).toBeGreaterThan(base.peakRecordsPerSec);
    expect(c.totalEvents).toBeGreaterThan(base.totalEvents);
    expect(costProblems(c, BROWSER_LIMITS, 'in the browser')).toEqual([]);
    // 2,000 bindings and a busy publisher: each publish scans every binding.
    const busy = amqpScenario();
    busy.amqp!.bindings = Array.from({ length: 2000 }, (_, i) => ({
      source: 'logs_topic',
      destination: 'errors',
      destinationType: 'queue' as const,
      routingKey: `k${i}`,
    }));
    busy.amqp!.publishers[0]!.rate = { kind: 'constant', perSec: 100_000 };
    const heavy = estimateCost(busy);
    expect(heavy.amqpRoutingPerSec).toBe((100_000 + 1) * 2001);
    expect(costProblems(heavy, BROWSER_LIMITS, 'in the browser')).toContain(
      'RabbitMQ publish rate × bindings: routing examines 200,102,001 bindings per sim second; at most 50,000,000 in the browser.',
    );
  });

  it('never throws on a malformed amqp section (unparsed input)', () => {
    for (const amqp of [
      null,
      5,
      [],
      {
        exchanges: [null, 3],
        queues: 'x',
        bindings: [{}],
        publishers: [null, { exchange: 7 }],
        consumers: [null, { members: -1 }],
      },
    ])
      expect(() =>
        estimateCost({
          ...(builtInScenarios['order-flow'] as Scenario),
          amqp,
        } as unknown as Scenario),
      ).not.toThrow();
  });
});
