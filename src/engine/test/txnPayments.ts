/**
 * The transactional-producer fixture (issue 12): one producer with transactional.id at 200
 * records/s in transactions of 7 records, a read_committed ledger and a read_uncommitted audit
 * on a 3-partition topic. The engine's and the detector's tests share it.
 */
import { parseScenario } from '../scenario/parse';
import type { FaultSpec, ProducerConfig, Scenario } from '../scenario/types';
import { simulate } from '../simulate';

function valid(s: unknown): Scenario {
  const p = parseScenario(s);
  if (!p.ok) throw new Error(`invalid scenario: ${JSON.stringify(p.errors)}`);
  return p.scenario;
}

/** One transactional producer, a read_committed ledger and a read_uncommitted audit. */
export function paymentsScenario(
  faults: FaultSpec[],
  config: ProducerConfig = {},
  durationMs = 4000,
) {
  return valid({
    version: 1,
    name: 'tx-producer',
    durationMs,
    topics: [{ name: 'payments', partitions: 3 }],
    producers: [
      {
        id: 'pay',
        topic: 'payments',
        rate: { kind: 'constant', perSec: 200 },
        keys: { kind: 'uniform', count: 20 },
        eventType: 'PaymentTaken',
        transactionRecords: 7,
        stopMs: durationMs - 1500,
        config: { 'transactional.id': 'tx-pay', 'linger.ms': 5, ...config },
      },
    ],
    groups: [
      {
        id: 'ledger',
        topics: ['payments'],
        members: 1,
        processingMs: 0.5,
        config: { 'isolation.level': 'read_committed' },
      },
      { id: 'audit', topics: ['payments'], members: 1, processingMs: 0.5 },
    ],
    faults,
  });
}

export const payments = (faults: FaultSpec[], config: ProducerConfig = {}, durationMs = 4000) =>
  simulate(paymentsScenario(faults, config, durationMs));
