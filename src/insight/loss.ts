import type {
  OffsetsSkipped,
  ProduceAcked,
  ProduceRequested,
  RecordDeadLettered,
  RecordProcessed,
} from '../engine/kafka/events';
import { anomalyId, type Anomaly } from './anomaly';
import { tpName, type InsightEvent, type LogTruncated } from './events';
import type { Facts, PartitionFacts } from './facts';
import type { TruncationLoss } from './ledger';
import { msg } from '../i18n/translate';
import type { Msg, Param } from '../i18n/types';
import { joinList, offsetRange, place, records, timeParam } from './format';
import { expiryReason } from './why';
import { findLast } from './util';
import { outOfRangeLatestText, retentionLossText, type RetentionFacts } from './retention';

/**
 * Records a group will never process because its committed offset jumped past them
 * (`offsetsSkipped`): committed before processing by a consumer that then died or was removed
 * (at-most-once), started at the log end by auto.offset.reset=latest, or deleted by retention
 * before the group read them (its position fell below the log start offset).
 */
export function skippedAnomaly(
  facts: Facts,
  e: OffsetsSkipped,
  index: number,
  retention?: RetentionFacts,
): Anomaly {
  const tp = tpName(e.topic, e.partition);
  const head = neverProcessed(tp, e.from, e.to, e.to - e.from, e.group);
  let explanation: Msg;
  let causeIndex: number | undefined;
  // The group had committed offsets once: the coordinator expired them while it was Empty.
  const expired =
    e.reason === 'auto.offset.reset=latest' && !e.outOfRange
      ? findLast(
          facts.partition(e.group, e.topic, e.partition).setbacks,
          (s) => s.kind === 'expired' && s.index < index,
        )
      : undefined;
  if (expired) {
    const x = expired.expired!;
    causeIndex = expired.index;
    explanation = msg('explain.lost.resetLatestExpired', {
      head,
      group: e.group,
      tp,
      offset: x.offset,
      since: timeParam(x.emptySinceUs),
      minutes: x.retentionMs / 60_000,
      expiredAt: timeParam(expired.timeUs),
      member: e.member,
      end: e.to,
      at: timeParam(e.timeUs),
    });
  } else if (e.reason === 'retention') {
    explanation = retentionLossText(e, retention?.covering(e.topic, e.partition, e.from));
  } else if (e.reason === 'auto.offset.reset=latest' && e.outOfRange) {
    explanation = outOfRangeLatestText(e, head);
  } else if (e.reason === 'auto.offset.reset=latest') {
    explanation = msg('explain.lost.resetLatest', {
      head,
      tp,
      member: e.member,
      end: e.to,
      at: timeParam(e.timeUs),
    });
  } else {
    const story = commitStory(facts, e);
    causeIndex = story.causeIndex;
    explanation = msg('explain.lost.skipped', {
      head,
      story: story.text,
      at: timeParam(e.timeUs),
      member: e.member,
      end: e.to,
      zombie: story.zombie ? 'yes' : 'no',
    });
  }
  return {
    id: anomalyId('lost', index, {
      group: e.group,
      topic: e.topic,
      partition: e.partition,
      offset: e.from,
    }),
    kind: 'lost',
    cause: expired
      ? 'offsets-expired'
      : e.reason === 'retention'
        ? 'retention'
        : e.reason === 'auto.offset.reset=latest'
          ? 'offset-reset-latest'
          : 'commit-before-processing',
    count: e.to - e.from,
    index,
    timeUs: e.timeUs,
    group: e.group,
    member: e.member,
    topic: e.topic,
    partition: e.partition,
    offset: e.from,
    endOffset: e.to,
    ...single(facts, e.topic, e.partition, e.from, e.to),
    explanation,
    ...(causeIndex === undefined ? {} : { causeIndex }),
  };
}

/** "orders-0 @ 400–452 (53 records) will never be processed by group g". */
function neverProcessed(tp: string, from: number, to: number, n: number, group: string): Msg {
  return msg('explain.lost.never', {
    place: place(tp, offsetRange(from, to)),
    records: records(n),
    group,
  });
}

/** "consumer c-1 committed offset 12 at 30 ms before processing them (…at-most-once)". */
function committedBefore(member: string, end: number, timeUs: number): Msg {
  return msg('explain.lost.committedBefore', { member, end, at: timeParam(timeUs) });
}

/** Who committed past the records, and what happened to that consumer before it processed them. */
function commitStory(
  facts: Facts,
  e: OffsetsSkipped,
): { text: Msg; causeIndex?: number; zombie: boolean } {
  const c = facts.partition(e.group, e.topic, e.partition).committed;
  if (!c) return { text: msg('explain.lost.alreadyCommitted', { end: e.to }), zombie: false };
  const commit = committedBefore(c.member, e.to, c.timeUs);
  const done =
    e.from === 0
      ? msg('explain.lost.noneDone')
      : msg('explain.lost.doneUpTo', { last: e.from - 1 });
  const mf = facts.member(e.group, c.member);
  if (mf.crashed && mf.crashed.timeUs >= c.timeUs) {
    return {
      text: msg('explain.lost.thenCrashed', { commit, at: timeParam(mf.crashed.timeUs), done }),
      causeIndex: mf.crashed.index,
      zombie: false,
    };
  }
  if (mf.expired) {
    const why = expiryReason(
      facts.model,
      e.group,
      c.member,
      mf.expired,
      mf.lastPause,
      msg('explain.subject.it'),
    );
    return {
      text: msg('explain.lost.thenRemoved', {
        commit,
        reason: why,
        at: timeParam(mf.expired.timeUs),
        done,
      }),
      causeIndex: mf.expired.index,
      zombie: true,
    };
  }
  return {
    text: msg('explain.lost.gaveUp', { commit, done }),
    causeIndex: c.index,
    zombie: false,
  };
}

/**
 * Records removed from a partition's log (a leader with a shorter log took over). Lost to the
 * log: the acknowledged ones (the producer was told they were written); lost to a group: those
 * of them it had not processed. Records nobody acknowledged are not lost: their producer retries
 * them (with enable.idempotence, once each and in order). One anomaly for the log and one per
 * group that lost records; none when only unacknowledged records went.
 */
export function truncationAnomalies(
  facts: Facts,
  e: LogTruncated,
  loss: TruncationLoss,
  index: number,
): Anomaly[] {
  const tp = tpName(e.topic, e.partition);
  const unacked = loss.removed - loss.acked;
  const retried: Param = unacked === 0 ? '' : msg('explain.lost.retried', { n: unacked });
  const cut = msg('explain.lost.removed', {
    place: place(tp, offsetRange(e.fromOffset, e.toOffset)),
    n: loss.removed,
    at: timeParam(e.timeUs),
    reason: e.reason,
  });
  const base = {
    kind: 'lost' as const,
    cause: 'log-truncated' as const,
    index,
    timeUs: e.timeUs,
    topic: e.topic,
    partition: e.partition,
    offset: e.fromOffset,
    endOffset: e.toOffset,
    ...single(facts, e.topic, e.partition, e.fromOffset, e.toOffset),
  };
  const out: Anomaly[] = [];
  if (loss.acked > 0) {
    const readers =
      loss.groups.length === 0
        ? msg('explain.lost.noReader', { topic: e.topic })
        : joinList(
            loss.groups.map((g) =>
              g.lost > 0
                ? msg('explain.lost.notProcessed', { group: g.group, records: records(g.lost) })
                : msg('explain.lost.alreadyProcessed', { group: g.group }),
            ),
          );
    out.push({
      ...base,
      id: anomalyId('lost', index, {
        topic: e.topic,
        partition: e.partition,
        offset: e.fromOffset,
      }),
      count: loss.acked,
      explanation: msg('explain.lost.truncatedAcked', {
        cut,
        acked: ackedText(loss),
        n: loss.acked,
        readers,
        retried,
      }),
    });
  }
  for (const g of loss.groups) {
    if (g.lost === 0) continue;
    out.push({
      ...base,
      id: anomalyId('lost', index, {
        group: g.group,
        topic: e.topic,
        partition: e.partition,
        offset: e.fromOffset,
      }),
      group: g.group,
      count: g.lost,
      explanation: msg('explain.lost.truncatedGroup', {
        cut,
        group: g.group,
        records: records(g.lost),
        committed: g.committed,
        end: e.fromOffset,
        retried,
      }),
    });
  }
  return out;
}

/** "it had been acknowledged", "all 4 had been…", "3 of them had been…". */
function ackedText(loss: TruncationLoss): Msg {
  if (loss.acked === loss.removed)
    return loss.removed === 1
      ? msg('explain.lost.ackedIt')
      : msg('explain.lost.ackedAll', { n: loss.removed });
  return msg('explain.lost.ackedSome', { acked: loss.acked });
}

/** Acknowledged records that never made it into the log, or had left it by the time the ack came. */
export function ackedGoneAnomaly(
  e: ProduceAcked | ProduceRequested,
  count: number,
  index: number,
): Anomaly {
  const tp = tpName(e.topic, e.partition);
  const requested = e.type === 'produceRequested';
  const params = { producer: e.producer, n: count, tp, at: timeParam(e.timeUs) };
  const explanation = requested
    ? msg('explain.lost.requestLost', params)
    : msg('explain.lost.ackedTruncated', params);
  return {
    id: anomalyId('lost', index, { topic: e.topic, partition: e.partition }),
    kind: 'lost',
    cause: requested ? 'request-lost' : 'log-truncated',
    index,
    timeUs: e.timeUs,
    topic: e.topic,
    partition: e.partition,
    ...(requested ? {} : { offset: e.baseOffset, endOffset: e.baseOffset + e.count }),
    count,
    explanation,
  };
}

/** A one-record range names its event and key. */
function single(
  facts: Facts,
  topic: string,
  partition: number,
  from: number,
  to: number,
): { eventId?: number; key?: string } {
  if (to - from !== 1) return {};
  const rec = facts.records.at(topic, partition, from);
  if (!rec) return {};
  const key = rec.key ?? rec.entity;
  return key === null ? { eventId: rec.eventId } : { eventId: rec.eventId, key };
}

/**
 * Records a group committed past without processing them, on a partition no live member holds
 * any more (its consumer crashed, left, or gave it up in a rebalance): whoever gets it next
 * starts from the committed offset, so they are lost from this moment (`delta` > 0). A negative
 * `delta` takes records back: a zombie processed them after all.
 */
export function strandedAnomaly(
  pf: PartitionFacts,
  e: InsightEvent,
  delta: number,
  stranded: number,
  index: number,
): Anomaly {
  const tp = tpName(pf.topic, pf.partition);
  const c = pf.committed;
  const end = Math.max(0, c?.offset ?? 0);
  const from = end - stranded;
  const member = 'member' in e && typeof e.member === 'string' ? e.member : undefined;
  const at = timeParam(e.timeUs);
  let explanation: Msg;
  if (delta > 0) {
    const what =
      e.type === 'consumerCrashed'
        ? msg('explain.lost.thenMemberCrashed', { member: String(member), at })
        : e.type === 'memberLeft'
          ? msg('explain.lost.thenMemberLeft', { member: String(member), at })
          : msg('explain.lost.thenTaken', { member: member ?? msg('explain.lost.itsOwner'), at });
    const who = c ? committedBefore(c.member, end, c.timeUs) : msg('explain.lost.committedPast');
    explanation = msg('explain.lost.stranded', {
      head: neverProcessed(tp, from, end, delta, pf.group),
      who,
      what,
      tp,
      end,
    });
  } else {
    explanation = msg('explain.lost.recounted', {
      n: -delta,
      tp,
      group: pf.group,
      by: member ? msg('explain.lost.byMember', { member }) : '',
      at,
    });
  }
  return {
    id: anomalyId('lost', index, {
      group: pf.group,
      topic: pf.topic,
      partition: pf.partition,
      offset: from,
    }),
    kind: 'lost',
    cause: 'commit-before-processing',
    index,
    timeUs: e.timeUs,
    group: pf.group,
    ...(member ? { member } : {}),
    topic: pf.topic,
    partition: pf.partition,
    ...(delta > 0 ? { offset: from, endOffset: end } : {}),
    count: delta,
    explanation,
    ...(delta > 0 && c ? { causeIndex: c.index } : {}),
  };
}

/** A record the group had skipped (lost) that a zombie processed after all: one fewer lost. */
export function recoveredAnomaly(e: RecordProcessed | RecordDeadLettered, index: number): Anomaly {
  const tp = tpName(e.topic, e.partition);
  return {
    id: anomalyId('lost', index, {
      group: e.group,
      topic: e.topic,
      partition: e.partition,
      offset: e.offset,
    }),
    kind: 'lost',
    cause: 'commit-before-processing',
    index,
    timeUs: e.timeUs,
    group: e.group,
    member: e.member,
    topic: e.topic,
    partition: e.partition,
    offset: e.offset,
    ...('eventId' in e ? { eventId: e.eventId } : {}),
    count: -1,
    explanation: msg('explain.lost.recovered', {
      place: place(tp, e.offset),
      group: e.group,
      how: e.type === 'recordDeadLettered' ? 'dead' : 'processed',
      member: e.member,
      at: timeParam(e.timeUs),
    }),
  };
}
