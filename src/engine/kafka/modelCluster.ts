import { compileDist, type Dist } from './distributions';
import { streamKey } from '../kernel/rng';
import type { Scenario } from '../scenario/types';

/**
 * Brokers, replica placement and the network, compiled from a scenario. A scenario that
 * declares none of it (one broker, replication factor 1, no network settings or faults, no
 * delivery settings on producers) runs producers on the direct path: a send is an append, the
 * zero-latency and failure-free limit of the request path, and much faster.
 */
export interface ClusterModel {
  brokers: number;
  /** True when producers go through requests, acks and replication (see `detailedCluster`). */
  detailed: boolean;
  replicaLagUs: number;
  replicaFetchUs: number;
  uncleanDefault: boolean;
  /** Per global partition: its replicas' broker ids (1-based); [0] is the preferred leader. */
  replicas: Int32Array[];
  /** Per global partition: min.insync.replicas and unclean.leader.election.enable. */
  minIsr: Int32Array;
  unclean: Uint8Array;
  /** Follower actors: (global partition, replica index ≥ 1) per follower. */
  followerGp: Int32Array;
  followerIdx: Int32Array;
  /** Partitions with more than one replica, each with an ISR watch actor. */
  watchedGp: Int32Array;
  network: NetworkModel;
  /** The network's random stream (see rng.ts). */
  netStreamKey: number;
}

export interface LinkModel {
  latency: Dist;
  dropRate: number;
}

export interface NetworkModel {
  default: LinkModel;
  /** "client|server" → link settings. */
  links: Map<string, LinkModel>;
}

const us = (ms: number) => Math.round(ms * 1000);

export function detailedCluster(s: Scenario): boolean {
  if (s.cluster || s.network) return true;
  if (s.topics.some((t) => (t['replication.factor'] ?? 1) > 1)) return true;
  if (
    s.faults.some(
      (f) =>
        f.kind === 'brokerDown' ||
        f.kind === 'brokerUp' ||
        f.kind === 'networkPartition' ||
        f.kind === 'ackLoss' ||
        f.kind === 'producerRestart',
    )
  )
    return true;
  return s.producers.some((p) => {
    const c = p.config ?? {};
    return (
      (c['linger.ms'] ?? 0) > 0 ||
      c.acks !== undefined ||
      c['enable.idempotence'] !== undefined ||
      c.retries !== undefined ||
      c['max.in.flight.requests.per.connection'] !== undefined ||
      c['request.timeout.ms'] !== undefined ||
      c['delivery.timeout.ms'] !== undefined ||
      c['transactional.id'] !== undefined
    );
  });
}

export function compileCluster(
  s: Scenario,
  topicsFirstGp: number[],
  gpCount: number,
  seed: number,
): ClusterModel {
  const brokers =
    s.cluster?.brokers ?? Math.max(1, ...s.topics.map((t) => t['replication.factor'] ?? 1));
  const replicas: Int32Array[] = [];
  const minIsr = new Int32Array(gpCount);
  const unclean = new Uint8Array(gpCount);
  const uncleanDefault = s.cluster?.['unclean.leader.election.enable'] ?? false;
  const followerGp: number[] = [];
  const followerIdx: number[] = [];
  const watchedGp: number[] = [];
  s.topics.forEach((t, ti) => {
    const rf = Math.min(t['replication.factor'] ?? 1, brokers);
    // Every reserved partition (addPartitions reserves a topic's final count: model.ts).
    const reserved = (topicsFirstGp[ti + 1] ?? gpCount) - topicsFirstGp[ti]!;
    for (let p = 0; p < reserved; p++) {
      const gp = topicsFirstGp[ti]! + p;
      // Round-robin placement with a per-topic start, as Kafka's rack-unaware assignment.
      const start = (p + ti) % brokers;
      replicas[gp] = Int32Array.from({ length: rf }, (_, i) => ((start + i) % brokers) + 1);
      minIsr[gp] = Math.min(t['min.insync.replicas'] ?? 1, rf);
      unclean[gp] = (t['unclean.leader.election.enable'] ?? uncleanDefault) ? 1 : 0;
      for (let i = 1; i < rf; i++) {
        followerGp.push(gp);
        followerIdx.push(i);
      }
      if (rf > 1) watchedGp.push(gp);
    }
  });
  const def: LinkModel = {
    latency: compileDist(s.network?.latencyMs ?? 1),
    dropRate: s.network?.dropRate ?? 0,
  };
  const links = new Map<string, LinkModel>();
  for (const l of s.network?.links ?? []) {
    links.set(`${l.between[0]}|${l.between[1]}`, {
      latency: l.latencyMs === undefined ? def.latency : compileDist(l.latencyMs),
      dropRate: l.dropRate ?? def.dropRate,
    });
  }
  return {
    brokers,
    detailed: detailedCluster(s),
    replicaLagUs: us(s.cluster?.['replica.lag.time.max.ms'] ?? 30_000),
    replicaFetchUs: us(s.cluster?.['replica.fetch.latency.ms'] ?? 1),
    uncleanDefault,
    replicas,
    minIsr,
    unclean,
    followerGp: Int32Array.from(followerGp),
    followerIdx: Int32Array.from(followerIdx),
    watchedGp: Int32Array.from(watchedGp),
    network: { default: def, links },
    netStreamKey: streamKey(seed, 999_999),
  };
}

export function linkOf(net: NetworkModel, client: string, server: string): LinkModel {
  return net.links.get(`${client}|${server}`) ?? net.default;
}
