/**
 * Expression evaluation for the EPL subset (issue 15), with SQL three-valued logic as the Esper
 * reference states it ("EPL Reference: Operators": comparisons with null return null; `is` /
 * `is not` compare null-safely; and/or follow SQL), and aggregate values supplied by the caller.
 * A filter or where clause passes only when it evaluates to true.
 *
 * Property values are read from the event's data with `Object.hasOwn` (user names such as
 * `__proto__` are plain names); values other than finite numbers, strings and booleans read as null.
 */
import type { Expr, Lit } from './eplParse';

export interface EvalScope {
  /** The value of a property `name` qualified by `q` (a tag or stream name) or unqualified. */
  prop(q: string | null, name: string): Lit;
  /** The current value of aggregate number `idx`. */
  agg(idx: number): Lit;
}

export function readField(data: unknown, name: string): Lit {
  if (typeof data !== 'object' || data === null) return null;
  if (!Object.hasOwn(data, name)) return null;
  const v = (data as Record<string, unknown>)[name];
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return null;
}

function compare(op: string, a: Lit, b: Lit): Lit {
  if (a === null || b === null) return null;
  if (op === '=' || op === '!=') {
    const eq = typeof a === typeof b && a === b;
    return op === '=' ? eq : !eq;
  }
  if (typeof a !== typeof b || typeof a === 'boolean') return null;
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

function arith(op: string, a: Lit, b: Lit): Lit {
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  let r: number;
  if (op === '+') r = a + b;
  else if (op === '-') r = a - b;
  else if (op === '*') r = a * b;
  else r = b === 0 ? NaN : a / b;
  return Number.isFinite(r) ? r : null;
}

/**
 * Evaluates an expression. Depth is bounded by the parser (EPL_MAX_DEPTH), so the recursion is too.
 */
export function evaluate(e: Expr, scope: EvalScope): Lit {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'prop':
      return scope.prop(e.q, e.name);
    case 'agg':
      return scope.agg(e.idx);
    case 'neg': {
      const v = evaluate(e.e, scope);
      return typeof v === 'number' ? -v : null;
    }
    case 'not': {
      const v = evaluate(e.e, scope);
      return typeof v === 'boolean' ? !v : null;
    }
    case 'is': {
      const a = evaluate(e.l, scope);
      const b = evaluate(e.r, scope);
      const same = a === b;
      return e.negated ? !same : same;
    }
    case 'bin': {
      if (e.op === 'and' || e.op === 'or') {
        const a = evaluate(e.l, scope);
        const b = evaluate(e.r, scope);
        const ab = typeof a === 'boolean' ? a : null;
        const bb = typeof b === 'boolean' ? b : null;
        if (e.op === 'and') {
          if (ab === false || bb === false) return false;
          return ab === null || bb === null ? null : true;
        }
        if (ab === true || bb === true) return true;
        return ab === null || bb === null ? null : false;
      }
      const a = evaluate(e.l, scope);
      const b = evaluate(e.r, scope);
      if (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/') return arith(e.op, a, b);
      return compare(e.op, a, b);
    }
  }
}

export function passes(e: Expr | null, scope: EvalScope): boolean {
  return e === null || evaluate(e, scope) === true;
}
