import { describe, expect, it } from 'vitest';
import { en } from './test/render';
import { AnomalyDetector } from './detector';
// Checks every explanation in English and Chinese as well (src/i18n).
import { detectAnomalies } from './test/explainCheck';
import { GROUP_IDEM, LogBuilder, testModel } from './test/logBuilder';

const O0 = 'orders-0';

/** g-1 owns orders-0, five records 0–4; it processes 0–2, commits 3, processes 3–4. */
function processedFive(group = 'g', m1 = `${group}-1`): LogBuilder {
  const b = new LogBuilder();
  b.at(0).assign(group, m1, [O0], { [O0]: 0 });
  for (let i = 0; i < 5; i++) b.at(1 + i).append('orders', 0, 'order-1');
  b.at(10).fetch(group, m1, 'orders', 0, 0, 5);
  for (let i = 0; i < 3; i++) b.at(11 + i).process(group, m1, 'orders', 0, i);
  b.at(13).commit(group, m1, 'orders', 0, 3);
  b.at(14).process(group, m1, 'orders', 0, 3);
  b.at(15).process(group, m1, 'orders', 0, 4);
  return b;
}

describe('a clean log', () => {
  it('has no anomalies: in-order processing, commits, a graceful handover', () => {
    const b = processedFive();
    b.at(16).commit('g', 'g-1', 'orders', 0, 5);
    b.at(20).assign('g', 'g-1', [], {}, 2, [O0]);
    b.at(21).assign('g', 'g-2', [O0], { [O0]: 5 }, 2);
    for (let t = 100; t <= 3000; t += 100) {
      const r = b.at(t).append('orders', 0, 'order-1');
      b.process('g', 'g-2', 'orders', 0, r.offset);
      b.commit('g', 'g-2', 'orders', 0, r.offset + 1);
    }
    expect(detectAnomalies(testModel(), b.events)).toEqual([]);
  });
});

describe('duplicate', () => {
  it('crash before commit: names the crashed member, its last commit and the new owner', () => {
    const b = processedFive();
    const crash = b.at(20).crash('g', 'g-1', [{ topic: 'orders', partition: 0, from: 3, to: 5 }]);
    b.at(320).expire('g', 'g-1', 20);
    b.at(400).assign('g', 'g-2', [O0], { [O0]: 3 }, 2);
    const redo = b.at(401).process('g', 'g-2', 'orders', 0, 3, { redelivered: true });
    b.at(402).process('g', 'g-2', 'orders', 0, 4, { redelivered: true });
    const found = detectAnomalies(testModel(), b.events);
    expect(found.map((a) => [a.kind, a.cause, a.offset])).toEqual([
      ['duplicate', 'crash-before-commit', 3],
      ['duplicate', 'crash-before-commit', 4],
    ]);
    expect(found[0]).toMatchObject({
      index: redo,
      causeIndex: crash,
      group: 'g',
      member: 'g-2',
      topic: 'orders',
      partition: 0,
      eventId: 4,
      key: 'order-1',
    });
    expect(en(found[0]!.explanation)).toBe(
      'orders-0 @ 3 was processed twice by group g: consumer g-1 crashed at 20 ms after processing it and before committing ' +
        '(its last commit was 3, at 13 ms); after the rebalance at 400 ms g-2 was assigned the partition and resumed from the committed offset 3.',
    );
  });

  it('counts a third delivery as "three times"', () => {
    const b = processedFive();
    b.at(20).crash('g', 'g-1', [{ topic: 'orders', partition: 0, from: 3, to: 5 }]);
    b.at(400).assign('g', 'g-2', [O0], { [O0]: 3 }, 2);
    b.at(401).process('g', 'g-2', 'orders', 0, 3, { redelivered: true });
    b.at(402).crash('g', 'g-2', [{ topic: 'orders', partition: 0, from: 3, to: 4 }]);
    b.at(800).assign('g', 'g-1', [O0], { [O0]: 3 }, 3);
    b.at(801).process('g', 'g-1', 'orders', 0, 3, { redelivered: true });
    const last = detectAnomalies(testModel(), b.events).at(-1)!;
    expect(en(last.explanation)).toMatch(
      /^orders-0 @ 3 was processed three times by group g: consumer g-2 crashed at 402 ms/,
    );
    expect(en(last.explanation)).toContain(
      "the group's last commit on orders-0 was 3, by g-1 at 13 ms",
    );
    expect(en(last.explanation)).toContain(
      'after the rebalance at 800 ms g-1 was assigned the partition and resumed from the committed offset 3.',
    );
  });

  it('in an idempotent group a redelivery is still a duplicate delivery, absorbed by the dedup store', () => {
    const b = processedFive('idem');
    b.at(20).crash('idem', 'idem-1', [{ topic: 'orders', partition: 0, from: 3, to: 5 }]);
    b.at(400).assign('idem', 'idem-2', [O0], { [O0]: 3 }, 2);
    b.at(401).process('idem', 'idem-2', 'orders', 0, 3, { redelivered: true, deduplicated: true });
    const [a] = detectAnomalies(testModel([GROUP_IDEM]), b.events);
    expect(a).toMatchObject({ kind: 'duplicate', cause: 'crash-before-commit', absorbed: true });
    expect(en(a!.explanation)).toContain('absorbed by the dedup store');
  });

  it('a zombie (paused past session.timeout.ms) whose late commit is rejected', () => {
    const b = processedFive();
    b.at(20).pause('g', 'g-1', 600);
    const expiry = b.at(320).expire('g', 'g-1', 20);
    b.at(400).assign('g', 'g-2', [O0], { [O0]: 3 }, 2);
    b.at(401).process('g', 'g-2', 'orders', 0, 3, { redelivered: true });
    b.at(620).other({ type: 'consumerResumed', group: 'g', member: 'g-1', wakeUs: 620_000 });
    b.at(621).other({
      type: 'commitRejected',
      group: 'g',
      member: 'g-1',
      generation: 1,
      groupGeneration: 2,
      cause: 'after-processing',
      error: 'UNKNOWN_MEMBER_ID',
      offsets: [{ topic: 'orders', partition: 0, offset: 5 }],
    });
    b.at(622).process('g', 'g-2', 'orders', 0, 4, { redelivered: true });
    const [first, second] = detectAnomalies(testModel(), b.events);
    expect(first).toMatchObject({ cause: 'zombie', causeIndex: expiry });
    expect(en(first!.explanation)).toBe(
      'orders-0 @ 3 was processed twice by group g: consumer g-1 was paused at 20 ms for 600 ms, longer than ' +
        'session.timeout.ms (300 ms), so the coordinator removed it at 320 ms after it had processed this record and ' +
        'before it committed (its last commit was 3, at 13 ms); after the rebalance at 400 ms g-2 was assigned the ' +
        'partition and resumed from the committed offset 3.',
    );
    expect(second!.cause).toBe('zombie');
    expect(en(second!.explanation)).toContain(
      "consumer g-1's commit of offset 5 at 621 ms was rejected with UNKNOWN_MEMBER_ID (the coordinator had already removed it from the group)",
    );
  });

  it('a commit rejected after a rebalance (ILLEGAL_GENERATION)', () => {
    const b = processedFive();
    const rejected = b.at(20).other({
      type: 'commitRejected',
      group: 'g',
      member: 'g-1',
      generation: 1,
      groupGeneration: 2,
      cause: 'after-processing',
      error: 'ILLEGAL_GENERATION',
      offsets: [{ topic: 'orders', partition: 0, offset: 5 }],
    });
    b.at(21).assign('g', 'g-2', [O0], { [O0]: 3 }, 2);
    b.at(22).process('g', 'g-2', 'orders', 0, 4, { redelivered: true });
    const [a] = detectAnomalies(testModel(), b.events);
    expect(a).toMatchObject({ cause: 'rejected-commit', causeIndex: rejected });
    expect(en(a!.explanation)).toContain('a rebalance had moved the group to generation 2');
    expect(en(a!.explanation)).toContain("so the group's committed offset stayed at 3");
  });

  it('the same event appended twice by one producer is a log duplicate; two producers are not', () => {
    const b = new LogBuilder();
    const first = b.at(1).append('orders', 0, 'order-1', { eventId: 7 });
    // A later event of the same key in between: the retried copy is a duplicate, not a reordering.
    b.at(2).append('orders', 0, 'order-1', { eventId: 8 });
    const again = b.at(3).append('orders', 0, 'order-1', { eventId: 7 });
    b.at(4).append('orders', 1, 'order-3', { eventId: 8, producer: 'other' });
    const found = detectAnomalies(testModel(), b.events);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'duplicate',
      cause: 'producer-retry',
      index: b.events.indexOf(again),
      causeIndex: b.events.indexOf(first),
      offset: 2,
      eventId: 7,
    });
    expect(en(found[0]!.explanation)).toBe(
      'Event 7 from producer shop was appended twice: at orders-0 @ 0 (1 ms) and again at orders-0 @ 2 (3 ms). The ' +
        'producer retried a send whose acknowledgement it never got, and without enable.idempotence=true the broker ' +
        'wrote the record a second time; every group reading orders will process both copies.',
    );
  });
});

describe('reordered', () => {
  it("in the log: a producer's records of one key appended out of event-id order", () => {
    const b = new LogBuilder();
    b.at(1).append('orders', 0, 'order-1', { eventId: 5 });
    b.at(2).append('orders', 0, 'order-2', { eventId: 3 });
    b.at(3).append('orders', 0, 'order-1', { eventId: 4 });
    const found = detectAnomalies(testModel(), b.events);
    expect(found.map((a) => [a.kind, a.cause, a.eventId, a.key])).toEqual([
      ['reordered', 'append-order', 4, 'order-1'],
    ]);
    expect(en(found[0]!.explanation)).toMatch(
      /^Producer shop appended event 4 of key order-1 \(orders-0 @ 2, at 3 ms\) after its later event 5 \(orders-0 @ 0, at 1 ms\)/,
    );
    expect(en(found[0]!.explanation)).toContain('max.in.flight.requests.per.connection > 1');
  });

  it('in processing: a null key spread one order over two partitions', () => {
    const b = new LogBuilder();
    b.at(0).assign('g', 'g-1', [O0], { [O0]: 0 });
    b.assign('g', 'g-2', ['orders-1'], { 'orders-1': 0 });
    b.at(1).append('orders', 0, null, { entity: 'order-7' });
    b.at(2).append('orders', 1, null, { entity: 'order-7' });
    b.at(10).process('g', 'g-2', 'orders', 1, 0);
    const late = b.at(12).process('g', 'g-1', 'orders', 0, 0, { reorderedAfter: 2 });
    const found = detectAnomalies(testModel(), b.events);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'reordered',
      cause: 'null-key',
      index: late,
      key: 'order-7',
      eventId: 1,
      member: 'g-1',
    });
    expect(en(found[0]!.explanation)).toBe(
      "order-7's events were processed out of order by group g: g-1 processed event 1 (orders-0 @ 0) at 12 ms, after " +
        'the later event 2 (orders-1 @ 0), which g-2 had processed at 10 ms. Producer shop sends these records with a ' +
        "null key (orderId order-7 is only in the payload), so the sticky partitioner spread order-7's events over " +
        'orders-1 and orders-0, and Kafka keeps order only within one partition.',
    );
  });

  it('records processed in key order are not reordered, whatever their partitions', () => {
    const b = new LogBuilder();
    b.at(0).assign('g', 'g-1', [O0, 'orders-1'], { [O0]: 0, 'orders-1': 0 });
    b.at(1).append('orders', 0, null, { entity: 'order-7' });
    b.at(2).append('orders', 1, null, { entity: 'order-7' });
    b.at(10).process('g', 'g-1', 'orders', 0, 0);
    b.at(11).process('g', 'g-1', 'orders', 1, 0);
    expect(detectAnomalies(testModel(), b.events)).toEqual([]);
  });
});

describe('lost', () => {
  it('committed before processing, then crashed: the new owner starts past the rest of the batch', () => {
    const b = new LogBuilder();
    b.at(0).assign('g', 'g-1', [O0], { [O0]: 0 });
    for (let i = 0; i < 5; i++) b.at(1 + i).append('orders', 0, 'order-1');
    b.at(10).fetch('g', 'g-1', 'orders', 0, 0, 5);
    b.commit('g', 'g-1', 'orders', 0, 5, 'before-processing');
    b.at(11).process('g', 'g-1', 'orders', 0, 0);
    b.at(12).process('g', 'g-1', 'orders', 0, 1);
    const crash = b.at(13).crash('g', 'g-1');
    b.at(313).expire('g', 'g-1', 13);
    const skip = b.at(400).other({
      type: 'offsetsSkipped',
      group: 'g',
      member: 'g-2',
      topic: 'orders',
      partition: 0,
      from: 2,
      to: 5,
      reason: 'committed-before-processing',
    });
    b.assign('g', 'g-2', [O0], { [O0]: 5 }, 2);
    const found = detectAnomalies(testModel(), b.events);
    // Lost at the crash (nobody holds the partition, and its next owner starts at 5); the skip
    // at the rebalance makes it final and adds no second entry or second count.
    expect(skip).toBeGreaterThan(crash);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'lost',
      cause: 'commit-before-processing',
      index: crash,
      causeIndex: 1 + 5 + 1,
      offset: 2,
      endOffset: 5,
      count: 3,
      group: 'g',
    });
    expect(b.events[found[0]!.causeIndex!]!.type).toBe('offsetsCommitted');
    expect(en(found[0]!.explanation)).toBe(
      'orders-0 @ 2–4 (3 records) will never be processed by group g: consumer g-1 committed offset 5 at 10 ms before ' +
        'processing them (commit before processing is at-most-once); then g-1 crashed at 13 ms, and whoever gets ' +
        'orders-0 next starts from the committed offset 5.',
    );
  });

  it('auto.offset.reset=latest starts a new group at the log end', () => {
    const b = new LogBuilder();
    for (let i = 0; i < 3; i++) b.at(1 + i).append('orders', 0, 'order-1');
    b.at(5).other({
      type: 'offsetsSkipped',
      group: 'g',
      member: 'g-1',
      topic: 'orders',
      partition: 0,
      from: 0,
      to: 3,
      reason: 'auto.offset.reset=latest',
    });
    b.assign('g', 'g-1', [O0], { [O0]: 3 });
    const [a] = detectAnomalies(testModel(), b.events);
    expect(a).toMatchObject({
      kind: 'lost',
      cause: 'offset-reset-latest',
      offset: 0,
      endOffset: 3,
    });
    expect(en(a!.explanation)).toContain(
      'with auto.offset.reset=latest g-1 started at the log end (3)',
    );
  });

  it('records truncated from the log (logTruncated, the event the engine is about to emit)', () => {
    const b = processedFive();
    const cut = b.at(50).push({
      type: 'logTruncated',
      timeUs: 50_000,
      topic: 'orders',
      partition: 0,
      fromOffset: 4,
      toOffset: 5,
      reason: 'unclean leader election',
    });
    const [a] = detectAnomalies(testModel(), b.events);
    expect(a).toMatchObject({
      kind: 'lost',
      cause: 'log-truncated',
      index: cut,
      offset: 4,
      endOffset: 5,
      eventId: 5,
      key: 'order-1',
    });
    expect(a!.count).toBe(1);
    expect(a!.group).toBeUndefined();
    expect(en(a!.explanation)).toBe(
      'orders-0 @ 4 (1 record) was removed from the log at 50 ms (unclean leader election): it had been acknowledged to the producer and is gone for good (group g had already processed them).',
    );
  });
});

describe('stuck', () => {
  /** g-1 owns orders-0, crashes at 100 ms; a record arrives at 150 ms and more later. */
  function orphaned(): LogBuilder {
    const b = new LogBuilder();
    b.at(0).assign('g', 'g-1', [O0], { [O0]: 0 });
    b.at(100).crash('g', 'g-1');
    b.at(150).append('orders', 0, 'order-1');
    b.at(1149).append('orders', 0, 'order-1');
    return b;
  }

  it('a lagging partition with no live owner past the threshold, reported once', () => {
    const b = orphaned();
    const seen = b.at(1150).append('orders', 0, 'order-1');
    b.at(3000).append('orders', 0, 'order-1');
    const found = detectAnomalies(testModel(), b.events);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'stuck',
      cause: 'no-live-owner',
      timeUs: 1_150_000,
      index: b.events.indexOf(seen),
      causeIndex: 1,
      group: 'g',
      member: 'g-1',
      partition: 0,
    });
    expect(en(found[0]!.explanation)).toBe(
      'orders-0 has had no live consumer in group g for 1,000 ms (since 150 ms) while 2 records wait: its owner g-1 ' +
        "crashed at 100 ms, and the coordinator hands a silent member's partitions on only after session.timeout.ms " +
        '(300 ms) without a heartbeat, or when the member restarts and rejoins.',
    );
  });

  it('is not stuck when reassigned in time, or when nothing waits', () => {
    const b = orphaned();
    b.at(1100).assign('g', 'g-2', [O0], { [O0]: 0 }, 2);
    b.at(3000).append('orders', 0, 'order-1');
    expect(detectAnomalies(testModel(), b.events)).toEqual([]);
    const idle = new LogBuilder();
    idle.at(0).assign('g', 'g-1', [O0], { [O0]: 0 });
    idle.at(100).crash('g', 'g-1');
    idle.at(5000).other({ type: 'faultSkipped', fault: 1, reason: 'test' });
    expect(detectAnomalies(testModel(), idle.events)).toEqual([]);
  });

  it('a paused owner holds its partitions; the threshold is an option', () => {
    const b = new LogBuilder();
    b.at(0).assign('g', 'g-1', [O0], { [O0]: 0 });
    b.at(10).append('orders', 0, 'order-1');
    b.at(20).pause('g', 'g-1', 1000);
    b.at(220).append('orders', 0, 'order-1');
    expect(detectAnomalies(testModel(), b.events)).toEqual([]);
    const [a] = detectAnomalies(testModel(), b.events, { stuckAfterMs: 200 });
    expect(a).toMatchObject({ kind: 'stuck', timeUs: 220_000, member: 'g-1' });
    expect(en(a!.explanation)).toContain('its owner g-1 has been paused since 20 ms');
  });

  it('a record whose handler keeps failing (poison), reported once at the threshold', () => {
    const b = processedFive();
    for (let n = 1; n <= 6; n++) b.at(20 + n).fail('g', 'g-1', 'orders', 0, 2, n);
    const found = detectAnomalies(testModel(), b.events);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'stuck',
      cause: 'poison-record',
      offset: 2,
      timeUs: 25_000,
      eventId: 3,
    });
    expect(en(found[0]!.explanation)).toBe(
      'orders-0 @ 2 is stuck in group g: its handler failed 5 times in a row (on g-1, first at 21 ms, last at 25 ms), and ' +
        'the partition cannot move past it while 2 records wait behind it. Group g retries a failing record twice, then ' +
        'sends it to the dead-letter topic orders-dlq.',
    );
  });

  it('failures that end in success are not stuck', () => {
    const b = processedFive();
    for (let n = 1; n <= 4; n++) b.at(20 + n).fail('g', 'g-1', 'orders', 0, 2, n);
    b.at(30).process('g', 'g-1', 'orders', 0, 2, { redelivered: false });
    for (let n = 1; n <= 4; n++) b.at(30 + n).fail('g', 'g-1', 'orders', 0, 3, n);
    expect(detectAnomalies(testModel(), b.events).filter((a) => a.kind === 'stuck')).toEqual([]);
  });
});

describe('more causes', () => {
  it('a crashed member that restarts and resumes its own partition "rejoined"', () => {
    const b = processedFive();
    b.at(20).crash('g', 'g-1', [{ topic: 'orders', partition: 0, from: 3, to: 5 }]);
    b.at(100).other({ type: 'consumerRestarted', group: 'g', member: 'g-1', fault: 1 });
    b.other({ type: 'memberJoining', group: 'g', member: 'g-1', reason: 'restart' });
    b.at(150).assign('g', 'g-1', [O0], { [O0]: 3 }, 2);
    b.at(151).process('g', 'g-1', 'orders', 0, 3, { redelivered: true });
    const [a] = detectAnomalies(testModel(), b.events);
    expect(en(a!.explanation)).toMatch(
      /after the rebalance at 150 ms g-1 rejoined and resumed from the committed offset 3\.$/,
    );
  });

  it('records committed before processing by a member then removed from the group (a zombie) are lost', () => {
    const b = new LogBuilder();
    b.at(0).assign('g', 'g-1', [O0], { [O0]: 0 });
    for (let i = 0; i < 4; i++) b.at(1 + i).append('orders', 0, 'order-1');
    b.at(10).commit('g', 'g-1', 'orders', 0, 4, 'before-processing');
    b.at(11).process('g', 'g-1', 'orders', 0, 0);
    b.at(12).pause('g', 'g-1', 1000);
    const expiry = b.at(312).expire('g', 'g-1', 12);
    b.at(400).other({
      type: 'offsetsSkipped',
      group: 'g',
      member: 'g-2',
      topic: 'orders',
      partition: 0,
      from: 1,
      to: 4,
      reason: 'committed-before-processing',
    });
    const [a] = detectAnomalies(testModel(), b.events);
    expect(a).toMatchObject({ kind: 'lost', causeIndex: expiry });
    expect(en(a!.explanation)).toContain(
      'then it was paused at 12 ms for 1,000 ms, longer than session.timeout.ms (300 ms), so the coordinator removed it at 312 ms having processed only up to 0',
    );
    expect(en(a!.explanation)).toMatch(
      /Only the zombie, if it is still processing its batch, may yet handle some of them\.$/,
    );
  });

  it('stuck: a partition no member was ever assigned, and one whose owner left', () => {
    const b = new LogBuilder();
    b.at(0).assign('g', 'g-1', [O0], { [O0]: 0 });
    b.at(10).append('orders', 1, 'order-9');
    b.at(20).append('orders', 0, 'order-1');
    b.at(30).other({ type: 'memberLeft', group: 'g', member: 'g-1', fault: 0 });
    b.at(2000).append('orders', 0, 'order-1');
    const found = detectAnomalies(testModel(), b.events);
    expect(found.map((a) => [a.partition, a.timeUs])).toEqual([
      [1, 1_010_000],
      [0, 1_030_000],
    ]);
    expect(en(found[0]!.explanation)).toContain('no member of the group has been assigned it yet');
    expect(en(found[1]!.explanation)).toContain('its owner g-1 left the group at 30 ms');
  });

  it('a truncated topic nobody reads is still lost, and says so', () => {
    const b = new LogBuilder();
    b.at(1).append('orders-dlq', 0, 'order-1', { producer: 'shop' });
    b.at(2).push({
      type: 'logTruncated',
      timeUs: 2000,
      topic: 'orders-dlq',
      partition: 0,
      fromOffset: 0,
      toOffset: 1,
      reason: 'retention.ms',
    });
    const [a] = detectAnomalies(testModel(), b.events);
    expect(en(a!.explanation)).toBe(
      'orders-dlq-0 @ 0 (1 record) was removed from the log at 2 ms (retention.ms): it had been acknowledged to the producer and is gone for good (no group reads orders-dlq).',
    );
  });
});

describe('AnomalyDetector (live)', () => {
  it('push returns what each event made visible; the sum is the batch result', () => {
    const b = processedFive();
    b.at(20).crash('g', 'g-1', [{ topic: 'orders', partition: 0, from: 3, to: 5 }]);
    b.at(400).assign('g', 'g-2', [O0], { [O0]: 3 }, 2);
    b.at(401).process('g', 'g-2', 'orders', 0, 3, { redelivered: true });
    b.at(402).process('g', 'g-2', 'orders', 0, 4, { redelivered: true });
    const d = new AnomalyDetector(testModel());
    const perEvent = b.events.map((e, i) => d.push(e, i).length);
    expect(perEvent.slice(-2)).toEqual([1, 1]);
    expect(perEvent.slice(0, -2).every((n) => n === 0)).toBe(true);
    const batch = detectAnomalies(testModel(), b.events);
    expect(d.anomalies()).toEqual(batch);
    expect(new Set(batch.map((a) => a.id)).size).toBe(batch.length);
  });
});
