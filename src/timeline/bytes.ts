/**
 * Growable byte buffers with LEB128 varints: the event log's storage. Integers up to 2^53 are
 * written exactly (a fast bit-operation path below 2^31, arithmetic above), so sim times of
 * long runs (beyond 2^31 µs ≈ 36 minutes) survive.
 */

const TWO_31 = 2 ** 31;
const scratch = new Float64Array(1);
const scratchBytes = new Uint8Array(scratch.buffer);

export class ByteWriter {
  buf: Uint8Array;
  len = 0;

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity);
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** A non-negative integer ≤ 2^53. */
  uint(v: number): void {
    this.ensure(8);
    const b = this.buf;
    let n = this.len;
    if (v < TWO_31) {
      while (v >= 0x80) {
        b[n++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
    } else {
      this.ensure(10);
      while (v >= 0x80) {
        b[n++] = (v % 128) | 0x80;
        v = Math.floor(v / 128);
      }
    }
    b[n++] = v;
    this.len = n;
  }

  float(v: number): void {
    this.ensure(8);
    scratch[0] = v;
    this.buf.set(scratchBytes, this.len);
    this.len += 8;
  }

  /** The bytes written, in a buffer of exactly that size (drops the growth slack). */
  seal(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export class ByteReader {
  pos: number;

  constructor(
    public buf: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos;
  }

  uint(): number {
    const b = this.buf;
    let byte = b[this.pos++]!;
    if (byte < 0x80) return byte;
    let v = byte & 0x7f;
    let shift = 7;
    do {
      byte = b[this.pos++]!;
      v += shift < 28 ? (byte & 0x7f) << shift : (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte >= 0x80);
    return v;
  }

  float(): number {
    for (let i = 0; i < 8; i++) scratchBytes[i] = this.buf[this.pos + i]!;
    this.pos += 8;
    return scratch[0]!;
  }
}

/** Zigzag: small magnitudes of either sign become small unsigned numbers. */
export const zigzag = (v: number): number => (v >= 0 ? v * 2 : -v * 2 - 1);
export const unzigzag = (u: number): number => (u % 2 === 0 ? u / 2 : -(u + 1) / 2);
