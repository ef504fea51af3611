import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateDigest } from './kafka/digest';
import type { SimEvent } from './kafka/events';
import { logHash } from './kernel/hash';
import { parseScenario } from './scenario/parse';
import { cloneState } from './kafka/clone';
import { evolve } from './world';
import { fold, simulate } from './simulate';
import type { SimState } from './kafka/state';
import { scenarioArb } from './test/arbitraries';
import orderFlow from '../scenarios/order-flow.json';

// Property runs print fast-check's seed and shrunk counterexample on failure; replay one with
// fc.assert(prop, { seed, path }). Regression seeds found so far are pinned in `examples`.
const RUNS = 60;

describe('determinism and State = fold(events)', () => {
  it('the default scenario is valid and runs', () => {
    const parsed = parseScenario(orderFlow);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const r = simulate(parsed.scenario, { untilMs: 3000 });
    expect(r.summary.appended).toBeGreaterThan(500);
    expect(r.summary.processed).toBeGreaterThan(r.summary.appended);
  });

  it('same scenario + seed → byte-identical log (same logHash); another seed → another log', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.integer({ min: 0, max: 2 ** 31 }), (scenario, seed) => {
        const a = simulate(scenario, { seed, untilMs: 1500 });
        const b = simulate(structuredClone(scenario), { seed, untilMs: 1500 });
        expect(b.summary.logHash).toBe(a.summary.logHash);
        expect(logHash(a.events)).toBe(a.summary.logHash);
        if (a.summary.produced > 20) {
          const c = simulate(scenario, { seed: seed + 1, untilMs: 1500 });
          expect(c.summary.logHash).not.toBe(a.summary.logHash);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('folding the log (also after a JSON round trip) reproduces the final state exactly', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const r = simulate(scenario, { untilMs: 1500 });
        const viaJson = JSON.parse(JSON.stringify(r.events)) as SimEvent[];
        expect(stateDigest(fold(r.model, viaJson))).toBe(stateDigest(r.state));
        expect(stateDigest(fold(r.model, r.events))).toBe(stateDigest(r.state));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('invariants after every event', () => {
  /** Cheap checks (plain ifs): they run after every one of hundreds of thousands of events. */
  function checkInvariants(s: SimState, prev: { leo: number[]; committed: number[][] }): void {
    const fail = (msg: string) => {
      throw new Error(`invariant broken at ${s.timeUs}µs: ${msg}`);
    };
    for (let gp = 0; gp < s.logs.length; gp++) {
      const leo = s.logs[gp]!.length;
      if (leo < (prev.leo[gp] ?? 0)) fail(`log-end offset of partition ${gp} went back`);
      prev.leo[gp] = leo;
    }
    s.groups.forEach((g, gi) => {
      const before = (prev.committed[gi] ??= []);
      for (let gp = 0; gp < g.committed.length; gp++) {
        const c = g.committed[gp]!;
        if (c > s.logs[gp]!.length)
          fail(`group ${gi} committed ${c} past the log end of partition ${gp}`);
        if (c < (before[gp] ?? -1))
          fail(
            `committed offset of group ${gi} partition ${gp} went back from ${before[gp]} to ${c}`,
          );
        before[gp] = c;
      }
      const seen = new Set<string>();
      for (const mi of s.model.groups[gi]!.members) {
        const m = s.members[mi]!;
        if (m.status === 'crashed' || m.status === 'stopped') continue;
        for (const gp of m.assigned) {
          const k = `${m.generation}/${gp}`;
          if (seen.has(k))
            fail(`partition ${gp} of group ${gi} owned twice in generation ${m.generation}`);
          seen.add(k);
        }
        for (const [gp, pos] of m.position)
          if (pos > s.logs[gp]!.length) fail(`position past log end`);
      }
    });
  }

  it('offsets never decrease, committed ≤ log-end offset, one owner per partition per generation', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const prev = { leo: [] as number[], committed: [] as number[][] };
        simulate(scenario, {
          untilMs: 1500,
          keepEvents: false,
          hash: false,
          onEvent: (_e, s) => checkInvariants(s, prev),
        });
      }),
      { numRuns: 30 },
    );
  });
});

describe('snapshots (cloneState) share logs and fold forward to the same state', () => {
  it('fold(0..k) → clone → fold(k..n) equals fold(0..n), and leaves the original untouched', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.double({ min: 0, max: 1, noNaN: true }), (scenario, frac) => {
        const r = simulate(scenario, { untilMs: 1500 });
        const k = Math.floor(frac * r.events.length);
        const base = fold(r.model, r.events, k);
        const before = stateDigest(base);
        const snap = cloneState(base);
        for (let i = k; i < r.events.length; i++) evolve(snap, r.events[i]!);
        expect(stateDigest(snap)).toBe(stateDigest(r.state));
        expect(stateDigest(base)).toBe(before);
        // The snapshot reused the log arrays instead of copying them.
        expect(snap.logs.every((l, gp) => l === base.logs[gp])).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('a clone that diverges (a different future) copies only what it changes', () => {
    const parsed = parseScenario(orderFlow);
    if (!parsed.ok) throw new Error('default scenario invalid');
    const r = simulate(parsed.scenario, { untilMs: 2000 });
    const k = Math.floor(r.events.length / 2);
    const shared = fold(r.model, r.events, k);
    const fork = cloneState(shared);
    const other = simulate({ ...parsed.scenario, seed: 7 }, { untilMs: 2000 });
    const rec = other.events.find(
      (e) => e.type === 'recordAppended' && e.topic === 'order-events' && e.partition === 0,
    )!;
    if (rec.type !== 'recordAppended') throw new Error('no record');
    evolve(fork, {
      ...rec,
      offset: fork.leo[0]!,
      timeUs: fork.timeUs,
      nextSendUs: null,
      eventId: 999_999,
    });
    for (let i = k; i < r.events.length; i++) evolve(shared, r.events[i]!);
    expect(stateDigest(shared)).toBe(stateDigest(r.state));
    expect(fork.logs[0]).not.toBe(shared.logs[0]);
    expect(fork.logs[0]![fork.leo[0]! - 1]!.eventId).toBe(999_999);
  });
});
