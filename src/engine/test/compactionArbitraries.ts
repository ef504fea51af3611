import fc from 'fast-check';
import type { CleanupPolicy, Scenario, TopicSpec } from '../scenario/types';

/**
 * Random scenarios (every fault kind) whose producer-fed topics (t0, t1) are compacted with
 * random cleaner settings, a fast cleaner, and producers that send keys and some tombstones.
 * Only those topics are compacted: services write to `out` and `dlq` (keyless records there
 * would be refused on a compacted topic, as Kafka refuses them).
 */
export function withCompaction(arb: fc.Arbitrary<Scenario>): fc.Arbitrary<Scenario> {
  const topicLog = fc.record(
    {
      'cleanup.policy': fc.constantFrom<CleanupPolicy>(
        'compact',
        'compact,delete',
        'delete,compact',
      ),
      'segment.ms': fc.integer({ min: 1, max: 800 }),
      'segment.bytes': fc.integer({ min: 14, max: 6000 }),
      'delete.retention.ms': fc.integer({ min: 0, max: 1500 }),
      'min.compaction.lag.ms': fc.integer({ min: 0, max: 800 }),
      'min.cleanable.dirty.ratio': fc.double({ min: 0, max: 0.9, noNaN: true }),
      'retention.ms': fc.integer({ min: 200, max: 3000 }),
    },
    { requiredKeys: ['cleanup.policy', 'segment.ms', 'delete.retention.ms'] },
  );
  return fc
    .tuple(
      arb,
      fc.array(topicLog, { minLength: 2, maxLength: 2 }),
      fc.integer({ min: 1, max: 400 }),
      fc.array(fc.constantFrom(0.3, 0.1, 0.6, 0), { minLength: 2, maxLength: 2 }),
    )
    .map(([s, logs, backoff, shares]) => ({
      ...s,
      broker: {
        'log.cleaner.backoff.ms': backoff,
        'log.retention.check.interval.ms': 300,
        'log.initial.task.delay.ms': 0,
      },
      topics: s.topics.map((t, i): TopicSpec => {
        if (!/^t\d+$/.test(t.name)) return t;
        const log = { ...logs[i % logs.length]! };
        // retention.ms only where the policy deletes too.
        if (log['cleanup.policy'] === 'compact') delete log['retention.ms'];
        return { ...t, ...log };
      }),
      producers: s.producers.map((p, i) => ({
        ...p,
        keys: p.keys.kind === 'null' ? { kind: 'uniform' as const, count: 3 } : p.keys,
        tombstoneShare: shares[i % shares.length]!,
      })),
    }));
}
