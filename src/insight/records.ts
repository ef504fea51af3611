import type { SimEvent } from '../engine';

export type RecordAppended = Extract<SimEvent, { type: 'recordAppended' }>;

/** Event ids below this are indexed densely (typed arrays); others go to a Map. */
const DENSE_LIMIT = 1 << 26;

/**
 * The records a log has appended so far, by partition and offset and by event id, holding
 * references to the appended events themselves (never copies), as the engine's state does.
 * The event-id index costs 20 bytes per record (three typed arrays), not a Map entry: the
 * detector runs live over runs of millions of records.
 */
export class RecordIndex {
  /** Per topic, per partition: the slot of that partition's log. */
  private readonly slots = new Map<string, number[]>();
  private readonly logs: RecordAppended[][] = [];
  private readonly leos: number[] = [];
  private slotOf = new Int32Array(1024).fill(-1);
  private offsetOf = new Float64Array(1024);
  private indexOf = new Float64Array(1024);
  private readonly sparse = new Map<number, RecordAppended>();
  private readonly sparseIndex = new Map<number, number>();
  /** How many truncations there were: a reader's cached view of the log is stale after one. */
  truncations = 0;

  /**
   * Indexes an appended record. Returns the earlier record with the same event id when there
   * is one (the same event appended twice), else null; the index keeps pointing at the first.
   */
  add(e: RecordAppended, index: number): RecordAppended | null {
    const before = this.byEventId(e.eventId);
    const slot = this.slot(e.topic, e.partition);
    this.logs[slot]![e.offset] = e;
    if (e.offset + 1 > this.leos[slot]!) this.leos[slot] = e.offset + 1;
    if (before && before !== e) return before;
    const id = e.eventId;
    if (Number.isInteger(id) && id >= 0 && id < DENSE_LIMIT) {
      this.grow(id);
      this.slotOf[id] = slot;
      this.offsetOf[id] = e.offset;
      this.indexOf[id] = index;
    } else {
      this.sparse.set(id, e);
      this.sparseIndex.set(id, index);
    }
    return null;
  }

  /** The log index of the first append of this event id (-1 if unknown). */
  appendIndex(id: number): number {
    if (!(Number.isInteger(id) && id >= 0 && id < DENSE_LIMIT))
      return this.sparseIndex.get(id) ?? -1;
    return id < this.slotOf.length && this.slotOf[id]! >= 0 ? this.indexOf[id]! : -1;
  }

  /** The first record appended with this event id, if it is still in its log. */
  byEventId(id: number): RecordAppended | undefined {
    if (!(Number.isInteger(id) && id >= 0 && id < DENSE_LIMIT)) return this.sparse.get(id);
    if (id >= this.slotOf.length) return undefined;
    const slot = this.slotOf[id]!;
    if (slot < 0) return undefined;
    const rec = this.logs[slot]![this.offsetOf[id]!];
    // A truncated and overwritten offset holds another record now.
    return rec && rec.eventId === id ? rec : undefined;
  }

  at(topic: string, partition: number, offset: number): RecordAppended | undefined {
    const slot = this.slots.get(topic)?.[partition];
    return slot === undefined ? undefined : this.logs[slot]![offset];
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
    for (let o = from; o < to && o < log.length; o++) delete log[o];
    if (to >= this.leos[slot]!) this.leos[slot] = Math.min(this.leos[slot]!, from);
  }

  private slot(topic: string, partition: number): number {
    let byPartition = this.slots.get(topic);
    if (!byPartition) this.slots.set(topic, (byPartition = []));
    let slot = byPartition[partition];
    if (slot === undefined) {
      slot = this.logs.length;
      byPartition[partition] = slot;
      this.logs.push([]);
      this.leos.push(0);
    }
    return slot;
  }

  private grow(id: number): void {
    if (id < this.slotOf.length) return;
    let n = this.slotOf.length;
    while (n <= id) n *= 2;
    const slots = new Int32Array(n).fill(-1);
    slots.set(this.slotOf);
    const offsets = new Float64Array(n);
    offsets.set(this.offsetOf);
    const indices = new Float64Array(n);
    indices.set(this.indexOf);
    this.slotOf = slots;
    this.offsetOf = offsets;
    this.indexOf = indices;
  }
}
