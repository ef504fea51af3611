/**
 * EventStoreDB's stream hash for the Pinned consumer strategy: a port of `XXHashUnsafe`
 * (EventStore/EventStore, src/EventStore.Core/Index/Hashes/XXHashUnsafe.cs), the hasher that
 * `PersistentSubscriptionConsumerStrategyRegistry` gives `PinnedPersistentSubscriptionConsumerStrategy`.
 *
 * It is ESDB's own variant of xxHash32 (not the reference one: the bulk loop and the tail differ),
 * ported line by line. A string is hashed as .NET holds it: its UTF-16 code units, little-endian,
 * two bytes each (`fixed (char* input = s)` … `s.Length * sizeof(char)`), with the default seed
 * 0xc58f1a7b. Checked against ESDB's own test (xxhash_hash_should: the SMHasher verification value
 * 0x56D249B1) in xxhash.test.ts.
 */

const PRIME1 = 2654435761;
const PRIME2 = 2246822519;
const PRIME3 = 3266489917;
const PRIME4 = 668265263;
const PRIME5 = 0x165667b1;

/** The seed `new XXHashUnsafe()` uses. */
export const ESDB_XXHASH_SEED = 0xc58f1a7b;

const mul = (a: number, b: number): number => Math.imul(a, b) >>> 0;
const add = (a: number, b: number): number => (a + b) >>> 0;
const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
const u32 = (d: Uint8Array, i: number): number =>
  ((d[i] ?? 0) | ((d[i + 1] ?? 0) << 8) | ((d[i + 2] ?? 0) << 16) | ((d[i + 3] ?? 0) << 24)) >>> 0;

function hashSmall(d: Uint8Array, off: number, len: number, seed: number): number {
  let p = off;
  const end = off + len;
  const limit = end - 4;
  let idx = add(seed, PRIME1);
  let crc = PRIME5 >>> 0;
  while (p < limit) {
    crc = add(crc, add(u32(d, p), idx));
    idx = add(idx, 1);
    crc = add(crc, mul(rotl(crc, 17), PRIME4));
    crc = mul(crc, PRIME1);
    p += 4;
  }
  while (p < end) {
    crc = add(crc, add(d[p] ?? 0, idx));
    idx = add(idx, 1);
    crc = mul(crc, PRIME1);
    p++;
  }
  crc = add(crc, len);
  crc = (crc ^ (crc >>> 15)) >>> 0;
  crc = mul(crc, PRIME2);
  crc = (crc ^ (crc >>> 13)) >>> 0;
  crc = mul(crc, PRIME3);
  crc = (crc ^ (crc >>> 16)) >>> 0;
  return crc;
}

/** `XXHashUnsafe.Hash(byte* data, uint len, uint seed)` over `bytes[off, off + len)`. */
export function esdbXxHashBytes(bytes: Uint8Array, off: number, len: number, seed: number): number {
  seed >>>= 0;
  if (len < 16) return hashSmall(bytes, off, len, seed);
  let v1 = add(seed, PRIME1);
  let v2 = add(mul(v1, PRIME2), len);
  let v3 = mul(v2, PRIME3);
  let v4 = mul(v3, PRIME4);
  let p = off;
  const limit = off + len - 16;
  while (p < limit) {
    v1 = add(v1, rotl(v1, 13));
    v1 = mul(v1, PRIME1);
    v1 = add(v1, u32(bytes, p));
    p += 4;
    v2 = add(v2, rotl(v2, 11));
    v2 = mul(v2, PRIME1);
    v2 = add(v2, u32(bytes, p));
    p += 4;
    v3 = add(v3, rotl(v3, 17));
    v3 = mul(v3, PRIME1);
    v3 = add(v3, u32(bytes, p));
    p += 4;
    v4 = add(v4, rotl(v4, 19));
    v4 = mul(v4, PRIME1);
    v4 = add(v4, u32(bytes, p));
    p += 4;
  }
  p = limit;
  v1 = add(v1, rotl(v1, 17));
  v2 = add(v2, rotl(v2, 19));
  v3 = add(v3, rotl(v3, 13));
  v4 = add(v4, rotl(v4, 11));
  v1 = mul(v1, PRIME1);
  v2 = mul(v2, PRIME1);
  v3 = mul(v3, PRIME1);
  v4 = mul(v4, PRIME1);
  v1 = add(v1, u32(bytes, p));
  v2 = add(v2, u32(bytes, p + 4));
  v3 = add(v3, u32(bytes, p + 8));
  v4 = add(v4, u32(bytes, p + 12));
  v1 = mul(v1, PRIME2);
  v2 = mul(v2, PRIME2);
  v3 = mul(v3, PRIME2);
  v4 = mul(v4, PRIME2);
  v1 = add(v1, rotl(v1, 11));
  v2 = add(v2, rotl(v2, 17));
  v3 = add(v3, rotl(v3, 19));
  v4 = add(v4, rotl(v4, 13));
  v1 = mul(v1, PRIME3);
  v2 = mul(v2, PRIME3);
  v3 = mul(v3, PRIME3);
  v4 = mul(v4, PRIME3);
  let crc = add(add(add(v1, rotl(v2, 3)), rotl(v3, 6)), rotl(v4, 9));
  crc = (crc ^ (crc >>> 11)) >>> 0;
  crc = add(crc, mul(add(PRIME4, len), PRIME1));
  crc = (crc ^ (crc >>> 15)) >>> 0;
  crc = mul(crc, PRIME2);
  crc = (crc ^ (crc >>> 13)) >>> 0;
  return crc;
}

/** `new XXHashUnsafe().Hash(string)`: the string's UTF-16 code units, little-endian. */
export function esdbStreamHash(s: string): number {
  const bytes = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    bytes[2 * i] = c & 0xff;
    bytes[2 * i + 1] = c >>> 8;
  }
  return esdbXxHashBytes(bytes, 0, bytes.length, ESDB_XXHASH_SEED);
}
