import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import orderFlow from '../../scenarios/order-flow.json';
import { checkJsonValue, JSON_LIMITS, parseJsonBounded, scanJsonDepth } from './jsonBounds';
import { parseScenario, parseScenarioJson } from './parse';

const SEED = 917;

const nestedArrays = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('bounded JSON: depth and size are refused before any work, naming the path', () => {
  it('refuses text nested deeper than the limit without calling JSON.parse on it', () => {
    const text = `{"a": [1, {"b\\"c": ${nestedArrays(200_000)}}]}`;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const r = parseJsonBounded(text, { ...JSON_LIMITS, maxDepth: 10 });
      expect(r).toEqual({
        ok: false,
        error: {
          path: '$.a[1]["b\\"c"]' + '[0]'.repeat(7),
          message: 'nested more than 10 levels deep',
          code: 'tooDeep',
          params: { max: 10 },
        },
      });
      // Only the one short key was decoded (to name the path), never the document.
      expect(parse.mock.calls.every(([s]) => (s as string).length < 20)).toBe(true);
    } finally {
      parse.mockRestore();
    }
  });

  it('ignores brackets inside strings, honours escapes, and counts array indices', () => {
    expect(scanJsonDepth('["[[[[[[", "\\"[[[[", {"x": "{{{{"}]', 2)).toBeNull();
    expect(scanJsonDepth('[0, 1, [2, [3]]]', 2)?.path).toBe('$[2][1]');
    expect(scanJsonDepth('{"a": 1, "b c": {"d": [[]]}}', 3)?.path).toBe('$["b c"].d[0]');
  });

  it('refuses text longer than the limit before scanning it', () => {
    const r = parseJsonBounded('[' + ' '.repeat(50) + ']', { ...JSON_LIMITS, maxChars: 20 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('the text is 52 characters; at most 20 are read');
  });

  it('agrees with a recursive depth count on random JSON (seeded property)', () => {
    const depthOf = (v: unknown): number =>
      typeof v === 'object' && v !== null
        ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf))
        : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 1, max: 9 }), (v, max) => {
        const text = JSON.stringify(v);
        const tooDeep = depthOf(v) > max;
        expect(scanJsonDepth(text, max) !== null).toBe(tooDeep);
        expect(checkJsonValue(v, { maxDepth: max, maxValues: 1e6 }) !== null).toBe(tooDeep);
        const r = parseJsonBounded(text, { ...JSON_LIMITS, maxDepth: max });
        expect(r.ok).toBe(!tooDeep);
        if (r.ok) expect(r.value).toEqual(JSON.parse(text));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('walks parsed values without recursion: 100,000 levels, and cycles, are refused', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const e = checkJsonValue({ topics: [deep] }, JSON_LIMITS);
    expect(e?.message).toBe('nested more than 64 levels deep');
    expect(e?.path.startsWith('$.topics[0].a.a.a')).toBe(true);
    expect(e?.path.length).toBeLessThanOrEqual(160);
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    expect(checkJsonValue(cyclic)?.message).toBe('nested more than 64 levels deep');
    expect(checkJsonValue(new Array(20).fill(0), { maxDepth: 5, maxValues: 10 })).toEqual({
      path: '$',
      message: 'holds more than 10 values',
      code: 'tooManyValues',
      params: { max: 10 },
    });
  });
});

describe('parseScenario and parseScenarioJson return errors, never a stack overflow', () => {
  it('refuses a payload tens of thousands of levels deep, naming the path', () => {
    let payload: unknown = {};
    for (let i = 0; i < 50_000; i++) payload = { next: payload };
    const s = structuredClone(orderFlow) as Record<string, any>;
    const r = parseScenario({ ...s, producers: [{ ...s.producers[0], payload }] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.path).toMatch(/^\$\.producers\[0\]\.payload\.next\.next/);
      expect(r.errors[0]!.message).toBe('nested more than 64 levels deep');
    }
    const text = JSON.stringify(s).replace(
      '"topics":',
      `"deep": ${nestedArrays(30_000)}, "topics":`,
    );
    const j = parseScenarioJson(text);
    expect(j.ok).toBe(false);
    if (!j.ok) {
      // The 65th array: 63 indices deep under $.deep, shortened in the middle to one line.
      expect(j.errors[0]!.message).toBe('nested more than 64 levels deep');
      expect(j.errors[0]!.path).toMatch(/^\$\.deep(\[0\])+…(\[0\])+$/);
      expect(j.errors[0]!.path.length).toBeLessThanOrEqual(160);
    }
  });

  it('accepts a payload exactly while the whole scenario is ≤ 64 deep; what it accepts serialises', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (levels) => {
        let payload: Record<string, unknown> = { leaf: true };
        for (let i = 1; i < levels; i++) payload = { next: payload };
        const s = structuredClone(orderFlow) as Record<string, any>;
        s.producers[0].payload = payload;
        const r = parseScenario(s);
        // $ (1) → producers (2) → [0] (3) → payload (4) …: a payload of `levels` objects.
        expect(r.ok).toBe(3 + levels <= 64);
        if (r.ok)
          expect(() => structuredClone(JSON.parse(JSON.stringify(r.scenario)))).not.toThrow();
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
