import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, parseScenario, simulate, summarize, type Scenario } from '../engine';
import type { PartitionsAdded } from '../engine/kafka/events';
import { partitionForKey } from '../engine/kafka/murmur2';
import { scenarioArb } from '../engine/test/arbitraries';
import { checkGrowthRun, withAddPartitions } from '../engine/test/addPartitions';
import { clusterScenarioArb } from './test/clusterArb';
import { renderMsg } from '../i18n/translate';
import { builtInScenarios } from '../scenarios';
import { AnomalyDetector } from './detector';
import { anomalyTotals } from './totals';

// Property runs print fast-check's seed and shrunk counterexample on failure; replay one with
// fc.assert(prop, { seed, path }).

function parsed(raw: unknown): Scenario {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/**
 * The detector and the engine's counters agree (at a few cuts and at the end), and every
 * per-key reordering a keyed producer's records show is explained by a key that moved: cause
 * partitions-added, the key among the growth's moved keys, the old and new partitions its
 * murmur2 hash names.
 */
function check(s: Scenario, cuts: number[], keyedOnly: boolean): number {
  const r = simulate(s);
  const d = new AnomalyDetector(r.model);
  const at = new Set(cuts.map((c) => Math.floor(c * r.events.length)));
  const growths: PartitionsAdded[] = [];
  r.events.forEach((e, i) => {
    d.push(e, i);
    if (e.type === 'partitionsAdded') growths.push(e);
    if (at.has(i + 1)) {
      const sum = summarize(fold(r.model, r.events, i + 1), i + 1, '');
      const totals = anomalyTotals(d.anomalies());
      for (const g of sum.groups)
        expect(totals.groups[g.group]?.reordered ?? 0, `after event ${i}`).toBe(g.reordered);
    }
  });
  const totals = anomalyTotals(d.anomalies());
  for (const g of r.summary.groups) {
    expect(totals.groups[g.group]?.reordered ?? 0).toBe(g.reordered);
    expect(totals.groups[g.group]?.duplicate ?? 0).toBe(g.duplicates);
    expect(totals.groups[g.group]?.lost ?? 0).toBe(g.lost);
  }
  let explained = 0;
  for (const a of d.anomalies()) {
    if (a.kind !== 'reordered' || a.group === undefined) continue;
    if (keyedOnly) expect(a.cause).toBe('partitions-added');
    if (a.cause !== 'partitions-added') continue;
    const grown = growths.filter((g) => g.topic === a.topic && g.timeUs <= a.timeUs);
    expect(grown.length).toBeGreaterThan(0);
    expect(
      grown.some(
        (g) =>
          partitionForKey(a.key!, g.from) === a.partition &&
          partitionForKey(a.key!, g.to) !== a.partition &&
          (g.moved.includes(a.key!) || g.moved.length < g.movedCount),
      ),
    ).toBe(true);
    explained++;
  }
  return explained;
}

describe('partitions added: the reordering it causes, detected and explained', () => {
  it('the built-in: every reordering is a moved key, explained with the key, both partitions, the count change and the time (en + zh)', () => {
    const s = parsed(builtInScenarios['adding-partitions-breaks-key-order']);
    expect(check(s, [0.3, 0.6], true)).toBeGreaterThan(0);
    const r = simulate(s);
    const d = new AnomalyDetector(r.model);
    r.events.forEach((e, i) => d.push(e, i));
    const a = d.anomalies().find((x) => x.cause === 'partitions-added')!;
    const added = r.events.find((e) => e.type === 'partitionsAdded')!;
    expect(a.causeIndex).toBe(r.events.indexOf(added));
    const from = partitionForKey(a.key!, 4);
    const to = partitionForKey(a.key!, 6);
    expect(from).toBe(a.partition);
    const en = renderMsg('en', a.explanation);
    expect(en).toContain(
      `Key ${a.key} moved from partition ${from} to ${to} when orders grew from 4 to 6 partitions at 3,000 ms`,
    );
    expect(en).toMatch(/Other keys that moved: user-/);
    const zh = renderMsg('zh-CN', a.explanation);
    expect(zh).toContain(
      `orders 在 3,000 ms 从 4 个分区扩到 6 个分区时，键 ${a.key} 从分区 ${from} 移到了分区 ${to}`,
    );
  });

  it('property: random keyed scenarios without member faults: the detector agrees with the counters and every reordering is a moved key', () => {
    const keyed = withAddPartitions(scenarioArb({ faults: false })).map((s) => ({
      ...s,
      producers: s.producers.map((p) => ({
        ...p,
        sendKey: true,
        keys: p.keys.kind === 'null' ? { kind: 'uniform' as const, count: 8 } : p.keys,
      })),
    }));
    let explained = 0;
    fc.assert(
      fc.property(
        keyed,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 2 }),
        (s, cuts) => {
          explained += check(parsed(s), cuts, true);
        },
      ),
      { numRuns: 30, seed: 1213, verbose: 0 },
    );
    expect(explained).toBeGreaterThan(0);
  });

  it('property: random scenarios with member faults: the detector agrees with the counters; reorderings it puts on a growth are moved keys', () => {
    fc.assert(
      fc.property(
        withAddPartitions(scenarioArb()),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 2 }),
        (s, cuts) => {
          check(parsed(s), cuts, false);
        },
      ),
      { numRuns: 30, seed: 1214, verbose: 0 },
    );
  });

  it('property: the request path with broker, ack and network faults: the engine invariants of a growing topic hold, and the detector agrees with the counters', () => {
    fc.assert(
      fc.property(
        withAddPartitions(clusterScenarioArb),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 2 }),
        (s, cuts) => {
          const sc = parsed(s);
          checkGrowthRun(sc);
          check(sc, cuts, false);
        },
      ),
      { numRuns: 25, seed: 1215, verbose: 0 },
    );
  });
});
