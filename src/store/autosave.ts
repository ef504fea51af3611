/**
 * Opening the app on what the user had, and autosaving it. At start: the library index is read
 * (a damaged one rebuilt), the previous version's single autosave migrates into the library, and
 * the last open document opens again; anything that does not read or does not load is set aside
 * with a message and the default opens instead. While editing: the open library design is written
 * 250 ms after a change and on `pagehide`; only that design, never another, never a built-in.
 */
import { decompile, type Design } from '../diagram';
import { getLocale, msg, type Msg } from '../i18n';
import { builtInTextIn } from '../scenarios';
import { DEFAULT_SCENARIO_ID, findScenario } from './catalog';
import { derive } from './derivedSlice';
import { emptySettings } from './designSlice';
import {
  addAside,
  designText,
  freshId,
  LEGACY_KEY,
  LEGACY_UNREADABLE_KEY,
  memoryKV,
  parseSaved,
  readCurrent,
  readDesign,
  readIndex,
  readKey,
  removeKey,
  removeDesign,
  uniqueDesignName,
  writeCurrent,
  writeDesign,
  writeIndex,
  type KV,
  type LibraryIndex,
} from './library';
import type { CurrentDoc } from './librarySlice';
import { errorText, nameText, type Text } from './messages';

const DELAY_MS = 250;

let fallback: KV | null = null;
let override: KV | null = null;

/** localStorage, or an in-memory store when the browser has none (or refuses access). */
export function storage(): KV {
  if (override) return override;
  try {
    if (globalThis.localStorage) return globalThis.localStorage;
  } catch {
    // Access denied (e.g. storage disabled for the site): work in memory.
  }
  return (fallback ??= memoryKV());
}

/** Tests: use this storage instead. */
export function setStorage(kv: KV | null): void {
  override = kv;
}

export function builtInDesign(id: string): { design: Design; origin: string; name: string } | null {
  const entry = findScenario(id);
  if (!entry?.ok) return null;
  // Opened in Chinese, a built-in becomes a document named and described in Chinese (what the
  // menu showed); the scenario itself is the same. English keeps the JSON's own text.
  const text = builtInTextIn(getLocale(), entry.id);
  const scenario = text ? { ...entry.scenario, ...text } : entry.scenario;
  return { design: decompile(scenario), origin: entry.id, name: scenario.name };
}

function defaultDoc(): { design: Design; origin: string | null; doc: CurrentDoc } {
  const d = builtInDesign(DEFAULT_SCENARIO_ID);
  if (d)
    return {
      design: d.design,
      origin: d.origin,
      doc: { kind: 'unsaved', source: 'builtIn', label: d.name },
    };
  return {
    design: { settings: emptySettings(), nodes: [], edges: [] },
    origin: null,
    doc: { kind: 'unsaved', source: 'new', label: nameText(msg('toolbar.doc.new')) },
  };
}

/** Why a parsed design would still break the editor (derive throws), or null when it loads. */
export function loadProblem(design: Design): Text | null {
  try {
    derive(design);
    return null;
  } catch (e) {
    return msg('toolbar.library.editorFailed', { error: errorText(e) });
  }
}

export interface Boot {
  design: Design;
  origin: string | null;
  doc: CurrentDoc;
  index: LibraryIndex;
  /** The design came from storage (positions kept: no relayout). */
  restored: boolean;
  problems: Text[];
}

/** Reads what the app saved and decides what opens. Never throws. */
export function bootDocument(kv: KV = storage()): Boot {
  try {
    return bootFrom(kv);
  } catch (e) {
    return {
      ...defaultDoc(),
      index: { designs: [], aside: [] },
      restored: false,
      problems: [msg('toolbar.boot.unreadable', { why: errorText(e) })],
    };
  }
}

function bootFrom(kv: KV): Boot {
  const problems: Text[] = [];
  const read = readIndex(kv);
  if (read.problem) problems.push(read.problem);
  const index = migrateLegacy(kv, read.index, problems);
  const pointer = readCurrent(kv);
  if (pointer?.kind === 'design') {
    const entry = index.designs.find((d) => d.id === pointer.id);
    if (entry) {
      const r = readDesign(kv, entry.id);
      const why = r.ok ? loadProblem(r.design) : r.reason;
      if (r.ok && why === null)
        return {
          design: r.design,
          origin: r.origin,
          doc: { kind: 'design', id: entry.id, name: entry.name },
          index,
          restored: true,
          problems,
        };
      const kept = setAsideStored(
        kv,
        index,
        entry.id,
        r.ok ? designText(r.design, r.origin) : r.raw,
        entry.name,
        why!,
      );
      problems.push(kept.message);
      return { ...defaultDoc(), index: kept.index, restored: false, problems };
    }
  }
  if (pointer?.kind === 'builtIn') {
    const d = builtInDesign(pointer.id);
    if (d)
      return {
        design: d.design,
        origin: d.origin,
        doc: { kind: 'unsaved', source: 'builtIn', label: d.name },
        index,
        restored: false,
        problems,
      };
  }
  return { ...defaultDoc(), index, restored: false, problems };
}

/**
 * Moves a stored design that does not open onto the set-aside shelf (its text kept as it was)
 * and out of the list. Returns the new index and the message for the user.
 */
export function setAsideStored(
  kv: KV,
  index: LibraryIndex,
  id: string,
  raw: string | null,
  name: string,
  why: Text,
): { index: LibraryIndex; message: Msg } {
  const kept =
    raw === null
      ? { index, entry: null, error: msg('toolbar.aside.textMissing') }
      : addAside(kv, index, raw, name, why);
  if (!kept.entry)
    return {
      index,
      message: msg('toolbar.library.openFailedNotAside', {
        name,
        why,
        error: kept.error ?? msg('toolbar.aside.unknownReason'),
      }),
    };
  const next = { ...kept.index, designs: kept.index.designs.filter((d) => d.id !== id) };
  if (writeIndex(kv, next).ok) removeDesign(kv, id);
  else
    return {
      index,
      message: msg('toolbar.library.openFailedStays', { name, why }),
    };
  if (readCurrent(kv)?.kind === 'design') writeCurrent(kv, null);
  return {
    index: next,
    message: msg('toolbar.library.openFailedAside', { name, why }),
  };
}

/** The previous version kept one autosave under LEGACY_KEY: it becomes a library design once. */
function migrateLegacy(kv: KV, index: LibraryIndex, problems: Text[]): LibraryIndex {
  let next = index;
  const raw = readKey(kv, LEGACY_KEY);
  if (raw !== null) {
    const r = parseSaved(raw);
    const why = r.ok ? loadProblem(r.design) : r.reason;
    if (r.ok && why === null) {
      const id = freshId(Date.now(), new Set(next.designs.map((d) => d.id)));
      const entry = {
        id,
        name: uniqueDesignName(r.design.settings.name, next),
        updatedAt: Date.now(),
      };
      const candidate = { ...next, designs: [...next.designs, entry] };
      if (writeDesign(kv, id, raw).ok && writeIndex(kv, candidate).ok) {
        next = candidate;
        removeKey(kv, LEGACY_KEY);
        if (readCurrent(kv) === null) writeCurrent(kv, { kind: 'design', id });
      } else problems.push(msg('toolbar.legacy.full'));
    } else {
      const kept = addAside(kv, next, raw, nameText(msg('toolbar.legacy.asideName')), why!);
      if (kept.entry && writeIndex(kv, kept.index).ok) {
        next = kept.index;
        removeKey(kv, LEGACY_KEY);
        problems.push(msg('toolbar.legacy.aside', { why: why! }));
      } else problems.push(msg('toolbar.legacy.kept', { why: why! }));
    }
  }
  return migrateUnreadable(kv, next);
}

/** The previous version's copy of an unreadable autosave joins the set-aside shelf. */
function migrateUnreadable(kv: KV, index: LibraryIndex): LibraryIndex {
  const raw = readKey(kv, LEGACY_UNREADABLE_KEY);
  if (raw === null) return index;
  const kept = addAside(
    kv,
    index,
    raw,
    nameText(msg('toolbar.legacy.unreadableName')),
    msg('toolbar.legacy.unreadable'),
  );
  if (!kept.entry || !writeIndex(kv, kept.index).ok) return index;
  removeKey(kv, LEGACY_UNREADABLE_KEY);
  return kept.index;
}

export interface AutosaveSource {
  subscribe(listener: () => void): () => void;
  snapshot(): { design: Design; origin: string | null; doc: CurrentDoc; key: readonly unknown[] };
  /** Called after each write: the entry's new time, or the error (storage full). */
  saved(id: string, result: { ok: true; at: number } | { ok: false; error: Text }): void;
}

let flushNow: (() => void) | null = null;

/** Writes a pending save now (before another document opens). */
export function flushAutosave(): void {
  flushNow?.();
}

/** Starts saving; returns the teardown (for a React effect). */
export function startAutosave(source: AutosaveSource): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: string | null = null;
  let lastKey: readonly unknown[] = [];
  const save = () => {
    timer = null;
    const { design, origin, doc } = source.snapshot();
    if (doc.kind !== 'design' || doc.id !== pending) return;
    pending = null;
    const w = writeDesign(storage(), doc.id, designText(design, origin));
    source.saved(doc.id, w.ok ? { ok: true, at: Date.now() } : w);
  };
  const off = source.subscribe(() => {
    const { key, doc } = source.snapshot();
    if (key.length === lastKey.length && key.every((k, i) => k === lastKey[i])) return;
    const sameDoc = lastKey[lastKey.length - 1] === key[key.length - 1];
    lastKey = key;
    // Only edits within one open library design are written; opening a document writes nothing.
    if (doc.kind !== 'design' || !sameDoc) return;
    pending = doc.id;
    if (timer === null) timer = setTimeout(save, DELAY_MS);
  });
  const flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      save();
    }
  };
  flushNow = flush;
  globalThis.addEventListener?.('pagehide', flush);
  return () => {
    off();
    flush();
    if (flushNow === flush) flushNow = null;
    globalThis.removeEventListener?.('pagehide', flush);
  };
}
