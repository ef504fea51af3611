/** Number and time formatting shared by the UI. */
import { formatNumber, getLocale, translate, type Locale } from '../i18n';

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
  if (n >= 10_000) return `${trim(n / 1000)}k`;
  return String(Math.round(n * 100) / 100);
}

/**
 * Sim time, the one format the app uses in headers, clocks and explanations alike:
 * milliseconds with the locale's grouping, "3,250.4 ms" (in English exactly the anomaly
 * explanations' formatMs). "ms" is the unit in every language; an endless time reads "never"
 * in the locale's words, never "Infinity".
 */
export function formatSimTime(us: number, locale: Locale = getLocale()): string {
  if (Number.isNaN(us)) return translate(locale, 'timeline.time.unknown');
  if (!Number.isFinite(us))
    return translate(locale, us > 0 ? 'timeline.time.never' : 'timeline.time.beginning');
  const ms = Math.round(us) / 1000;
  // -0.0004 ms rounds to "-0": show it as formatMs does ("0 ms").
  return `${formatNumber(locale, Object.is(ms, -0) ? 0 : ms)} ms`;
}

function trim(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, '');
}
