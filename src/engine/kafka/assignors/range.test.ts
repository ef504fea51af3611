// Ported from Kafka clients/src/test/java/org/apache/kafka/clients/consumer/RangeAssignorTest.java
// (test names kept). Kafka compares per-member partition SETS for range; we return sorted lists.
import { describe, expect, it } from 'vitest';
import { assignPartitions } from './index';
import { member } from './testUtil';

const range = (ms: Parameters<typeof assignPartitions>[1], ppt: Record<string, number>) =>
  assignPartitions('range', ms, ppt);
const [topic1, topic2] = ['topic1', 'topic2'];

describe('RangeAssignor (Kafka RangeAssignorTest)', () => {
  it('testOneConsumerNoTopic', () => {
    expect(range([member('consumer1', [])], {})).toEqual({ consumer1: [] });
  });
  it('testOneConsumerNonexistentTopic', () => {
    expect(range([member('consumer1', [topic1])], {})).toEqual({ consumer1: [] });
  });
  it('testOneConsumerOneTopic', () => {
    expect(range([member('consumer1', [topic1])], { topic1: 3 })).toEqual({
      consumer1: ['topic1-0', 'topic1-1', 'topic1-2'],
    });
  });
  it('testOnlyAssignsPartitionsFromSubscribedTopics', () => {
    expect(range([member('consumer1', [topic1])], { topic1: 3, other: 3 })).toEqual({
      consumer1: ['topic1-0', 'topic1-1', 'topic1-2'],
    });
  });
  it('testOneConsumerMultipleTopics', () => {
    expect(range([member('consumer1', [topic1, topic2])], { topic1: 1, topic2: 2 })).toEqual({
      consumer1: ['topic1-0', 'topic2-0', 'topic2-1'],
    });
  });
  it('testTwoConsumersOneTopicOnePartition', () => {
    expect(
      range([member('consumer1', [topic1]), member('consumer2', [topic1])], { topic1: 1 }),
    ).toEqual({
      consumer1: ['topic1-0'],
      consumer2: [],
    });
  });
  it('testTwoConsumersOneTopicTwoPartitions', () => {
    expect(
      range([member('consumer1', [topic1]), member('consumer2', [topic1])], { topic1: 2 }),
    ).toEqual({
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1'],
    });
  });
  it('testMultipleConsumersMixedTopics', () => {
    const ms = [
      member('consumer1', [topic1]),
      member('consumer2', [topic1, topic2]),
      member('consumer3', [topic1]),
    ];
    expect(range(ms, { topic1: 3, topic2: 2 })).toEqual({
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-1'],
      consumer3: ['topic1-2'],
    });
  });
  it('testTwoConsumersTwoTopicsSixPartitions', () => {
    const ms = [member('consumer1', [topic1, topic2]), member('consumer2', [topic1, topic2])];
    expect(range(ms, { topic1: 3, topic2: 3 })).toEqual({
      consumer1: ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
      consumer2: ['topic1-2', 'topic2-2'],
    });
  });
  it('testTwoStaticConsumersTwoTopicsSixPartitions (ordered by instance id, not member id)', () => {
    const ms = [
      member('consumer-b', [topic1, topic2], { instance: 'instance1' }),
      member('consumer-a', [topic1, topic2], { instance: 'instance2' }),
    ];
    expect(range(ms, { topic1: 3, topic2: 3 })).toEqual({
      'consumer-b': ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
      'consumer-a': ['topic1-2', 'topic2-2'],
    });
  });
  it('testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions (static first)', () => {
    const ms = [
      member('consumer-b', [topic1, topic2], { instance: 'instance1' }),
      member('consumer-a', [topic1, topic2]),
    ];
    expect(range(ms, { topic1: 3, topic2: 3 })).toEqual({
      'consumer-b': ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
      'consumer-a': ['topic1-2', 'topic2-2'],
    });
  });
  it('testStaticMemberRangeAssignmentPersistent', () => {
    const statics = [1, 2, 3].map((i) =>
      member(`consumer${i}`, [topic1, topic2], { instance: `instance${i}` }),
    );
    const ppt = { topic1: 5, topic2: 4 };
    const expected = {
      consumer1: ['topic1-0', 'topic1-1', 'topic2-0'],
      consumer2: ['topic1-2', 'topic2-1'],
      consumer3: ['topic1-3', 'topic2-2'],
    };
    expect(range([...statics, member('consumer4', [topic1, topic2])], ppt)).toEqual({
      ...expected,
      consumer4: ['topic1-4', 'topic2-3'],
    });
    // Replace dynamic member 4 with a new dynamic member 5.
    expect(range([...statics, member('consumer5', [topic1, topic2])], ppt)).toEqual({
      ...expected,
      consumer5: ['topic1-4', 'topic2-3'],
    });
  });
  it('testStaticMemberRangeAssignmentPersistentAfterMemberIdChanges', () => {
    const ppt = { topic1: 5, topic2: 5 };
    const byInstance = (ids: string[]) => {
      const ms = ids.map((id, i) => member(id, [topic1, topic2], { instance: `instance${i + 1}` }));
      const a = range(ms, ppt);
      return Object.fromEntries(ms.map((m) => [m.groupInstanceId, a[m.id]]));
    };
    const expected = {
      instance1: ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
      instance2: ['topic1-2', 'topic1-3', 'topic2-2', 'topic2-3'],
      instance3: ['topic1-4', 'topic2-4'],
    };
    expect(byInstance(['consumer1', 'consumer2', 'consumer3'])).toEqual(expected);
    // consumer2 -> consumer5, consumer3 -> consumer4 keep their instance ids.
    expect(byInstance(['consumer1', 'consumer5', 'consumer4'])).toEqual(expected);
  });
  it('class javadoc example: C0 [t0p0, t0p1, t1p0, t1p1], C1 [t0p2, t1p2]', () => {
    expect(
      range([member('C0', ['t0', 't1']), member('C1', ['t0', 't1'])], { t0: 3, t1: 3 }),
    ).toEqual({
      C0: ['t0-0', 't0-1', 't1-0', 't1-1'],
      C1: ['t0-2', 't1-2'],
    });
  });
});
