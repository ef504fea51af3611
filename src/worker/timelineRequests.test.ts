import { describe, expect, it } from 'vitest';
import { fold, parseScenario, simulate, stateDigest } from '../engine';
import orderFlow from '../scenarios/order-flow.json';
import type { TimelineReply, WorkerMessage } from './protocol';
import { SimRunner } from './simRunner';
import { buildView } from './view';

/** A fake host: a manual clock (each now() call advances it 5 ms) and a queue of timers. */
function harness() {
  const posted: WorkerMessage[] = [];
  let nowMs = 0;
  let nextHandle = 1;
  const timers = new Map<number, () => void>();
  const runner = new SimRunner({
    post: (m) => posted.push(structuredClone(m)),
    now: () => (nowMs += 5),
    setTimer: (fn) => {
      timers.set(nextHandle, fn);
      return nextHandle++;
    },
    clearTimer: (h) => timers.delete(h as number),
  });
  /** Fires the pending timers once (those a callback sets wait for the next call). */
  const tick = () => {
    const due = [...timers];
    timers.clear();
    for (const [, fn] of due) fn();
  };
  const replies = <T extends TimelineReply['type']>(type: T, id?: number) =>
    posted.filter(
      (m): m is Extract<TimelineReply, { type: T }> => m.type === type && (id === undefined || (m as { id: number }).id === id),
    );
  return { runner, posted, tick, replies, timers };
}

const scenario = (() => {
  const r = parseScenario(orderFlow);
  if (!r.ok) throw new Error('order-flow.json does not parse');
  return { ...r.scenario, durationMs: 1500 };
})();

function untilDone(h: ReturnType<typeof harness>, id: number) {
  for (let k = 0; k < 1000 && h.replies('done', id).length === 0 && h.replies('requestFailed', id).length === 0; k++) h.tick();
}

describe('SimRunner timeline requests', () => {
  it('records the root run as the player advances and answers stateAt at any index', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    h.runner.handle({ type: 'play', speed: 10 });
    for (let k = 0; k < 5; k++) h.tick();
    h.runner.handle({ type: 'pause' });
    h.runner.handle({ type: 'counters', id: 1 });
    const c = h.replies('counters', 1)[0]!.counters;
    expect(c.events).toBeGreaterThan(100);
    expect(c.historyTrimmed).toBe(false);
    const ref = simulate(scenario, { untilMs: c.timeUs / 1000 });
    expect(c.events).toBe(ref.events.length);
    const i = Math.floor(c.events / 3);
    h.runner.handle({ type: 'stateAt', id: 2, index: i });
    const s = h.replies('state', 2)[0]!;
    expect(s.view).toEqual(buildView(fold(ref.model, ref.events, i), i));
    expect(s.timeUs).toBe(ref.events[i - 1]!.timeUs);
    h.runner.handle({ type: 'indexAtTime', id: 3, timeMs: s.timeUs / 1000 });
    expect(h.replies('index', 3)[0]!.index).toBeGreaterThanOrEqual(i);
    // Frames still flow as before.
    expect(h.posted.filter((m) => m.type === 'frame').length).toBeGreaterThan(3);
  });

  it('pages through one partition’s records and names bad arguments', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    h.runner.handle({ type: 'runTo', id: 1, untilMs: 500 });
    untilDone(h, 1);
    h.runner.handle({ type: 'records', id: 2, topic: 'order-events', partition: 1, from: 3, limit: 5 });
    const r = h.replies('records', 2)[0]!;
    expect(r.records.map((x) => x.offset)).toEqual([3, 4, 5, 6, 7]);
    expect(r.logEndOffset).toBeGreaterThan(7);
    h.runner.handle({ type: 'records', id: 3, topic: 'nope', partition: 0, from: 0, limit: 5 });
    expect(h.replies('requestFailed', 3)[0]!.message).toMatch(/no topic named "nope"/);
    h.runner.handle({ type: 'records', id: 4, topic: 'order-events', partition: 6, from: 0, limit: 5 });
    expect(h.replies('requestFailed', 4)[0]!.message).toMatch(/partitions 0…5, not 6/);
    h.runner.handle({ type: 'stateAt', id: 5, index: 1e9 });
    expect(h.replies('requestFailed', 5)[0]!.message).toMatch(/outside the run/);
    h.runner.handle({ type: 'stateAt', id: 6, run: 7, index: 0 });
    expect(h.replies('requestFailed', 6)[0]!.message).toMatch(/no run 7/);
  });

  it('runs long jobs in slices with progress, ends with done, and moves the player', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    h.runner.handle({ type: 'runTo', id: 1 });
    untilDone(h, 1);
    const progress = h.replies('progress', 1);
    expect(progress.length).toBeGreaterThan(2);
    const events = progress.map((p) => p.events);
    expect(events).toEqual([...events].sort((a, b) => a - b));
    const done = h.replies('done', 1)[0]!;
    expect(done.cancelled).toBe(false);
    expect(done.counters.timeUs).toBe(1_500_000);
    expect(done.counters.events).toBe(simulate(scenario).events.length);
    const frame = h.posted.filter((m) => m.type === 'frame').at(-1)!;
    expect(frame).toMatchObject({ timeUs: 1_500_000, status: 'ended' });
  });

  it('cancels a long job between slices', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    h.runner.handle({ type: 'runTo', id: 1 });
    h.tick();
    h.tick();
    h.runner.handle({ type: 'cancel', id: 2, target: 1 });
    const done = h.replies('done', 1)[0]!;
    expect(done.cancelled).toBe(true);
    expect(done.counters.timeUs).toBeLessThan(1_500_000);
    expect(h.timers.size).toBe(0);
    h.runner.handle({ type: 'cancel', id: 3, target: 1 });
    expect(h.replies('requestFailed', 3)[0]!.message).toMatch(/no job 1/);
  });

  it('forks, compares and shares runs', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    h.runner.handle({ type: 'runTo', id: 1 });
    untilDone(h, 1);
    h.runner.handle({
      type: 'fork',
      id: 2,
      index: 2000,
      change: { kind: 'addFault', fault: { kind: 'crash', atMs: 1200, group: 'inventory', member: 'inventory-1' } },
    });
    const forked = h.replies('forked', 2)[0]!;
    expect(forked).toMatchObject({ run: 1, parent: 0 });
    untilDone(h, 2);
    expect(h.replies('done', 2)[0]!.counters).toMatchObject({ run: 1, parent: 0, timeUs: 1_500_000 });
    h.runner.handle({ type: 'compare', id: 3, a: 0, b: 1 });
    const cmp = h.replies('comparison', 3)[0]!.comparison;
    expect(cmp.firstDivergence).toBeGreaterThanOrEqual(forked.index);
    h.runner.handle({ type: 'stateAt', id: 4, run: 1, index: forked.index + 10 });
    expect(h.replies('state', 4)[0]!.run).toBe(1);
    h.runner.handle({ type: 'share', id: 5, run: 1 });
    const recipe = h.replies('recipe', 5)[0]!.recipe;
    expect(recipe.forks).toHaveLength(1);
    expect(recipe.logHash).toMatch(/^[0-9a-f]{16}$/);
    h.runner.handle({ type: 'fork', id: 6, index: 10, change: { kind: 'setTopic', topic: 'order-events', set: { partitions: 2 } } });
    expect(h.replies('requestFailed', 6)[0]!.message).toMatch(/topics or partitions changed/);
    // A reset replaces the timeline: the fork is gone.
    h.runner.handle({ type: 'reset' });
    h.runner.handle({ type: 'counters', id: 7, run: 1 });
    expect(h.replies('requestFailed', 7)[0]!.message).toMatch(/no run 1/);
    expect(stateDigest).toBeTypeOf('function');
  });
});
