/**
 * The local library of designs in browser storage: an index, one key per design, and a shelf of
 * "set aside" texts that could not be read. Everything read back is untrusted (another version,
 * another tab, a hand edit, a full disk): each entry is bounded and validated, a bad one is set
 * aside with its reason (never deleted, never overwritten), and no function here throws. Writes
 * report a full or disabled storage as an error message (a Msg) instead.
 */
import { parseDesignDoc, toDesignDoc, type Design } from '../diagram';
import { msg } from '../i18n';
import { clipText, errorText, nameText, storedText, type Text } from './messages';

/** The subset of the Web Storage API the library uses (an in-memory one in tests). */
export interface KV {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

export const INDEX_KEY = 'eventflow.library';
export const DESIGN_PREFIX = 'eventflow.library.design.';
export const ASIDE_PREFIX = 'eventflow.library.aside.';
export const CURRENT_KEY = 'eventflow.library.current';
/** The previous version's single autosave, and where it put an unreadable one. */
export const LEGACY_KEY = 'eventflow.design';
export const LEGACY_UNREADABLE_KEY = 'eventflow.design.unreadable';

export const MAX_DESIGNS = 200;
export const MAX_ASIDE = 50;
/** A design's JSON text; the largest built-in is ~20k characters. */
export const MAX_DESIGN_CHARS = 2_000_000;
export const MAX_NAME_CHARS = 120;
const MAX_INDEX_CHARS = 200_000;
/** Nesting deeper than this is no design: refuse it before anything recursive walks it. */
export const MAX_JSON_DEPTH = 64;
const MAX_REASON_CHARS = 600;

export interface LibraryEntry {
  id: string;
  name: string;
  /** ms since the epoch (Date.now) of the last save. */
  updatedAt: number;
}

export interface AsideEntry {
  id: string;
  name: string;
  /** Why it was set aside: a message (older versions stored English words: shown as they are). */
  reason: Text;
  at: number;
}

export interface LibraryIndex {
  designs: LibraryEntry[];
  aside: AsideEntry[];
}

export type Loaded =
  | { ok: true; design: Design; origin: string | null }
  | { ok: false; reason: Text; raw: string | null };
export type Written = { ok: true } | { ok: false; error: Text };

const ID = /^[a-z0-9]{1,40}$/;
const emptyIndex = (): LibraryIndex => ({ designs: [], aside: [] });
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** An in-memory KV (tests, and a browser with storage disabled). */
export function memoryKV(): KV {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
  };
}

/** A key's text, or null when absent or unreadable. */
export function readKey(kv: KV, key: string): string | null {
  try {
    return kv.getItem(key);
  } catch {
    return null;
  }
}

function put(kv: KV, key: string, value: string): Written {
  try {
    kv.setItem(key, value);
    return { ok: true };
  } catch (e) {
    const quota = e instanceof Error && /quota/i.test(`${e.name} ${e.message}`);
    return {
      ok: false,
      error: quota
        ? msg('toolbar.storage.full')
        : msg('toolbar.storage.refused', { error: errorText(e) }),
    };
  }
}

/** Removes a key; a storage that refuses is left as it was. */
export function removeKey(kv: KV, key: string): void {
  try {
    kv.removeItem(key);
  } catch {
    // Nothing to do: a key that cannot be removed stays harmlessly.
  }
}

/** Nesting depth of a JSON text, counted without parsing (iterative: deep input cannot overflow). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Parses a JSON text from storage, bounded in size and depth. */
export function readJson(
  text: string,
  maxChars: number,
): { ok: true; value: unknown } | { ok: false; reason: Text } {
  if (text.length > maxChars)
    return { ok: false, reason: msg('toolbar.json.tooLong', { n: text.length, max: maxChars }) };
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH)
    return {
      ok: false,
      reason: msg('toolbar.json.tooDeep', { depth, max: MAX_JSON_DEPTH }),
    };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return {
      ok: false,
      reason: msg('toolbar.json.invalid', { error: errorText(e) }),
    };
  }
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function entryOf(v: unknown): LibraryEntry | null {
  if (!isObj(v) || typeof v.id !== 'string' || !ID.test(v.id) || typeof v.name !== 'string')
    return null;
  const updatedAt =
    typeof v.updatedAt === 'number' && Number.isFinite(v.updatedAt) ? v.updatedAt : 0;
  return { id: v.id, name: clip(v.name, MAX_NAME_CHARS), updatedAt };
}

function asideOf(v: unknown): AsideEntry | null {
  if (!isObj(v) || typeof v.id !== 'string' || !ID.test(v.id) || typeof v.name !== 'string')
    return null;
  const at = typeof v.at === 'number' && Number.isFinite(v.at) ? v.at : 0;
  return {
    id: v.id,
    name: clip(v.name, MAX_NAME_CHARS),
    reason: clipText(storedText(v.reason) ?? msg('toolbar.aside.unknownReason'), MAX_REASON_CHARS),
    at,
  };
}

/** Entries of a list that read, first occurrence of each id, at most `max`. */
function entries<T extends { id: string }>(
  list: unknown,
  read: (v: unknown) => T | null,
  max: number,
): T[] {
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  const out: T[] = [];
  for (const v of list.slice(0, max * 2)) {
    const e = read(v);
    if (e && !seen.has(e.id) && out.length < max) {
      seen.add(e.id);
      out.push(e);
    }
  }
  return out;
}

/**
 * Reads the index. An unreadable one is set aside and rebuilt from the design keys present, so
 * the designs themselves survive a damaged index; `problem` says what happened.
 */
export function readIndex(kv: KV): { index: LibraryIndex; problem: Text | null } {
  const text = readKey(kv, INDEX_KEY);
  if (text === null) return { index: emptyIndex(), problem: null };
  const r = readJson(text, MAX_INDEX_CHARS);
  if (r.ok && isObj(r.value) && r.value.format === 'eventflow-library' && r.value.version === 1)
    return {
      index: {
        designs: entries(r.value.designs, entryOf, MAX_DESIGNS),
        aside: entries(r.value.aside, asideOf, MAX_ASIDE),
      },
      problem: null,
    };
  const why = r.ok ? msg('toolbar.library.notIndex') : r.reason;
  const index = rebuildIndex(kv);
  const kept = addAside(
    kv,
    index,
    text,
    nameText(msg('toolbar.library.indexAsideName')),
    msg('toolbar.library.indexUnreadable', { why }),
  );
  writeIndex(kv, kept.index);
  return {
    index: kept.index,
    problem: msg('toolbar.library.rebuilt', { why, n: index.designs.length }),
  };
}

/** An index of the design keys present (names read from the documents when they parse). */
function rebuildIndex(kv: KV): LibraryIndex {
  const index = emptyIndex();
  const n = Math.min(kv.length, 10_000);
  for (let i = 0; i < n && index.designs.length < MAX_DESIGNS; i++) {
    const key = kv.key(i);
    const id = key?.startsWith(DESIGN_PREFIX) ? key.slice(DESIGN_PREFIX.length) : null;
    if (id === null || !ID.test(id)) continue;
    const r = readJson(readKey(kv, key!) ?? '', MAX_DESIGN_CHARS);
    const settings = r.ok && isObj(r.value) && isObj(r.value.settings) ? r.value.settings : null;
    const name =
      typeof settings?.name === 'string'
        ? clip(settings.name, MAX_NAME_CHARS)
        : nameText(msg('toolbar.library.recoveredName', { id }));
    index.designs.push({ id, name, updatedAt: 0 });
  }
  return index;
}

export function writeIndex(kv: KV, index: LibraryIndex): Written {
  return put(
    kv,
    INDEX_KEY,
    JSON.stringify({
      format: 'eventflow-library',
      version: 1,
      designs: index.designs,
      aside: index.aside,
    }),
  );
}

/** Reads one design: bounded, parsed and validated like an imported file. */
export function readDesign(kv: KV, id: string): Loaded {
  const raw = readKey(kv, DESIGN_PREFIX + id);
  if (raw === null) return { ok: false, reason: msg('toolbar.library.missing'), raw: null };
  return parseSaved(raw);
}

/** Parses the text of a saved design (a library entry, the old autosave, a set-aside text). */
export function parseSaved(raw: string): Loaded {
  const r = readJson(raw, MAX_DESIGN_CHARS);
  if (!r.ok) return { ok: false, reason: r.reason, raw };
  let doc: ReturnType<typeof parseDesignDoc>;
  try {
    doc = parseDesignDoc(r.value);
  } catch (e) {
    return {
      ok: false,
      reason: msg('toolbar.library.uncheckable', { error: errorText(e) }),
      raw,
    };
  }
  if (!doc.ok)
    return {
      ok: false,
      reason: errorsText(doc.messages),
      raw,
    };
  return { ok: true, design: doc.design, origin: doc.origin ?? null };
}

/** A validation's first three errors, and how many more ("a; b; c; …and 4 more"). */
export function errorsText(errors: readonly Text[]): Text {
  const [a = '', b, c] = errors;
  const first =
    c !== undefined
      ? msg('toolbar.library.errors3', { a, b: b!, c })
      : b !== undefined
        ? msg('toolbar.library.errors2', { a, b })
        : a;
  return errors.length > 3
    ? msg('toolbar.library.errorsMore', { errors: first, n: errors.length - 3 })
    : first;
}

/** The text a design is saved as. */
export function designText(design: Design, origin: string | null): string {
  return JSON.stringify(toDesignDoc(design, origin ?? undefined));
}

export function writeDesign(kv: KV, id: string, text: string): Written {
  if (text.length > MAX_DESIGN_CHARS)
    return {
      ok: false,
      error: msg('toolbar.library.tooLarge', { n: text.length, max: MAX_DESIGN_CHARS }),
    };
  return put(kv, DESIGN_PREFIX + id, text);
}

export function removeDesign(kv: KV, id: string): void {
  removeKey(kv, DESIGN_PREFIX + id);
}

/** Keeps `raw` on the shelf of set-aside texts; returns the new index (unchanged if it could not). */
export function addAside(
  kv: KV,
  index: LibraryIndex,
  raw: string,
  name: string,
  reason: Text,
  now = Date.now(),
): { index: LibraryIndex; entry: AsideEntry | null; error?: Text } {
  if (index.aside.length >= MAX_ASIDE)
    return {
      index,
      entry: null,
      error: msg('toolbar.aside.full', { max: MAX_ASIDE }),
    };
  const id = freshId(now, new Set(index.aside.map((a) => a.id)));
  const w = put(kv, ASIDE_PREFIX + id, raw);
  if (!w.ok) return { index, entry: null, error: w.error };
  const entry: AsideEntry = {
    id,
    name: clip(name, MAX_NAME_CHARS),
    reason: clipText(reason, MAX_REASON_CHARS),
    at: now,
  };
  return { index: { ...index, aside: [...index.aside, entry] }, entry };
}

export function readAside(kv: KV, id: string): string | null {
  return readKey(kv, ASIDE_PREFIX + id);
}

export function removeAside(kv: KV, id: string): void {
  removeKey(kv, ASIDE_PREFIX + id);
}

let counter = 0;
/** A new id not in `taken`: time and a counter in base 36. */
export function freshId(now: number, taken: ReadonlySet<string>): string {
  for (;;) {
    const id = `${Math.max(0, Math.floor(now)).toString(36)}${(counter++).toString(36)}`;
    if (!taken.has(id)) return id;
  }
}

/** A name not already used in the library: "Order flow", "Order flow (2)", … */
export function uniqueDesignName(base: string, index: LibraryIndex): string {
  const stem = clip(base.trim() || nameText(msg('toolbar.doc.untitled')), MAX_NAME_CHARS - 8);
  const names = new Set(index.designs.map((d) => d.name));
  if (!names.has(stem)) return stem;
  for (let i = 2; ; i++) if (!names.has(`${stem} (${i})`)) return `${stem} (${i})`;
}

export type CurrentPointer =
  { kind: 'design'; id: string } | { kind: 'builtIn'; id: string } | null;

export function readCurrent(kv: KV): CurrentPointer {
  const v = readKey(kv, CURRENT_KEY);
  if (!v) return null;
  const [kind, id] = [v.slice(0, v.indexOf(':')), v.slice(v.indexOf(':') + 1)];
  if (kind === 'design' && ID.test(id)) return { kind, id };
  if (kind === 'builtIn' && /^[A-Za-z0-9_-]{1,80}$/.test(id)) return { kind, id };
  return null;
}

export function writeCurrent(kv: KV, p: CurrentPointer): void {
  if (p === null) removeKey(kv, CURRENT_KEY);
  else put(kv, CURRENT_KEY, `${p.kind}:${p.id}`);
}
