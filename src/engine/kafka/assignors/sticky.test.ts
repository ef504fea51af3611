// Sticky / cooperative-sticky cases with exact expected assignments, ported from Kafka:
//   clients/src/test/java/org/apache/kafka/clients/consumer/internals/AbstractStickyAssignorTest.java
//   clients/src/test/java/org/apache/kafka/clients/consumer/StickyAssignorTest.java
// Kafka's `subscription(topics, i)` = no owned partitions; `buildSubscriptionV2Above(topics, owned,
// generation, i)` = member({ owned, generation }). Only the non-rack configuration is ported
// (EventFlow has no racks; RackConfig.NO_BROKER_RACK / nullRacks runs take the same code path).
import { describe, expect, it } from 'vitest';
import { assignPartitions, partitionsToRevoke, stickyAssign, stickyTarget } from './index';
import { list, member } from './testUtil';

const DEFAULT_GENERATION = -1;
const generationId = 1;
const [topic, topic1, topic2, topic3] = ['topic', 'topic1', 'topic2', 'topic3'];
const sticky = (ms: Parameters<typeof assignPartitions>[1], ppt: Record<string, number>) =>
  assignPartitions('sticky', ms, ppt);
const transferring = (ms: Parameters<typeof assignPartitions>[1], ppt: Record<string, number>) =>
  Object.fromEntries(stickyAssign(ms, ppt).transferring);

describe('sticky (Kafka AbstractStickyAssignorTest)', () => {
  it('testOneConsumerNoTopic / testOneConsumerNonexistentTopic', () => {
    expect(sticky([member('consumer', [])], {})).toEqual({ consumer: [] });
    expect(sticky([member('consumer', [topic])], { topic: 0 })).toEqual({ consumer: [] });
  });
  it('testOneConsumerOneTopic', () => {
    expect(sticky([member('consumer', [topic])], { topic: 3 })).toEqual({
      consumer: ['topic-0', 'topic-1', 'topic-2'],
    });
  });
  it('testOnlyAssignsPartitionsFromSubscribedTopics (owned partitions of other topics ignored)', () => {
    const ms = [
      member('consumer', [topic], {
        owned: ['topic-0', 'topic-1', 'other-0', 'other-1'],
        generation: generationId,
      }),
    ];
    expect(sticky(ms, { topic: 2 })).toEqual({ consumer: ['topic-0', 'topic-1'] });
    expect(transferring(ms, { topic: 2 })).toEqual({});
  });
  it('testOneConsumerMultipleTopics', () => {
    expect(sticky([member('consumer', [topic1, topic2])], { topic1: 1, topic2: 2 })).toEqual({
      consumer: ['topic1-0', 'topic2-0', 'topic2-1'],
    });
  });
  it('testTwoConsumersOneTopicTwoPartitions', () => {
    expect(
      sticky([member('consumer1', [topic]), member('consumer2', [topic])], { topic: 2 }),
    ).toEqual({
      consumer1: ['topic-0'],
      consumer2: ['topic-1'],
    });
  });
  it('testMultipleConsumersMixedTopicSubscriptions (general path)', () => {
    const ms = [
      member('consumer1', [topic1]),
      member('consumer2', [topic1, topic2]),
      member('consumer3', [topic1]),
    ];
    expect(sticky(ms, { topic1: 3, topic2: 2 })).toEqual({
      consumer1: ['topic1-0', 'topic1-2'],
      consumer2: ['topic2-0', 'topic2-1'],
      consumer3: ['topic1-1'],
    });
  });
  it('testTwoConsumersTwoTopicsSixPartitions', () => {
    const ms = [member('consumer1', [topic1, topic2]), member('consumer2', [topic1, topic2])];
    expect(sticky(ms, { topic1: 3, topic2: 3 })).toEqual({
      consumer1: ['topic1-0', 'topic1-2', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-2'],
    });
  });
  it('testConsumerOwningMinQuotaExpectedMaxQuota', () => {
    const t = [topic1, topic2];
    const ms = [
      member('consumer1', t, { owned: ['topic1-0', 'topic2-1'], generation: generationId }),
      member('consumer2', t, { owned: ['topic1-1', 'topic2-2'], generation: generationId }),
    ];
    const ppt = { topic1: 2, topic2: 3 };
    expect(sticky(ms, ppt)).toEqual({
      consumer1: ['topic1-0', 'topic2-0', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-2'],
    });
    expect(transferring(ms, ppt)).toEqual({});
  });
  it('testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers (HashMap order decides who keeps 2)', () => {
    const t = [topic1, topic2];
    const ms = [
      member('consumer1', t, { owned: ['topic1-0', 'topic2-0'], generation: generationId }),
      member('consumer2', t, { owned: ['topic1-1', 'topic2-1'], generation: generationId }),
      member('consumer3', t, { owned: [], generation: generationId }),
    ];
    const ppt = { topic1: 2, topic2: 2 };
    expect(transferring(ms, ppt)).toEqual({ 'topic2-0': 'consumer3' });
    expect(sticky(ms, ppt)).toEqual({
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1', 'topic2-1'],
      consumer3: ['topic2-0'],
    });
    // CooperativeStickyAssignor withholds topic2-0 until consumer1 has revoked it.
    expect(assignPartitions('cooperative-sticky', ms, ppt)).toEqual({
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1', 'topic2-1'],
      consumer3: [],
    });
    expect(partitionsToRevoke(['topic1-0', 'topic2-0'], ['topic1-0'])).toEqual(['topic2-0']);
  });
  it('testAllConsumersAreUnderMinQuota', () => {
    const t = [topic1, topic2];
    const ms = [
      member('consumer1', t, { owned: ['topic1-0'], generation: generationId }),
      member('consumer2', t, { owned: ['topic1-1'], generation: generationId }),
      member('consumer3', t, { owned: [], generation: generationId }),
    ];
    expect(sticky(ms, { topic1: 2, topic2: 3 })).toEqual({
      consumer1: ['topic1-0', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-2'],
      consumer3: ['topic2-0'],
    });
  });
  it('testAddRemoveConsumerOneTopic', () => {
    const ppt = { topic: 3 };
    let a = sticky([member('consumer1', [topic])], ppt);
    expect(a).toEqual({ consumer1: ['topic-0', 'topic-1', 'topic-2'] });
    const ms = [
      member('consumer1', [topic], { owned: a.consumer1 ?? [], generation: generationId }),
      member('consumer2', [topic], { owned: [], generation: generationId }),
    ];
    expect(transferring(ms, ppt)).toEqual({ 'topic-2': 'consumer2' });
    a = sticky(ms, ppt);
    expect(a).toEqual({ consumer1: ['topic-0', 'topic-1'], consumer2: ['topic-2'] });
    a = sticky(
      [member('consumer2', [topic], { owned: a.consumer2 ?? [], generation: generationId })],
      ppt,
    );
    expect(a).toEqual({ consumer2: ['topic-0', 'topic-1', 'topic-2'] });
  });
  it('testAddRemoveTwoConsumersTwoTopics', () => {
    const all = [topic1, topic2];
    const ppt = { topic1: 3, topic2: 4 };
    let a = sticky([member('consumer1', all), member('consumer2', all)], ppt);
    expect(a).toEqual({
      consumer1: ['topic1-0', 'topic1-2', 'topic2-1', 'topic2-3'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-2'],
    });
    const ms = [
      member('consumer1', all, { owned: a.consumer1 ?? [], generation: generationId }),
      member('consumer2', all, { owned: a.consumer2 ?? [], generation: generationId }),
      member('consumer3', all, { owned: [], generation: generationId }),
      member('consumer4', all, { owned: [], generation: generationId }),
    ];
    expect(transferring(ms, ppt)).toEqual({
      'topic1-2': 'consumer3',
      'topic2-3': 'consumer3',
      'topic2-2': 'consumer4',
    });
    a = sticky(ms, ppt);
    expect(a).toEqual({
      consumer1: ['topic1-0', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-0'],
      consumer3: ['topic1-2', 'topic2-3'],
      consumer4: ['topic2-2'],
    });
    a = sticky(
      [
        member('consumer3', all, { owned: a.consumer3 ?? [], generation: generationId }),
        member('consumer4', all, { owned: a.consumer4 ?? [], generation: generationId }),
      ],
      ppt,
    );
    expect(a).toEqual({
      consumer3: ['topic1-0', 'topic1-2', 'topic2-1', 'topic2-3'],
      consumer4: ['topic1-1', 'topic2-0', 'topic2-2'],
    });
  });
  it('testAllConsumersReachExpectedQuotaAndAreConsideredFilled', () => {
    const ms = [
      member('consumer1', [topic], { owned: ['topic-0', 'topic-1'], generation: generationId }),
      member('consumer2', [topic], { owned: ['topic-2'], generation: generationId }),
      member('consumer3', [topic], { owned: [], generation: generationId }),
    ];
    expect(sticky(ms, { topic: 4 })).toEqual({
      consumer1: ['topic-0', 'topic-1'],
      consumer2: ['topic-2'],
      consumer3: ['topic-3'],
    });
    expect(transferring(ms, { topic: 4 })).toEqual({});
  });
  it.each([
    ['testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration', 9],
    ['testOwnedPartitionsAreInvalidatedForConsumerWithNoGeneration', DEFAULT_GENERATION],
  ])('%s', (_name, staleGeneration) => {
    const owned = ['topic-0', 'topic-2', 'topic2-1'];
    const ms = [
      member('consumer1', [topic, topic2], { owned, generation: 10 }),
      member('consumer2', [topic, topic2], { owned, generation: staleGeneration }),
    ];
    expect(sticky(ms, { topic: 3, topic2: 3 })).toEqual({
      consumer1: ['topic-0', 'topic-2', 'topic2-1'],
      consumer2: ['topic-1', 'topic2-0', 'topic2-2'],
    });
  });
  it('testPartitionsTransferringOwnershipIncludeThePartitionClaimedByMultipleConsumersInSameGeneration', () => {
    const ms = [
      member('consumer1', [topic], { owned: ['topic-0', 'topic-1'], generation: generationId }),
      member('consumer2', [topic], { owned: ['topic-0', 'topic-2'], generation: generationId }),
      member('consumer3', [topic], { owned: [], generation: generationId }),
    ];
    expect(transferring(ms, { topic: 3 })).toEqual({ 'topic-0': 'consumer3' });
    expect(sticky(ms, { topic: 3 })).toEqual({
      consumer1: ['topic-1'],
      consumer2: ['topic-2'],
      consumer3: ['topic-0'],
    });
  });
  it('testEnsurePartitionsAssignedToHighestGeneration', () => {
    const t = [topic, topic2, topic3];
    const ms = [
      member('consumer1', t, { owned: ['topic-0', 'topic2-0', 'topic3-0'], generation: 10 }),
      member('consumer2', t, { owned: ['topic-1', 'topic2-1', 'topic3-1'], generation: 9 }),
      member('consumer3', t, { owned: ['topic2-1', 'topic3-0', 'topic3-2'], generation: 8 }),
    ];
    expect(sticky(ms, { topic: 3, topic2: 3, topic3: 3 })).toEqual({
      consumer1: ['topic-0', 'topic2-0', 'topic3-0'],
      consumer2: ['topic-1', 'topic2-1', 'topic3-1'],
      consumer3: ['topic-2', 'topic2-2', 'topic3-2'],
    });
  });
  it('testNoReassignmentOnCurrentMembers', () => {
    const t = [topic, topic2, topic3, topic1];
    const ms = [
      member('consumer1', t, { owned: [], generation: DEFAULT_GENERATION }),
      member('consumer2', t, { owned: ['topic-0', 'topic2-0', 'topic1-0'], generation: 9 }),
      member('consumer3', t, { owned: ['topic3-2', 'topic2-2', 'topic1-1'], generation: 8 }),
      member('consumer4', t, { owned: ['topic3-1', 'topic-1', 'topic-2'], generation: 7 }),
    ];
    const a = sticky(ms, { topic: 3, topic1: 3, topic2: 3, topic3: 3 });
    expect(a.consumer1).toEqual(['topic1-2', 'topic2-1', 'topic3-0']);
    expect(transferring(ms, { topic: 3, topic1: 3, topic2: 3, topic3: 3 })).toEqual({});
  });
  it('testOwnedPartitionsAreInvalidatedForConsumerWithMultipleGeneration', () => {
    const t = [topic, topic2];
    const ms = [
      member('consumer1', t, { owned: ['topic-0', 'topic2-1', 'topic-1'], generation: 10 }),
      member('consumer2', t, { owned: ['topic-0', 'topic2-1', 'topic2-2'], generation: 8 }),
    ];
    expect(sticky(ms, { topic: 3, topic2: 3 })).toEqual({
      consumer1: ['topic-0', 'topic-1', 'topic2-1'],
      consumer2: ['topic-2', 'topic2-0', 'topic2-2'],
    });
  });
  it('testRackAwareAssignmentWithUniformSubscription: nonRackAwareAssignment', () => {
    const all = ['t1', 't2', 't3'];
    const ppt = { t1: 6, t2: 7, t3: 2 };
    const expected = {
      consumer0: list('t1-0, t1-3, t2-0, t2-3, t2-6'),
      consumer1: list('t1-1, t1-4, t2-1, t2-4, t3-0'),
      consumer2: list('t1-2, t1-5, t2-2, t2-5, t3-1'),
    };
    const ids = ['consumer0', 'consumer1', 'consumer2'];
    expect(
      sticky(
        ids.map((id) => member(id, all)),
        ppt,
      ),
    ).toEqual(expected);
    // verifyUniformSubscription's second run: the expected assignment as owned (generation -1).
    const owned = ids.map((id) =>
      member(id, all, {
        owned: expected[id as keyof typeof expected],
        generation: DEFAULT_GENERATION,
      }),
    );
    expect(sticky(owned, ppt)).toEqual(expected);
    expect(assignPartitions('cooperative-sticky', owned, ppt)).toEqual(expected);
  });
  it('testRackAwareAssignmentWithNonEqualSubscription: nonRackAwareAssignment (general path)', () => {
    const all = ['t1', 't2', 't3'];
    const subs = [all, all, ['t1', 't3']];
    const ppt = { t1: 6, t2: 7, t3: 2 };
    const ids = ['consumer0', 'consumer1', 'consumer2'];
    const expected = [
      'consumer0: t1-5, t2-0, t2-2, t2-4, t2-6',
      'consumer1: t1-3, t2-1, t2-3, t2-5, t3-0',
      'consumer2: t1-0, t1-1, t1-2, t1-4, t3-1',
    ];
    const show = (a: Record<string, string[]>) =>
      ids.map((id) => `${id}: ${(a[id] ?? []).join(', ')}`);
    expect(
      show(
        sticky(
          ids.map((id, i) => member(id, subs[i] ?? [])),
          ppt,
        ),
      ),
    ).toEqual(expected);
  });
  it('testRackAwareAssignmentWithNonEqualSubscription: cooperative owned -> intermediate -> final', () => {
    const all = ['t1', 't2', 't3'];
    const subs = [all, all, ['t1', 't3']];
    const ppt = { t1: 6, t2: 7, t3: 2 };
    const ids = ['consumer0', 'consumer1', 'consumer2'];
    const round = (owned: string[]) =>
      assignPartitions(
        'cooperative-sticky',
        ids.map((id, i) =>
          member(id, subs[i] ?? [], {
            owned: list(owned[i] ?? ''),
            generation: DEFAULT_GENERATION,
          }),
        ),
        ppt,
      );
    const owned = [
      't1-0, t1-1, t1-2, t1-3, t1-4',
      't1-5, t2-0, t2-1, t2-2, t2-3',
      't2-4, t2-5, t2-6, t3-0, t3-1',
    ];
    const intermediate = ['t1-2, t1-3, t1-4', 't2-0, t2-1, t2-2, t2-3', 't3-0, t3-1'];
    const final = [
      't1-2, t1-3, t1-4, t2-4, t2-5',
      't2-0, t2-1, t2-2, t2-3, t2-6',
      't1-0, t1-1, t1-5, t3-0, t3-1',
    ];
    const asLists = (xs: string[]) =>
      Object.fromEntries(ids.map((id, i) => [id, list(xs[i] ?? '')]));
    expect(round(owned)).toEqual(asLists(intermediate));
    expect(round(intermediate)).toEqual(asLists(final));
  });
});

describe('sticky (Kafka StickyAssignorTest)', () => {
  it('testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer', () => {
    const ms = [
      member('consumer1', [topic], { owned: ['topic-0', 'topic-1'], generation: generationId }),
      member('consumer2', [topic], { owned: ['topic-0', 'topic-2'], generation: generationId }),
      member('consumer3', [topic], { owned: [], generation: generationId }),
    ];
    expect(sticky(ms, { topic: 3 })).toEqual({
      consumer1: ['topic-1'],
      consumer2: ['topic-2'],
      consumer3: ['topic-0'],
    });
  });
  it('testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer', () => {
    const ms = [
      member('consumer1', [topic], { owned: ['topic-0', 'topic-1'], generation: generationId }),
      member('consumer2', [topic], { owned: ['topic-0', 'topic-2'], generation: generationId }),
      member('consumer3', [topic], { owned: [], generation: generationId }),
    ];
    expect(sticky(ms, { topic: 4 })).toEqual({
      consumer1: ['topic-1', 'topic-3'],
      consumer2: ['topic-2'],
      consumer3: ['topic-0'],
    });
  });
  it('StickyAssignor javadoc example 1: C1 leaves, everyone keeps their partitions', () => {
    const all = ['t0', 't1', 't2', 't3'];
    const ppt = { t0: 2, t1: 2, t2: 2, t3: 2 };
    const a = sticky(
      ['C0', 'C1', 'C2'].map((id) => member(id, all)),
      ppt,
    );
    expect(a).toEqual({
      C0: ['t0-0', 't1-1', 't3-0'],
      C1: ['t0-1', 't2-0', 't3-1'],
      C2: ['t1-0', 't2-1'],
    });
    const b = sticky(
      ['C0', 'C2'].map((id) => member(id, all, { owned: a[id] ?? [], generation: 1 })),
      ppt,
    );
    // The javadoc's point: all previous assignments are preserved. Its exact split of the freed
    // partitions (C0 gets t2p0) predates the constrained algorithm; today's code deals the freed
    // t0-1, t2-0, t3-1 round-robin to [C0, C2], which is what we assert.
    for (const id of ['C0', 'C2'] as const)
      expect(b[id]).toEqual(expect.arrayContaining(a[id] ?? []));
    expect(b).toEqual({
      C0: ['t0-0', 't0-1', 't1-1', 't3-0'],
      C2: ['t1-0', 't2-0', 't2-1', 't3-1'],
    });
  });
  it('StickyAssignor javadoc example 2 (unequal subscriptions, then C0 leaves)', () => {
    const ppt = { t0: 1, t1: 2, t2: 3 };
    const a = sticky(
      [member('C0', ['t0']), member('C1', ['t0', 't1']), member('C2', ['t0', 't1', 't2'])],
      ppt,
    );
    expect(a).toEqual({ C0: ['t0-0'], C1: ['t1-0', 't1-1'], C2: ['t2-0', 't2-1', 't2-2'] });
    const b = sticky(
      [
        member('C1', ['t0', 't1'], { owned: a.C1 ?? [], generation: 1 }),
        member('C2', ['t0', 't1', 't2'], { owned: a.C2 ?? [], generation: 1 }),
      ],
      ppt,
    );
    expect(b).toEqual({ C1: ['t0-0', 't1-0', 't1-1'], C2: ['t2-0', 't2-1', 't2-2'] });
  });
  it('stickyTarget equals the sticky result', () => {
    const ms = [member('a', [topic]), member('b', [topic])];
    expect(stickyTarget(ms, { topic: 5 })).toEqual(sticky(ms, { topic: 5 }));
  });
});
