/**
 * The adding-partitions lesson's claims (18) and task answer, merged into claims.ts: every number
 * its narration, task text and hints show, measured on the step's run (the partitionsAdded and
 * groupMetadataChanged events, the rebalances, the reordered anomalies, the summary) or read from
 * its scenario; Kafka's metadata.max.age.ms default is a fact with its source.
 */
import type { SimEvent } from '../engine';
import type { Action } from '../learn/types';
import {
  faultMs,
  group,
  groupSpec,
  producerSpec,
  topicSpec,
  type Claim,
  type StepRun,
} from './claims';

type Ev<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;
const only = <T extends SimEvent['type']>(r: StepRun, type: T): Ev<T>[] =>
  r.events.filter((e): e is Ev<T> => e.type === type);

/** The run's one growth of orders (throws unless exactly one). */
const grown = (r: StepRun): Ev<'partitionsAdded'> => {
  const a = only(r, 'partitionsAdded').filter((e) => e.topic === 'orders');
  if (a.length !== 1) throw new Error(`expected one partitionsAdded, got ${a.length}`);
  return a[0]!;
};

const config = (cfg: unknown, key: string): number => {
  const v = (cfg as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'number' ? v : -1;
};

/** Kafka's metadata.max.age.ms default (producer and consumer). */
const DEFAULT_AGE = {
  value: 300000,
  what: "metadata.max.age.ms default (Kafka's default)",
  kafka:
    'metadata.max.age.ms default 300000 (5 minutes), producer and consumer configs, Kafka 3.x documentation',
};

/** billing's rebalance after its leader noticed 6 partitions: when it completed (ms, floored). */
const rebalancedMs = (r: StepRun): number => {
  const notice = only(r, 'groupMetadataChanged').find((e) => e.group === 'billing');
  if (!notice || !notice.rebalance) return -1;
  const done = only(r, 'rebalanceCompleted').find(
    (e) => e.group === 'billing' && e.timeUs >= notice.timeUs,
  );
  const all = done ? Object.values(done.assignment).flat() : [];
  return done && all.includes('orders-4') && all.includes('orders-5')
    ? Math.floor(done.timeUs / 1000)
    : -1;
};

const reorders = (r: StepRun) =>
  r.anomalies.filter((a) => a.kind === 'reordered' && a.group === 'billing');

export const partitionClaims: Record<string, Claim[][]> = {
  'adding-partitions-breaks-key-order': [
    [
      { value: 200, what: 'records per second', of: (r) => producerSpec(r, 'shop').rate.perSec },
      { value: 4, what: 'partitions', of: (r) => topicSpec(r, 'orders').partitions },
      {
        value: 12,
        what: 'keys',
        of: (r) => {
          const k = producerSpec(r, 'shop').keys;
          return k.kind === 'uniform' ? k.count : -1;
        },
      },
      {
        value: 2,
        what: 'billing members',
        of: (r) => {
          const m = groupSpec(r, 'billing').members;
          return typeof m === 'number' ? m : m.length;
        },
      },
      { value: 3000, what: 'the alter', of: (r) => faultMs(r, 'addPartitions') },
      { value: 6, what: 'partitions after', of: (r) => grown(r).to },
      {
        value: 1000,
        what: "shop's metadata.max.age.ms",
        of: (r) => config(producerSpec(r, 'shop').config, 'metadata.max.age.ms'),
      },
      {
        value: 11,
        what: 'keys moved',
        of: (r) => (grown(r).moved.length === grown(r).movedCount ? grown(r).movedCount : -1),
      },
      DEFAULT_AGE,
    ],
    [
      {
        value: 22,
        what: 'records billing processed out of order',
        of: (r) => group(r.summary, 'billing').reordered,
      },
      {
        value: 2,
        what: 'keys of the reordered records, each explained by the growth',
        of: (r) =>
          reorders(r).every((a) => a.cause === 'partitions-added')
            ? new Set(reorders(r).map((a) => a.key)).size
            : -1,
      },
      {
        value: 1000,
        what: "billing's metadata.max.age.ms",
        of: (r) => config(groupSpec(r, 'billing').config, 'metadata.max.age.ms'),
      },
      {
        value: 6,
        what: 'partitions the leader sees',
        of: (r) => only(r, 'groupMetadataChanged')[0]?.partitions ?? -1,
      },
      { value: 4, what: 'partitions before', of: (r) => grown(r).from },
      { value: 3749, what: 'rebalance completed with the new partitions', of: rebalancedMs },
    ],
    [DEFAULT_AGE, { value: 6, what: 'partitions after', of: (r) => grown(r).to }],
  ],
};

export const partitionSolutions: Record<string, Record<number, Action[]>> = {
  'adding-partitions-breaks-key-order': {
    2: [{ op: 'set', path: 'producers[id=shop].config["metadata.max.age.ms"]', value: 300000 }],
  },
};
