/**
 * One challenge check as the worker runs it (src/worker/checkWorker.ts): simulate the design to
 * its end with the anomaly detector and evaluate the goal. Pure; never throws.
 */
import type { Scenario } from '../engine';
import { msg, type Msg } from '../i18n';
import { evaluateGoal, runForCheck } from './goals';
import type { Goal } from './types';

export interface CheckRequest {
  id: number;
  scenario: Scenario;
  goal: Goal;
}

export type CheckReply =
  | { id: number; status: 'done'; ok: boolean; feedback: Msg }
  | { id: number; status: 'error'; error: Msg };

/** What the worker does with one request. Never throws. */
export function handleCheckRequest(req: CheckRequest): CheckReply {
  try {
    const run = runForCheck(req.scenario);
    if (!run.ok) return { id: req.id, status: 'error', error: run.error };
    const r = evaluateGoal(req.goal, run.result);
    return { id: req.id, status: 'done', ok: r.ok, feedback: r.feedback };
  } catch (e) {
    return {
      id: req.id,
      status: 'error',
      error: msg('challenges.run.failed', { reason: String((e as Error)?.message ?? e) }),
    };
  }
}
