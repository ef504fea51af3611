import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompile } from '../diagram';
import { renderMsg, type Msg } from '../i18n';
import { catalog } from './catalog';
import {
  addAside,
  ASIDE_PREFIX,
  DESIGN_PREFIX,
  designText,
  INDEX_KEY,
  jsonDepth,
  MAX_DESIGN_CHARS,
  MAX_JSON_DEPTH,
  memoryKV,
  parseSaved,
  readAside,
  readDesign,
  readIndex,
  uniqueDesignName,
  writeDesign,
  writeIndex,
  type KV,
} from './library';

/** Pinned so a failure reproduces; fast-check prints the seed and path of any counterexample. */
const FC_SEED = 20261201;

function depthOf(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  return 1 + Math.max(0, ...Object.values(v as object).map(depthOf));
}

function fullKV(): KV {
  const kv = memoryKV();
  return {
    ...kv,
    get length() {
      return kv.length;
    },
    key: kv.key,
    getItem: kv.getItem,
    removeItem: kv.removeItem,
    setItem: () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    },
  };
}

const builtIns = catalog.flatMap((e) =>
  e.ok ? [{ id: e.id, design: decompile(e.scenario) }] : [],
);

/** A store message as an English reader sees it. */
const en = (m: Msg | string | undefined) => (m === undefined ? '' : renderMsg('en', m));

describe('library storage', () => {
  it('counts JSON nesting exactly as the parsed value has it (strings with brackets included)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(jsonDepth(JSON.stringify(v))).toBe(depthOf(v));
      }),
      { numRuns: 300, seed: FC_SEED },
    );
  });

  it('round-trips every built-in design through its key', () => {
    const kv = memoryKV();
    for (const b of builtIns) {
      expect(writeDesign(kv, b.id.replace(/[^a-z0-9]/g, ''), designText(b.design, b.id))).toEqual({
        ok: true,
      });
      const r = readDesign(kv, b.id.replace(/[^a-z0-9]/g, ''));
      if (!r.ok) throw new Error(renderMsg('en', r.reason));
      expect(r.design).toEqual(b.design);
      expect(r.origin).toBe(b.id);
    }
  });

  it('refuses deep, oversized and malformed texts with a reason, never throwing', () => {
    const deep = `{"a":${'['.repeat(MAX_JSON_DEPTH + 5)}${']'.repeat(MAX_JSON_DEPTH + 5)}}`;
    const d = parseSaved(deep);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(en(d.reason)).toMatch(/nested \d+ levels deep/);
    const big = parseSaved(' '.repeat(MAX_DESIGN_CHARS + 1));
    if (!big.ok) expect(en(big.reason)).toMatch(/characters long/);
    const bad = parseSaved(
      '{"format":"eventflow-design","version":1,"settings":{"name":"x","faults":[]},"nodes":[{"id":"a"}],"edges":[]}',
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(en(bad.reason)).toMatch(/\$\.nodes\[0\]/);
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const r = parseSaved(text);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.raw).toBe(text);
      }),
      { numRuns: 300, seed: FC_SEED },
    );
  });

  it('reports a full storage instead of throwing', () => {
    const kv = fullKV();
    const w = writeDesign(kv, 'abc', designText(builtIns[0]!.design, null));
    expect(w.ok).toBe(false);
    if (!w.ok) expect(en(w.error)).toBe('the browser storage for this site is full');
    expect(writeIndex(kv, { designs: [], aside: [] }).ok).toBe(false);
    expect(addAside(kv, { designs: [], aside: [] }, 'text', 'n', 'r').entry).toBeNull();
  });

  it('a damaged index is set aside verbatim and rebuilt from the designs present', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 5 }),
        (junk, ids) => {
          const kv = memoryKV();
          for (const id of ids)
            kv.setItem(
              DESIGN_PREFIX + id,
              designText(
                {
                  ...builtIns[0]!.design,
                  settings: { ...builtIns[0]!.design.settings, name: `n-${id}` },
                },
                null,
              ),
            );
          kv.setItem(INDEX_KEY, junk);
          const { index, problem } = readIndex(kv);
          const parsed = (() => {
            try {
              return JSON.parse(junk) as unknown;
            } catch {
              return null;
            }
          })();
          const valid =
            typeof parsed === 'object' &&
            parsed !== null &&
            (parsed as { format?: unknown }).format === 'eventflow-library';
          if (valid) return;
          expect(en(problem ?? undefined)).toMatch(/could not be read/);
          expect(index.designs.map((d) => d.id).sort()).toEqual([...ids].sort());
          expect(index.designs.map((d) => d.name).sort()).toEqual(
            ids.map((id) => `n-${id}`).sort(),
          );
          expect(index.aside).toHaveLength(1);
          expect(readAside(kv, index.aside[0]!.id)).toBe(junk);
          // The rebuilt index was written: reading again finds the same, with no new problem.
          expect(readIndex(kv)).toEqual({ index, problem: null });
        },
      ),
      { numRuns: 100, seed: FC_SEED },
    );
  });

  it('keeps only well-formed, unique, bounded index entries', () => {
    const kv = memoryKV();
    kv.setItem(
      INDEX_KEY,
      JSON.stringify({
        format: 'eventflow-library',
        version: 1,
        designs: [
          { id: 'a1', name: 'A', updatedAt: 5 },
          { id: 'a1', name: 'dup' },
          { id: '__proto__', name: 'x' },
          { id: 'b2', name: 7 },
          null,
          { id: 'c3', name: 'x'.repeat(500) },
        ],
        aside: [{ id: 'z9', name: 'Z', reason: 'why', at: 1 }, 'junk'],
      }),
    );
    const { index, problem } = readIndex(kv);
    expect(problem).toBeNull();
    expect(index.designs.map((d) => d.id)).toEqual(['a1', 'c3']);
    expect(index.designs[1]!.name.length).toBeLessThanOrEqual(120);
    expect(index.aside.map((a) => a.id)).toEqual(['z9']);
  });

  it('names new designs uniquely', () => {
    const index = {
      designs: [
        { id: 'a', name: 'Order flow', updatedAt: 0 },
        { id: 'b', name: 'Order flow (2)', updatedAt: 0 },
      ],
      aside: [],
    };
    expect(uniqueDesignName('Order flow', index)).toBe('Order flow (3)');
    expect(uniqueDesignName('  ', index)).toBe('Untitled design');
  });

  it('set-aside texts live under their own keys', () => {
    const kv = memoryKV();
    const r = addAside(kv, { designs: [], aside: [] }, 'raw text', 'Name', 'reason', 1000);
    expect(r.entry).not.toBeNull();
    expect(kv.getItem(ASIDE_PREFIX + r.entry!.id)).toBe('raw text');
  });
});
