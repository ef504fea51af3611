import type {
  OffsetsSkipped,
  ProduceAcked,
  ProduceRequested,
  RecordDeadLettered,
  RecordProcessed,
} from '../engine/events';
import { anomalyId, type Anomaly } from './anomaly';
import { tpName, type InsightEvent, type LogTruncated } from './events';
import type { Facts, PartitionFacts } from './facts';
import type { TruncationLoss } from './ledger';
import { formatMs, offsetRange, records } from './format';
import { expiryReason } from './why';

/**
 * Records a group will never process because its committed offset jumped past them
 * (`offsetsSkipped`): committed before processing by a consumer that then died or was removed
 * (at-most-once), or started at the log end by auto.offset.reset=latest.
 */
export function skippedAnomaly(facts: Facts, e: OffsetsSkipped, index: number): Anomaly {
  const tp = tpName(e.topic, e.partition);
  const head = `${tp} @ ${offsetRange(e.from, e.to)} (${records(e.to - e.from)}) will never be processed by group ${e.group}`;
  let explanation: string;
  let causeIndex: number | undefined;
  if (e.reason === 'auto.offset.reset=latest') {
    explanation =
      `${head}: the group had no committed offset on ${tp}, and with auto.offset.reset=latest ` +
      `${e.member} started at the log end (${e.to}) when it was assigned the partition at ${formatMs(e.timeUs)}.`;
  } else {
    const story = commitStory(facts, e);
    causeIndex = story.causeIndex;
    explanation =
      `${head}: ${story.text}; after the rebalance at ${formatMs(e.timeUs)} ${e.member} started ` +
      `from the committed offset ${e.to}.${story.zombie ? ' Only the zombie, if it is still processing its batch, may yet handle some of them.' : ''}`;
  }
  return {
    id: anomalyId('lost', index, {
      group: e.group,
      topic: e.topic,
      partition: e.partition,
      offset: e.from,
    }),
    kind: 'lost',
    cause:
      e.reason === 'auto.offset.reset=latest' ? 'offset-reset-latest' : 'commit-before-processing',
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

/** Who committed past the records, and what happened to that consumer before it processed them. */
function commitStory(
  facts: Facts,
  e: OffsetsSkipped,
): { text: string; causeIndex?: number; zombie: boolean } {
  const c = facts.partition(e.group, e.topic, e.partition).committed;
  if (!c) return { text: `the group's committed offset was already ${e.to}`, zombie: false };
  const commit = `consumer ${c.member} committed offset ${e.to} at ${formatMs(c.timeUs)} before processing them (commit before processing is at-most-once)`;
  const done =
    e.from === 0 ? 'before processing any of them' : `having processed only up to ${e.from - 1}`;
  const mf = facts.member(e.group, c.member);
  if (mf.crashed && mf.crashed.timeUs >= c.timeUs) {
    return {
      text: `${commit}, then crashed at ${formatMs(mf.crashed.timeUs)} ${done}`,
      causeIndex: mf.crashed.index,
      zombie: false,
    };
  }
  if (mf.expired) {
    const why = expiryReason(facts.model, e.group, c.member, mf.expired, mf.lastPause, 'it');
    return {
      text: `${commit}; then ${why}, so the coordinator removed it at ${formatMs(mf.expired.timeUs)} ${done}`,
      causeIndex: mf.expired.index,
      zombie: true,
    };
  }
  return {
    text: `${commit}, and gave up the partition ${done}`,
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
  const range = `${tp} @ ${offsetRange(e.fromOffset, e.toOffset)}`;
  const unacked = loss.removed - loss.acked;
  const retried =
    unacked === 0
      ? ''
      : ` The other ${records(unacked)} had not been acknowledged, so the producer retries ${unacked === 1 ? 'it' : 'them'}: not lost.`;
  const cut = `${range} (${records(loss.removed)}) ${loss.removed === 1 ? 'was' : 'were'} removed from the log at ${formatMs(e.timeUs)} (${e.reason})`;
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
        ? `no group reads ${e.topic}`
        : loss.groups
            .map((g) =>
              g.lost > 0
                ? `group ${g.group} had not processed ${records(g.lost)} of them`
                : `group ${g.group} had already processed them`,
            )
            .join('; ');
    out.push({
      ...base,
      id: anomalyId('lost', index, {
        topic: e.topic,
        partition: e.partition,
        offset: e.fromOffset,
      }),
      count: loss.acked,
      explanation:
        `${cut}: ${ackedText(loss)} to the producer and ${loss.acked === 1 ? 'is' : 'are'} gone for good` +
        `${readers ? ` (${readers})` : ''}.${retried}`,
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
      explanation:
        `${cut}: group ${g.group} will never process ${records(g.lost)} of them that had been acknowledged ` +
        `to the producer; it had committed up to ${g.committed}, and its consumers continue from the new log end ${e.fromOffset}.${retried}`,
    });
  }
  return out;
}

/** "it had been acknowledged", "all 4 had been…", "3 of them had been…". */
function ackedText(loss: TruncationLoss): string {
  if (loss.acked === loss.removed)
    return loss.removed === 1
      ? 'it had been acknowledged'
      : `all ${loss.removed} had been acknowledged`;
  return `${loss.acked} of them had been acknowledged`;
}

/** Acknowledged records that never made it into the log, or had left it by the time the ack came. */
export function ackedGoneAnomaly(
  e: ProduceAcked | ProduceRequested,
  count: number,
  index: number,
): Anomaly {
  const tp = tpName(e.topic, e.partition);
  const requested = e.type === 'produceRequested';
  const explanation = requested
    ? `Producer ${e.producer} sent ${records(count)} to ${tp} at ${formatMs(e.timeUs)} with acks=0, so it counted ${count === 1 ? 'it' : 'them'} as written, but the request never reached the broker: lost without anyone being told.`
    : `Producer ${e.producer} got the acknowledgement for ${records(count)} of ${tp} at ${formatMs(e.timeUs)}, but by then the log had been truncated below ${count === 1 ? 'it' : 'them'} (a new leader with a shorter log): acknowledged, yet not in the log.`;
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
  let explanation: string;
  if (delta > 0) {
    const what =
      e.type === 'consumerCrashed'
        ? `then ${member} crashed at ${formatMs(e.timeUs)}`
        : e.type === 'memberLeft'
          ? `then ${member} left the group at ${formatMs(e.timeUs)}`
          : `then the partition was taken from ${member ?? 'its owner'} at ${formatMs(e.timeUs)}`;
    const who = c
      ? `consumer ${c.member} committed offset ${end} at ${formatMs(c.timeUs)} before processing them (commit before processing is at-most-once)`
      : `the group committed past them`;
    explanation =
      `${tp} @ ${offsetRange(from, end)} (${records(delta)}) will never be processed by group ${pf.group}: ${who}; ` +
      `${what}, and whoever gets ${tp} next starts from the committed offset ${end}.`;
  } else {
    explanation =
      `${records(-delta)} of ${tp} counted as lost to group ${pf.group} ${-delta === 1 ? 'was' : 'were'} processed after all` +
      `${member ? ` by ${member}` : ''} at ${formatMs(e.timeUs)} (a zombie finishing the batch it had fetched).`;
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
    explanation:
      `${tp} @ ${e.offset}, which group ${e.group} had skipped past (counted as lost), was ${e.type === 'recordDeadLettered' ? 'handled (dead-lettered)' : 'processed'} after all by ` +
      `${e.member} at ${formatMs(e.timeUs)}: a zombie finishing the batch it had fetched before it was removed. It is no longer lost.`,
  };
}
