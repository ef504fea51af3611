import type {
  CommitCause,
  CommitOffset,
  CommitRejected,
  FetchRange,
  OffsetsCommitted,
} from './events';
import type { SimState } from './state';

/**
 * Where each assigned partition stands: one past the last record this member has finished
 * (records fetched but not yet processed do not count). Used to commit on a graceful leave and
 * to explain a crash.
 */
export function processedPoints(s: SimState, mi: number): Map<number, number> {
  const m = s.members[mi]!;
  const out = new Map<number, number>();
  for (const gp of m.assigned) {
    const pos = m.position.get(gp);
    if (pos !== undefined) out.set(gp, pos);
  }
  const b = m.batch;
  if (b) {
    for (let r = b.range; r < b.gps.length; r++) {
      out.set(b.gps[r]!, r === b.range ? b.offset : b.from[r]!);
    }
  }
  return out;
}

/** Records processed since the group's last commit, per partition: what a crash will redo. */
export function uncommittedRanges(s: SimState, mi: number): FetchRange[] {
  const g = s.groups[s.model.members[mi]!.group]!;
  const out: FetchRange[] = [];
  for (const [gp, point] of processedPoints(s, mi)) {
    const c = Math.max(0, g.committed[gp]!);
    if (point > c)
      out.push({
        topic: topicPartition(s, gp).topic,
        partition: s.model.gpPartition[gp]!,
        from: c,
        to: point,
      });
  }
  return out;
}

export function topicPartition(s: SimState, gp: number): { topic: string; partition: number } {
  return { topic: s.model.topics[s.model.gpTopic[gp]!]!.name, partition: s.model.gpPartition[gp]! };
}

/**
 * The OffsetCommit request and the coordinator's answer. Kafka accepts a commit from a member
 * of the current generation (also while the group prepares a rebalance) and rejects one from a
 * member it removed (UNKNOWN_MEMBER_ID) or from an older generation (ILLEGAL_GENERATION): the
 * zombie's late commit.
 */
export function commitEvent(
  s: SimState,
  mi: number,
  t: number,
  cause: CommitCause,
  points: Map<number, number>,
  generation = s.members[mi]!.generation,
  allowEmpty = false,
): OffsetsCommitted | CommitRejected | null {
  const mm = s.model.members[mi]!;
  const gm = s.model.groups[mm.group]!;
  const g = s.groups[mm.group]!;
  const m = s.members[mi]!;
  const offsets: CommitOffset[] = [];
  for (const [gp, offset] of points) {
    if (g.committed[gp] !== offset) {
      offsets.push({
        topic: s.model.topics[s.model.gpTopic[gp]!]!.name,
        partition: s.model.gpPartition[gp]!,
        offset,
      });
    }
  }
  if (offsets.length === 0 && !allowEmpty) return null;
  // Object literals spelled out (no spreads): this runs on every poll.
  const group = gm.id;
  const member = mm.id;
  const cut = s.cluster.cuts.some((c) => c.client === mm.id && c.server === 'coordinator');
  if (cut) {
    const error = 'REQUEST_TIMED_OUT';
    return {
      type: 'commitRejected',
      timeUs: t,
      group,
      member,
      generation,
      cause,
      offsets,
      groupGeneration: g.generation,
      error,
    };
  }
  if (m.inGroup && generation === g.generation) {
    return { type: 'offsetsCommitted', timeUs: t, group, member, generation, cause, offsets };
  }
  const error = m.inGroup ? 'ILLEGAL_GENERATION' : 'UNKNOWN_MEMBER_ID';
  return {
    type: 'commitRejected',
    timeUs: t,
    group,
    member,
    generation,
    cause,
    offsets,
    groupGeneration: g.generation,
    error,
  };
}

/** The member's fetch positions of its assigned partitions: what auto-commit commits. */
export function positions(s: SimState, mi: number): Map<number, number> {
  const m = s.members[mi]!;
  const out = new Map<number, number>();
  for (const gp of m.assigned) {
    const p = m.position.get(gp);
    if (p !== undefined) out.set(gp, p);
  }
  return out;
}
