import type { ProducerRestarted, RecordProcessed } from '../engine/kafka/events';
import { anomalyId, type Anomaly } from './anomaly';
import { tpName } from './events';
import type { CommitFact, Facts, PartitionFacts, Setback } from './facts';
import { msg } from '../i18n/translate';
import type { Msg, Param } from '../i18n/types';
import { place, timeParam, times } from './format';
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
  const why = zombie
    ? zombie.text
    : msg('explain.duplicate.setbackThenResume', {
        setback: setback ? setbackText(facts, pf, setback, e.offset) : fallbackText(pf),
        resume: resumeText(pf, e, setback?.primary ?? null),
      });
  const explanation = msg('explain.duplicate.redelivery', {
    place: place(tp, e.offset),
    times: times(count),
    group: e.group,
    why,
    absorbed: e.deduplicated ? 'yes' : 'no',
  });
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
    explanation,
    ...(zombie
      ? { causeIndex: zombie.causeIndex }
      : setback
        ? { causeIndex: setback.primary.index }
        : {}),
  };
}

/**
 * The same event appended twice by one producer: the log itself holds a duplicate. `restart`:
 * the producer restarted after creating the event and before this copy (a new producer id).
 */
export function appendDuplicateAnomaly(
  facts: Facts,
  e: RecordAppended,
  first: RecordAppended,
  index: number,
  restart: ProducerRestarted | null = null,
): Anomaly {
  const firstIndex = facts.records.appendIndex(e.eventId);
  const params = {
    eventId: e.eventId,
    producer: e.producer,
    first: place(tpName(first.topic, first.partition), first.offset),
    firstAt: timeParam(first.timeUs),
    second: place(tpName(e.topic, e.partition), e.offset),
    secondAt: timeParam(e.timeUs),
    topic: e.topic,
  };
  const explanation = restart
    ? msg('explain.duplicate.restartedTwice', {
        ...params,
        restartAt: timeParam(restart.timeUs),
        pid: restart.producerId,
        previousPid: restart.previousProducerId,
      })
    : msg('explain.duplicate.appendedTwice', params);
  return {
    id: anomalyId('duplicate', index, { topic: e.topic, partition: e.partition, offset: e.offset }),
    kind: 'duplicate',
    cause: restart ? 'producer-restart' : 'producer-retry',
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
  aborted: 'transaction-aborted',
  expired: 'offsets-expired',
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

function setbackText(facts: Facts, pf: PartitionFacts, found: Found, offset: number): Msg {
  const s = found.primary;
  const tp = tpName(pf.topic, pf.partition);
  if (s.kind === 'crash') {
    return msg('explain.duplicate.crash', {
      member: s.member,
      at: timeParam(s.timeUs),
      lastCommit: lastCommitText(s, tp),
    });
  }
  if (s.kind === 'rejected') return rejectionText(s);
  if (s.kind === 'expired') {
    const x = s.expired!;
    return msg('explain.duplicate.offsetsExpired', {
      group: pf.group,
      tp,
      offset: x.offset,
      since: timeParam(x.emptySinceUs),
      minutes: x.retentionMs / 60_000,
      at: timeParam(s.timeUs),
    });
  }
  if (s.kind === 'aborted') {
    const a = s.aborted!;
    return msg('explain.duplicate.txnAborted', {
      member: s.member,
      txn: a.txn,
      at: timeParam(s.timeUs),
      reason: a.reason,
      position: s.from,
    });
  }
  const late = s.zombieFrom !== undefined && offset >= s.zombieFrom;
  return msg('explain.duplicate.removed', {
    reason: expiryReason(facts.model, pf.group, s.member, s.expiry!, s.pause),
    at: timeParam(s.timeUs),
    late: late ? 'yes' : 'no',
    lastCommit: lastCommitText(s, tp),
    rejection: found.rejection
      ? msg('explain.duplicate.andRejection', { rejection: rejectionText(found.rejection) })
      : '',
  });
}

function rejectionText(s: Setback): Msg {
  const r = s.rejected!;
  const why =
    r.error === 'ILLEGAL_GENERATION'
      ? msg('explain.duplicate.rejected.generation', {
          generation: r.generation,
          groupGeneration: r.groupGeneration,
        })
      : msg('explain.duplicate.rejected.removed');
  const stayed = s.lastCommit
    ? msg('explain.duplicate.stayedAt', { offset: s.lastCommit.offset })
    : msg('explain.duplicate.stayedUnset');
  return msg('explain.duplicate.rejected', {
    member: s.member,
    offset: r.offset,
    at: timeParam(s.timeUs),
    error: r.error,
    why,
    stayed,
  });
}

/** "its last commit was 38", or who else committed last, or that nobody had. */
function lastCommitText(s: Setback, tp: string): Msg {
  const c: CommitFact | null = s.lastCommit;
  if (!c) return msg('explain.commit.none', { tp });
  if (c.member === s.member)
    return msg('explain.commit.own', { offset: c.offset, at: timeParam(c.timeUs) });
  return msg('explain.commit.other', {
    tp,
    offset: c.offset,
    member: c.member,
    at: timeParam(c.timeUs),
  });
}

function resumeText(pf: PartitionFacts, e: RecordProcessed, setback: Setback | null): Msg {
  const a = pf.assignment;
  if (a && a.member === e.member && a.position !== undefined) {
    return msg('explain.duplicate.resumed', {
      at: timeParam(a.timeUs),
      member: e.member,
      how: setback && setback.member === e.member ? 'rejoined' : 'assigned',
      position: a.position,
    });
  }
  return msg('explain.duplicate.again', { member: e.member, at: timeParam(e.timeUs) });
}

/**
 * A zombie processing a record the partition's new owner already processed: the second
 * processing is the zombie's own, from the batch it fetched before it was removed.
 */
function zombieAfterOwner(
  facts: Facts,
  pf: PartitionFacts,
  e: RecordProcessed,
): { text: Msg; causeIndex: number } | null {
  const mf = facts.member(e.group, e.member);
  const a = pf.assignment;
  if (!mf.expired || !a || a.member === e.member || a.index < mf.expired.index) return null;
  const why = expiryReason(facts.model, e.group, e.member, mf.expired, mf.lastPause);
  const from: Param =
    a.position === undefined
      ? ''
      : msg('explain.duplicate.fromCommitted', { position: a.position });
  const text = msg('explain.duplicate.zombie', {
    reason: why,
    removedAt: timeParam(mf.expired.timeUs),
    assignedAt: timeParam(a.timeUs),
    tp: tpName(pf.topic, pf.partition),
    owner: a.member,
    from,
    member: e.member,
    at: timeParam(e.timeUs),
  });
  return { text, causeIndex: mf.expired.index };
}

function fallbackText(pf: PartitionFacts): Msg {
  const c = pf.committed;
  const committed = c
    ? msg('explain.duplicate.committedBy', {
        offset: c.offset,
        member: c.member,
        at: timeParam(c.timeUs),
      })
    : msg('explain.duplicate.unset');
  return msg('explain.duplicate.behind', { committed });
}
