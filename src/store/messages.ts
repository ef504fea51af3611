/**
 * What the store says to the user is data: a Msg (a catalog key and its parameters), rendered in
 * the reader's language at display time (useRenderMsg), so switching language re-renders every
 * notice, toast and reason already on screen. Text that is not ours (an exception's message, a
 * browser's error, an older version's stored reason) stays a string and is shown as it is.
 */
import { getLocale, isMessageKey, isMsg, renderMsg, type Msg, type Param } from '../i18n';

/** A message for the user: ours (Msg), or text from elsewhere shown as written. */
export type Text = Msg | string;

/** An exception's own words. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * A name the user will own and may rename ("Untitled design", "… (edited)"): written once, in the
 * language of the moment; names are data, not UI.
 */
export const nameText = (m: Msg): string => renderMsg(getLocale(), m);

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A Text bounded for storage: strings (and a Msg's string parameters) at most `n` characters. */
export function clipText(t: Text, n: number, depth = 0): Text {
  if (typeof t === 'string') return clip(t, n);
  if (!t.params) return t;
  const params: Record<string, Param> = {};
  for (const [k, v] of Object.entries(t.params))
    params[k] =
      typeof v === 'string'
        ? clip(v, n)
        : typeof v === 'number'
          ? v
          : depth < 4
            ? clipText(v, n, depth + 1)
            : '…';
  return { key: t.key, params };
}

/**
 * A Text read back from storage (untrusted): a string, or a Msg whose key is in the catalogs and
 * whose parameters are strings, finite numbers or such Msgs (nested at most 4 deep, 20 each).
 */
export function storedText(v: unknown, depth = 0): Text | null {
  if (typeof v === 'string') return v;
  if (!isMsg(v) || !isMessageKey(v.key) || depth > 4) return null;
  const raw = (v as { params?: unknown }).params;
  if (raw === undefined) return { key: v.key };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const entries = Object.entries(raw);
  if (entries.length > 20) return null;
  const params: Record<string, Param> = {};
  for (const [k, p] of entries) {
    if (typeof p === 'number' && Number.isFinite(p)) params[k] = p;
    else {
      const t = storedText(p, depth + 1);
      if (t === null) return null;
      params[k] = t;
    }
  }
  return { key: v.key, params };
}
