import { describe, expect, it } from 'vitest';
import { openBuiltIn } from './scenarioActions';
import { receive } from './simActions';
import { useAppStore } from './store';

describe('store actions', () => {
  it('opens with the default scenario drawn', () => {
    const s = useAppStore.getState();
    expect(s.scenarioId).toBe('order-flow');
    expect(s.nodes.map((n) => n.id)).toContain('topic:order-events');
    expect(s.status).toBe('idle');
  });

  it('applies a frame in one update', () => {
    let updates = 0;
    const off = useAppStore.subscribe(() => updates++);
    const view = { topics: {}, groups: {}, producers: {}, totals: { events: 3, produced: 1, appended: 1, processed: 0, duplicates: 0, lost: 0, reordered: 0, deadLettered: 0, rebalances: 0, lagMax: 0 } };
    receive({ type: 'frame', timeUs: 5000, endUs: 10_000_000, status: 'playing', view });
    off();
    expect(updates).toBe(1);
    expect(useAppStore.getState()).toMatchObject({ timeUs: 5000, status: 'playing', view });
  });

  it('keeps the open scenario when asked for one that does not exist', () => {
    const before = useAppStore.getState().nodes;
    openBuiltIn('no-such-scenario');
    expect(useAppStore.getState().nodes).toBe(before);
    expect(useAppStore.getState().scenarioError).toMatch(/no-such-scenario/);
  });

  it('switches scenario, redraws and resets the run', () => {
    openBuiltIn('hot-partition');
    const s = useAppStore.getState();
    expect(s.scenarioId).toBe('hot-partition');
    expect(s.scenarioError).toBeNull();
    expect(s.nodes.map((n) => n.id)).toContain('topic:clicks');
    expect(s).toMatchObject({ timeUs: 0, status: 'idle', view: null });
  });
});
