import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolve, stateDigest, type Scenario } from '../engine';
import { scenarioArb } from '../engine/test/arbitraries';
import type { ForkChange } from './change';
import { compareRuns } from './compare';
import { Timeline } from './timeline';
import { defaultScenario, FC_SEED } from './testUtil';

const crash = (s: Scenario, atMs: number): ForkChange => {
  const g = s.groups[0]!;
  return { kind: 'addFault', fault: { kind: 'crash', atMs, group: g.id, member: `${g.id}-1` } };
};

/** A root run of `scenario` recorded to `ms`, on a timeline with small blocks. */
function recorded(scenario: Scenario, ms: number, blockEvents = 97) {
  const tl = new Timeline({ blockEvents });
  const root = tl.start(scenario);
  root.record(ms * 1000);
  return { tl, root };
}

describe('fork', () => {
  it('is deterministic: the same fork twice gives the same log hash', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.double({ min: 0, max: 1, noNaN: true }), (scenario, p) => {
        const { tl, root } = recorded(scenario, 1200);
        const i = Math.floor(p * root.length);
        const change: ForkChange = {
          kind: 'setGroup',
          group: scenario.groups[0]!.id,
          set: { config: { 'max.poll.records': 2 } },
        };
        const a = tl.fork(root.id, i, change);
        a.record(1_200_000);
        const b = tl.fork(root.id, i, change);
        b.record(1_200_000);
        const other = recorded(scenario, 1200, 13);
        const c = other.tl.fork(other.root.id, i, change);
        c.record(1_200_000);
        expect(b.logHash()).toBe(a.logHash());
        expect(c.logHash()).toBe(a.logHash());
        expect(a.origin!.at).toBeGreaterThanOrEqual(i);
      }),
      { numRuns: 25, seed: FC_SEED },
    );
  });

  it('shares the prefix: blocks and partition records by reference, the same events before the fork point', () => {
    const scenario = defaultScenario();
    const { tl, root } = recorded(scenario, 3000, 500);
    const fork = tl.fork(root.id, root.indexAtTimeUs(2_000_000), crash(scenario, 2500));
    fork.record(3_000_000);
    const at = fork.origin!.at;
    const shared = root.blocks.filter((b) => b.start + b.count <= at);
    expect(shared.length).toBeGreaterThan(10);
    shared.forEach((b, k) => expect(fork.blocks[k]).toBe(b));
    // Records appended before the fork are the same objects in both runs' partition logs.
    for (let gp = 0; gp < root.live.logs.length; gp++) {
      const n = Math.min(fork.stateAt(at).leo[gp]!, 5);
      for (let o = 0; o < n; o++) expect(fork.live.logs[gp]![o]).toBe(root.live.logs[gp]![o]);
    }
    expect(JSON.stringify(fork.events(0, at))).toBe(JSON.stringify(root.events(0, at)));
  });

  it('stateAt on a fork equals the fold from its start over its own events', () => {
    fc.assert(
      fc.property(
        scenarioArb(),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (scenario, p, q) => {
          const { tl, root } = recorded(scenario, 1000, 41);
          const fork = tl.fork(root.id, Math.floor(p * root.length), {
            kind: 'setGroup',
            group: scenario.groups[0]!.id,
            set: { config: { 'max.poll.records': 3 } },
          });
          fork.record(1_000_000);
          const at = fork.origin!.at;
          const s = fork.stateAt(at);
          const j = at + Math.floor(q * (fork.length - at));
          const c = fork.cursor(at);
          for (let k = at; k < j; k++) evolve(s, c.next()!);
          expect(stateDigest(fork.stateAt(j))).toBe(stateDigest(s));
          // Before the fork point the fork answers with its parent's states.
          const before = Math.floor(at / 2);
          expect(stateDigest(fork.stateAt(before))).toBe(stateDigest(root.stateAt(before)));
        },
      ),
      { numRuns: 25, seed: FC_SEED },
    );
  });

  it('a fault added after the run ends changes nothing; a crash changes the run from its time on', () => {
    const scenario = defaultScenario();
    const { tl, root } = recorded(scenario, 2000, 1000);
    const noop = tl.fork(root.id, 5000, crash(scenario, 60_000));
    noop.record(2_000_000);
    expect(noop.logHash()).toBe(root.logHash());
    expect(compareRuns(root, noop).firstDivergence).toBeNull();
    const i = root.indexAtTimeUs(1_000_000);
    const fork = tl.fork(root.id, i, {
      kind: 'addFault',
      fault: { kind: 'crash', atMs: 1500, group: 'inventory', member: 'inventory-1' },
    });
    fork.record(2_000_000);
    const cmp = compareRuns(root, fork);
    expect(cmp.firstDivergence).not.toBeNull();
    expect(cmp.firstDivergence!).toBeGreaterThanOrEqual(root.indexAtTimeUs(1_499_999));
    expect(cmp.comparedFrom).toBe(fork.origin!.at);
    expect(cmp.metrics.processed.delta).toBe(cmp.metrics.processed.b - cmp.metrics.processed.a);
  });

  it('removing a fault that is still ahead forks; one already past is refused', () => {
    const scenario = defaultScenario(); // payment-2 crashes at 3000 ms, restarts at 6500 ms
    const { tl, root } = recorded(scenario, 5000, 1000);
    const early = tl.fork(root.id, root.indexAtTimeUs(2_000_000), {
      kind: 'removeFault',
      index: 0,
    });
    early.record(5_000_000);
    expect(compareRuns(root, early).firstDivergence).toBeGreaterThanOrEqual(
      root.indexAtTimeUs(2_999_999),
    );
    expect(() =>
      tl.fork(root.id, root.indexAtTimeUs(4_000_000), { kind: 'removeFault', index: 0 }),
    ).toThrow(/crash of payment-2 at 3000 ms, which is at or before the fork point/);
    expect(() => tl.fork(root.id, root.indexAtTimeUs(4_000_000), crash(scenario, 10))).toThrow(
      /at or before the fork point/,
    );
  });

  it('refuses changes to the topology, naming what changed', () => {
    const { tl, root } = recorded(defaultScenario(), 500, 1000);
    expect(() =>
      tl.fork(root.id, 100, { kind: 'setTopic', topic: 'order-events', set: { partitions: 12 } }),
    ).toThrow(/topics or partitions changed: .*order-events\(6\).*order-events\(12\)/);
    expect(() =>
      tl.fork(root.id, 100, { kind: 'setGroup', group: 'payment', set: { members: 4 } }),
    ).toThrow(/group payment has other members/);
    expect(() => tl.fork(root.id, 100, { kind: 'setGroup', group: 'nope', set: {} })).toThrow(
      /no consumer group named "nope"/,
    );
    expect(() =>
      tl.fork(root.id, 100, {
        kind: 'setGroup',
        group: 'payment',
        set: { config: { 'max.poll.records': -1 } },
      }),
    ).toThrow(/not valid/);
  });

  it('compareRuns of a run with itself, and of two identical runs, finds no divergence', () => {
    const scenario = defaultScenario();
    const a = recorded(scenario, 1000).root;
    const b = recorded(scenario, 1000, 333).root;
    expect(compareRuns(a, a).firstDivergence).toBeNull();
    expect(compareRuns(a, b).firstDivergence).toBeNull();
    expect(compareRuns(a, b).metrics.duplicates.delta).toBe(0);
    const longer = recorded(scenario, 1100).root;
    expect(compareRuns(a, longer).firstDivergence).toBe(a.length);
  });
});
