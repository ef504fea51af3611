/**
 * The producer-restart fixture (issue 12): three brokers, a replicated topic, one idempotent
 * producer (acks=all) at 400 records/s, one group. The engine's and the detector's tests of a
 * restart share it, so both speak of the same run.
 */
import { parseScenario } from '../scenario/parse';
import type { FaultSpec, ProducerConfig, Scenario } from '../scenario/types';

export function idempotentShop(faults: FaultSpec[], producer: ProducerConfig = {}): Scenario {
  const r = parseScenario({
    version: 1,
    name: 'restart',
    durationMs: 3000,
    cluster: { brokers: 3, 'replica.lag.time.max.ms': 300, 'replica.fetch.latency.ms': 2 },
    topics: [{ name: 'orders', partitions: 3, 'replication.factor': 3, 'min.insync.replicas': 2 }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'poisson', perSec: 400 },
        keys: { kind: 'uniform', count: 30 },
        eventType: 'OrderCreated',
        config: {
          acks: 'all',
          'enable.idempotence': true,
          'request.timeout.ms': 200,
          'linger.ms': 1,
          ...producer,
        },
      },
    ],
    groups: [{ id: 'g', topics: ['orders'], members: 2, processingMs: 0.5 }],
    faults,
  });
  if (!r.ok) throw new Error(`invalid scenario: ${JSON.stringify(r.errors)}`);
  return r.scenario;
}
