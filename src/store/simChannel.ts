/**
 * The UI end of the simulation worker: creates it, moves typed messages in and out, and watches
 * that it is alive. A worker can die without a word (killed for memory, `self.close()`), throw
 * outside its handlers ('error'), send what cannot be read ('messageerror'), or report that its
 * step loop crashed (a fatal `error` message). Each of these ends the channel: the worker is
 * terminated and `onDown` says why, once; the store starts a fresh worker on Reset.
 */
import { msg as msgOf, type Msg } from '../i18n';
import type { MainToWorker, WorkerToMain } from '../worker/protocol';

export interface SimChannel {
  post(msg: MainToWorker): void;
  close(): void;
}

/** How often the channel pings the worker, and how long it waits for any answer. */
export const PING_MS = 2000;
export const DEFAULT_LIVENESS_MS = 20_000;

export interface ChannelOptions {
  /** Declared dead after this long without any message while a ping is outstanding. */
  livenessMs?: number;
}

/** The parts of a Worker the channel uses (a fake in unit tests). */
export interface WorkerLike {
  onmessage: ((e: MessageEvent<WorkerToMain>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  postMessage(msg: MainToWorker): void;
  terminate(): void;
}

export interface ChannelClock {
  now(): number;
  every(fn: () => void, ms: number): () => void;
}

const browserClock: ChannelClock = {
  now: () => performance.now(),
  every: (fn, ms) => {
    const h = setInterval(fn, ms);
    return () => clearInterval(h);
  },
};

export function openSimChannel(
  onMessage: (msg: WorkerToMain) => void,
  onDown: (message: Msg) => void,
  options: ChannelOptions = {},
): SimChannel {
  const worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as WorkerLike;
  return watchWorker(worker, onMessage, onDown, options, browserClock);
}

/** Wires a worker to the handlers and the liveness check. Exported for tests. */
export function watchWorker(
  worker: WorkerLike,
  onMessage: (msg: WorkerToMain) => void,
  onDown: (message: Msg) => void,
  options: ChannelOptions,
  clock: ChannelClock,
): SimChannel {
  const livenessMs = options.livenessMs ?? DEFAULT_LIVENESS_MS;
  let open = true;
  let lastHeardMs = clock.now();
  /** When the oldest unanswered ping went out (null: none outstanding). */
  let waitingSinceMs: number | null = null;
  let pingId = 0;
  const down = (message: Msg): void => {
    if (!open) return;
    close();
    onDown(message);
  };
  const stopPings = clock.every(
    () => {
      if (!open) return;
      const now = clock.now();
      if (
        waitingSinceMs !== null &&
        now - waitingSinceMs >= livenessMs &&
        now - lastHeardMs >= livenessMs
      ) {
        down(msgOf('toolbar.sim.unresponsive', { s: Math.round(livenessMs / 1000) }));
        return;
      }
      if (waitingSinceMs === null) waitingSinceMs = now;
      worker.postMessage({ type: 'ping', id: ++pingId });
    },
    Math.min(PING_MS, livenessMs / 2),
  );
  worker.onmessage = (e) => {
    if (!open) return;
    lastHeardMs = clock.now();
    waitingSinceMs = null;
    const msg = e.data;
    if (msg.type === 'pong') return;
    if (msg.type === 'error' && msg.fatal) {
      down(msgOf('toolbar.sim.workerError', { error: msg.message }));
      return;
    }
    onMessage(msg);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    down(
      e.message
        ? msgOf('toolbar.sim.workerError', { error: e.message })
        : msgOf('toolbar.sim.workerNotStarted'),
    );
  };
  worker.onmessageerror = () => down(msgOf('toolbar.sim.workerUnreadable'));
  function close(): void {
    if (!open) return;
    open = false;
    stopPings();
    worker.terminate();
  }
  return {
    post: (msg) => {
      if (open) worker.postMessage(msg);
    },
    close,
  };
}
