import { describe, expect, it } from 'vitest';
import { parseScenario } from '../engine';
import orderFlow from '../scenarios/order-flow.json';
import type { WorkerMessage } from './protocol';
import type { RunPolicy } from '../timeline';
import { SimRunner } from './simRunner';

/** A fake host: a manual clock and a single pending timer. */
function harness(policy: Partial<RunPolicy> = {}) {
  const posted: WorkerMessage[] = [];
  let nowMs = 0;
  let pending: (() => void) | null = null;
  const runner = new SimRunner(
    {
      post: (m) => posted.push(m),
      now: () => nowMs,
      setTimer: (fn) => (pending = fn),
      clearTimer: () => (pending = null),
    },
    policy,
  );
  const advance = (ms: number) => {
    nowMs += ms;
    const fn = pending;
    pending = null;
    fn?.();
  };
  const lastFrame = () => {
    const f = posted.filter((m) => m.type === 'frame').at(-1);
    if (!f || f.type !== 'frame') throw new Error('no frame yet');
    return f;
  };
  return { runner, posted, advance, lastFrame, hasTimer: () => pending !== null };
}

const scenario = (() => {
  const r = parseScenario(orderFlow);
  if (!r.ok) throw new Error('order-flow.json does not parse');
  return r.scenario;
})();

describe('SimRunner', () => {
  it('sends a frame at time 0 on load', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    expect(h.lastFrame()).toMatchObject({ timeUs: 0, endUs: 10_000_000, status: 'idle' });
  });

  it('advances sim time with wall time × speed while playing, one frame per tick', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    h.runner.handle({ type: 'play', speed: 2 });
    h.advance(50);
    expect(h.lastFrame()).toMatchObject({ timeUs: 100_000, status: 'playing' });
    h.advance(50);
    expect(h.lastFrame().timeUs).toBe(200_000);
    expect(h.posted.filter((m) => m.type === 'frame')).toHaveLength(3);
  });

  it('drops wall time beyond the catch-up limit instead of building a backlog', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    h.runner.handle({ type: 'play', speed: 1 });
    h.advance(5000);
    expect(h.lastFrame().timeUs).toBe(100_000);
  });

  it('stops on pause and starts over on reset', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    h.runner.handle({ type: 'play', speed: 1 });
    h.advance(80);
    h.runner.handle({ type: 'pause' });
    expect(h.lastFrame()).toMatchObject({ timeUs: 80_000, status: 'paused' });
    expect(h.hasTimer()).toBe(false);
    h.runner.handle({ type: 'reset' });
    expect(h.lastFrame()).toMatchObject({ timeUs: 0, status: 'idle' });
    expect(h.lastFrame().view.totals.events).toBe(0);
  });

  it('ends at the scenario duration', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario: { ...scenario, durationMs: 150 } });
    h.runner.handle({ type: 'play', speed: 1 });
    h.advance(100);
    h.advance(100);
    expect(h.lastFrame()).toMatchObject({ timeUs: 150_000, status: 'ended' });
    expect(h.hasTimer()).toBe(false);
  });

  it('reports bad requests as error messages instead of throwing', () => {
    const h = harness();
    h.runner.handle({ type: 'play', speed: 1 });
    expect(h.posted.at(-1)).toEqual({
      type: 'error',
      message: 'play before any scenario was loaded',
    });
  });

  it('tells the UI when history was trimmed to bound memory', () => {
    const h = harness({ blockEvents: 256, maxBytes: 64 * 1024 });
    h.runner.handle({ type: 'load', scenario });
    expect(h.lastFrame().trimmedBeforeUs).toBeNull();
    h.runner.handle({ type: 'play', speed: 10 });
    for (let i = 0; i < 20; i++) h.advance(100);
    const f = h.lastFrame();
    expect(f.trimmedBeforeUs).not.toBeNull();
    expect(f.trimmedBeforeUs!).toBeGreaterThan(0);
    expect(f.trimmedBeforeUs!).toBeLessThan(f.timeUs);
  });
});
