/**
 * Small scenarios the engine's and insight's tests share.
 */
import type { GroupSpec, Scenario } from '../scenario/types';

/**
 * One slow consumer group on one partition (processing is slower than the 2 ms between
 * records, so polls return full batches); member g-1 owns the partition and crashes mid-batch.
 */
export function crashMidBatch(
  group: Partial<GroupSpec>,
  crashAtMs = 1000.5,
  durationMs = 4000,
): Scenario {
  return {
    version: 1,
    name: 'crash mid-batch',
    durationMs,
    topics: [{ name: 'orders', partitions: 1 }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 500 },
        keys: { kind: 'uniform', count: 20 },
        eventType: 'OrderCreated',
      },
    ],
    groups: [
      {
        id: 'g',
        topics: ['orders'],
        members: 2,
        processingMs: 2.5,
        config: {
          'max.poll.records': 200,
          'session.timeout.ms': 300,
          'heartbeat.interval.ms': 100,
          'enable.auto.commit': false,
        },
        ...group,
      },
    ],
    faults: [{ kind: 'crash', atMs: crashAtMs, group: 'g', member: 'g-1' }],
  };
}
