import { partitionForKey } from '../engine';
import type { PartitionsAdded, RecordProcessed } from '../engine/kafka/events';
import { anomalyId, type Anomaly, type AnomalyCause } from './anomaly';
import { tpName } from './events';
import type { Facts } from './facts';
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { place, timeParam } from './format';
import type { RecordAppended } from './records';
import { expiryReason } from './why';

/** The latest (highest event id) record of one key seen so far, and who handled it when. */
interface KeyHead {
  eventId: number;
  member: string | null;
  timeUs: number;
  topic: string;
  partition: number;
  offset: number;
  /** Appended heads: a truncation removed the record, and a null record key (an entity). */
  gone?: boolean;
  entityOnly?: boolean;
}

/**
 * Per-key order, the way Kafka promises it: per producer and key. Two checks: a group
 * processed a key's record after a later one (`recordProcessed.reorderedAfter`), and a producer's
 * records of one key landed in the log out of send (event id) order. Memory is one entry per
 * (group, producer, key) and per (producer, key), never per record.
 */
export class KeyOrder {
  /** group → producer → key → head; producer → key → head (nested: no string per event). */
  private readonly processed = new Map<string, Map<string, Map<string, KeyHead>>>();
  private readonly appended = new Map<string, Map<string, KeyHead>>();
  /** Topics that grew (partitionsAdded), in log order, with the event's index. */
  private readonly growths: Growth[] = [];

  /** Remembers a topic's growth: a key that moved with it explains a later reordering. */
  onPartitionsAdded(e: PartitionsAdded, index: number): void {
    this.growths.push({ e, index });
  }

  /** Checks a processed record, then remembers it. Call before Facts.apply. */
  onProcessed(facts: Facts, e: RecordProcessed, index: number): Anomaly | null {
    const rec = facts.records.at(e.topic, e.partition, e.offset);
    const key = rec ? (rec.entity ?? rec.key) : null;
    if (!rec || key === null || e.redelivered) return null;
    const heads = inner(inner(this.processed, e.group), rec.producer);
    const head = heads.get(key);
    if (e.reorderedAfter === null) {
      if (!head || e.eventId > head.eventId) {
        heads.set(key, {
          eventId: e.eventId,
          member: e.member,
          timeUs: e.timeUs,
          topic: e.topic,
          partition: e.partition,
          offset: e.offset,
        });
      }
      return null;
    }
    const later =
      head && head.eventId === e.reorderedAfter ? head : laterRecord(facts, e.reorderedAfter);
    return processingAnomaly(facts, e, rec, key, later, index, this.growths);
  }

  /**
   * Checks an appended record against the producer's later records of the same key that the
   * log still holds. A truncation can remove the latest ones (their producer may append them
   * again): the head falls back to the latest record still in the log. Call before Facts.apply.
   */
  onAppended(facts: Facts, e: RecordAppended, index: number, duplicate: boolean): Anomaly | null {
    const key = e.entity ?? e.key;
    if (key === null || duplicate) return null;
    const heads = inner(this.appended, e.producer);
    let head = heads.get(key) ?? null;
    // Only a truncation removes records: a removed head falls back to the key's latest record
    // still in the log (as the engine's reorderedInLog does).
    if (head?.gone) head = latestInLog(facts, e.producer, key, head);
    if (!head || e.eventId >= head.eventId) {
      heads.set(key, {
        eventId: e.eventId,
        member: null,
        timeUs: e.timeUs,
        topic: e.topic,
        partition: e.partition,
        offset: e.offset,
        entityOnly: e.key === null,
      });
      return null;
    }
    const explanation = msg('explain.reordered.append', {
      producer: e.producer,
      eventId: e.eventId,
      key,
      place: place(tpName(e.topic, e.partition), e.offset),
      at: timeParam(e.timeUs),
      laterId: head.eventId,
      laterPlace: place(tpName(head.topic, head.partition), head.offset),
      laterAt: timeParam(head.timeUs),
    });
    return {
      id: anomalyId('reordered', index, {
        topic: e.topic,
        partition: e.partition,
        offset: e.offset,
      }),
      kind: 'reordered',
      cause: 'append-order',
      count: 1,
      index,
      timeUs: e.timeUs,
      topic: e.topic,
      partition: e.partition,
      offset: e.offset,
      eventId: e.eventId,
      key,
      explanation,
    };
  }

  /**
   * Records [from, to) of the partition left the log: the appended heads among them are gone
   * (checked at the key's next append; only a truncation removes records, and an offset a
   * truncation emptied can hold the head again only by an append of its key, which checks).
   */
  onTruncated(topic: string, partition: number, from: number, to: number): void {
    for (const heads of this.appended.values())
      for (const h of heads.values())
        if (h.topic === topic && h.partition === partition && h.offset >= from && h.offset < to)
          h.gone = true;
  }
}

/**
 * The producer's latest record of the key still in the log: in the removed head's partition
 * (a keyed record's key lives there), or for a null-keyed entity in any partition of its topic.
 */
function latestInLog(facts: Facts, producer: string, key: string, was: KeyHead): KeyHead | null {
  const ti = facts.model.topicIndex.get(was.topic);
  const partitions =
    was.entityOnly && ti !== undefined
      ? Array.from({ length: facts.model.topics[ti]!.partitions }, (_, p) => p)
      : [was.partition];
  let best: KeyHead | null = null;
  const records = facts.records;
  for (const p of partitions) {
    const start = records.logStart(was.topic, p);
    let r: RecordAppended | undefined;
    for (let o = records.logEnd(was.topic, p) - 1; o >= start && !r; o--) {
      const at = records.at(was.topic, p, o);
      if (at && at.producer === producer && (at.entity ?? at.key) === key) r = at;
    }
    // Below the held records: the last released one (a truncation never reaches it).
    r ??= records.releasedHead(was.topic, p, producer, key);
    if (r) {
      if (!best || r.eventId > best.eventId)
        best = {
          eventId: r.eventId,
          member: null,
          timeUs: r.timeUs,
          topic: r.topic,
          partition: r.partition,
          offset: r.offset,
          entityOnly: r.key === null,
        };
    }
  }
  return best;
}

function inner<V>(outer: Map<string, Map<string, V>>, k: string): Map<string, V> {
  let m = outer.get(k);
  if (!m) outer.set(k, (m = new Map()));
  return m;
}

function laterRecord(facts: Facts, eventId: number): KeyHead | null {
  const r = facts.records.byEventId(eventId);
  return r
    ? {
        eventId,
        member: null,
        timeUs: -1,
        topic: r.topic,
        partition: r.partition,
        offset: r.offset,
      }
    : null;
}

interface Growth {
  e: PartitionsAdded;
  index: number;
}

/**
 * The growth of the topic that moved the record's key from this partition to the later
 * record's: the latest one before now under which murmur2(key) % from is here and % to there.
 */
function movedBy(
  growths: readonly Growth[],
  e: RecordProcessed,
  rec: RecordAppended,
  later: KeyHead | null,
): Growth | null {
  if (rec.key === null || !later || later.topic !== e.topic || later.partition === e.partition)
    return null;
  for (let i = growths.length - 1; i >= 0; i--) {
    const g = growths[i]!;
    if (g.e.topic !== e.topic || g.e.timeUs > e.timeUs) continue;
    if (
      partitionForKey(rec.key, g.e.from) === e.partition &&
      partitionForKey(rec.key, g.e.to) === later.partition
    )
      return g;
  }
  return null;
}

function processingAnomaly(
  facts: Facts,
  e: RecordProcessed,
  rec: RecordAppended,
  key: string,
  later: KeyHead | null,
  index: number,
  growths: readonly Growth[],
): Anomaly {
  const grown = movedBy(growths, e, rec, later);
  const { cause, text } = grown
    ? { cause: 'partitions-added' as const, text: movedText(grown.e, key, e.partition, later!) }
    : diagnose(facts, e, rec, key, later);
  const explanation = msg('explain.reordered.processed', {
    key,
    group: e.group,
    member: e.member,
    eventId: e.eventId,
    place: place(tpName(e.topic, e.partition), e.offset),
    at: timeParam(e.timeUs),
    laterId: String(e.reorderedAfter),
    laterPlace: later
      ? place(tpName(later.topic, later.partition), later.offset)
      : msg('explain.reordered.laterOffset'),
    by: later?.member
      ? msg('explain.reordered.processedBy', {
          member: later.member,
          at: timeParam(later.timeUs),
        })
      : '',
    diagnosis: text,
  });
  return {
    id: anomalyId('reordered', index, {
      group: e.group,
      topic: e.topic,
      partition: e.partition,
      offset: e.offset,
    }),
    kind: 'reordered',
    cause,
    count: 1,
    index,
    timeUs: e.timeUs,
    group: e.group,
    member: e.member,
    topic: e.topic,
    partition: e.partition,
    offset: e.offset,
    eventId: e.eventId,
    key,
    explanation,
    ...(grown ? { causeIndex: grown.index } : causeIndexOf(facts, e, cause)),
  };
}

/** "key user-7 moved from partition 2 to 5 when orders grew from 4 to 6 partitions at …". */
function movedText(g: PartitionsAdded, key: string, from: number, later: KeyHead): Msg {
  const others = g.moved.filter((k) => k !== key);
  return msg('explain.reordered.partitionsAdded', {
    key,
    topic: g.topic,
    oldPartition: from,
    newPartition: later.partition,
    from: g.from,
    to: g.to,
    at: timeParam(g.timeUs),
    moved: others.join(', '),
    more: g.movedCount - 1 - others.length,
    others: others.length,
  });
}

function diagnose(
  facts: Facts,
  e: RecordProcessed,
  rec: RecordAppended,
  key: string,
  later: KeyHead | null,
): { cause: AnomalyCause; text: Msg } {
  if (rec.key === null && later && (later.topic !== e.topic || later.partition !== e.partition)) {
    const pm = facts.model.producers[facts.model.producerIndex.get(rec.producer) ?? -1];
    const field = pm ? `${pm.keyField} ` : '';
    return {
      cause: 'null-key',
      text: msg('explain.reordered.nullKey', {
        producer: rec.producer,
        field,
        key,
        there: tpName(later.topic, later.partition),
        here: tpName(e.topic, e.partition),
      }),
    };
  }
  const mf = facts.member(e.group, e.member);
  if (mf.expired) {
    // The sentence starts with the member: "Consumer c-1 was paused…".
    const subject = msg('explain.subject.Consumer', { member: e.member });
    const why = expiryReason(facts.model, e.group, e.member, mf.expired, mf.lastPause, subject);
    const owner =
      later?.member && later.member !== e.member
        ? msg('explain.reordered.gaveTo', {
            tp: tpName(e.topic, e.partition),
            member: later.member,
          })
        : '';
    return {
      cause: 'zombie',
      text: msg('explain.reordered.zombie', {
        reason: why,
        at: timeParam(mf.expired.timeUs),
        owner,
        member: e.member,
      }),
    };
  }
  return { cause: 'processing-order', text: msg('explain.reordered.order') };
}

function causeIndexOf(
  facts: Facts,
  e: RecordProcessed,
  cause: AnomalyCause,
): { causeIndex?: number } {
  if (cause !== 'zombie') return {};
  const expired = facts.member(e.group, e.member).expired;
  return expired ? { causeIndex: expired.index } : {};
}
