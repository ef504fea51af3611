import fc from 'fast-check';
import type { Scenario } from '../scenario/types';

/** Random scenarios (every fault kind) with random log settings and fast retention checks. */
export function withRetention(arb: fc.Arbitrary<Scenario>): fc.Arbitrary<Scenario> {
  const topicLog = fc.record(
    {
      'retention.ms': fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 3000 })),
      'retention.bytes': fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 40_000 })),
      'segment.ms': fc.integer({ min: 1, max: 2000 }),
      'segment.bytes': fc.integer({ min: 14, max: 8000 }),
    },
    { requiredKeys: [] },
  );
  return fc
    .tuple(
      arb,
      fc.array(topicLog, { minLength: 4, maxLength: 4 }),
      fc.integer({ min: 1, max: 700 }),
      fc.integer({ min: 0, max: 2000 }),
      fc.array(fc.integer({ min: 14, max: 900 }), { minLength: 2, maxLength: 2 }),
    )
    .map(([s, logs, interval, delay, bytes]) => ({
      ...s,
      broker: { 'log.retention.check.interval.ms': interval, 'log.initial.task.delay.ms': delay },
      topics: s.topics.map((t, i) => ({ ...t, ...logs[i % logs.length] })),
      producers: s.producers.map((p, i) => ({ ...p, recordBytes: bytes[i % bytes.length] })),
    }));
}
