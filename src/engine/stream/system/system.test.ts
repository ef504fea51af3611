import { describe, expect, it } from 'vitest';
import { cloneState } from '../../kafka/clone';
import { stateDigest } from '../../kafka/digest';
import type { SimEvent } from '../../kafka/events';
import { estimateCost } from '../../scenario/cost';
import { parseScenario } from '../../scenario/parse';
import type { Scenario, StreamWindowJobSpec } from '../../scenario/types';
import { compileModel } from '../../kafka/model';
import { rebaseState, topologyChange } from '../../kafka/rebase';
import { fold, run, simulate } from '../../simulate';
import { evolve } from '../../world';
import type { StreamSimEvent } from './events';
import { streamPatternJobViews, streamWindowJobViews } from './views';

// Stream jobs in a run (issue 15): the behaviours Flink's docs state, on small scenarios.
// Flink docs followed: "Generating Watermarks" (forBoundedOutOfOrderness, withIdleness: "if
// some partitions are idle ... the watermark does not progress"), "Windows" (allowed lateness,
// side output of late data). Property tests are in properties.test.ts.

type Of<T extends StreamSimEvent['type']> = Extract<StreamSimEvent, { type: T }>;
const ofType = <T extends StreamSimEvent['type']>(evs: SimEvent[], t: T): Of<T>[] =>
  evs.filter((e) => e.type === t) as unknown as Of<T>[];

export function streamScenario(
  job: Partial<StreamWindowJobSpec>,
  opts: {
    partitions?: number;
    lagMs?: number;
    durationMs?: number;
    keys?: string[];
    groups?: unknown[];
  } = {},
): Scenario {
  const r = parseScenario({
    version: 2,
    name: 'fraud',
    durationMs: opts.durationMs ?? 5000,
    topics: [
      { name: 'payments', partitions: opts.partitions ?? 1 },
      { name: 'alerts', partitions: 1 },
      { name: 'late', partitions: 1 },
    ],
    producers: [
      {
        id: 'pay',
        topic: 'payments',
        rate: { kind: 'constant', perSec: 20 },
        keys: { kind: 'fixed', keys: opts.keys ?? ['u1'] },
        keyField: 'userId',
        eventType: 'Payment',
        payload: { amount: 3000 },
        ...(opts.lagMs !== undefined ? { outOfOrdernessMs: opts.lagMs } : {}),
      },
    ],
    groups: opts.groups ?? [],
    streams: {
      windows: [
        {
          id: 'fraud',
          source: 'payments',
          keyBy: 'userId',
          assigner: { type: 'tumbling', size: 1000 },
          aggregate: { fn: 'sum', field: 'amount' },
          condition: '> 10000',
          sink: 'alerts',
          ...job,
        },
      ],
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** The operator's watermark just before each event. */
function watermarkBefore(events: SimEvent[]): Map<SimEvent, number> {
  const out = new Map<SimEvent, number>();
  let wm = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    out.set(e, wm);
    if (e.type === 'stream.watermarkAdvanced' && e.operator !== null) wm = e.operator;
  }
  return out;
}

describe('event-time windows in a run', () => {
  it('a window fires only once the watermark passes its end, with output timestamp end − 1', () => {
    const { events, summary } = simulate(streamScenario({}));
    const fired = ofType(events, 'stream.windowFired');
    expect(fired.length).toBeGreaterThan(2);
    let wm = Number.NEGATIVE_INFINITY;
    for (const e of events) {
      if (e.type === 'stream.watermarkAdvanced' && e.operator !== null) wm = e.operator;
      if (e.type === 'stream.windowFired') {
        expect(wm).toBeGreaterThanOrEqual(e.end - 1);
        expect(e.timestamp).toBe(e.end - 1);
        expect(e.late).toBe(false);
      }
    }
    // 20 records per second of 3000: each full second sums 60000, an alert each.
    expect(fired[0]).toMatchObject({ key: 'u1', start: 0, end: 1000, value: 60000, count: 20 });
    const alerts = events.filter((e) => e.type === 'recordAppended' && e.topic === 'alerts');
    expect(alerts.length).toBe(fired.filter((f) => f.alert).length);
    expect(summary.streams).toMatchObject({ windowsFired: fired.length, alerts: alerts.length });
  });

  it('watermarks are emitted every autoWatermarkInterval as maxTimestamp − bound − 1', () => {
    const { events } = simulate(
      streamScenario({ watermarks: { maxOutOfOrdernessMs: 100, autoWatermarkIntervalMs: 250 } }),
    );
    const wms = ofType(events, 'stream.watermarkAdvanced');
    expect(wms.length).toBeGreaterThan(3);
    let maxTs = Number.NEGATIVE_INFINITY;
    for (const e of events) {
      if (e.type === 'recordAppended' && e.topic === 'payments')
        maxTs = Math.max(maxTs, Math.floor(e.timeUs / 1000));
      if (e.type === 'stream.watermarkAdvanced') {
        expect(e.timeUs % 250_000).toBe(0);
        for (const p of e.partitions) expect(p.watermark).toBe(maxTs - 100 - 1);
      }
    }
  });

  it('an idle partition holds the watermark back: no window fires, no alert (withIdleness releases it)', () => {
    // One key: every record goes to one of the two partitions; the other never sends.
    const stalled = simulate(streamScenario({}, { partitions: 2 }));
    expect(ofType(stalled.events, 'stream.elementAssigned').length).toBeGreaterThan(50);
    expect(ofType(stalled.events, 'stream.windowFired')).toHaveLength(0);
    expect(stalled.events.some((e) => e.type === 'recordAppended' && e.topic === 'alerts')).toBe(
      false,
    );
    const view = streamWindowJobViews(stalled.state)[0]!;
    expect(view.watermark).toBeNull();
    const silent = view.partitions.find((p) => p.watermark === null)!;
    expect(silent.holdsBack).toBe(true);
    expect(silent.idle).toBe(false);
    expect(view.keys[0]!.windows.length).toBeGreaterThan(0);

    const released = simulate(
      streamScenario({ watermarks: { idlenessMs: 500 } }, { partitions: 2 }),
    );
    const idle = ofType(released.events, 'stream.watermarkAdvanced').find((e) =>
      e.partitions.some((p) => p.idle),
    )!;
    // IdlenessTimer: the first emission (200 ms) starts the inactivity; idle at the first
    // emission more than 500 ms later: 800 ms.
    expect(idle.timeUs).toBe(800_000);
    expect(ofType(released.events, 'stream.windowFired').length).toBeGreaterThan(2);
    expect(streamWindowJobViews(released.state)[0]!.partitions.some((p) => p.idle)).toBe(true);
  });

  it('late elements: dropped (numLateRecordsDropped), sent to the side output, or a late firing within allowedLateness', () => {
    const dropped = simulate(streamScenario({}, { lagMs: 400 }));
    const lateD = ofType(dropped.events, 'stream.lateElement');
    expect(lateD.length).toBeGreaterThan(0);
    const wmOf = watermarkBefore(dropped.events);
    for (const e of lateD) {
      expect(e.outcome).toBe('dropped');
      expect(e.record).toBeNull();
      expect(e.lateBy).toBe(wmOf.get(e)! - e.timestamp);
      expect(e.lateBy).toBeGreaterThanOrEqual(0);
    }
    expect(dropped.summary.streams!.numLateRecordsDropped).toBe(lateD.length);

    const side = simulate(streamScenario({ sideOutputLateData: 'late' }, { lagMs: 400 }));
    const lateS = ofType(side.events, 'stream.lateElement');
    expect(lateS.map((e) => e.offset)).toEqual(lateD.map((e) => e.offset));
    expect(lateS.every((e) => e.outcome === 'sideOutput' && e.record?.topic === 'late')).toBe(true);
    const sideRecords = side.events.filter(
      (e) => e.type === 'recordAppended' && e.topic === 'late',
    );
    expect(sideRecords).toHaveLength(lateS.length);
    expect(side.summary.streams!.numLateRecordsDropped).toBe(0);

    const lateFire = simulate(streamScenario({ allowedLateness: 1000 }, { lagMs: 400 }));
    const lf = ofType(lateFire.events, 'stream.windowFired').filter((e) => e.late);
    expect(lf.length).toBeGreaterThan(0);
    expect(ofType(lateFire.events, 'stream.lateElement')).toHaveLength(0);
    // A late firing updates the result: the window fired before with a smaller count.
    const first = ofType(lateFire.events, 'stream.windowFired').find(
      (e) => e.start === lf[0]!.start && !e.late,
    )!;
    expect(first.count).toBeLessThan(lf[0]!.count);
  });

  it('the same seed gives the same events; state = fold(events), also from a clone midway', () => {
    const sc = streamScenario({ allowedLateness: 200, sideOutputLateData: 'late' }, { lagMs: 400 });
    const a = simulate(sc);
    const b = simulate(sc);
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(stateDigest(fold(a.model, a.events))).toBe(stateDigest(a.state));
    const half = Math.floor(a.events.length / 2);
    const mid = cloneState(fold(a.model, a.events, half));
    for (let i = half; i < a.events.length; i++) evolve(mid, a.events[i]!);
    expect(stateDigest(mid)).toBe(stateDigest(a.state));
    expect(JSON.stringify(streamWindowJobViews(mid))).toBe(
      JSON.stringify(streamWindowJobViews(a.state)),
    );
  });
});

describe('alerts are Kafka records', () => {
  it('a consumer group reading the sink processes every alert the job wrote', () => {
    const sc = streamScenario(
      { alertType: 'FraudSuspected' },
      {
        durationMs: 4000,
        groups: [{ id: 'fraud-team', topics: ['alerts'], members: 1, processingMs: 1 }],
      },
    );
    const { events, summary } = simulate(sc);
    const alerts = events.filter(
      (e): e is Extract<SimEvent, { type: 'recordAppended' }> =>
        e.type === 'recordAppended' && e.topic === 'alerts',
    );
    expect(alerts.length).toBeGreaterThan(2);
    expect(alerts.every((a) => a.eventType === 'FraudSuspected' && a.key === 'u1')).toBe(true);
    const fired = ofType(events, 'stream.windowFired').filter((f) => f.record !== null);
    expect(fired.map((f) => f.record!.eventId)).toEqual(alerts.map((a) => a.eventId));
    const processed = events.filter(
      (e) => e.type === 'recordProcessed' && e.group === 'fraud-team',
    );
    expect(processed.length).toBeGreaterThanOrEqual(alerts.length - 1);
    expect(summary.groups.find((g) => g.group === 'fraud-team')!.processed).toBe(processed.length);
  });
});

describe('processing-time windows and triggers in a run', () => {
  it('a processing-time window fires when the sim clock reaches its maxTimestamp, whatever the event times', () => {
    const { events } = simulate(
      streamScenario({ time: 'processing', condition: '> 0' }, { lagMs: 900, durationMs: 3500 }),
    );
    const fired = ofType(events, 'stream.windowFired');
    expect(fired.map((f) => [f.start, f.end])).toEqual([
      [0, 1000],
      [1000, 2000],
      [2000, 3000],
    ]);
    for (const f of fired) expect(f.timeUs).toBe((f.end - 1) * 1000);
    expect(ofType(events, 'stream.processingTimeAdvanced').length).toBeGreaterThanOrEqual(3);
    expect(ofType(events, 'stream.watermarkAdvanced')).toHaveLength(0);
    // Elements are assigned by the time they arrive, not their (lagging) event time.
    for (const e of ofType(events, 'stream.elementAssigned'))
      expect(e.timestamp).toBe(Math.floor(e.timeUs / 1000));
  });

  it('a count trigger fires every n elements of a window; purging starts the count again', () => {
    const { events } = simulate(
      streamScenario({ trigger: { type: 'purging', trigger: { type: 'count', count: 5 } } }),
    );
    const fired = ofType(events, 'stream.windowFired');
    expect(fired.length).toBeGreaterThan(4);
    for (const f of fired) expect(f.count).toBe(5);
  });
});

describe('cost', () => {
  it("stream jobs' elements, watermark emissions and input logs count towards the run's bounds", () => {
    const sc = streamScenario({ assigner: { type: 'sliding', size: 1000, slide: 10 } });
    const without = { ...sc };
    delete without.streams;
    const a = estimateCost(sc);
    const b = estimateCost(without);
    expect(a.totalEvents).toBeGreaterThan(b.totalEvents + 100 * 20 * 5);
    expect(a.stateBytes).toBeGreaterThan(b.stateBytes);
  });
});

describe('forks (timeline what-ifs)', () => {
  it('a fork under the same scenario continues exactly as the run did; changing the jobs is a topology change', () => {
    const sc = streamScenario({ allowedLateness: 300 }, { lagMs: 400, durationMs: 3000 });
    const a = simulate(sc);
    const at = Math.floor(a.events.length / 3);
    const forked = rebaseState(fold(a.model, a.events, at), compileModel(sc));
    const rest: SimEvent[] = [];
    run(forked, 3_000_000, (e) => rest.push(e));
    expect(JSON.stringify(rest)).toBe(JSON.stringify(a.events.slice(at)));
    const changed = streamScenario({ allowedLateness: 100 }, { lagMs: 400, durationMs: 3000 });
    expect(topologyChange(a.model, compileModel(changed))).toMatch(/streams section changed/);
  });
});

describe('EPL jobs in a run', () => {
  it('the temperature alert: #time window, group by, having; each insert row is a record on the sink', () => {
    const r = parseScenario({
      version: 2,
      name: 'temp',
      durationMs: 2000,
      topics: [
        { name: 'readings', partitions: 2 },
        { name: 'out', partitions: 1 },
      ],
      producers: [
        {
          id: 'hot',
          topic: 'readings',
          rate: { kind: 'constant', perSec: 10 },
          keys: { kind: 'fixed', keys: ['s1'] },
          keyField: 'sensor',
          eventType: 'Reading',
          payload: { temp: 35 },
        },
        {
          id: 'cold',
          topic: 'readings',
          rate: { kind: 'constant', perSec: 10 },
          keys: { kind: 'fixed', keys: ['s2'] },
          keyField: 'sensor',
          eventType: 'Reading',
          payload: { temp: 20 },
        },
      ],
      groups: [],
      streams: {
        patterns: [
          {
            id: 'hotSensors',
            sources: ['readings'],
            epl: 'select sensor, avg(temp) as t from Reading#time(1 sec) group by sensor having avg(temp) > 30',
            sink: 'out',
            outputType: 'TemperatureAlert',
          },
        ],
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const { events, summary } = simulate(r.scenario);
    const rows = ofType(events, 'stream.rowsEmitted');
    expect(rows.length).toBeGreaterThan(5);
    for (const u of rows)
      for (const row of u.insert) expect(Object.fromEntries(row)).toEqual({ sensor: 's1', t: 35 });
    const out = events.filter((e) => e.type === 'recordAppended' && e.topic === 'out');
    expect(out).toHaveLength(rows.reduce((n, u) => n + u.insert.length, 0));
    expect(summary.streams!.rows).toBe(out.length);
  });

  it('a pattern binds the records it matched and writes each match to the sink', () => {
    const r = parseScenario({
      version: 2,
      name: 'epl',
      durationMs: 1000,
      topics: [
        { name: 'a', partitions: 1 },
        { name: 'out', partitions: 1 },
      ],
      producers: [
        {
          id: 'pa',
          topic: 'a',
          rate: { kind: 'constant', perSec: 10 },
          keys: { kind: 'fixed', keys: ['k'] },
          eventType: 'A',
        },
      ],
      groups: [],
      streams: {
        patterns: [
          {
            id: 'pairs',
            sources: ['a'],
            epl: 'select * from pattern [every a1=A -> a2=A]',
            sink: 'out',
          },
        ],
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const { events, state } = simulate(r.scenario);
    const appended = events.filter((e) => e.type === 'recordAppended' && e.topic === 'a');
    const matches = ofType(events, 'stream.patternMatched');
    // every a1=A -> a2=A: each A starts a pattern the next A completes.
    expect(matches).toHaveLength(appended.length - 1);
    matches.forEach((m, i) => {
      const ids = m.tags.map((t) => t.eventId);
      expect(ids).toEqual([
        (appended[i] as { eventId: number }).eventId,
        (appended[i + 1] as { eventId: number }).eventId,
      ]);
      expect(m.record?.topic).toBe('out');
    });
    expect(streamPatternJobViews(state)[0]!.matches).toHaveLength(matches.length);
  });
});
