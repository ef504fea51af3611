/**
 * Random scenarios where some groups are transactional services (transactional.id, their
 * at-least-once commits turned into one transaction per batch) and some read with
 * isolation.level=read_committed, chosen per group by a drawn mask, for the properties that must
 * hold with transactions too. Keeps only drawn scenarios the parser accepts.
 */
import fc from 'fast-check';
import { gpOf, recordAt, type SimState } from '../kafka/state';
import { parseScenario } from '../scenario/parse';
import type { Scenario } from '../scenario/types';

export const withTransactions = (arb: fc.Arbitrary<Scenario>): fc.Arbitrary<Scenario> =>
  fc
    .tuple(
      arb,
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }),
      fc.integer({ min: 200, max: 5000 }),
    )
    .map(([s, mask, timeoutMs]) => ({
      ...s,
      groups: s.groups.map((g, i) => {
        const m = mask[i % mask.length]!;
        const config = { ...g.config };
        if (m & 1) {
          config['transactional.id'] = `${g.id}-{member}`;
          config['transaction.timeout.ms'] = timeoutMs;
          delete config['enable.auto.commit'];
        }
        if (m & 2) config['isolation.level'] = 'read_committed';
        return {
          ...g,
          config,
          ...(m & 1 && g.commit === 'before-processing'
            ? { commit: 'after-processing' as const }
            : {}),
        };
      }),
    }))
    .filter((s) => parseScenario(s).ok);

/**
 * A read-process-write pipeline under random faults: `writer` (transactional or not, drawn)
 * reads `payments` and writes one `Entry` per input to `entries`, read by `audit-rc`
 * (read_committed) and `audit-ru` (read_uncommitted). Faults hit the writer's members (crash,
 * restart, pause, leave, a partition from the coordinator), sometimes an audit member, and
 * (transactional writer) the transaction coordinator, which fails over.
 */
export const pipelineArb: fc.Arbitrary<Scenario> = fc
  .record({
    partitions: fc.integer({ min: 1, max: 4 }),
    outPartitions: fc.integer({ min: 1, max: 3 }),
    perSec: fc.integer({ min: 50, max: 400 }),
    members: fc.integer({ min: 1, max: 3 }),
    transactional: fc.boolean(),
    timeoutMs: fc.integer({ min: 200, max: 5000 }),
    session: fc.integer({ min: 400, max: 2000 }),
    maxPoll: fc.integer({ min: 1, max: 60 }),
    minMs: fc.integer({ min: 0, max: 6 }),
    spreadMs: fc.integer({ min: 0, max: 8 }),
    seed: fc.integer({ min: 1, max: 1000 }),
    faults: fc.array(
      fc.record({
        kind: fc.constantFrom(
          'crash',
          'restart',
          'pause',
          'leave',
          'networkPartition',
          'auditCrash',
          'failover',
        ),
        atMs: fc.integer({ min: 100, max: 4000 }),
        member: fc.integer({ min: 1, max: 3 }),
        durationMs: fc.integer({ min: 50, max: 3000 }),
      }),
      { maxLength: 5 },
    ),
  })
  .map((r): Scenario => {
    const member = (i: number) => `writer-${((i - 1) % r.members) + 1}`;
    return {
      version: 1,
      name: 'pipeline',
      seed: r.seed,
      durationMs: 5000,
      topics: [
        { name: 'payments', partitions: r.partitions },
        { name: 'entries', partitions: r.outPartitions },
      ],
      producers: [
        {
          id: 'checkout',
          topic: 'payments',
          rate: { kind: 'poisson', perSec: r.perSec },
          keys: { kind: 'uniform', count: 40 },
          eventType: 'Paid',
        },
      ],
      groups: [
        {
          id: 'writer',
          topics: ['payments'],
          members: r.members,
          commit: 'after-processing',
          config: {
            'max.poll.records': r.maxPoll,
            'session.timeout.ms': r.session,
            'heartbeat.interval.ms': Math.max(1, Math.floor(r.session / 3)),
            'auto.offset.reset': 'earliest',
            ...(r.transactional
              ? { 'transactional.id': 'tx-{member}', 'transaction.timeout.ms': r.timeoutMs }
              : {}),
          },
          processingMs: { kind: 'uniform', minMs: r.minMs, maxMs: r.minMs + r.spreadMs },
          handlers: [{ on: 'Paid', emit: [{ type: 'Entry', topic: 'entries' }] }],
        },
        ...(['read_committed', 'read_uncommitted'] as const).map((level) => ({
          id: level === 'read_committed' ? 'audit-rc' : 'audit-ru',
          topics: ['entries'],
          members: 1,
          commit: 'after-processing' as const,
          config: {
            'isolation.level': level,
            'auto.offset.reset': 'earliest' as const,
            'session.timeout.ms': 1000,
            'heartbeat.interval.ms': 300,
          },
          processingMs: 0.5,
        })),
      ],
      faults: r.faults.map((f) => {
        switch (f.kind) {
          case 'auditCrash':
            return {
              kind: 'crash' as const,
              atMs: f.atMs,
              group: 'audit-rc',
              member: 'audit-rc-1',
            };
          case 'pause':
            return {
              kind: 'pause' as const,
              atMs: f.atMs,
              group: 'writer',
              member: member(f.member),
              durationMs: f.durationMs,
            };
          case 'failover':
            // Only a transactional writer has a transaction coordinator (else: parse refuses).
            return r.transactional
              ? { kind: 'txnCoordinatorFailover' as const, atMs: f.atMs, durationMs: f.durationMs }
              : { kind: 'crash' as const, atMs: f.atMs, group: 'writer', member: member(f.member) };
          case 'networkPartition':
            return {
              kind: 'networkPartition' as const,
              atMs: f.atMs,
              between: [member(f.member), 'coordinator'] as [string, string],
              durationMs: f.durationMs,
            };
          default:
            return { kind: f.kind, atMs: f.atMs, group: 'writer', member: member(f.member) };
        }
      }),
    };
  })
  .filter((s) => parseScenario(s).ok);

/**
 * Per input event id, the outputs in `topic` a read_committed consumer reads: no markers, no
 * records of an aborted or still open transaction.
 */
export function committedOutputs(s: SimState, topic: string): Map<number, number> {
  const out = new Map<number, number>();
  const t = s.model.topics[s.model.topicIndex.get(topic)!]!;
  for (let p = 0; p < t.partitions; p++) {
    const gp = gpOf(s.model, topic, p);
    for (let o = s.logStart[gp]!; o < s.leo[gp]!; o++) {
      const r = recordAt(s, gp, o)!;
      if (r.control !== undefined) continue;
      if (r.txn !== undefined && (s.txn!.aborted.has(r.txn) || s.txn!.open.has(r.txn))) continue;
      out.set(r.causationId!, (out.get(r.causationId!) ?? 0) + 1);
    }
  }
  return out;
}
