/**
 * The live run as the worker last reported it. Updated once per frame (≤ 30 a second), never
 * once per simulation event.
 */
import type { RunStatus } from '../worker/protocol';
import type { SimView } from '../worker/view';

export interface SimSlice {
  status: RunStatus;
  timeUs: number;
  endUs: number;
  /** Sim seconds per wall second. */
  speed: number;
  view: SimView | null;
  /** Records per sim second on each edge (by edge id), smoothed over frames. */
  rates: Record<string, number>;
  simError: string | null;
}

export const SPEEDS = [0.25, 0.5, 1, 2, 5] as const;

export function simSlice(endUs = 0, speed = 1): SimSlice {
  return { status: 'idle', timeUs: 0, endUs, speed, view: null, rates: {}, simError: null };
}
