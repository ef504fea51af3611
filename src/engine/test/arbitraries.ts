/**
 * fast-check arbitraries for whole scenarios: topics, producers with every key distribution,
 * groups with every assignor and commit mode, and fault schedules. Small on purpose, so a
 * property can run hundreds of them; fast-check prints the seed of any failure to replay it.
 */
import fc from 'fast-check';
import type {
  ConsumerConfig,
  DistSpec,
  FaultSpec,
  GroupSpec,
  KeySpec,
  ProducerConfig,
  ProducerSpec,
  Scenario,
} from '../scenario/types';

const strategies = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const;

export const keySpec: fc.Arbitrary<KeySpec> = fc.oneof(
  fc.constant<KeySpec>({ kind: 'null' }),
  fc
    .array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 4 })
    .map((keys): KeySpec => ({ kind: 'fixed', keys })),
  fc.integer({ min: 1, max: 50 }).map((count): KeySpec => ({ kind: 'uniform', count })),
  fc
    .record({
      count: fc.integer({ min: 1, max: 50 }),
      exponent: fc.double({ min: 0.5, max: 2, noNaN: true }),
    })
    .map((z): KeySpec => ({ kind: 'zipf', ...z })),
);

export interface ScenarioShape {
  commit?: GroupSpec['commit'];
  autoCommit?: boolean;
  faults?: boolean;
}

export function scenarioArb(shape: ScenarioShape = {}): fc.Arbitrary<Scenario> {
  return fc
    .record({
      partitions: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 2 }),
      producers: fc.array(
        fc.record({
          rate: fc.integer({ min: 50, max: 800 }),
          poisson: fc.boolean(),
          keys: keySpec,
          sendKey: fc.boolean(),
          topic: fc.nat(),
        }),
        { minLength: 1, maxLength: 2 },
      ),
      groups: fc.array(
        fc.record({
          members: fc.integer({ min: 1, max: 4 }),
          strategy: fc.constantFrom(...strategies),
          commit: shape.commit
            ? fc.constant(shape.commit)
            : fc.constantFrom('after-processing', 'before-processing', undefined),
          maxPoll: fc.integer({ min: 1, max: 50 }),
          meanMs: fc.double({ min: 0.2, max: 6, noNaN: true }),
          idempotent: fc.boolean(),
          failure: fc.boolean(),
          handler: fc.boolean(),
          allTopics: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      faults: fc.array(
        fc.record({
          kind: fc.constantFrom('crash', 'restart', 'pause', 'leave'),
          atMs: fc.integer({ min: 0, max: 1500 }),
          group: fc.nat(),
          member: fc.nat(),
          durationMs: fc.integer({ min: 1, max: 1500 }),
        }),
        { maxLength: shape.faults === false ? 0 : 6 },
      ),
    })
    .map((r): Scenario => {
      const topics = r.partitions.map((partitions, i) => ({ name: `t${i}`, partitions }));
      topics.push({ name: 'out', partitions: 2 }, { name: 'dlq', partitions: 1 });
      const producers: ProducerSpec[] = r.producers.map((p, i) => ({
        id: `p${i}`,
        topic: topics[p.topic % r.partitions.length]!.name,
        rate: { kind: p.poisson ? 'poisson' : 'constant', perSec: p.rate },
        keys: p.keys,
        sendKey: p.sendKey,
        eventType: 'Created',
      }));
      const groups: GroupSpec[] = r.groups.map((g, i) => {
        const config: ConsumerConfig = {
          'partition.assignment.strategy': g.strategy,
          'max.poll.records': g.maxPoll,
          'session.timeout.ms': 300,
          'heartbeat.interval.ms': 100,
          'max.poll.interval.ms': 2000,
          'auto.commit.interval.ms': 200,
        };
        if (shape.autoCommit !== undefined) config['enable.auto.commit'] = shape.autoCommit;
        const spec: GroupSpec = {
          id: `g${i}`,
          topics: g.allTopics ? r.partitions.map((_, t) => `t${t}`) : ['t0'],
          members: g.members,
          config,
          processingMs: { kind: 'exponential', meanMs: g.meanMs },
          idempotent: g.idempotent,
        };
        if (g.commit) spec.commit = g.commit;
        if (g.handler)
          spec.handlers = [
            { on: 'Created', emit: [{ type: 'Emitted', topic: 'out', probability: 0.7 }] },
          ];
        if (g.failure)
          spec.failure = { rate: 0.05, retries: 1, backoffMs: 5, deadLetterTopic: 'dlq' };
        return spec;
      });
      const faults: FaultSpec[] = r.faults.map((f) => {
        const g = groups[f.group % groups.length]!;
        const member = `${g.id}-${(f.member % (g.members as number)) + 1}`;
        return f.kind === 'pause'
          ? { kind: 'pause', atMs: f.atMs, group: g.id, member, durationMs: f.durationMs }
          : { kind: f.kind, atMs: f.atMs, group: g.id, member };
      });
      return { version: 1, name: 'random', durationMs: 2500, topics, producers, groups, faults };
    });
}

/** What a request-path scenario may hold fixed (the rest is random). */
export interface ClusterShape {
  /** Fixed producer settings, merged over the random ones. */
  producer?: ProducerConfig;
  /** Replication factor and min.insync.replicas of every topic (default: random). */
  rf?: number;
  minIsr?: number;
  /** unclean.leader.election.enable (default: random). */
  unclean?: boolean;
  /** Which fault kinds the schedule may hold (default: all). */
  faults?: readonly InfraFaultKind[];
  /** Drop no messages (a lossless network, latency still random). */
  lossless?: boolean;
}

export type InfraFaultKind = 'broker' | 'ackLoss' | 'networkPartition' | 'producerRestart';

const latencySpec: fc.Arbitrary<DistSpec> = fc.oneof(
  fc.integer({ min: 1, max: 5 }),
  fc
    .record({ minMs: fc.integer({ min: 0, max: 3 }), spreadMs: fc.integer({ min: 1, max: 30 }) })
    .map((u): DistSpec => ({ kind: 'uniform', minMs: u.minMs, maxMs: u.minMs + u.spreadMs })),
  fc.integer({ min: 1, max: 15 }).map((m): DistSpec => ({ kind: 'exponential', meanMs: m })),
  fc
    .record({ meanMs: fc.integer({ min: 2, max: 20 }), stddevMs: fc.integer({ min: 1, max: 10 }) })
    .map((n): DistSpec => ({ kind: 'normal', ...n })),
);

/**
 * Valid producer delivery settings. Idempotence is left at its default or set explicitly only
 * where Kafka accepts it (acks=all, retries > 0, at most 5 in flight).
 */
export const producerConfigArb: fc.Arbitrary<ProducerConfig> = fc
  .record(
    {
      acks: fc.constantFrom<'0' | '1' | 'all'>('0', '1', 'all'),
      'enable.idempotence': fc.boolean(),
      'max.in.flight.requests.per.connection': fc.integer({ min: 1, max: 6 }),
      retries: fc.constantFrom(0, 1, 3, 2147483647),
      'retry.backoff.ms': fc.integer({ min: 0, max: 150 }),
      'request.timeout.ms': fc.integer({ min: 30, max: 400 }),
      'delivery.timeout.ms': fc.integer({ min: 200, max: 120_000 }),
      'linger.ms': fc.integer({ min: 0, max: 10 }),
      'batch.size': fc.constantFrom(100, 1000, 16384),
    },
    { requiredKeys: ['acks'] },
  )
  .map((c) => {
    const ok =
      c.acks === 'all' &&
      (c.retries ?? 1) > 0 &&
      (c['max.in.flight.requests.per.connection'] ?? 5) <= 5;
    if (c['enable.idempotence'] === true && !ok) delete c['enable.idempotence'];
    return c;
  });

const infraFaultArb = (kinds: readonly InfraFaultKind[]) =>
  fc.oneof(
    ...kinds.map((k) => {
      if (k === 'broker')
        return fc.record({
          kind: fc.constantFrom('brokerDown' as const, 'brokerUp' as const),
          atMs: fc.integer({ min: 0, max: 2000 }),
          broker: fc.integer({ min: 1, max: 3 }),
          client: fc.constant(0),
          count: fc.constant(0),
          durationMs: fc.constant(0),
        });
      if (k === 'producerRestart')
        return fc.record({
          kind: fc.constant('producerRestart' as const),
          atMs: fc.integer({ min: 0, max: 2000 }),
          broker: fc.constant(0),
          client: fc.nat(),
          count: fc.constant(0),
          durationMs: fc.constant(0),
        });
      if (k === 'ackLoss')
        return fc.record({
          kind: fc.constant('ackLoss' as const),
          atMs: fc.integer({ min: 0, max: 2000 }),
          broker: fc.constant(0),
          client: fc.nat(),
          count: fc.integer({ min: 1, max: 6 }),
          durationMs: fc.constant(0),
        });
      return fc.record({
        kind: fc.constant('networkPartition' as const),
        atMs: fc.integer({ min: 0, max: 2000 }),
        broker: fc.integer({ min: 1, max: 3 }),
        client: fc.nat(),
        count: fc.constant(0),
        durationMs: fc.integer({ min: 10, max: 800 }),
      });
    }),
  );

/**
 * Scenarios on the request path: scenarioArb's topics, producers, groups and member faults,
 * plus three brokers, replication, random producer delivery settings, link latency
 * distributions (jitter) and loss, and broker, ack-loss and network-partition faults.
 */
export function clusterScenarioArb(shape: ClusterShape = {}): fc.Arbitrary<Scenario> {
  const kinds = shape.faults ?? ['broker', 'ackLoss', 'networkPartition'];
  return fc
    .record({
      base: scenarioArb({ faults: true }),
      rf: shape.rf ? fc.constant(shape.rf) : fc.integer({ min: 1, max: 3 }),
      minIsr: shape.minIsr ? fc.constant(shape.minIsr) : fc.integer({ min: 1, max: 3 }),
      unclean: shape.unclean === undefined ? fc.boolean() : fc.constant(shape.unclean),
      lagMs: fc.constantFrom(50, 300, 1000),
      fetchMs: fc.integer({ min: 0, max: 40 }),
      configs: fc.array(producerConfigArb, { minLength: 2, maxLength: 2 }),
      latency: latencySpec,
      dropRate: shape.lossless ? fc.constant(0) : fc.constantFrom(0, 0, 0.02, 0.1),
      faults: fc.array(infraFaultArb(kinds.length > 0 ? kinds : ['broker']), {
        maxLength: kinds.length > 0 ? 6 : 0,
      }),
    })
    .map((r): Scenario => {
      const producers = r.base.producers.map((p, i) => ({
        ...p,
        config: { ...r.configs[i % 2]!, ...shape.producer },
      }));
      const clients = producers.map((p) => p.id);
      const infra = r.faults.map((f): FaultSpec => {
        const client = clients[f.client % clients.length]!;
        if (f.kind === 'ackLoss')
          return { kind: 'ackLoss', atMs: f.atMs, producer: client, count: f.count };
        if (f.kind === 'producerRestart')
          return { kind: 'producerRestart', atMs: f.atMs, producer: client };
        if (f.kind === 'networkPartition')
          return {
            kind: 'networkPartition',
            atMs: f.atMs,
            between: [client, `broker-${f.broker}`],
            durationMs: f.durationMs,
          };
        return { kind: f.kind, atMs: f.atMs, broker: f.broker };
      });
      return {
        ...r.base,
        cluster: {
          brokers: 3,
          'replica.lag.time.max.ms': r.lagMs,
          'replica.fetch.latency.ms': r.fetchMs,
          'unclean.leader.election.enable': r.unclean,
        },
        network: { latencyMs: r.latency, dropRate: r.dropRate },
        topics: r.base.topics.map((t) => ({
          ...t,
          'replication.factor': r.rf,
          'min.insync.replicas': Math.min(r.minIsr, r.rf),
        })),
        producers,
        faults: [...r.base.faults, ...infra].sort((a, b) => a.atMs - b.atMs),
      };
    });
}
