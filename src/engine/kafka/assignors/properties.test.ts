// Property tests over random join/leave sequences: each round feeds every member's previous
// assignment back as `owned` (with the previous generation), like a real group does.
// The balance/validity checks port Kafka's AbstractStickyAssignorTest#verifyValidityAndBalance.
//
// Replay a failure: fast-check prints `seed` and `path`; pass them back, e.g.
//   fc.assert(prop, { seed: 123, path: '0:1:2', endOnFailure: true })
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignPartitions, parseTopicPartition, stickyTarget } from './index';
import type { AssignorName, Assignment, MemberSubscription } from './types';

const topicNames = ['a', 'b-x', 'c'];
const scenario = (equalSubscriptions: boolean) =>
  fc.record({
    partitions: fc.tuple(fc.nat(9), fc.nat(9), fc.nat(9)),
    ops: fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant('join' as const),
          topics: equalSubscriptions
            ? fc.constant(topicNames)
            : fc.subarray(topicNames, { minLength: 1 }),
          instance: fc.boolean(),
        }),
        fc.record({ kind: fc.constant('leave' as const), index: fc.nat(20) }),
      ),
      { minLength: 1, maxLength: 12 },
    ),
  });

function allPartitions(ppt: Record<string, number>, topics: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of topics) for (let p = 0; p < (ppt[t] ?? 0); p++) out.add(`${t}-${p}`);
  return out;
}

/** Kafka's verifyValidityAndBalance, plus "every subscribed partition is assigned" if `complete`. */
function verifyValidityAndBalance(
  members: MemberSubscription[],
  ppt: Record<string, number>,
  a: Assignment,
  opts: { complete: boolean; balanced: boolean },
): void {
  expect(Object.keys(a).sort()).toEqual(members.map((m) => m.id).sort());
  const seen = new Map<string, string>();
  for (const m of members) {
    for (const p of a[m.id] ?? []) {
      const { topic, partition } = parseTopicPartition(p);
      expect(m.topics, `${m.id} got ${p} without subscribing`).toContain(topic);
      expect(partition).toBeLessThan(ppt[topic] ?? 0);
      expect(seen.has(p), `${p} assigned to ${seen.get(p)} and ${m.id}`).toBe(false);
      seen.set(p, m.id);
    }
  }
  if (opts.complete) {
    expect([...seen.keys()].sort()).toEqual(
      [
        ...allPartitions(
          ppt,
          members.flatMap((m) => m.topics),
        ),
      ].sort(),
    );
  }
  if (!opts.balanced) return;
  for (const m of members) {
    for (const o of members) {
      const mine = a[m.id] ?? [];
      const theirs = a[o.id] ?? [];
      if (mine.length <= theirs.length + 1) continue;
      // m has 2+ more than o: then o must not hold (so could not take) partitions of m's topics.
      const myTopics = new Set(mine.map((p) => parseTopicPartition(p).topic));
      const shared = theirs.filter((p) => myTopics.has(parseTopicPartition(p).topic));
      expect(shared, `${m.id} (${mine.length}) vs ${o.id} (${theirs.length}) share topics`).toEqual(
        [],
      );
    }
  }
}

function run(strategy: AssignorName, equal: boolean) {
  return fc.property(scenario(equal), ({ partitions, ops }) => {
    const ppt: Record<string, number> = {
      a: partitions[0],
      'b-x': partitions[1],
      c: partitions[2],
    };
    let members: MemberSubscription[] = [];
    let prev: Assignment = {};
    let nextId = 0;
    for (const [round, op] of ops.entries()) {
      if (op.kind === 'join') {
        const id = `m${nextId++}`;
        const m: MemberSubscription = { id, topics: op.topics };
        if (op.instance) m.groupInstanceId = `i${nextId}`;
        members.push(m);
      } else if (members.length > 0) {
        members = members.filter((_, i) => i !== op.index % members.length);
      }
      const input = members.map((m) => ({ ...m, owned: prev[m.id] ?? [], generation: round }));
      const a = assignPartitions(strategy, input, ppt);
      const sticky = strategy === 'sticky' || strategy === 'cooperative-sticky';

      if (strategy === 'cooperative-sticky') {
        // Valid, a subset of the sticky target, and whatever is missing is still owned by someone.
        verifyValidityAndBalance(input, ppt, a, { complete: false, balanced: false });
        const target = stickyTarget(input, ppt);
        const owned = new Set(input.flatMap((m) => m.owned));
        for (const m of input) {
          expect(target[m.id]).toEqual(expect.arrayContaining(a[m.id] ?? []));
          for (const p of target[m.id] ?? [])
            if (!(a[m.id] ?? []).includes(p)) expect(owned.has(p)).toBe(true);
        }
        verifyValidityAndBalance(input, ppt, target, { complete: true, balanced: true });
      } else {
        verifyValidityAndBalance(input, ppt, a, { complete: true, balanced: sticky });
      }

      if (equal && strategy !== 'range' && input.length > 0) {
        const sizes = input.map((m) => (a[m.id] ?? []).length);
        if (strategy !== 'cooperative-sticky')
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
      if (equal && strategy === 'sticky' && input.length > 0) {
        // Stickiness: a staying member keeps min(|owned|, minQuota) of what it owned.
        const total = allPartitions(ppt, topicNames).size;
        const minQuota = Math.floor(total / input.length);
        for (const m of input) {
          const kept = m.owned.filter((p) => (a[m.id] ?? []).includes(p)).length;
          expect(kept).toBeGreaterThanOrEqual(Math.min(m.owned.length, minQuota));
        }
      }
      // Determinism: topic-map key order never matters; member order never matters for range/rr.
      const reversedPpt = Object.fromEntries(Object.entries(ppt).reverse());
      expect(assignPartitions(strategy, input, reversedPpt)).toEqual(a);
      if (!sticky) expect(assignPartitions(strategy, [...input].reverse(), ppt)).toEqual(a);
      prev = a;
    }
  });
}

describe('assignor properties over join/leave sequences', () => {
  for (const strategy of ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const) {
    it(`${strategy}: equal subscriptions`, () => {
      fc.assert(run(strategy, true), { numRuns: 200 });
    });
    it(`${strategy}: random subscriptions`, () => {
      fc.assert(run(strategy, false), { numRuns: 200 });
    });
  }
});
