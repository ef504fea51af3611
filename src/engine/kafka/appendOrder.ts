import type { SimState } from './state';

/**
 * A truncation removed records [to, from) of partition gp. For `reorderedInLog` (per producer
 * and key, a record appended below the highest event id appended so far), the highest event id
 * of each key that lost its latest records falls back to the latest record of that key still in
 * the log. Otherwise a record the producer retries after the truncation would count as appended
 * out of order after its own removed copy (the idempotent producer re-sends it, in order).
 * Truncations are rare and short, so scanning back to a key's previous record is cheap.
 */
export function forgetTruncatedOrder(s: SimState, gp: number, to: number, from: number): void {
  const log = s.logs[gp]!;
  const start = s.logStart[gp]!;
  for (let o = Math.max(to, start); o < from && o - start < log.length; o++) {
    const rec = log[o - start];
    if (!rec || rec.keyId < 0) continue;
    const pi = s.model.producerIndex.get(rec.producer);
    const max = pi === undefined ? null : s.cluster.appendMax[pi];
    if (!max || max[rec.keyId]! < rec.eventId) continue;
    // A keyed record's key lives in this partition; a null-keyed entity spreads over the
    // topic's partitions: its latest record in each.
    let head = latestOf(s, gp, to, rec.producer, rec.keyId);
    if (rec.key === null) {
      const t = s.model.topics[s.model.gpTopic[gp]!]!;
      for (let q = t.firstGp; q < t.firstGp + t.partitions; q++)
        if (q !== gp) head = Math.max(head, latestOf(s, q, s.leo[q]!, rec.producer, rec.keyId));
    }
    max[rec.keyId] = head;
  }
}

/** The event id of the producer's latest record of the key below `end` in gp's log, or -1. */
function latestOf(s: SimState, gp: number, end: number, producer: string, keyId: number): number {
  const log = s.logs[gp]!;
  const start = s.logStart[gp]!;
  for (let k = Math.min(end - start, log.length) - 1; k >= 0; k--) {
    const r = log[k];
    if (r && r.keyId === keyId && r.producer === producer) return r.eventId;
  }
  // Below the log's start: the last released record of the key (retain.ts keeps it).
  const pi = s.model.producerIndex.get(producer);
  if (pi === undefined) return -1;
  return s.releasedHeads[gp]?.get(pi * s.model.keys.length + keyId) ?? -1;
}
