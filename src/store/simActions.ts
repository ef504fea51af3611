/**
 * Running the design: the worker gets the compiled scenario whenever it changes; Play refuses a
 * design that does not compile and says why; frames land in one setState each.
 */
import { entityName } from '../diagram';
import { assertNever, type WorkerToMain } from '../worker/protocol';
import { flowRates } from './flowRates';
import { openSimChannel, type SimChannel } from './simChannel';
import { simSlice } from './simSlice';
import { endUsOf, useAppStore } from './store';

let channel: SimChannel | null = null;
/** The scenario the worker has (as JSON), so an edit that changes nothing reloads nothing. */
let loadedJson: string | null = null;

/** Starts the worker and loads the design; returns the teardown (for a React effect). */
export function startSimulation(): () => void {
  const own = openSimChannel(receive, failed);
  channel = own;
  loadedJson = null;
  syncSimulation();
  return () => {
    own.close();
    if (channel === own) channel = null;
  };
}

/** Loads the compiled design into the worker if it changed; the run starts again from zero. */
export function syncSimulation(): void {
  const s = useAppStore.getState();
  const json = s.compiled.ok ? JSON.stringify(s.compiled.scenario) : null;
  if (json === loadedJson) return;
  loadedJson = json;
  useAppStore.setState(simSlice(endUsOf(s), s.speed));
  if (s.compiled.ok) channel?.post({ type: 'load', scenario: s.compiled.scenario });
}

export function play(): void {
  const s = useAppStore.getState();
  if (!s.compiled.ok) {
    const byId = new Map(s.nodes.map((n) => [n.id, n]));
    const lines = s.compiled.issues.map((i) => {
      const n = i.nodeId === null ? undefined : byId.get(i.nodeId);
      return n ? `${entityName(n.data) || n.id}: ${i.message}` : i.message;
    });
    const first = s.compiled.issues.find((i) => i.nodeId !== null)?.nodeId ?? null;
    useAppStore.setState({
      notice: { tone: 'error', title: `Can't play: ${lines.length} problem${lines.length === 1 ? '' : 's'} in the design`, lines },
      nodes: first === null ? s.nodes : s.nodes.map((n) => (n.selected === (n.id === first) ? n : { ...n, selected: n.id === first })),
    });
    return;
  }
  syncSimulation();
  useAppStore.setState({ simError: null, notice: null });
  channel?.post({ type: 'play', speed: useAppStore.getState().speed });
}

export function pause(): void {
  channel?.post({ type: 'pause' });
}

export function reset(): void {
  useAppStore.setState({ simError: null });
  channel?.post({ type: 'reset' });
}

export function togglePlay(): void {
  if (useAppStore.getState().status === 'playing') pause();
  else play();
}

export function setSpeed(speed: number): void {
  useAppStore.setState({ speed });
  if (useAppStore.getState().status === 'playing') channel?.post({ type: 'play', speed });
}

export function receive(msg: WorkerToMain): void {
  switch (msg.type) {
    case 'frame': {
      const s = useAppStore.getState();
      const dt = msg.timeUs - s.timeUs;
      const rates = s.view && dt > 0 ? flowRates(s.view, msg.view, dt, s.edgeInfo, s.rates) : dt < 0 || !s.view ? {} : s.rates;
      useAppStore.setState({ status: msg.status, timeUs: msg.timeUs, endUs: msg.endUs, view: msg.view, rates });
      return;
    }
    case 'error':
      failed(msg.message);
      return;
    default:
      assertNever(msg as never);
  }
}

function failed(message: string): void {
  const { status } = useAppStore.getState();
  useAppStore.setState({ simError: message, status: status === 'playing' ? 'paused' : status });
}
