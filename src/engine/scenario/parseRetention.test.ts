import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';

const base = (topic: Record<string, unknown>, broker?: unknown) => ({
  version: 2,
  name: 'log settings',
  topics: [{ name: 'orders', partitions: 1, ...topic }],
  ...(broker === undefined ? {} : { broker }),
});

const errors = (doc: unknown) => {
  const r = parseScenario(doc);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('topic log settings and the broker section', () => {
  it("accepts Kafka's values, -1 for unlimited, and keeps them", () => {
    const r = parseScenario(
      base(
        {
          'retention.ms': -1,
          'retention.bytes': 0,
          'segment.ms': 1,
          'segment.bytes': 14,
          'cleanup.policy': 'delete',
        },
        { 'log.retention.check.interval.ms': 1, 'log.initial.task.delay.ms': 0 },
      ),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario.topics[0]).toMatchObject({
      'retention.ms': -1,
      'retention.bytes': 0,
      'segment.ms': 1,
      'segment.bytes': 14,
      'cleanup.policy': 'delete',
    });
    expect(r.scenario.broker).toEqual({
      'log.retention.check.interval.ms': 1,
      'log.initial.task.delay.ms': 0,
    });
  });

  it('names the path of every value out of bounds', () => {
    expect(errors(base({ 'retention.ms': -2 }))).toEqual([
      '$.topics[0]["retention.ms"]: must be ≥ -1, got -2',
    ]);
    expect(errors(base({ 'segment.ms': 0 }))).toEqual([
      '$.topics[0]["segment.ms"]: must be ≥ 1, got 0',
    ]);
    expect(errors(base({ 'segment.bytes': 13 }))).toEqual([
      '$.topics[0]["segment.bytes"]: must be ≥ 14, got 13',
    ]);
    expect(errors(base({ 'segment.bytes': 2147483648 }))).toEqual([
      '$.topics[0]["segment.bytes"]: must be ≤ 2147483647, got 2147483648',
    ]);
    expect(errors(base({ 'retention.bytes': 1.5 }))).toEqual([
      '$.topics[0]["retention.bytes"]: must be an integer, got 1.5',
    ]);
    expect(errors(base({ 'cleanup.policy': 'compact' }))).toEqual([
      '$.topics[0]["cleanup.policy"]: must be one of "delete", got "compact"',
    ]);
    expect(errors(base({}, { 'log.retention.check.interval.ms': 0 }))).toEqual([
      '$.broker["log.retention.check.interval.ms"]: must be ≥ 1, got 0',
    ]);
    expect(errors(base({}, { 'log.retention.check.ms': 5 }))[0]).toMatch(
      /^\$\.broker\["log\.retention\.check\.ms"\]: unknown field/,
    );
    expect(errors(base({}, []))[0]).toMatch(/^\$\.broker: must be an object/);
  });
});
