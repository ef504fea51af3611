/**
 * The parser for EventFlow's Esper EPL subset (issue 15): a lexer and a depth-limited recursive
 * descent parser. It never throws: the first problem found is returned with its position.
 *
 * Sources followed:
 * - Esper reference, "EPL Reference: Patterns", table "Pattern operator precedence" (guard postfix
 *   `where timer:within` binds tightest, then the unary `every` / `not`, then `and`, then `or`, then
 *   followed-by `->`). Seen in the docs corpus (Esper reference table, reproduced at
 *   cnblogs.com/yudar/p/4872661.html) and consistent with Esper's regression
 *   PatternGuardTimerWithin (espertechinc/nesper, NEsper.Regression/suite/pattern): there
 *   `every b=SupportBean_B where timer:within(2.001)` matches like
 *   `every (b=SupportBean_B where timer:within(2001 msec))`.
 * - Esper reference, "EPL Reference: Clauses" (select istream/irstream/rstream, from with data
 *   windows `#time(...)` / `#length(n)`, also the older `.win:time(...)` spelling, where, group by,
 *   having) and "Time periods" (`10 sec`, `2001 msec`, `5 min`; a bare number is seconds).
 * Keywords are case-insensitive as in Esper; event type, tag and property names are case-sensitive.
 */

export const EPL_MAX_STATEMENT_CHARS = 10_000;
export const EPL_MAX_TOKENS = 2_000;
export const EPL_MAX_DEPTH = 48;
/** The largest time period accepted: 1000 days. */
export const EPL_MAX_PERIOD_MS = 1000 * 86_400_000;
export const EPL_MAX_LENGTH_WINDOW = 10_000;

export interface EplProblem {
  /** Which input the problem is about: `statement`, `events[3].time`, `run`. */
  readonly path: string;
  /** Character offset into the statement (for statement problems). */
  readonly position: number | null;
  readonly message: string;
}

export type Lit = number | string | boolean | null;

export type AggFn = 'count' | 'sum' | 'avg' | 'min' | 'max';

export type Expr =
  | { readonly k: 'lit'; readonly v: Lit }
  | { readonly k: 'prop'; readonly q: string | null; readonly name: string; readonly pos: number }
  | { readonly k: 'neg'; readonly e: Expr }
  | { readonly k: 'not'; readonly e: Expr }
  | { readonly k: 'bin'; readonly op: BinOp; readonly l: Expr; readonly r: Expr }
  | { readonly k: 'is'; readonly negated: boolean; readonly l: Expr; readonly r: Expr }
  | {
      readonly k: 'agg';
      readonly fn: AggFn;
      /** null for count(*) */
      readonly arg: Expr | null;
      readonly idx: number;
    };

export type BinOp = 'and' | 'or' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/';

export type PatternExpr =
  | {
      readonly k: 'filter';
      readonly tag: string | null;
      readonly type: string;
      readonly filter: Expr | null;
      readonly pos: number;
    }
  | { readonly k: 'interval'; readonly ms: number }
  | { readonly k: 'every'; readonly child: PatternExpr }
  | { readonly k: 'not'; readonly child: PatternExpr }
  | { readonly k: 'within'; readonly ms: number; readonly child: PatternExpr }
  | { readonly k: 'and'; readonly children: readonly PatternExpr[] }
  | { readonly k: 'or'; readonly children: readonly PatternExpr[] }
  | { readonly k: 'followedBy'; readonly children: readonly PatternExpr[] };

export type StreamSelector = 'istream' | 'irstream' | 'rstream';

export interface SelectItem {
  readonly expr: Expr;
  readonly name: string;
}

export type EplWindow =
  | { readonly k: 'none' }
  | { readonly k: 'time'; readonly ms: number }
  | { readonly k: 'length'; readonly n: number };

export interface PatternStatement {
  readonly kind: 'pattern';
  readonly pattern: PatternExpr;
  readonly tags: readonly string[];
}

export interface WindowStatement {
  readonly kind: 'statement';
  readonly stream: StreamSelector;
  /** null for `select *` */
  readonly items: readonly SelectItem[] | null;
  readonly type: string;
  readonly alias: string | null;
  readonly filter: Expr | null;
  readonly view: EplWindow;
  readonly where: Expr | null;
  readonly groupBy: readonly Expr[];
  readonly groupByText: readonly string[];
  readonly having: Expr | null;
  readonly aggs: readonly Extract<Expr, { k: 'agg' }>[];
}

export type EplStatement = PatternStatement | WindowStatement;

export type ParseResult =
  | { readonly ok: true; readonly statement: EplStatement }
  | { readonly ok: false; readonly problem: EplProblem };

// ---------------------------------------------------------------- lexer

type TokKind = 'ident' | 'num' | 'str' | 'sym' | 'eof';
interface Tok {
  readonly kind: TokKind;
  readonly text: string;
  readonly num: number;
  readonly pos: number;
  readonly end: number;
}

class ParseFail {
  constructor(
    readonly position: number,
    readonly message: string,
  ) {}
}

const SYMBOLS = [
  '->',
  '!=',
  '<>',
  '<=',
  '>=',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '#',
  ':',
];

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function lex(src: string): Tok[] | ParseFail {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (toks.length >= EPL_MAX_TOKENS) {
      return new ParseFail(i, `statement has more than ${EPL_MAX_TOKENS} tokens`);
    }
    const start = i;
    if (isIdentStart(c)) {
      while (i < src.length && (isIdentStart(src[i] ?? '') || isDigit(src[i] ?? ''))) i++;
      toks.push({ kind: 'ident', text: src.slice(start, i), num: 0, pos: start, end: i });
      continue;
    }
    if (isDigit(c)) {
      while (i < src.length && isDigit(src[i] ?? '')) i++;
      if (src[i] === '.' && isDigit(src[i + 1] ?? '')) {
        i++;
        while (i < src.length && isDigit(src[i] ?? '')) i++;
      }
      const text = src.slice(start, i);
      const num = Number(text);
      if (!Number.isFinite(num)) return new ParseFail(start, `number ${text} is too large`);
      toks.push({ kind: 'num', text, num, pos: start, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      i++;
      let value = '';
      let closed = false;
      while (i < src.length) {
        const d = src[i] ?? '';
        if (d === '\\' && i + 1 < src.length) {
          value += src[i + 1] ?? '';
          i += 2;
          continue;
        }
        if (d === c) {
          closed = true;
          i++;
          break;
        }
        value += d;
        i++;
      }
      if (!closed) return new ParseFail(start, 'string literal is not closed');
      toks.push({ kind: 'str', text: value, num: 0, pos: start, end: i });
      continue;
    }
    const sym = SYMBOLS.find((s) => src.startsWith(s, i));
    if (sym === undefined) return new ParseFail(i, `unexpected character '${c}'`);
    i += sym.length;
    toks.push({ kind: 'sym', text: sym, num: 0, pos: start, end: i });
  }
  toks.push({ kind: 'eof', text: '', num: 0, pos: src.length, end: src.length });
  return toks;
}

// ---------------------------------------------------------------- parser

const RESERVED = new Set([
  'select',
  'from',
  'where',
  'group',
  'by',
  'having',
  'as',
  'and',
  'or',
  'not',
  'every',
  'pattern',
  'istream',
  'irstream',
  'rstream',
  'is',
  'null',
  'true',
  'false',
]);

const UNIT_MS = new Map<string, number>([
  ['msec', 1],
  ['millisecond', 1],
  ['milliseconds', 1],
  ['sec', 1000],
  ['second', 1000],
  ['seconds', 1000],
  ['min', 60_000],
  ['minute', 60_000],
  ['minutes', 60_000],
  ['hour', 3_600_000],
  ['hours', 3_600_000],
  ['day', 86_400_000],
  ['days', 86_400_000],
]);

type ExprContext = 'filter' | 'where' | 'select' | 'having' | 'group';

class Parser {
  private i = 0;
  private depth = 0;
  readonly aggs: Extract<Expr, { k: 'agg' }>[] = [];
  readonly tags: string[] = [];
  constructor(
    private readonly src: string,
    private readonly toks: readonly Tok[],
  ) {}

  private get t(): Tok {
    return this.toks[this.i] ?? this.toks[this.toks.length - 1]!;
  }
  private peek(n: number): Tok {
    return this.toks[this.i + n] ?? this.toks[this.toks.length - 1]!;
  }
  private fail(message: string, pos = this.t.pos): never {
    throw new ParseFail(pos, message);
  }
  private describe(t: Tok): string {
    return t.kind === 'eof'
      ? 'end of statement'
      : `'${t.kind === 'str' ? this.src.slice(t.pos, t.end) : t.text}'`;
  }
  private isKw(word: string, t: Tok = this.t): boolean {
    return t.kind === 'ident' && t.text.toLowerCase() === word;
  }
  private acceptKw(word: string): boolean {
    if (this.isKw(word)) {
      this.i++;
      return true;
    }
    return false;
  }
  private expectKw(word: string): void {
    if (!this.acceptKw(word)) this.fail(`expected '${word}' but found ${this.describe(this.t)}`);
  }
  private isSym(s: string, t: Tok = this.t): boolean {
    return t.kind === 'sym' && t.text === s;
  }
  private acceptSym(s: string): boolean {
    if (this.isSym(s)) {
      this.i++;
      return true;
    }
    return false;
  }
  private expectSym(s: string): Tok {
    const t = this.t;
    if (!this.acceptSym(s)) this.fail(`expected '${s}' but found ${this.describe(t)}`);
    return t;
  }
  private name(what: string): Tok {
    const t = this.t;
    if (t.kind !== 'ident' || RESERVED.has(t.text.toLowerCase())) {
      this.fail(`expected ${what} but found ${this.describe(t)}`);
    }
    this.i++;
    return t;
  }
  private enter(): void {
    this.depth++;
    if (this.depth > EPL_MAX_DEPTH)
      this.fail(`statement nests deeper than ${EPL_MAX_DEPTH} levels`);
  }
  private leave(): void {
    this.depth--;
  }

  statement(): EplStatement {
    this.expectKw('select');
    let stream: StreamSelector = 'istream';
    if (this.acceptKw('irstream')) stream = 'irstream';
    else if (this.acceptKw('rstream')) stream = 'rstream';
    else if (this.acceptKw('istream')) stream = 'istream';
    let items: SelectItem[] | null = null;
    const starPos = this.t.pos;
    if (!this.acceptSym('*')) {
      items = [this.selectItem()];
      while (this.acceptSym(',')) items.push(this.selectItem());
    }
    this.expectKw('from');
    if (this.isKw('pattern')) {
      this.i++;
      if (items !== null) this.fail('a pattern statement in this subset selects *', starPos);
      if (stream !== 'istream') this.fail('a pattern statement has only an insert stream', starPos);
      this.expectSym('[');
      const pattern = this.followedBy();
      this.expectSym(']');
      this.end();
      return { kind: 'pattern', pattern, tags: this.tags };
    }
    const typeTok = this.name('an event type name');
    let filter: Expr | null = null;
    if (this.acceptSym('(')) {
      filter = this.isSym(')') ? null : this.filterList();
      this.expectSym(')');
    }
    let window: EplWindow = { k: 'none' };
    if (this.isSym('#') || (this.isSym('.') && this.isKw('win', this.peek(1)))) {
      const viewPos = this.t.pos;
      if (this.acceptSym('.')) {
        this.i++;
        this.expectSym(':');
      } else this.i++;
      const view = this.t;
      if (this.isKw('time')) {
        this.i++;
        this.expectSym('(');
        window = { k: 'time', ms: this.period() };
        this.expectSym(')');
      } else if (this.isKw('length')) {
        this.i++;
        this.expectSym('(');
        const n = this.t;
        if (
          n.kind !== 'num' ||
          !Number.isInteger(n.num) ||
          n.num < 1 ||
          n.num > EPL_MAX_LENGTH_WINDOW
        ) {
          this.fail(`#length needs a whole number of events from 1 to ${EPL_MAX_LENGTH_WINDOW}`);
        }
        this.i++;
        window = { k: 'length', n: n.num };
        this.expectSym(')');
      } else {
        this.fail(
          `unsupported data window ${this.describe(view)}: this subset has #time(period) and #length(n)`,
          viewPos,
        );
      }
      if (this.isSym('#') || this.isSym('.'))
        this.fail('only one data window per stream in this subset');
    }
    let alias: string | null = null;
    if (this.acceptKw('as')) alias = this.name('a stream name').text;
    else if (this.t.kind === 'ident' && !RESERVED.has(this.t.text.toLowerCase()))
      alias = this.name('a stream name').text;
    let where: Expr | null = null;
    if (this.acceptKw('where')) where = this.expr('where');
    const groupBy: Expr[] = [];
    const groupByText: string[] = [];
    if (this.acceptKw('group')) {
      this.expectKw('by');
      do {
        const start = this.t.pos;
        groupBy.push(this.expr('group'));
        groupByText.push(this.textFrom(start));
      } while (this.acceptSym(','));
    }
    let having: Expr | null = null;
    if (this.acceptKw('having')) having = this.expr('having');
    this.end();
    if (items === null && (this.aggs.length > 0 || groupBy.length > 0)) {
      this.fail(
        'select * with aggregates or group by is not in this subset; name the columns',
        starPos,
      );
    }
    if (groupBy.length > 0 && this.aggs.length === 0) {
      this.fail('group by without an aggregate function is not in this subset', starPos);
    }
    return {
      kind: 'statement',
      stream,
      items,
      type: typeTok.text,
      alias,
      filter,
      view: window,
      where,
      groupBy,
      groupByText,
      having,
      aggs: this.aggs,
    };
  }

  private end(): void {
    if (this.t.kind !== 'eof')
      this.fail(`unexpected ${this.describe(this.t)} after the end of the statement`);
  }

  private textFrom(start: number): string {
    const prev = this.toks[this.i - 1];
    const end = prev ? prev.end : start;
    return this.src.slice(start, end).replace(/\s+/g, ' ').trim();
  }

  private selectItem(): SelectItem {
    const start = this.t.pos;
    const expr = this.expr('select');
    let name = this.textFrom(start);
    if (this.acceptKw('as')) name = this.name('a column name').text;
    return { expr, name };
  }

  /** A time period: one or more `number unit` parts; a bare number is seconds. */
  private period(): number {
    const start = this.t.pos;
    let total = 0;
    let parts = 0;
    while (this.t.kind === 'num') {
      const n = this.t.num;
      this.i++;
      const unitTok = this.t;
      const unit = unitTok.kind === 'ident' ? UNIT_MS.get(unitTok.text.toLowerCase()) : undefined;
      if (unit !== undefined) this.i++;
      else if (parts > 0) this.fail(`expected a time unit (msec, sec, min, hour, day) after ${n}`);
      total += n * (unit ?? 1000);
      parts++;
      if (unit === undefined) break;
    }
    if (parts === 0)
      this.fail(`expected a time period such as '10 sec' but found ${this.describe(this.t)}`);
    const ms = Math.round(total);
    if (!(ms >= 1) || ms > EPL_MAX_PERIOD_MS)
      this.fail('a time period must be from 1 msec to 1000 days', start);
    return ms;
  }

  // ------------------------------------------------------------ patterns

  private followedBy(): PatternExpr {
    this.enter();
    const children = [this.orPattern()];
    while (this.acceptSym('->')) children.push(this.orPattern());
    this.leave();
    return children.length === 1 ? children[0]! : { k: 'followedBy', children };
  }
  private orPattern(): PatternExpr {
    const children = [this.andPattern()];
    while (this.acceptKw('or')) children.push(this.andPattern());
    return children.length === 1 ? children[0]! : { k: 'or', children };
  }
  private andPattern(): PatternExpr {
    const children = [this.unaryPattern()];
    while (this.acceptKw('and')) children.push(this.unaryPattern());
    return children.length === 1 ? children[0]! : { k: 'and', children };
  }
  private unaryPattern(): PatternExpr {
    this.enter();
    let result: PatternExpr;
    if (this.acceptKw('every')) result = { k: 'every', child: this.unaryPattern() };
    else if (this.acceptKw('not')) result = { k: 'not', child: this.unaryPattern() };
    else result = this.guardedPattern();
    this.leave();
    return result;
  }
  private guardedPattern(): PatternExpr {
    let e = this.atomPattern();
    while (this.isKw('where')) {
      this.i++;
      const g = this.t;
      if (!this.isKw('timer'))
        this.fail(`expected the guard timer:within(...) but found ${this.describe(g)}`);
      this.i++;
      this.expectSym(':');
      if (!this.isKw('within'))
        this.fail(`unsupported guard timer:${this.t.text}: this subset has timer:within`);
      this.i++;
      this.expectSym('(');
      const ms = this.period();
      this.expectSym(')');
      e = { k: 'within', ms, child: e };
    }
    return e;
  }
  private atomPattern(): PatternExpr {
    if (this.acceptSym('(')) {
      const e = this.followedBy();
      this.expectSym(')');
      return e;
    }
    if (this.isKw('timer') && this.isSym(':', this.peek(1))) {
      this.i += 2;
      if (!this.isKw('interval')) {
        this.fail(
          `unsupported observer timer:${this.t.text}: this subset has timer:interval (and the guard timer:within after 'where')`,
        );
      }
      this.i++;
      this.expectSym('(');
      const ms = this.period();
      this.expectSym(')');
      return { k: 'interval', ms };
    }
    const pos = this.t.pos;
    let tag: string | null = null;
    if (this.isSym('=', this.peek(1))) {
      tag = this.name('a tag name').text;
      this.i++;
      if (this.tags.includes(tag)) this.fail(`tag '${tag}' is used twice in this pattern`, pos);
    }
    const type = this.name('an event type, a parenthesis or timer:interval').text;
    // Tags are known from here on: a filter may refer to its own tag and earlier ones.
    if (tag !== null) this.tags.push(tag);
    let filter: Expr | null = null;
    if (this.acceptSym('(')) {
      filter = this.isSym(')') ? null : this.filterList();
      this.expectSym(')');
    }
    return { k: 'filter', tag, type, filter, pos };
  }

  private filterList(): Expr {
    let e = this.expr('filter');
    while (this.acceptSym(',')) e = { k: 'bin', op: 'and', l: e, r: this.expr('filter') };
    return e;
  }

  // ------------------------------------------------------------ expressions

  private expr(ctx: ExprContext): Expr {
    this.enter();
    let e = this.andExpr(ctx);
    while (this.acceptKw('or')) e = { k: 'bin', op: 'or', l: e, r: this.andExpr(ctx) };
    this.leave();
    return e;
  }
  private andExpr(ctx: ExprContext): Expr {
    let e = this.notExpr(ctx);
    while (this.acceptKw('and')) e = { k: 'bin', op: 'and', l: e, r: this.notExpr(ctx) };
    return e;
  }
  private notExpr(ctx: ExprContext): Expr {
    if (this.acceptKw('not')) {
      this.enter();
      const e: Expr = { k: 'not', e: this.notExpr(ctx) };
      this.leave();
      return e;
    }
    return this.compare(ctx);
  }
  private compare(ctx: ExprContext): Expr {
    const l = this.additive(ctx);
    const t = this.t;
    if (t.kind === 'sym' && ['=', '!=', '<>', '<', '<=', '>', '>='].includes(t.text)) {
      this.i++;
      const op = (t.text === '<>' ? '!=' : t.text) as BinOp;
      return { k: 'bin', op, l, r: this.additive(ctx) };
    }
    if (this.isKw('is')) {
      this.i++;
      const negated = this.acceptKw('not');
      return { k: 'is', negated, l, r: this.additive(ctx) };
    }
    return l;
  }
  private additive(ctx: ExprContext): Expr {
    let e = this.multiplicative(ctx);
    while (this.isSym('+') || this.isSym('-')) {
      const op = this.t.text as BinOp;
      this.i++;
      e = { k: 'bin', op, l: e, r: this.multiplicative(ctx) };
    }
    return e;
  }
  private multiplicative(ctx: ExprContext): Expr {
    let e = this.unary(ctx);
    while (this.isSym('*') || this.isSym('/')) {
      const op = this.t.text as BinOp;
      this.i++;
      e = { k: 'bin', op, l: e, r: this.unary(ctx) };
    }
    return e;
  }
  private unary(ctx: ExprContext): Expr {
    if (this.acceptSym('-')) {
      this.enter();
      const e: Expr = { k: 'neg', e: this.unary(ctx) };
      this.leave();
      return e;
    }
    return this.primary(ctx);
  }
  private primary(ctx: ExprContext): Expr {
    const t = this.t;
    if (t.kind === 'num') {
      this.i++;
      return { k: 'lit', v: t.num };
    }
    if (t.kind === 'str') {
      this.i++;
      return { k: 'lit', v: t.text };
    }
    if (this.acceptSym('(')) {
      const e = this.expr(ctx);
      this.expectSym(')');
      return e;
    }
    if (t.kind !== 'ident')
      this.fail(`expected a value, a property or '(' but found ${this.describe(t)}`);
    const lower = t.text.toLowerCase();
    if (lower === 'true' || lower === 'false') {
      this.i++;
      return { k: 'lit', v: lower === 'true' };
    }
    if (lower === 'null') {
      this.i++;
      return { k: 'lit', v: null };
    }
    if (this.isSym('(', this.peek(1))) {
      const fn = lower;
      if (fn !== 'count' && fn !== 'sum' && fn !== 'avg' && fn !== 'min' && fn !== 'max') {
        this.fail(`unknown function '${t.text}': this subset has count, sum, avg, min, max`);
      }
      if (ctx !== 'select' && ctx !== 'having') {
        this.fail(
          `aggregate function ${fn}() is not allowed in ${ctx === 'filter' ? 'a filter' : ctx === 'group' ? 'group by' : 'where'}`,
        );
      }
      this.i += 2;
      let arg: Expr | null = null;
      if (!(fn === 'count' && this.acceptSym('*'))) {
        const before = this.aggs.length;
        arg = this.expr('where');
        if (this.aggs.length !== before) this.fail('aggregate functions cannot be nested', t.pos);
      }
      this.expectSym(')');
      const agg = { k: 'agg' as const, fn: fn as AggFn, arg, idx: this.aggs.length };
      this.aggs.push(agg);
      return agg;
    }
    const first = this.name('a property name');
    if (this.isSym('.') && this.peek(1).kind === 'ident') {
      this.i++;
      const second = this.name('a property name');
      return { k: 'prop', q: first.text, name: second.text, pos: first.pos };
    }
    return { k: 'prop', q: null, name: first.text, pos: first.pos };
  }
}

/** Parses one statement of the subset; never throws. */
export function parseEpl(statement: unknown): ParseResult {
  if (typeof statement !== 'string') {
    return {
      ok: false,
      problem: { path: 'statement', position: null, message: 'statement must be a string' },
    };
  }
  if (statement.length > EPL_MAX_STATEMENT_CHARS) {
    return {
      ok: false,
      problem: {
        path: 'statement',
        position: EPL_MAX_STATEMENT_CHARS,
        message: `statement is longer than ${EPL_MAX_STATEMENT_CHARS} characters`,
      },
    };
  }
  const toks = lex(statement);
  if (toks instanceof ParseFail) {
    return {
      ok: false,
      problem: { path: 'statement', position: toks.position, message: toks.message },
    };
  }
  const parser = new Parser(statement, toks);
  try {
    const parsed = parser.statement();
    const bad = checkNames(parsed);
    if (bad)
      return {
        ok: false,
        problem: { path: 'statement', position: bad.position, message: bad.message },
      };
    return { ok: true, statement: parsed };
  } catch (e) {
    if (e instanceof ParseFail) {
      return {
        ok: false,
        problem: { path: 'statement', position: e.position, message: e.message },
      };
    }
    return {
      ok: false,
      problem: { path: 'statement', position: null, message: 'statement could not be parsed' },
    };
  }
}

/** Checks that qualified names (`A.account`) name a tag of the pattern or the statement's stream. */
function checkNames(st: EplStatement): ParseFail | null {
  const bad: ParseFail[] = [];
  const visitExpr = (e: Expr | null, known: (q: string) => boolean): void => {
    const stack: Expr[] = e ? [e] : [];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x.k === 'prop' && x.q !== null && !known(x.q)) {
        bad.push(
          new ParseFail(
            x.pos,
            `'${x.q}.${x.name}' names '${x.q}', which is not a tag or stream of this statement`,
          ),
        );
      } else if (x.k === 'neg' || x.k === 'not') stack.push(x.e);
      else if (x.k === 'bin' || x.k === 'is') stack.push(x.l, x.r);
      else if (x.k === 'agg' && x.arg) stack.push(x.arg);
    }
  };
  if (st.kind === 'pattern') {
    const tags = new Set(st.tags);
    const stack: PatternExpr[] = [st.pattern];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (p.k === 'filter') visitExpr(p.filter, (q) => tags.has(q));
      else if (p.k === 'every' || p.k === 'not' || p.k === 'within') stack.push(p.child);
      else if (p.k === 'and' || p.k === 'or' || p.k === 'followedBy') stack.push(...p.children);
    }
  } else {
    const known = (q: string): boolean => q === st.type || q === st.alias;
    visitExpr(st.filter, known);
    visitExpr(st.where, known);
    visitExpr(st.having, known);
    for (const g of st.groupBy) visitExpr(g, known);
    for (const it of st.items ?? []) visitExpr(it.expr, known);
  }
  if (bad.length === 0) return null;
  bad.sort((a, b) => a.position - b.position);
  return bad[0]!;
}
