import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Scenario, type SimEvent } from '../engine';
import { chaosScenarioArb } from '../engine/test/chaosArbitraries';
import { builtInScenarios } from '../scenarios';
import { computeMetrics, LATENCY_BUCKETS_S, type RunMetrics } from './metrics';

function series(m: RunMetrics, name: string, labels: Record<string, string>): number[] {
  const s = m.series.find(
    (x) =>
      x.name === name &&
      Object.keys(labels).length === Object.keys(x.labels).length &&
      Object.entries(labels).every(([k, v]) => x.labels[k] === v),
  );
  if (!s) throw new Error(`no series ${name} ${JSON.stringify(labels)}`);
  return s.values;
}

const last = (v: readonly number[]) => v[v.length - 1]!;

function scenario(json: unknown): Scenario {
  const r = parseScenario(json);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** One producer at 100/s into one partition; a group that handles a record in `ms`. */
const shop = (ms: number, durationMs = 6000) =>
  scenario({
    version: 1,
    name: 'metrics',
    seed: 3,
    durationMs,
    topics: [{ name: 'orders', partitions: 1 }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 100 },
        keys: { kind: 'uniform', count: 10, prefix: 'o-' },
        eventType: 'OrderCreated',
      },
    ],
    groups: [
      {
        id: 'billing',
        topics: ['orders'],
        members: 1,
        commit: 'after-processing',
        processingMs: { kind: 'constant', ms },
        config: { 'max.poll.records': 20 },
      },
    ],
  });

/** The q-quantile by nearest rank, written out again for the check. */
function naiveQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

describe('run metrics', () => {
  it('counts records in per sample as a recount of the log does', () => {
    const run = simulate(shop(2));
    const m = computeMetrics(run.model, run.events, 6_000_000);
    expect(m.timesUs).toEqual([1, 2, 3, 4, 5, 6].map((s) => s * 1_000_000));
    const inTotal = series(m, 'kafka_topic_partition_records_in_total', {
      topic: 'orders',
      partition: '0',
    });
    const naive = m.timesUs.map(
      (t) => run.events.filter((e) => e.type === 'recordAppended' && e.timeUs <= t).length,
    );
    expect(inTotal).toEqual(naive);
    // 100 records a second, as produced.
    expect(inTotal[0]).toBeGreaterThanOrEqual(99);
    expect(inTotal[0]).toBeLessThanOrEqual(101);
  });

  it('a group that keeps up has little lag; one that cannot has a lag that grows', () => {
    const fast = simulate(shop(2));
    const slow = simulate(shop(20));
    const lag = (r: ReturnType<typeof simulate>) =>
      series(computeMetrics(r.model, r.events, 6_000_000), 'kafka_consumergroup_lag', {
        group: 'billing',
        topic: 'orders',
        partition: '0',
      });
    expect(Math.max(...lag(fast))).toBeLessThanOrEqual(25);
    const l = lag(slow);
    // 100/s in, 50/s out: about 50 more every second.
    for (let i = 1; i < l.length; i++) expect(l[i]!).toBeGreaterThan(l[i - 1]!);
    expect(last(l)).toBeGreaterThan(200);
  });

  it('latency quantiles are those of the records processed in the trailing window', () => {
    const run = simulate(shop(20));
    const m = computeMetrics(run.model, run.events, 6_000_000, { latencyWindowMs: 2000 });
    const created = new Map<number, number>();
    for (const e of run.events) if (e.type === 'recordAppended') created.set(e.eventId, e.timeUs);
    const q = m.latency.get('billing')!;
    m.timesUs.forEach((t, i) => {
      const inWindow = run.events
        .filter(
          (e): e is Extract<SimEvent, { type: 'recordProcessed' }> =>
            e.type === 'recordProcessed' && e.timeUs <= t && e.timeUs > t - 2_000_000,
        )
        .map((e) => (e.timeUs - created.get(e.eventId)!) / 1000);
      expect(q.p50[i]).toBe(naiveQuantile(inWindow, 0.5));
      expect(q.p99[i]).toBe(naiveQuantile(inWindow, 0.99));
    });
    // Latency grows with the backlog.
    expect(last(q.p50)).toBeGreaterThan(q.p50[0]!);
    const count = series(m, 'eventflow_e2e_latency_seconds_count', { group: 'billing' });
    expect(last(count)).toBe(run.events.filter((e) => e.type === 'recordProcessed').length);
  });

  it('agrees with the engine and a naive recount on random runs with faults', () => {
    fc.assert(
      fc.property(chaosScenarioArb({ loops: false, durationMs: 4000 }), (sc) => {
        const run = simulate(sc);
        const endUs = sc.durationMs! * 1000;
        const m = computeMetrics(run.model, run.events, endUs, { stepMs: 250 });
        m.timesUs.forEach((t, i) => expect(t).toBe((i + 1) * 250_000));
        for (const s of m.series) expect(s.values).toHaveLength(m.timesUs.length);
        for (const gs of run.summary.groups) {
          const of = (name: string) =>
            m.series.filter((s) => s.name === name && s.labels.group === gs.group);
          // The group's lag at the end, as the engine's own summary counts it (unknown: null).
          let lag: number | null = null;
          for (const s of of('kafka_consumergroup_lag'))
            if (!Number.isNaN(last(s.values))) lag = (lag ?? 0) + last(s.values);
          expect(lag).toBe(gs.lag);
          const consumed = of('kafka_consumer_records_consumed_total').reduce(
            (n, s) => n + last(s.values),
            0,
          );
          expect(consumed).toBe(
            run.events.filter((e) => e.type === 'recordProcessed' && e.group === gs.group).length,
          );
          expect(last(of('eventflow_rebalances_total')[0]!.values)).toBe(gs.rebalances);
          expect(last(of('eventflow_dead_lettered_total')[0]!.values)).toBe(
            run.events.filter((e) => e.type === 'recordDeadLettered' && e.group === gs.group)
              .length,
          );
          // Histogram buckets are cumulative and end at the count.
          const buckets = [...LATENCY_BUCKETS_S.map(String), '+Inf'].map((le) =>
            last(
              of('eventflow_e2e_latency_seconds_bucket').find((s) => s.labels.le === le)!.values,
            ),
          );
          for (let i = 1; i < buckets.length; i++)
            expect(buckets[i]!).toBeGreaterThanOrEqual(buckets[i - 1]!);
          expect(last(buckets)).toBe(last(of('eventflow_e2e_latency_seconds_count')[0]!.values));
        }
      }),
      { numRuns: 20 },
    );
  });

  it('marks partitions under-replicated while a broker is down (broker-failure built-in)', () => {
    const sc = scenario(builtInScenarios['broker-failure']);
    const run = simulate(sc);
    const m = computeMetrics(run.model, run.events, sc.durationMs! * 1000, { stepMs: 500 });
    const urp = m.series.filter(
      (s) => s.name === 'kafka_topic_partition_under_replicated_partition',
    );
    const at = (t: number) => m.timesUs.indexOf(t);
    const count = (i: number) => urp.reduce((n, s) => n + s.values[i]!, 0);
    // Broker 1 dies at 2 s: none before, some after.
    expect(count(at(1_500_000))).toBe(0);
    expect(Math.max(...m.timesUs.map((_, i) => count(i)))).toBeGreaterThan(0);
  });

  it('caps the number of samples by widening the step', () => {
    const run = simulate(shop(2, 10));
    const m = computeMetrics(run.model, run.events, 3_600_000_000, {
      stepMs: 1,
      maxSamples: 100,
    });
    expect(m.timesUs.length).toBeLessThanOrEqual(100);
    expect(last(m.timesUs)).toBe(3_600_000_000);
  });
});
