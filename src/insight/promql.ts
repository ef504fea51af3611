/**
 * A documented subset of PromQL over a run's metrics (metrics.ts), for alert rules (issue 16,
 * "Alerts"). Followed: the Prometheus documentation ("Querying basics", "Operators", "Functions")
 * and its engine (promql/functions.go `extrapolatedRate`, promql/quantile.go `bucketQuantile`).
 *
 * The subset:
 * - numbers, durations (`ms s m h d w y`, e.g. `1m30s`), strings in label matchers;
 * - selectors `name{label="v", label!="v", label=~"re", label!~"re"}`, range selectors `[5m]`;
 * - `+ - * / % ^`, comparisons `== != > < >= <=` (filtering, or 0/1 with `bool`), `and or unless`,
 *   with Prometheus' precedence (`^`; `* / %`; `+ -`; comparisons; `and unless`; `or`) and
 *   one-to-one matching on all labels but the metric name;
 * - aggregations `sum min max avg count` with `by (…)` / `without (…)` before or after the
 *   parenthesised expression;
 * - functions `rate increase delta` (with Prometheus' extrapolation), `avg_over_time
 *   max_over_time min_over_time sum_over_time count_over_time`, `abs`, `histogram_quantile`.
 * An instant selector takes each series' latest sample within the 5-minute lookback. Ranges are
 * left-open `(t − range, t]`, as in Prometheus 3. Untrusted text: bounded length and nesting,
 * errors name the position, nothing throws.
 */
import type { RunMetrics } from './metrics';

export type Labels = Record<string, string>;

type Matcher = { label: string; op: '=' | '!=' | '=~' | '!~'; value: string; re?: RegExp };

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'sel'; name: string | null; matchers: Matcher[]; rangeMs: number | null }
  | { k: 'call'; fn: string; args: Expr[] }
  | { k: 'agg'; op: AggOp; by: string[] | null; without: string[] | null; expr: Expr }
  | { k: 'bin'; op: BinOp; bool: boolean; lhs: Expr; rhs: Expr }
  | { k: 'neg'; expr: Expr };

type AggOp = 'sum' | 'min' | 'max' | 'avg' | 'count';
type BinOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^'
  | '=='
  | '!='
  | '>'
  | '<'
  | '>='
  | '<='
  | 'and'
  | 'or'
  | 'unless';

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: string; position: number };

export const PROMQL_LIMITS = { maxLength: 4000, maxDepth: 40 } as const;

const AGG_OPS = new Set<string>(['sum', 'min', 'max', 'avg', 'count']);
const RANGE_FNS = new Set<string>([
  'rate',
  'increase',
  'delta',
  'avg_over_time',
  'max_over_time',
  'min_over_time',
  'sum_over_time',
  'count_over_time',
]);
const FNS = new Set<string>([...RANGE_FNS, 'abs', 'histogram_quantile']);
const COMPARISONS = new Set<string>(['==', '!=', '>', '<', '>=', '<=']);

/** Binary operator precedence, higher binds tighter; `^` is right-associative. */
const PRECEDENCE: Record<BinOp, number> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '>': 3,
  '<': 3,
  '>=': 3,
  '<=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  '^': 6,
};

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

class ParseError {
  constructor(
    readonly message: string,
    readonly position: number,
  ) {}
}

/** A Prometheus duration (`5m`, `1h30m`, `250ms`) in ms, or null. */
export function parseDuration(text: string): number | null {
  if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g))
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
  return Number.isFinite(total) ? total : null;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  fail(message: string, at = this.i): never {
    throw new ParseError(message, at);
  }

  ws(): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '#') while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      else break;
    }
  }

  peek(text: string): boolean {
    this.ws();
    return this.s.startsWith(text, this.i);
  }

  eat(text: string): boolean {
    if (!this.peek(text)) return false;
    this.i += text.length;
    return true;
  }

  expect(text: string): void {
    if (!this.eat(text)) this.fail(`expected "${text}"`);
  }

  ident(): string | null {
    this.ws();
    const m = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(this.s.slice(this.i, this.i + 256));
    if (!m) return null;
    this.i += m[0].length;
    return m[0];
  }

  /** A keyword operator (and, or, unless, bool, by, without) as a whole word. */
  word(w: string): boolean {
    this.ws();
    if (!this.s.startsWith(w, this.i)) return false;
    const next = this.s[this.i + w.length];
    if (next !== undefined && /[a-zA-Z0-9_:]/.test(next)) return false;
    this.i += w.length;
    return true;
  }

  parse(): Expr {
    const e = this.expr(0);
    this.ws();
    if (this.i < this.s.length) this.fail(`unexpected "${this.s[this.i]}"`);
    return e;
  }

  binOp(): BinOp | null {
    this.ws();
    for (const op of ['==', '!=', '>=', '<=', '>', '<', '+', '-', '*', '/', '%', '^'] as const)
      if (this.s.startsWith(op, this.i)) return op;
    for (const w of ['and', 'or', 'unless'] as const) {
      const save = this.i;
      if (this.word(w)) {
        this.i = save;
        return w;
      }
    }
    return null;
  }

  expr(minPrec: number): Expr {
    if (++this.depth > PROMQL_LIMITS.maxDepth) this.fail('expression nested too deeply');
    let lhs = this.unary();
    for (;;) {
      const op = this.binOp();
      if (!op) break;
      const prec = PRECEDENCE[op];
      if (prec < minPrec) break;
      this.i += op.length;
      const bool = COMPARISONS.has(op) && this.word('bool');
      const rhs = this.expr(op === '^' ? prec : prec + 1);
      lhs = { k: 'bin', op, bool, lhs, rhs };
    }
    this.depth--;
    return lhs;
  }

  unary(): Expr {
    if (this.eat('-')) return { k: 'neg', expr: this.unary() };
    if (this.eat('+')) return this.unary();
    return this.primary();
  }

  labelList(): string[] {
    this.expect('(');
    const out: string[] = [];
    if (this.eat(')')) return out;
    do {
      const id = this.ident();
      if (!id) this.fail('expected a label name');
      out.push(id);
    } while (this.eat(','));
    this.expect(')');
    return out;
  }

  string(): string {
    this.ws();
    const q = this.s[this.i];
    if (q !== '"' && q !== "'") this.fail('expected a quoted string');
    const start = this.i++;
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== q) {
      if (this.s[this.i] === '\\' && this.i + 1 < this.s.length) {
        const c = this.s[this.i + 1]!;
        out += c === 'n' ? '\n' : c === 't' ? '\t' : c;
        this.i += 2;
      } else out += this.s[this.i++];
    }
    if (this.i >= this.s.length) this.fail('unterminated string', start);
    this.i++;
    return out;
  }

  primary(): Expr {
    this.ws();
    const start = this.i;
    if (this.eat('(')) {
      const e = this.expr(0);
      this.expect(')');
      return e;
    }
    const c = this.s[this.i];
    if (c === '"' || c === "'") return { k: 'str', v: this.string() };
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 64));
    if (num) {
      // A duration is not a number here: only ranges take one.
      this.i += num[0].length;
      return { k: 'num', v: Number(num[0]) };
    }
    if (this.peek('{')) return this.selector(null);
    const id = this.ident();
    if (!id)
      this.fail(
        this.i >= this.s.length ? 'unexpected end of expression' : `unexpected "${this.s[this.i]}"`,
      );
    if (id === 'Inf' || id === 'inf') return { k: 'num', v: Infinity };
    if (id === 'NaN' || id === 'nan') return { k: 'num', v: NaN };
    if (AGG_OPS.has(id) && (this.peek('(') || this.peek('by') || this.peek('without'))) {
      let by: string[] | null = null;
      let without: string[] | null = null;
      if (this.word('by')) by = this.labelList();
      else if (this.word('without')) without = this.labelList();
      this.expect('(');
      const expr = this.expr(0);
      this.expect(')');
      if (by === null && without === null) {
        if (this.word('by')) by = this.labelList();
        else if (this.word('without')) without = this.labelList();
      }
      return { k: 'agg', op: id as AggOp, by, without, expr };
    }
    if (this.peek('(')) {
      if (!FNS.has(id)) this.fail(`unknown function "${id}"`, start);
      this.expect('(');
      const args: Expr[] = [];
      if (!this.eat(')')) {
        do args.push(this.expr(0));
        while (this.eat(','));
        this.expect(')');
      }
      const want = id === 'histogram_quantile' ? 2 : 1;
      if (args.length !== want) this.fail(`${id}() takes ${want} argument(s)`, start);
      return { k: 'call', fn: id, args };
    }
    return this.selector(id);
  }

  selector(name: string | null): Expr {
    const matchers: Matcher[] = [];
    if (this.eat('{')) {
      if (!this.eat('}')) {
        do {
          if (this.peek('}')) break;
          const label = this.ident();
          if (!label) this.fail('expected a label name');
          this.ws();
          const op = (['=~', '!~', '!=', '='] as const).find((o) => this.s.startsWith(o, this.i));
          if (!op) this.fail('expected =, !=, =~ or !~');
          this.i += op.length;
          const at = this.i;
          const value = this.string();
          const m: Matcher = { label, op, value };
          if (op === '=~' || op === '!~') {
            try {
              // Prometheus anchors label regexes at both ends.
              m.re = new RegExp(`^(?:${value})$`);
            } catch {
              this.fail(`invalid regular expression "${value}"`, at);
            }
          }
          matchers.push(m);
        } while (this.eat(','));
        this.expect('}');
      }
    }
    if (name === null && !matchers.some((m) => m.op === '=' && m.value !== ''))
      this.fail('a selector needs a metric name or a non-empty matcher');
    let rangeMs: number | null = null;
    if (this.eat('[')) {
      this.ws();
      const m = /^[0-9a-z]+/.exec(this.s.slice(this.i, this.i + 32));
      const d = m ? parseDuration(m[0]) : null;
      if (!d) this.fail('expected a duration such as 5m');
      this.i += m![0].length;
      this.expect(']');
      rangeMs = d;
    }
    return { k: 'sel', name, matchers, rangeMs };
  }
}

/** Parses a PromQL expression of the subset. Never throws. */
export function parsePromQL(text: string): ParseResult {
  if (typeof text !== 'string') return { ok: false, error: 'not a string', position: 0 };
  if (text.length > PROMQL_LIMITS.maxLength)
    return {
      ok: false,
      error: `longer than ${PROMQL_LIMITS.maxLength} characters`,
      position: PROMQL_LIMITS.maxLength,
    };
  try {
    const expr = new Parser(text).parse();
    const err = checkTypes(expr);
    if (err) return { ok: false, error: err, position: 0 };
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message, position: e.position };
    return { ok: false, error: 'invalid expression', position: 0 };
  }
}

type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

function typeOf(e: Expr): ValueType {
  switch (e.k) {
    case 'num':
      return 'scalar';
    case 'str':
      return 'string';
    case 'sel':
      return e.rangeMs === null ? 'vector' : 'matrix';
    case 'call':
    case 'agg':
      return 'vector';
    case 'neg':
      return typeOf(e.expr);
    case 'bin':
      return typeOf(e.lhs) === 'scalar' && typeOf(e.rhs) === 'scalar' ? 'scalar' : 'vector';
  }
}

/** Prometheus' static type checks, as messages (null: fine). */
function checkTypes(e: Expr): string | null {
  switch (e.k) {
    case 'num':
    case 'str':
    case 'sel':
      return null;
    case 'neg':
      return typeOf(e.expr) === 'scalar' || typeOf(e.expr) === 'vector'
        ? checkTypes(e.expr)
        : 'unary minus needs a scalar or an instant vector';
    case 'agg':
      return typeOf(e.expr) !== 'vector' ? `${e.op}() needs an instant vector` : checkTypes(e.expr);
    case 'call': {
      if (RANGE_FNS.has(e.fn) && typeOf(e.args[0]!) !== 'matrix')
        return `${e.fn}() needs a range vector such as metric[5m]`;
      if (e.fn === 'abs' && typeOf(e.args[0]!) !== 'vector') return 'abs() needs an instant vector';
      if (e.fn === 'histogram_quantile') {
        if (typeOf(e.args[0]!) !== 'scalar') return 'histogram_quantile() needs a scalar φ first';
        if (typeOf(e.args[1]!) !== 'vector')
          return 'histogram_quantile() needs an instant vector of buckets';
      }
      for (const a of e.args) {
        const err = checkTypes(a);
        if (err) return err;
      }
      return null;
    }
    case 'bin': {
      const l = typeOf(e.lhs);
      const r = typeOf(e.rhs);
      if (l === 'matrix' || r === 'matrix' || l === 'string' || r === 'string')
        return `"${e.op}" needs scalars or instant vectors`;
      if (COMPARISONS.has(e.op) && l === 'scalar' && r === 'scalar' && !e.bool)
        return 'comparisons between scalars must use the bool modifier';
      if (
        (e.op === 'and' || e.op === 'or' || e.op === 'unless') &&
        (l !== 'vector' || r !== 'vector')
      )
        return `"${e.op}" needs instant vectors on both sides`;
      return checkTypes(e.lhs) ?? checkTypes(e.rhs);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface Sample {
  labels: Labels;
  value: number;
}
type Value =
  { t: 'scalar'; v: number } | { t: 'vector'; v: Sample[] } | { t: 'matrix'; v: RangeSeries[] };
interface RangeSeries {
  labels: Labels;
  points: { tMs: number; v: number }[];
}

const LOOKBACK_MS = 5 * 60_000;

/**
 * Names the seed course note's rules use, mapped to this run's metrics: its
 * `kafka_consumer_group_lag` is kafka_exporter's `kafka_consumergroup_lag`, its
 * `dlq_events_total` the records dead-lettered.
 */
const ALIASES: Record<string, string> = {
  kafka_consumer_group_lag: 'kafka_consumergroup_lag',
  dlq_events_total: 'eventflow_dead_lettered_total',
};

/** Index of the last sample time ≤ t (−1: none). */
function sampleIndex(m: RunMetrics, tUs: number): number {
  let lo = 0;
  let hi = m.timesUs.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (m.timesUs[mid]! <= tUs) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

function matches(labels: Labels, ms: readonly Matcher[]): boolean {
  for (const m of ms) {
    const v = labels[m.label] ?? '';
    const ok =
      m.op === '='
        ? v === m.value
        : m.op === '!='
          ? v !== m.value
          : m.op === '=~'
            ? m.re!.test(v)
            : !m.re!.test(v);
    if (!ok) return false;
  }
  return true;
}

function selectSeries(m: RunMetrics, e: Extract<Expr, { k: 'sel' }>) {
  const name = e.name === null ? null : (ALIASES[e.name] ?? e.name);
  return m.series.filter((s) => {
    if (name !== null && s.name !== name) return false;
    return matches({ __name__: s.name, ...s.labels }, e.matchers);
  });
}

/** Labels as a stable key. */
function key(l: Labels): string {
  return Object.keys(l)
    .sort()
    .map((k) => `${k}\u0000${l[k]}`)
    .join('\u0001');
}

function dropName(l: Labels): Labels {
  const out: Labels = Object.create(null) as Labels;
  for (const k of Object.keys(l)) if (k !== '__name__') out[k] = l[k]!;
  return out;
}

function evalExpr(e: Expr, m: RunMetrics, tUs: number): Value {
  switch (e.k) {
    case 'num':
      return { t: 'scalar', v: e.v };
    case 'str':
      return { t: 'scalar', v: NaN };
    case 'sel': {
      const tMs = tUs / 1000;
      const idx = sampleIndex(m, tUs);
      const series = selectSeries(m, e);
      if (e.rangeMs === null) {
        const out: Sample[] = [];
        for (const s of series)
          for (let i = idx; i >= 0 && m.timesUs[i]! / 1000 > tMs - LOOKBACK_MS; i--) {
            const v = s.values[i]!;
            if (Number.isNaN(v)) continue;
            out.push({ labels: { __name__: s.name, ...s.labels }, value: v });
            break;
          }
        return { t: 'vector', v: out };
      }
      const out: RangeSeries[] = [];
      for (const s of series) {
        const points: { tMs: number; v: number }[] = [];
        for (let i = idx; i >= 0 && m.timesUs[i]! / 1000 > tMs - e.rangeMs; i--) {
          const v = s.values[i]!;
          if (!Number.isNaN(v)) points.push({ tMs: m.timesUs[i]! / 1000, v });
        }
        points.reverse();
        if (points.length > 0) out.push({ labels: { __name__: s.name, ...s.labels }, points });
      }
      return { t: 'matrix', v: out };
    }
    case 'neg': {
      const v = evalExpr(e.expr, m, tUs);
      if (v.t === 'scalar') return { t: 'scalar', v: -v.v };
      if (v.t === 'vector')
        return {
          t: 'vector',
          v: v.v.map((s) => ({ labels: dropName(s.labels), value: -s.value })),
        };
      return v;
    }
    case 'call':
      return evalCall(e, m, tUs);
    case 'agg':
      return evalAgg(e, m, tUs);
    case 'bin':
      return evalBin(e, m, tUs);
  }
}

/** Prometheus' extrapolatedRate (promql/functions.go) for rate, increase and delta. */
function extrapolatedRate(
  r: RangeSeries,
  rangeStartMs: number,
  rangeEndMs: number,
  isCounter: boolean,
  isRate: boolean,
): number | null {
  const p = r.points;
  if (p.length < 2) return null;
  let result = p[p.length - 1]!.v - p[0]!.v;
  if (isCounter)
    for (let i = 1; i < p.length; i++) if (p[i]!.v < p[i - 1]!.v) result += p[i - 1]!.v;
  let durationToStart = (p[0]!.tMs - rangeStartMs) / 1000;
  let durationToEnd = (rangeEndMs - p[p.length - 1]!.tMs) / 1000;
  const sampled = (p[p.length - 1]!.tMs - p[0]!.tMs) / 1000;
  const avgBetween = sampled / (p.length - 1);
  if (isCounter && result > 0 && p[0]!.v >= 0) {
    const durationToZero = sampled * (p[0]!.v / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = avgBetween * 1.1;
  if (durationToStart >= threshold) durationToStart = avgBetween / 2;
  if (durationToEnd >= threshold) durationToEnd = avgBetween / 2;
  let factor = (sampled + durationToStart + durationToEnd) / sampled;
  if (isRate) factor /= (rangeEndMs - rangeStartMs) / 1000;
  return result * factor;
}

/** Prometheus' bucketQuantile (promql/quantile.go) over cumulative buckets. */
export function bucketQuantile(q: number, buckets: { upper: number; count: number }[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const b = [...buckets].sort((x, y) => x.upper - y.upper);
  if (b.length === 0 || b[b.length - 1]!.upper !== Infinity) return NaN;
  // Buckets with the same bound add up; counts are made monotonic.
  const merged: { upper: number; count: number }[] = [];
  for (const x of b) {
    const prev = merged[merged.length - 1];
    if (prev && prev.upper === x.upper) prev.count += x.count;
    else merged.push({ ...x });
  }
  for (let i = 1; i < merged.length; i++)
    if (merged[i]!.count < merged[i - 1]!.count) merged[i]!.count = merged[i - 1]!.count;
  if (merged.length < 2) return NaN;
  const observations = merged[merged.length - 1]!.count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let i = 0;
  while (i < merged.length - 1 && merged[i]!.count < rank) i++;
  if (i === merged.length - 1) return merged[merged.length - 2]!.upper;
  if (i === 0 && merged[0]!.upper <= 0) return merged[0]!.upper;
  let start = 0;
  const end = merged[i]!.upper;
  let count = merged[i]!.count;
  if (i > 0) {
    start = merged[i - 1]!.upper;
    count -= merged[i - 1]!.count;
    rank -= merged[i - 1]!.count;
  }
  return start + (end - start) * (rank / count);
}

function evalCall(e: Extract<Expr, { k: 'call' }>, m: RunMetrics, tUs: number): Value {
  const tMs = tUs / 1000;
  if (RANGE_FNS.has(e.fn)) {
    const arg = e.args[0]!;
    const v = evalExpr(arg, m, tUs);
    if (v.t !== 'matrix') return { t: 'vector', v: [] };
    const rangeMs = (arg as Extract<Expr, { k: 'sel' }>).rangeMs!;
    const out: Sample[] = [];
    for (const r of v.v) {
      let value: number | null;
      const pts = r.points.map((p) => p.v);
      switch (e.fn) {
        case 'rate':
          value = extrapolatedRate(r, tMs - rangeMs, tMs, true, true);
          break;
        case 'increase':
          value = extrapolatedRate(r, tMs - rangeMs, tMs, true, false);
          break;
        case 'delta':
          value = extrapolatedRate(r, tMs - rangeMs, tMs, false, false);
          break;
        case 'avg_over_time':
          value = pts.reduce((a, b) => a + b, 0) / pts.length;
          break;
        case 'max_over_time':
          value = Math.max(...pts);
          break;
        case 'min_over_time':
          value = Math.min(...pts);
          break;
        case 'sum_over_time':
          value = pts.reduce((a, b) => a + b, 0);
          break;
        default:
          value = pts.length;
      }
      if (value !== null) out.push({ labels: dropName(r.labels), value });
    }
    return { t: 'vector', v: out };
  }
  if (e.fn === 'abs') {
    const v = evalExpr(e.args[0]!, m, tUs);
    if (v.t !== 'vector') return { t: 'vector', v: [] };
    return {
      t: 'vector',
      v: v.v.map((s) => ({ labels: dropName(s.labels), value: Math.abs(s.value) })),
    };
  }
  // histogram_quantile(φ, buckets): one histogram per label set without `le`.
  const q = evalExpr(e.args[0]!, m, tUs);
  const b = evalExpr(e.args[1]!, m, tUs);
  if (q.t !== 'scalar' || b.t !== 'vector') return { t: 'vector', v: [] };
  const groups = new Map<string, { labels: Labels; buckets: { upper: number; count: number }[] }>();
  for (const s of b.v) {
    const le = s.labels.le;
    if (le === undefined) continue;
    const upper = le === '+Inf' ? Infinity : Number(le);
    if (Number.isNaN(upper)) continue;
    const labels = dropName(s.labels);
    delete labels.le;
    const k = key(labels);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { labels, buckets: [] }));
    g.buckets.push({ upper, count: s.value });
  }
  return {
    t: 'vector',
    v: [...groups.values()].map((g) => ({
      labels: g.labels,
      value: bucketQuantile(q.v, g.buckets),
    })),
  };
}

function evalAgg(e: Extract<Expr, { k: 'agg' }>, m: RunMetrics, tUs: number): Value {
  const v = evalExpr(e.expr, m, tUs);
  if (v.t !== 'vector') return { t: 'vector', v: [] };
  const groups = new Map<string, { labels: Labels; values: number[] }>();
  for (const s of v.v) {
    const labels: Labels = Object.create(null) as Labels;
    if (e.by) {
      for (const l of e.by) if (s.labels[l] !== undefined) labels[l] = s.labels[l]!;
    } else if (e.without) {
      for (const l of Object.keys(s.labels))
        if (l !== '__name__' && !e.without.includes(l)) labels[l] = s.labels[l]!;
    }
    const k = key(labels);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { labels, values: [] }));
    g.values.push(s.value);
  }
  const out: Sample[] = [];
  for (const g of groups.values()) {
    const vs = g.values;
    const value =
      e.op === 'sum'
        ? vs.reduce((a, b) => a + b, 0)
        : e.op === 'min'
          ? Math.min(...vs)
          : e.op === 'max'
            ? Math.max(...vs)
            : e.op === 'avg'
              ? vs.reduce((a, b) => a + b, 0) / vs.length
              : vs.length;
    out.push({ labels: g.labels, value });
  }
  return { t: 'vector', v: out };
}

function arith(op: BinOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '^':
      return a ** b;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    default:
      return NaN;
  }
}

function evalBin(e: Extract<Expr, { k: 'bin' }>, m: RunMetrics, tUs: number): Value {
  const l = evalExpr(e.lhs, m, tUs);
  const r = evalExpr(e.rhs, m, tUs);
  const cmp = COMPARISONS.has(e.op);
  if (l.t === 'scalar' && r.t === 'scalar') return { t: 'scalar', v: arith(e.op, l.v, r.v) };
  if (l.t === 'matrix' || r.t === 'matrix') return { t: 'vector', v: [] };
  if (e.op === 'and' || e.op === 'or' || e.op === 'unless') {
    if (l.t !== 'vector' || r.t !== 'vector') return { t: 'vector', v: [] };
    const rk = new Set(r.v.map((s) => key(dropName(s.labels))));
    if (e.op === 'and')
      return { t: 'vector', v: l.v.filter((s) => rk.has(key(dropName(s.labels)))) };
    if (e.op === 'unless')
      return { t: 'vector', v: l.v.filter((s) => !rk.has(key(dropName(s.labels)))) };
    const lk = new Set(l.v.map((s) => key(dropName(s.labels))));
    return { t: 'vector', v: [...l.v, ...r.v.filter((s) => !lk.has(key(dropName(s.labels))))] };
  }
  const apply = (s: Sample, a: number, b: number, vectorOnLeft: boolean): Sample | null => {
    const x = arith(e.op, a, b);
    if (cmp && !e.bool) return x === 1 ? { labels: s.labels, value: vectorOnLeft ? a : b } : null;
    return { labels: dropName(s.labels), value: x };
  };
  if (l.t === 'vector' && r.t === 'scalar')
    return { t: 'vector', v: l.v.flatMap((s) => apply(s, s.value, r.v, true) ?? []) };
  if (l.t === 'scalar' && r.t === 'vector')
    return { t: 'vector', v: r.v.flatMap((s) => apply(s, l.v, s.value, false) ?? []) };
  // Vector with vector: one-to-one on all labels but the name.
  const right = new Map<string, Sample>();
  for (const s of (r as { v: Sample[] }).v) right.set(key(dropName(s.labels)), s);
  const out: Sample[] = [];
  for (const s of (l as { v: Sample[] }).v) {
    const o = right.get(key(dropName(s.labels)));
    if (!o) continue;
    const res = apply(s, s.value, o.value, true);
    if (res) out.push(cmp && !e.bool ? res : { labels: dropName(s.labels), value: res.value });
  }
  return { t: 'vector', v: out };
}

/** The expression's value at `tUs` (a sample time of the run's metrics). */
export function evaluate(expr: Expr, m: RunMetrics, tUs: number): Value {
  return evalExpr(expr, m, tUs);
}

/** The expression as an instant vector at `tUs` (a scalar becomes one unlabelled sample). */
export function instantVector(expr: Expr, m: RunMetrics, tUs: number): Sample[] {
  const v = evalExpr(expr, m, tUs);
  if (v.t === 'vector') return v.v.map((s) => ({ labels: dropName(s.labels), value: s.value }));
  if (v.t === 'scalar') return [{ labels: {}, value: v.v }];
  return [];
}

export { key as labelsKey, dropName };
