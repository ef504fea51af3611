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

/**
 * Five orders whose id is only in the payload (a null record key) over four partitions and
 * four consumers: the sticky partitioner spreads each order, so its events get reordered.
 */
export function nullKeyOrders(): Scenario {
  return {
    version: 1,
    name: 'ordering needs a key',
    durationMs: 3000,
    topics: [{ name: 'orders', partitions: 4 }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'poisson', perSec: 400 },
        keys: { kind: 'uniform', count: 5 },
        sendKey: false,
        keyField: 'orderId',
        eventType: 'OrderUpdated',
        config: { 'batch.size': 2000 },
      },
    ],
    groups: [
      { id: 'g', topics: ['orders'], members: 4, processingMs: { kind: 'exponential', meanMs: 2 } },
    ],
    faults: [],
  };
}
