import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { murmur2, partitionForKey, toPositive, utf8 } from './murmur2';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('murmur2 (Kafka Utils.murmur2)', () => {
  // Kafka: clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java#testMurmur2
  // (inputs are "...".getBytes() of ASCII strings, so byte-for-byte the same as ours).
  const kafkaVectors: Array<[Uint8Array, number]> = [
    [ascii('21'), -973932308],
    [ascii('foobar'), -790332482],
    [ascii('a-little-bit-long-string'), -985981536],
    [ascii('a-little-bit-longer-string'), -1486304829],
    [ascii('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'), -58897971],
    [new Uint8Array([0x61, 0x62, 0x63]), 479470107], // new byte[] {'a', 'b', 'c'}
  ];
  it.each(kafkaVectors)('UtilsTest#testMurmur2 vector %#', (bytes, expected) => {
    expect(murmur2(bytes)).toBe(expected);
  });

  // Cross-check, NOT a Kafka test: librdkafka src/rdmurmur2.c unittest_murmur2, whose table is
  // labelled `java_murmur2_results` (values computed with Kafka's Java murmur2). Covers every
  // tail length (0..3) and the empty input. Unsigned hex there; compared as int32 here.
  const librdkafkaVectors: Array<[string, number]> = [
    ['kafka', 0xd067cf64],
    ['giberish123456789', 0x8f552b0c],
    ['1234', 0x9fc97b14],
    ['234', 0xe7c009ca],
    ['34', 0x873930da],
    ['4', 0x5a4b5ca1],
    ['PreAmbleWillBeRemoved,ThePrePartThatIs', 0x78424f1c],
    ['reAmbleWillBeRemoved,ThePrePartThatIs', 0x4a62b377],
    ['eAmbleWillBeRemoved,ThePrePartThatIs', 0xe0e4e09e],
    ['AmbleWillBeRemoved,ThePrePartThatIs', 0x62b8b43f],
    ['', 0x106e08d9],
  ];
  it.each(librdkafkaVectors)('librdkafka java_murmur2_results %j', (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected | 0);
  });
});

describe('toPositive (Kafka Utils.toPositive)', () => {
  it('clears the sign bit instead of negating', () => {
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(5)).toBe(5);
    expect(toPositive(-973932308)).toBe(-973932308 & 0x7fffffff);
  });
});

describe('partitionForKey', () => {
  // Kafka's DefaultPartitionerTest#testKeyPartitionIsStable only asserts stability for key "key"
  // (no concrete number); BuiltInPartitionerTest only covers null keys. We assert stability and the
  // formula toPositive(murmur2(bytes)) % n with the UtilsTest vectors.
  it('is stable for the same key (DefaultPartitionerTest#testKeyPartitionIsStable)', () => {
    expect(partitionForKey('key', 3)).toBe(partitionForKey('key', 3));
  });
  it('follows toPositive(murmur2) % n on the UtilsTest vectors', () => {
    expect(partitionForKey('21', 1000)).toBe((-973932308 & 0x7fffffff) % 1000);
    expect(partitionForKey('foobar', 7)).toBe((-790332482 & 0x7fffffff) % 7);
    expect(partitionForKey('abc', 12)).toBe(479470107 % 12);
  });
  it('rejects a non-positive partition count', () => {
    expect(() => partitionForKey('k', 0)).toThrow(RangeError);
  });
});

describe('utf8 matches Java String.getBytes(UTF_8)', () => {
  it('encodes multi-byte and astral characters', () => {
    expect([...utf8('é€😀')]).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });
  it("replaces a lone surrogate with '?' like Java (TextEncoder would emit U+FFFD)", () => {
    expect([...utf8('a\ud800b')]).toEqual([0x61, 0x3f, 0x62]);
    expect([...utf8('\udc00')]).toEqual([0x3f]);
  });
});

// Properties. fast-check prints the seed and counterexample path on failure; to replay, pass them
// back: fc.assert(prop, { seed: <seed>, path: '<path>', endOnFailure: true }).
describe('properties', () => {
  it('murmur2 always returns a signed int32', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const h = murmur2(bytes);
        return Number.isInteger(h) && h === (h | 0);
      }),
      { numRuns: 2000 },
    );
  });
  it('partitionForKey is in [0, n)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 1, max: 10_000 }), (key, n) => {
        const p = partitionForKey(key, n);
        return Number.isInteger(p) && p >= 0 && p < n;
      }),
      { numRuns: 2000 },
    );
  });
  it('utf8 equals TextEncoder for well-formed strings', () => {
    const enc = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect([...utf8(s)]).toEqual([...enc.encode(s)]);
      }),
      { numRuns: 1000 },
    );
  });
});
