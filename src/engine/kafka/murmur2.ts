/**
 * Kafka's default key partitioner, bit-for-bit.
 *
 * Ported from `org.apache.kafka.common.utils.Utils#murmur2` / `#toPositive` and the keyed branch
 * of `BuiltInPartitioner.partitionForKey`: `toPositive(murmur2(keyBytes)) % numPartitions`.
 * Users compare our partition numbers with a real cluster, so this must not drift; the test file
 * pins Kafka's own `UtilsTest#testMurmur2` vectors.
 *
 * Pure; `murmur2` allocates nothing (only `utf8` allocates, to produce the key bytes).
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/**
 * 32-bit MurmurHash2 exactly as Kafka's `Utils.murmur2(byte[])`: seed 0x9747b28c, little-endian
 * 4-byte blocks, fall-through tail, final avalanche. Returns a SIGNED int32 like Java's `int`,
 * so results can be compared directly with Kafka's test vectors and logs.
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const length4 = length >>> 2;

  for (let i = 0; i < length4; i++) {
    const i4 = i << 2;
    // Uint8Array reads are already `& 0xff`; `?? 0` only satisfies noUncheckedIndexedAccess.
    let k =
      (data[i4] ?? 0) |
      ((data[i4 + 1] ?? 0) << 8) |
      ((data[i4 + 2] ?? 0) << 16) |
      ((data[i4 + 3] ?? 0) << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }

  // Tail: Java's `switch (length % 4)` falls through 3 -> 2 -> 1; written as ifs because the
  // project enables noFallthroughCasesInSwitch.
  const tail = length & ~3;
  const rest = length & 3;
  if (rest === 3) h ^= (data[tail + 2] ?? 0) << 16;
  if (rest >= 2) h ^= (data[tail + 1] ?? 0) << 8;
  if (rest >= 1) {
    h ^= data[tail] ?? 0;
    h = Math.imul(h, M);
  }

  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * Kafka's `Utils.toPositive`: clears the sign bit (NOT Math.abs), so -1 maps to 2147483647.
 * This is what makes partition choice stable across clients; `abs` would differ for negatives.
 */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/**
 * UTF-8 bytes of a string exactly as Kafka's `StringSerializer` makes them
 * (`String.getBytes(StandardCharsets.UTF_8)`). Hand-rolled rather than TextEncoder because Java
 * replaces a lone surrogate with '?' (0x3F) while TextEncoder emits U+FFFD (EF BF BD); with
 * well-formed strings the two agree.
 */
export function utf8(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out[n++] = 0xf0 | (cp >> 18);
        out[n++] = 0x80 | ((cp >> 12) & 0x3f);
        out[n++] = 0x80 | ((cp >> 6) & 0x3f);
        out[n++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        out[n++] = 0x3f; // lone surrogate -> '?', as Java's UTF-8 encoder replaces it
      }
    } else {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return out.subarray(0, n);
}

/**
 * Partition for a non-null String key with the default partitioner:
 * `toPositive(murmur2(utf8(key))) % numPartitions`. Null keys are NOT handled here: Kafka uses
 * the sticky/uniform partitioner for them, which depends on batching and RNG state.
 */
export function partitionForKey(key: string, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions <= 0) {
    throw new RangeError(`numPartitions must be a positive integer, got ${numPartitions}`);
  }
  return toPositive(murmur2(utf8(key))) % numPartitions;
}
