import { describe, expect, it } from 'vitest';
import { en } from './test/render';
import { simulate, type Scenario } from '../engine';
// Checks every explanation in English and Chinese as well (src/i18n).
import { detectAnomalies } from './test/explainCheck';
import { lineage } from './lineage';

/** A replicated cluster on the request path: records are sent, then appended in batches. */
function requestPath(faults: Scenario['faults'], producer: Record<string, unknown>): Scenario {
  return {
    version: 1,
    name: 'request path',
    durationMs: 2500,
    cluster: { brokers: 3, 'replica.lag.time.max.ms': 300, 'unclean.leader.election.enable': true },
    topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3, 'min.insync.replicas': 1 }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'poisson', perSec: 300 },
        keys: { kind: 'uniform', count: 10 },
        eventType: 'OrderCreated',
        config: { 'request.timeout.ms': 150, 'linger.ms': 1, ...producer },
      },
    ],
    groups: [{ id: 'g', topics: ['orders'], members: 1, processingMs: 0.5 }],
    faults,
  };
}

describe('insight on the request path (batches, retries, truncation)', () => {
  it('reports the log duplicate a retry without idempotence causes, naming the producer', () => {
    const r = simulate(
      requestPath([{ kind: 'ackLoss', atMs: 500, producer: 'shop', count: 4 }], {
        acks: 'all',
        'enable.idempotence': false,
      }),
    );
    expect(r.summary.logDuplicates).toBeGreaterThan(0);
    const dups = detectAnomalies(r.model, r.events).filter(
      (a) => a.kind === 'duplicate' && a.group === undefined,
    );
    expect(dups.length).toBe(r.summary.logDuplicates);
    expect(en(dups[0]!.explanation)).toContain('shop');
  });

  it('reports records truncated by an unclean election as lost, and lineage follows a sent record to its processing', () => {
    const faults: Scenario['faults'] = [
      { kind: 'brokerDown', atMs: 300, broker: 3 },
      { kind: 'brokerDown', atMs: 1000, broker: 1 },
      { kind: 'brokerDown', atMs: 1000, broker: 2 },
      { kind: 'brokerUp', atMs: 1100, broker: 3 },
    ];
    const r = simulate(requestPath(faults, { acks: 'all' }));
    const truncated = r.events.some((e) => e.type === 'leaderElected' && e.truncatedTo !== null);
    expect(truncated).toBe(true);
    const lost = detectAnomalies(r.model, r.events).filter((a) => a.kind === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    const sent = r.events.find((e) => e.type === 'recordSent');
    const l = lineage(r.model, r.events, (sent as { eventId: number }).eventId);
    expect(l).not.toBeNull();
    expect(l!.appends.length).toBeGreaterThan(0);
  });
});
