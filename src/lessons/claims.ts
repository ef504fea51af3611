/**
 * Every number a lesson's narration (or task text, or hint) shows, with where it comes from:
 * lessons must never show a wrong number. lessons.test.ts runs each step's scenario, measures
 * each claim and fails when a measured value differs from the narrated one, or when a narration
 * shows a number no claim covers. Also the reference answer of every task (`solutions`), which
 * the test applies to prove the task reachable.
 *
 * A claim measures a step's run: the summary at the end or at a cursor time (`at(ms)`), the
 * anomalies, the event log, or the scenario itself (a setting the narration quotes). `kafka`
 * claims are facts about Kafka that no run shows (a default), with the source named.
 */
import type { Scenario, SimEvent, Summary, GroupSummary } from '../engine';
import { DEFAULT_STUCK_AFTER_MS, type Anomaly } from '../insight';
import type { Action } from '../learn/types';
import { amqpClaims, amqpSolutions } from './amqpClaims';
import { bridgeClaims, bridgeSolutions } from './bridgeClaims';
import { txnClaims, txnSolutions } from './txnClaims';
import { retentionClaims, retentionSolutions } from './retentionClaims';
import { partitionClaims, partitionSolutions } from './partitionClaims';
import { compactClaims, compactSolutions } from './compactClaims';
import { esClaims, esSolutions } from './esClaims';

export interface StepRun {
  scenario: Scenario;
  summary: Summary;
  events: SimEvent[];
  anomalies: Anomaly[];
  /** The summary of the run cut at `ms` of sim time (what the panels show at that cursor). */
  at(ms: number): Summary;
}

export type Claim =
  | { value: number; what: string; of: (r: StepRun) => number }
  | { value: number; what: string; kafka: string };

export const group = (s: Summary, id: string): GroupSummary => {
  const g = s.groups.find((x) => x.group === id);
  if (!g) throw new Error(`no group ${id} in the summary`);
  return g;
};
/** Records appended to `topic` up to `ms` (all when omitted). */
export const appendedTo = (r: StepRun, topic: string, ms = Infinity): number =>
  r.events.filter((e) => e.type === 'recordAppended' && e.topic === topic && e.timeUs <= ms * 1000)
    .length;
/** The time (ms, rounded) of the first anomaly of a kind, optionally in one group. */
export const firstAnomalyMs = (r: StepRun, kind: Anomaly['kind'], grp?: string): number => {
  const a = r.anomalies.find((x) => x.kind === kind && (grp === undefined || x.group === grp));
  if (!a) throw new Error(`no ${kind} anomaly`);
  return Math.round(a.timeUs / 1000);
};
const anomalyCount = (r: StepRun, kind: Anomaly['kind'], grp?: string, topic?: string): number =>
  r.anomalies
    .filter(
      (x) =>
        x.kind === kind &&
        (grp === undefined || x.group === grp) &&
        (topic === undefined || x.topic === topic),
    )
    .reduce((n, a) => n + a.count, 0);
/** Records appended per partition of a topic. */
const partitionCounts = (r: StepRun, topic: string): number[] => {
  const n = new Array<number>(topicSpec(r, topic).partitions).fill(0);
  for (const e of r.events) if (e.type === 'recordAppended' && e.topic === topic) n[e.partition]!++;
  return n;
};
/** Acknowledged records a topic's log lost (the log's own lost anomalies, no group). */
const lostAckedIn = (r: StepRun, topic: string): number =>
  r.anomalies
    .filter((x) => x.kind === 'lost' && x.group === undefined && x.topic === topic)
    .reduce((n, a) => n + a.count, 0);
const faultMs = (r: StepRun, kind: string, i = 0): number =>
  r.scenario.faults.filter((f) => f.kind === kind)[i]!.atMs;
/** Times (ms) of a group's rebalances (rebalanceCompleted), in order. */
const rebalancesMs = (r: StepRun, grp: string): number[] =>
  r.events
    .filter((e) => e.type === 'rebalanceCompleted' && e.group === grp)
    .map((e) => e.timeUs / 1000);
/** Partitions revoked from members of a group at one time. */
const revokedAt = (r: StepRun, grp: string, ms: number): number =>
  r.events
    .filter(
      (e) =>
        (e.type === 'partitionsRevoked' && e.group === grp && e.timeUs === ms * 1000) ||
        (e.type === 'partitionsAssigned' &&
          e.group === grp &&
          e.timeUs >= ms * 1000 &&
          e.timeUs < (ms + 100) * 1000),
    )
    .reduce(
      (n, e) =>
        n +
        (e.type === 'partitionsRevoked'
          ? e.partitions.length
          : e.type === 'partitionsAssigned'
            ? e.revoked.length
            : 0),
      0,
    );
const assignmentSizes = (r: StepRun, grp: string, nth: number): number[] => {
  const e = r.events.filter((x) => x.type === 'rebalanceCompleted' && x.group === grp)[nth];
  if (!e || e.type !== 'rebalanceCompleted') throw new Error(`no rebalance ${nth} in ${grp}`);
  return Object.values(e.assignment).map((p) => p.length);
};
const groupSpec = (r: StepRun, id: string) => r.scenario.groups.find((g) => g.id === id)!;
const producerSpec = (r: StepRun, id: string) => r.scenario.producers.find((p) => p.id === id)!;
const topicSpec = (r: StepRun, name: string) => r.scenario.topics.find((t) => t.name === name)!;

export {
  anomalyCount,
  partitionCounts,
  faultMs,
  rebalancesMs,
  revokedAt,
  assignmentSizes,
  groupSpec,
  producerSpec,
  topicSpec,
};

const KAFKA_DOCS = 'Kafka consumer/producer configuration docs (kafka.apache.org/documentation)';

/** Per lesson id, per step index: the claims of that step's narration, task text and hints. */
export const claims: Record<string, Claim[][]> = {
  'events-and-topics': [
    [
      {
        value: 20,
        what: 'events per second',
        of: (r) => producerSpec(r, 'order-service').rate.perSec,
      },
      { value: 1000, what: 'cursor', of: () => 1000 },
      { value: 21, what: 'published by 1,000 ms', of: (r) => appendedTo(r, 'order-events', 1000) },
    ],
    [
      { value: 3, what: 'partitions', of: (r) => topicSpec(r, 'order-events').partitions },
      {
        value: 0,
        what: 'first offset',
        of: (r) =>
          Math.min(...r.events.flatMap((e) => (e.type === 'recordAppended' ? [e.offset] : []))),
      },
      { value: 61, what: 'events in order-events', of: (r) => appendedTo(r, 'order-events') },
    ],
    [
      {
        value: 60,
        what: 'inventory processed',
        of: (r) => group(r.summary, 'inventory').processed,
      },
      { value: 41, what: 'email processed', of: (r) => group(r.summary, 'email').processed },
      {
        value: 900,
        what: 'email start',
        of: (r) => {
          const m = groupSpec(r, 'email').members;
          return typeof m === 'number' ? 0 : (m[0]!.startMs ?? 0);
        },
      },
      {
        value: 19,
        what: 'events before email joined',
        of: (r) => {
          const e = r.events.find((x) => x.type === 'partitionsAssigned' && x.group === 'email');
          return e && e.type === 'partitionsAssigned'
            ? Object.values(e.positions).reduce((a, b) => a + b, 0)
            : -1;
        },
      },
    ],
    [
      {
        value: 0,
        what: 'email starts at offset 0',
        of: (r) => {
          const e = r.events.find((x) => x.type === 'partitionsAssigned' && x.group === 'email');
          return e && e.type === 'partitionsAssigned'
            ? Math.max(...Object.values(e.positions))
            : -1;
        },
      },
      {
        value: 60,
        what: 'email processed; InventoryReserved events',
        of: (r) => {
          const a = group(r.summary, 'email').processed;
          const b = appendedTo(r, 'inventory-events');
          return a === b ? a : -1;
        },
      },
    ],
  ],
  'partitions-and-ordering': [
    [
      {
        value: 10,
        what: 'orders',
        of: (r) => {
          const k = producerSpec(r, 'keyed-shop').keys;
          return k.kind === 'uniform' ? k.count : -1;
        },
      },
      { value: 4, what: 'partitions', of: (r) => topicSpec(r, 'orders-keyed').partitions },
      {
        value: 0,
        what: 'keyed-view reordered',
        of: (r) => group(r.summary, 'keyed-view').reordered,
      },
    ],
    [
      { value: 4, what: 'partitions', of: (r) => topicSpec(r, 'orders-unkeyed').partitions },
      {
        value: 168,
        what: 'first reorder',
        of: (r) => firstAnomalyMs(r, 'reordered', 'unkeyed-view'),
      },
      { value: 32, what: 'reordered', of: (r) => group(r.summary, 'unkeyed-view').reordered },
    ],
    [],
    [
      {
        value: 0,
        what: 'unkeyed-view reordered',
        of: (r) => group(r.summary, 'unkeyed-view').reordered,
      },
    ],
  ],
  'consumer-groups-and-rebalances': [
    [
      { value: 6, what: 'partitions', of: (r) => topicSpec(r, 'order-events').partitions },
      {
        value: 3,
        what: 'partitions each',
        of: (r) => {
          const s = assignmentSizes(r, 'payment', 0);
          return s.every((x) => x === s[0]) ? s[0]! : -1;
        },
      },
    ],
    [
      {
        value: 1500,
        what: 'payment-3 starts',
        of: (r) => {
          const m = groupSpec(r, 'payment').members;
          return typeof m === 'number' ? -1 : (m[2]!.startMs ?? -1);
        },
      },
      {
        value: 300,
        what: 'heartbeat.interval.ms',
        of: (r) => groupSpec(r, 'payment').config?.['heartbeat.interval.ms'] ?? -1,
      },
      { value: 1800, what: 'rebalance', of: (r) => rebalancesMs(r, 'payment')[1]! },
      { value: 6, what: 'revoked', of: (r) => revokedAt(r, 'payment', 1800) },
      {
        value: 2,
        what: 'each',
        of: (r) => {
          const s = assignmentSizes(r, 'payment', 1);
          return s.every((x) => x === s[0]) ? s[0]! : -1;
        },
      },
    ],
    [
      { value: 1800, what: 'first round', of: (r) => rebalancesMs(r, 'payment')[1]! },
      { value: 2, what: 'revoked', of: (r) => revokedAt(r, 'payment', 1800) },
      { value: 4, what: 'kept', of: (r) => 6 - revokedAt(r, 'payment', 1800) },
      { value: 2100, what: 'second round', of: (r) => rebalancesMs(r, 'payment')[2]! },
    ],
    [
      { value: 3000, what: 'crash', of: (r) => faultMs(r, 'crash') },
      {
        value: 10000,
        what: 'session.timeout.ms',
        of: (r) => groupSpec(r, 'payment').config?.['session.timeout.ms'] ?? -1,
      },
      {
        value: 45000,
        what: 'Kafka default session.timeout.ms',
        kafka: `session.timeout.ms default 45000 (Kafka 3.0+, KIP-735); ${KAFKA_DOCS}`,
      },
      { value: 1000, what: 'stuck threshold', of: () => DEFAULT_STUCK_AFTER_MS },
      { value: 600, what: 'hint', of: () => 600 },
      {
        value: 300,
        what: 'heartbeat.interval.ms',
        of: (r) => groupSpec(r, 'payment').config?.['heartbeat.interval.ms'] ?? -1,
      },
    ],
  ],
  'commit-placement': [
    [
      {
        value: 30,
        what: 'max.poll.records',
        of: (r) => groupSpec(r, 'ledger').config?.['max.poll.records'] ?? -1,
      },
      { value: 2100, what: 'crash', of: (r) => faultMs(r, 'crash') },
    ],
    [
      { value: 2812, what: 'first duplicate', of: (r) => firstAnomalyMs(r, 'duplicate', 'ledger') },
      { value: 10, what: 'duplicates', of: (r) => group(r.summary, 'ledger').duplicates },
    ],
    [{ value: 11, what: 'lost', of: (r) => group(r.summary, 'notifier').lost }],
    [{ value: 0, what: 'notifier lost', of: (r) => group(r.summary, 'notifier').lost }],
  ],
  'idempotent-consumers': [
    [
      { value: 2100, what: 'crash', of: (r) => faultMs(r, 'crash') },
      {
        value: 10,
        what: 'duplicate side effects',
        of: (r) => group(r.summary, 'ledger').duplicateSideEffects,
      },
      { value: 2812, what: 'first duplicate', of: (r) => firstAnomalyMs(r, 'duplicate', 'ledger') },
    ],
    [
      {
        value: 10,
        what: 'duplicates, absorbed',
        of: (r) => {
          const g = group(r.summary, 'ledger');
          return g.duplicates === g.dedupAbsorbed ? g.duplicates : -1;
        },
      },
      {
        value: 0,
        what: 'side effects',
        of: (r) => group(r.summary, 'ledger').duplicateSideEffects,
      },
    ],
    [
      {
        value: 24,
        what: 'hours in the course note',
        kafka: 'the seed note, section 7.2: redis expire 86400 s',
      },
    ],
  ],
  'acks-replication-and-the-isr': [
    [
      {
        value: 3,
        what: 'brokers; replication factor',
        of: (r) =>
          r.scenario.cluster?.brokers === 3 &&
          r.scenario.topics.every((t) => t['replication.factor'] === 3)
            ? 3
            : -1,
      },
      {
        value: 1,
        what: 'acks=1',
        of: (r) => Number(producerSpec(r, 'checkout-fast').config?.acks),
      },
    ],
    [
      { value: 2033, what: 'broker down', of: (r) => faultMs(r, 'brokerDown') },
      {
        value: 1,
        what: 'broker 1',
        of: (r) => {
          const f = r.scenario.faults.find((x) => x.kind === 'brokerDown');
          return f && f.kind === 'brokerDown' ? f.broker : -1;
        },
      },
      { value: 4, what: 'acknowledged records lost', of: (r) => lostAckedIn(r, 'payments-fast') },
    ],
    [
      { value: 0, what: 'safe lost', of: (r) => lostAckedIn(r, 'payments-safe') },
      {
        value: 2,
        what: 'min.insync.replicas',
        of: (r) => topicSpec(r, 'payments-safe')['min.insync.replicas'] ?? -1,
      },
      {
        value: 1,
        what: 'broker 1',
        of: (r) => {
          const f = r.scenario.faults.find((x) => x.kind === 'brokerDown');
          return f && f.kind === 'brokerDown' ? f.broker : -1;
        },
      },
    ],
  ],
  'producer-retries-and-idempotence': [
    [
      {
        value: 5,
        what: 'max.in.flight',
        of: (r) =>
          producerSpec(r, 'checkout').config?.['max.in.flight.requests.per.connection'] ?? -1,
      },
      { value: 1000, what: 'ack loss', of: (r) => faultMs(r, 'ackLoss') },
      {
        value: 3,
        what: 'acks lost',
        of: (r) => {
          const f = r.scenario.faults[0];
          return f && f.kind === 'ackLoss' ? f.count : -1;
        },
      },
      {
        value: 300,
        what: 'request.timeout.ms',
        of: (r) => producerSpec(r, 'checkout').config?.['request.timeout.ms'] ?? -1,
      },
    ],
    [
      { value: 1384, what: 'first duplicate', of: (r) => firstAnomalyMs(r, 'duplicate') },
      { value: 6, what: 'log duplicates', of: (r) => r.summary.logDuplicates },
      { value: 2, what: 'reordered', of: (r) => group(r.summary, 'ledger').reordered },
    ],
    [
      {
        value: 0,
        what: 'log duplicates; reordered',
        of: (r) =>
          r.summary.logDuplicates === 0 && group(r.summary, 'ledger').reordered === 0 ? 0 : -1,
      },
      {
        value: 5,
        what: 'max.in.flight',
        of: (r) =>
          producerSpec(r, 'checkout').config?.['max.in.flight.requests.per.connection'] ?? -1,
      },
    ],
  ],
  'hot-partitions-and-key-design': [
    [
      {
        value: 1000,
        what: 'users',
        of: (r) => {
          const k = producerSpec(r, 'web-frontend').keys;
          return k.kind === 'zipf' ? k.count : -1;
        },
      },
      { value: 1205, what: 'clicks', of: (r) => appendedTo(r, 'clicks') },
      {
        value: 422,
        what: 'busiest partition',
        of: (r) => Math.max(...partitionCounts(r, 'clicks')),
      },
      { value: 6, what: 'partitions', of: (r) => topicSpec(r, 'clicks').partitions },
      { value: 95, what: 'lagMax', of: (r) => group(r.summary, 'sessionizer').lagMax ?? -1 },
    ],
    [
      { value: 12, what: 'members', of: (r) => groupSpec(r, 'sessionizer').members as number },
      {
        value: 6,
        what: 'idle',
        of: (r) => {
          const e = r.events
            .filter((x) => x.type === 'rebalanceCompleted' && x.group === 'sessionizer')
            .at(-1);
          return e && e.type === 'rebalanceCompleted'
            ? Object.values(e.assignment).filter((p) => p.length === 0).length
            : -1;
        },
      },
      { value: 81, what: 'lagMax', of: (r) => group(r.summary, 'sessionizer').lagMax ?? -1 },
      { value: 10, what: 'goal', of: () => 10 },
      { value: 1000, what: 'hint: keys', of: () => 1000 },
    ],
    [{ value: 3, what: 'lagMax', of: (r) => group(r.summary, 'sessionizer').lagMax ?? -1 }],
  ],
  'eventual-consistency-of-read-models': [
    [
      { value: 1000, what: 'cursor', of: () => 1000 },
      { value: 1, what: 'lag at 1,000 ms', of: (r) => group(r.at(1000), 'order-view').lag ?? -1 },
    ],
    [
      {
        value: 1000,
        what: 'burst start',
        of: (r) => r.scenario.producers[0]!.rate.bursts![0]!.atMs,
      },
      {
        value: 5,
        what: 'burst multiplier',
        of: (r) => r.scenario.producers[0]!.rate.bursts![0]!.multiplier,
      },
      {
        value: 500,
        what: 'burst length',
        of: (r) => r.scenario.producers[0]!.rate.bursts![0]!.durationMs,
      },
      { value: 1500, what: 'cursor', of: () => 1500 },
      { value: 100, what: 'lag at 1,500 ms', of: (r) => group(r.at(1500), 'order-view').lag ?? -1 },
      { value: 3000, what: 'cursor', of: () => 3000 },
      { value: 3, what: 'lag at 3,000 ms', of: (r) => group(r.at(3000), 'order-view').lag ?? -1 },
    ],
    [
      {
        value: 600,
        what: 'pause',
        of: (r) => {
          const f = r.scenario.faults[0];
          return f && f.kind === 'pause' ? f.durationMs : -1;
        },
      },
      { value: 2500, what: 'pause at', of: (r) => faultMs(r, 'pause') },
      { value: 3000, what: 'cursor', of: () => 3000 },
      { value: 101, what: 'lag at 3,000 ms', of: (r) => group(r.at(3000), 'order-view').lag ?? -1 },
      { value: 23, what: 'lag at the end', of: (r) => group(r.summary, 'order-view').lag ?? -1 },
      { value: 5, what: 'goal', of: () => 5 },
      {
        value: 2,
        what: 'partitions; members in the hint',
        of: (r) => topicSpec(r, 'order-events').partitions,
      },
    ],
  ],
  ...amqpClaims,
  ...bridgeClaims,
  ...txnClaims,
  ...retentionClaims,
  ...partitionClaims,
  ...esClaims,
  ...compactClaims,
};

/** The reference answer of each task, by lesson id and step index. */
export const solutions: Record<string, Record<number, Action[]>> = {
  'events-and-topics': {
    2: [{ op: 'set', path: 'groups[id=email].config["auto.offset.reset"]', value: 'earliest' }],
  },
  'partitions-and-ordering': {
    2: [{ op: 'set', path: 'producers[id=unkeyed-shop].sendKey', value: true }],
  },
  'consumer-groups-and-rebalances': {
    3: [{ op: 'set', path: 'groups[id=payment].config["session.timeout.ms"]', value: 600 }],
  },
  'commit-placement': {
    2: [{ op: 'set', path: 'groups[id=notifier].commit', value: 'after-processing' }],
  },
  'idempotent-consumers': { 0: [{ op: 'set', path: 'groups[id=ledger].idempotent', value: true }] },
  'acks-replication-and-the-isr': {
    2: [{ op: 'set', path: 'producers[id=checkout-fast].config.acks', value: 'all' }],
  },
  'producer-retries-and-idempotence': {
    1: [{ op: 'set', path: 'producers[id=checkout].config["enable.idempotence"]', value: true }],
  },
  'hot-partitions-and-key-design': {
    1: [
      {
        op: 'set',
        path: 'producers[id=web-frontend].keys',
        value: { kind: 'uniform', count: 1000, prefix: 'user-' },
      },
    ],
  },
  'eventual-consistency-of-read-models': {
    2: [{ op: 'set', path: 'groups[id=order-view].members', value: 2 }],
  },
  ...amqpSolutions,
  ...bridgeSolutions,
  ...txnSolutions,
  ...retentionSolutions,
  ...partitionSolutions,
  ...esSolutions,
  ...compactSolutions,
};

/**
 * Why the narration says an anomaly happened: per lesson and step, the `kind/cause` of the
 * anomalies it links to (insight's AnomalyCause). The test requires each to occur in the step's
 * run, and every anomaly of a linked kind to have one of the listed causes, so "the new leader's
 * log is shorter" cannot silently become a different mechanism.
 */
export const causes: Record<string, Record<number, string[]>> = {
  'partitions-and-ordering': { 1: ['reordered/null-key'] },
  'consumer-groups-and-rebalances': { 3: ['stuck/no-live-owner'] },
  'commit-placement': {
    1: ['duplicate/crash-before-commit'],
    2: ['lost/commit-before-processing'],
  },
  'idempotent-consumers': { 0: ['duplicate/crash-before-commit'] },
  'acks-replication-and-the-isr': { 1: ['lost/log-truncated'] },
  'producer-retries-and-idempotence': { 1: ['duplicate/producer-retry'] },
  'rabbitmq-exchanges-and-routing': { 1: ['lost/unroutable'] },
  'rabbitmq-acks-prefetch-and-redelivery': {
    3: ['lost/auto-ack'],
    4: ['duplicate/consumer-crash'],
    5: ['duplicate/consumer-crash'],
  },
  'kafka-to-rabbitmq-bridge': {
    1: ['duplicate/crash-before-commit'],
    2: ['duplicate/connection-lost', 'duplicate/crash-before-commit'],
  },
  'rabbitmq-dead-lettering-ttl-and-retries': { 1: ['reordered/dead-letter'] },
  'rabbitmq-poison-messages-and-delivery-limits': { 0: ['stuck/poison-loop'] },
  'retention-outruns-a-slow-consumer': { 1: ['lost/offset-reset-latest', 'lost/retention'] },
  'adding-partitions-breaks-key-order': { 1: ['reordered/partitions-added'] },
  'a-compacted-topic-as-a-table': { 2: ['lost/missed-tombstone'] },
};
