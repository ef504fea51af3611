/**
 * The compaction lesson's claims (17), merged into claims.ts: every number its narration shows,
 * measured on the step's run (the log cleaner's events, the records each group processed, the
 * summary's missedTombstones) or read from its scenario.
 *
 * Measures of its own: what the log still holds at a cursor (offsets appended by then minus
 * those a `logCleaned` event removed by then) and the table a group has folded by then (each
 * record it processed sets its key, a tombstone deletes it), from the event log alone.
 */
import type { SimEvent } from '../engine';
import type { Action } from '../learn/types';
import { faultMs, group, producerSpec, topicSpec, type Claim, type StepRun } from './claims';

type Ev<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;
const only = <T extends SimEvent['type']>(r: StepRun, type: T): Ev<T>[] =>
  r.events.filter((e): e is Ev<T> => e.type === type);

/** Records appended to `topic` by `ms`, by offset (one partition: the built-in's). */
const appended = (r: StepRun, topic: string, ms: number) =>
  only(r, 'recordAppended').filter((e) => e.topic === topic && e.timeUs <= ms * 1000);

/** Offsets appended by `ms`, and how many of them still hold a record then. */
export const logAt = (r: StepRun, topic: string, ms: number) => {
  const removed = new Set<number>();
  for (const e of only(r, 'logCleaned'))
    if (e.topic === topic && e.timeUs <= ms * 1000) for (const o of e.removed) removed.add(o);
  const recs = appended(r, topic, ms);
  const kept = recs.filter((e) => !removed.has(e.offset));
  return {
    offsets: recs.length,
    kept: kept.length,
    tombstones: kept.filter((e) => e.tombstone).length,
  };
};

/** The keys in the table `grp` has folded from `topic` by `ms`. */
export const tableAt = (r: StepRun, grp: string, topic: string, ms = Infinity): string[] => {
  const byOffset = new Map(appended(r, topic, Infinity).map((e) => [e.offset, e]));
  const table = new Set<string>();
  for (const e of only(r, 'recordProcessed')) {
    if (e.group !== grp || e.topic !== topic || e.timeUs > ms * 1000) continue;
    const rec = byOffset.get(e.offset)!;
    if (rec.key === null) continue;
    if (rec.tombstone) table.delete(rec.key);
    else table.add(rec.key);
  }
  return [...table].sort();
};

/** The keys whose last record in the log is a tombstone: the customers erased. */
const erased = (r: StepRun, topic: string): string[] => {
  const last = new Map<string, boolean>();
  for (const e of appended(r, topic, Infinity)) if (e.key !== null) last.set(e.key, !!e.tombstone);
  return [...last].filter(([, t]) => t).map(([k]) => k);
};

/** When the first cleaning set the delete horizon of the tombstone at `offset`, and removed it. */
const tombstoneLife = (r: StepRun, offset: number) => {
  const cleaned = only(r, 'logCleaned');
  const first = cleaned.find((e) => e.horizons.some((h) => h.offset === offset));
  const gone = cleaned.find((e) => e.tombstonesExpired.includes(offset));
  return { firstMs: first ? first.timeUs / 1000 : -1, goneMs: gone ? gone.timeUs / 1000 : -1 };
};

const tombstones = (r: StepRun) =>
  only(r, 'recordAppended').filter((e) => e.producer === 'gdpr' && e.tombstone);
const customers = 'customers';
const num = (x: unknown): number => (typeof x === 'number' ? x : -1);
const memberStart = (r: StepRun, grp: string): number => {
  const m = r.scenario.groups.find((g) => g.id === grp)!.members;
  return Array.isArray(m) ? num(m[0]!.startMs) : -1;
};

/** Kafka's delete.retention.ms default (topic config; broker: log.cleaner.delete.retention.ms). */
const DEFAULT_DELETE_RETENTION = {
  value: 86400000,
  what: "delete.retention.ms default (Kafka's default, one day)",
  kafka:
    'delete.retention.ms default 86400000 (1 day), topic configs (server default log.cleaner.delete.retention.ms), Kafka documentation / Red Hat AMQ Streams topic configuration parameters',
};

export const compactClaims: Record<string, Claim[][]> = {
  'a-compacted-topic-as-a-table': [
    [
      {
        value: 20,
        what: 'crm records per second',
        of: (r) => producerSpec(r, 'crm').rate.perSec,
      },
      {
        value: 12,
        what: 'customers crm writes; rows in profile-cache at 6,000 ms',
        of: (r) => {
          const k = producerSpec(r, 'crm').keys;
          const n = k.kind === 'uniform' ? k.count : -1;
          return tableAt(r, 'profile-cache', customers, 6000).length === n ? n : -1;
        },
      },
      { value: 6000, what: 'crm stops; the cursor', of: (r) => num(producerSpec(r, 'crm').stopMs) },
      {
        value: 1000,
        what: 'segment.ms and log.cleaner.backoff.ms',
        of: (r) =>
          num(topicSpec(r, customers)['segment.ms']) ===
          num(r.scenario.broker?.['log.cleaner.backoff.ms'])
            ? num(topicSpec(r, customers)['segment.ms'])
            : -1,
      },
      {
        value: 0,
        what: 'the log starts at offset 0 (compaction never moves the log start offset)',
        of: (r) => (only(r, 'segmentsDeleted').some((e) => e.topic === customers) ? -1 : 0),
      },
      { value: 121, what: 'offsets at 6,000 ms', of: (r) => logAt(r, customers, 6000).offsets },
      {
        value: 28,
        what: 'holding a record at 6,000 ms',
        of: (r) => logAt(r, customers, 6000).kept,
      },
    ],
    [
      { value: 6200, what: 'gdpr starts', of: (r) => tombstones(r)[0]!.timeUs / 1000 },
      { value: 4, what: 'tombstones gdpr sends', of: (r) => tombstones(r).length },
      { value: 3, what: 'customers erased', of: (r) => erased(r, customers).length },
      {
        value: 9,
        what: 'rows in profile-cache after the deletes',
        of: (r) => tableAt(r, 'profile-cache', customers, 8200).length,
      },
      {
        value: 3000,
        what: 'delete.retention.ms',
        of: (r) => num(topicSpec(r, customers)['delete.retention.ms']),
      },
      {
        value: 7000,
        what: "customer-3's tombstone first cleaned",
        of: (r) => tombstoneLife(r, tombstones(r)[0]!.offset).firstMs,
      },
      {
        value: 10000,
        what: "customer-3's tombstone removed",
        of: (r) => tombstoneLife(r, tombstones(r)[0]!.offset).goneMs,
      },
    ],
    [
      { value: 5000, what: 'search-index crashes', of: (r) => faultMs(r, 'crash') },
      { value: 14000, what: 'and restarts', of: (r) => faultMs(r, 'restart') },
      {
        value: 3,
        what: 'deletes search-index missed (summary, events)',
        of: (r) =>
          only(r, 'tombstoneMissed').length === group(r.summary, 'search-index').missedTombstones
            ? group(r.summary, 'search-index').missedTombstones
            : -1,
      },
      {
        value: 12,
        what: 'rows in search-index at the end',
        of: (r) => tableAt(r, 'search-index', customers).length,
      },
      {
        value: 9,
        what: 'rows in profile-cache at the end',
        of: (r) => tableAt(r, 'profile-cache', customers).length,
      },
      {
        value: 3000,
        what: 'delete.retention.ms',
        of: (r) => num(topicSpec(r, customers)['delete.retention.ms']),
      },
    ],
    [
      { value: 16000, what: 'audit starts', of: (r) => memberStart(r, 'audit') },
      {
        value: 9,
        what: "audit's rows, the same as profile-cache's, no erased customer",
        of: (r) => {
          const audit = tableAt(r, 'audit', customers);
          const cache = tableAt(r, 'profile-cache', customers);
          const gone = erased(r, customers);
          return audit.join() === cache.join() && !audit.some((k) => gone.includes(k))
            ? audit.length
            : -1;
        },
      },
      { value: 224, what: 'offsets at the end', of: (r) => logAt(r, customers, 20000).offsets },
      {
        value: 18,
        what: 'holding a record at the end',
        of: (r) => logAt(r, customers, 20000).kept,
      },
      {
        value: 0,
        what: 'tombstones left at the end',
        of: (r) => logAt(r, customers, 20000).tombstones,
      },
    ],
    [
      DEFAULT_DELETE_RETENTION,
      {
        value: 3000,
        what: 'delete.retention.ms',
        of: (r) => num(topicSpec(r, customers)['delete.retention.ms']),
      },
      { value: 5000, what: 'search-index crashes', of: (r) => faultMs(r, 'crash') },
      { value: 14000, what: 'and restarts', of: (r) => faultMs(r, 'restart') },
      {
        value: 9000,
        what: 'search-index down (restart − crash), longer than delete.retention.ms',
        of: (r) => {
          const down = faultMs(r, 'restart') - faultMs(r, 'crash');
          return down > num(topicSpec(r, customers)['delete.retention.ms']) ? down : -1;
        },
      },
    ],
  ],
};

/** The task of step 5 (index 4): tombstones kept for as long as Kafka keeps them by default. */
export const compactSolutions: Record<string, Record<number, Action[]>> = {
  'a-compacted-topic-as-a-table': {
    4: [
      {
        op: 'set',
        path: 'topics[name=customers]["delete.retention.ms"]',
        value: DEFAULT_DELETE_RETENTION.value,
      },
    ],
  },
};
