/**
 * Number formatting for explanations. Deterministic on purpose: `toLocaleString` depends on
 * the machine's locale, and an explanation must read the same in a test, a CLI and a browser.
 */

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

/** How many times something happened, as people say it: "once", "twice", "3 times". */
export function times(n: number): string {
  if (!Number.isFinite(n)) return 'forever';
  if (n === 1) return 'once';
  if (n === 2) return 'twice';
  if (n === 3) return 'three times';
  return `${groupThousands(n)} times`;
}

/** "1 record" / "53 records". */
export function records(n: number): string {
  if (!Number.isFinite(n)) return 'an unknown number of records';
  return n === 1 ? '1 record' : `${groupThousands(n)} records`;
}

/** Offsets [from, to) as a person reads them: "41" for one, "400–452" for many. */
export function offsetRange(from: number, to: number): string {
  return to - from <= 1 ? String(from) : `${from}–${to - 1}`;
}
