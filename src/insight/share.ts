import { JSON_LIMITS, parseJsonBounded, parseScenario, type Scenario } from '../engine';
import type { ScenarioError } from '../engine';
import { problemMsg, scenarioErrorMsg } from '../diagram/validationText';
import type { MessageKey } from '../i18n/catalog';
import { msg } from '../i18n/translate';
import type { Msg, Params } from '../i18n/types';
import { fromBase64url, toBase64url } from './base64url';
import { groupThousands } from './format';

/** What a share link carries: the scenario, the seed, the forks made, the timeline position. */
export interface ShareState {
  scenario: Scenario;
  seed: number;
  /** Forks of the timeline; their format belongs to the timeline, insight only carries them. */
  forks: unknown[];
  /** The timeline cursor (an event index). */
  cursor: number;
}

/** A failure says what is wrong in English (`error`) and as a message for the UI (`message`). */
export type DecodeResult =
  | { ok: true; state: ShareState }
  | { ok: false; error: string; message: Msg; scenarioErrors?: ScenarioError[] };

/** The longest share text accepted (characters): browsers and servers cut longer URLs. */
export const MAX_SHARE_TEXT = 200_000;
/** The most JSON a share text may inflate to (bytes): a guard against deflate bombs. */
export const MAX_SHARE_JSON = 5_000_000;
/** The most forks a link may replay (each one re-simulates a run in the worker). */
export const MAX_SHARE_FORKS = 100;
/** Bumped when the payload's shape changes; old links then get a clear message. */
export const SHARE_VERSION = 1;

/**
 * The state as URL-safe text: JSON, deflate-raw (the standard CompressionStream, in browsers
 * and Node 20), then base64url. Deterministic for a given state.
 */
export async function encodeShareState(state: ShareState): Promise<string> {
  const json = JSON.stringify({
    v: SHARE_VERSION,
    scenario: state.scenario,
    seed: state.seed,
    forks: state.forks,
    cursor: state.cursor,
  });
  const deflated = await pipe(
    new TextEncoder().encode(json),
    new CompressionStream('deflate-raw'),
    Number.POSITIVE_INFINITY,
  );
  return toBase64url(deflated);
}

/**
 * Reads a share text back. Untrusted input: it never throws, and every failure says what was
 * wrong (too long, not base64url, corrupt deflate data, not JSON, a missing or bad field, or
 * the scenario's own errors with their JSON paths).
 */
export async function decodeShareState(text: unknown): Promise<DecodeResult> {
  if (typeof text !== 'string')
    return fail('the shared state is not text', 'validation.share.notText');
  const trimmed = text.trim();
  if (trimmed.length === 0) return fail('the shared state is empty', 'validation.share.empty');
  if (trimmed.length > MAX_SHARE_TEXT) {
    return fail(
      `the shared state is too long: ${groupThousands(trimmed.length)} characters, the limit is ${groupThousands(MAX_SHARE_TEXT)}`,
      'validation.share.tooLong',
      { chars: trimmed.length, max: MAX_SHARE_TEXT },
    );
  }
  const b64 = fromBase64url(trimmed);
  if (!b64.ok)
    return fail(
      `the shared state is damaged: ${b64.error}`,
      b64.at !== undefined ? 'validation.share.badCharacter' : 'validation.share.badLength',
      b64.at !== undefined
        ? { char: b64.char ?? '', at: b64.at }
        : { length: b64.length ?? trimmed.length },
    );
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await pipe(b64.bytes, new DecompressionStream('deflate-raw'), MAX_SHARE_JSON);
  } catch (e) {
    if (e instanceof TooLarge)
      return fail(
        `the shared state is damaged: it inflates to more than ${groupThousands(MAX_SHARE_JSON)} bytes`,
        'validation.share.inflatesTooLarge',
        { max: MAX_SHARE_JSON },
      );
    return fail(
      `the shared state is damaged: its compressed data does not inflate (${(e as Error).message})`,
      'validation.share.notDeflate',
    );
  }
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(
      'the shared state is damaged: it inflates to bytes that are not UTF-8 text',
      'validation.share.notUtf8',
    );
  }
  // Nesting is scanned before JSON.parse: a few kB of link can inflate to megabytes of `[[[[`,
  // which JSON.parse takes seconds over and JSON.stringify / postMessage cannot handle.
  const parsed = parseJsonBounded(json, { ...JSON_LIMITS, maxChars: MAX_SHARE_JSON });
  if (!parsed.ok) {
    const { path, message, code } = parsed.error;
    if (code === 'notJson')
      return fail(`the shared state is ${message}`, 'validation.share.notJson', {
        detail: parsed.error.params?.detail ?? '',
      });
    return fail(
      `the shared state is too complex: ${path === '$' ? '' : `${path.replace(/^\$\.?/, '')} is `}${message}`,
      'validation.share.tooComplex',
      {
        hasPath: path === '$' ? 'no' : 'yes',
        where: path.replace(/^\$\.?/, ''),
        problem: problemMsg(parsed.error),
      },
    );
  }
  return validate(parsed.value);
}

function validate(value: unknown): DecodeResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('the shared state is not an object', 'validation.share.notObject');
  const o = value as Record<string, unknown>;
  if (o.v !== SHARE_VERSION)
    return fail(
      `the shared state has format version ${JSON.stringify(o.v) ?? 'none'}; this app reads version ${SHARE_VERSION}`,
      'validation.share.version',
      { ...jsonGot(o.v), version: SHARE_VERSION },
    );
  if (!Number.isInteger(o.seed) || (o.seed as number) < 0 || (o.seed as number) > 0xffffffff) {
    return fail(
      `seed must be an integer from 0 to 4294967295, got ${JSON.stringify(o.seed) ?? 'nothing'}`,
      'validation.share.seed',
      jsonGot(o.seed),
    );
  }
  if (!Number.isInteger(o.cursor) || (o.cursor as number) < 0) {
    return fail(
      `cursor must be a non-negative integer, got ${JSON.stringify(o.cursor) ?? 'nothing'}`,
      'validation.share.cursor',
      jsonGot(o.cursor),
    );
  }
  if (!Array.isArray(o.forks))
    return fail(
      `forks must be an array, got ${JSON.stringify(o.forks) ?? 'nothing'}`,
      'validation.share.forks',
      jsonGot(o.forks),
    );
  if (o.forks.length > MAX_SHARE_FORKS)
    return fail(
      `forks: at most ${MAX_SHARE_FORKS} forks, got ${o.forks.length}`,
      'validation.share.tooManyForks',
      { max: MAX_SHARE_FORKS, got: o.forks.length },
    );
  const parsed = parseScenario(o.scenario);
  if (!parsed.ok) {
    const shown = parsed.errors
      .slice(0, 5)
      .map((e) => `${e.path.replace(/^\$/, 'scenario')}: ${e.message}`);
    const more = parsed.errors.length > 5 ? ` (and ${parsed.errors.length - 5} more)` : '';
    const first = parsed.errors[0]!;
    return {
      ok: false,
      error: `the shared scenario is invalid: ${shown.join('; ')}${more}`,
      message: msg('validation.share.invalidScenario', {
        first: scenarioErrorMsg({ ...first, path: first.path.replace(/^\$/, 'scenario') }),
        more: parsed.errors.length - 1,
      }),
      scenarioErrors: parsed.errors,
    };
  }
  return {
    ok: true,
    state: {
      scenario: parsed.scenario,
      seed: o.seed as number,
      forks: o.forks,
      cursor: o.cursor as number,
    },
  };
}

function fail(error: string, key: MessageKey, params?: Params): DecodeResult {
  return { ok: false, error, message: msg(key, params) };
}

/** What was found, as JSON, or that nothing was (for "got …" in either language). */
function jsonGot(v: unknown): { got: string; gotKind: 'missing' | 'value' } {
  return { got: JSON.stringify(v) ?? '', gotKind: v === undefined ? 'missing' : 'value' };
}

class TooLarge extends Error {}

/** Runs bytes through a (de)compression stream, stopping past `maxBytes` of output. */
async function pipe(
  input: Uint8Array<ArrayBuffer>,
  stream: CompressionStream | DecompressionStream,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const writer = stream.writable.getWriter();
  // The reader sees any error; these promises must not become unhandled rejections.
  writer.write(input).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
