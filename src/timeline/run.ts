/**
 * One run on the timeline: its event log (encoded blocks), snapshots, and the live state the
 * engine advances. A root run starts from initialState; a fork starts from its parent's state at
 * the fork point and shares the parent's blocks before it (see fork.ts).
 *
 * stateAt(i) = the nearest snapshot at or before i, cloned, folded forward with the engine's
 * own `evolve`: the timeline never computes state any other way.
 */
import {
  cloneState,
  evolve,
  LogHasher,
  minFloors,
  recordFloors,
  releaseRecords,
  run,
  type Model,
  type Scenario,
  type SimEvent,
  type SimState,
} from '../engine';
import { blockIndexOf, Cursor, type Block } from './block';
import { ByteWriter } from './bytes';
import type { EventCodec } from './codec';
import { approxStateBytes, RECORD_BYTES } from './memory';
import type { ForkChange } from './change';

export interface RunPolicy {
  /** Events per block: a snapshot candidate every K events, so a seek folds at most ~K. */
  blockEvents: number;
  /**
   * Snapshot memory allowed per logged event: a snapshot is skipped while taking it would
   * exceed this (states that grow, e.g. an idempotent consumer's dedup store, get sparser
   * snapshots instead of memory quadratic in the run length).
   */
  snapshotBytesPerEvent: number;
  /**
   * Bytes a run may hold before its oldest history is trimmed: encoded log + snapshots + the
   * partition records its events appended (RECORD_BYTES each). Trimming also releases the
   * records below the new base that no reader needs (src/engine/retain.ts).
   */
  maxBytes: number;
}

export interface RunOrigin {
  parent: TimelineRun;
  /** Events shared with the parent (the fork point, a step boundary). */
  at: number;
  change: ForkChange;
  /** The parent's blocks before the fork point (sealed, or truncated copies). */
  prefix: Block[];
}

const hasherCopy = (h: LogHasher): LogHasher => Object.assign(new LogHasher(), h);

/**
 * Bounds on a run recipe (a saved or shared run: untrusted input), checked before any simulation
 * so a recipe cannot make the app re-simulate for minutes before it reports a mismatch.
 */
export const RECIPE_LIMITS = {
  /** The scenario format's longest time, 1e9 ms, in µs. */
  maxUntilUs: 1e12,
  /** Events a recipe may claim; re-simulation stops once it passes the claimed count. */
  maxEvents: 50_000_000,
  maxForks: 100,
} as const;

/** Thrown by record() past its event budget; the run is then unusable and must be dropped. */
export class EventBudgetExceeded extends Error {}

export class TimelineRun {
  readonly blocks: Block[];
  length: number;
  /** Sim time recorded to: every event at or before it is in the log. */
  untilUs: number;
  /** The earliest index still held; history before it was trimmed to bound memory. */
  base: number;
  /** Runs this one shares a prefix with, and how long: id → events in common. */
  readonly lineage: Map<number, number>;
  private writer: ByteWriter;
  private lastSnapshotAt: number;
  private ownBytes = 0;
  /** Partition records released from the live state's logs by trimming. */
  releasedRecords = 0;
  /** The log hash state at `base`, and a lazily advanced one (logHash()). */
  private hashBase: { count: number; hasher: LogHasher };
  private hashHead: { count: number; hasher: LogHasher };

  constructor(
    readonly id: number,
    readonly scenario: Scenario,
    readonly model: Model,
    /** The state after `length` events, advanced by record(). Never handed out: see stateAt. */
    readonly live: SimState,
    private readonly codec: EventCodec,
    private readonly policy: RunPolicy,
    readonly origin: RunOrigin | null = null,
  ) {
    const at = origin?.at ?? 0;
    this.blocks = origin ? origin.prefix.slice() : [];
    this.length = at;
    // Nothing recorded yet for a root (events at time 0 are still to come); a fork starts at a
    // step boundary, after every event at or before its state's time.
    this.untilUs = origin && at > 0 ? live.timeUs : -1;
    this.base = origin ? origin.parent.base : 0;
    this.lineage = new Map(
      origin ? [...origin.parent.lineage].map(([r, n]) => [r, Math.min(n, at)]) : [],
    );
    this.lineage.set(id, Number.POSITIVE_INFINITY);
    this.hashBase = origin
      ? { count: origin.parent.hashBase.count, hasher: hasherCopy(origin.parent.hashBase.hasher) }
      : { count: 0, hasher: new LogHasher() };
    this.hashHead = { count: this.hashBase.count, hasher: hasherCopy(this.hashBase.hasher) };
    this.writer = new ByteWriter(1024);
    this.lastSnapshotAt = at;
    this.openBlock(live.timeUs, true);
  }

  get parent(): TimelineRun | null {
    return this.origin?.parent ?? null;
  }

  /**
   * Runs the engine to `untilUs`, logging every event. Returns the number of new events. Past
   * `maxEvents` events in all it throws EventBudgetExceeded (loading a recipe that claims fewer).
   */
  record(untilUs: number, maxEvents = Number.POSITIVE_INFINITY): number {
    const before = this.length;
    if (untilUs > this.untilUs) {
      run(this.live, untilUs, (e) => {
        this.append(e);
        if (this.length > maxEvents) throw new EventBudgetExceeded(`more than ${maxEvents} events`);
      });
      this.untilUs = untilUs;
    }
    return this.length - before;
  }

  /** The state after the first `i` events: a fresh copy the caller may keep or fold on. */
  stateAt(i: number): SimState {
    this.checkIndex(i);
    if (i === this.length) return cloneState(this.live);
    let bi = blockIndexOf(this.blocks, i);
    while (bi > 0 && !this.blocks[bi]!.snapshot) bi--;
    const b = this.blocks[bi]!;
    if (!b.snapshot) throw new Error(`timeline: no snapshot at or before event ${i}`);
    const s = cloneState(b.snapshot);
    const c = this.cursor(b.start);
    for (let n = i - b.start; n > 0; n--) evolve(s, c.next()!);
    return s;
  }

  /** Reads events in order from index `from` (≥ base). */
  cursor(from: number): Cursor {
    this.checkIndex(from);
    return new Cursor(this.blocks, this.length, this.codec, this.live, from);
  }

  /** The events [from, to), decoded (for views of a few events; a seek folds with a cursor). */
  events(from: number, to: number): SimEvent[] {
    const c = this.cursor(from);
    const out: SimEvent[] = [];
    for (let i = from; i < Math.min(to, this.length); i++) out.push(c.next()!);
    return out;
  }

  /** How many events happened at or before sim time `timeUs` (never less than `base`). */
  indexAtTimeUs(timeUs: number): number {
    const blocks = this.blocks;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[mid]!.count > 0 && blocks[mid]!.lastTimeUs > timeUs) hi = mid;
      else lo = mid + 1;
    }
    if (lo >= blocks.length) return this.length;
    const b = blocks[lo]!;
    const c = this.cursor(Math.max(b.start, this.base));
    let i = c.index;
    for (let e = c.next(); e && e.timeUs <= timeUs; e = c.next()) i++;
    return i;
  }

  /** Sim time of the state after `i` events: the time of event i − 1 (0 for none). */
  timeAtIndexUs(i: number): number {
    this.checkIndex(i);
    if (i === 0) return 0;
    if (i === this.length) return this.live.timeUs;
    if (i - 1 < this.base) return this.blocks[0]!.prevTimeUs;
    return this.cursor(i - 1).next()!.timeUs;
  }

  /**
   * The first step boundary at or after `i`: the end of the instant of event i − 1. A run can
   * only continue from a boundary (a step's events were decided together), so forks start there.
   */
  boundaryAtOrAfter(i: number): number {
    return i === 0 ? 0 : this.indexAtTimeUs(this.timeAtIndexUs(i));
  }

  /** The log hash (LogHasher over every event), as simulate() would report it. */
  logHash(): string {
    this.advanceHash(this.hashHead, this.length);
    return this.hashHead.hasher.hex();
  }

  /** Blocks covering [base, at) for a fork at `at`: shared, the last one truncated if needed. */
  prefixBlocks(at: number): Block[] {
    this.checkIndex(at);
    const out: Block[] = [];
    for (const b of this.blocks) {
      if (b.start >= at) break;
      if (b.start + b.count <= at && b !== this.open) {
        out.push(b);
        continue;
      }
      const c = this.cursor(b.start);
      let last = b.prevTimeUs;
      while (c.index < at) last = c.next()!.timeUs;
      const { pos } = c.position();
      out.push({ ...b, count: at - b.start, used: pos, lastTimeUs: last });
    }
    return out;
  }

  /**
   * Memory the run holds: encoded events, snapshots, and the partition records its held events
   * appended (RECORD_BYTES each; records a lagging consumer still needs may stay longer).
   */
  get bytes(): number {
    return this.ownBytes + this.writer.len + this.open.records * RECORD_BYTES;
  }

  get trimmed(): boolean {
    return this.base > 0;
  }

  private get open(): Block {
    return this.blocks[this.blocks.length - 1]!;
  }

  private append(e: SimEvent): void {
    const b = this.open;
    this.codec.encode(this.writer, e, b.lastTimeUs, this.live);
    b.bytes = this.writer.buf;
    b.used = this.writer.len;
    b.count++;
    if (e.type === 'recordAppended') b.records++;
    b.lastTimeUs = e.timeUs;
    this.length++;
    if (b.count >= this.policy.blockEvents) this.seal();
  }

  private seal(): void {
    const b = this.open;
    b.bytes = this.writer.seal();
    this.ownBytes += b.used + b.records * RECORD_BYTES;
    this.writer = new ByteWriter(Math.max(1024, b.used + (b.used >> 3)));
    this.openBlock(b.lastTimeUs, false);
    if (this.bytes > this.policy.maxBytes) this.trim();
  }

  private openBlock(prevTimeUs: number, force: boolean): void {
    const size = approxStateBytes(this.live);
    const budget = this.policy.snapshotBytesPerEvent * (this.length - this.lastSnapshotAt);
    const take = force || size <= budget;
    if (take) {
      this.lastSnapshotAt = this.length;
      this.ownBytes += size;
    }
    this.blocks.push({
      start: this.length,
      count: 0,
      bytes: this.writer.buf,
      used: 0,
      prevTimeUs,
      lastTimeUs: prevTimeUs,
      snapshot: take ? cloneState(this.live) : null,
      snapshotBytes: take ? size : 0,
      records: 0,
    });
  }

  /**
   * The memory bound (Redux DevTools' maxAge): drops the oldest blocks, down to three quarters
   * of maxBytes, so the earliest state kept (the committed base) is a snapshot. The log hash is
   * carried past the dropped events first, so logHash() still covers the whole run.
   */
  private trim(): void {
    const target = (this.policy.maxBytes * 3) / 4;
    let drop = 0;
    let freed = 0;
    for (let j = 1; j < this.blocks.length; j++) {
      freed += this.owned(this.blocks[j - 1]!);
      if (this.blocks[j]!.snapshot) drop = j;
      if (this.bytes - freed <= target && drop === j) break;
    }
    if (drop === 0) return;
    const newBase = this.blocks[drop]!.start;
    this.advanceHash(this.hashBase, newBase);
    if (this.hashHead.count < newBase)
      this.hashHead = { count: newBase, hasher: hasherCopy(this.hashBase.hasher) };
    for (const b of this.blocks.splice(0, drop)) this.ownBytes -= this.owned(b);
    this.base = newBase;
    // Records below the base that neither the live state nor the base snapshot can read go
    // (decoding a held event reads its record through the live logs, at or above the base's).
    const snap = this.blocks[0]!.snapshot!;
    this.releasedRecords += releaseRecords(
      this.live,
      minFloors(recordFloors(this.live), recordFloors(snap)),
    );
  }

  /** Bytes of a block this run counts as its own (a fork's shared prefix is its parent's). */
  private owned(b: Block): number {
    return b.start >= (this.origin?.at ?? 0)
      ? b.used + b.snapshotBytes + b.records * RECORD_BYTES
      : 0;
  }

  private advanceHash(h: { count: number; hasher: LogHasher }, to: number): void {
    if (h.count >= to) return;
    const c = this.cursor(h.count);
    for (; h.count < to; h.count++) h.hasher.add(c.next()!);
  }

  private checkIndex(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i > this.length)
      throw new RangeError(`event index ${i} is outside the run (0…${this.length})`);
    if (i < this.base)
      throw new RangeError(
        `the history before event ${this.base} was trimmed to bound memory; the earliest state kept is at event ${this.base}`,
      );
  }
}
