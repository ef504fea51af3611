import fc from 'fast-check';
import type { FaultSpec, Scenario } from '../scenario/types';

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
