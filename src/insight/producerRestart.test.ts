/** A producer restart's duplicates in the log, explained (issue 12). */
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type FaultSpec, type Scenario } from '../engine';
import { detectAnomalies } from './test/explainCheck';
import { en } from './test/render';
import { renderMsg } from '../i18n/translate';

function shop(faults: FaultSpec[]): Scenario {
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
        },
      },
    ],
    groups: [{ id: 'g', topics: ['orders'], members: 2, processingMs: 0.5 }],
    faults,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

describe('duplicates from a producer restart', () => {
  const lost: FaultSpec = { kind: 'ackLoss', atMs: 400, producer: 'shop', count: 5 };
  const restart: FaultSpec = { kind: 'producerRestart', atMs: 450, producer: 'shop' };

  it('each copy the new session appended again is a duplicate caused by the restart, named with both producer ids', () => {
    const r = simulate(shop([lost, restart]));
    const inLog = detectAnomalies(r.model, r.events).filter(
      (a) => a.kind === 'duplicate' && a.group === undefined,
    );
    expect(inLog.length).toBe(r.summary.logDuplicates);
    expect(inLog.length).toBeGreaterThan(0);
    for (const a of inLog) {
      expect(a.cause).toBe('producer-restart');
      const text = en(a.explanation);
      expect(text).toContain('restarted at 450 ms with a new producer id (1, before: 0)');
      expect(text).toContain('within one producer session only');
      expect(renderMsg('zh-CN', a.explanation)).toContain('新的 producer id');
    }
  });

  it('without the restart, the idempotent producer leaves nothing to explain in the log', () => {
    const r = simulate(shop([lost]));
    const inLog = detectAnomalies(r.model, r.events).filter(
      (a) => a.kind === 'duplicate' && a.group === undefined,
    );
    expect(inLog).toEqual([]);
  });
});
