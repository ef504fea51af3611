import type { SimEvent } from '../engine';

export type RecordAppended = Extract<SimEvent, { type: 'recordAppended' }>;

/** Release only when at least this many records of a partition can go (amortises the copy). */
export const MIN_RELEASE = 64;

/**
 * The records a log has appended so far, by partition and offset and by event id, holding
 * references to the appended events themselves (never copies), as the engine's state does.
 * `release` drops a partition's records below a floor nobody can ask about any more (the
 * detector decides the floor), so a long run keeps only the records it may still need: the
 * event-id index holds only records still held here.
 */
export class RecordIndex {
  /** Per topic, per partition: the slot of that partition's log. */
  private readonly slots = new Map<string, number[]>();
  /** Per slot: records from `starts[slot]` on (element i is offset starts[slot] + i). */
  private readonly logs: (RecordAppended | undefined)[][] = [];
  /** Per slot: the log index of each held record's append. */
  private readonly indices: number[][] = [];
  private readonly starts: number[] = [];
  private readonly leos: number[] = [];
  /** Event id → the first record appended with it that is still held. */
  private readonly ids = new Map<number, RecordAppended>();
  /**
   * Per slot, per producer and key (entity): the highest-offset record released, for the
   * reorder check's fallback after a truncation (the engine's `releasedHeads`).
   */
  private readonly releasedHeads: Map<string, RecordAppended>[] = [];
  /** How many truncations there were: a reader's cached view of the log is stale after one. */
  truncations = 0;
  /** Records released so far. */
  released = 0;

  /**
   * Indexes an appended record. Returns the earlier record with the same event id when there
   * is one (the same event appended twice), else null; the index keeps pointing at the first.
   */
  add(e: RecordAppended, index: number): RecordAppended | null {
    const before = this.byEventId(e.eventId);
    const slot = this.slot(e.topic, e.partition);
    const i = e.offset - this.starts[slot]!;
    if (i >= 0) {
      this.logs[slot]![i] = e;
      this.indices[slot]![i] = index;
    }
    if (e.offset + 1 > this.leos[slot]!) this.leos[slot] = e.offset + 1;
    if (before && before !== e) return before;
    this.ids.set(e.eventId, e);
    return null;
  }

  /** The log index of the first append of this event id (-1 if unknown or released). */
  appendIndex(id: number): number {
    const rec = this.ids.get(id);
    if (!rec) return -1;
    const slot = this.slots.get(rec.topic)![rec.partition]!;
    const i = rec.offset - this.starts[slot]!;
    return i >= 0 && this.logs[slot]![i] === rec ? this.indices[slot]![i]! : -1;
  }

  /** The first record appended with this event id, if it is still in its log (and held). */
  byEventId(id: number): RecordAppended | undefined {
    const first = this.ids.get(id);
    if (!first) return undefined;
    const rec = this.at(first.topic, first.partition, first.offset);
    // A truncated and overwritten offset holds another record now.
    return rec && rec.eventId === id ? rec : undefined;
  }

  at(topic: string, partition: number, offset: number): RecordAppended | undefined {
    const slot = this.slots.get(topic)?.[partition];
    if (slot === undefined) return undefined;
    const i = offset - this.starts[slot]!;
    return i < 0 ? undefined : this.logs[slot]![i];
  }

  /** The lowest offset still held on the partition (records below it were released). */
  logStart(topic: string, partition: number): number {
    const slot = this.slots.get(topic)?.[partition];
    return slot === undefined ? 0 : this.starts[slot]!;
  }

  /** The highest-offset released record of this producer and key (entity) on the partition. */
  releasedHead(
    topic: string,
    partition: number,
    producer: string,
    key: string,
  ): RecordAppended | undefined {
    const slot = this.slots.get(topic)?.[partition];
    return slot === undefined
      ? undefined
      : this.releasedHeads[slot]!.get(`${producer}\u0000${key}`);
  }

  /** One past the highest offset appended (and not truncated away) on the partition. */
  logEnd(topic: string, partition: number): number {
    const slot = this.slots.get(topic)?.[partition];
    return slot === undefined ? 0 : this.leos[slot]!;
  }

  /** Records [from, to) left the log; a truncated tail moves the log end back. */
  truncate(topic: string, partition: number, from: number, to: number): void {
    this.truncations++;
    const slot = this.slot(topic, partition);
    const log = this.logs[slot]!;
    const start = this.starts[slot]!;
    for (let o = Math.max(from, start); o < to && o - start < log.length; o++) {
      const rec = log[o - start];
      if (rec && this.ids.get(rec.eventId) === rec) this.ids.delete(rec.eventId);
      log[o - start] = undefined;
    }
    if (to >= this.leos[slot]!) this.leos[slot] = Math.min(this.leos[slot]!, from);
  }

  /** Records held in all (the memory bound's measure). */
  held(): number {
    let n = 0;
    for (const log of this.logs) n += log.length;
    return n;
  }

  /**
   * Drops the partition's records below `floor`. Nothing may ask about them afterwards (the
   * caller's promise), except the reorder fallback, which gets the last one per producer and
   * key. Like the engine, only when enough can go: the kept part is copied.
   */
  release(topic: string, partition: number, floor: number, minRelease = MIN_RELEASE): number {
    const slot = this.slots.get(topic)?.[partition];
    if (slot === undefined) return 0;
    const start = this.starts[slot]!;
    const log = this.logs[slot]!;
    const drop = Math.min(floor, start + log.length) - start;
    if (drop <= 0 || drop < minRelease || drop * 4 < log.length - drop) return 0;
    const heads = this.releasedHeads[slot]!;
    for (let i = 0; i < drop; i++) {
      const rec = log[i];
      if (!rec) continue;
      if (this.ids.get(rec.eventId) === rec) this.ids.delete(rec.eventId);
      const key = rec.entity ?? rec.key;
      if (key !== null) heads.set(`${rec.producer}\u0000${key}`, rec);
    }
    this.logs[slot] = log.slice(drop);
    this.indices[slot] = this.indices[slot]!.slice(drop);
    this.starts[slot] = start + drop;
    this.released += drop;
    return drop;
  }

  private slot(topic: string, partition: number): number {
    let byPartition = this.slots.get(topic);
    if (!byPartition) this.slots.set(topic, (byPartition = []));
    let slot = byPartition[partition];
    if (slot === undefined) {
      slot = this.logs.length;
      byPartition[partition] = slot;
      this.logs.push([]);
      this.indices.push([]);
      this.starts.push(0);
      this.leos.push(0);
      this.releasedHeads.push(new Map());
    }
    return slot;
  }
}
