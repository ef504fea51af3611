/**
 * Random scenarios on the request path: the engine's random scenarios (groups, commit modes,
 * member faults) plus brokers, replication, producer delivery settings and infrastructure faults
 * (broker down/up, lost acks, poison messages, network partitions, dropped messages, unclean
 * elections).
 */
import fc from 'fast-check';
import type { FaultSpec, ProducerConfig, Scenario } from '../../engine';
import { scenarioArb } from '../../engine/test/arbitraries';

const producerConfig: fc.Arbitrary<ProducerConfig> = fc
  .record({
    acks: fc.constantFrom<'0' | '1' | 'all'>('0', '1', 'all'),
    'enable.idempotence': fc.boolean(),
    'max.in.flight.requests.per.connection': fc.integer({ min: 1, max: 5 }),
    'request.timeout.ms': fc.integer({ min: 50, max: 400 }),
    'linger.ms': fc.integer({ min: 0, max: 10 }),
    retries: fc.constantFrom(0, 2, 2147483647),
  })
  // Kafka refuses enable.idempotence=true without acks=all, or with retries=0.
  .map((c) => (c.acks === 'all' && c.retries !== 0 ? c : { ...c, 'enable.idempotence': false }));

const infraFault = fc.oneof(
  fc.record({
    kind: fc.constantFrom('brokerDown' as const, 'brokerUp' as const),
    atMs: fc.integer({ min: 0, max: 2000 }),
    broker: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('ackLoss' as const),
    atMs: fc.integer({ min: 0, max: 2000 }),
    producer: fc.nat(),
    count: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    kind: fc.constant('poisonMessage' as const),
    atMs: fc.integer({ min: 0, max: 2000 }),
    producer: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('producerRestart' as const),
    atMs: fc.integer({ min: 0, max: 2000 }),
    producer: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('networkPartition' as const),
    atMs: fc.integer({ min: 0, max: 2000 }),
    client: fc.nat(),
    broker: fc.integer({ min: 1, max: 3 }),
    durationMs: fc.integer({ min: 10, max: 800 }),
  }),
);

export const clusterScenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    base: scenarioArb(),
    unclean: fc.boolean(),
    rf: fc.integer({ min: 1, max: 3 }),
    minIsr: fc.integer({ min: 1, max: 2 }),
    lagMs: fc.constantFrom(100, 300, 1000),
    fetchMs: fc.integer({ min: 1, max: 40 }),
    configs: fc.array(producerConfig, { minLength: 2, maxLength: 2 }),
    dropRate: fc.constantFrom(0, 0, 0.01),
    faults: fc.array(infraFault, { maxLength: 6 }),
    // Transactional producers (each its own transactional.id), where the settings allow it.
    txnRecords: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined, freq: 3 }),
  })
  .map(
    ({
      base,
      unclean,
      rf,
      minIsr,
      lagMs,
      fetchMs,
      configs,
      dropRate,
      faults,
      txnRecords,
    }): Scenario => {
      const producers = base.producers.map((p, i) => {
        const config = configs[i % 2]!;
        if (txnRecords === undefined || config.acks !== 'all' || config.retries === 0)
          return { ...p, config };
        return {
          ...p,
          transactionRecords: txnRecords,
          config: { ...config, 'enable.idempotence': true, 'transactional.id': `tx-${p.id}` },
        };
      });
      const clients = producers.map((p) => p.id);
      const infra: FaultSpec[] = faults.map((f): FaultSpec => {
        if (f.kind === 'ackLoss' || f.kind === 'poisonMessage' || f.kind === 'producerRestart')
          return { ...f, producer: clients[f.producer % clients.length]! };
        if (f.kind === 'networkPartition')
          return {
            kind: 'networkPartition',
            atMs: f.atMs,
            between: [clients[f.client % clients.length]!, `broker-${f.broker}`],
            durationMs: f.durationMs,
          };
        return f;
      });
      return {
        ...base,
        cluster: {
          brokers: 3,
          'replica.lag.time.max.ms': lagMs,
          'replica.fetch.latency.ms': fetchMs,
          'unclean.leader.election.enable': unclean,
        },
        topics: base.topics.map((t) => ({
          ...t,
          'replication.factor': rf,
          'min.insync.replicas': Math.min(minIsr, rf),
        })),
        producers,
        ...(dropRate > 0 ? { network: { dropRate } } : {}),
        faults: [...base.faults, ...infra],
      };
    },
  );
