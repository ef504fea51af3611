import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderMsg, type Msg } from '../i18n';
import { decodeShareState } from '../insight';
import { flushAutosave, setStorage, startAutosave } from './autosave';
import { updateNodeData } from './designActions';
import { newDesign, openBuiltIn, resetToDefault } from './fileActions';
import { DESIGN_PREFIX, memoryKV, readAside, readIndex, type KV } from './library';
import {
  deleteDesign,
  storeAutosaveSource,
  openLibraryDesign,
  renameDesign,
  setAsideOpenDesign,
  tryAside,
  undoDelete,
} from './libraryActions';
import { previousRunHash } from './previousRuns';
import { SHARE_PREFIX } from './shareActions';
import { useAppStore } from './store';

let kv: KV;
let stop: () => void = () => {};

const source = storeAutosaveSource;

const partitions = (topic = 'order-events') => {
  const n = useAppStore
    .getState()
    .nodes.find((x) => x.data.kind === 'topic' && x.data.name === topic)!;
  return { id: n.id, value: (n.data as { partitions: number }).partitions };
};

/** Opens the default and edits it: the edit keeps it in My designs. Returns its id and text. */
function savedDesign(parts = 9): { id: string; text: string } {
  openBuiltIn('order-flow');
  updateNodeData(partitions().id, ['partitions'], parts);
  flushAutosave();
  const { doc } = useAppStore.getState();
  if (doc.kind !== 'design') throw new Error('not kept');
  return { id: doc.id, text: kv.getItem(DESIGN_PREFIX + doc.id)! };
}

/** A store message as an English reader sees it. */
const en = (m: Msg | string | undefined) => (m === undefined ? '' : renderMsg('en', m));

describe('the library of designs', () => {
  beforeEach(() => {
    kv = memoryKV();
    setStorage(kv);
    useAppStore.setState({ library: [], aside: [], toast: null, previousRuns: [], notice: null });
    stop = startAutosave(source);
  });
  afterEach(() => {
    stop();
    setStorage(null);
  });

  it('opening a built-in is an unsaved document; the first edit keeps it in My designs', () => {
    openBuiltIn('order-flow');
    expect(useAppStore.getState().doc).toMatchObject({ kind: 'unsaved', source: 'builtIn' });
    expect(readIndex(kv).index.designs).toEqual([]);
    updateNodeData(partitions().id, ['partitions'], 9);
    const s = useAppStore.getState();
    expect(s.doc).toMatchObject({ kind: 'design', name: 'E-commerce order flow (edited)' });
    expect(en(s.toast?.message)).toMatch(
      /saved as “E-commerce order flow \(edited\)” in My designs/,
    );
    expect(readIndex(kv).index.designs.map((d) => d.name)).toEqual([
      'E-commerce order flow (edited)',
    ]);
  });

  it('built-ins, reset and new never overwrite a saved design; edits go to the open design only', () => {
    const a = savedDesign(9);
    expect(a.text).toContain('"partitions":9');
    openBuiltIn('crash-before-commit');
    resetToDefault();
    newDesign();
    flushAutosave();
    expect(kv.getItem(DESIGN_PREFIX + a.id)).toBe(a.text);
    openLibraryDesign(a.id);
    expect(partitions().value).toBe(9);
    updateNodeData(partitions().id, ['partitions'], 4);
    flushAutosave();
    expect(kv.getItem(DESIGN_PREFIX + a.id)).toContain('"partitions":4');
    expect(readIndex(kv).index.designs).toHaveLength(1);
  });

  it('deletes with Undo: the same entry, text and place come back, and it reopens', () => {
    const a = savedDesign(9);
    const b = savedDesign(3);
    expect(renameDesign(b.id, '  Second  ')).toBe(true);
    const before = readIndex(kv).index.designs;
    deleteDesign(a.id);
    expect(kv.getItem(DESIGN_PREFIX + a.id)).toBeNull();
    expect(useAppStore.getState().library.map((d) => d.id)).toEqual([b.id]);
    expect(useAppStore.getState().toast?.action).toMatchObject({ kind: 'undoDelete', ref: a.id });
    undoDelete(a.id);
    expect(readIndex(kv).index.designs).toEqual(before);
    expect(kv.getItem(DESIGN_PREFIX + a.id)).toBe(a.text);
    // Deleting the open design opens the default; Undo reopens it.
    deleteDesign(b.id);
    expect(useAppStore.getState().doc).toMatchObject({ kind: 'unsaved', source: 'builtIn' });
    undoDelete(b.id);
    expect(useAppStore.getState().doc).toMatchObject({ kind: 'design', id: b.id, name: 'Second' });
    expect(partitions().value).toBe(3);
  });

  it('an edit after a run keeps that run’s recipe for comparison', async () => {
    openBuiltIn('order-flow');
    const before = useAppStore.getState();
    if (!before.compiled.ok) throw new Error('no compile');
    const scenario = before.compiled.scenario;
    useAppStore.setState({ headEvents: 1234 });
    updateNodeData(partitions().id, ['partitions'], 2);
    const s = useAppStore.getState();
    expect(s.previousRuns).toHaveLength(1);
    expect(s.previousRuns[0]!.share.scenario).toEqual(scenario);
    expect(s.previousRuns[0]!.label).toMatch(/^Run A of “E-commerce order flow”/);
    expect(s.toast?.action?.kind).toBe('openPreviousRun');
    expect(en(s.toast?.message)).toMatch(
      /saved as “E-commerce order flow \(edited\)”.*Run A of “E-commerce order flow” \(recorded before this change\) is kept/,
    );
    // The kept link decodes to exactly the run's recipe: same scenario and seed, same log.
    const hash = await previousRunHash(s.previousRuns[0]!.id);
    const decoded = await decodeShareState(hash!.slice(SHARE_PREFIX.length));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.state).toEqual(s.previousRuns[0]!.share);
    // No run recorded: nothing to keep.
    updateNodeData(partitions().id, ['partitions'], 3);
    expect(useAppStore.getState().previousRuns).toHaveLength(1);
  });

  it('a full storage is reported, never thrown, and the design stays open', () => {
    openBuiltIn('order-flow');
    const full: KV = {
      ...memoryKV(),
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
      removeItem: () => {},
      length: 0,
      key: () => null,
    };
    setStorage(full);
    expect(() => updateNodeData(partitions().id, ['partitions'], 7)).not.toThrow();
    const s = useAppStore.getState();
    expect(en(s.notice?.title)).toBe('Your design could not be saved in this browser');
    expect(en(s.notice?.lines[0])).toMatch(/storage for this site is full/);
    expect(partitions().value).toBe(7);
  });

  it('"set this design aside" keeps its text on the shelf; Try to open brings it back', () => {
    const a = savedDesign(9);
    setAsideOpenDesign('drawing it failed with "boom"');
    const s = useAppStore.getState();
    expect(s.library).toEqual([]);
    expect(s.doc).toMatchObject({ kind: 'unsaved', source: 'builtIn' });
    expect(en(s.notice?.lines[0])).toMatch(/set aside, not deleted/);
    expect(readAside(kv, s.aside[0]!.id)).toBe(a.text);
    expect(tryAside(s.aside[0]!.id)).toBe(true);
    expect(useAppStore.getState().doc).toMatchObject({ kind: 'unsaved', source: 'recovered' });
    expect(partitions().value).toBe(9);
  });
});
