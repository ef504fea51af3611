/**
 * The live run as the worker last reported it. Updated once per frame (≤ 30 a second), never
 * once per simulation event.
 */
import type { RunStatus } from '../worker/protocol';
import type { Text } from './messages';
import type { SimView } from '../worker/view';

export interface SimSlice {
  status: RunStatus;
  timeUs: number;
  endUs: number;
  /** Sim seconds per wall second, or 'max': as fast as the engine goes. */
  speed: Speed;
  view: SimView | null;
  /** Records per sim second on each edge (by edge id), smoothed over frames. */
  rates: Record<string, number>;
  /** Why the run stopped: ours (Msg), or the worker's own words. */
  simError: Text | null;
  /** The worker died (crashed, hung, or stopped); Reset starts a fresh one (workerLife.ts). */
  workerDown: boolean;
  /** The design compiles but is too large to run in the browser (Play says why). */
  tooHeavy: boolean;
  /** History before this sim time was folded away to bound memory (null: all kept). */
  trimmedBeforeUs: number | null;
}

export type Speed = number | 'max';

export const SPEEDS: readonly Speed[] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 100, 1000, 'max'];

export function simSlice(endUs = 0, speed: Speed = 1): SimSlice {
  return {
    status: 'idle',
    timeUs: 0,
    endUs,
    speed,
    view: null,
    rates: {},
    simError: null,
    workerDown: false,
    tooHeavy: false,
    trimmedBeforeUs: null,
  };
}
