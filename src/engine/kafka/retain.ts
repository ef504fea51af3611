/**
 * Releasing partition records nobody can read any more, so a long run's memory is bounded by
 * what its readers still need instead of by everything it ever appended.
 *
 * This is not Kafka's retention (`retention.ms`, default 7 days, never reached in a simulated
 * run): it changes nothing a run can observe. A record below a partition's floor can never be
 * read again by this state or any state folded on from it:
 * - consumers read from their fetch positions, their current batch, or the group's committed
 *   offset (a group without one may start from the earliest offset, so it holds offset 0),
 *   never below Kafka's log start offset (`logStartOffset`, moved by retention.ts: a position
 *   below it is reset, not read);
 * - an unclean leader election truncates a log to some replica's log-end offset, never below
 *   the lowest one, so records below every replica's end are never overwritten;
 * - an acknowledgement checks the first record of its batch (lost-acknowledged accounting);
 * - the last record stays (digest.ts names it);
 * - on the request path, a truncation's order fallback reads the last record of a key below
 *   the truncation (appendOrder.ts): the last released one per producer and key is kept in
 *   `releasedHeads`.
 * Same seed → same log hash, with or without releasing (property-tested in retain.test.ts).
 */
import type { SimState } from './state';

/** Release only when at least this many records of a partition can go (amortises the copy). */
export const MIN_RELEASE = 64;

/**
 * Per global partition, the lowest offset this state may still read (records below it can go).
 * Cost: O(partitions + members' positions + batches): call it every few thousand events.
 */
export function recordFloors(s: SimState): Int32Array {
  const model = s.model;
  const n = model.gpTopic.length;
  const floor = new Int32Array(n);
  for (let gp = 0; gp < n; gp++) floor[gp] = Math.max(0, Math.min(s.hw[gp]!, s.leo[gp]! - 1));
  const lower = (gp: number, offset: number): void => {
    if (offset < floor[gp]!) floor[gp] = Math.max(0, offset);
  };
  if (model.cluster.detailed) {
    s.cluster.replicas.forEach((r, gp) => {
      for (const leo of r.rleo) lower(gp, leo);
    });
    // A batch not yet acknowledged may be answered later: its acknowledgement reads the first
    // record where the leader appended it (req.appended), so that record must stay.
    for (const p of s.producers) {
      if (!p.req) continue;
      for (const id of p.req.batches.keys()) {
        const a = p.req.appended.get(id);
        if (a) lower(a.gp, a.base);
      }
    }
  }
  // Below Kafka's log start offset (retention deleted those segments) nothing is fetched any
  // more: a committed offset or position there is reset (retention.ts) without reading.
  const lso = s.logStartOffset;
  // The log cleaner reads a compacted partition from its log start offset on (compaction.ts).
  if (model.compaction) for (const gp of model.compaction.gps) lower(gp, lso[gp]!);
  model.groups.forEach((gm, gi) => {
    const g = s.groups[gi]!;
    for (const gp of gm.gps) {
      const c = g.committed[gp]!;
      lower(gp, Math.max(c < 0 ? 0 : c, lso[gp]!));
    }
  });
  for (const m of s.members) {
    for (const [gp, pos] of m.position) lower(gp, Math.max(pos, lso[gp]!));
    const b = m.batch;
    if (b) for (let r = 0; r < b.gps.length; r++) lower(b.gps[r]!, b.from[r]!);
  }
  return floor;
}

/**
 * Drops each partition's records below `floors[gp]` (and below this state's own floors) from
 * `s.logs`, advancing `s.logStart`. The dropped prefix is sliced off into a new array: states
 * sharing the old one (snapshots) keep it unchanged. Returns the number of records released.
 */
export function releaseRecords(
  s: SimState,
  floors: Int32Array = recordFloors(s),
  minRelease = MIN_RELEASE,
): number {
  let released = 0;
  for (let gp = 0; gp < floors.length; gp++) {
    const start = s.logStart[gp]!;
    const drop = Math.min(floors[gp]!, s.leo[gp]!) - start;
    if (drop < minRelease) continue;
    const log = s.logs[gp]!;
    // The slice copies what stays: only when at least a quarter as much goes (amortised O(1)).
    if (drop * 4 < log.length - drop) continue;
    if (s.model.cluster.detailed) s.releasedHeads[gp] = heads(s, s.releasedHeads[gp], log, drop);
    s.logs[gp] = log.slice(drop);
    s.logStart[gp] = start + drop;
    released += drop;
  }
  return released;
}

/** `prev` updated with log[0, drop): per producer × keys + keyId, the last record's event id. */
function heads(
  s: SimState,
  prev: Map<number, number> | undefined,
  log: SimState['logs'][number],
  drop: number,
): Map<number, number> {
  const out = new Map(prev);
  const keys = s.model.keys.length;
  for (let i = 0; i < drop; i++) {
    const r = log[i];
    if (!r || r.keyId < 0) continue;
    const pi = s.model.producerIndex.get(r.producer);
    if (pi !== undefined) out.set(pi * keys + r.keyId, r.eventId);
  }
  return out;
}

/** The element-wise minimum of floor arrays (e.g. the live state's and a snapshot's). */
export function minFloors(a: Int32Array, b: Int32Array): Int32Array {
  const out = a.slice();
  for (let i = 0; i < out.length; i++) if (b[i]! < out[i]!) out[i] = b[i]!;
  return out;
}
