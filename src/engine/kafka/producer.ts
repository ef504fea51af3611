import type { RecordAppended } from './events';
import type { ProducerModel } from './model';
import { producerCount } from './addPartitions';
import { choosePartition } from './partitioner';
import { draw01 } from '../kernel/rng';
import type { SimState } from './state';

/** The next record's key (and the entity it names) and partition, as Kafka's producer picks them. */
export function nextKeyAndPartition(s: SimState, pi: number, t: number) {
  const pm = s.model.producers[pi]!;
  const p = s.producers[pi]!;
  const key0 = pm.streamKey;
  const topic = s.model.topics[pm.topic]!;
  const ki = chooseKey(pm, draw01(key0, p.sent, 0));
  const entity = ki < 0 ? null : pm.keyNames[ki]!;
  const key = pm.sendKey ? entity : null;
  // The partition count as the producer's metadata knows it (addPartitions.ts).
  let count = topic.partitions;
  let keyPartitions = pm.keyPartitions;
  if (pm.views !== null) ({ count, keyPartitions } = producerCount(pm, topic.initialPartitions, t));
  let partition: number;
  if (pm.partition === null && key !== null) partition = keyPartitions[ki]!;
  else {
    const sticky = { partition: p.stickyPartition, count: p.stickyCount };
    partition = choosePartition(
      count,
      key,
      pm.partition,
      sticky,
      pm.stickyBatchRecords,
      draw01(key0, p.sent, 1),
    );
  }
  return { pm, p, key0, topic, entity, key, partition, keyId: ki < 0 ? -1 : pm.keyIdOf[ki]! };
}

/** A producer sends its next record: key, partition, and when it sends the one after. */
export function produceStep(s: SimState, pi: number, t: number): RecordAppended[] {
  const { pm, p, key0, topic, entity, key, partition, keyId } = nextKeyAndPartition(s, pi, t);
  const eventId = s.nextEventId;
  const rec: RecordAppended = {
    type: 'recordAppended',
    timeUs: t,
    producer: pm.id,
    topic: topic.name,
    partition,
    offset: s.leo[topic.firstGp + partition]!,
    key,
    entity,
    keyId,
    eventId,
    eventType: pm.eventType,
    causationId: null,
    correlationId: eventId,
    nextSendUs: finiteOrNull(nextSendUs(pm, t, key0, p.sent)),
  };
  if (s.cluster.poisonNext[pi]) rec.poison = true;
  if (isTombstone(pm, key, key0, p.sent)) rec.tombstone = true;
  if (pm.outOfOrdernessMs >= 0) rec.eventTimeMs = eventTimeMs(pm, t, key0, p.sent);
  return [rec];
}

/**
 * A record's event time with the producer's out-of-orderness: the produce time (ms) minus a
 * uniform whole number of ms from 0 to outOfOrdernessMs, drawn from a draw index of its own (6)
 * so every other draw stays as it was.
 */
export function eventTimeMs(pm: ProducerModel, t: number, key0: number, sent: number): number {
  const lag = Math.floor(draw01(key0, sent, 6) * (pm.outOfOrdernessMs + 1));
  return Math.floor(t / 1000) - Math.min(lag, pm.outOfOrdernessMs);
}

/**
 * Whether the producer sends this record as a tombstone (its key, a null value): drawn only
 * when the producer has a tombstoneShare, from a draw index of its own (4), so every other draw
 * and every scenario without tombstones stay as they were.
 */
export function isTombstone(pm: ProducerModel, key: string | null, key0: number, sent: number) {
  return pm.tombstoneShare > 0 && key !== null && draw01(key0, sent, 4) < pm.tombstoneShare;
}

/** The index in keyNames of the next record's key, -1 for none. */
export function chooseKey(pm: ProducerModel, u: number): number {
  const names = pm.keyNames;
  if (names.length === 0) return -1;
  if (pm.zipfCdf) {
    // Binary search the cumulative distribution: key i has weight 1 / (i + 1)^s.
    const cdf = pm.zipfCdf;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  return Math.floor(u * names.length);
}

/** The rate at time t: the base rate times the multiplier of any burst covering t. */
function rateAt(pm: ProducerModel, t: number): number {
  let r = pm.perSec;
  for (const b of pm.bursts) if (t >= b.startUs && t < b.endUs) r *= b.multiplier;
  return r;
}

/**
 * The next send time, in integer microseconds. Sub-microsecond gaps are rounded up or down at
 * random with the right odds (stochastic rounding), so the mean rate stays exact at any rate.
 */
export function nextSendUs(pm: ProducerModel, t: number, key: number, counter: number): number {
  const r = rateAt(pm, t);
  let next: number;
  if (r <= 0) {
    next = Number.POSITIVE_INFINITY;
    for (const b of pm.bursts)
      if (b.startUs > t && b.startUs < next && pm.perSec * b.multiplier > 0) next = b.startUs;
    for (const b of pm.bursts) if (b.endUs > t && b.endUs < next && pm.perSec > 0) next = b.endUs;
  } else {
    const gap = pm.constantRate ? 1e6 / r : (-Math.log(1 - draw01(key, counter, 2)) * 1e6) / r;
    const whole = Math.floor(gap);
    const frac = gap - whole;
    next = t + whole + (frac > 0 && draw01(key, counter, 3) < frac ? 1 : 0);
  }
  return next >= pm.stopUs ? Number.POSITIVE_INFINITY : next;
}

const finiteOrNull = (t: number): number | null => (Number.isFinite(t) ? t : null);
