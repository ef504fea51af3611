/**
 * Committed offsets expire (issue 12), as Kafka's group coordinator expires them (KIP-211,
 * Kafka 2.1+; GroupMetadataManager.cleanupGroupMetadata → GroupMetadata.removeExpiredOffsets):
 * the coordinator runs its cleanup every offsets.retention.check.interval.ms (default 600000,
 * first run at start), and a consumer group that has been Empty (no members) for
 * offsets.retention.minutes (default 10080: 7 days) loses every committed offset. While the
 * group has members its offsets never expire. A member that joins afterwards finds no committed
 * offset and auto.offset.reset decides: `latest` skips what was written meanwhile (lost),
 * `earliest` reads the partition again from the log start (processed twice).
 * decide-side (the step and the wake); evolve.ts applies `offsetsExpired`.
 */
import type { OffsetsExpired, SimEvent } from './events';
import { topicPartition } from './commit';
import type { Scenario } from '../scenario/types';
import type { SimState } from './state';

/** The coordinator's offsets retention, in µs. */
export interface OffsetsRetentionModel {
  retentionUs: number;
  checkIntervalUs: number;
}

/** Kafka's defaults (GroupCoordinator / OffsetConfig). */
export const OFFSETS_RETENTION_DEFAULTS = {
  'offsets.retention.minutes': 10_080,
  'offsets.retention.check.interval.ms': 600_000,
} as const;

/**
 * The model's offsets retention, or null when the scenario's broker section does not set
 * offsets.retention.minutes (then no actor exists: with Kafka's 7 days nothing expires in a
 * run, and every other scenario keeps its actor layout and event log).
 */
export function compileOffsetsRetention(s: Scenario): OffsetsRetentionModel | null {
  const minutes = s.broker?.['offsets.retention.minutes'];
  if (minutes === undefined) return null;
  const interval =
    s.broker?.['offsets.retention.check.interval.ms'] ??
    OFFSETS_RETENTION_DEFAULTS['offsets.retention.check.interval.ms'];
  return { retentionUs: minutes * 60_000_000, checkIntervalUs: interval * 1000 };
}

/** When a group's offsets are found expired: the first cleanup at or after Empty + retention. */
function dueUs(s: SimState, gi: number): number {
  const r = s.model.offsetsRetention!;
  const g = s.groups[gi]!;
  if (g.emptySinceUs < 0 || g.members.length > 0) return Number.POSITIVE_INFINITY;
  let any = false;
  for (let i = 0; i < g.committed.length && !any; i++) any = g.committed[i]! >= 0;
  if (!any) return Number.POSITIVE_INFINITY;
  const at = g.emptySinceUs + r.retentionUs;
  return Math.ceil(at / r.checkIntervalUs) * r.checkIntervalUs;
}

/** The coordinator's next cleanup that expires something (Infinity: none). */
export function nextOffsetsExpiryUs(s: SimState): number {
  if (!s.model.offsetsRetention) return Number.POSITIVE_INFINITY;
  let next = Number.POSITIVE_INFINITY;
  for (let gi = 0; gi < s.groups.length; gi++) next = Math.min(next, dueUs(s, gi));
  return next;
}

/** The cleanup at time t: every group Empty for offsets.retention.minutes loses its offsets. */
export function offsetsExpiryStep(s: SimState, t: number): SimEvent[] {
  const out: OffsetsExpired[] = [];
  const r = s.model.offsetsRetention!;
  for (let gi = 0; gi < s.groups.length; gi++) {
    if (dueUs(s, gi) > t) continue;
    const g = s.groups[gi]!;
    const offsets: OffsetsExpired['offsets'] = [];
    for (let gp = 0; gp < g.committed.length; gp++)
      if (g.committed[gp]! >= 0)
        offsets.push({ ...topicPartition(s, gp), offset: g.committed[gp]! });
    out.push({
      type: 'offsetsExpired',
      timeUs: t,
      group: s.model.groups[gi]!.id,
      emptySinceUs: g.emptySinceUs,
      retentionMs: r.retentionUs / 1000,
      offsets,
    });
  }
  if (out.length === 0) throw new Error(`offsets expiry woke at ${t}µs with nothing to expire`);
  return out;
}
