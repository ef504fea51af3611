import fc from 'fast-check';
import { expect } from 'vitest';
import { countSeen } from '../kafka/addPartitions';
import { stateDigest } from '../kafka/digest';
import { partitionForKey } from '../kafka/murmur2';
import type { FaultSpec, Scenario } from '../scenario/types';
import { fold, simulate } from '../simulate';

/**
 * Adds one or two addPartitions actions to a random scenario's topics (each raising the count
 * the topic has by then) and random metadata.max.age.ms on its producers and groups, so the
 * changed count is noticed within the run. Keeps the scenario's fault schedule.
 */
export function withAddPartitions(arb: fc.Arbitrary<Scenario>): fc.Arbitrary<Scenario> {
  return fc
    .tuple(
      arb,
      fc.array(
        fc.record({
          topic: fc.nat(),
          atMs: fc.integer({ min: 0, max: 2000 }),
          more: fc.integer({ min: 1, max: 5 }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
      fc.array(fc.integer({ min: 20, max: 1500 }), { minLength: 4, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([s, actions, ages, earliest]) => {
      const topics = s.topics.filter((t) => t.name !== 'dlq');
      const count = new Map(s.topics.map((t) => [t.name, t.partitions]));
      const added: FaultSpec[] = actions
        .slice()
        .sort((a, b) => a.atMs - b.atMs)
        .map((a) => {
          const t = topics[a.topic % topics.length]!;
          const partitions = count.get(t.name)! + a.more;
          count.set(t.name, partitions);
          return { kind: 'addPartitions', atMs: a.atMs, topic: t.name, partitions };
        });
      return {
        ...s,
        producers: s.producers.map((p, i) => ({
          ...p,
          config: { ...p.config, 'metadata.max.age.ms': ages[i % 2]! },
        })),
        groups: s.groups.map((g, i) => ({
          ...g,
          config: {
            ...g.config,
            'metadata.max.age.ms': ages[2 + (i % 2)]!,
            ...(earliest ? { 'auto.offset.reset': 'earliest' as const } : {}),
          },
        })),
        faults: [...s.faults, ...added],
      };
    });
}

/**
 * Runs a scenario that grows topics and checks, event by event: partitionsAdded raises the live
 * count and names exactly the keys whose murmur2 modulo changes; no record goes to a partition
 * that does not exist yet; a producer's keyed record (recordSent on the request path, else
 * recordAppended) goes where its last metadata refresh's count sends it; after a group's
 * notice, every rebalance gives each live partition to exactly one member; a member processes
 * a partition it holds in offset order; fold = run. Returns how many rebalances it checked.
 */
export function checkGrowthRun(s: Scenario): number {
  let checkedRebalances = 0;
  const r = simulate(s);
  const m = r.model;
  const live = new Map(m.topics.map((t) => [t.name, t.initialPartitions]));
  const noticed = new Map<string, number>();
  const lastOffset = new Map<string, number>();
  for (const e of r.events) {
    if (e.type === 'partitionsAdded') {
      expect(e.to).toBeGreaterThan(live.get(e.topic)!);
      expect(e.from).toBe(live.get(e.topic));
      live.set(e.topic, e.to);
      const ti = m.topicIndex.get(e.topic)!;
      // A key moves iff murmur2(key) % old ≠ % new.
      for (const p of m.producers.filter((p) => p.topic === ti && p.sendKey && !p.partition))
        for (const k of p.keyNames)
          if (e.moved.length < e.movedCount) break;
          else
            expect(e.moved.includes(k)).toBe(
              partitionForKey(k, e.from) !== partitionForKey(k, e.to),
            );
    }
    if (e.type === 'recordAppended' || e.type === 'recordSent') {
      // Never to a partition the topic does not have yet.
      expect(e.partition).toBeLessThan(live.get(e.topic)!);
      const pi = m.producerIndex.get(e.producer);
      const pm = pi === undefined ? undefined : m.producers[pi];
      // On the request path the partition is chosen when the record is sent (recordSent).
      const chosenNow = pm && (e.type === 'recordSent' || !pm.requestPath);
      if (pm && chosenNow && e.key !== null && pm.partition === null) {
        // The producer partitions by the count its last metadata refresh saw.
        const ti = m.topicIndex.get(e.topic)!;
        const n = countSeen(
          m.partitionSteps,
          ti,
          m.topics[ti]!.initialPartitions,
          pm.startUs,
          pm.metadataMaxAgeUs,
          e.timeUs,
        );
        expect(e.partition).toBe(partitionForKey(e.key, n));
      }
    }
    if (e.type === 'groupMetadataChanged') noticed.set(e.group, e.timeUs);
    if (e.type === 'rebalanceCompleted' && noticed.has(e.group)) {
      // Every live partition of the group's topics goes to exactly one member (cooperative:
      // or waits, in pendingRevocation, for its owner to give it up).
      const given = [...Object.values(e.assignment).flat(), ...e.pendingRevocation].sort();
      if (Object.keys(e.assignment).length === 0) continue;
      const gm = m.groups[m.groupIndex.get(e.group)!]!;
      const all = gm.topics
        .flatMap((ti) => {
          const t = m.topics[ti]!;
          return Array.from({ length: live.get(t.name)! }, (_, p) => `${t.name}-${p}`);
        })
        .sort();
      expect(given).toEqual(all);
      checkedRebalances++;
    }
    if (e.type === 'partitionsAssigned')
      for (const k of [...lastOffset.keys()])
        if (k.startsWith(`${e.group}\u0000${e.member}\u0000`)) lastOffset.delete(k);
    if (e.type === 'recordProcessed' && !e.redelivered) {
      // Per-partition order: while a member holds a partition (a zombie too), it processes
      // the partition's records in offset order.
      const k = `${e.group}\u0000${e.member}\u0000${e.topic}-${e.partition}`;
      expect(e.offset).toBeGreaterThan(lastOffset.get(k) ?? -1);
      lastOffset.set(k, e.offset);
    }
  }
  // State = fold(events).
  expect(stateDigest(fold(r.model, r.events))).toBe(stateDigest(r.state));
  return checkedRebalances;
}
