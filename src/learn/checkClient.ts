/**
 * Challenge checks off the UI thread: `check(scenario, goal)` resolves with the goal's verdict
 * on the engine's run. Only the newest check matters (the design changed since the older ones):
 * asking for a new one while a check runs terminates that worker, and the superseded promise
 * resolves as `cancelled`. The worker's side is checkRequest.ts (pure, tested in Node).
 */
import type { Scenario } from '../engine';
import { msg, type Msg } from '../i18n';
import type { CheckReply, CheckRequest } from './checkRequest';
import type { Goal } from './types';

export type { CheckReply, CheckRequest } from './checkRequest';

export type CheckOutcome =
  | { status: 'done'; ok: boolean; feedback: Msg }
  | { status: 'error'; error: Msg }
  | { status: 'cancelled' };

/** The part of a Worker the client uses (a fake one in tests). */
export interface CheckWorkerLike {
  postMessage(req: CheckRequest): void;
  terminate(): void;
  onmessage: ((e: { data: CheckReply }) => void) | null;
  onerror: ((e: unknown) => void) | null;
}

export interface CheckClient {
  check(scenario: Scenario, goal: Goal): Promise<CheckOutcome>;
  /** Cancels the check in flight (if any) and stops the worker. */
  dispose(): void;
}

export function createCheckClient(makeWorker: () => CheckWorkerLike): CheckClient {
  let worker: CheckWorkerLike | null = null;
  let nextId = 0;
  let pending: { id: number; resolve: (o: CheckOutcome) => void } | null = null;

  const settle = (o: CheckOutcome) => {
    const p = pending;
    pending = null;
    p?.resolve(o);
  };
  const stop = () => {
    worker?.terminate();
    worker = null;
  };
  const start = (): CheckWorkerLike => {
    const w = makeWorker();
    w.onmessage = (e) => {
      if (!pending || e.data.id !== pending.id) return;
      const d = e.data;
      settle(
        d.status === 'done'
          ? { status: 'done', ok: d.ok, feedback: d.feedback }
          : { status: 'error', error: d.error },
      );
    };
    w.onerror = () => {
      stop();
      settle({ status: 'error', error: msg('challenges.run.workerDown') });
    };
    return w;
  };

  return {
    check(scenario, goal) {
      // A check still running is for an older design: cancel it for real.
      if (pending) {
        stop();
        settle({ status: 'cancelled' });
      }
      worker ??= start();
      const id = ++nextId;
      return new Promise<CheckOutcome>((resolve) => {
        pending = { id, resolve };
        try {
          worker!.postMessage({ id, scenario, goal });
        } catch (e) {
          stop();
          settle({
            status: 'error',
            error: msg('challenges.run.failed', { reason: String((e as Error)?.message ?? e) }),
          });
        }
      });
    },
    dispose() {
      stop();
      settle({ status: 'cancelled' });
    },
  };
}

/** The browser's client: a module worker (src/worker/checkWorker.ts), started on first use. */
export function browserCheckClient(): CheckClient {
  return createCheckClient(
    () =>
      new Worker(new URL('../worker/checkWorker.ts', import.meta.url), {
        type: 'module',
      }) as unknown as CheckWorkerLike,
  );
}
