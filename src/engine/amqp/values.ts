import type { AmqpTable, AmqpValue } from './script';

/** Structural equality of AMQP field values (Erlang's =:= on decoded field tables). */
export function valueEquals(a: AmqpValue | undefined, b: AmqpValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valueEquals(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k) || !valueEquals(a[k], b[k])) return false;
  }
  return true;
}

export function tableEquals(a: AmqpTable | undefined, b: AmqpTable | undefined): boolean {
  return valueEquals(a ?? {}, b ?? {});
}

/** Own-property lookup: '__proto__' and 'constructor' are legal header and argument names. */
export function tableGet(t: AmqpTable | undefined, key: string): AmqpValue | undefined {
  if (t === undefined || !Object.prototype.hasOwnProperty.call(t, key)) return undefined;
  return t[key];
}

export function tableHas(t: AmqpTable | undefined, key: string): boolean {
  return t !== undefined && Object.prototype.hasOwnProperty.call(t, key);
}

/** A copy of a table as a null-prototype-safe plain object (defineProperty keeps '__proto__'). */
export function tableSet(t: AmqpTable | undefined, key: string, value: AmqpValue): AmqpTable {
  const out: AmqpTable = {};
  if (t !== undefined) for (const [k, v] of Object.entries(t)) defineKey(out, k, v);
  defineKey(out, key, value);
  return out;
}

export function tableDelete(t: AmqpTable, key: string): AmqpTable {
  const out: AmqpTable = {};
  for (const [k, v] of Object.entries(t)) if (k !== key) defineKey(out, k, v);
  return out;
}

export function defineKey(t: AmqpTable, key: string, value: AmqpValue): void {
  Object.defineProperty(t, key, { value, enumerable: true, writable: true, configurable: true });
}

/** UTF-8 byte length (x-max-length-bytes counts body bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
