/**
 * Interning for the event log: every distinct string (group, member, topic, reason…) and every
 * distinct object shape (its key list, and for a top-level event its `type`) is stored once and
 * referred to by a small integer. Append-only, so forks share one table with their parent.
 */

export interface Shape {
  /** The event type this shape implies (top-level events only); undefined for nested objects. */
  type: string | undefined;
  keys: string[];
  /**
   * Per key: how a number is coded. 'prev' = delta from the previous event's timeUs (the
   * event's own timeUs); 'time' = delta from this event's timeUs (other `…Us` fields after it,
   * e.g. wakeUs); 'plain' otherwise.
   */
  mode: ('plain' | 'prev' | 'time')[];
}

export class InternTable {
  readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  readonly shapes: Shape[] = [];
  /** Candidate shapes by (implied type or '') → ids; a short list, compared key by key. */
  private readonly shapeIds = new Map<string, number[]>();

  stringId(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  /** The id of the shape with these keys (and implied type), created on first sight. */
  shapeId(type: string | undefined, keys: string[]): number {
    const bucket = type ?? '';
    let ids = this.shapeIds.get(bucket);
    if (!ids) this.shapeIds.set(bucket, (ids = []));
    for (const id of ids) {
      const sk = this.shapes[id]!.keys;
      if (
        sk.length === keys.length &&
        sk.every((k, i) => k === keys[i]) &&
        this.shapes[id]!.type === type
      )
        return id;
    }
    const id = this.shapes.length;
    const timeAt = type === undefined ? -1 : keys.indexOf('timeUs');
    this.shapes.push({
      type,
      keys,
      mode: keys.map((k, i) =>
        i === timeAt ? 'prev' : timeAt >= 0 && i > timeAt && k.endsWith('Us') ? 'time' : 'plain',
      ),
    });
    ids.push(id);
    return id;
  }
}
