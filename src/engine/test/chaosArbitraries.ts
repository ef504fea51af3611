/**
 * fast-check arbitraries for liveness properties: random scenarios with random fault schedules
 * of every kind the format has (member crashes, restarts, pauses and leaves; brokers going down
 * and up with unclean elections that truncate logs; network partitions between members and the
 * group coordinator across auto-commits; lost acknowledgements; poison messages), Kafka's
 * defaults often left alone, processing times that may be zero, and services whose handlers may
 * feed the topic they read. Scenarios come out as plain JSON, as a user would write them: some
 * are invalid on purpose (a loop with no processing time), and the validator must say so.
 */
import fc from 'fast-check';
import type {
  ConsumerConfig,
  DistSpec,
  FaultSpec,
  GroupSpec,
  ProducerSpec,
  Scenario,
  TopicSpec,
} from '../scenario/types';

export interface ChaosShape {
  /** Brokers and replication: 'always', 'never' or either (default). */
  cluster?: 'always' | 'never';
  /** auto.offset.reset for every group; default: unset (Kafka's latest), earliest or latest. */
  reset?: 'earliest' | 'latest';
  /** Allow handlers that emit into a topic their group reads (default true). */
  loops?: boolean;
  /** Sim time; default 6000 ms, past the default auto.commit.interval.ms of 5000. */
  durationMs?: number;
}

const processing: fc.Arbitrary<DistSpec> = fc.oneof(
  fc.constant<DistSpec>(0),
  fc.constant<DistSpec>({ kind: 'constant', ms: 0 }),
  fc.double({ min: 0.001, max: 5, noNaN: true }),
  fc
    .double({ min: 0.05, max: 4, noNaN: true })
    .map((meanMs): DistSpec => ({ kind: 'exponential', meanMs })),
  fc
    .record({
      a: fc.double({ min: 0, max: 2, noNaN: true }),
      w: fc.double({ min: 0, max: 3, noNaN: true }),
    })
    .map(({ a, w }): DistSpec => ({ kind: 'uniform', minMs: a, maxMs: a + w })),
);

const groupArb = (loops: boolean) =>
  fc.record({
    members: fc.integer({ min: 0, max: 3 }),
    lateStartMs: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }),
    defaults: fc.boolean(),
    strategy: fc.constantFrom('range', 'roundrobin', 'sticky', 'cooperative-sticky' as const),
    commit: fc.constantFrom('after-processing', 'before-processing', undefined),
    autoCommitMs: fc.option(fc.integer({ min: 20, max: 1500 }), { nil: undefined }),
    reset: fc.constantFrom('earliest', 'latest', undefined),
    maxPoll: fc.integer({ min: 1, max: 200 }),
    processing,
    emit: fc.constantFrom('none', 'out', ...(loops ? (['self', 'other'] as const) : [])),
    emitProbability: fc.constantFrom(1, 0.5),
    failure: fc.constantFrom('none', 'dlq', 'dlq-read'),
    idempotent: fc.boolean(),
    fetchLatencyMs: fc.option(fc.constantFrom(0, 0.5, 2), { nil: undefined }),
  });

interface FaultDraw {
  kind: string;
  atMs: number;
  who: number;
  broker: number;
  durationMs: number;
  count: number;
}

const faultArb: fc.Arbitrary<FaultDraw> = fc.record({
  kind: fc.constantFrom(
    'crash',
    'restart',
    'pause',
    'leave',
    'brokerDown',
    'brokerUp',
    'cutCoordinator',
    'cutBroker',
    'ackLoss',
    'poisonMessage',
    'uncleanElection',
  ),
  atMs: fc.integer({ min: 0, max: 5800 }),
  who: fc.nat(),
  broker: fc.integer({ min: 1, max: 3 }),
  durationMs: fc.integer({ min: 1, max: 6000 }),
  count: fc.integer({ min: 1, max: 5 }),
});

/** Random scenarios as JSON values (parse them with parseScenario: some are refused). */
export function chaosScenarioArb(shape: ChaosShape = {}): fc.Arbitrary<Scenario> {
  const loops = shape.loops ?? true;
  return fc
    .record({
      partitions: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 }),
      cluster:
        shape.cluster === 'never'
          ? fc.constant(null)
          : shape.cluster === 'always'
            ? clusterArb
            : fc.option(clusterArb, { nil: null }),
      producers: fc.array(
        fc.record({
          perSec: fc.integer({ min: 20, max: 600 }),
          poisson: fc.boolean(),
          keys: fc.integer({ min: 0, max: 20 }),
          topic: fc.nat(),
          startMs: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
          stopMs: fc.option(fc.integer({ min: 2000, max: 5000 }), { nil: undefined }),
          acks: fc.constantFrom('0', '1', 'all', undefined),
          idempotence: fc.option(fc.boolean(), { nil: undefined }),
          requestTimeoutMs: fc.option(fc.integer({ min: 20, max: 500 }), { nil: undefined }),
          lingerMs: fc.option(fc.constantFrom(0, 1, 5), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
      groups: fc.array(groupArb(loops), { minLength: 1, maxLength: 3 }),
      faults: fc.array(faultArb, { maxLength: 8 }),
    })
    .map((r): Scenario => {
      const inputs = r.partitions.map((_, i) => `t${i}`);
      const rf = r.cluster ? r.cluster.rf : undefined;
      const topics: TopicSpec[] = r.partitions.map((partitions, i) =>
        topic(inputs[i]!, partitions, rf, r.cluster?.minIsr),
      );
      topics.push(topic('out', 2, rf, r.cluster?.minIsr), topic('dlq', 1, rf, r.cluster?.minIsr));
      const producers: ProducerSpec[] = r.producers.map((p, i) => {
        const spec: ProducerSpec = {
          id: `p${i}`,
          // The first producer feeds t0, which the first group reads.
          topic: inputs[i === 0 ? 0 : p.topic % inputs.length]!,
          rate: { kind: p.poisson ? 'poisson' : 'constant', perSec: p.perSec },
          keys: p.keys === 0 ? { kind: 'null' } : { kind: 'uniform', count: p.keys },
          eventType: 'Created',
        };
        if (p.startMs !== undefined) spec.startMs = p.startMs;
        if (p.stopMs !== undefined) spec.stopMs = p.stopMs;
        if (r.cluster) {
          spec.config = {};
          if (p.acks) spec.config.acks = p.acks;
          if (p.idempotence !== undefined && (p.acks ?? 'all') === 'all')
            spec.config['enable.idempotence'] = p.idempotence;
          if (p.requestTimeoutMs) spec.config['request.timeout.ms'] = p.requestTimeoutMs;
          if (p.lingerMs !== undefined) spec.config['linger.ms'] = p.lingerMs;
        }
        return spec;
      });
      const groups: GroupSpec[] = r.groups.map((g, i) => group(g, i, inputs, shape.reset));
      const faults = r.faults.flatMap((f) => fault(f, groups, producers, r.cluster?.brokers ?? 0));
      const s: Scenario = {
        version: 1,
        name: 'chaos',
        durationMs: shape.durationMs ?? 6000,
        topics,
        producers,
        groups,
        faults,
      };
      if (r.cluster) {
        s.cluster = {
          brokers: r.cluster.brokers,
          'unclean.leader.election.enable': r.cluster.unclean,
          'replica.lag.time.max.ms': r.cluster.lagMs,
          'replica.fetch.latency.ms': r.cluster.fetchMs,
        };
        if (r.cluster.latencyMs !== null)
          s.network = { latencyMs: { kind: 'uniform', minMs: 0, maxMs: r.cluster.latencyMs } };
      }
      return s;
    });
}

const clusterArb = fc
  .record({
    brokers: fc.integer({ min: 1, max: 3 }),
    rf: fc.integer({ min: 1, max: 3 }),
    minIsr: fc.integer({ min: 1, max: 3 }),
    unclean: fc.boolean(),
    lagMs: fc.integer({ min: 50, max: 1000 }),
    fetchMs: fc.constantFrom(0, 1, 5, 20),
    latencyMs: fc.option(fc.constantFrom(0, 1, 3), { nil: null }),
  })
  .map((c) => {
    const rf = Math.min(c.rf, c.brokers);
    return { ...c, rf, minIsr: Math.min(c.minIsr, rf) };
  });

function topic(name: string, partitions: number, rf?: number, minIsr?: number): TopicSpec {
  const t: TopicSpec = { name, partitions };
  if (rf !== undefined) t['replication.factor'] = rf;
  if (minIsr !== undefined) t['min.insync.replicas'] = minIsr;
  return t;
}

type GroupDraw = ReturnType<typeof groupArb> extends fc.Arbitrary<infer T> ? T : never;

function group(
  g: GroupDraw,
  i: number,
  inputs: string[],
  reset?: 'earliest' | 'latest',
): GroupSpec {
  const id = `g${i}`;
  const own = inputs[i % inputs.length]!;
  const spec: GroupSpec = {
    id,
    topics: g.failure === 'dlq-read' ? [own, 'dlq'] : [own],
    members:
      g.lateStartMs === undefined || g.members === 0
        ? g.members
        : Array.from({ length: g.members }, (_, j) => ({
            id: `${id}-${j + 1}`,
            ...(j === 0 ? { startMs: g.lateStartMs } : {}),
          })),
    processingMs: g.processing,
    idempotent: g.idempotent,
  };
  const config: ConsumerConfig = {};
  if (!g.defaults) {
    config['partition.assignment.strategy'] = g.strategy;
    config['max.poll.records'] = g.maxPoll;
    config['session.timeout.ms'] = 400;
    config['heartbeat.interval.ms'] = 100;
    config['max.poll.interval.ms'] = 3000;
    if (g.autoCommitMs !== undefined) config['auto.commit.interval.ms'] = g.autoCommitMs;
    if (g.fetchLatencyMs !== undefined) config['fetch.latency.ms'] = g.fetchLatencyMs;
    if (g.commit) spec.commit = g.commit;
  }
  const r = reset ?? g.reset;
  if (r) config['auto.offset.reset'] = r;
  if (Object.keys(config).length > 0) spec.config = config;
  const emitTo = { none: null, out: 'out', self: own, other: inputs[(i + 1) % inputs.length]! }[
    g.emit
  ];
  if (emitTo)
    spec.handlers = [
      { on: 'Created', emit: [{ type: 'Created', topic: emitTo, probability: g.emitProbability }] },
    ];
  if (g.failure === 'dlq' || g.failure === 'dlq-read')
    spec.failure = { rate: 0.05, retries: 1, backoffMs: 3, deadLetterTopic: 'dlq' };
  return spec;
}

/** A drawn fault aimed at the scenario's members, producers and brokers (0 brokers: none). */
function fault(
  f: FaultDraw,
  groups: GroupSpec[],
  producers: ProducerSpec[],
  brokers: number,
): FaultSpec[] {
  const cluster = brokers > 0;
  const broker = ((f.broker - 1) % Math.max(1, brokers)) + 1;
  const members = groups.flatMap((g) =>
    (typeof g.members === 'number'
      ? Array.from({ length: g.members }, (_, j) => `${g.id}-${j + 1}`)
      : g.members.map((m) => m.id)
    ).map((member) => ({ group: g.id, member })),
  );
  const m = members.length > 0 ? members[f.who % members.length]! : null;
  const producer = producers[f.who % producers.length]!.id;
  switch (f.kind) {
    case 'crash':
    case 'restart':
    case 'leave':
      return m ? [{ kind: f.kind, atMs: f.atMs, ...m }] : [];
    case 'pause':
      return m ? [{ kind: 'pause', atMs: f.atMs, ...m, durationMs: f.durationMs }] : [];
    case 'cutCoordinator':
      // Often across the first auto-commit with the defaults (at 5 s), else anywhere.
      return m
        ? [
            {
              kind: 'networkPartition',
              atMs: f.count % 2 === 0 ? 3500 + (f.atMs % 1400) : f.atMs,
              between: [m.member, 'coordinator'],
              durationMs: f.count % 2 === 0 ? 700 + (f.durationMs % 2500) : f.durationMs,
            },
          ]
        : [];
    case 'cutBroker':
      return cluster
        ? [
            {
              kind: 'networkPartition',
              atMs: f.atMs,
              between: [producer, `broker-${broker}`],
              durationMs: f.durationMs,
            },
          ]
        : [];
    case 'brokerDown':
    case 'brokerUp':
      return cluster ? [{ kind: f.kind, atMs: f.atMs, broker }] : [];
    case 'uncleanElection': {
      // The textbook sequence: one broker drops out of the ISR (down), the others die, and it
      // comes back to lead uncleanly (if enabled) with a shorter log: a truncation.
      if (brokers < 2) return [];
      const others = Array.from({ length: brokers }, (_, i) => i + 1).filter((b) => b !== broker);
      const allDown = f.atMs + 400 + (f.durationMs % 800);
      return [
        { kind: 'brokerDown', atMs: f.atMs, broker },
        ...others.map((b): FaultSpec => ({ kind: 'brokerDown', atMs: allDown, broker: b })),
        { kind: 'brokerUp', atMs: allDown + 50 + (f.count - 1) * 40, broker },
      ];
    }
    case 'ackLoss':
      return cluster ? [{ kind: 'ackLoss', atMs: f.atMs, producer, count: f.count }] : [];
    default:
      return [{ kind: 'poisonMessage', atMs: f.atMs, producer }];
  }
}

/**
 * One group, all defaults or a short auto.commit.interval.ms, whose members are cut off from
 * the group coordinator (1 to 3 times) across auto-commits; processing may take no time.
 */
export function coordinatorCutArb(): fc.Arbitrary<Scenario> {
  return fc
    .record({
      members: fc.integer({ min: 1, max: 3 }),
      intervalMs: fc.option(fc.integer({ min: 10, max: 2000 }), { nil: undefined }),
      commit: fc.constantFrom('after-processing', 'before-processing', undefined),
      processing,
      perSec: fc.integer({ min: 10, max: 500 }),
      cuts: fc.array(
        fc.record({
          member: fc.nat(),
          atMs: fc.integer({ min: 0, max: 5500 }),
          durationMs: fc.integer({ min: 1, max: 8000 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      crash: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined }),
    })
    .map((r): Scenario => {
      const group: GroupSpec = {
        id: 'g',
        topics: ['orders'],
        members: r.members,
        processingMs: r.processing,
      };
      if (r.intervalMs !== undefined) group.config = { 'auto.commit.interval.ms': r.intervalMs };
      if (r.commit && r.intervalMs === undefined) group.commit = r.commit;
      const faults: FaultSpec[] = r.cuts.map((c) => ({
        kind: 'networkPartition',
        atMs: c.atMs,
        between: [`g-${(c.member % r.members) + 1}`, 'coordinator'],
        durationMs: c.durationMs,
      }));
      if (r.crash !== undefined)
        faults.push({ kind: 'crash', atMs: r.crash, group: 'g', member: 'g-1' });
      return {
        version: 1,
        name: 'cut from the coordinator',
        durationMs: 8000,
        topics: [{ name: 'orders', partitions: 3 }],
        producers: [
          {
            id: 'shop',
            topic: 'orders',
            rate: { kind: 'poisson', perSec: r.perSec },
            keys: { kind: 'uniform', count: 10 },
            eventType: 'OrderCreated',
          },
        ],
        groups: [group],
        faults,
      };
    });
}

/**
 * Three brokers, unclean leader election on, and the textbook sequence that truncates a log:
 * one broker falls out of the ISR, the others die, it comes back to lead with a shorter log.
 * The producer may stop before (nothing new to read afterwards); the group auto-commits.
 */
export function uncleanTruncationArb(): fc.Arbitrary<Scenario> {
  return fc
    .record({
      acks: fc.constantFrom('0', '1', 'all' as const),
      stopMs: fc.option(fc.integer({ min: 500, max: 2500 }), { nil: undefined }),
      intervalMs: fc.integer({ min: 20, max: 1000 }),
      reset: fc.constantFrom('earliest', 'latest', undefined),
      processing,
      members: fc.integer({ min: 1, max: 2 }),
      outAtMs: fc.integer({ min: 100, max: 1500 }),
      downAfterMs: fc.integer({ min: 350, max: 1200 }),
      upAfterMs: fc.integer({ min: 1, max: 600 }),
      outBroker: fc.integer({ min: 1, max: 3 }),
    })
    .map((r): Scenario => {
      const others = [1, 2, 3].filter((b) => b !== r.outBroker);
      const down = r.outAtMs + r.downAfterMs;
      const config: ConsumerConfig = { 'auto.commit.interval.ms': r.intervalMs };
      if (r.reset) config['auto.offset.reset'] = r.reset;
      const producer: ProducerSpec = {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 300 },
        keys: { kind: 'uniform', count: 8 },
        eventType: 'E',
        config: {
          acks: r.acks,
          'request.timeout.ms': 100,
          'delivery.timeout.ms': 400,
          'linger.ms': 1,
        },
      };
      if (r.stopMs !== undefined) producer.stopMs = r.stopMs;
      return {
        version: 1,
        name: 'unclean election',
        durationMs: 4000,
        cluster: {
          brokers: 3,
          'replica.lag.time.max.ms': 200,
          'replica.fetch.latency.ms': 2,
          'unclean.leader.election.enable': true,
        },
        topics: [
          { name: 'orders', partitions: 2, 'replication.factor': 3, 'min.insync.replicas': 1 },
        ],
        producers: [producer],
        groups: [
          { id: 'g', topics: ['orders'], members: r.members, processingMs: r.processing, config },
        ],
        faults: [
          { kind: 'brokerDown', atMs: r.outAtMs, broker: r.outBroker },
          ...others.map((b): FaultSpec => ({ kind: 'brokerDown', atMs: down, broker: b })),
          { kind: 'brokerUp', atMs: down + r.upAfterMs, broker: r.outBroker },
        ],
      };
    });
}
