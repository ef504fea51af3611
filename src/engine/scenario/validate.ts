/**
 * A tiny path-tracking validator. Every problem names the JSON path it was found at
 * (`$.groups[1].config["max.poll.records"]`), so a hand-written scenario can be fixed by
 * reading the message alone.
 */

import type { ErrorParams, ScenarioErrorCode } from './errorCodes';

export interface ScenarioError {
  /** Where, as a JSON path (`$.groups[1].config["max.poll.records"]`). */
  path: string;
  /** The problem in English (the CLI prints it; the UI renders `code` in the user's language). */
  message: string;
  /**
   * What the problem is, for a UI in any language (errorCodes.ts). The scenario parser always
   * sets it; other validators built on Checker (lessons) may leave it out, and are then shown
   * by their English message.
   */
  code?: ScenarioErrorCode;
  params?: ErrorParams;
}

/**
 * What was found instead, for messages in any language: `gotKind` says whether it was an array,
 * an object or nothing at all (a UI words those), `got` is the value as written otherwise.
 */
export function gotOf(v: unknown): {
  got: string;
  gotKind: 'array' | 'object' | 'missing' | 'value';
} {
  const gotKind =
    v === undefined
      ? 'missing'
      : Array.isArray(v)
        ? 'array'
        : typeof v === 'object' && v !== null
          ? 'object'
          : 'value';
  return { got: describe(v), gotKind };
}

type Obj = Record<string, unknown>;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENT.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export class Checker {
  readonly errors: ScenarioError[] = [];

  fail(
    path: string,
    message: string,
    code?: ScenarioErrorCode,
    params: ErrorParams = {},
  ): undefined {
    this.errors.push(code ? { path, message, code, params } : { path, message });
    return undefined;
  }

  object(v: unknown, path: string): Obj | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      return this.fail(path, `must be an object, got ${describe(v)}`, 'mustBeObject', gotOf(v));
    }
    return v as Obj;
  }

  array(v: unknown, path: string): unknown[] | undefined {
    if (!Array.isArray(v))
      return this.fail(path, `must be an array, got ${describe(v)}`, 'mustBeArray', gotOf(v));
    return v;
  }

  string(
    v: unknown,
    path: string,
    opts: { nonEmpty?: boolean; pattern?: RegExp; maxLength?: number } = {},
  ): string | undefined {
    if (typeof v !== 'string')
      return this.fail(path, `must be a string, got ${describe(v)}`, 'mustBeString', gotOf(v));
    if (opts.nonEmpty !== false && v.length === 0)
      return this.fail(path, 'must not be empty', 'mustNotBeEmpty');
    const max = opts.maxLength ?? 200;
    if (v.length > max && codePoints(v, max) > max)
      return this.fail(path, `must be at most ${max} characters`, 'tooLong', { max });
    if (opts.pattern && !opts.pattern.test(v)) {
      return this.fail(path, `"${v}" must match ${opts.pattern}`, 'mustMatch', {
        value: v,
        pattern: String(opts.pattern),
      });
    }
    return v;
  }

  number(
    v: unknown,
    path: string,
    opts: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {},
  ): number | undefined {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return this.fail(
        path,
        `must be a finite number, got ${describe(v)}`,
        'mustBeNumber',
        gotOf(v),
      );
    }
    if (opts.integer && !Number.isInteger(v))
      return this.fail(path, `must be an integer, got ${v}`, 'mustBeInteger', { got: v });
    if (opts.min !== undefined) {
      if (opts.exclusiveMin ? v <= opts.min : v < opts.min) {
        return this.fail(
          path,
          `must be ${opts.exclusiveMin ? '>' : '≥'} ${opts.min}, got ${v}`,
          opts.exclusiveMin ? 'mustBeAbove' : 'tooSmall',
          { min: opts.min, got: v },
        );
      }
    }
    if (opts.max !== undefined && v > opts.max)
      return this.fail(path, `must be ≤ ${opts.max}, got ${v}`, 'tooLarge', {
        max: opts.max,
        got: v,
      });
    return v;
  }

  boolean(v: unknown, path: string): boolean | undefined {
    if (typeof v !== 'boolean')
      return this.fail(
        path,
        `must be true or false, got ${describe(v)}`,
        'mustBeBoolean',
        gotOf(v),
      );
    return v;
  }

  oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T | undefined {
    if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
      return this.fail(
        path,
        `must be one of ${options.map((o) => `"${o}"`).join(', ')}, got ${describe(v)}`,
        'mustBeOneOf',
        { options: options.map((o) => `"${o}"`).join(', '), ...gotOf(v) },
      );
    }
    return v as T;
  }

  /** Reports keys the format does not know: a typo in a setting name must not pass silently. */
  knownKeys(o: Obj, path: string, known: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!known.includes(k))
        this.fail(
          child(path, k),
          `unknown field "${k}" (known: ${known.join(', ')})`,
          'unknownField',
          {
            field: k,
            known: known.join(', '),
          },
        );
    }
  }
}

/**
 * Characters as JSON Schema counts them (code points: an emoji is one, not two UTF-16 units),
 * counting no further than just past `limit`.
 */
function codePoints(v: string, limit: number): number {
  let n = 0;
  for (let i = 0; i < v.length && n <= limit; i++, n++) {
    const c = v.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < v.length) {
      const d = v.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}
