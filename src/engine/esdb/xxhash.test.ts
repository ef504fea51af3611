import { describe, expect, it } from 'vitest';
import { esdbStreamHash, esdbXxHashBytes } from './xxhash';

describe('XXHashUnsafe port', () => {
  // EventStore.Core.Tests/Hashes/xxhash_hash_should.cs + SMHasher.VerificationTest: hash keys
  // {}, {0}, {0,1}, … {0..254} with seed 256 - n, hash the 256 little-endian results with seed 0.
  it("passes ESDB's SMHasher verification test (0x56D249B1)", () => {
    const key = new Uint8Array(256);
    const hashes = new Uint8Array(4 * 256);
    for (let i = 0; i < 256; i++) {
      key[i] = i;
      const h = esdbXxHashBytes(key, 0, i, 256 - i);
      hashes[4 * i] = h & 0xff;
      hashes[4 * i + 1] = (h >>> 8) & 0xff;
      hashes[4 * i + 2] = (h >>> 16) & 0xff;
      hashes[4 * i + 3] = h >>> 24;
    }
    expect(esdbXxHashBytes(hashes, 0, 4 * 256, 0)).toBe(0x56d249b1);
  });

  it('hashes a string as UTF-16 code units (distinct streams, stable value, unsigned)', () => {
    const a = esdbStreamHash('streamName-1');
    expect(a).toBe(esdbStreamHash('streamName-1'));
    expect(a).not.toBe(esdbStreamHash('streamName-2'));
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(2 ** 32);
    // a non-ASCII code unit contributes its high byte: differs from its low byte alone
    expect(esdbStreamHash('\u0141')).not.toBe(esdbStreamHash('A'));
  });
});
