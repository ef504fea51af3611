import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateDigest } from './digest';
import type { SimEvent } from './events';
import type { FaultSpec, ProducerConfig, Scenario } from '../scenario/types';
import { parseScenario } from '../scenario/parse';
import { fold, simulate } from '../simulate';

/** A replicated topic, one producer, one consumer group; the knobs the textbook cases turn. */
function cluster(opts: {
  producer?: ProducerConfig;
  faults?: FaultSpec[];
  minIsr?: number;
  unclean?: boolean;
  fetchMs?: number;
  network?: Scenario['network'];
  durationMs?: number;
  keys?: number;
}): Scenario {
  const s: Scenario = {
    version: 1,
    name: 'cluster',
    durationMs: opts.durationMs ?? 3000,
    cluster: {
      brokers: 3,
      'replica.lag.time.max.ms': 300,
      'replica.fetch.latency.ms': opts.fetchMs ?? 2,
      'unclean.leader.election.enable': opts.unclean ?? false,
    },
    topics: [
      {
        name: 'orders',
        partitions: 3,
        'replication.factor': 3,
        'min.insync.replicas': opts.minIsr ?? 2,
      },
    ],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'poisson', perSec: 400 },
        keys: { kind: 'uniform', count: opts.keys ?? 30 },
        eventType: 'OrderCreated',
        config: { 'request.timeout.ms': 200, 'linger.ms': 1, ...opts.producer },
      },
    ],
    groups: [{ id: 'g', topics: ['orders'], members: 2, processingMs: 0.5 }],
    faults: opts.faults ?? [],
  };
  if (opts.network) s.network = opts.network;
  const parsed = parseScenario(s);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scenario;
}

const brokerFaults = fc
  .array(
    fc.record({
      broker: fc.integer({ min: 1, max: 3 }),
      downMs: fc.integer({ min: 100, max: 2000 }),
      forMs: fc.integer({ min: 50, max: 800 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((xs) =>
    xs.flatMap((x): FaultSpec[] => [
      { kind: 'brokerDown', atMs: x.downMs, broker: x.broker },
      { kind: 'brokerUp', atMs: x.downMs + x.forMs, broker: x.broker },
    ]),
  );

describe('replication: what acks and elections promise', () => {
  it('RF=3, min.insync.replicas=2, acks=all, clean elections: no acknowledged record is ever lost', () => {
    let elections = 0;
    fc.assert(
      fc.property(brokerFaults, fc.integer({ min: 0, max: 1000 }), (faults, seed) => {
        const r = simulate(cluster({ producer: { acks: 'all' }, faults }), { seed });
        elections += r.events.filter((e) => e.type === 'leaderElected').length;
        expect(r.summary.lostAcked).toBe(0);
        expect(r.summary.logDuplicates).toBe(0);
        expect(r.summary.acknowledged).toBeGreaterThan(0);
      }),
      { numRuns: 25 },
    );
    expect(elections).toBeGreaterThan(0);
  });

  it('acks=1 loses acknowledged records for some seeds when the leader dies before followers catch up', () => {
    const lost = [...Array(12).keys()].map((seed) => {
      const faults: FaultSpec[] = [
        { kind: 'brokerDown', atMs: 700 + seed * 37, broker: 1 },
        { kind: 'brokerUp', atMs: 1800, broker: 1 },
      ];
      return simulate(cluster({ producer: { acks: '1' }, faults, fetchMs: 15 }), { seed }).summary
        .lostAcked;
    });
    expect(lost.some((n) => n > 0)).toBe(true);
  });

  it('an unclean leader election truncates acknowledged records away', () => {
    const lost = [...Array(8).keys()].map((seed) => {
      // Broker 3 drops out of the ISR, then the ISR's brokers die and broker 3 leads uncleanly.
      const faults: FaultSpec[] = [
        { kind: 'brokerDown', atMs: 300, broker: 3 },
        { kind: 'brokerUp', atMs: 1300 + seed * 10, broker: 3 },
        { kind: 'brokerDown', atMs: 1200, broker: 1 },
        { kind: 'brokerDown', atMs: 1200, broker: 2 },
      ];
      const r = simulate(
        cluster({ producer: { acks: 'all' }, faults, minIsr: 1, unclean: true, durationMs: 2500 }),
        { seed },
      );
      expect(r.events.some((e) => e.type === 'leaderElected' && e.unclean)).toBe(true);
      return r.summary.lostAcked;
    });
    expect(lost.some((n) => n > 0)).toBe(true);
    // The same schedule with clean elections only: partitions go offline instead, nothing lost.
    const clean = simulate(
      cluster({
        producer: { acks: 'all' },
        minIsr: 1,
        durationMs: 2500,
        faults: [
          { kind: 'brokerDown', atMs: 300, broker: 3 },
          { kind: 'brokerUp', atMs: 1300, broker: 3 },
          { kind: 'brokerDown', atMs: 1200, broker: 1 },
          { kind: 'brokerDown', atMs: 1200, broker: 2 },
        ],
      }),
    );
    expect(clean.summary.lostAcked).toBe(0);
    expect(clean.events.some((e) => e.type === 'leaderElected' && e.leader === -1)).toBe(true);
  });
});

describe('producer retries: duplicates and reordering in the log', () => {
  const ackLoss: FaultSpec[] = [
    { kind: 'ackLoss', atMs: 500, producer: 'shop', count: 5 },
    { kind: 'ackLoss', atMs: 1500, producer: 'shop', count: 5 },
  ];

  it('without idempotence, a lost acknowledgement makes the retry append the record twice', () => {
    const r = simulate(
      cluster({ producer: { acks: 'all', 'enable.idempotence': false }, faults: ackLoss }),
    );
    expect(r.summary.logDuplicates).toBeGreaterThan(0);
  });

  it('with idempotence the leader drops the retried duplicate, always', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 20 }),
        (seed, count) => {
          const faults: FaultSpec[] = [{ kind: 'ackLoss', atMs: 400, producer: 'shop', count }];
          const r = simulate(
            cluster({ producer: { acks: 'all', 'enable.idempotence': true }, faults }),
            { seed },
          );
          expect(r.summary.logDuplicates).toBe(0);
          expect(r.summary.reorderedInLog).toBe(0);
        },
      ),
      { numRuns: 20 },
    );
  });

  const lossy: Scenario['network'] = {
    links: [
      { between: ['shop', 'broker-1'], dropRate: 0.2 },
      { between: ['shop', 'broker-2'], dropRate: 0.2 },
    ],
  };

  it('five requests in flight without idempotence: a failed-then-retried batch lands after a later one', () => {
    const r = simulate(
      cluster({
        producer: {
          acks: 'all',
          'enable.idempotence': false,
          'max.in.flight.requests.per.connection': 5,
        },
        network: lossy,
        keys: 3,
      }),
    );
    expect(r.summary.reorderedInLog).toBeGreaterThan(0);
  });

  it('with idempotence the order per key holds with up to 5 in flight, always', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (seed) => {
        const r = simulate(
          cluster({
            producer: {
              acks: 'all',
              'enable.idempotence': true,
              'max.in.flight.requests.per.connection': 5,
            },
            network: lossy,
            keys: 3,
          }),
          { seed },
        );
        expect(r.summary.reorderedInLog).toBe(0);
        expect(r.summary.logDuplicates).toBe(0);
      }),
      { numRuns: 15 },
    );
  });
});

describe('network partitions between a consumer and the group coordinator', () => {
  it('a member cut off past session.timeout.ms loses its partitions; its late commit is rejected; its records are processed again', () => {
    const s: Scenario = {
      version: 1,
      name: 'zombie',
      durationMs: 4000,
      topics: [{ name: 'orders', partitions: 2 }],
      producers: [
        {
          id: 'shop',
          topic: 'orders',
          rate: { kind: 'constant', perSec: 400 },
          keys: { kind: 'uniform', count: 20 },
          eventType: 'OrderCreated',
        },
      ],
      groups: [
        {
          id: 'g',
          topics: ['orders'],
          members: 2,
          commit: 'after-processing',
          processingMs: 3,
          config: {
            'session.timeout.ms': 500,
            'heartbeat.interval.ms': 100,
            'max.poll.records': 50,
          },
        },
      ],
      faults: [
        { kind: 'networkPartition', atMs: 1000, between: ['g-1', 'coordinator'], durationMs: 1500 },
      ],
    };
    const r = simulate(s);
    const expired = r.events.find((e) => e.type === 'memberExpired' && e.member === 'g-1');
    expect(expired).toMatchObject({ reason: 'session.timeout.ms' });
    const reassigned = r.events.find(
      (e) => e.type === 'partitionsAssigned' && e.member === 'g-2' && e.timeUs > expired!.timeUs,
    );
    expect(
      reassigned && reassigned.type === 'partitionsAssigned' && reassigned.partitions.length,
    ).toBe(2);
    const late = r.events.filter((e) => e.type === 'commitRejected' && e.member === 'g-1');
    expect(late.some((e) => e.type === 'commitRejected' && e.error === 'UNKNOWN_MEMBER_ID')).toBe(
      true,
    );
    expect(r.summary.duplicates).toBeGreaterThan(0);
  });
});

describe('poison messages', () => {
  const base = (failure: boolean): Scenario => ({
    version: 1,
    name: 'poison',
    durationMs: 2000,
    topics: [
      { name: 'orders', partitions: 1 },
      { name: 'dlq', partitions: 1 },
    ],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 100 },
        keys: { kind: 'uniform', count: 5 },
        eventType: 'OrderCreated',
      },
    ],
    groups: [
      {
        id: 'g',
        topics: ['orders'],
        members: 1,
        processingMs: 1,
        ...(failure
          ? { failure: { rate: 0, retries: 3, backoffMs: 10, deadLetterTopic: 'dlq' } }
          : {}),
      },
    ],
    faults: [{ kind: 'poisonMessage', atMs: 500, producer: 'shop' }],
  });

  it('goes to the dead-letter topic after the retries, and the partition moves on', () => {
    const r = simulate(base(true));
    expect(r.summary.dlq).toBe(1);
    expect(r.events.filter((e) => e.type === 'handlerFailed').length).toBe(3);
    expect(r.summary.pending).toBeLessThan(5);
  });

  it('without a failure policy is retried forever and the partition is stuck behind it', () => {
    const r = simulate(base(false));
    expect(r.summary.dlq).toBe(0);
    expect(r.events.filter((e) => e.type === 'handlerFailed').length).toBeGreaterThan(10);
    expect(r.summary.pending).toBeGreaterThan(50);
  });
});

describe('determinism and refold with cluster faults', () => {
  const faultsArb = fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constantFrom('brokerDown' as const, 'brokerUp' as const),
        atMs: fc.integer({ min: 0, max: 2000 }),
        broker: fc.integer({ min: 1, max: 3 }),
      }),
      fc.record({
        kind: fc.constant('ackLoss' as const),
        atMs: fc.integer({ min: 0, max: 2000 }),
        producer: fc.constant('shop'),
        count: fc.integer({ min: 1, max: 5 }),
      }),
      fc.record({
        kind: fc.constant('networkPartition' as const),
        atMs: fc.integer({ min: 0, max: 2000 }),
        between: fc.constantFrom<[string, string]>(['shop', 'broker-1'], ['g-1', 'coordinator']),
        durationMs: fc.integer({ min: 10, max: 800 }),
      }),
    ),
    { maxLength: 6 },
  );

  it('same seed → same log; the fold of the log equals the final state', () => {
    fc.assert(
      fc.property(
        faultsArb,
        fc.constantFrom('0', '1', 'all'),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (faults, acks, unclean, seed) => {
          const scenario = cluster({
            producer: { acks: acks as '0' | '1' | 'all' },
            faults: faults as FaultSpec[],
            unclean,
            durationMs: 2500,
          });
          const a = simulate(scenario, { seed });
          const b = simulate(scenario, { seed });
          expect(b.summary.logHash).toBe(a.summary.logHash);
          const viaJson = JSON.parse(JSON.stringify(a.events)) as SimEvent[];
          expect(stateDigest(fold(a.model, viaJson))).toBe(stateDigest(a.state));
        },
      ),
      { numRuns: 25 },
    );
  });
});
