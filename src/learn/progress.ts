/**
 * Challenge progress, saved in the browser and exported / imported as a JSON file:
 *   { "format": "eventflow-challenge-progress", "version": 1,
 *     "solved": { "make-a-duplicate": { "moves": 1, "score": 3 } } }
 * Untrusted on load and on import: bounded, never throws, every problem named by its path.
 */
import { parseJsonBounded } from '../engine';
import { msg, type Msg } from '../i18n';

export const PROGRESS_FORMAT = 'eventflow-challenge-progress';
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Most challenges one progress file records. */
export const MAX_PROGRESS_ENTRIES = 1000;
/** Longest progress text read. */
export const MAX_PROGRESS_CHARS = 200_000;

export interface SolvedEntry {
  /** The fewest moves it was solved in. */
  moves: number;
  /** The best score (★ count). */
  score: 1 | 2 | 3;
}

export interface Progress {
  solved: Record<string, SolvedEntry>;
}

export const emptyProgress = (): Progress => ({ solved: {} });

export type ProgressParse = { ok: true; progress: Progress } | { ok: false; error: Msg };

/** Reads progress from JSON text (a file or localStorage). */
export function parseProgressText(text: string): ProgressParse {
  if (text.length > MAX_PROGRESS_CHARS)
    return { ok: false, error: msg('challenges.progress.tooLarge', { max: MAX_PROGRESS_CHARS }) };
  const j = parseJsonBounded(text, {
    maxChars: MAX_PROGRESS_CHARS,
    maxDepth: 8,
    maxValues: 20_000,
  });
  if (!j.ok)
    return {
      ok: false,
      error: msg('challenges.progress.invalid', { path: j.error.path, message: j.error.message }),
    };
  return parseProgress(j.value);
}

export function parseProgress(v: unknown): ProgressParse {
  const bad = (path: string, message: string): ProgressParse => ({
    ok: false,
    error: msg('challenges.progress.invalid', { path, message }),
  });
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad('$', 'must be an object');
  const o = v as Record<string, unknown>;
  if (o.format !== PROGRESS_FORMAT) return bad('$.format', `must be "${PROGRESS_FORMAT}"`);
  if (o.version !== 1) return bad('$.version', 'must be 1');
  const s = o.solved;
  if (typeof s !== 'object' || s === null || Array.isArray(s))
    return bad('$.solved', 'must be an object');
  const keys = Object.keys(s);
  if (keys.length > MAX_PROGRESS_ENTRIES)
    return bad('$.solved', `has at most ${MAX_PROGRESS_ENTRIES} entries`);
  const solved: Record<string, SolvedEntry> = {};
  for (const id of keys) {
    const p = `$.solved[${JSON.stringify(id.slice(0, 80))}]`;
    if (id.length > 64 || !ID.test(id)) return bad(p, 'is not a challenge id');
    const e = (s as Record<string, unknown>)[id];
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return bad(p, 'must be an object');
    const { moves, score } = e as Record<string, unknown>;
    if (typeof moves !== 'number' || !Number.isInteger(moves) || moves < 0 || moves > 1000)
      return bad(`${p}.moves`, 'must be a whole number from 0 to 1000');
    if (score !== 1 && score !== 2 && score !== 3) return bad(`${p}.score`, 'must be 1, 2 or 3');
    solved[id] = { moves, score };
  }
  return { ok: true, progress: { solved } };
}

export function progressText(p: Progress): string {
  return `${JSON.stringify({ format: PROGRESS_FORMAT, version: 1, solved: p.solved }, null, 2)}\n`;
}

/** The better of two results: the higher score, then the fewer moves. */
export function better(a: SolvedEntry | undefined, b: SolvedEntry): SolvedEntry {
  if (!a) return b;
  if (b.score !== a.score) return b.score > a.score ? b : a;
  return b.moves < a.moves ? b : a;
}

/** Both progresses together, keeping each challenge's best result. */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const solved: Record<string, SolvedEntry> = { ...a.solved };
  for (const [id, e] of Object.entries(b.solved)) solved[id] = better(solved[id], e);
  return { solved };
}
