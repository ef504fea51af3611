import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from './events';
import { movesWorkOn } from './progress';
import { parseScenario } from '../scenario/parse';
import type { Scenario } from '../scenario/types';
import { simulate } from '../simulate';
import {
  chaosScenarioArb,
  coordinatorCutArb,
  uncleanTruncationArb,
} from '../test/chaosArbitraries';

// Property runs print fast-check's seed and shrunk counterexample on failure; replay one with
// fc.assert(prop, { seed, path }). Cases found by these properties are pinned below as examples.

function parsed(s: Scenario): Scenario {
  const r = parseScenario(s);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** The longest run of events at one instant that move no work on (see progress.ts). */
function longestIdleSpin(events: SimEvent[]): number {
  let longest = 0;
  let run = 0;
  let t = -1;
  for (const e of events) {
    if (e.timeUs !== t || movesWorkOn(e)) {
      t = e.timeUs;
      run = 0;
    } else longest = Math.max(longest, ++run);
  }
  return longest;
}

describe('a rejected commit is retried later, never at the same instant', () => {
  /** Issue 9 §1: a member cut off from the coordinator across an auto-commit, all defaults. */
  const cutAcrossAutoCommit = (): Scenario =>
    parsed({
      version: 1,
      name: 'cut across an auto-commit',
      durationMs: 20_000,
      topics: [{ name: 'orders', partitions: 2 }],
      producers: [
        {
          id: 'shop',
          topic: 'orders',
          rate: { kind: 'constant', perSec: 100 },
          keys: { kind: 'uniform', count: 10 },
          eventType: 'OrderCreated',
        },
      ],
      groups: [{ id: 'g', topics: ['orders'], members: 2 }],
      faults: [
        {
          kind: 'networkPartition',
          atMs: 3000,
          between: ['g-1', 'coordinator'],
          durationMs: 10_000,
        },
      ],
    });

  it('retries a timed-out auto-commit after retry.backoff.ms (100 ms), and commits once healed', () => {
    const r = simulate(cutAcrossAutoCommit());
    const rejected = r.events.filter((e) => e.type === 'commitRejected' && e.member === 'g-1');
    expect(rejected.length).toBeGreaterThan(10);
    expect(
      rejected.every((e) => e.type === 'commitRejected' && e.error === 'REQUEST_TIMED_OUT'),
    ).toBe(true);
    for (let i = 1; i < rejected.length; i++)
      expect(rejected[i]!.timeUs - rejected[i - 1]!.timeUs).toBeGreaterThanOrEqual(100_000);
    // The first attempt is the 5 s auto-commit; the last falls within the cut (3 s to 13 s).
    expect(rejected[0]!.timeUs).toBe(5_000_000);
    expect(rejected.at(-1)!.timeUs).toBeLessThan(13_000_000);
    const healed = r.events.find(
      (e) => e.type === 'offsetsCommitted' && e.member === 'g-1' && e.timeUs >= 13_000_000,
    );
    expect(healed).toBeDefined();
    expect(longestIdleSpin(r.events)).toBeLessThan(50);
  });

  it('after a truncation that leaves nothing to commit, the due auto-commit is sent empty once', () => {
    // Found with the properties below: brokers 1 and 2 die, broker 3 (out of the ISR) leads
    // uncleanly and truncates the log below the group's committed offset; with no producer left,
    // the member had nothing to commit but woke for its auto-commit at the same instant forever.
    const s = parsed({
      version: 1,
      name: 'truncated below the committed offset',
      durationMs: 4000,
      cluster: {
        brokers: 3,
        'replica.lag.time.max.ms': 300,
        'replica.fetch.latency.ms': 2,
        'unclean.leader.election.enable': true,
      },
      topics: [
        { name: 'orders', partitions: 1, 'replication.factor': 3, 'min.insync.replicas': 1 },
      ],
      producers: [
        {
          id: 'shop',
          topic: 'orders',
          rate: { kind: 'constant', perSec: 200 },
          keys: { kind: 'uniform', count: 5 },
          eventType: 'E',
          stopMs: 1100,
          config: {
            acks: '0',
            'request.timeout.ms': 100,
            'delivery.timeout.ms': 150,
            'linger.ms': 1,
          },
        },
      ],
      groups: [
        {
          id: 'g',
          topics: ['orders'],
          members: 1,
          processingMs: 0.5,
          config: { 'auto.commit.interval.ms': 500, 'auto.offset.reset': 'earliest' },
        },
      ],
      faults: [
        { kind: 'brokerDown', atMs: 300, broker: 3 },
        { kind: 'brokerUp', atMs: 1300, broker: 3 },
        { kind: 'brokerDown', atMs: 1200, broker: 1 },
        { kind: 'brokerDown', atMs: 1200, broker: 2 },
      ],
    });
    const r = simulate(s, { seed: 1 });
    const unclean = r.events.find((e) => e.type === 'leaderElected' && e.unclean);
    expect(unclean).toBeDefined();
    const empty = r.events.filter(
      (e) => e.type === 'offsetsCommitted' && e.offsets.length === 0 && e.timeUs > unclean!.timeUs,
    );
    expect(empty).toHaveLength(1);
    // Nothing moved since: no further commit is due.
    const later = r.events.filter(
      (e) =>
        (e.type === 'offsetsCommitted' || e.type === 'commitRejected') &&
        e.timeUs > empty[0]!.timeUs,
    );
    expect(later).toEqual([]);
    expect(longestIdleSpin(r.events)).toBeLessThan(50);
  });
});

describe('no livelock, no throw: any fault schedule on valid input', () => {
  /** Runs a valid scenario to its end; the run must stay far from the livelock guard. */
  function runs(s: Scenario) {
    const r = simulate(s);
    expect(r.summary.lost).toBeGreaterThanOrEqual(0);
    expect(r.summary.pending).toBeGreaterThanOrEqual(0);
    // Valid input never nears the run loop's last-resort guard (progress.ts).
    expect(longestIdleSpin(r.events)).toBeLessThan(5000);
    return r;
  }

  it('members cut off from the coordinator across auto-commits (defaults or short intervals)', () => {
    let timedOut = 0;
    fc.assert(
      fc.property(coordinatorCutArb(), (s) => {
        const r = runs(parsed(s));
        if (r.events.some((e) => e.type === 'commitRejected' && e.error === 'REQUEST_TIMED_OUT'))
          timedOut++;
      }),
      { numRuns: 40, seed: 0x11e1 },
    );
    expect(timedOut).toBeGreaterThan(10);
  });

  it('truncations by unclean leader elections, with the producer stopped or not', () => {
    let unclean = 0;
    let emptyCommits = 0;
    fc.assert(
      fc.property(uncleanTruncationArb(), (s) => {
        const r = runs(parsed(s));
        if (r.events.some((e) => e.type === 'leaderElected' && e.unclean)) unclean++;
        if (r.events.some((e) => e.type === 'offsetsCommitted' && e.offsets.length === 0))
          emptyCommits++;
      }),
      // Pinned: a truncation that emptied the in-flight batch's ranges (fixed in evolve.ts).
      { numRuns: 40, seed: 0x11e2, examples: [[UNCLEAN_EMPTIES_BATCH]] },
    );
    expect(unclean).toBeGreaterThan(30);
    expect(emptyCommits).toBeGreaterThan(0);
  });

  it('random scenarios with every fault kind run to the end; the only refusals are instant loops', () => {
    let refused = 0;
    fc.assert(
      fc.property(chaosScenarioArb(), (raw) => {
        const p = parseScenario(raw);
        if (!p.ok) {
          refused++;
          for (const e of p.errors) expect(e.message).toMatch(/^a loop with no processing time/);
          return;
        }
        runs(p.scenario);
      }),
      { numRuns: 60, seed: 0x11e3 },
    );
    expect(refused).toBeGreaterThan(0);
  });
});

/**
 * Regression (found by the property above with a random seed): an unclean election truncated
 * the log below a member's in-flight batch, emptying its ranges; the cursor then processed a
 * record that was no longer there ("Cannot read properties of undefined").
 */
const UNCLEAN_EMPTIES_BATCH = {
  version: 1,
  name: 'unclean election',
  durationMs: 4000,
  cluster: {
    brokers: 3,
    'replica.lag.time.max.ms': 200,
    'replica.fetch.latency.ms': 2,
    'unclean.leader.election.enable': true,
  },
  topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3, 'min.insync.replicas': 1 }],
  producers: [
    {
      id: 'shop',
      topic: 'orders',
      rate: { kind: 'constant', perSec: 300 },
      keys: { kind: 'uniform', count: 8 },
      eventType: 'E',
      config: { acks: '0', 'request.timeout.ms': 100, 'delivery.timeout.ms': 400, 'linger.ms': 1 },
    },
  ],
  groups: [
    {
      id: 'g',
      topics: ['orders'],
      members: 1,
      processingMs: { kind: 'exponential', meanMs: 2.1609042679977435 },
      config: { 'auto.commit.interval.ms': 20, 'auto.offset.reset': 'earliest' },
    },
  ],
  faults: [
    { kind: 'brokerDown', atMs: 100, broker: 1 },
    { kind: 'brokerDown', atMs: 450, broker: 2 },
    { kind: 'brokerDown', atMs: 450, broker: 3 },
    { kind: 'brokerUp', atMs: 451, broker: 1 },
  ],
} as unknown as Scenario;
