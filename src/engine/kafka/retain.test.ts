import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateDigest } from './digest';
import { recordFloors, releaseRecords } from './retain';
import { simulate } from '../simulate';
import type { SimState } from './state';
import { parseScenario } from '../scenario/parse';
import type { FaultSpec, Scenario } from '../scenario/types';
import { scenarioArb } from '../test/arbitraries';
import { benchScenario } from '../../cli/bench';

// Property runs print fast-check's seed and shrunk counterexample on failure; replay one with
// fc.assert(prop, { seed, path }).
const RUNS = 40;

/** A run that releases every record it may, every `every` events. */
function releasing(scenario: Scenario, untilMs: number, every = 25) {
  let n = 0;
  let released = 0;
  const r = simulate(scenario, {
    untilMs,
    keepEvents: false,
    onEvent: (_e, s) => {
      if (++n % every === 0) released += releaseRecords(s, recordFloors(s), 1);
    },
  });
  return { ...r, released };
}

/** Three brokers, a replicated topic, broker faults (unclean elections truncate), any acks. */
const clusterArb = fc
  .record({
    acks: fc.constantFrom('0' as const, '1' as const, 'all' as const),
    unclean: fc.boolean(),
    downs: fc.array(
      fc.record({
        broker: fc.integer({ min: 1, max: 3 }),
        atMs: fc.integer({ min: 50, max: 1200 }),
        forMs: fc.integer({ min: 50, max: 600 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ acks, unclean, downs, seed }): Scenario => {
    const parsed = parseScenario({
      version: 1,
      name: 'retain-cluster',
      seed,
      durationMs: 1500,
      cluster: {
        brokers: 3,
        'replica.lag.time.max.ms': 300,
        'unclean.leader.election.enable': unclean,
      },
      topics: [
        { name: 'orders', partitions: 3, 'replication.factor': 3, 'min.insync.replicas': 1 },
      ],
      producers: [
        {
          id: 'shop',
          topic: 'orders',
          rate: { kind: 'poisson', perSec: 800 },
          keys: { kind: 'uniform', count: 30 },
          eventType: 'OrderCreated',
          config: { acks, 'request.timeout.ms': 200, 'linger.ms': 1 },
        },
      ],
      groups: [
        {
          id: 'g',
          topics: ['orders'],
          members: 2,
          processingMs: 0.2,
          config: { 'auto.commit.interval.ms': 100 },
        },
      ],
      faults: downs.flatMap(({ broker, atMs, forMs }): FaultSpec[] => [
        { kind: 'brokerDown', atMs, broker },
        { kind: 'brokerUp', atMs: atMs + forMs, broker },
      ]),
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.scenario;
  });

const held = (s: SimState): number => s.logs.reduce((n, l) => n + l.length, 0);

describe('releasing records nobody can read changes nothing observable', () => {
  it('same log hash, summary and final state with or without releasing (direct path, faults)', () => {
    let runsThatReleased = 0;
    fc.assert(
      fc.property(scenarioArb({ faults: true }), (scenario) => {
        const plain = simulate(scenario, { untilMs: 1500, keepEvents: false });
        const rel = releasing(scenario, 1500);
        expect(rel.summary).toEqual(plain.summary);
        expect(stateDigest(rel.state)).toBe(stateDigest(plain.state));
        if (rel.released > 0) runsThatReleased++;
      }),
      { numRuns: RUNS, seed: 17 },
    );
    // The property is not vacuous: most runs do release records.
    expect(runsThatReleased).toBeGreaterThan(RUNS / 4);
  });

  it('the same on the request path (replication, unclean elections, lost acks)', () => {
    fc.assert(
      fc.property(clusterArb, (scenario) => {
        const plain = simulate(scenario, { untilMs: 1500, keepEvents: false });
        const rel = releasing(scenario, 1500);
        expect(rel.summary).toEqual(plain.summary);
        expect(stateDigest(rel.state)).toBe(stateDigest(plain.state));
        expect(rel.released).toBeGreaterThan(0);
      }),
      { numRuns: RUNS / 2, seed: 18, examples: [[ACK_AFTER_RELEASE as Scenario]] },
    );
  });

  it('never releases a record a group has yet to read, nor the last one', () => {
    fc.assert(
      fc.property(scenarioArb({ faults: true }), (scenario) => {
        const { state: s } = releasing(scenario, 1500);
        s.logStart.forEach((start, gp) => {
          expect(start).toBeLessThanOrEqual(Math.max(0, s.leo[gp]! - 1));
          for (const g of s.groups)
            if (g.committed[gp]! >= 0) expect(start).toBeLessThanOrEqual(g.committed[gp]!);
          for (const m of s.members) {
            const pos = m.position.get(gp);
            if (pos !== undefined) expect(start).toBeLessThanOrEqual(pos);
          }
        });
      }),
      { numRuns: RUNS, seed: 19 },
    );
  });

  it('keeps a long run whose consumers keep up to a bounded number of records', () => {
    // Past auto.commit.interval.ms (5 s): until a group's first commit, offset 0 is needed.
    const scenario = benchScenario(12, 5000, 12_000);
    const plain = simulate(scenario, { keepEvents: false, hash: false });
    const rel = releasing(scenario, 12_000, 4096);
    expect(rel.summary.appended).toBe(plain.summary.appended);
    expect(held(plain.state)).toBe(plain.summary.appended);
    // 60,000 records appended; what is held is the consumers' lag since the last commit + slack.
    expect(held(rel.state)).toBeLessThan(plain.summary.appended / 5);
    expect(rel.released).toBe(plain.summary.appended - held(rel.state));
  });
});

/**
 * Regression (found by the property above with a random seed): an acknowledgement arriving after
 * its batch's first record was released was counted as lost-acknowledged. Unacknowledged
 * batches' append offsets now hold the floor.
 */
const ACK_AFTER_RELEASE = {
  version: 1,
  name: 'retain-cluster',
  topics: [{ name: 'orders', partitions: 3, 'replication.factor': 3, 'min.insync.replicas': 1 }],
  producers: [
    {
      id: 'shop',
      topic: 'orders',
      rate: { kind: 'poisson', perSec: 800 },
      keys: { kind: 'uniform', count: 30 },
      eventType: 'OrderCreated',
      config: { 'linger.ms': 1, acks: 'all', 'request.timeout.ms': 200 },
    },
  ],
  groups: [
    {
      id: 'g',
      topics: ['orders'],
      members: 2,
      config: { 'auto.commit.interval.ms': 100 },
      processingMs: 0.2,
    },
  ],
  faults: [
    { kind: 'brokerDown', atMs: 172, broker: 1 },
    { kind: 'brokerUp', atMs: 289, broker: 1 },
  ],
  seed: 0,
  durationMs: 1500,
  cluster: { brokers: 3, 'replica.lag.time.max.ms': 300, 'unclean.leader.election.enable': false },
};
