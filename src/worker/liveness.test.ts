import { describe, expect, it } from 'vitest';
import { parseScenario } from '../engine';
import orderFlow from '../scenarios/order-flow.json';
import type { MainToWorker, WorkerMessage, WorkerToMain } from './protocol';
import { SimRunner } from './simRunner';
import { renderMsg } from '../i18n';
import { watchWorker, type ChannelClock, type WorkerLike } from '../store/simChannel';

const scenario = (() => {
  const r = parseScenario(orderFlow);
  if (!r.ok) throw new Error('order-flow.json does not parse');
  return r.scenario;
})();

/** A SimRunner behind a fake Worker, a manual clock for both, and what the UI received. */
function harness(livenessMs = 10_000) {
  let nowMs = 0;
  let interval: { fn: () => void; ms: number; next: number } | null = null;
  let timer: (() => void) | null = null;
  let alive = true;
  let terminated = false;
  const received: WorkerToMain[] = [];
  const downs: string[] = [];
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage: (msg: MainToWorker) => {
      if (alive) runner.handle(structuredClone(msg));
    },
    terminate: () => {
      terminated = true;
      alive = false;
    },
  };
  const runner = new SimRunner({
    post: (m: WorkerMessage) => {
      if (alive) worker.onmessage?.({ data: structuredClone(m) } as MessageEvent<WorkerToMain>);
    },
    now: () => nowMs,
    setTimer: (fn) => (timer = fn),
    clearTimer: () => (timer = null),
    exit: () => (alive = false),
  });
  const clock: ChannelClock = {
    now: () => nowMs,
    every: (fn, ms) => {
      interval = { fn, ms, next: nowMs + ms };
      return () => (interval = null);
    },
  };
  const channel = watchWorker(
    worker,
    (m) => received.push(m),
    (why) => downs.push(renderMsg('en', why)),
    { livenessMs },
    clock,
  );
  /** Lets `ms` of wall time pass: the player's ticks and the channel's pings run in order. */
  const wait = (ms: number) => {
    const end = nowMs + ms;
    while (nowMs < end) {
      nowMs = Math.min(end, nowMs + 33);
      const t = timer;
      timer = null;
      t?.();
      if (interval && nowMs >= interval.next) {
        interval.next += interval.ms;
        interval.fn();
      }
    }
  };
  return {
    worker,
    channel,
    received,
    downs,
    wait,
    isTerminated: () => terminated,
  };
}

describe('the worker channel notices a dead worker', () => {
  it('a live worker answers pings: never declared dead, and pongs never reach the store', () => {
    const h = harness();
    h.channel.post({ type: 'load', scenario });
    h.channel.post({ type: 'play', speed: 1 });
    h.wait(60_000);
    expect(h.downs).toEqual([]);
    expect(h.received.some((m) => m.type === 'frame' && m.status === 'ended')).toBe(true);
    expect(h.received.some((m) => (m as { type: string }).type === 'pong')).toBe(false);
  });

  it('an idle live worker is not declared dead either (pings are answered while paused)', () => {
    const h = harness();
    h.channel.post({ type: 'load', scenario });
    h.wait(120_000);
    expect(h.downs).toEqual([]);
  });

  it('a worker that dies silently (self.close, killed for memory) is declared dead once', () => {
    const h = harness(10_000);
    h.channel.post({ type: 'load', scenario });
    h.channel.post({ type: 'play', speed: 1 });
    h.wait(1000);
    h.channel.post({ type: 'selfTest', fault: 'exit' });
    h.wait(5000);
    expect(h.downs).toEqual([]);
    h.wait(10_000);
    expect(h.downs).toHaveLength(1);
    expect(h.downs[0]).toMatch(/stopped responding \(no answer for 10 s\)/);
    expect(h.isTerminated()).toBe(true);
    h.wait(60_000);
    expect(h.downs).toHaveLength(1);
  });

  it('a crash inside the step loop is reported as a fatal error and ends the channel', () => {
    const h = harness();
    h.channel.post({ type: 'load', scenario });
    h.channel.post({ type: 'play', speed: 1 });
    h.wait(500);
    h.channel.post({ type: 'selfTest', fault: 'throw' });
    h.wait(100);
    expect(h.downs).toEqual([
      'The simulation worker stopped: the simulation crashed: self-test crash in the step loop.',
    ]);
    expect(h.isTerminated()).toBe(true);
    // Nothing more reaches the store from the dead channel.
    const n = h.received.length;
    h.channel.post({ type: 'play', speed: 1 });
    h.wait(1000);
    expect(h.received.length).toBe(n);
  });

  it("the worker's error and messageerror events end the channel with a message", () => {
    const a = harness();
    let prevented = false;
    a.worker.onerror?.({
      message: 'Uncaught RangeError: Array buffer allocation failed',
      preventDefault: () => (prevented = true),
    } as unknown as ErrorEvent);
    expect(prevented).toBe(true);
    expect(a.downs).toEqual([
      'The simulation worker stopped: Uncaught RangeError: Array buffer allocation failed.',
    ]);
    expect(a.isTerminated()).toBe(true);
    const b = harness();
    b.worker.onmessageerror?.({} as MessageEvent);
    expect(b.downs).toEqual([
      'The simulation worker sent a message that could not be read, so it was stopped.',
    ]);
    expect(b.isTerminated()).toBe(true);
  });
});
