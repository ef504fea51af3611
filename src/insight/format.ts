/**
 * Number formatting for explanations. Deterministic on purpose: `toLocaleString` depends on
 * the machine's locale, and an explanation must read the same in a test, a CLI and a browser.
 */
import { msg } from '../i18n/translate';
import type { Msg, Param } from '../i18n/types';

/** 1234567 → "1,234,567". Integers only; the sign is kept. */
export function groupThousands(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Sim microseconds as milliseconds: 1_240_000 → "1,240 ms", 1_000_500 → "1,000.5 ms". The one
 * time format of the app (headers, clock and explanations). An endless time (a pause with no
 * end, a wake time of never) reads "never", never "Infinity".
 */
export function formatMs(us: number): string {
  if (Number.isNaN(us)) return 'an unknown time';
  if (!Number.isFinite(us)) return us > 0 ? 'never' : 'the beginning';
  const ms = Math.round(us) / 1000;
  const whole = Math.trunc(ms);
  const frac = Math.round(Math.abs(ms - whole) * 1000);
  const fracText = frac === 0 ? '' : `.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
  const sign = ms < 0 && whole === 0 ? '-' : '';
  return `${sign}${groupThousands(whole)}${fracText} ms`;
}

/**
 * A time for a message: finite times as formatMs text ("3,250.4 ms", the same in every
 * language); an endless time, the start of time or NaN as a translated message.
 */
export function timeParam(us: number): string | Msg {
  if (Number.isNaN(us)) return msg('explain.time.unknown');
  if (!Number.isFinite(us))
    return us > 0 ? msg('explain.time.never') : msg('explain.time.beginning');
  return formatMs(us);
}

/** How many times something happened, as people say it: "once", "twice", "3 times". */
export function times(n: number): Msg {
  if (!Number.isFinite(n)) return msg('explain.times.forever');
  return msg('explain.times', { n });
}

/** "1 record" / "53 records". */
export function records(n: number): Msg {
  if (!Number.isFinite(n)) return msg('explain.records.unknown');
  return msg('explain.records', { n });
}

/** Where a record sits, as Kafka tools print it: "orders-0 @ 41" (the same in every language). */
export function place(tp: string, offset: number | string): string {
  return `${tp} @ ${offset}`;
}

/**
 * Items joined with "; " (the language's separator), as a balanced tree of messages so the
 * nesting grows with log2 of the count, never past the renderer's depth limit.
 */
export function joinList(items: readonly Param[]): Param {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  const mid = items.length >> 1;
  return msg('explain.list', { a: joinList(items.slice(0, mid)), b: joinList(items.slice(mid)) });
}

/** Offsets [from, to) as a person reads them: "41" for one, "400–452" for many. */
export function offsetRange(from: number, to: number): string {
  return to - from <= 1 ? String(from) : `${from}–${to - 1}`;
}
