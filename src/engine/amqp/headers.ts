import type { AmqpTable } from './script';
import { tableGet, tableHas, valueEquals } from './values';

/**
 * The headers exchange, following rabbit_exchange_type_headers.erl:
 * - x-match `all` (the default, also when absent) / `any`: binding arguments whose name starts
 *   with "x-" are skipped; `all-with-x` / `any-with-x` compare them too. `x-match` itself is
 *   always skipped.
 * - A binding argument with no value (AMQP void; JSON null here) matches the mere presence of
 *   the header; otherwise the header's value must be equal (=:=).
 * - `all` with nothing left to compare matches every message; `any` with nothing matches none.
 */
export type XMatch = 'all' | 'any' | 'all-with-x' | 'any-with-x';

export function headersMatch(
  bindingArgs: AmqpTable | undefined,
  headers: AmqpTable | undefined,
): boolean {
  const mode = xMatchOf(bindingArgs);
  const withX = mode === 'all-with-x' || mode === 'any-with-x';
  const isAll = mode === 'all' || mode === 'all-with-x';
  if (bindingArgs === undefined) return isAll;
  for (const key of Object.keys(bindingArgs)) {
    if (key === 'x-match') continue;
    if (!withX && key.startsWith('x-')) continue;
    const want = bindingArgs[key];
    const ok =
      want === null
        ? tableHas(headers, key)
        : tableHas(headers, key) && valueEquals(want, tableGet(headers, key));
    if (isAll && !ok) return false;
    if (!isAll && ok) return true;
  }
  return isAll;
}

function xMatchOf(args: AmqpTable | undefined): XMatch {
  const v = tableGet(args, 'x-match');
  return v === 'any' || v === 'all-with-x' || v === 'any-with-x' ? v : 'all';
}

/**
 * rabbit_exchange_type_headers:validate_binding: an x-match that is not one of the four is
 * refused (a channel error 406 PRECONDITION_FAILED with this text). Returns null when valid.
 */
export function xMatchError(args: AmqpTable | undefined): string | null {
  if (!tableHas(args, 'x-match')) return null;
  const v = tableGet(args, 'x-match');
  if (typeof v === 'string') {
    if (v === 'all' || v === 'any' || v === 'all-with-x' || v === 'any-with-x') return null;
    return `Invalid x-match field value <<"${v}">>; expected all, any, all-with-x, or any-with-x`;
  }
  return `Invalid x-match field type ${erlType(v)} (value ${JSON.stringify(v)}); expected longstr`;
}

function erlType(v: unknown): string {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'signedint' : 'double';
  if (v === null) return 'void';
  if (Array.isArray(v)) return 'array';
  return 'table';
}
