/** Run controls and the handling of what the worker reports. Module-level actions. */
import type { Scenario } from '../engine';
import { assertNever, type WorkerToMain } from '../worker/protocol';
import { openSimChannel, type SimChannel } from './simChannel';
import { useAppStore } from './store';

let channel: SimChannel | null = null;

/** Starts the worker and loads the open scenario; returns the teardown (for a React effect). */
export function startSimulation(): () => void {
  const own = openSimChannel(receive, failed);
  channel = own;
  const { scenario } = useAppStore.getState();
  if (scenario) own.post({ type: 'load', scenario });
  return () => {
    own.close();
    if (channel === own) channel = null;
  };
}

export function loadIntoSimulation(scenario: Scenario): void {
  channel?.post({ type: 'load', scenario });
}

export function play(): void {
  useAppStore.setState({ simError: null });
  channel?.post({ type: 'play', speed: useAppStore.getState().speed });
}

export function pause(): void {
  channel?.post({ type: 'pause' });
}

export function reset(): void {
  useAppStore.setState({ simError: null });
  channel?.post({ type: 'reset' });
}

export function setSpeed(speed: number): void {
  useAppStore.setState({ speed });
  if (useAppStore.getState().status === 'playing') channel?.post({ type: 'play', speed });
}

export function receive(msg: WorkerToMain): void {
  switch (msg.type) {
    case 'frame':
      useAppStore.setState({ status: msg.status, timeUs: msg.timeUs, endUs: msg.endUs, view: msg.view });
      return;
    case 'error':
      failed(msg.message);
      return;
    default:
      assertNever(msg);
  }
}

function failed(message: string): void {
  const { status } = useAppStore.getState();
  useAppStore.setState({ simError: message, status: status === 'playing' ? 'paused' : status });
}
