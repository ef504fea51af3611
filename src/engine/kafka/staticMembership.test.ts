/**
 * Static membership (group.instance.id, KIP-345): a static member sends no LeaveGroup when it
 * closes or crashes; back within session.timeout.ms it gets its partitions again without a
 * rebalance; not back in time, the coordinator removes it and the group rebalances.
 * Sources: KIP-345 and the consumer docs for group.instance.id ("…to avoid unnecessary
 * rebalances caused by transient unavailability (e.g. process restarts)").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import type { FaultSpec, Scenario } from '../scenario/types';
import { fold, simulate } from '../simulate';
import { stateDigest } from './digest';
import type { SimEvent } from './events';
import { chaosScenarioArb } from '../test/chaosArbitraries';
import { withStaticMembers } from '../test/staticMembers';

function scenario(instance: string | undefined, faults: FaultSpec[], strategy = 'range'): Scenario {
  const r = parseScenario({
    version: 1,
    name: 'static membership',
    durationMs: 12_000,
    topics: [{ name: 'orders', partitions: 6 }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 200 },
        keys: { kind: 'uniform', count: 30 },
        eventType: 'OrderCreated',
      },
    ],
    groups: [
      {
        id: 'billing',
        topics: ['orders'],
        members: 3,
        config: {
          'session.timeout.ms': 4000,
          'heartbeat.interval.ms': 1000,
          'auto.commit.interval.ms': 1000,
          'partition.assignment.strategy': strategy,
          ...(instance !== undefined ? { 'group.instance.id': instance } : {}),
        },
      },
    ],
    faults,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

const crashRestart = (restartMs: number): FaultSpec[] => [
  { kind: 'crash', atMs: 3000, group: 'billing', member: 'billing-2' },
  { kind: 'restart', atMs: restartMs, group: 'billing', member: 'billing-2' },
];

const rebalancesAfter = (events: SimEvent[], ms: number) =>
  events.filter((e) => e.type === 'rebalanceStarted' && e.timeUs >= ms * 1000);

function lastAssignmentBefore(events: SimEvent[], member: string, ms: number): string[] {
  let out: string[] = [];
  for (const e of events)
    if (e.type === 'partitionsAssigned' && e.member === member && e.timeUs < ms * 1000)
      out = e.partitions;
  return out;
}

describe('static membership (group.instance.id)', () => {
  it('a static member restarted within session.timeout.ms gets its partitions back, no rebalance', () => {
    for (const strategy of ['range', 'cooperative-sticky']) {
      const r = simulate(scenario('billing-{member}', crashRestart(5000), strategy));
      expect(rebalancesAfter(r.events, 3000), strategy).toEqual([]);
      const back = r.events.find(
        (e) => e.type === 'partitionsAssigned' && e.member === 'billing-2' && e.timeUs >= 5e6,
      );
      expect(back?.type === 'partitionsAssigned' && back.staticRejoin).toBe('billing-billing-2');
      const before = lastAssignmentBefore(r.events, 'billing-2', 3000);
      expect(before.length).toBeGreaterThan(0);
      expect(back?.type === 'partitionsAssigned' && back.partitions).toEqual(before);
      // Its partitions wait while it is down: read again from the committed offsets after the
      // rejoin, nothing skipped.
      expect(r.events.some((e) => e.type === 'offsetsSkipped')).toBe(false);
      expect(r.summary.lost).toBe(0);
    }
  });

  it('a dynamic member restarted at the same time makes the group rebalance', () => {
    const r = simulate(scenario(undefined, crashRestart(5000)));
    const after = rebalancesAfter(r.events, 3000);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]!.timeUs).toBe(5e6);
    expect(
      r.events.some((e) => e.type === 'partitionsAssigned' && e.staticRejoin !== undefined),
    ).toBe(false);
  });

  it('not back within session.timeout.ms: the coordinator removes it and the group rebalances', () => {
    const r = simulate(scenario('billing-{member}', crashRestart(9000)));
    const expired = r.events.find((e) => e.type === 'memberExpired');
    expect(expired?.type === 'memberExpired' && expired.member).toBe('billing-2');
    expect(expired!.timeUs).toBeGreaterThan(3000e3 + 3000e3);
    expect(expired!.timeUs).toBeLessThanOrEqual(3000e3 + 4000e3);
    const after = rebalancesAfter(r.events, 3000);
    expect(after[0]!.timeUs).toBe(expired!.timeUs);
    // Back after its removal, it joins as a new member would: another rebalance, no hand-back.
    expect(after.some((e) => e.timeUs === 9e6)).toBe(true);
    expect(
      r.events.some((e) => e.type === 'partitionsAssigned' && e.staticRejoin !== undefined),
    ).toBe(false);
  });

  it('a static member closing sends no LeaveGroup: the group rebalances only at session.timeout.ms', () => {
    const leave: FaultSpec[] = [
      { kind: 'leave', atMs: 3000, group: 'billing', member: 'billing-2' },
    ];
    const st = simulate(scenario('billing-{member}', leave));
    const left = st.events.find((e) => e.type === 'memberLeft');
    expect(left?.type === 'memberLeft' && left.staticInstance).toBe('billing-billing-2');
    const after = rebalancesAfter(st.events, 3000);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]!.timeUs).toBeGreaterThan(6000e3);
    const dyn = simulate(scenario(undefined, leave));
    expect(rebalancesAfter(dyn.events, 3000)[0]!.timeUs).toBe(3000e3);
  });

  it('the parser asks for {member} when several members would share one group.instance.id', () => {
    const bad = parseScenario({
      ...scenario(undefined, []),
      groups: [{ id: 'g', topics: ['orders'], members: 2, config: { 'group.instance.id': 'x' } }],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors[0]!.path).toBe('$.groups[0].config["group.instance.id"]');
      expect(bad.errors[0]!.message).toMatch(/every member needs its own group\.instance\.id/);
    }
  });

  const staticArb = fc
    .record({
      members: fc.integer({ min: 1, max: 4 }),
      partitions: fc.integer({ min: 1, max: 8 }),
      strategy: fc.constantFrom('range', 'roundrobin', 'sticky', 'cooperative-sticky'),
      sessionMs: fc.integer({ min: 500, max: 5000 }),
      faults: fc.array(
        fc.record({
          kind: fc.constantFrom('crash', 'restart', 'leave', 'pause') as fc.Arbitrary<
            'crash' | 'restart' | 'leave' | 'pause'
          >,
          atMs: fc.integer({ min: 0, max: 9000 }),
          member: fc.nat(),
          durationMs: fc.integer({ min: 1, max: 3000 }),
        }),
        { maxLength: 8 },
      ),
    })
    .map(({ members, partitions, strategy, sessionMs, faults }): Scenario => {
      const base = scenario('billing-{member}', [], strategy);
      return {
        ...base,
        topics: [{ name: 'orders', partitions }],
        groups: [
          {
            ...base.groups[0]!,
            members,
            config: {
              ...base.groups[0]!.config,
              'session.timeout.ms': sessionMs,
              'heartbeat.interval.ms': Math.floor(sessionMs / 3),
            },
          },
        ],
        faults: faults
          .sort((a, b) => a.atMs - b.atMs)
          .map((f): FaultSpec => {
            const member = `billing-${(f.member % members) + 1}`;
            return f.kind === 'pause'
              ? { kind: 'pause', atMs: f.atMs, group: 'billing', member, durationMs: f.durationMs }
              : { kind: f.kind, atMs: f.atMs, group: 'billing', member };
          }),
      };
    });

  /** What every run with static members must show; returns the hand-backs seen. */
  function checkRun(raw: Scenario): number {
    const p = parseScenario(raw);
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    // evolve throws if two members of a group own a partition in one generation.
    const r = simulate(p.scenario);
    expect(stateDigest(fold(r.model, r.events))).toBe(stateDigest(r.state));
    let handBacks = 0;
    const last = new Map<string, { generation: number; partitions: string[] }>();
    const inGroup = new Map<string, boolean>();
    for (const e of r.events) {
      if (e.type === 'memberExpired') inGroup.set(`${e.group}\u0000${e.member}`, false);
      if (e.type === 'memberJoined') inGroup.set(`${e.group}\u0000${e.member}`, true);
      if (e.type === 'memberLeft')
        // A static member's close sends no LeaveGroup (it stays in the group until it expires).
        expect(e.staticInstance !== undefined).toBe(
          inGroup.get(`${e.group}\u0000${e.member}`) === true,
        );
      if (e.type !== 'partitionsAssigned') continue;
      const k = `${e.group}\u0000${e.member}`;
      if (e.staticRejoin !== undefined) {
        handBacks++;
        // Only a member the coordinator still holds gets a hand-back: of the current
        // generation, the partitions it had in it, nothing revoked.
        expect(inGroup.get(k)).toBe(true);
        const prev = last.get(k);
        expect(prev?.generation).toBe(e.generation);
        expect(e.partitions).toEqual(prev?.partitions);
        expect(e.revoked).toEqual([]);
      }
      last.set(k, { generation: e.generation, partitions: e.partitions });
    }
    return handBacks;
  }

  it('property: random crash / restart / close / pause schedules of static members (seed 0x57a7)', () => {
    let handBacks = 0;
    fc.assert(
      fc.property(staticArb, (raw) => {
        handBacks += checkRun(raw);
      }),
      { numRuns: 60, seed: 0x57a7 },
    );
    expect(handBacks).toBeGreaterThan(5);
  });

  it('property: chaos runs (broker, network, coordinator faults) with static members (seed 0x57a8)', () => {
    const arb = withStaticMembers(chaosScenarioArb());
    fc.assert(
      fc.property(arb, (raw) => {
        checkRun(raw);
      }),
      { numRuns: 25, seed: 0x57a8 },
    );
  });
});
