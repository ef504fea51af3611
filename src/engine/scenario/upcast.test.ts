import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../../scenarios';
import { acceptedV1ScenarioArb, mutate, mutationArb } from './arbitraries';
import { parseScenario } from './parse';
import type { Scenario } from './types';
import { upcastScenario } from './upcast';

/** cyrb53: a 53-bit string hash, enough to pin what a parser made of many documents. */
function hash53(str: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A parse result as version 1 would have given it (the version relabelled back to 1). */
function asV1(r: ReturnType<typeof parseScenario>): string {
  return JSON.stringify(r.ok ? { ...r.scenario, version: 1 } : r.errors);
}

/*
 * The figures below were computed with the version 1 parser (commit 808eb3a, before version 2)
 * over the same seeded draws; the version 2 parser must make exactly the same of every
 * version 1 document, apart from the version it reports.
 */
describe('version 1 documents parse exactly as before, as version 2', () => {
  it('every built-in scenario: the same scenario, labelled version 2', () => {
    const lines = Object.entries(builtInScenarios)
      .filter(([, s]) => (s as { version?: unknown }).version === 1)
      .map(([k, s]) => {
        const r = parseScenario(s);
        expect(r.ok && r.scenario.version).toBe(2);
        return k + asV1(r);
      });
    expect(hash53(lines.slice(0, 5).join('\n'))).toBe(3008857834024216);
  });

  it('300 random accepted version 1 scenarios (seed 1101): the same scenarios', () => {
    const docs = fc.sample(acceptedV1ScenarioArb, { seed: 1101, numRuns: 300 });
    const out = docs.map((d) => parseScenario(d));
    for (const r of out) expect(r.ok && r.scenario.version).toBe(2);
    expect(hash53(out.map(asV1).join('\n'))).toBe(45745257487518);
  });

  it('600 mutated version 1 documents (seed 1102): the same verdicts, paths and codes', () => {
    const docs = fc
      .sample(
        fc.tuple(acceptedV1ScenarioArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 })),
        {
          seed: 1102,
          numRuns: 600,
        },
      )
      .map(([s, ms]) => ms.reduce(mutate, s))
      .filter((d) => d.version === 1);
    const lines = docs.map((d) => {
      const r = parseScenario(d);
      return r.ok
        ? 'ok' + JSON.stringify({ ...r.scenario, version: 1 })
        : JSON.stringify(r.errors.map((e) => [e.path, e.code]));
    });
    expect(lines.length).toBe(593);
    expect(hash53(lines.join('\n'))).toBe(288293692770257);
  });
});

describe('upcastScenario', () => {
  it('relabels a version 1 scenario as version 2 and changes nothing else (seeded property)', () => {
    fc.assert(
      fc.property(acceptedV1ScenarioArb, (doc) => {
        const r = parseScenario({ ...doc, version: 2 });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const v1 = { ...r.scenario, version: 1 } as Scenario & { version: 1 };
        const before = JSON.stringify(v1);
        const up = upcastScenario(v1);
        expect(JSON.stringify(v1)).toBe(before); // pure: the argument is untouched
        expect(up).toEqual(r.scenario);
        expect(Object.keys(up)).toEqual(Object.keys(v1)); // field order kept
        // Loading the version 1 document gives the upcast scenario.
        const loaded = parseScenario(doc);
        expect(loaded.ok && loaded.scenario).toEqual(up);
      }),
      { seed: 1103, numRuns: 100 },
    );
  });

  it('a version 2 document is read as written; other versions are refused at $.version', () => {
    const doc = { version: 2, name: 'x', topics: [{ name: 't', partitions: 1 }] };
    const r = parseScenario(doc);
    expect(r.ok && r.scenario).toEqual({ ...doc, producers: [], groups: [], faults: [] });
    for (const version of [0, 3, 1.5, '2', null, undefined]) {
      const bad = parseScenario({ ...doc, version });
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(bad.errors.map((e) => [e.path, e.code])).toEqual([
          ['$.version', 'unsupportedVersion'],
        ]);
        expect(bad.errors[0]!.message).toMatch(/^must be 1 or 2 /);
      }
    }
  });
});
