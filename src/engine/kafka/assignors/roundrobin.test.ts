// Ported from Kafka clients/src/test/java/org/apache/kafka/clients/consumer/RoundRobinAssignorTest.java
// (test names kept) plus the RoundRobinAssignor class javadoc examples.
import { describe, expect, it } from 'vitest';
import { assignPartitions } from './index';
import { member } from './testUtil';

const rr = (ms: Parameters<typeof assignPartitions>[1], ppt: Record<string, number>) =>
  assignPartitions('roundrobin', ms, ppt);
const [topic1, topic2] = ['topic1', 'topic2'];

describe('RoundRobinAssignor (Kafka RoundRobinAssignorTest)', () => {
  it('testOneConsumerNoTopic', () => {
    expect(rr([member('consumer', [])], {})).toEqual({ consumer: [] });
  });
  it('testOneConsumerNonexistentTopic', () => {
    expect(rr([member('consumer', ['topic'])], {})).toEqual({ consumer: [] });
  });
  it('testOneConsumerOneTopic', () => {
    expect(rr([member('consumer', ['topic'])], { topic: 3 })).toEqual({
      consumer: ['topic-0', 'topic-1', 'topic-2'],
    });
  });
  it('testOnlyAssignsPartitionsFromSubscribedTopics', () => {
    expect(rr([member('consumer', ['topic'])], { topic: 3, other: 3 })).toEqual({
      consumer: ['topic-0', 'topic-1', 'topic-2'],
    });
  });
  it('testOneConsumerMultipleTopics', () => {
    expect(rr([member('consumer', [topic1, topic2])], { topic1: 1, topic2: 2 })).toEqual({
      consumer: ['topic1-0', 'topic2-0', 'topic2-1'],
    });
  });
  it('testTwoConsumersOneTopicOnePartition', () => {
    expect(
      rr([member('consumer1', ['topic']), member('consumer2', ['topic'])], { topic: 1 }),
    ).toEqual({
      consumer1: ['topic-0'],
      consumer2: [],
    });
  });
  it('testTwoConsumersOneTopicTwoPartitions', () => {
    expect(
      rr([member('consumer1', ['topic']), member('consumer2', ['topic'])], { topic: 2 }),
    ).toEqual({
      consumer1: ['topic-0'],
      consumer2: ['topic-1'],
    });
  });
  it('testMultipleConsumersMixedTopics', () => {
    const ms = [
      member('consumer1', [topic1]),
      member('consumer2', [topic1, topic2]),
      member('consumer3', [topic1]),
    ];
    expect(rr(ms, { topic1: 3, topic2: 2 })).toEqual({
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-1'],
      consumer3: ['topic1-2'],
    });
  });
  it('testTwoDynamicConsumersTwoTopicsSixPartitions', () => {
    const ms = [member('consumer1', [topic1, topic2]), member('consumer2', [topic1, topic2])];
    expect(rr(ms, { topic1: 3, topic2: 3 })).toEqual({
      consumer1: ['topic1-0', 'topic1-2', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-2'],
    });
  });
  it('testTwoStaticConsumersTwoTopicsSixPartitions', () => {
    const ms = [
      member('consumer-b', [topic1, topic2], { instance: 'instance1' }),
      member('consumer-a', [topic1, topic2], { instance: 'instance2' }),
    ];
    expect(rr(ms, { topic1: 3, topic2: 3 })).toEqual({
      'consumer-b': ['topic1-0', 'topic1-2', 'topic2-1'],
      'consumer-a': ['topic1-1', 'topic2-0', 'topic2-2'],
    });
  });
  it('testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions', () => {
    const ms = [
      member('consumer-b', [topic1, topic2], { instance: 'instance1' }),
      member('consumer-a', [topic1, topic2]),
    ];
    expect(rr(ms, { topic1: 3, topic2: 3 })).toEqual({
      'consumer-b': ['topic1-0', 'topic1-2', 'topic2-1'],
      'consumer-a': ['topic1-1', 'topic2-0', 'topic2-2'],
    });
  });
  it('testStaticMemberRoundRobinAssignmentPersistent', () => {
    const statics = [1, 2, 3].map((i) =>
      member(`consumer${i}`, [topic1, topic2], { instance: `instance${i}` }),
    );
    const ppt = { topic1: 3, topic2: 3 };
    const expected = {
      consumer1: ['topic1-0', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-2'],
      consumer3: ['topic1-2'],
    };
    expect(rr([...statics, member('consumer4', [topic1, topic2])], ppt)).toEqual({
      ...expected,
      consumer4: ['topic2-0'],
    });
    expect(rr([...statics, member('consumer5', [topic1, topic2])], ppt)).toEqual({
      ...expected,
      consumer5: ['topic2-0'],
    });
  });
  it('testStaticMemberRoundRobinAssignmentPersistentAfterMemberIdChanges', () => {
    const ppt = { topic1: 5, topic2: 5 };
    const byInstance = (ids: string[]) => {
      const ms = ids.map((id, i) => member(id, [topic1, topic2], { instance: `instance${i + 1}` }));
      const a = rr(ms, ppt);
      return Object.fromEntries(ms.map((m) => [m.groupInstanceId, a[m.id]]));
    };
    const expected = {
      instance1: ['topic1-0', 'topic1-3', 'topic2-1', 'topic2-4'],
      instance2: ['topic1-1', 'topic1-4', 'topic2-2'],
      instance3: ['topic1-2', 'topic2-0', 'topic2-3'],
    };
    expect(byInstance(['consumer1', 'consumer2', 'consumer3'])).toEqual(expected);
    expect(byInstance(['consumer1', 'consumer5', 'consumer4'])).toEqual(expected);
  });
  it('class javadoc: unequal subscriptions C0 [t0p0], C1 [t1p0], C2 [t1p1, t2p0, t2p1, t2p2]', () => {
    const ms = [member('C0', ['t0']), member('C1', ['t0', 't1']), member('C2', ['t0', 't1', 't2'])];
    expect(rr(ms, { t0: 1, t1: 2, t2: 3 })).toEqual({
      C0: ['t0-0'],
      C1: ['t1-0'],
      C2: ['t1-1', 't2-0', 't2-1', 't2-2'],
    });
  });
});
