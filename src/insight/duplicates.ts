import type { RecordProcessed } from '../engine/events';
import { anomalyId, type Anomaly } from './anomaly';
import { tpName } from './events';
import type { CommitFact, Facts, PartitionFacts, Setback } from './facts';
import { formatMs, times } from './format';
import type { RecordAppended } from './records';
import { findLast } from './util';
import { expiryReason } from './why';

/**
 * A group processed an offset again (`recordProcessed.redelivered`). The explanation names the
 * setback that threw the progress away (a crash before the commit, a zombie, a rejected commit),
 * the group's last commit at that moment, and where the new owner resumed.
 * `count` is how many times the group has now processed the offset.
 */
export function redeliveryAnomaly(
  facts: Facts,
  e: RecordProcessed,
  index: number,
  count: number,
): Anomaly {
  const pf = facts.partition(e.group, e.topic, e.partition);
  const tp = tpName(e.topic, e.partition);
  const zombie = zombieAfterOwner(facts, pf, e);
  const setback = zombie ? null : findSetback(pf, e.offset, index);
  const head = `${tp} @ ${e.offset} was processed ${times(count)} by group ${e.group}`;
  const why = zombie
    ? zombie.text
    : `${setback ? setbackText(facts, pf, setback, e.offset) : fallbackText(pf)}; ${resumeText(pf, e, setback?.primary ?? null)}`;
  const absorbed = e.deduplicated
    ? ' The second delivery was absorbed by the dedup store (an idempotent consumer): the side effect ran once.'
    : '';
  const rec = facts.records.at(e.topic, e.partition, e.offset);
  return {
    id: anomalyId('duplicate', index, {
      group: e.group,
      topic: e.topic,
      partition: e.partition,
      offset: e.offset,
    }),
    kind: 'duplicate',
    cause: zombie ? 'zombie' : setback ? CAUSE[setback.primary.kind] : 'redelivery',
    count: count === 2 ? 1 : 0,
    index,
    timeUs: e.timeUs,
    group: e.group,
    member: e.member,
    topic: e.topic,
    partition: e.partition,
    offset: e.offset,
    eventId: e.eventId,
    ...keyOf(rec),
    ...(e.deduplicated ? { absorbed: true } : {}),
    explanation: `${head}: ${why}.${absorbed}`,
    ...(zombie
      ? { causeIndex: zombie.causeIndex }
      : setback
        ? { causeIndex: setback.primary.index }
        : {}),
  };
}

/** The same event appended twice by one producer: the log itself holds a duplicate. */
export function appendDuplicateAnomaly(
  facts: Facts,
  e: RecordAppended,
  first: RecordAppended,
  index: number,
): Anomaly {
  const firstIndex = facts.records.appendIndex(e.eventId);
  const explanation =
    `Event ${e.eventId} from producer ${e.producer} was appended twice: at ` +
    `${tpName(first.topic, first.partition)} @ ${first.offset} (${formatMs(first.timeUs)}) and again at ` +
    `${tpName(e.topic, e.partition)} @ ${e.offset} (${formatMs(e.timeUs)}). The producer retried a ` +
    `send whose acknowledgement it never got, and without enable.idempotence=true the broker ` +
    `wrote the record a second time; every group reading ${e.topic} will process both copies.`;
  return {
    id: anomalyId('duplicate', index, { topic: e.topic, partition: e.partition, offset: e.offset }),
    kind: 'duplicate',
    cause: 'producer-retry',
    count: 1,
    index,
    timeUs: e.timeUs,
    topic: e.topic,
    partition: e.partition,
    offset: e.offset,
    eventId: e.eventId,
    ...keyOf(e),
    explanation,
    ...(firstIndex >= 0 ? { causeIndex: firstIndex } : {}),
  };
}

/** The record's key, or the entity its payload names when the key is null. */
export function keyOf(rec: RecordAppended | undefined): { key?: string } {
  const key = rec ? (rec.key ?? rec.entity) : null;
  return key === null ? {} : { key };
}

const CAUSE = {
  crash: 'crash-before-commit',
  zombie: 'zombie',
  rejected: 'rejected-commit',
} as const;

interface Found {
  primary: Setback;
  /** A zombie's late commit, refused: told after the zombie story. */
  rejection: Setback | null;
}

/** The latest setback before `index` that threw away progress covering `offset`. */
function findSetback(pf: PartitionFacts, offset: number, index: number): Found | null {
  const covers = (s: Setback) => s.index < index && s.from <= offset && offset < s.to;
  const latest = findLast(pf.setbacks, covers);
  if (!latest) return null;
  if (latest.kind !== 'rejected') return { primary: latest, rejection: null };
  const zombie = findLast(
    pf.setbacks,
    (s) => covers(s) && s.kind === 'zombie' && s.member === latest.member,
  );
  return zombie ? { primary: zombie, rejection: latest } : { primary: latest, rejection: null };
}

function setbackText(facts: Facts, pf: PartitionFacts, found: Found, offset: number): string {
  const s = found.primary;
  const tp = tpName(pf.topic, pf.partition);
  if (s.kind === 'crash') {
    return `consumer ${s.member} crashed at ${formatMs(s.timeUs)} after processing it and before committing (${lastCommitText(s, tp)})`;
  }
  if (s.kind === 'rejected') return rejectionText(s);
  const late = s.zombieFrom !== undefined && offset >= s.zombieFrom;
  const what = late
    ? 'and it processed this record afterwards, as a zombie, without being able to commit it'
    : 'after it had processed this record and before it committed';
  const tail = found.rejection ? `; ${rejectionText(found.rejection)}` : '';
  return `${expiryReason(facts.model, pf.group, s.member, s.expiry!, s.pause)}, so the coordinator removed it at ${formatMs(s.timeUs)} ${what} (${lastCommitText(s, tp)})${tail}`;
}

function rejectionText(s: Setback): string {
  const r = s.rejected!;
  const why =
    r.error === 'ILLEGAL_GENERATION'
      ? `it committed with generation ${r.generation}, but a rebalance had moved the group to generation ${r.groupGeneration}`
      : 'the coordinator had already removed it from the group';
  const stayed = s.lastCommit ? `stayed at ${s.lastCommit.offset}` : 'stayed unset';
  return `consumer ${s.member}'s commit of offset ${r.offset} at ${formatMs(s.timeUs)} was rejected with ${r.error} (${why}), so the group's committed offset ${stayed}`;
}

/** "its last commit was 38", or who else committed last, or that nobody had. */
function lastCommitText(s: Setback, tp: string): string {
  const c: CommitFact | null = s.lastCommit;
  if (!c) return `no offset had been committed on ${tp} yet`;
  if (c.member === s.member) return `its last commit was ${c.offset}, at ${formatMs(c.timeUs)}`;
  return `the group's last commit on ${tp} was ${c.offset}, by ${c.member} at ${formatMs(c.timeUs)}`;
}

function resumeText(pf: PartitionFacts, e: RecordProcessed, setback: Setback | null): string {
  const a = pf.assignment;
  if (a && a.member === e.member && a.position !== undefined) {
    const how = setback && setback.member === e.member ? 'rejoined' : 'was assigned the partition';
    return `after the rebalance at ${formatMs(a.timeUs)} ${e.member} ${how} and resumed from the committed offset ${a.position}`;
  }
  return `${e.member} processed it again at ${formatMs(e.timeUs)}`;
}

/**
 * A zombie processing a record the partition's new owner already processed: the second
 * processing is the zombie's own, from the batch it fetched before it was removed.
 */
function zombieAfterOwner(
  facts: Facts,
  pf: PartitionFacts,
  e: RecordProcessed,
): { text: string; causeIndex: number } | null {
  const mf = facts.member(e.group, e.member);
  const a = pf.assignment;
  if (!mf.expired || !a || a.member === e.member || a.index < mf.expired.index) return null;
  const why = expiryReason(facts.model, e.group, e.member, mf.expired, mf.lastPause);
  const from = a.position === undefined ? '' : ` from the committed offset ${a.position}`;
  const text =
    `${why}, so the coordinator removed it at ${formatMs(mf.expired.timeUs)} and at ${formatMs(a.timeUs)} gave ` +
    `${tpName(pf.topic, pf.partition)} to ${a.member}, which resumed${from} and processed this record; ` +
    `${e.member} still held it in the batch it had fetched and processed it again at ${formatMs(e.timeUs)}, as a zombie`;
  return { text, causeIndex: mf.expired.index };
}

function fallbackText(pf: PartitionFacts): string {
  const c = pf.committed;
  const at = c ? `${c.offset} (committed by ${c.member} at ${formatMs(c.timeUs)})` : 'unset';
  return `the group's committed offset was behind it (${at}), so it was delivered again`;
}
