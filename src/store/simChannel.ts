/** The UI end of the simulation worker: creates it and moves typed messages in and out. */
import type { MainToWorker, WorkerToMain } from '../worker/protocol';

export interface SimChannel {
  post(msg: MainToWorker): void;
  close(): void;
}

export function openSimChannel(onMessage: (msg: WorkerToMain) => void, onFailure: (message: string) => void): SimChannel {
  const worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<WorkerToMain>) => onMessage(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    onFailure(`The simulation worker stopped: ${e.message || 'it could not be started'}`);
  };
  worker.onmessageerror = () => onFailure('The simulation worker sent a message that could not be read.');
  return {
    post: (msg) => worker.postMessage(msg),
    close: () => worker.terminate(),
  };
}
