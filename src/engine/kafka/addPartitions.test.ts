import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../../scenarios';
import { countSeen, seenAtUs } from './addPartitions';
import type { SimEvent } from './events';
import { partitionForKey } from './murmur2';
import { topologyChange } from './rebase';
import { compileModel } from './model';
import { parseScenario } from '../scenario/parse';
import type { Scenario } from '../scenario/types';
import { simulate, type SimulateResult } from '../simulate';
import { scenarioArb } from '../test/arbitraries';
import { checkGrowthRun, withAddPartitions } from '../test/addPartitions';

// Property runs print fast-check's seed and shrunk counterexample on failure; replay one with
// fc.assert(prop, { seed, path }).

const ofType = <T extends SimEvent['type']>(r: SimulateResult, type: T) =>
  r.events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

function parsed(raw: unknown): Scenario {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** One topic of 4 partitions, a keyed producer, a group of two; the topic grows at 1,000 ms. */
function growing(extra: Record<string, unknown> = {}, faults: unknown[] = []): unknown {
  return {
    version: 1,
    name: 'grow',
    seed: 3,
    durationMs: 3000,
    topics: [{ name: 'orders', partitions: 4 }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 200 },
        keys: { kind: 'uniform', count: 20, prefix: 'user-' },
        eventType: 'OrderPlaced',
        config: { 'metadata.max.age.ms': 400 },
      },
    ],
    groups: [
      {
        id: 'billing',
        topics: ['orders'],
        members: 2,
        processingMs: 2,
        config: {
          'auto.offset.reset': 'earliest',
          'metadata.max.age.ms': 300,
          'heartbeat.interval.ms': 100,
          'session.timeout.ms': 1000,
        },
      },
    ],
    faults: [{ kind: 'addPartitions', atMs: 1000, topic: 'orders', partitions: 6 }, ...faults],
    ...extra,
  };
}

describe('addPartitions: the scenario action', () => {
  it('refuses a count that does not grow the topic, naming the field (Kafka: InvalidPartitionsException)', () => {
    for (const partitions of [4, 3]) {
      const r = parseScenario({
        ...(growing() as object),
        faults: [{ kind: 'addPartitions', atMs: 1000, topic: 'orders', partitions }],
      });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.errors).toEqual([
        expect.objectContaining({
          path: '$.faults[0].partitions',
          code: 'partitionsNotIncreased',
          params: { topic: 'orders', partitions: 4, got: partitions, ms: 1000 },
        }),
      ]);
      expect(r.errors[0]!.message).toContain('Kafka can only add partitions');
    }
  });

  it('checks actions in time order, whatever their order in the list, and refuses an unknown topic', () => {
    const r = parseScenario({
      ...(growing() as object),
      faults: [
        { kind: 'addPartitions', atMs: 2000, topic: 'orders', partitions: 5 },
        { kind: 'addPartitions', atMs: 1000, topic: 'orders', partitions: 6 },
        { kind: 'addPartitions', atMs: 500, topic: 'nope', partitions: 6 },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([
      ['$.faults[2].topic', 'unknownTopic'],
      ['$.faults[0].partitions', 'partitionsNotIncreased'],
    ]);
    const bad = parseScenario({
      ...(growing() as object),
      faults: [{ kind: 'addPartitions', atMs: 1, topic: 'orders', partitions: 1.5, x: 1 }],
    });
    expect(bad.ok).toBe(false);
  });

  it('reserves the final count, starts with the initial one, and activates the new partitions at the action', () => {
    const r = simulate(parsed(growing()));
    expect(r.model.topics[0]).toMatchObject({ partitions: 6, initialPartitions: 4 });
    const [added] = ofType(r, 'partitionsAdded');
    expect(added).toMatchObject({ timeUs: 1_000_000, topic: 'orders', from: 4, to: 6 });
    const moved = Array.from({ length: 20 }, (_, i) => `user-${i}`).filter(
      (k) => partitionForKey(k, 4) !== partitionForKey(k, 6),
    );
    expect(added!.moved).toEqual(moved);
    expect(added!.movedCount).toBe(moved.length);
    expect(Array.from(r.state.livePartitions)).toEqual([6]);
    // The producer refreshes at 0, 400, 800, 1200 ms: it sends to 4 and 5 from 1,200 ms on.
    const appended = ofType(r, 'recordAppended');
    expect(appended.filter((e) => e.partition >= 4 && e.timeUs < 1_200_000)).toEqual([]);
    expect(appended.some((e) => e.partition >= 4 && e.timeUs === 1_200_000)).toBe(true);
    // The group's leader refreshes at 1,200 ms (every 300 ms) and the group rebalances.
    const [notice] = ofType(r, 'groupMetadataChanged');
    expect(notice).toMatchObject({ timeUs: 1_200_000, group: 'billing', partitions: 6 });
    const started = ofType(r, 'rebalanceStarted').filter((e) => e.timeUs === 1_200_000);
    expect(started).toHaveLength(1);
    const after = ofType(r, 'rebalanceCompleted').find((e) => e.timeUs >= 1_200_000)!;
    expect(Object.values(after.assignment).flat().sort()).toEqual(
      [0, 1, 2, 3, 4, 5].map((p) => `orders-${p}`),
    );
    // Every record was processed: nothing was lost to the change (earliest on new partitions).
    expect(r.summary.lost).toBe(0);
  });

  it('with the default metadata.max.age.ms (300000) nobody notices within a short run', () => {
    const raw = growing() as { producers: { config: object }[]; groups: { config: object }[] };
    raw.producers[0]!.config = {};
    raw.groups[0]!.config = { 'auto.offset.reset': 'earliest' };
    const r = simulate(parsed(raw));
    expect(ofType(r, 'partitionsAdded')).toHaveLength(1);
    expect(ofType(r, 'groupMetadataChanged')).toEqual([]);
    expect(ofType(r, 'recordAppended').every((e) => e.partition < 4)).toBe(true);
    expect(r.summary.reordered).toBe(0);
  });

  it('a fork cannot change when a topic grows: the refusal names the actions', () => {
    const a = compileModel(parsed(growing()));
    const b = compileModel(
      parsed({
        ...(growing() as object),
        faults: [{ kind: 'addPartitions', atMs: 1500, topic: 'orders', partitions: 6 }],
      }),
    );
    expect(topologyChange(a, b)).toMatch(/addPartitions actions changed.*orders → 6 at 1000 ms/);
    expect(topologyChange(a, compileModel(parsed(growing())))).toBeNull();
  });

  it('seenAtUs and countSeen: a client sees a step at its first refresh at or after it', () => {
    expect(seenAtUs(1000, 0, 400)).toBe(1200);
    expect(seenAtUs(1200, 0, 400)).toBe(1200);
    expect(seenAtUs(50, 100, 400)).toBe(100);
    const steps = [{ atUs: 1000, topic: 0, count: 6 }];
    expect(countSeen(steps, 0, 4, 0, 400, 1199)).toBe(4);
    expect(countSeen(steps, 0, 4, 0, 400, 1200)).toBe(6);
    expect(countSeen(steps, 1, 4, 0, 400, 5000)).toBe(4);
  });
});

describe('addPartitions: a run without the action is unchanged', () => {
  // Hashes of the built-ins' logs before addPartitions existed (the commit this branch started
  // from): reserving partitions, the views and the notices exist only with the action.
  const pinned: Record<string, string> = {
    'order-flow': '01c8c314ac8aee78',
    'crash-before-commit': '133abba0d646e2b4',
    'ordering-needs-a-key': '48042c7607e19e5a',
    'hot-partition': '7784f5d8eb841dd0',
    'broker-failure': '7f9a227027219ac3',
    'exactly-once': '27cc12e44c7c58ec',
    'zombie-fenced': 'e9ea3134ba19f35a',
    'kafka-to-rabbitmq': '50996b39838ca22a',
  };
  for (const [name, hash] of Object.entries(pinned))
    it(`built-in ${name} keeps its log hash`, () => {
      expect(simulate(parsed(builtInScenarios[name])).summary.logHash).toBe(hash);
    });
});

describe('addPartitions: properties over random scenarios and fault schedules', () => {
  it('property (member faults): records only to live partitions, keyed records by the count the producer saw, moved keys exactly those whose modulo changes, every live partition assigned once after the notice, per-partition order, fold = run', () => {
    let checked = 0;
    fc.assert(
      fc.property(withAddPartitions(scenarioArb()), (s) => {
        checked += checkGrowthRun(parsed(s));
      }),
      { numRuns: 40, seed: 1212, verbose: 0 },
    );
    // The runs did reach rebalances after a notice (the property is not vacuous).
    expect(checked).toBeGreaterThan(20);
  });
});
