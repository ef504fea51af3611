import { describe, expect, it } from 'vitest';
import { parseScenario, simulate } from '../engine';
import { defaultScenarioJson } from '../scenarios';
import { crashMidBatch } from '../engine/test/scenarios';
import { firstAtOrAfter, laneLayout, spaceTime } from './spaceTime';

const crashRun = simulate(crashMidBatch({ commit: 'after-processing' }, 1000.5, 2000));

describe('lanes', () => {
  it('one per producer, partition and member, top to bottom in that order', () => {
    const parsed = parseScenario(defaultScenarioJson);
    if (!parsed.ok) throw new Error('default scenario');
    const r = simulate(parsed.scenario, { untilMs: 10 });
    const lanes = laneLayout(r.model, 10);
    expect(lanes.map((l) => l.kind).join(',')).toBe(
      ['producer', ...Array(16).fill('partition'), ...Array(10).fill('member')].join(','),
    );
    expect(lanes[1]).toMatchObject({
      id: 'partition:order-events-0',
      label: 'order-events-0',
      y: 15,
      height: 10,
    });
    expect(lanes.at(-1)).toMatchObject({
      id: 'member:analytics/analytics-2',
      group: 'analytics',
      y: 265,
    });
    expect(new Set(lanes.map((l) => l.id)).size).toBe(lanes.length);
  });
});

describe('spaceTime', () => {
  it('draws appends, fetches, processing and commits of a window, at the right lanes and x', () => {
    const st = spaceTime(crashRun.model, crashRun.events, { fromUs: 0, toUs: 20_000, width: 200 });
    const inWindow = crashRun.events.filter((e) => e.timeUs <= 20_000);
    const count = (t: string) => inWindow.filter((e) => e.type === t).length;
    expect(st.arrows.filter((a) => a.kind === 'append')).toHaveLength(count('recordAppended'));
    expect(st.arrows.filter((a) => a.kind === 'process')).toHaveLength(count('recordProcessed'));
    expect(st.arrows.filter((a) => a.kind === 'commit')).toHaveLength(count('offsetsCommitted'));
    expect(st.summarised).toBe(false);
    expect(st.total).toBe(st.arrows.length);
    const [shop, orders0, g1] = ['producer:shop', 'partition:orders-0', 'member:g/g-1'].map((id) =>
      st.lanes.find((l) => l.id === id)!,
    );
    for (const a of st.arrows) {
      expect(a.x1).toBeLessThanOrEqual(a.x2);
      expect(a.x2).toBeCloseTo((a.timeUs / 20_000) * 200);
      if (a.kind === 'append') expect([a.y1, a.y2]).toEqual([shop!.y, orders0!.y]);
      if (a.kind === 'process') expect([a.y1, a.y2]).toEqual([orders0!.y, g1!.y]);
      if (a.kind === 'commit') expect([a.y1, a.y2]).toEqual([g1!.y, orders0!.y]);
    }
    // Processing is drawn from the fetch that returned the record: x1 < x2 for a 2.5 ms handler.
    expect(
      st.arrows.some((a) => a.kind === 'process' && a.x2 - a.x1 >= 2500 * (200 / 20_000)),
    ).toBe(true);
    expect(st.ticks[0]).toEqual({ x: 0, label: '0 ms' });
  });

  it('keeps only the window, and only the kinds asked for', () => {
    const st = spaceTime(crashRun.model, crashRun.events, {
      fromUs: 1_400_000,
      toUs: 1_420_000,
      kinds: ['process'],
    });
    expect(st.arrows.length).toBeGreaterThan(0);
    for (const a of st.arrows) {
      expect(a.kind).toBe('process');
      expect(a.timeUs).toBeGreaterThanOrEqual(1_400_000);
      expect(a.timeUs).toBeLessThanOrEqual(1_420_000);
      expect(a.redelivered).toBe(true);
    }
  });

  it('summarises a crowded window in buckets, keeping the arrows that carry anomalies', () => {
    const st = spaceTime(crashRun.model, crashRun.events, {
      fromUs: 0,
      toUs: 2_000_000,
      maxArrows: 100,
    });
    expect(st.summarised).toBe(true);
    expect(st.total).toBeGreaterThan(1000);
    expect(st.buckets.length).toBeLessThanOrEqual(100);
    expect(st.buckets.reduce((n, b) => n + b.count, 0)).toBe(st.total);
    const redone = crashRun.summary.redeliveries;
    expect(st.buckets.reduce((n, b) => n + b.flagged, 0)).toBe(redone);
    expect(st.arrows).toHaveLength(Math.min(25, redone));
    expect(st.arrows.every((a) => a.redelivered)).toBe(true);
    for (const b of st.buckets) expect(b.x1).toBeLessThan(b.x2);
  });

  it("draws a service's emitted record from the member that processed its cause", () => {
    const parsed = parseScenario(defaultScenarioJson);
    if (!parsed.ok) throw new Error('default scenario');
    const r = simulate(parsed.scenario, { untilMs: 200 });
    const st = spaceTime(r.model, r.events, { fromUs: 0, toUs: 200_000, kinds: ['append'] });
    const appended = r.events.filter((e) => e.type === 'recordAppended');
    expect(st.arrows).toHaveLength(appended.length);
    st.arrows.forEach((a, i) => {
      const e = appended[i]!;
      const byService = r.model.groupIndex.has(e.producer);
      expect(a.from.startsWith(byService ? `member:${e.producer}/` : 'producer:')).toBe(true);
    });
    expect(st.arrows.some((a) => a.from.startsWith('member:payment/'))).toBe(true);
  });

  it('finds the window start by binary search', () => {
    const i = firstAtOrAfter(crashRun.events, 1_000_000);
    expect(crashRun.events[i]!.timeUs).toBeGreaterThanOrEqual(1_000_000);
    expect(crashRun.events[i - 1]!.timeUs).toBeLessThan(1_000_000);
    expect(firstAtOrAfter(crashRun.events, 1e12)).toBe(crashRun.events.length);
  });
});
