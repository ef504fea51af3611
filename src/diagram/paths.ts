/** Field paths inside node data, as segment lists, and the parser's JSON paths mapped onto them. */

export type Segment = string | number;

export const fieldKey = (path: readonly Segment[]): string => path.join('/');

export function getAt(obj: unknown, path: readonly Segment[]): unknown {
  let v: unknown = obj;
  for (const s of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

/**
 * A copy of `obj` with `value` at `path` (creating objects on the way); `undefined` removes the
 * field, so an emptied optional setting falls back to Kafka's default.
 */
export function setAt<T>(obj: T, path: readonly Segment[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [Segment, ...Segment[]];
  const base: unknown = obj ?? (typeof head === 'number' ? [] : undefined);
  const copy: Record<string | number, unknown> = Array.isArray(base)
    ? ([...base] as unknown as Record<number, unknown>)
    : { ...(typeof base === 'object' && base !== null ? (base as Record<string, unknown>) : {}) };
  const next = rest.length === 0 ? value : setAt(copy[head], rest, value);
  if (next === undefined && !Array.isArray(base)) delete copy[head];
  else copy[head] = next;
  return copy as T;
}

/**
 * Splits the rest of a parser path into segments: `.config["max.poll.records"]` →
 * ["config", "max.poll.records"], `.handlers[0].on` → ["handlers", "0", "on"].
 */
export function jsonPathSegments(rest: string): string[] {
  const out: string[] = [];
  const re = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest)) !== null) out.push(m[1] ?? m[2] ?? (JSON.parse(m[3]!) as string));
  return out;
}

/** A shallow copy of `o` without `keys`. */
export function omit<T extends object, K extends keyof T>(o: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...o };
  for (const k of keys) delete copy[k];
  return copy;
}
