import { Checker, child } from './validate';
import type { ClusterSpec, FaultSpec, NetworkSpec, ProducerConfig, Scenario } from './types';

/*
 * The parts of the format for brokers, replication, the network and the producer's delivery
 * settings (issue: failures the way they happen in Kafka). Same rules as parse.ts: never throw,
 * name the JSON path of every problem.
 */

const MAX_MS = 1e9;

export function parseCluster(c: Checker, v: unknown, p: string): ClusterSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, [
    'brokers',
    'replica.lag.time.max.ms',
    'unclean.leader.election.enable',
    'replica.fetch.latency.ms',
  ]);
  const brokers = c.number(o.brokers, child(p, 'brokers'), { integer: true, min: 1, max: 50 });
  if (brokers === undefined) return undefined;
  const out: ClusterSpec = { brokers };
  if (o['replica.lag.time.max.ms'] !== undefined)
    out['replica.lag.time.max.ms'] = c.number(
      o['replica.lag.time.max.ms'],
      child(p, 'replica.lag.time.max.ms'),
      { min: 1, max: MAX_MS },
    );
  if (o['replica.fetch.latency.ms'] !== undefined)
    out['replica.fetch.latency.ms'] = c.number(
      o['replica.fetch.latency.ms'],
      child(p, 'replica.fetch.latency.ms'),
      { min: 0, max: MAX_MS },
    );
  if (o['unclean.leader.election.enable'] !== undefined)
    out['unclean.leader.election.enable'] = c.boolean(
      o['unclean.leader.election.enable'],
      child(p, 'unclean.leader.election.enable'),
    );
  return out;
}

export function parseNetwork(
  c: Checker,
  v: unknown,
  p: string,
  parseDist: (c: Checker, v: unknown, p: string) => unknown,
): NetworkSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['latencyMs', 'dropRate', 'links']);
  const out: NetworkSpec = {};
  if (o.latencyMs !== undefined)
    out.latencyMs = parseDist(c, o.latencyMs, child(p, 'latencyMs')) as NetworkSpec['latencyMs'];
  if (o.dropRate !== undefined)
    out.dropRate = c.number(o.dropRate, child(p, 'dropRate'), { min: 0, max: 1 });
  if (o.links !== undefined) {
    const links = c.array(o.links, child(p, 'links'));
    if (links) {
      out.links = [];
      links.forEach((l, i) => {
        const lp = child(child(p, 'links'), i);
        const lo = c.object(l, lp);
        if (!lo) return;
        c.knownKeys(lo, lp, ['between', 'latencyMs', 'dropRate']);
        const between = pair(c, lo.between, child(lp, 'between'));
        if (!between) return;
        const link: NonNullable<NetworkSpec['links']>[number] = { between };
        if (lo.latencyMs !== undefined)
          link.latencyMs = parseDist(
            c,
            lo.latencyMs,
            child(lp, 'latencyMs'),
          ) as NetworkSpec['latencyMs'];
        if (lo.dropRate !== undefined)
          link.dropRate = c.number(lo.dropRate, child(lp, 'dropRate'), { min: 0, max: 1 });
        out.links!.push(link);
      });
    }
  }
  return out;
}

function pair(c: Checker, v: unknown, p: string): [string, string] | undefined {
  const a = c.array(v, p);
  if (!a) return undefined;
  if (a.length !== 2)
    return c.fail(p, `must name two components, got ${a.length}`, 'pairLength', {
      got: a.length,
    });
  const x = c.string(a[0], child(p, 0));
  const y = c.string(a[1], child(p, 1));
  return x && y ? [x, y] : undefined;
}

const PRODUCER_KEYS = [
  'batch.size',
  'linger.ms',
  'acks',
  'enable.idempotence',
  'retries',
  'retry.backoff.ms',
  'request.timeout.ms',
  'delivery.timeout.ms',
  'max.in.flight.requests.per.connection',
  'metadata.max.age.ms',
  'transactional.id',
  'transaction.timeout.ms',
] as const;

/** transactional.id and transaction.timeout.ms, a service's or a producer's (Kafka's names). */
export function parseTxnSettings(
  c: Checker,
  o: Record<string, unknown>,
  p: string,
  cfg: { 'transactional.id'?: string; 'transaction.timeout.ms'?: number },
): void {
  if (o['transactional.id'] !== undefined)
    cfg['transactional.id'] = c.string(o['transactional.id'], child(p, 'transactional.id'), {
      maxLength: 249,
    });
  // Kafka bounds transaction.timeout.ms by the broker's transaction.max.timeout.ms (15 min).
  if (o['transaction.timeout.ms'] !== undefined)
    cfg['transaction.timeout.ms'] = c.number(
      o['transaction.timeout.ms'],
      child(p, 'transaction.timeout.ms'),
      { min: 1, max: 900_000 },
    );
}

export function parseProducerConfig(c: Checker, v: unknown, p: string): ProducerConfig | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, PRODUCER_KEYS);
  const cfg: ProducerConfig = {};
  const ms = (k: string, min = 0) => c.number(o[k], child(p, k), { min, max: MAX_MS });
  if (o['batch.size'] !== undefined)
    cfg['batch.size'] = c.number(o['batch.size'], child(p, 'batch.size'), {
      integer: true,
      min: 1,
      max: 1e9,
    });
  if (o['linger.ms'] !== undefined) cfg['linger.ms'] = ms('linger.ms');
  if (o.acks !== undefined)
    cfg.acks = c.oneOf(o.acks, child(p, 'acks'), ['0', '1', 'all'] as const);
  if (o['enable.idempotence'] !== undefined)
    cfg['enable.idempotence'] = c.boolean(o['enable.idempotence'], child(p, 'enable.idempotence'));
  if (o.retries !== undefined)
    cfg.retries = c.number(o.retries, child(p, 'retries'), {
      integer: true,
      min: 0,
      max: 2147483647,
    });
  if (o['retry.backoff.ms'] !== undefined) cfg['retry.backoff.ms'] = ms('retry.backoff.ms');
  if (o['request.timeout.ms'] !== undefined)
    cfg['request.timeout.ms'] = ms('request.timeout.ms', 1);
  if (o['delivery.timeout.ms'] !== undefined)
    cfg['delivery.timeout.ms'] = ms('delivery.timeout.ms', 1);
  if (o['metadata.max.age.ms'] !== undefined)
    cfg['metadata.max.age.ms'] = ms('metadata.max.age.ms', 1);
  if (o['max.in.flight.requests.per.connection'] !== undefined) {
    cfg['max.in.flight.requests.per.connection'] = c.number(
      o['max.in.flight.requests.per.connection'],
      child(p, 'max.in.flight.requests.per.connection'),
      { integer: true, min: 1, max: 100 },
    );
  }
  parseTxnSettings(c, o, p, cfg);
  const transactional = o['transactional.id'] !== undefined;
  // Kafka (ProducerConfig): "Cannot set a transactional.id without also enabling idempotence."
  if (transactional && cfg['enable.idempotence'] === false)
    c.fail(
      child(p, 'enable.idempotence'),
      'Cannot set a transactional.id without also enabling idempotence.',
      'transactionalIdempotence',
    );
  // Kafka 3.x (ProducerConfig.postProcessAndValidateIdempotenceConfigs): enable.idempotence=true
  // set explicitly with retries=0, acks other than all or more than 5 in flight is a
  // ConfigException with these messages. Left at its default, idempotence is silently disabled
  // by such settings instead (model.ts, deliverySettings). A transactional.id needs idempotence,
  // so with one these settings are refused the same way.
  if (cfg['enable.idempotence'] === true || transactional) {
    if (cfg.retries === 0)
      c.fail(
        child(p, 'retries'),
        'Must set retries to non-zero when using the idempotent producer.',
        'idempotenceRetries',
      );
    if (cfg.acks !== undefined && cfg.acks !== 'all')
      c.fail(
        child(p, 'acks'),
        'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
        'idempotenceAcks',
        { got: String(cfg.acks) },
      );
    if ((cfg['max.in.flight.requests.per.connection'] ?? 5) > 5)
      c.fail(
        child(p, 'max.in.flight.requests.per.connection'),
        'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.',
        'idempotenceInFlight',
        { got: cfg['max.in.flight.requests.per.connection'] ?? 5 },
      );
  }
  return cfg;
}

/** Faults that target brokers, links, producers and RabbitMQ (Kafka's consumer faults are in parse.ts). */
export function parseInfraFault(
  c: Checker,
  o: Record<string, unknown>,
  p: string,
  kind: string,
  atMs: number,
): FaultSpec | undefined {
  switch (kind) {
    case 'brokerDown':
    case 'brokerUp': {
      c.knownKeys(o, p, ['kind', 'atMs', 'broker']);
      const broker = c.number(o.broker, child(p, 'broker'), { integer: true, min: 1, max: 50 });
      return broker === undefined ? undefined : { kind, atMs, broker };
    }
    case 'txnCoordinatorFailover': {
      c.knownKeys(o, p, ['kind', 'atMs', 'durationMs']);
      const durationMs = c.number(o.durationMs, child(p, 'durationMs'), {
        min: 0,
        max: MAX_MS,
        exclusiveMin: true,
      });
      return durationMs === undefined ? undefined : { kind, atMs, durationMs };
    }
    case 'networkPartition': {
      c.knownKeys(o, p, ['kind', 'atMs', 'between', 'durationMs']);
      const between = pair(c, o.between, child(p, 'between'));
      const durationMs = c.number(o.durationMs, child(p, 'durationMs'), {
        min: 0,
        max: MAX_MS,
        exclusiveMin: true,
      });
      return between && durationMs !== undefined ? { kind, atMs, between, durationMs } : undefined;
    }
    case 'ackLoss': {
      c.knownKeys(o, p, ['kind', 'atMs', 'producer', 'count']);
      const producer = c.string(o.producer, child(p, 'producer'));
      const count = c.number(o.count === undefined ? 1 : o.count, child(p, 'count'), {
        integer: true,
        min: 1,
        max: 1_000_000,
      });
      return producer && count !== undefined ? { kind, atMs, producer, count } : undefined;
    }
    case 'producerRestart':
    case 'poisonMessage': {
      c.knownKeys(o, p, ['kind', 'atMs', 'producer']);
      const producer = c.string(o.producer, child(p, 'producer'));
      return producer ? { kind, atMs, producer } : undefined;
    }
    case 'rabbitmqRestart':
      c.knownKeys(o, p, ['kind', 'atMs']);
      return { kind, atMs };
    case 'connectionLoss': {
      c.knownKeys(o, p, ['kind', 'atMs', 'consumer', 'member', 'durationMs']);
      const consumer = c.string(o.consumer, child(p, 'consumer'));
      const member = c.string(o.member, child(p, 'member'));
      const durationMs = c.number(o.durationMs, child(p, 'durationMs'), {
        min: 0,
        max: MAX_MS,
        exclusiveMin: true,
      });
      return consumer && member && durationMs !== undefined
        ? { kind, atMs, consumer, member, durationMs }
        : undefined;
    }
    case 'addPartitions': {
      c.knownKeys(o, p, ['kind', 'atMs', 'topic', 'partitions']);
      const topic = c.string(o.topic, child(p, 'topic'));
      const partitions = c.number(o.partitions, child(p, 'partitions'), {
        integer: true,
        min: 1,
        max: 10_000,
      });
      return topic && partitions !== undefined ? { kind, atMs, topic, partitions } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * addPartitions: the topic must exist and each action must raise its count. Kafka refuses a
 * count that is not above the current one (InvalidPartitionsException, "Topic currently has N
 * partitions, which is higher than the requested M."); actions apply in time order.
 */
export function checkAddPartitions(c: Checker, s: Scenario): void {
  const count = new Map(s.topics.map((t) => [t.name, t.partitions]));
  s.faults
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.atMs - b.f.atMs || a.i - b.i)
    .forEach(({ f, i }) => {
      if (f.kind !== 'addPartitions') return;
      const p = `$.faults[${i}]`;
      const now = count.get(f.topic);
      if (now === undefined) {
        c.fail(`${p}.topic`, `unknown topic "${f.topic}"`, 'unknownTopic', { topic: f.topic });
        return;
      }
      if (f.partitions <= now) {
        c.fail(
          `${p}.partitions`,
          `topic "${f.topic}" has ${now} partitions at ${f.atMs} ms; Kafka can only add partitions (InvalidPartitionsException), got ${f.partitions}`,
          'partitionsNotIncreased',
          { topic: f.topic, partitions: now, got: f.partitions, ms: f.atMs },
        );
        return;
      }
      count.set(f.topic, f.partitions);
    });
}

/** Cross-references: broker numbers, replication factors, link and fault component names. */
export function crossCheckCluster(
  c: Checker,
  s: Scenario,
  memberIdsByGroup: Map<string, Set<string>>,
): void {
  const brokers =
    s.cluster?.brokers ?? Math.max(1, ...s.topics.map((t) => t['replication.factor'] ?? 1));
  s.topics.forEach((t, i) => {
    const rf = t['replication.factor'] ?? 1;
    if (rf > brokers)
      c.fail(
        `$.topics[${i}]["replication.factor"]`,
        `is ${rf} but the cluster has ${brokers} broker${brokers === 1 ? '' : 's'}`,
        'replicationFactorAboveBrokers',
        { got: rf, brokers },
      );
    const minIsr = t['min.insync.replicas'];
    if (minIsr !== undefined && minIsr > rf)
      c.fail(
        `$.topics[${i}]["min.insync.replicas"]`,
        `is ${minIsr}, more than replication.factor ${rf}`,
        'minIsrAboveReplicationFactor',
        { got: minIsr, rf },
      );
  });
  const clients = new Set<string>(s.producers.map((p) => p.id));
  for (const ms of memberIdsByGroup.values()) for (const m of ms) clients.add(m);
  const servers = new Set<string>([
    'coordinator',
    ...Array.from({ length: brokers }, (_, i) => `broker-${i + 1}`),
  ]);
  const checkPair = (between: [string, string], path: string) => {
    if (!clients.has(between[0]))
      c.fail(
        `${path}[0]`,
        `unknown client "${between[0]}" (a producer id or a member id)`,
        'unknownClient',
        { name: between[0] },
      );
    if (!servers.has(between[1]))
      c.fail(
        `${path}[1]`,
        `unknown server "${between[1]}" (broker-1 … broker-${brokers}, or coordinator)`,
        'unknownServer',
        { name: between[1], brokers },
      );
  };
  s.network?.links?.forEach((l, i) => checkPair(l.between, `$.network.links[${i}].between`));
  s.faults.forEach((f, i) => {
    const p = `$.faults[${i}]`;
    if ((f.kind === 'brokerDown' || f.kind === 'brokerUp') && f.broker > brokers)
      c.fail(
        `${p}.broker`,
        `the cluster has brokers 1 … ${brokers}, got ${f.broker}`,
        'unknownBroker',
        {
          brokers,
          got: f.broker,
        },
      );
    if (f.kind === 'networkPartition') checkPair(f.between, `${p}.between`);
    // A poison message may come from a Kafka producer or (version 2) a RabbitMQ publisher.
    const publishers = f.kind === 'poisonMessage' ? (s.amqp?.publishers ?? []) : [];
    if (
      (f.kind === 'ackLoss' || f.kind === 'poisonMessage' || f.kind === 'producerRestart') &&
      !s.producers.some((x) => x.id === f.producer) &&
      !publishers.some((x) => x.id === f.producer)
    )
      c.fail(`${p}.producer`, `unknown producer "${f.producer}"`, 'unknownProducer', {
        producer: f.producer,
      });
  });
}
