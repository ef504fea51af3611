/**
 * The simulation worker's life: started with the app, watched by its channel (simChannel.ts),
 * and started afresh on Reset after it died, with the design kept and loaded again. While it is
 * down the store says so (`workerDown`, `simError`) and Play refuses with the reason.
 */
import { msg, type Msg } from '../i18n';
import { costProblemMsg } from '../diagram/validationText';
import { BROWSER_LIMITS, costIssues, estimateCost, type Scenario } from '../engine';
import type { WorkerMessage } from '../worker/protocol';
import { openSimChannel, type SimChannel } from './simChannel';
import { useAppStore } from './store';
import { postToWorker, setChannel } from './workerPort';

let current: SimChannel | null = null;
/** Liveness timeout for new channels (the e2e test hook shortens it). */
let livenessMs: number | undefined;
let handlers: { receive: (msg: WorkerMessage) => void; load: () => void } | null = null;

/** Opens a fresh worker (closing any old one); `load` then sends it the design. */
export function openWorker(receive: (msg: WorkerMessage) => void, load: () => void): void {
  handlers = { receive, load };
  current?.close();
  const own = openSimChannel(receive, (message) => workerStopped(own, message), { livenessMs });
  current = own;
  setChannel(own);
  useAppStore.setState({ workerDown: false });
  installTestHooks();
  load();
}

/** A fresh worker with the same handlers (Reset after the worker died). */
export function restartWorker(): void {
  if (handlers) openWorker(handlers.receive, handlers.load);
}

export function closeWorker(): void {
  current?.close();
  current = null;
  setChannel(null);
}

export function workerIsDown(): boolean {
  return useAppStore.getState().workerDown;
}

function workerStopped(channel: SimChannel, message: Msg): void {
  if (channel !== current) return;
  setChannel(null);
  const { status } = useAppStore.getState();
  useAppStore.setState({
    workerDown: true,
    simError: msg('toolbar.sim.workerStoppedWhy', { why: message }),
    status: status === 'playing' ? 'paused' : status,
  });
}

/**
 * e2e hooks, installed only when the page URL has `testHooks`: kill the worker silently (it
 * closes itself, as a crash would), or make its step loop throw.
 */
function installTestHooks(): void {
  const w = globalThis as { location?: Location; __eventflowTest?: unknown };
  if (!w.location || !new URLSearchParams(w.location.search).has('testHooks')) return;
  w.__eventflowTest = {
    /** Sets the liveness timeout (ms) and starts a fresh worker that uses it. */
    setLiveness: (ms: number) => {
      livenessMs = ms;
      restartWorker();
    },
    killWorker: () => postToWorker({ type: 'selfTest', fault: 'exit' }),
    crashWorker: () => postToWorker({ type: 'selfTest', fault: 'throw' }),
  };
}

/** Why the browser cannot run this scenario (empty: it can): src/engine/scenario/cost.ts. */
export function tooHeavy(scenario: Scenario): Msg[] {
  return costIssues(estimateCost(scenario), BROWSER_LIMITS).map(costProblemMsg);
}
