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
    expect(errors(base({ 'cleanup.policy': 'compacted' }))).toEqual([
      '$.topics[0]["cleanup.policy"]: must be one of "delete", "compact", "compact,delete", "delete,compact", got "compacted"',
    ]);
    expect(errors(base({ 'delete.retention.ms': -1 }))).toEqual([
      '$.topics[0]["delete.retention.ms"]: must be ≥ 0, got -1',
    ]);
    expect(errors(base({ 'min.compaction.lag.ms': 0.5 }))).toEqual([
      '$.topics[0]["min.compaction.lag.ms"]: must be an integer, got 0.5',
    ]);
    expect(errors(base({ 'min.cleanable.dirty.ratio': 1.5 }))).toEqual([
      '$.topics[0]["min.cleanable.dirty.ratio"]: must be ≤ 1, got 1.5',
    ]);
    expect(errors(base({}, { 'log.cleaner.backoff.ms': 0 }))).toEqual([
      '$.broker["log.cleaner.backoff.ms"]: must be ≥ 1, got 0',
    ]);
    expect(errors(base({}, { 'log.retention.check.interval.ms': 0 }))).toEqual([
      '$.broker["log.retention.check.interval.ms"]: must be ≥ 1, got 0',
    ]);
    expect(errors(base({}, { 'log.retention.check.ms': 5 }))[0]).toMatch(
      /^\$\.broker\["log\.retention\.check\.ms"\]: unknown field/,
    );
    expect(errors(base({}, []))[0]).toMatch(/^\$\.broker: must be an object/);
  });

  it('accepts every cleanup.policy Kafka accepts, and the compaction settings', () => {
    for (const policy of ['delete', 'compact', 'compact,delete', 'delete,compact']) {
      const r = parseScenario(
        base(
          {
            'cleanup.policy': policy,
            'delete.retention.ms': 0,
            'min.compaction.lag.ms': 10,
            'min.cleanable.dirty.ratio': 0,
          },
          { 'log.cleaner.backoff.ms': 1 },
        ),
      );
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(r.scenario.topics[0]).toMatchObject({
        'cleanup.policy': policy,
        'delete.retention.ms': 0,
        'min.compaction.lag.ms': 10,
        'min.cleanable.dirty.ratio': 0,
      });
      expect(r.scenario.broker).toEqual({ 'log.cleaner.backoff.ms': 1 });
    }
  });

  it('refuses keyless records and transactions on a compacted topic, naming the field', () => {
    const doc = (producer: Record<string, unknown>, group?: Record<string, unknown>) => ({
      version: 2,
      name: 'compacted',
      topics: [
        { name: 'in', partitions: 1 },
        { name: 'table', partitions: 1, 'cleanup.policy': 'compact' },
      ],
      producers: [
        {
          id: 'p',
          topic: 'table',
          rate: { kind: 'constant', perSec: 1 },
          eventType: 'E',
          ...producer,
        },
      ],
      groups: group ? [group] : [],
    });
    expect(errors(doc({ keys: { kind: 'null' } }))).toEqual([
      '$.producers[0].keys: topic "table" is compacted (cleanup.policy=compact): Kafka refuses records without a key there (INVALID_RECORD)',
    ]);
    expect(
      errors(
        doc({
          topic: 'in',
          keys: { kind: 'fixed', keys: ['a'] },
          sendKey: false,
          tombstoneShare: 0.5,
        }),
      ),
    ).toEqual([
      '$.producers[0].tombstoneShare: a tombstone deletes its key: the producer must send keys (keys not null, sendKey not false)',
    ]);
    expect(errors(doc({ keys: { kind: 'fixed', keys: ['a'] }, tombstoneShare: 1.2 }))).toEqual([
      '$.producers[0].tombstoneShare: must be ≤ 1, got 1.2',
    ]);
    const service = {
      id: 's',
      topics: ['in'],
      members: 1,
      config: { 'transactional.id': 'tx' },
      handlers: [{ on: 'E', emit: [{ type: 'F', topic: 'table', key: 'none' }] }],
    };
    expect(errors(doc({ topic: 'in', keys: { kind: 'fixed', keys: ['a'] } }, service))).toEqual([
      '$.groups[0].handlers[0].emit[0].key: topic "table" is compacted (cleanup.policy=compact): Kafka refuses records without a key there (INVALID_RECORD)',
      '$.groups[0].handlers[0].emit[0].topic: a transactional service cannot write to the compacted topic "table" (cleanup.policy=compact): transactions on compacted topics are not simulated',
    ]);
  });
});
