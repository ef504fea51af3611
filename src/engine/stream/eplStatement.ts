/**
 * EPL statements over data windows (issue 15): `#time(t)` and `#length(n)` windows (or none),
 * `where`, aggregates count/sum/avg/min/max, `group by`, `having`, and the insert stream (istream)
 * and remove stream (rstream) rows an Esper listener receives.
 *
 * Sources followed:
 * - Esper reference, "Processing Model": a length window's n+1th event pushes the oldest out as a
 *   remove-stream event in the same update; a time window of t holds an event that arrived at T until
 *   T + t, when it leaves as a remove-stream event (all events that arrived at the same instant
 *   leave together); `select` posts the insert stream only, `select irstream` both, `select rstream`
 *   only the remove stream; the where clause filters both streams before aggregation.
 * - Esper reference, "Output Reference and Samples" (Appendix A) and Esper's result set processors,
 *   which name the query types we follow:
 *   un-aggregated and un-grouped (a row per event);
 *   fully aggregated and un-grouped (`select sum(price)`: one row per update, the remove stream
 *   row carries the aggregate before the update, the insert stream row after it);
 *   aggregated and un-grouped (`select symbol, sum(price)`: a row per event, aggregates after);
 *   fully aggregated and grouped (`select symbol, sum(price) ... group by symbol`: a row per group
 *   the update touched, in the order the groups appear in the new then old events; remove stream
 *   rows carry the group's aggregates before the update, insert stream rows after);
 *   aggregated and grouped (extra non-grouped properties: a row per event, its group's aggregates).
 *   `having` filters each row. Aggregates ignore null values; sum, avg, min and max of no values are
 *   null, count is 0 (reference "Aggregation Functions").
 * - Time advances before an event at the same instant is processed (timers first), as Esper does
 *   when the clock moves: each expiry instant is its own update.
 */
import { evaluate, passes, readField } from './eplExpr';
import type { AggFn, Expr, Lit, WindowStatement } from './eplParse';
import type { EplEvent } from './eplPattern';

export type EplRow = ReadonlyMap<string, Lit>;

export interface EplUpdate {
  readonly time: number;
  /** Insert stream rows (Esper's newEvents). */
  readonly insert: readonly EplRow[];
  /** Remove stream rows (Esper's oldEvents; for `select rstream` these are the rows Esper posts). */
  readonly remove: readonly EplRow[];
}

export const EPL_MAX_OUTPUT_ROWS = 200_000;

type QueryKind = 'simple' | 'all' | 'perEvent' | 'group' | 'groupPerEvent';

function compareLit(a: number | string, b: number | string): number {
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  return typeof a === 'number' ? -1 : 1;
}

class Aggregator {
  private rows = 0;
  private count = 0;
  private sum = 0;
  private numbers = 0;
  private sorted: (number | string)[] = [];
  constructor(private readonly fn: AggFn) {}

  enter(v: Lit | undefined): void {
    this.apply(v, 1);
  }
  leave(v: Lit | undefined): void {
    this.apply(v, -1);
  }
  /** v is undefined for count(*). */
  private apply(v: Lit | undefined, sign: 1 | -1): void {
    if (v === undefined) {
      this.rows += sign;
      return;
    }
    if (v === null) return;
    this.count += sign;
    if (typeof v === 'number') {
      this.numbers += sign;
      this.sum += sign * v;
      if (this.numbers === 0) this.sum = 0;
    }
    if ((this.fn === 'min' || this.fn === 'max') && typeof v !== 'boolean') {
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compareLit(this.sorted[mid]!, v) < 0) lo = mid + 1;
        else hi = mid;
      }
      if (sign === 1) this.sorted.splice(lo, 0, v);
      else if (lo < this.sorted.length && compareLit(this.sorted[lo]!, v) === 0)
        this.sorted.splice(lo, 1);
    }
  }
  value(countStar: boolean): Lit {
    switch (this.fn) {
      case 'count':
        return countStar ? this.rows : this.count;
      case 'sum':
        return this.numbers === 0 ? null : this.sum;
      case 'avg':
        return this.numbers === 0 ? null : this.sum / this.numbers;
      case 'min':
        return this.sorted.length === 0 ? null : this.sorted[0]!;
      case 'max':
        return this.sorted.length === 0 ? null : this.sorted[this.sorted.length - 1]!;
    }
  }
}

interface Group {
  readonly aggs: Aggregator[];
  rows: number;
}

function propsOutsideAggs(e: Expr): boolean {
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.k === 'prop') return true;
    if (x.k === 'neg' || x.k === 'not') stack.push(x.e);
    else if (x.k === 'bin' || x.k === 'is') stack.push(x.l, x.r);
  }
  return false;
}

function queryKind(st: WindowStatement): QueryKind {
  if (st.aggs.length === 0) return 'simple';
  const items = st.items ?? [];
  if (st.groupBy.length === 0)
    return items.some((i) => propsOutsideAggs(i.expr)) ? 'perEvent' : 'all';
  const grouped = items.every(
    (i) => !propsOutsideAggs(i.expr) || st.groupByText.includes(i.name) || isGroupKey(st, i.expr),
  );
  return grouped ? 'group' : 'groupPerEvent';
}

function isGroupKey(st: WindowStatement, e: Expr): boolean {
  return st.groupBy.some((g) => JSON.stringify(g) === JSON.stringify(e));
}

export class StatementRuntime {
  readonly updates: EplUpdate[] = [];
  stopped = false;
  stopMessage: string | null = null;
  private readonly kind: QueryKind;
  private readonly held: EplEvent[] = [];
  /** Index of the window's oldest event (the array is compacted now and then). */
  private head = 0;
  private readonly groups = new Map<string, Group>();
  private rowsOut = 0;

  constructor(
    private readonly st: WindowStatement,
    private readonly maxRows = EPL_MAX_OUTPUT_ROWS,
  ) {
    this.kind = queryKind(st);
  }

  private get size(): number {
    return this.held.length - this.head;
  }

  /** Moves the clock to `time`, expiring the time window at each instant an event leaves it. */
  advance(time: number): void {
    const w = this.st.view;
    if (w.k !== 'time') return;
    while (!this.stopped && this.size > 0) {
      const due = this.held[this.head]!.time + w.ms;
      if (due > time) break;
      const expired: EplEvent[] = [];
      while (this.size > 0 && this.held[this.head]!.time + w.ms <= due) {
        expired.push(this.held[this.head]!);
        this.head++;
      }
      this.compact();
      this.update([], expired, due);
    }
  }

  /** When the time window next expires an event (null: never, or not a time window). */
  nextDue(): number | null {
    const w = this.st.view;
    if (this.stopped || w.k !== 'time' || this.size === 0) return null;
    return this.held[this.head]!.time + w.ms;
  }

  onEvent(ev: EplEvent): void {
    if (this.stopped || ev.type !== this.st.type) return;
    if (!passes(this.st.filter, this.scopeOf(ev, null))) return;
    const w = this.st.view;
    if (w.k === 'none') {
      this.update([ev], [], ev.time);
      return;
    }
    this.held.push(ev);
    const old: EplEvent[] = [];
    if (w.k === 'length' && this.size > w.n) {
      old.push(this.held[this.head]!);
      this.head++;
      this.compact();
    }
    this.update([ev], old, ev.time);
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.held.length) {
      this.held.splice(0, this.head);
      this.head = 0;
    }
  }

  private scopeOf(ev: EplEvent | null, group: Group | null) {
    return {
      prop: (_q: string | null, name: string): Lit => (ev ? readField(ev.data, name) : null),
      agg: (idx: number): Lit => this.aggValue(group, idx),
    };
  }

  private aggValue(group: Group | null, idx: number): Lit {
    const spec = this.st.aggs[idx];
    if (!spec) return null;
    if (group) return group.aggs[idx]!.value(spec.arg === null);
    return new Aggregator(spec.fn).value(spec.arg === null);
  }

  private keyOf(ev: EplEvent): string {
    if (this.st.groupBy.length === 0) return '';
    const scope = this.scopeOf(ev, null);
    return JSON.stringify(this.st.groupBy.map((g) => evaluate(g, scope)));
  }

  private apply(newData: readonly EplEvent[], oldData: readonly EplEvent[]): void {
    for (const [events, enter] of [
      [newData, true],
      [oldData, false],
    ] as const) {
      for (const ev of events) {
        const key = this.keyOf(ev);
        let g = this.groups.get(key);
        if (!g) {
          g = { aggs: this.st.aggs.map((a) => new Aggregator(a.fn)), rows: 0 };
          this.groups.set(key, g);
        }
        const scope = this.scopeOf(ev, null);
        this.st.aggs.forEach((a, i) => {
          const v = a.arg === null ? undefined : evaluate(a.arg, scope);
          if (enter) g.aggs[i]!.enter(v);
          else g.aggs[i]!.leave(v);
        });
        g.rows += enter ? 1 : -1;
        // Esper drops a group's state when its last event leaves; a new one starts empty.
        if (g.rows <= 0 && this.st.view.k !== 'none') this.groups.delete(key);
      }
    }
  }

  private row(ev: EplEvent | null, group: Group | null): EplRow | null {
    const scope = this.scopeOf(ev, group);
    if (!passes(this.st.having, scope)) return null;
    const out = new Map<string, Lit>();
    if (this.st.items === null) {
      if (ev && typeof ev.data === 'object' && ev.data !== null) {
        for (const k of Object.keys(ev.data)) out.set(k, readField(ev.data, k));
      }
      return out;
    }
    for (const it of this.st.items) out.set(it.name, evaluate(it.expr, scope));
    return out;
  }

  private update(newIn: readonly EplEvent[], oldIn: readonly EplEvent[], time: number): void {
    const keep = (ev: EplEvent): boolean => passes(this.st.where, this.scopeOf(ev, null));
    const newData = newIn.filter(keep);
    const oldData = oldIn.filter(keep);
    if (newData.length === 0 && oldData.length === 0) return;
    const wantI = this.st.stream !== 'rstream';
    const wantR = this.st.stream !== 'istream';
    const insert: EplRow[] = [];
    const remove: EplRow[] = [];
    const push = (list: EplRow[], r: EplRow | null): void => {
      if (r) list.push(r);
    };
    switch (this.kind) {
      case 'simple':
        if (wantI) for (const ev of newData) push(insert, this.row(ev, null));
        if (wantR) for (const ev of oldData) push(remove, this.row(ev, null));
        break;
      case 'all': {
        if (wantR) push(remove, this.row(null, this.groups.get('') ?? null));
        this.apply(newData, oldData);
        if (wantI) push(insert, this.row(null, this.groups.get('') ?? null));
        break;
      }
      case 'perEvent':
      case 'groupPerEvent':
        this.apply(newData, oldData);
        if (wantI)
          for (const ev of newData)
            push(insert, this.row(ev, this.groups.get(this.keyOf(ev)) ?? null));
        if (wantR)
          for (const ev of oldData)
            push(remove, this.row(ev, this.groups.get(this.keyOf(ev)) ?? null));
        break;
      case 'group': {
        const touched = new Map<string, EplEvent>();
        for (const ev of [...newData, ...oldData]) touched.set(this.keyOf(ev), ev);
        if (wantR)
          for (const [k, ev] of touched) push(remove, this.row(ev, this.groups.get(k) ?? null));
        this.apply(newData, oldData);
        if (wantI)
          for (const [k, ev] of touched) push(insert, this.row(ev, this.groups.get(k) ?? null));
        break;
      }
    }
    if (insert.length === 0 && remove.length === 0) return;
    this.rowsOut += insert.length + remove.length;
    if (this.rowsOut > this.maxRows) {
      this.stopped = true;
      this.stopMessage = `more than ${this.maxRows} output rows; the run stopped at ${time} ms`;
      return;
    }
    this.updates.push({ time, insert, remove });
  }
}
