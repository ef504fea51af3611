/**
 * The typed message protocol between the UI thread and the simulation worker. Both directions
 * are discriminated unions of plain, structured-clone-safe objects; every switch over them ends
 * in `assertNever` so a new message type cannot be forgotten.
 */
import type { Scenario } from '../engine';
import type { SimView } from './view';

/** UI → worker. */
export type MainToWorker =
  | { type: 'load'; scenario: Scenario }
  | { type: 'play'; speed: number }
  | { type: 'pause' }
  | { type: 'reset' };

/** Where the run stands, as the worker sees it (the worker is the authority). */
export type RunStatus = 'idle' | 'playing' | 'paused' | 'ended';

/**
 * Worker → UI. Frames are batched summaries (at most ~30 per second of wall time), never the
 * event log: the log stays in the worker.
 */
export type WorkerToMain =
  | { type: 'frame'; timeUs: number; endUs: number; status: RunStatus; view: SimView }
  | { type: 'error'; message: string };

/** Frames per second the worker sends while playing, at most. */
export const MAX_FRAMES_PER_SEC = 30;

export function assertNever(x: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(x)}`);
}
