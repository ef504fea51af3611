/**
 * The pattern engine of the EPL subset (issue 15): a tree of state nodes, each started with the
 * events matched so far and reporting up "evaluated true" (with the events bound, and whether it
 * has quit) or "evaluated false" (it can never become true), as Esper's pattern runtime does.
 *
 * Sources followed (Esper reference "EPL Reference: Patterns", and Esper's regression suite,
 * espertechinc/nesper NEsper.Regression/suite/pattern/*.cs, ported from Esper's Java regressions):
 * - filter atom: matches the first event of its type that passes its filter after it started,
 *   binds it to its tag, then quits. An event never matches a sub-expression started while that
 *   same event is being processed (Esper evaluates the filters that were active when it arrived).
 * - `every X`: each time X evaluates true a new X is started (the reference's "every" example
 *   table; PatternOperatorEvery); when X evaluates false (e.g. its timer:within expired) a new X is
 *   started too (PatternGuardTimerWithin: `every (b=B where timer:within(2001 msec))` matches B1, B2
 *   and B3). An X that is true as soon as it starts (`every not A`) would loop forever: Esper starts
 *   every X under a spawn evaluator, logs this and quits that X; so do we, with a problem
 *   (PatternOperatorNot: `every (b=B or not D())` never matches).
 * - Several filters of the statement matching one event: see PatternRuntime.onEvent.
 * - `A -> B`: for each time A evaluates true, a new B starts with A's events.
 * - `A and B`: true once each side has been true, for every combination of their results; `not X`
 *   under `and` counts as true until X occurs; any side false makes the whole false.
 * - `A or B`: true when either is; when a side quits true, the other sides quit.
 * - `not X`: true when started; false (and quits) when X becomes true.
 * - `X where timer:within(t)`: false once t has passed since it started; the timer fires before
 *   events at that same instant (PatternGuardTimerWithin: within(1 month) matches an event at
 *   start + 1 month − 1 ms but not at start + 1 month; `b=B(id='B1') where timer:within(2 sec)`
 *   misses B1 sent at 2000 ms, 2001 msec matches it).
 * - `timer:interval(t)`: true (and quits) t after it started.
 * Known differences: Esper keeps a filter directly under `every` registered after it matches; we
 * quit it and start a new one, which then comes last among the filters an event is offered to —
 * the matches are the same, their order within one event may differ (Esper's regression harness
 * does not assert that order either). The filter-index order (conditions first) is approximated.
 */
import { passes, readField } from './eplExpr';
import type { EplProblem, Lit, PatternExpr } from './eplParse';

export interface EplEvent {
  readonly type: string;
  readonly time: number;
  readonly data: Readonly<Record<string, unknown>>;
}

export type MatchMap = ReadonlyMap<string, EplEvent>;

export const EPL_MAX_PATTERN_INSTANCES = 1_000;
export const EPL_MAX_MATCHES = 100_000;
/** Timer firings per run: `every (A where timer:within(1 msec))` over a long quiet gap fires often. */
export const EPL_MAX_TIMER_FIRINGS = 1_000_000;

interface Parent {
  childTrue(child: PNode, m: MatchMap, quitted: boolean): void;
  childFalse(child: PNode): void;
}

interface Timer {
  readonly due: number;
  readonly seq: number;
  readonly node: PNode & { fire(): void };
  alive: boolean;
}

/** The shared state of one pattern run. */
export class PatternRuntime {
  now: number;
  stopped = false;
  readonly problems: EplProblem[] = [];
  readonly matches: { time: number; tags: MatchMap }[] = [];
  private filters: FilterNode[] = [];
  private timers: Timer[] = [];
  private seq = 0;
  private firings = 0;
  private waiting = 0;
  private warnedEvery = false;
  private readonly root: RootNode;

  constructor(
    pattern: PatternExpr,
    startTime: number,
    private readonly maxInstances = EPL_MAX_PATTERN_INSTANCES,
    private readonly maxMatches = EPL_MAX_MATCHES,
  ) {
    this.now = startTime;
    this.root = new RootNode(this, pattern);
    this.root.start();
  }

  /** Leaves waiting for an event or a time (filters and timers): Esper's active pattern instances. */
  get activeInstances(): number {
    return this.waiting;
  }
  get done(): boolean {
    return this.root.finished;
  }

  stop(message: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.problems.push({ path: 'run', position: null, message });
  }

  reserve(): boolean {
    if (this.stopped) return false;
    if (this.waiting >= this.maxInstances) {
      this.stop(
        `more than ${this.maxInstances} active pattern instances at ${this.now} ms; the run stopped here (use fewer 'every' or a timer:within guard)`,
      );
      return false;
    }
    this.waiting++;
    return true;
  }
  release(): void {
    this.waiting--;
  }

  addFilter(f: FilterNode): void {
    this.filters.push(f);
  }
  schedule(ms: number, node: PNode & { fire(): void }): Timer {
    const t: Timer = { due: this.now + ms, seq: this.seq++, node, alive: true };
    this.heapPush(t);
    return t;
  }

  /** Fires every timer due at or before `time`, in time order (ties in scheduling order). */
  advance(time: number): void {
    for (;;) {
      if (this.stopped) return;
      const best = this.heapPeekLive();
      if (best === null || best.due > time) break;
      if (++this.firings > EPL_MAX_TIMER_FIRINGS) {
        this.stop(
          `more than ${EPL_MAX_TIMER_FIRINGS} timer firings; the run stopped at ${best.due} ms`,
        );
        return;
      }
      this.heapPop();
      best.alive = false;
      this.now = best.due;
      best.node.fire();
    }
    this.now = time;
  }

  // A binary min-heap of timers by (due, seq); cancelled timers are dropped when they surface.
  private static before(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }
  private heapPush(t: Timer): void {
    const h = this.timers;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!PatternRuntime.before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  private heapPop(): void {
    const h = this.timers;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && PatternRuntime.before(h[l]!, h[m]!)) m = l;
      if (r < h.length && PatternRuntime.before(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
  /** When the next live timer is due (null: none), so a run knows when to wake the pattern. */
  nextDue(): number | null {
    if (this.stopped) return null;
    return this.heapPeekLive()?.due ?? null;
  }

  private heapPeekLive(): Timer | null {
    while (this.timers.length > 0 && !this.timers[0]!.alive) this.heapPop();
    return this.timers[0] ?? null;
  }

  /** Offers one event to the filters that were active when it arrived. */
  onEvent(ev: EplEvent): void {
    if (this.stopped) return;
    // Esper's filter index yields the callbacks of a node's sub-indexes (filters with conditions)
    // before the node's own (filters on the type alone); we follow that order: filters with a
    // condition first, each group in the order the filters started. This is what makes
    // `every a=A and not A(id='A4')` miss A4 in PatternOperatorNot.
    const snapshot = this.filters.slice();
    for (const pass of [true, false]) {
      for (const f of snapshot) {
        if (this.stopped) break;
        if (f.alive && f.hasCondition === pass) f.offer(ev);
      }
    }
    this.filters = this.filters.filter((f) => f.alive);
  }

  emit(m: MatchMap): void {
    if (this.stopped) return;
    if (this.matches.length >= this.maxMatches) {
      this.stop(`more than ${this.maxMatches} pattern matches; the run stopped at ${this.now} ms`);
      return;
    }
    this.matches.push({ time: this.now, tags: m });
  }

  warnEvery(): void {
    if (this.warnedEvery) return;
    this.warnedEvery = true;
    this.problems.push({
      path: 'statement',
      position: null,
      message:
        "'every' over an expression that is true as soon as it starts (such as 'every not A') would restart without end; as in Esper, it is not restarted",
    });
  }

  create(p: PatternExpr, parent: Parent): PNode {
    switch (p.k) {
      case 'filter':
        return new FilterNode(this, parent, p);
      case 'interval':
        return new IntervalNode(this, parent, p.ms);
      case 'every':
        return new EveryNode(this, parent, p.child);
      case 'not':
        return new NotNode(this, parent, p.child);
      case 'within':
        return new WithinNode(this, parent, p.ms, p.child);
      case 'and':
        return new AndNode(this, parent, p.children);
      case 'or':
        return new OrNode(this, parent, p.children);
      case 'followedBy':
        return new FollowedByNode(this, parent, p.children);
    }
  }
}

abstract class PNode {
  alive = true;
  constructor(
    protected readonly rt: PatternRuntime,
    public parent: Parent,
  ) {}
  abstract start(begin: MatchMap): void;
  abstract quit(): void;
  isNot(): boolean {
    return false;
  }
}

class RootNode implements Parent {
  finished = false;
  private child: PNode;
  constructor(
    private readonly rt: PatternRuntime,
    pattern: PatternExpr,
  ) {
    this.child = rt.create(pattern, this);
  }
  start(): void {
    this.child.start(new Map());
  }
  childTrue(_child: PNode, m: MatchMap, quitted: boolean): void {
    if (this.finished) return;
    this.rt.emit(m);
    if (quitted) this.finished = true;
  }
  childFalse(): void {
    this.finished = true;
  }
}

function bind(m: MatchMap, tag: string, ev: EplEvent): MatchMap {
  const next = new Map(m);
  next.set(tag, ev);
  return next;
}

class FilterNode extends PNode {
  private begin: MatchMap = new Map();
  constructor(
    rt: PatternRuntime,
    parent: Parent,
    private readonly p: Extract<PatternExpr, { k: 'filter' }>,
  ) {
    super(rt, parent);
    this.hasCondition = p.filter !== null;
  }
  readonly hasCondition: boolean;
  start(begin: MatchMap): void {
    this.begin = begin;
    if (!this.rt.reserve()) {
      this.alive = false;
      return;
    }
    this.rt.addFilter(this);
  }
  offer(ev: EplEvent): void {
    if (ev.type !== this.p.type) return;
    const begin = this.begin;
    const tag = this.p.tag;
    const ok = passes(this.p.filter, {
      prop: (q: string | null, name: string): Lit => {
        if (q === null || q === tag) return readField(ev.data, name);
        const bound = begin.get(q);
        return bound ? readField(bound.data, name) : null;
      },
      agg: () => null,
    });
    if (!ok) return;
    this.quit();
    this.parent.childTrue(this, tag === null ? begin : bind(begin, tag, ev), true);
  }
  quit(): void {
    if (!this.alive) return;
    this.alive = false;
    this.rt.release();
  }
}

class IntervalNode extends PNode {
  private begin: MatchMap = new Map();
  private timer: Timer | null = null;
  constructor(
    rt: PatternRuntime,
    parent: Parent,
    private readonly ms: number,
  ) {
    super(rt, parent);
  }
  start(begin: MatchMap): void {
    this.begin = begin;
    if (!this.rt.reserve()) {
      this.alive = false;
      return;
    }
    this.timer = this.rt.schedule(this.ms, this);
  }
  fire(): void {
    if (!this.alive) return;
    this.quit();
    this.parent.childTrue(this, this.begin, true);
  }
  quit(): void {
    if (!this.alive) return;
    this.alive = false;
    if (this.timer) this.timer.alive = false;
    this.rt.release();
  }
}

/** Catches a restarted child that evaluates true while it starts (see `every` above). */
class SpawnGuard implements Parent {
  evaluatedTrue = false;
  childTrue(): void {
    this.evaluatedTrue = true;
  }
  childFalse(): void {}
}

class EveryNode extends PNode implements Parent {
  private begin: MatchMap = new Map();
  private children: PNode[] = [];
  constructor(
    rt: PatternRuntime,
    parent: Parent,
    private readonly child: PatternExpr,
  ) {
    super(rt, parent);
  }
  start(begin: MatchMap): void {
    this.begin = begin;
    this.spawn();
  }
  /** Starts a new child; Esper's every does this under a spawn evaluator, at start too. */
  private spawn(): void {
    if (!this.alive || this.rt.stopped) return;
    const guard = new SpawnGuard();
    const c = this.rt.create(this.child, guard);
    c.start(this.begin);
    if (guard.evaluatedTrue) {
      c.quit();
      this.rt.warnEvery();
      return;
    }
    c.parent = this;
    this.children.push(c);
  }
  childTrue(child: PNode, m: MatchMap, quitted: boolean): void {
    if (!this.alive) return;
    if (quitted) this.children = this.children.filter((c) => c !== child);
    this.spawn();
    this.parent.childTrue(this, m, false);
  }
  childFalse(child: PNode): void {
    if (!this.alive) return;
    child.quit();
    this.children = this.children.filter((c) => c !== child);
    this.spawn();
  }
  quit(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const c of this.children) c.quit();
    this.children = [];
  }
}

class NotNode extends PNode implements Parent {
  private active: PNode | null = null;
  constructor(
    rt: PatternRuntime,
    parent: Parent,
    private readonly child: PatternExpr,
  ) {
    super(rt, parent);
  }
  override isNot(): boolean {
    return true;
  }
  start(begin: MatchMap): void {
    const c = this.rt.create(this.child, this);
    this.active = c;
    c.start(begin);
    if (this.alive) this.parent.childTrue(this, begin, false);
  }
  childTrue(): void {
    if (!this.alive) return;
    this.quit();
    this.parent.childFalse(this);
  }
  childFalse(): void {
    // The negated expression can never occur now: `not` stays true (and never reports again).
    if (this.active) this.active.quit();
    this.active = null;
  }
  quit(): void {
    if (!this.alive) return;
    this.alive = false;
    if (this.active) this.active.quit();
    this.active = null;
  }
}

class WithinNode extends PNode implements Parent {
  private active: PNode | null = null;
  private timer: Timer | null = null;
  constructor(
    rt: PatternRuntime,
    parent: Parent,
    private readonly ms: number,
    private readonly child: PatternExpr,
  ) {
    super(rt, parent);
  }
  start(begin: MatchMap): void {
    if (!this.rt.reserve()) {
      this.alive = false;
      return;
    }
    this.timer = this.rt.schedule(this.ms, this);
    const c = this.rt.create(this.child, this);
    this.active = c;
    c.start(begin);
  }
  fire(): void {
    if (!this.alive) return;
    this.quit();
    this.parent.childFalse(this);
  }
  childTrue(_child: PNode, m: MatchMap, quitted: boolean): void {
    if (!this.alive) return;
    if (quitted) this.quit();
    this.parent.childTrue(this, m, quitted);
  }
  childFalse(): void {
    if (!this.alive) return;
    this.quit();
    this.parent.childFalse(this);
  }
  quit(): void {
    if (!this.alive) return;
    this.alive = false;
    if (this.timer) {
      this.timer.alive = false;
      this.rt.release();
    }
    if (this.active) this.active.quit();
    this.active = null;
  }
}

class AndNode extends PNode implements Parent {
  /** The sides; null once a side has quit after being true. */
  private nodes: (PNode | null)[] = [];
  private results: MatchMap[][] = [];
  constructor(
    rt: PatternRuntime,
    parent: Parent,
    private readonly children: readonly PatternExpr[],
  ) {
    super(rt, parent);
  }
  start(begin: MatchMap): void {
    this.nodes = this.children.map((c) => this.rt.create(c, this));
    this.results = this.children.map(() => []);
    for (const n of [...this.nodes]) {
      if (!this.alive || this.rt.stopped) return;
      n?.start(begin);
    }
  }
  childTrue(child: PNode, m: MatchMap, quitted: boolean): void {
    if (!this.alive) return;
    const idx = this.nodes.indexOf(child);
    if (idx < 0) return;
    this.results[idx]!.push(m);
    if (quitted) this.nodes[idx] = null;
    if (this.results.some((r) => r.length === 0)) return;
    // Every combination of this result with the others' results so far.
    let combos: MatchMap[] = [new Map()];
    for (let i = 0; i < this.results.length; i++) {
      const options = i === idx ? [m] : this.results[i]!;
      if (combos.length * options.length > EPL_MAX_MATCHES) {
        this.rt.stop(
          `'and' would combine more than ${EPL_MAX_MATCHES} results; the run stopped at ${this.rt.now} ms`,
        );
        return;
      }
      const next: MatchMap[] = [];
      for (const c of combos) {
        for (const o of options) {
          const merged = new Map(c);
          for (const [k, v] of o) merged.set(k, v);
          next.push(merged);
        }
      }
      combos = next;
    }
    // Quits when every side that is not a `not` has quit (a `not` waits only to turn false).
    const quitting = this.nodes.every((n) => n === null || n.isNot() || !n.alive);
    if (quitting) this.quit();
    for (const c of combos) {
      if (this.rt.stopped) return;
      this.parent.childTrue(this, c, quitting);
    }
  }
  childFalse(): void {
    if (!this.alive) return;
    this.quit();
    this.parent.childFalse(this);
  }
  quit(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const n of this.nodes) n?.quit();
  }
}

class OrNode extends PNode implements Parent {
  private nodes: PNode[] = [];
  constructor(
    rt: PatternRuntime,
    parent: Parent,
    private readonly children: readonly PatternExpr[],
  ) {
    super(rt, parent);
  }
  start(begin: MatchMap): void {
    this.nodes = this.children.map((c) => this.rt.create(c, this));
    for (const n of [...this.nodes]) {
      if (!this.alive || this.rt.stopped) return;
      n.start(begin);
    }
  }
  childTrue(_child: PNode, m: MatchMap, quitted: boolean): void {
    if (!this.alive) return;
    if (quitted) this.quit();
    this.parent.childTrue(this, m, quitted);
  }
  childFalse(child: PNode): void {
    if (!this.alive) return;
    this.nodes = this.nodes.filter((n) => n !== child);
    if (this.nodes.length === 0) {
      this.alive = false;
      this.parent.childFalse(this);
    }
  }
  quit(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const n of this.nodes) n.quit();
  }
}

class FollowedByNode extends PNode implements Parent {
  /** Live instances, each with the index of the sub-expression it runs. */
  private live: { node: PNode; idx: number }[] = [];
  constructor(
    rt: PatternRuntime,
    parent: Parent,
    private readonly children: readonly PatternExpr[],
  ) {
    super(rt, parent);
  }
  private startAt(idx: number, m: MatchMap): void {
    const node = this.rt.create(this.children[idx]!, this);
    this.live.push({ node, idx });
    node.start(m);
  }
  start(begin: MatchMap): void {
    this.startAt(0, begin);
  }
  childTrue(child: PNode, m: MatchMap, quitted: boolean): void {
    if (!this.alive) return;
    const entry = this.live.find((l) => l.node === child);
    if (!entry) return;
    if (quitted) this.live = this.live.filter((l) => l !== entry);
    if (entry.idx === this.children.length - 1) {
      const done = this.live.length === 0;
      if (done) this.alive = false;
      this.parent.childTrue(this, m, done);
      return;
    }
    if (this.rt.stopped) return;
    this.startAt(entry.idx + 1, m);
    if (this.alive && this.live.length === 0) {
      this.alive = false;
      this.parent.childFalse(this);
    }
  }
  childFalse(child: PNode): void {
    if (!this.alive) return;
    this.live = this.live.filter((l) => l.node !== child);
    if (this.live.length === 0) {
      this.alive = false;
      this.parent.childFalse(this);
    }
  }
  quit(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const l of this.live) l.node.quit();
    this.live = [];
  }
}
