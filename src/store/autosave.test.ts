import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMsg, type Msg } from '../i18n';
import { decompile, type Design, type NodeData } from '../diagram';
import { bootDocument } from './autosave';
import { DEFAULT_SCENARIO_ID, findScenario } from './catalog';
import {
  CURRENT_KEY,
  DESIGN_PREFIX,
  designText,
  INDEX_KEY,
  LEGACY_KEY,
  LEGACY_UNREADABLE_KEY,
  memoryKV,
  parseSaved,
  readAside,
  readIndex,
  writeIndex,
} from './library';

const FC_SEED = 20261201;

function orderFlow(): Design {
  const e = findScenario(DEFAULT_SCENARIO_ID);
  if (!e?.ok) throw new Error('no default');
  return decompile(e.scenario);
}

/** The issue-17 repro: the user emptied shipping's processing time ("ms"); the save has null. */
function withEmptiedField(): Design {
  const d = orderFlow();
  const nodes = d.nodes.map((n) =>
    'id' in n.data && n.data.id === 'shipping'
      ? { ...n, data: { ...n.data, processingMs: Number.NaN } as NodeData }
      : n,
  );
  return { ...d, nodes };
}

function libraryWith(text: string, name = 'Mine') {
  const kv = memoryKV();
  kv.setItem(DESIGN_PREFIX + 'd1', text);
  writeIndex(kv, { designs: [{ id: 'd1', name, updatedAt: 1 }], aside: [] });
  kv.setItem(CURRENT_KEY, 'design:d1');
  return kv;
}

/** A store message as an English reader sees it. */
const en = (m: Msg | string | undefined) => (m === undefined ? '' : renderMsg('en', m));

describe('opening what the app saved', () => {
  it('migrates the previous version’s autosave into My designs, once', () => {
    const kv = memoryKV();
    const text = designText(
      { ...orderFlow(), settings: { ...orderFlow().settings, name: 'Old work' } },
      'order-flow',
    );
    kv.setItem(LEGACY_KEY, text);
    const boot = bootDocument(kv);
    expect(boot.problems).toEqual([]);
    expect(boot.doc).toMatchObject({ kind: 'design', name: 'Old work' });
    expect(boot.restored).toBe(true);
    expect(kv.getItem(LEGACY_KEY)).toBeNull();
    const id = (boot.doc as { id: string }).id;
    expect(kv.getItem(DESIGN_PREFIX + id)).toBe(text);
    const again = bootDocument(kv);
    expect(again.index.designs).toHaveLength(1);
    expect(again.doc).toEqual(boot.doc);
  });

  it('sets an unreadable old autosave (and the old unreadable copy) aside, verbatim, with a message', () => {
    const kv = memoryKV();
    kv.setItem(LEGACY_KEY, '{"format":"eventflow-design","version":1,"nodes":');
    kv.setItem(LEGACY_UNREADABLE_KEY, 'older junk');
    const boot = bootDocument(kv);
    expect(boot.doc).toMatchObject({ kind: 'unsaved', source: 'builtIn' });
    expect(boot.problems.map(en).join('\n')).toMatch(
      /Your autosaved design could not be read: it is not valid JSON.*set aside, not deleted/,
    );
    expect(boot.index.aside.map((a) => readAside(kv, a.id))).toEqual([
      '{"format":"eventflow-design","version":1,"nodes":',
      'older junk',
    ]);
    expect(kv.getItem(LEGACY_KEY)).toBeNull();
  });

  it('a corrupt open design is set aside (text kept), leaves the list, and the default opens', () => {
    const raw =
      '{"format":"eventflow-design","version":1,"settings":{"name":"x","faults":[]},"nodes":[{"id":"a","position":{"x":0,"y":0},"data":{"kind":"nope"}}],"edges":[]}';
    const kv = libraryWith(raw);
    const boot = bootDocument(kv);
    expect(boot.doc).toMatchObject({ kind: 'unsaved', source: 'builtIn' });
    expect(en(boot.problems[0])).toMatch(
      /Your design “Mine” could not be opened: \$\.nodes\[0\]\.data\.kind/,
    );
    expect(boot.index.designs).toEqual([]);
    expect(readAside(kv, boot.index.aside[0]!.id)).toBe(raw);
    expect(readIndex(kv).index).toEqual(boot.index);
    expect(kv.getItem(CURRENT_KEY)).toBeNull();
  });

  it('the issue-17 save (an emptied number field) loads as it was', () => {
    const design = withEmptiedField();
    const kv = libraryWith(designText(design, 'order-flow'));
    const boot = bootDocument(kv);
    expect(boot.problems).toEqual([]);
    expect(boot.doc).toMatchObject({ kind: 'design', id: 'd1' });
    const shipping = boot.design.nodes.find((n) => 'id' in n.data && n.data.id === 'shipping')!;
    expect((shipping.data as { processingMs: unknown }).processingMs).toBeNull();
  });

  it('prototype names (a topic "__proto__", a node id "constructor") never break opening', () => {
    const d = orderFlow();
    const nodes = d.nodes.map((n, i) =>
      i === 0
        ? { ...n, id: 'constructor' }
        : n.data.kind === 'topic' && n.data.name === 'order-events'
          ? { ...n, data: { ...n.data, name: '__proto__' } }
          : n,
    );
    const edges = d.edges.map((e) => ({
      ...e,
      source: e.source === d.nodes[0]!.id ? 'constructor' : e.source,
      target: e.target === d.nodes[0]!.id ? 'constructor' : e.target,
    }));
    const text = designText({ ...d, nodes, edges }, null);
    const boot = bootDocument(libraryWith(text));
    // Either it opens, or it is set aside with its text: never a throw, never lost.
    if (boot.doc.kind === 'design')
      expect(boot.design.nodes.map((n) => n.id)).toContain('constructor');
    else expect(boot.index.aside).toHaveLength(1);
  });

  it('whatever text is stored, boot never throws and never loses it', () => {
    const good = designText(orderFlow(), 'order-flow');
    const texts = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.integer({ min: 0, max: good.length }).map((n) => good.slice(0, n)),
      fc.constant(good),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const kv = libraryWith(text);
        const boot = bootDocument(kv);
        if (parseSaved(text).ok) {
          expect(boot.doc).toMatchObject({ kind: 'design', id: 'd1' });
          expect(kv.getItem(DESIGN_PREFIX + 'd1')).toBe(text);
        } else {
          expect(boot.doc.kind).toBe('unsaved');
          expect(boot.index.aside.map((a) => readAside(kv, a.id))).toEqual([text]);
          expect(boot.problems).toHaveLength(1);
        }
      }),
      { numRuns: 200, seed: FC_SEED },
    );
  });

  it('a save with 100k members is set aside at once, naming the field', () => {
    const d = orderFlow();
    const nodes = d.nodes.map((n) =>
      'id' in n.data && n.data.id === 'shipping'
        ? {
            ...n,
            data: {
              ...n.data,
              members: Array.from({ length: 100_000 }, (_, i) => ({ id: `m${i}` })),
            } as NodeData,
          }
        : n,
    );
    const kv = libraryWith(designText({ ...d, nodes }, null));
    const t0 = performance.now();
    const boot = bootDocument(kv);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(boot.doc.kind).toBe('unsaved');
    expect(en(boot.problems[0])).toMatch(/members: at most 200 members, got 100,?000/);
  });

  it('a member list of the wrong shape is set aside, naming the member', () => {
    const d = orderFlow();
    const nodes = d.nodes.map((n) =>
      'id' in n.data && n.data.id === 'shipping'
        ? { ...n, data: { ...n.data, members: [{ id: 'ok-1' }, null, 5] } as unknown as NodeData }
        : n,
    );
    const boot = bootDocument(libraryWith(designText({ ...d, nodes }, null)));
    expect(boot.doc.kind).toBe('unsaved');
    expect(en(boot.problems[0])).toMatch(/members\[1\]: must be \{"id": string, …\}/);
  });

  it('a description that is not text (deeply nested) is set aside, naming the field', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 30; i++) deep = { d: deep };
    const d = orderFlow();
    const boot = bootDocument(
      libraryWith(
        designText({ ...d, settings: { ...d.settings, description: deep as string } }, null),
      ),
    );
    expect(boot.doc.kind).toBe('unsaved');
    expect(en(boot.problems[0])).toMatch(/\$\.settings\.description: must be a string/);
  });

  it('a damaged index keeps the designs: they are listed again', () => {
    const kv = libraryWith(designText(orderFlow(), null));
    kv.setItem(INDEX_KEY, '{"format":"eventflow-library"');
    const boot = bootDocument(kv);
    expect(boot.index.designs.map((d) => d.id)).toEqual(['d1']);
    expect(boot.doc).toMatchObject({ kind: 'design', id: 'd1' });
    expect(en(boot.problems[0])).toMatch(/rebuilt from the 1 design found/);
  });
});
