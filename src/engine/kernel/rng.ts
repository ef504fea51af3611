/**
 * Counter-based randomness. A draw is a pure function of (seed, stream, counter, k), so the
 * "RNG state" is the seed plus counters the simulation state keeps anyway (a producer's send
 * count, a member's step count). A refold therefore reproduces every draw without storing RNG
 * state per event, and a fork that changes one consumer does not shift another actor's draws.
 */

/** 32-bit finaliser of murmur3: a good avalanche for integer mixing. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The key of one actor's stream under a seed; computed once per actor (see Model). */
export function streamKey(seed: number, stream: number): number {
  const h = fmix32((seed ^ 0x9e3779b9) >>> 0);
  return fmix32((h ^ Math.imul(stream + 1, 0x27d4eb2f)) >>> 0);
}

/** A uniform integer in [0, 2^32) for the k-th draw of step `counter` on a stream. */
export function drawU32(key: number, counter: number, k = 0): number {
  const lo = counter >>> 0;
  const hi = (counter / 4294967296) >>> 0;
  const h = fmix32((key ^ lo ^ Math.imul(hi, 0x85ebca77)) >>> 0);
  return fmix32((h ^ Math.imul(k + 1, 0x165667b1) ^ key) >>> 0);
}

/** A uniform float in [0, 1). */
export function draw01(key: number, counter: number, k = 0): number {
  return drawU32(key, counter, k) / 4294967296;
}
