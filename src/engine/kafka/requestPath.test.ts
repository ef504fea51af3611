/**
 * The request path under faults gives Kafka's answers: property tests over random scenarios
 * (clusterScenarioArb: brokers, replication, delivery settings, latency jitter, loss, broker,
 * ack-loss and network-partition faults). fast-check prints the seed of any failure; the seeds
 * below are pinned so a run is reproducible.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from './events';
import type { Model } from './model';
import { parseScenario } from '../scenario/parse';
import type { FaultSpec, ProducerConfig, Scenario } from '../scenario/types';
import { simulate, type SimulateResult } from '../simulate';
import type { SimState } from './state';
import { clusterScenarioArb, scenarioArb } from '../test/arbitraries';
import { builtInScenarios } from '../../scenarios';

const SEED = 0x9_2026;

function valid(s: Scenario): Scenario {
  const p = parseScenario(s);
  if (!p.ok) throw new Error(`invalid scenario: ${JSON.stringify(p.errors)}`);
  return p.scenario;
}

/** Random scenarios whose keyed records carry their key (order is a per-partition promise). */
const keyed = (s: Scenario): Scenario => ({
  ...s,
  producers: s.producers.map((p) => ({ ...p, sendKey: true })),
});

function run(s: Scenario, seed = 1): SimulateResult {
  return simulate(valid(s), { seed });
}

/** Records a producer still holds (accumulator, in flight, waiting to retry). */
function stillHeld(state: SimState): number {
  let n = 0;
  for (const p of state.producers) {
    if (!p.req) continue;
    for (const o of p.req.open.values()) n += o.records.length;
    for (const b of p.req.batches.values()) n += b.records.length;
  }
  return n;
}

/** Every violation of "sim time never goes back" in a log (empty when none). */
function timeGoesBack(events: readonly SimEvent[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < events.length; i++)
    if (events[i]!.timeUs < events[i - 1]!.timeUs)
      out.push(`#${i} ${events[i]!.type} at ${events[i]!.timeUs} after ${events[i - 1]!.timeUs}`);
  return out;
}

/** The largest number of a (producer, partition)'s attempts in flight at once, per producer. */
function maxInFlightSeen(events: readonly SimEvent[], model: Model): Map<string, number> {
  const now = new Map<string, number>();
  const peak = new Map<string, number>();
  const acks0 = new Set(model.producers.filter((p) => p.acks === 0).map((p) => p.id));
  for (const e of events) {
    if (e.type !== 'produceRequested' && e.type !== 'produceAcked' && e.type !== 'produceFailed')
      continue;
    if (acks0.has(e.producer)) continue;
    const k = `${e.producer}|${e.topic}|${e.partition}`;
    const n = (now.get(k) ?? 0) + (e.type === 'produceRequested' ? 1 : -1);
    now.set(k, n);
    peak.set(e.producer, Math.max(peak.get(e.producer) ?? 0, n));
  }
  return peak;
}

/** Requests on one producer→broker connection arrive in the order they were sent. */
function connectionOvertakes(events: readonly SimEvent[]): string[] {
  const last = new Map<string, number>();
  const out: string[] = [];
  for (const e of events) {
    if (e.type !== 'produceRequested' || e.arriveUs === null) continue;
    const k = `${e.producer}→${e.broker}`;
    if (e.arriveUs < (last.get(k) ?? -1))
      out.push(`${k}: batch ${e.batch} arrives at ${e.arriveUs}, before ${last.get(k)}`);
    last.set(k, Math.max(e.arriveUs, last.get(k) ?? -1));
  }
  return out;
}

/**
 * acks=all successes given while the ISR was below min.insync.replicas (should be none: Kafka
 * answers NOT_ENOUGH_REPLICAS_AFTER_APPEND). The ISR is tracked from the log.
 */
function acksBelowMinIsr(r: SimulateResult): string[] {
  const { model, events } = r;
  const isr = new Map<string, number>();
  const key = (t: string, p: number) => `${t}-${p}`;
  model.topics.forEach((t) => {
    for (let p = 0; p < t.partitions; p++)
      isr.set(key(t.name, p), model.cluster.replicas[t.firstGp + p]!.length);
  });
  const minIsr = (t: string, p: number) =>
    model.cluster.minIsr[model.topics.find((x) => x.name === t)!.firstGp + p]!;
  const allAcks = new Set(model.producers.filter((p) => p.acks === -1).map((p) => p.id));
  const out: string[] = [];
  events.forEach((e, i) => {
    if (e.type === 'isrChanged' || e.type === 'leaderElected')
      isr.set(key(e.topic, e.partition), e.isr.length);
    if (e.type === 'replicaFetched' || e.type === 'isrChanged') {
      // A follower's rejoin comes as the next event, at the same instant.
      const next = events[i + 1];
      const rejoin =
        e.type === 'replicaFetched' &&
        next?.type === 'isrChanged' &&
        next.topic === e.topic &&
        next.partition === e.partition &&
        next.timeUs === e.timeUs;
      const size = rejoin ? next.isr.length : isr.get(key(e.topic, e.partition))!;
      for (const a of e.acks)
        if (!a.error && size < minIsr(e.topic, e.partition))
          out.push(`${e.type} at ${e.timeUs}: ${a.producer} batch ${a.batch} acked, ISR ${size}`);
    }
    if (
      e.type === 'produceHandled' &&
      allAcks.has(e.producer) &&
      e.outcome === 'appended' &&
      !e.awaitingIsr &&
      isr.get(key(e.topic, e.partition))! < minIsr(e.topic, e.partition)
    )
      out.push(`produceHandled at ${e.timeUs}: acked at once below min.insync.replicas`);
  });
  return out;
}

const count = (events: readonly SimEvent[], f: (e: SimEvent) => boolean) =>
  events.reduce((n, e) => n + (f(e) ? 1 : 0), 0);

describe('sim time never goes back', () => {
  it('run throws a clear error when an actor is woken in the past', async () => {
    const { run: loop } = await import('../simulate');
    const { compileModel } = await import('./model');
    const { initialState } = await import('./state');
    const s = initialState(compileModel(valid(scenarioArbSample()), 1));
    loop(s, 50_000, () => {});
    const actor = s.wake.first();
    s.wake.set(actor, s.timeUs - 1);
    expect(() => loop(s, 100_000, () => {})).toThrow(/sim time went back: actor \d+ woke at/);
  });

  it('holds for every built-in scenario', () => {
    for (const [name, json] of Object.entries(builtInScenarios)) {
      const p = parseScenario(json);
      expect(p.ok, name).toBe(true);
      if (!p.ok) continue;
      const r = simulate(p.scenario, { untilMs: 6000 });
      expect(timeGoesBack(r.events), name).toEqual([]);
    }
  });

  it('holds for random direct-path and request-path scenarios, and no valid run throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(scenarioArb(), clusterScenarioArb()),
        fc.integer({ min: 0, max: 1e6 }),
        (s, seed) => {
          const r = run(s, seed); // run() itself throws on a wake in the past
          expect(timeGoesBack(r.events)).toEqual([]);
        },
      ),
      { numRuns: 60, seed: SEED },
    );
  });
});

describe('the producer keeps order the way Kafka does', () => {
  it('max.in.flight.requests.per.connection=1 without idempotence: nothing reordered in the log, whatever the faults', () => {
    let retried = 0;
    fc.assert(
      fc.property(
        clusterScenarioArb({
          producer: {
            'max.in.flight.requests.per.connection': 1,
            'enable.idempotence': false,
            retries: 2147483647,
          },
        }).map(keyed),
        fc.integer({ min: 0, max: 1e6 }),
        (s, seed) => {
          const r = run(s, seed);
          retried += count(r.events, (e) => e.type === 'produceRequested' && e.attempt > 1);
          expect(r.summary.reorderedInLog).toBe(0);
          for (const [p, n] of maxInFlightSeen(r.events, r.model))
            expect(n, p).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 40, seed: SEED + 1 },
    );
    expect(retried).toBeGreaterThan(0);
  });

  it('never more attempts of a partition in flight than max.in.flight.requests.per.connection', () => {
    fc.assert(
      fc.property(clusterScenarioArb(), fc.integer({ min: 0, max: 1e6 }), (s, seed) => {
        const r = run(s, seed);
        for (const [p, n] of maxInFlightSeen(r.events, r.model)) {
          const pm = r.model.producers.find((x) => x.id === p)!;
          expect(n, p).toBeLessThanOrEqual(pm.maxInFlight);
        }
      }),
      { numRuns: 30, seed: SEED + 2 },
    );
  });

  it('a connection is ordered: a later request never arrives before an earlier one', () => {
    fc.assert(
      fc.property(clusterScenarioArb(), fc.integer({ min: 0, max: 1e6 }), (s, seed) => {
        expect(connectionOvertakes(run(s, seed).events)).toEqual([]);
      }),
      { numRuns: 30, seed: SEED + 3 },
    );
  });
});

describe('acks=all and min.insync.replicas', () => {
  it('RF=3, min.insync.replicas=2, acks=all, clean elections: nothing acknowledged is lost, for every fault schedule', () => {
    let faults = 0;
    fc.assert(
      fc.property(
        clusterScenarioArb({ producer: { acks: 'all' }, rf: 3, minIsr: 2, unclean: false }),
        fc.integer({ min: 0, max: 1e6 }),
        (s, seed) => {
          const r = run(s, seed);
          faults += count(r.events, (e) => e.type === 'leaderElected' || e.type === 'isrChanged');
          expect(r.summary.lostAcked).toBe(0);
          expect(acksBelowMinIsr(r)).toEqual([]);
        },
      ),
      { numRuns: 40, seed: SEED + 4 },
    );
    expect(faults).toBeGreaterThan(0);
  });

  it('never acknowledges a write while the ISR is below min.insync.replicas: NOT_ENOUGH_REPLICAS_AFTER_APPEND, then a retry', () => {
    let afterAppend = 0;
    fc.assert(
      fc.property(
        clusterScenarioArb({ producer: { acks: 'all' }, rf: 3 }),
        fc.integer({ min: 0, max: 1e6 }),
        (s, seed) => {
          const r = run(s, seed);
          expect(acksBelowMinIsr(r)).toEqual([]);
          afterAppend += count(
            r.events,
            (e) => e.type === 'produceFailed' && e.error === 'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
          );
        },
      ),
      { numRuns: 40, seed: SEED + 5 },
    );
    expect(afterAppend).toBeGreaterThan(0);
  });

  it('the textbook case: a follower leaves the ISR while the batch waits; the producer is told NOT_ENOUGH_REPLICAS_AFTER_APPEND and retries', () => {
    // Both followers of broker 1's partitions stop while batches wait for them.
    const r = run(
      replicated(
        { acks: 'all' },
        [
          { kind: 'brokerDown', atMs: 500, broker: 2 },
          { kind: 'brokerDown', atMs: 500, broker: 3 },
        ],
        40,
      ),
    );
    const failed = r.events.filter(
      (e) => e.type === 'produceFailed' && e.error === 'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
    );
    expect(failed.length).toBeGreaterThan(0);
    const f = failed[0]!;
    const retry = r.events.find(
      (e) =>
        e.type === 'produceRequested' &&
        f.type === 'produceFailed' &&
        e.batch === f.batch &&
        e.attempt === f.attempt + 1,
    );
    expect(retry).toBeDefined();
    expect(acksBelowMinIsr(r)).toEqual([]);
  });
});

describe('leader failover', () => {
  it('acks=all requests waiting at a leader that dies get no answer: they time out, are retried at the new leader and acknowledged; nothing acknowledged is lost', () => {
    let timedOut = 0;
    for (let seed = 0; seed < 4; seed++) {
      const faults: FaultSpec[] = [
        { kind: 'brokerDown', atMs: 1003 + seed * 7, broker: 1 },
        { kind: 'brokerUp', atMs: 1500, broker: 1 },
      ];
      // A busy producer: batches always wait at broker 1 for its followers.
      const s = replicated({ acks: 'all', 'enable.idempotence': false }, faults, 30, {
        durationMs: 1800,
      });
      s.producers[0]!.rate = { kind: 'constant', perSec: 3000 };
      const r = run(s, seed);
      expect(r.summary.lostAcked).toBe(0);
      const stopped = r.events.find((e) => e.type === 'brokerStopped')!.timeUs;
      for (const e of r.events) {
        if (e.type !== 'produceFailed' || e.error !== 'REQUEST_TIMED_OUT') continue;
        timedOut++;
        expect(e.timeUs).toBeGreaterThanOrEqual(stopped);
        const acked = r.events.some(
          (x) => x.type === 'produceAcked' && x.batch === e.batch && x.timeUs > e.timeUs,
        );
        expect(acked, `batch ${e.batch} retried and acknowledged`).toBe(true);
      }
    }
    expect(timedOut).toBeGreaterThan(0);
  });
});

/** RF=3 (min.insync.replicas=2) on three brokers; one producer, one topic, `fetchMs` follower fetches. */
function replicated(
  producer: ProducerConfig,
  faults: FaultSpec[],
  fetchMs = 2,
  extra: Partial<Scenario> = {},
): Scenario {
  return {
    version: 1,
    name: 'replicated',
    durationMs: 2500,
    cluster: {
      brokers: 3,
      'replica.lag.time.max.ms': 100,
      'replica.fetch.latency.ms': fetchMs,
    },
    topics: [{ name: 'orders', partitions: 3, 'replication.factor': 3, 'min.insync.replicas': 2 }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'poisson', perSec: 400 },
        keys: { kind: 'uniform', count: 30 },
        eventType: 'OrderCreated',
        config: { 'request.timeout.ms': 200, 'linger.ms': 1, ...producer },
      },
    ],
    groups: [{ id: 'g', topics: ['orders'], members: 1, processingMs: 0.2 }],
    faults,
    ...extra,
  };
}

describe('the idempotent producer', () => {
  it('under latency jitter writes every record: no OUT_OF_ORDER_SEQUENCE_NUMBER, nothing given up', () => {
    fc.assert(
      fc.property(
        clusterScenarioArb({
          producer: {
            acks: 'all',
            'enable.idempotence': true,
            retries: 2147483647,
            'delivery.timeout.ms': 120_000,
            'request.timeout.ms': 30_000,
            'max.in.flight.requests.per.connection': 5,
          },
          lossless: true,
          faults: [],
        }).map((s) => ({ ...keyed(s), faults: [] })),
        fc.integer({ min: 0, max: 1e6 }),
        (s, seed) => {
          const r = run(s, seed);
          const oosn = count(
            r.events,
            (e) => e.type === 'produceHandled' && e.outcome === 'OUT_OF_ORDER_SEQUENCE_NUMBER',
          );
          expect(oosn).toBe(0);
          expect(r.state.cluster.failedSends).toBe(0);
          expect(r.summary.logDuplicates).toBe(0);
          expect(r.summary.reorderedInLog).toBe(0);
          // Every record the producers created is acknowledged or still on its way.
          const created = count(r.events, (e) => e.type === 'recordSent');
          expect(r.state.cluster.acknowledged + stillHeld(r.state)).toBe(created);
        },
      ),
      { numRuns: 30, seed: SEED + 6 },
    );
  });

  it('with lost messages and faults: order and no duplicates hold; out-of-order answers stay a few per retry', () => {
    fc.assert(
      fc.property(
        clusterScenarioArb({
          producer: {
            acks: 'all',
            'enable.idempotence': true,
            retries: 2147483647,
            'delivery.timeout.ms': 120_000,
          },
          unclean: false,
        }).map((s) => ({
          ...keyed(s),
          producers: keyed(s).producers.map((p) => ({
            ...p,
            config: {
              ...p.config,
              'max.in.flight.requests.per.connection': Math.min(
                5,
                p.config?.['max.in.flight.requests.per.connection'] ?? 5,
              ),
            },
          })),
        })),
        fc.integer({ min: 0, max: 1e6 }),
        (s, seed) => {
          const r = run(s, seed);
          expect(r.summary.reorderedInLog).toBe(0);
          expect(r.summary.logDuplicates).toBe(0);
          const oosn = count(
            r.events,
            (e) => e.type === 'produceHandled' && e.outcome === 'OUT_OF_ORDER_SEQUENCE_NUMBER',
          );
          // Each lost or failed attempt can turn the (at most 4) batches behind it out of
          // order, once: they are retried in sequence, each only when it is first.
          const failures = count(
            r.events,
            (e) =>
              (e.type === 'produceFailed' && e.error !== 'OUT_OF_ORDER_SEQUENCE_NUMBER') ||
              (e.type === 'produceRequested' && e.arriveUs === null),
          );
          expect(oosn).toBeLessThanOrEqual(4 * failures);
        },
      ),
      { numRuns: 30, seed: SEED + 7 },
    );
  });

  it('after an unclean election truncated its acknowledged batches: bumps the epoch and carries on; the loss shows as lostAcked', () => {
    let bumps = 0;
    let lost = 0;
    for (let seed = 0; seed < 10; seed++) {
      // Broker 3 falls out of the ISR, the ISR's brokers die, broker 3 leads uncleanly.
      const faults: FaultSpec[] = [
        { kind: 'brokerDown', atMs: 300, broker: 3 },
        { kind: 'brokerDown', atMs: 1200, broker: 1 },
        { kind: 'brokerDown', atMs: 1200, broker: 2 },
        { kind: 'brokerUp', atMs: 1300 + seed * 10, broker: 3 },
      ];
      const s = replicated({ acks: 'all', 'enable.idempotence': true }, faults, 2, {
        durationMs: 3000,
        cluster: {
          brokers: 3,
          'replica.lag.time.max.ms': 100,
          'unclean.leader.election.enable': true,
        },
        topics: [
          { name: 'orders', partitions: 3, 'replication.factor': 3, 'min.insync.replicas': 1 },
        ],
      });
      const r = run(s, seed);
      lost += r.summary.lostAcked;
      for (const e of r.events) {
        if (e.type !== 'produceFailed' || e.epochBumped === undefined) continue;
        bumps++;
        // The partition is written again in the new epoch.
        const after = r.events.find(
          (x) =>
            x.type === 'produceHandled' &&
            x.outcome === 'appended' &&
            x.timeUs > e.timeUs &&
            x.topic === e.topic &&
            x.partition === e.partition,
        );
        expect(after, `seed ${seed}: no append after the epoch bump at ${e.timeUs}`).toBeDefined();
      }
      // No out-of-order storm: the last second of the run has none.
      const late = r.events.filter(
        (e) =>
          e.type === 'produceHandled' &&
          e.outcome === 'OUT_OF_ORDER_SEQUENCE_NUMBER' &&
          e.timeUs > 2_000_000,
      );
      expect(late, `seed ${seed}`).toEqual([]);
      expect(r.state.cluster.failedSends, `seed ${seed}`).toBe(0);
    }
    expect(bumps).toBeGreaterThan(0);
    expect(lost).toBeGreaterThan(0);
  });
});

describe('configuration rules as Kafka 3.x has them', () => {
  const cfg = (config: ProducerConfig) =>
    parseScenario({
      ...replicated({}, []),
      producers: [{ ...replicated({}, []).producers[0]!, config }],
    });

  it('enable.idempotence=true set explicitly with retries=0, acks other than all or more than 5 in flight is an error with Kafka’s message', () => {
    const cases: [ProducerConfig, string, string][] = [
      [
        { 'enable.idempotence': true, retries: 0 },
        '$.producers[0].config.retries',
        'Must set retries to non-zero when using the idempotent producer.',
      ],
      [
        { 'enable.idempotence': true, acks: '1' },
        '$.producers[0].config.acks',
        'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
      ],
      [
        { 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 6 },
        '$.producers[0].config["max.in.flight.requests.per.connection"]',
        'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.',
      ],
    ];
    for (const [config, path, message] of cases) {
      const p = cfg(config);
      expect(p.ok).toBe(false);
      if (p.ok) continue;
      expect(p.errors.map((e) => `${e.path} ${e.message}`)).toContain(`${path} ${message}`);
    }
  });

  it('idempotence left at its default is silently disabled by those settings; otherwise on', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            acks: fc.constantFrom<'0' | '1' | 'all'>('0', '1', 'all'),
            retries: fc.constantFrom(0, 1, 2147483647),
            'max.in.flight.requests.per.connection': fc.integer({ min: 1, max: 8 }),
          },
          { requiredKeys: [] },
        ),
        (config) => {
          const p = cfg(config);
          expect(p.ok).toBe(true);
          if (!p.ok) return;
          const r = simulate(p.scenario, { untilMs: 50 });
          const conflicting =
            (config.acks ?? 'all') !== 'all' ||
            (config.retries ?? 1) === 0 ||
            (config['max.in.flight.requests.per.connection'] ?? 5) > 5;
          expect(r.model.producers[0]!.idempotent).toBe(!conflicting);
        },
      ),
      { numRuns: 60, seed: SEED + 8 },
    );
  });
});

/** One small valid scenario (the first scenarioArb sample for a fixed seed). */
function scenarioArbSample(): Scenario {
  return fc.sample(scenarioArb({ faults: false }), { numRuns: 1, seed: 7 })[0]!;
}
