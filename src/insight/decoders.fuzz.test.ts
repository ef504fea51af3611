import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importDesign } from '../diagram';
import { parseScenarioJson } from '../engine';
import { acceptedScenarioArb } from '../engine/scenario/arbitraries';
import { toBase64url } from './base64url';
import { decodeShareState } from './share';

/*
 * Issue 9 §5: seeded fuzzing of every decoder of untrusted text (the scenario parser, file
 * import, share links). Each must answer with a value or an error: never throw, never overflow
 * the stack, and never accept something that JSON.stringify or structuredClone cannot handle.
 * Replay a failure with the seed and path fast-check prints.
 */
const SEED = 90_517;

/** Character-level damage to a JSON text: cuts, inserted brackets (up to 100k deep), swaps. */
const editArb = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.nat(40) }),
  fc.record({
    kind: fc.constant('nest' as const),
    at: fc.nat(),
    depth: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.constantFrom(10_000, 100_000)),
    open: fc.constantFrom('[', '{"a":'),
  }),
  fc.record({
    kind: fc.constant('put' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '"__proto__"',
      '0x10',
      ' 7 ',
      'null',
      '-1',
      '"',
      ',',
      '}',
      ']',
      '1e999',
      '{}',
      '[]',
    ),
  }),
);
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

function damage(text: string, edits: Edit[]): string {
  let t = text;
  for (const e of edits) {
    const at = e.at % (t.length + 1);
    if (e.kind === 'cut') t = t.slice(0, at) + t.slice(at + e.len);
    else if (e.kind === 'put') t = t.slice(0, at) + e.text + t.slice(at);
    else {
      const close = e.open === '[' ? ']' : '}';
      t = t.slice(0, at) + e.open.repeat(e.depth) + '1' + close.repeat(e.depth) + t.slice(at);
    }
  }
  return t;
}

const damagedScenarioText = fc
  .tuple(acceptedScenarioArb, fc.array(editArb, { minLength: 0, maxLength: 3 }))
  .map(([s, edits]) => damage(JSON.stringify(s), edits));

/** Whatever a decoder accepted must survive the app's own serialisation paths. */
function survives(value: unknown): void {
  expect(() => structuredClone(JSON.parse(JSON.stringify(value)))).not.toThrow();
}

describe('decoders of untrusted text never throw (seeded fuzz)', () => {
  it('parseScenarioJson', () => {
    fc.assert(
      fc.property(fc.oneof(damagedScenarioText, fc.string({ maxLength: 200 })), (text) => {
        const r = parseScenarioJson(text);
        if (r.ok) survives(r.scenario);
        else for (const e of r.errors) expect(e.path.startsWith('$')).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('importDesign (scenario files and design documents)', () => {
    const designText = damagedScenarioText.map((t) =>
      t.replace(
        /^\{/,
        '{"format": "eventflow-design", "settings": {"name": "x", "faults": []}, "nodes": [], "edges": [], ',
      ),
    );
    fc.assert(
      fc.property(
        fc.oneof(damagedScenarioText, designText, fc.string({ maxLength: 200 })),
        (text) => {
          const r = importDesign(text);
          if (r.ok) survives(r.design);
          else expect(r.errors.length).toBeGreaterThan(0);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('decodeShareState (deflated, base64url share links)', async () => {
    const link = fc.tuple(damagedScenarioText, fc.boolean()).map(([scenario, wrap]) => {
      const json = wrap
        ? `{"v":1,"seed":1,"cursor":0,"forks":[],"scenario":${scenario}}`
        : scenario;
      return toBase64url(new Uint8Array(deflateRawSync(json)));
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(link, fc.string({ maxLength: 200 })), async (text) => {
        const r = await decodeShareState(text);
        if (r.ok) survives(r.state);
        else expect(r.error.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
