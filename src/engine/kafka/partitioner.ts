import { murmur2, toPositive, utf8 } from './murmur2';

/** A sticky partitioner's current partition and how many records went to it. */
export interface Sticky {
  partition: number;
  count: number;
}

/**
 * The partition Kafka's producer picks: an explicit partition wins; a keyed record goes to
 * toPositive(murmur2(utf8(key))) % n; a null key sticks to one partition until a batch's worth
 * of records has gone there, then moves to another chosen at random (KIP-480's sticky
 * partitioner: the new partition differs from the old one when there is a choice).
 */
export function choosePartition(
  numPartitions: number,
  key: string | null,
  explicit: number | null,
  sticky: Sticky | null,
  batchRecords: number,
  u: number,
): number {
  if (explicit !== null) return explicit;
  if (key !== null) return toPositive(keyHash(key)) % numPartitions;
  if (sticky && sticky.partition >= 0 && sticky.count < batchRecords) return sticky.partition;
  if (numPartitions === 1) return 0;
  const old = sticky ? sticky.partition : -1;
  if (old < 0) return Math.floor(u * numPartitions);
  const p = Math.floor(u * (numPartitions - 1));
  return p >= old ? p + 1 : p;
}

/**
 * murmur2 of a key's UTF-8 bytes, memoised: scenarios draw keys from a fixed set, and encoding
 * plus hashing every record's key would dominate the producer's cost. A pure cache (same input,
 * same output), bounded so a run with millions of distinct keys cannot grow it without end.
 */
const hashes = new Map<string, number>();
export function keyHash(key: string): number {
  let h = hashes.get(key);
  if (h === undefined) {
    if (hashes.size >= 200_000) hashes.clear();
    h = murmur2(utf8(key));
    hashes.set(key, h);
  }
  return h;
}
