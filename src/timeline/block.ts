/**
 * A block: K consecutive events of a run, encoded (codec.ts), and the snapshot of the state
 * before its first event. Sealed blocks never change, so a fork shares its parent's blocks by
 * reference (and a truncated copy of the block it forks inside, over the same bytes).
 */
import type { SimEvent, SimState } from '../engine';
import { ByteReader } from './bytes';
import type { EventCodec, RecordSource } from './codec';

export interface Block {
  /** Index (in the run) of the first event. */
  start: number;
  count: number;
  bytes: Uint8Array;
  /** Bytes in use (the open block's buffer has slack). */
  used: number;
  /** Sim time before the first event (the time of the event before, or 0). */
  prevTimeUs: number;
  /** Time of the last event (prevTimeUs while empty). */
  lastTimeUs: number;
  /** The state after `start` events (a cloneState copy), or null where the policy skipped it. */
  snapshot: SimState | null;
  /** approxStateBytes of the snapshot (0 without one). */
  snapshotBytes: number;
  /** Records this block's events appended (held by the engine's logs; see memory.ts). */
  records: number;
}

/** Reads a run's events in order from any index, across blocks. */
export class Cursor {
  private bi: number;
  private reader: ByteReader;
  private inBlock = 0;
  private prevTimeUs: number;
  /** The index of the event next() returns. */
  index: number;

  constructor(
    private readonly blocks: readonly Block[],
    private readonly end: number,
    private readonly codec: EventCodec,
    private readonly src: RecordSource,
    from: number,
  ) {
    this.bi = Math.max(0, blockIndexOf(blocks, from));
    const b = blocks[this.bi]!;
    this.reader = new ByteReader(b.bytes);
    this.prevTimeUs = b.prevTimeUs;
    this.index = b.start;
    while (this.index < from) this.next();
  }

  /** The next event, or null past the end. */
  next(): SimEvent | null {
    if (this.index >= this.end) return null;
    let b = this.blocks[this.bi]!;
    while (this.inBlock >= b.count) {
      b = this.blocks[++this.bi]!;
      this.reader = new ByteReader(b.bytes);
      this.inBlock = 0;
      this.prevTimeUs = b.prevTimeUs;
    }
    const e = this.codec.decode(this.reader, this.prevTimeUs, this.src);
    this.prevTimeUs = e.timeUs;
    this.inBlock++;
    this.index++;
    return e;
  }

  /** Byte position in the current block (after the last event read) and that block. */
  position(): { block: number; pos: number } {
    return { block: this.bi, pos: this.reader.pos };
  }
}

/** The index of the last block starting at or before `i` (-1 if none). */
export function blockIndexOf(blocks: readonly Block[], i: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.start <= i) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}
