/**
 * The library as the user sees it: open a document, keep an unsaved one in "My designs" (it
 * happens by itself with the first edit), rename, delete with Undo, and the set-aside shelf
 * (export, try again, discard with Undo). Every write reports a full storage as a notice.
 */
import type { Design } from '../diagram';
import { msg, type Msg } from '../i18n';
import {
  builtInDesign,
  flushAutosave,
  loadProblem,
  setAsideStored,
  storage,
  type AutosaveSource,
} from './autosave';
import { DEFAULT_SCENARIO_ID } from './catalog';
import { replaceDesign } from './designActions';
import {
  addAside,
  designText,
  DESIGN_PREFIX,
  freshId,
  MAX_NAME_CHARS,
  parseSaved,
  readAside,
  readDesign,
  removeAside,
  removeDesign,
  uniqueDesignName,
  writeCurrent,
  writeDesign,
  writeIndex,
  type AsideEntry,
  type LibraryEntry,
  type LibraryIndex,
} from './library';
import type { CurrentDoc, LibraryToast } from './librarySlice';
import { nameText, type Text } from './messages';
import { currentDesign, useAppStore } from './store';

const indexOf = (): LibraryIndex => {
  const s = useAppStore.getState();
  return { designs: s.library, aside: s.aside };
};

function error(title: Msg, lines: Text[]): void {
  useAppStore.setState({ notice: { tone: 'error', title, lines } });
}

let toastIds = 0;
export function showToast(message: Msg, action: LibraryToast['action'] = null): void {
  useAppStore.setState({ toast: { id: ++toastIds, message, action } });
}

export const dismissToast = (): void => useAppStore.setState({ toast: null });

/** Saves the index; on failure says so and keeps the store as it was. Returns whether it saved. */
function commitIndex(next: LibraryIndex, failed: Msg): boolean {
  const w = writeIndex(storage(), next);
  if (!w.ok) {
    error(failed, [msg('toolbar.library.unchanged', { error: w.error })]);
    return false;
  }
  useAppStore.setState({ library: next.designs, aside: next.aside });
  return true;
}

/**
 * Opens a document in place of the open one. The open one was autosaved (if it is a library
 * design) or was never edited; either way nothing of the user's is replaced. Undo history is
 * per document, so it starts empty. `remember`: reopen it after a reload.
 */
export function openDocument(
  design: Design,
  origin: string | null,
  doc: CurrentDoc,
  opts: { relayout: boolean; remember: boolean },
): void {
  flushAutosave();
  replaceDesign(design, origin, { relayout: opts.relayout });
  // A plain toast was about the document that was open; one with an action (Undo) stays.
  const { toast } = useAppStore.getState();
  useAppStore.setState({ doc, past: [], future: [], toast: toast?.action ? toast : null });
  if (opts.remember)
    writeCurrent(
      storage(),
      doc.kind === 'design'
        ? { kind: 'design', id: doc.id }
        : origin
          ? { kind: 'builtIn', id: origin }
          : null,
    );
}

/** Opens a built-in scenario as a new, unsaved document. */
export function openBuiltInDocument(id: string, remember = true): boolean {
  const d = builtInDesign(id);
  if (!d) return false;
  openDocument(
    d.design,
    d.origin,
    { kind: 'unsaved', source: 'builtIn', label: d.name },
    { relayout: true, remember },
  );
  return true;
}

export function openDefault(remember = true): void {
  if (!openBuiltInDocument(DEFAULT_SCENARIO_ID, remember))
    openDocument(
      {
        settings: { version: 1, name: nameText(msg('toolbar.doc.untitled')), faults: [] },
        nodes: [],
        edges: [],
      },
      null,
      { kind: 'unsaved', source: 'new', label: nameText(msg('toolbar.doc.new')) },
      { relayout: false, remember },
    );
}

/** Opens a design from the library; one that no longer reads is set aside with a message. */
export function openLibraryDesign(id: string): void {
  const entry = useAppStore.getState().library.find((d) => d.id === id);
  if (!entry)
    return error(msg('toolbar.library.noSuchDesign'), [msg('toolbar.library.notInList', { id })]);
  flushAutosave();
  const r = readDesign(storage(), id);
  const why = r.ok ? loadProblem(r.design) : r.reason;
  if (!r.ok || why !== null) {
    const kept = setAsideStored(
      storage(),
      indexOf(),
      id,
      r.ok ? designText(r.design, r.origin) : r.raw,
      entry.name,
      why!,
    );
    useAppStore.setState({ library: kept.index.designs, aside: kept.index.aside });
    return error(msg('toolbar.library.openFailed', { name: entry.name }), [kept.message]);
  }
  openDocument(
    r.design,
    r.origin,
    { kind: 'design', id, name: entry.name },
    { relayout: false, remember: true },
  );
  useAppStore.setState({ notice: null });
}

/** Adds the open design to the library as a new entry and makes it the open document. */
export function saveToLibrary(name?: string): string | null {
  const s = useAppStore.getState();
  const index = indexOf();
  const id = freshId(Date.now(), new Set(index.designs.map((d) => d.id)));
  const entry: LibraryEntry = {
    id,
    name: uniqueDesignName(name ?? s.settings.name, index),
    updatedAt: Date.now(),
  };
  const w = writeDesign(
    storage(),
    id,
    designText({ settings: s.settings, nodes: s.nodes, edges: s.edges }, s.origin),
  );
  if (!w.ok) {
    error(msg('toolbar.library.saveFailed'), [
      msg('toolbar.library.saveFailedLine', { error: w.error }),
    ]);
    return null;
  }
  if (
    !commitIndex({ ...index, designs: [...index.designs, entry] }, msg('toolbar.library.addFailed'))
  ) {
    removeDesign(storage(), id);
    return null;
  }
  useAppStore.setState({ doc: { kind: 'design', id, name: entry.name } });
  writeCurrent(storage(), { kind: 'design', id });
  return id;
}

/** The first edit of an unsaved document keeps it in the library (the user's work from now on). */
export function keepEditedDocument(): void {
  const { doc } = useAppStore.getState();
  if (doc.kind !== 'unsaved') return;
  // Named apart from the built-in or link it came from, which stays in the menu as it was.
  const { settings } = useAppStore.getState();
  const named =
    doc.source === 'builtIn'
      ? nameText(msg('toolbar.library.editedName', { name: settings.name }))
      : doc.source === 'link'
        ? nameText(msg('toolbar.library.linkName', { name: settings.name }))
        : settings.name;
  const id = saveToLibrary(named);
  const name = useAppStore.getState().library.find((d) => d.id === id)?.name;
  if (name) showToast(msg('toolbar.library.keptEdits', { name }));
}

/** After each autosave: the entry's time, or a notice if the write failed. */
export function noteSaved(
  id: string,
  result: { ok: true; at: number } | { ok: false; error: Text },
): void {
  if (!result.ok)
    return error(msg('toolbar.library.autosaveFailed'), [
      msg('toolbar.library.autosaveFailedLine', { error: result.error }),
    ]);
  const index = indexOf();
  const designs = index.designs.map((d) => (d.id === id ? { ...d, updatedAt: result.at } : d));
  if (writeIndex(storage(), { ...index, designs }).ok) useAppStore.setState({ library: designs });
}

export function renameDesign(id: string, name: string): boolean {
  const clean = name.trim();
  if (clean === '')
    return (error(msg('toolbar.library.renameFailed'), [msg('toolbar.library.nameEmpty')]), false);
  if (clean.length > MAX_NAME_CHARS)
    return (
      error(msg('toolbar.library.renameFailed'), [
        msg('toolbar.library.nameTooLong', { n: clean.length, max: MAX_NAME_CHARS }),
      ]),
      false
    );
  const index = indexOf();
  if (!index.designs.some((d) => d.id === id)) return false;
  if (
    !commitIndex(
      { ...index, designs: index.designs.map((d) => (d.id === id ? { ...d, name: clean } : d)) },
      msg('toolbar.library.renameFailed'),
    )
  )
    return false;
  const { doc } = useAppStore.getState();
  if (doc.kind === 'design' && doc.id === id)
    useAppStore.setState({ doc: { ...doc, name: clean } });
  return true;
}

/** What an Undo brings back (module memory: a text is no state the UI renders). */
const undoable = new Map<
  string,
  { entry: LibraryEntry | AsideEntry; text: string; position: number; wasOpen: boolean }
>();

/** Deletes a design from the library; a toast offers Undo. The open one is replaced by the default. */
export function deleteDesign(id: string): void {
  const s = useAppStore.getState();
  const position = s.library.findIndex((d) => d.id === id);
  const entry = s.library[position];
  if (!entry) return;
  flushAutosave();
  const text =
    storage().getItem(DESIGN_PREFIX + id) ??
    designText({ settings: s.settings, nodes: s.nodes, edges: s.edges }, s.origin);
  const wasOpen = s.doc.kind === 'design' && s.doc.id === id;
  if (
    !commitIndex(
      { ...indexOf(), designs: s.library.filter((d) => d.id !== id) },
      msg('toolbar.library.deleteFailed'),
    )
  )
    return;
  removeDesign(storage(), id);
  undoable.set(`design:${id}`, { entry, text, position, wasOpen });
  if (wasOpen) openDefault();
  showToast(msg('toolbar.library.deleted', { name: entry.name }), {
    kind: 'undoDelete',
    label: msg('toolbar.toast.undo'),
    ref: id,
  });
}

export function undoDelete(id: string): void {
  const u = undoable.get(`design:${id}`);
  if (!u) return;
  const w = writeDesign(storage(), id, u.text);
  if (!w.ok) return error(msg('toolbar.library.restoreFailed'), [w.error]);
  const designs = [...indexOf().designs];
  designs.splice(Math.min(u.position, designs.length), 0, u.entry as LibraryEntry);
  if (!commitIndex({ ...indexOf(), designs }, msg('toolbar.library.restoreFailed'))) return;
  undoable.delete(`design:${id}`);
  dismissToast();
  if (u.wasOpen) openLibraryDesign(id);
}

/** The set-aside text, for a download. */
export function asideText(id: string): { text: string; fileName: string } | null {
  const entry = useAppStore.getState().aside.find((a) => a.id === id);
  const text = readAside(storage(), id);
  if (!entry || text === null) return null;
  return {
    text,
    fileName: `${entry.name.replace(/[^A-Za-z0-9._-]+/g, '-').toLowerCase() || 'design'}-set-aside.json`,
  };
}

/** Tries a set-aside text again: if it now reads and loads, it opens as an unsaved document. */
export function tryAside(id: string): boolean {
  const entry = useAppStore.getState().aside.find((a) => a.id === id);
  const text = readAside(storage(), id);
  if (!entry || text === null)
    return (error(msg('toolbar.aside.openFailed'), [msg('toolbar.aside.textGone')]), false);
  const r = parseSaved(text);
  const why = r.ok ? loadProblem(r.design) : r.reason;
  if (!r.ok || why !== null)
    return (
      error(msg('toolbar.aside.stillBroken', { name: entry.name }), [
        why!,
        msg('toolbar.aside.repairHint'),
      ]),
      false
    );
  openDocument(
    r.design,
    r.origin,
    { kind: 'unsaved', source: 'recovered', label: entry.name },
    { relayout: false, remember: false },
  );
  useAppStore.setState({
    notice: {
      tone: 'info',
      title: msg('toolbar.aside.opened', { name: entry.name }),
      lines: [msg('toolbar.aside.openedHint')],
    },
  });
  return true;
}

export function discardAside(id: string): void {
  const s = useAppStore.getState();
  const position = s.aside.findIndex((a) => a.id === id);
  const entry = s.aside[position];
  if (!entry) return;
  const text = readAside(storage(), id) ?? '';
  if (
    !commitIndex(
      { ...indexOf(), aside: s.aside.filter((a) => a.id !== id) },
      msg('toolbar.aside.discardFailed'),
    )
  )
    return;
  removeAside(storage(), id);
  undoable.set(`aside:${id}`, { entry, text, position, wasOpen: false });
  showToast(msg('toolbar.aside.discarded', { name: entry.name }), {
    kind: 'undoDiscard',
    label: msg('toolbar.toast.undo'),
    ref: id,
  });
}

export function undoDiscard(id: string): void {
  const u = undoable.get(`aside:${id}`);
  if (!u) return;
  const kept = addAside(storage(), indexOf(), u.text, u.entry.name, (u.entry as AsideEntry).reason);
  if (!kept.entry)
    return error(msg('toolbar.aside.restoreFailed'), [
      kept.error ?? msg('toolbar.aside.unknownReason'),
    ]);
  if (!commitIndex(kept.index, msg('toolbar.aside.restoreFailed'))) return;
  undoable.delete(`aside:${id}`);
  dismissToast();
}

/**
 * "Try again" for a design that crashes the editor: its text goes onto the set-aside shelf (out
 * of My designs), and the default opens, so the app works again and nothing is lost.
 */
export function setAsideOpenDesign(why: Text): void {
  const s = useAppStore.getState();
  const name = s.doc.kind === 'design' ? s.doc.name : s.doc.label;
  const raw =
    s.doc.kind === 'design' ? (storage().getItem(DESIGN_PREFIX + s.doc.id) ?? null) : null;
  const text =
    raw ?? designText({ settings: s.settings, nodes: s.nodes, edges: s.edges }, s.origin);
  let message: Msg;
  if (s.doc.kind === 'design') {
    const kept = setAsideStored(storage(), indexOf(), s.doc.id, text, name, why);
    useAppStore.setState({ library: kept.index.designs, aside: kept.index.aside });
    message = kept.message;
  } else {
    const kept = addAside(storage(), indexOf(), text, name, why);
    if (kept.entry && commitIndex(kept.index, msg('toolbar.aside.setAsideFailed')))
      message = msg('toolbar.aside.drawFailed', { name, why });
    else
      message = msg('toolbar.aside.drawFailedNotKept', {
        name,
        why,
        error: kept.error ?? msg('toolbar.aside.unknownReason'),
      });
  }
  openDefault();
  useAppStore.setState({
    notice: {
      tone: 'error',
      title: msg('toolbar.aside.setAsideTitle'),
      lines: [message],
    },
  });
}

/** What autosave watches in the store: the open design, its origin and document (App and tests). */
export const storeAutosaveSource: AutosaveSource = {
  subscribe: useAppStore.subscribe,
  snapshot: () => {
    const s = useAppStore.getState();
    return {
      design: currentDesign(s),
      origin: s.origin,
      doc: s.doc,
      key: [s.nodes, s.edges, s.settings, s.origin, s.doc],
    };
  },
  saved: noteSaved,
};
