import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseScenario, type Scenario } from '../engine';
import { defaultScenarioJson } from '../scenarios';
import { fromBase64url, toBase64url } from './base64url';
import { decodeShareState, encodeShareState, MAX_SHARE_TEXT, type ShareState } from './share';

const parsed = parseScenario(defaultScenarioJson);
if (!parsed.ok) throw new Error('default scenario');
const scenario: Scenario = parsed.scenario;
const state: ShareState = {
  scenario,
  seed: 42,
  forks: [{ atIndex: 120, change: { kind: 'crash', member: 'payment-1' } }],
  cursor: 1234,
};

/** A share text made of arbitrary content, for malformed-payload tests. */
const packed = (content: string | Uint8Array) =>
  toBase64url(new Uint8Array(deflateRawSync(content)));
const payload = (o: Record<string, unknown>) =>
  packed(JSON.stringify({ v: 1, scenario, seed: 1, forks: [], cursor: 0, ...o }));

async function errorOf(text: unknown): Promise<string> {
  const r = await decodeShareState(text);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

describe('share state', () => {
  it('round-trips through URL-safe text, deterministically and compactly', async () => {
    const text = await encodeShareState(state);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text.length).toBeLessThan(JSON.stringify(state).length / 2);
    expect(await encodeShareState(state)).toBe(text);
    expect(await decodeShareState(text)).toEqual({ ok: true, state });
    expect(await decodeShareState(`  ${text}\n`)).toEqual({ ok: true, state });
  });

  it('names the problem with text that is not a share', async () => {
    expect(await errorOf(42)).toBe('the shared state is not text');
    expect(await errorOf('   ')).toBe('the shared state is empty');
    expect(await errorOf('A'.repeat(MAX_SHARE_TEXT + 1))).toBe(
      'the shared state is too long: 200,001 characters, the limit is 200,000',
    );
    expect(await errorOf('abc+def')).toBe(
      'the shared state is damaged: not base64url: unexpected character "+" at position 3',
    );
    expect(await errorOf('abcd=')).toMatch(/unexpected character "=" at position 4/);
    expect(await errorOf('abcde')).toBe(
      'the shared state is damaged: not base64url: a length of 5 characters is impossible',
    );
  });

  it('names the problem with damaged compressed data', async () => {
    const inflate = /^the shared state is damaged: its compressed data does not inflate \(.+\)$/;
    expect(
      await errorOf(toBase64url(new TextEncoder().encode('plain text, never deflated'))),
    ).toMatch(inflate);
    const good = await encodeShareState(state);
    expect(await errorOf(good.slice(0, good.length - 12))).toMatch(inflate);
    expect(await errorOf(packed(new Uint8Array([0xff, 0xfe, 0x80])))).toBe(
      'the shared state is damaged: it inflates to bytes that are not UTF-8 text',
    );
    expect(await errorOf(packed(' '.repeat(6_000_000)))).toBe(
      'the shared state is damaged: it inflates to more than 5,000,000 bytes',
    );
  });

  it('names the problem with the JSON and its fields', async () => {
    expect(await errorOf(packed('{"v": 1,'))).toMatch(/^the shared state is not valid JSON: /);
    expect(await errorOf(packed('[1, 2]'))).toBe('the shared state is not an object');
    expect(await errorOf(payload({ v: 2 }))).toBe(
      'the shared state has format version 2; this app reads version 1',
    );
    expect(await errorOf(payload({ seed: -1 }))).toBe(
      'seed must be an integer from 0 to 4294967295, got -1',
    );
    expect(await errorOf(payload({ cursor: 1.5 }))).toBe(
      'cursor must be a non-negative integer, got 1.5',
    );
    expect(await errorOf(payload({ forks: {} }))).toBe('forks must be an array, got {}');
    expect(await errorOf(payload({ forks: new Array(101).fill({}) }))).toBe(
      'forks: at most 100 forks, got 101',
    );
  });

  it('refuses a small link that inflates to deep nesting, naming the path, before JSON.parse', async () => {
    const deep = '['.repeat(2_000_000) + ']'.repeat(2_000_000);
    const text = packed(`{"v":1,"forks":[{"change":${deep}}]}`);
    expect(text.length).toBeLessThan(10_000);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const error = await errorOf(text);
      expect(error).toMatch(
        /^the shared state is too complex: forks\[0\]\.change(\[0\])+…(\[0\])+ is nested more than 64 levels deep$/,
      );
      expect(parse.mock.calls.every(([s]) => (s as string).length < 100)).toBe(true);
    } finally {
      parse.mockRestore();
    }
  });

  it("reports the scenario's own errors with their JSON paths", async () => {
    const broken = structuredClone(scenario) as any;
    broken.topics[0].partitions = 0;
    const r = await decodeShareState(payload({ scenario: broken }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(/^the shared scenario is invalid: scenario\.topics\[0\]\.partitions: /);
    expect(r.scenarioErrors?.[0]?.path).toBe('$.topics[0].partitions');
  });

  it('never throws, whatever the text (seeded fuzz: random strings and one-character edits)', async () => {
    const good = await encodeShareState(state);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (s) => {
        const r = await decodeShareState(s);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 200, seed: 6 },
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(good.length - 1), fc.constantFrom(...'AZaz09-_'), async (i, c) => {
        const r = await decodeShareState(good.slice(0, i) + c + good.slice(i + 1));
        if (r.ok)
          expect(r.state.scenario.version).toBe(2); // loaded scenarios are upcast to version 2
        else expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 200, seed: 6 },
    );
  });
});

describe('base64url', () => {
  it('round-trips every length and byte value', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = toBase64url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        const back = fromBase64url(text);
        expect(back.ok && [...back.bytes]).toEqual([...bytes]);
      }),
      { seed: 6 },
    );
    expect(toBase64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });
});
