/**
 * When each actor next acts, as an indexed binary min-heap ordered by (time, actor index):
 * the earliest actor is found in O(1) and a wake time changes in O(log n), instead of
 * scanning every actor on every step. Ties go to the lower actor index, so the order of
 * same-instant steps is fixed and a refold replays it exactly. Infinity means "not scheduled".
 */
export class Schedule {
  private readonly time: Float64Array;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;

  constructor(size: number, from?: Schedule) {
    if (from) {
      this.time = from.time.slice();
      this.heap = from.heap.slice();
      this.pos = from.pos.slice();
      return;
    }
    this.time = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
    this.heap = new Int32Array(size);
    this.pos = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      this.heap[i] = i;
      this.pos[i] = i;
    }
  }

  get size(): number {
    return this.time.length;
  }

  get(actor: number): number {
    return this.time[actor]!;
  }

  /** The actor that acts next, or -1 when none is scheduled. */
  first(): number {
    if (this.heap.length === 0) return -1;
    const a = this.heap[0]!;
    return this.time[a] === Number.POSITIVE_INFINITY ? -1 : a;
  }

  set(actor: number, t: number): void {
    const old = this.time[actor]!;
    if (old === t) return;
    this.time[actor] = t;
    if (t < old) this.up(this.pos[actor]!);
    else this.down(this.pos[actor]!);
  }

  clone(): Schedule {
    return new Schedule(0, this);
  }

  /** The wake times by actor index (a copy), for views and tests. */
  times(): Float64Array {
    return this.time.slice();
  }

  private less(a: number, b: number): boolean {
    const ta = this.time[a]!;
    const tb = this.time[b]!;
    return ta < tb || (ta === tb && a < b);
  }

  private swap(i: number, j: number): void {
    const h = this.heap;
    const a = h[i]!;
    const b = h[j]!;
    h[i] = b;
    h[j] = a;
    this.pos[b] = i;
    this.pos[a] = j;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(this.heap[i]!, this.heap[p]!)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(this.heap[r]!, this.heap[l]!)) c = r;
      if (!this.less(this.heap[c]!, this.heap[i]!)) return;
      this.swap(i, c);
      i = c;
    }
  }
}
