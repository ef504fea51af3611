import type { OffsetsSkipped } from '../engine/events';
import { anomalyId, type Anomaly } from './anomaly';
import { tpName, type LogTruncated } from './events';
import type { Facts } from './facts';
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

/** Records removed from a partition's log: no group that had not read them ever will. */
export function truncatedAnomaly(facts: Facts, e: LogTruncated, index: number): Anomaly {
  const tp = tpName(e.topic, e.partition);
  const n = e.toOffset - e.fromOffset;
  const ti = facts.model.topicIndex.get(e.topic);
  const groups =
    ti === undefined
      ? []
      : facts.model.topics[ti]!.subscribers.map((gi) => facts.model.groups[gi]!.id);
  const behind = groups
    .map((g) => ({
      g,
      c: Math.max(0, facts.partition(g, e.topic, e.partition).committed?.offset ?? 0),
    }))
    .filter(({ c }) => c < e.toOffset)
    .map(({ g, c }) => `group ${g} had committed only up to ${c}`);
  const readers =
    groups.length === 0
      ? `no group reads ${e.topic}`
      : behind.length === 0
        ? 'every group reading it had already committed past them'
        : `${behind.join(', ')}, and will never read them`;
  return {
    id: anomalyId('lost', index, { topic: e.topic, partition: e.partition, offset: e.fromOffset }),
    kind: 'lost',
    cause: 'log-truncated',
    index,
    timeUs: e.timeUs,
    topic: e.topic,
    partition: e.partition,
    offset: e.fromOffset,
    endOffset: e.toOffset,
    ...single(facts, e.topic, e.partition, e.fromOffset, e.toOffset),
    explanation: `${tp} @ ${offsetRange(e.fromOffset, e.toOffset)} (${records(n)}) ${n === 1 ? 'was' : 'were'} removed from the log at ${formatMs(e.timeUs)} (${e.reason}): ${readers}.`,
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
