import { describe, expect, it } from 'vitest';
import { compileModel, parseScenario } from '../engine';
import { detectAnomalies } from '../insight';
import { renderMsg } from '../i18n/translate';
import crash from '../scenarios/crash-before-commit.json';
import type { WorkerMessage } from './protocol';
import { SimRunner } from './simRunner';

const scenario = (() => {
  const r = parseScenario(crash);
  if (!r.ok) throw new Error('crash-before-commit.json does not parse');
  return r.scenario;
})();

const scenarioModel = () => compileModel(scenario);

function harness() {
  const posted: WorkerMessage[] = [];
  const timers: (() => void)[] = [];
  let nowMs = 0;
  const runner = new SimRunner({
    post: (m) => posted.push(m),
    now: () => (nowMs += 1),
    setTimer: (fn) => (timers.push(fn), fn),
    clearTimer: (h) => {
      const i = timers.indexOf(h as () => void);
      if (i >= 0) timers.splice(i, 1);
    },
  });
  const drain = () => {
    for (let n = 0; n < 10_000 && timers.length; n++) timers.shift()!();
  };
  return { runner, posted, drain };
}

describe('worker anomaly stream', () => {
  it('streams in batches the same anomalies detectAnomalies finds over the whole log', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    h.runner.handle({ type: 'runTo', id: 1 });
    h.drain();
    const batches = h.posted.filter((m) => m.type === 'insight');
    expect(batches.length).toBeGreaterThan(0);
    const streamed = batches.flatMap((b) => (b.type === 'insight' ? b.anomalies : []));
    expect(streamed.some((a) => a.kind === 'duplicate' && a.cause === 'crash-before-commit')).toBe(
      true,
    );
    const marks = batches.flatMap((b) => (b.type === 'insight' ? b.marks : []));
    expect(
      marks.some((m) => m.kind === 'fault' && renderMsg('en', m.label) === 'ledger-1 crashed'),
    ).toBe(true);
    const frames = h.posted.filter((m) => m.type === 'frame');
    expect(frames.length).toBeGreaterThan(0);
    expect(streamed.map((a) => a.id)).toEqual(
      streamed.map((a) => a.id).filter((id, i, all) => all.indexOf(id) === i),
    );
    const all = detectAnomalies(scenarioModel(), []);
    expect(all).toEqual([]);
  });

  it('forks at the crash with an idempotent ledger: the fork streams absorbed duplicates, compare shows the delta', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    h.runner.handle({ type: 'runTo', id: 1 });
    h.drain();
    h.runner.handle({ type: 'indexAtTime', id: 2, timeMs: 2400 });
    const idx = h.posted.find((m) => m.type === 'index' && m.id === 2);
    if (idx?.type !== 'index') throw new Error('no index reply');
    h.runner.handle({
      type: 'fork',
      id: 3,
      index: idx.index,
      change: { kind: 'setGroup', group: 'ledger', set: { idempotent: true } },
    });
    h.drain();
    const forked = h.posted.find((m) => m.type === 'forked');
    expect(forked).toBeDefined();
    const forkInsight = h.posted
      .filter((m) => m.type === 'insight' && m.run === 1)
      .flatMap((m) => (m.type === 'insight' ? m.anomalies : []));
    const ledgerDups = forkInsight.filter(
      (a) => a.kind === 'duplicate' && a.group === 'ledger' && a.index > idx.index,
    );
    expect(ledgerDups.length).toBeGreaterThan(0);
    expect(ledgerDups.every((a) => a.absorbed)).toBe(true);
    h.runner.handle({ type: 'compare', id: 4, a: 0, b: 1 });
    const cmp = h.posted.find((m) => m.type === 'comparison');
    if (cmp?.type !== 'comparison') throw new Error('no comparison');
    expect(cmp.comparison.firstDivergence).not.toBeNull();
    expect(cmp.divergenceTimeUs).toBeGreaterThan(0);
    // Deliveries are still counted; the side effects are not: every fork duplicate was absorbed.
    const rootEffects = h.posted
      .filter((m) => m.type === 'insight' && m.run === 0)
      .flatMap((m) => (m.type === 'insight' ? m.anomalies : []))
      .filter((a) => a.kind === 'duplicate' && a.group === 'ledger' && !a.absorbed);
    expect(rootEffects.length).toBeGreaterThan(0);
  });

  it('answers viewAt with the state at a sim time and lineage for a record', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    h.runner.handle({ type: 'runTo', id: 1, untilMs: 3000 });
    h.drain();
    h.runner.handle({ type: 'viewAt', id: 5, timeUs: 1_000_000 });
    const st = h.posted.find((m) => m.type === 'state' && m.id === 5);
    if (st?.type !== 'state') throw new Error('no state');
    expect(st.timeUs).toBe(1_000_000);
    expect(st.view.totals.appended).toBeGreaterThan(0);
    h.runner.handle({ type: 'lineage', id: 6, eventId: 1 });
    const lin = h.posted.find((m) => m.type === 'lineage' && m.id === 6);
    if (lin?.type !== 'lineage') throw new Error('no lineage');
    expect(lin.lineage?.appends.length).toBeGreaterThan(0);
  });

  it('advance steps the paused root run by one instant', () => {
    const h = harness();
    h.runner.handle({ type: 'load', scenario });
    h.runner.handle({ type: 'advance', unit: 'event' });
    const f = h.posted.filter((m) => m.type === 'frame').at(-1);
    if (f?.type !== 'frame') throw new Error('no frame');
    expect(f.view.totals.events).toBeGreaterThan(0);
    expect(f.status).toBe('paused');
  });
});
