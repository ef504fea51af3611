/**
 * Autosave: the design document in localStorage, written shortly after every change and when
 * the page is hidden, so a reload or a crashed tab restores the diagram exactly. A saved design
 * that cannot be read is kept aside (never deleted) and the default opens instead.
 */
import { parseDesignDoc, toDesignDoc, type Design } from '../diagram';

export const AUTOSAVE_KEY = 'eventflow.design';
const CORRUPT_KEY = 'eventflow.design.unreadable';
const DELAY_MS = 250;

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
};

/** Why the saved design could not be restored, for a notice; null when it was fine or absent. */
export let restoreProblem: string | null = null;

export function restoreAutosave(): { design: Design; origin: string | null } | null {
  const text = storage()?.getItem(AUTOSAVE_KEY);
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    value = { parseError: (e as Error).message };
  }
  const r = parseDesignDoc(value);
  if (r.ok) return { design: r.design, origin: r.origin ?? null };
  restoreProblem = `The autosaved design could not be read (${r.errors.slice(0, 3).join('; ')}). It is kept in localStorage under "${CORRUPT_KEY}".`;
  storage()?.setItem(CORRUPT_KEY, text);
  return null;
}

export interface AutosaveSource {
  subscribe(listener: () => void): () => void;
  snapshot(): { design: Design; origin: string | null; key: readonly unknown[] };
}

/** Starts saving; returns the teardown (for a React effect). */
export function startAutosave(source: AutosaveSource): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastKey: readonly unknown[] = [];
  const save = () => {
    timer = null;
    const { design, origin } = source.snapshot();
    try {
      storage()?.setItem(AUTOSAVE_KEY, JSON.stringify(toDesignDoc(design, origin ?? undefined)));
    } catch {
      // Storage full or disabled: the design is still in memory; nothing to lose by skipping.
    }
  };
  const off = source.subscribe(() => {
    const { key } = source.snapshot();
    if (key.length === lastKey.length && key.every((k, i) => k === lastKey[i])) return;
    lastKey = key;
    if (timer === null) timer = setTimeout(save, DELAY_MS);
  });
  const flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      save();
    }
  };
  globalThis.addEventListener?.('pagehide', flush);
  return () => {
    off();
    flush();
    globalThis.removeEventListener?.('pagehide', flush);
  };
}
