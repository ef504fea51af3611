/**
 * Engine throughput with replication factor 3 and a fault schedule (brokers going down and
 * up, lost acknowledgements), against the same load without faults on the direct path.
 */
import { performance } from 'node:perf_hooks';
import { simulate, type Scenario } from '../engine';
import { benchScenario } from './bench';

export interface ClusterBench {
  partitions: number;
  records: number;
  events: number;
  wallMs: number;
  recordsPerSec: number;
  /** recordsPerSec without faults / with: the bar is ≤ 2. */
  slowdownVsNoFault: number;
}

export function clusterScenario(partitions: number, perSec: number, durationMs: number): Scenario {
  const base = benchScenario(partitions, perSec, durationMs);
  const faults: Scenario['faults'] = [];
  for (let t = 200; t < durationMs; t += 600) {
    const broker = ((t / 600) % 3) + 1;
    faults.push(
      { kind: 'brokerDown', atMs: t, broker: Math.floor(broker) },
      { kind: 'brokerUp', atMs: t + 300, broker: Math.floor(broker) },
    );
    faults.push({ kind: 'ackLoss', atMs: t + 100, producer: 'p', count: 3 });
  }
  return {
    ...base,
    name: `bench-rf3-${partitions}`,
    cluster: { brokers: 3, 'replica.lag.time.max.ms': 500, 'replica.fetch.latency.ms': 1 },
    topics: [{ name: 'events', partitions, 'replication.factor': 3, 'min.insync.replicas': 2 }],
    producers: base.producers.map((p) => ({
      ...p,
      config: { acks: 'all', 'linger.ms': 5, 'batch.size': 16384, 'request.timeout.ms': 200 },
    })),
    faults,
  };
}

export function benchCluster(
  partitions: number,
  simMs: number,
  noFaultRecordsPerSec: number,
): ClusterBench {
  simulate(clusterScenario(partitions, 200_000, Math.min(simMs, 200)), {
    keepEvents: false,
    hash: false,
  });
  const t0 = performance.now();
  const { summary } = simulate(clusterScenario(partitions, 200_000, simMs), {
    keepEvents: false,
    hash: false,
  });
  const wallMs = performance.now() - t0;
  const recordsPerSec = Math.round((summary.appended / wallMs) * 1000);
  return {
    partitions,
    records: summary.appended,
    events: summary.events,
    wallMs: Math.round(wallMs),
    recordsPerSec,
    slowdownVsNoFault: Math.round((noFaultRecordsPerSec / recordsPerSec) * 100) / 100,
  };
}
