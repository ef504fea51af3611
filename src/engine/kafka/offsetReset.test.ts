import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import type { Scenario } from '../scenario/types';
import { simulate, type SimulateResult } from '../simulate';
import { chaosScenarioArb } from '../test/chaosArbitraries';

/** One group that joins late (at 1 s) while the producer has been writing since 0. */
function lateGroup(config: Record<string, unknown> = {}): Scenario {
  const r = parseScenario({
    version: 1,
    name: 'a late group',
    durationMs: 3000,
    topics: [{ name: 'orders', partitions: 2 }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 200 },
        keys: { kind: 'uniform', count: 10 },
        eventType: 'OrderCreated',
      },
    ],
    groups: [
      {
        id: 'g',
        topics: ['orders'],
        members: [{ id: 'g-1', startMs: 1000 }],
        processingMs: 1,
        config,
      },
    ],
    faults: [],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/**
 * The summary's lost + pending of each group, recomputed from the log alone: the offsets from
 * the group's start offset (its first owner's position, or 0 for an unheld partition with
 * earliest, nothing for one with latest) to the high watermark that no member of the group
 * ever processed or dead-lettered. Direct path only: there offsets are never reused.
 */
function unhandledFromStart(r: SimulateResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const gm of r.model.groups) {
    const start = new Map<string, number>();
    const handled = new Set<string>();
    for (const e of r.events) {
      if ('group' in e && e.group !== gm.id) continue;
      if (e.type === 'partitionsAssigned')
        for (const [tp, pos] of Object.entries(e.positions)) if (!start.has(tp)) start.set(tp, pos);
      if (e.type === 'recordProcessed' || e.type === 'recordDeadLettered')
        handled.add(`${e.topic}-${e.partition}@${e.offset}`);
    }
    let n = 0;
    for (const gp of gm.gps) {
      const tp = `${r.model.topics[r.model.gpTopic[gp]!]!.name}-${r.model.gpPartition[gp]}`;
      const from = start.get(tp) ?? (gm.resetLatest ? Number.POSITIVE_INFINITY : 0);
      for (let o = from; o < r.state.hw[gp]!; o++) if (!handled.has(`${tp}@${o}`)) n++;
    }
    out.set(gm.id, n);
  }
  return out;
}

describe('auto.offset.reset defaults to latest, as in Kafka', () => {
  it('a group that joins late starts at the log end; what it skipped is neither lost nor pending', () => {
    const r = simulate(lateGroup());
    const assigned = r.events.find((e) => e.type === 'partitionsAssigned');
    if (assigned?.type !== 'partitionsAssigned') throw new Error('never assigned');
    // About 200 records were written in the first second, over two partitions.
    const starts = Object.values(assigned.positions);
    expect(starts.reduce((a, b) => a + b, 0)).toBeGreaterThan(150);
    expect(r.events.some((e) => e.type === 'offsetsSkipped')).toBe(false);
    expect(r.summary.lost).toBe(0);
    expect(r.summary.pending).toBeLessThan(5);
    expect(r.summary.processed).toBeLessThan(r.summary.appended - 150);
  });

  it('with earliest set explicitly the same group reads the log from offset 0', () => {
    const r = simulate(lateGroup({ 'auto.offset.reset': 'earliest' }));
    const assigned = r.events.find((e) => e.type === 'partitionsAssigned');
    if (assigned?.type !== 'partitionsAssigned') throw new Error('never assigned');
    expect(Object.values(assigned.positions)).toEqual([0, 0]);
    expect(r.summary.lost).toBe(0);
    expect(r.summary.processed).toBeGreaterThan(r.summary.appended - 5);
  });

  it('a later reset to latest (no commit yet when the partition moved) does lose records', () => {
    const s = lateGroup({ 'enable.auto.commit': true });
    s.groups[0]!.members = [
      { id: 'g-1', startMs: 1000 },
      { id: 'g-2', startMs: 1000 },
    ];
    s.groups[0]!.config = {
      'session.timeout.ms': 300,
      'heartbeat.interval.ms': 100,
      'max.poll.records': 5,
    };
    s.groups[0]!.processingMs = 10;
    // g-1 crashes before its first auto-commit (5 s): g-2 takes its partition and, with no
    // committed offset, jumps to the log end past records the group had started on.
    s.faults = [{ kind: 'crash', atMs: 1500, group: 'g', member: 'g-1' }];
    const r = simulate(s);
    const skipped = r.events.filter((e) => e.type === 'offsetsSkipped');
    expect(skipped.length).toBeGreaterThan(0);
    expect(
      skipped.every((e) => e.type === 'offsetsSkipped' && e.reason === 'auto.offset.reset=latest'),
    ).toBe(true);
    const n = skipped.reduce((a, e) => a + (e.type === 'offsetsSkipped' ? e.to - e.from : 0), 0);
    expect(r.summary.lost).toBe(n);
  });

  it('lost + pending is exactly what a group never handled from its start offset on (random runs)', () => {
    let latestRuns = 0;
    let skippedAtStart = 0;
    fc.assert(
      fc.property(chaosScenarioArb({ cluster: 'never', loops: false, durationMs: 3000 }), (raw) => {
        const p = parseScenario(raw);
        if (!p.ok) throw new Error(JSON.stringify(p.errors));
        const r = simulate(p.scenario);
        const expected = unhandledFromStart(r);
        for (const g of r.summary.groups) {
          expect(g.lost + g.pending, g.group).toBe(expected.get(g.group));
          const gm = r.model.groups.find((x) => x.id === g.group)!;
          if (gm.resetLatest) latestRuns++;
        }
        for (const e of r.events)
          if (e.type === 'partitionsAssigned')
            for (const pos of Object.values(e.positions)) if (pos > 0) skippedAtStart++;
      }),
      { numRuns: 60, seed: 0x0ff5 },
    );
    expect(latestRuns).toBeGreaterThan(10);
    expect(skippedAtStart).toBeGreaterThan(0);
  });
});

describe('lag is unknown without a committed offset, as kafka-consumer-groups shows it', () => {
  it('is null (printed "-") until the first commit, then log-end − committed', () => {
    const s = lateGroup({ 'auto.offset.reset': 'earliest' });
    // Defaults: the first auto-commit comes 5 s after the member joined (at 1 s).
    const before = simulate(s, { untilMs: 5900 }).summary;
    expect(before.groups[0]!.lag).toBeNull();
    expect(before.groups[0]!.lagMax).toBeNull();
    expect(before.lagMax).toBeNull();
    const after = simulate(s, { untilMs: 6100 });
    const g = after.state.groups[0]!;
    const lags = after.model.groups[0]!.gps.map((gp) => after.state.hw[gp]! - g.committed[gp]!);
    expect(g.committed.every((c) => c >= 0)).toBe(true);
    expect(after.summary.groups[0]!.lag).toBe(lags[0]! + lags[1]!);
    expect(after.summary.groups[0]!.lagMax).toBe(Math.max(...lags));
    expect(after.summary.lagMax).toBe(Math.max(...lags));
  });
});
