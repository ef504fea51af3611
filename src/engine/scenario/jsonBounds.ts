/**
 * Bounds on untrusted JSON, checked before any work is done with it (issues 9 §5 and 17).
 *
 * Why: V8's JSON.parse takes seconds on a few MB of `[[[[…` (5.8 s for 5 MB in Node 20), and a
 * value nested a few thousand levels deep makes JSON.stringify, structuredClone and postMessage
 * throw "Maximum call stack size exceeded" later (autosave, export, the worker). So the raw text
 * is measured and its nesting scanned (linear, no recursion) before JSON.parse, and values that
 * arrive already parsed are walked with an explicit stack. Every refusal names the JSON path.
 */
import { child, type ScenarioError } from './validate';

export interface JsonLimits {
  /** Most characters of text read. */
  maxChars: number;
  /** Deepest nesting of arrays and objects (the root object is level 1). */
  maxDepth: number;
  /** Most values (objects, arrays, strings, numbers, booleans, nulls) in one JSON text. */
  maxValues: number;
}

/** Scenario files, design files and share links: far above any real design, far below harm. */
export const JSON_LIMITS: JsonLimits = {
  maxChars: 5_000_000,
  maxDepth: 64,
  maxValues: 1_000_000,
};

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; error: ScenarioError };

/**
 * JSON.parse behind the bounds: the text's length, then its nesting depth (a linear scan that
 * stops at the first container too deep), then the parse itself. Never throws.
 */
export function parseJsonBounded(text: string, limits: JsonLimits = JSON_LIMITS): JsonTextResult {
  if (text.length > limits.maxChars) {
    return {
      ok: false,
      error: {
        path: '$',
        message: `the text is ${text.length.toLocaleString('en-US')} characters; at most ${limits.maxChars.toLocaleString('en-US')} are read`,
        code: 'textTooLong',
        params: { chars: text.length, max: limits.maxChars },
      },
    };
  }
  const deep = scanJsonDepth(text, limits.maxDepth);
  if (deep) return { ok: false, error: deep };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = (e as Error).message;
    return {
      ok: false,
      error: {
        path: '$',
        message: `not valid JSON: ${detail}`,
        code: 'notJson',
        params: { detail },
      },
    };
  }
  const big = checkJsonValue(value, limits);
  return big ? { ok: false, error: big } : { ok: true, value };
}

type Frame = { array: boolean; index: number; keyStart: number; keyEnd: number };

/**
 * Finds the first array or object nested deeper than `maxDepth` in JSON text, without parsing
 * it: strings are skipped (escapes honoured), brackets counted. Returns the path to the
 * container that is too deep, or null. Malformed text is left to JSON.parse to report.
 */
export function scanJsonDepth(text: string, maxDepth: number): ScenarioError | null {
  const stack: Frame[] = [];
  // In an object, the string that follows `{` or `,` is a key; remember where it is.
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top && !top.array) {
        top.keyStart = start;
        top.keyEnd = i + 1;
        expectKey = false;
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (stack.length >= maxDepth) {
        return {
          path: shortPath(scanPath(text, stack)),
          message: `nested more than ${maxDepth} levels deep`,
          code: 'tooDeep',
          params: { max: maxDepth },
        };
      }
      stack.push({ array: c === 0x5b, index: 0, keyStart: -1, keyEnd: -1 });
      expectKey = c === 0x7b;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.array) top.index++;
      else expectKey = true;
    }
  }
  return null;
}

function scanPath(text: string, stack: Frame[]): string {
  let path = '$';
  for (const f of stack) {
    if (f.array) path = child(path, f.index);
    else if (f.keyStart >= 0) path = child(path, keyText(text.slice(f.keyStart, f.keyEnd)));
  }
  return path;
}

function keyText(quoted: string): string {
  try {
    const k: unknown = JSON.parse(quoted);
    return typeof k === 'string' ? k : quoted;
  } catch {
    return quoted;
  }
}

/**
 * Checks a value that is already parsed (handed over by code, a form or structuredClone): depth
 * and value count, with an explicit stack so a deep or cyclic value cannot overflow the call
 * stack or loop forever (a cycle is deeper than any limit). Returns the first problem, or null.
 */
export function checkJsonValue(
  value: unknown,
  limits: Pick<JsonLimits, 'maxDepth' | 'maxValues'> = JSON_LIMITS,
  root = '$',
): ScenarioError | null {
  type Item = { v: unknown; depth: number; parent: Item | null; key: string | number };
  const stack: Item[] = [{ v: value, depth: 0, parent: null, key: '' }];
  let count = 0;
  while (stack.length > 0) {
    const it = stack.pop()!;
    if (++count > limits.maxValues) {
      return {
        path: root,
        message: `holds more than ${limits.maxValues.toLocaleString('en-US')} values`,
        code: 'tooManyValues',
        params: { max: limits.maxValues },
      };
    }
    const v = it.v;
    if (typeof v !== 'object' || v === null) continue;
    const depth = it.depth + 1;
    if (depth > limits.maxDepth) {
      return {
        path: shortPath(itemPath(it, root)),
        message: `nested more than ${limits.maxDepth} levels deep`,
        code: 'tooDeep',
        params: { max: limits.maxDepth },
      };
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], depth, parent: it, key: i });
    } else {
      // Own enumerable keys only (what JSON.stringify and structuredClone copy).
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--)
        stack.push({
          v: (v as Record<string, unknown>)[keys[i]!],
          depth,
          parent: it,
          key: keys[i]!,
        });
    }
  }
  return null;
}

function itemPath(it: { parent: unknown; key: string | number }, root: string): string {
  const keys: (string | number)[] = [];
  for (
    let x = it as { parent: unknown; key: string | number } | null;
    x?.parent;
    x = x.parent as typeof x
  )
    keys.push(x.key);
  let path = root;
  for (let i = keys.length - 1; i >= 0; i--) path = child(path, keys[i]!);
  return path;
}

/** A path readable in one line: a very deep one keeps its start and its end. */
export function shortPath(path: string, max = 100): string {
  if (path.length <= max) return path;
  // Cut between segments, never inside one ("…[0][0]", not "…0][0]").
  const head = path.slice(0, max - 40).replace(/\[[^\]]*$/, '');
  const tail = path.slice(-39).replace(/^[^[.]*/, '');
  return `${head}…${tail}`;
}
