/// <reference lib="webworker" />
/**
 * The simulation Web Worker: a thin shell that connects SimRunner to postMessage and timers.
 * Everything interesting lives in simRunner.ts so it can be tested in Node.
 */
import type { MainToWorker, WorkerToMain } from './protocol';
import { SimRunner } from './simRunner';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const runner = new SimRunner({
  post: (msg: WorkerToMain) => scope.postMessage(msg),
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  exit: () => scope.close(),
});

scope.onmessage = (e: MessageEvent<MainToWorker>) => runner.handle(e.data);
