/**
 * The retention lesson's claims (16) and task answer, merged into claims.ts: every number its
 * narration, task text and hints show, measured on the step's run (segment deletions, the
 * OFFSET_OUT_OF_RANGE resets, the lost anomalies by cause, the summary) or read from its
 * scenario (a quoted setting).
 */
import type { SimEvent } from '../engine';
import type { Action } from '../learn/types';
import {
  anomalyCount,
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

const topicLog = (r: StepRun, key: 'retention.ms' | 'segment.ms'): number =>
  topicSpec(r, 'clicks')[key] ?? -1;
const broker = (r: StepRun, key: 'log.retention.check.interval.ms' | 'log.initial.task.delay.ms') =>
  r.scenario.broker?.[key] ?? -1;

/** The first deletion of the run (clicks-2's first segment). */
const firstDeletion = (r: StepRun): Ev<'segmentsDeleted'> => {
  const d = only(r, 'segmentsDeleted')[0];
  if (!d || d.partition !== 2 || d.baseOffsets.length !== 1) throw new Error('not clicks-2 first');
  return d;
};

/** archiver's first poll with positions out of range: its resets, by partition. */
const firstResets = (r: StepRun): Map<number, Ev<'offsetOutOfRange'>> => {
  const all = only(r, 'offsetOutOfRange').filter((e) => e.group === 'archiver');
  const t = all[0]!.timeUs;
  return new Map(all.filter((e) => e.timeUs === t).map((e) => [e.partition, e]));
};
/** A reset of that poll that moved to the log start (earliest) from `position`, or throws. */
const reset = (r: StepRun, p: number): Ev<'offsetOutOfRange'> => {
  const e = firstResets(r).get(p);
  if (!e || e.policy !== 'earliest' || e.resetTo !== e.logStartOffset)
    throw new Error(`no reset ${p}`);
  return e;
};
/** Records archiver lost at its first reset (the skips of that poll, reason retention). */
const firstLost = (r: StepRun): number => {
  const t = [...firstResets(r).values()][0]!.timeUs;
  return only(r, 'offsetsSkipped')
    .filter((e) => e.group === 'archiver' && e.timeUs === t && e.reason === 'retention')
    .reduce((n, e) => n + e.to - e.from, 0);
};

const lostBy = (r: StepRun, grp: string, cause: string): number =>
  r.anomalies
    .filter((a) => a.kind === 'lost' && a.group === grp && a.cause === cause)
    .reduce((n, a) => n + a.count, 0);

const appended = (r: StepRun) => only(r, 'recordAppended').length;

/** archiver's lost records: the summary's, equal to its retention anomalies' (no other cause). */
const archiverLost = (r: StepRun): number => {
  const s = group(r.summary, 'archiver').lost;
  return s === lostBy(r, 'archiver', 'retention') && s === anomalyCount(r, 'lost', 'archiver')
    ? s
    : -1;
};

const perSecond = (ms: number) => Math.round(1000 / ms);

export const retentionClaims: Record<string, Claim[][]> = {
  'retention-outruns-a-slow-consumer': [
    [
      { value: 15, what: 'records per second', of: (r) => producerSpec(r, 'web').rate.perSec },
      { value: 3, what: 'partitions', of: (r) => topicSpec(r, 'clicks').partitions },
      {
        value: 1000,
        what: 'segment.ms; the first check (log.initial.task.delay.ms)',
        of: (r) =>
          topicLog(r, 'segment.ms') === broker(r, 'log.initial.task.delay.ms')
            ? topicLog(r, 'segment.ms')
            : -1,
      },
      {
        value: 500,
        what: 'log.retention.check.interval.ms',
        of: (r) => broker(r, 'log.retention.check.interval.ms'),
      },
      { value: 3000, what: 'retention.ms', of: (r) => topicLog(r, 'retention.ms') },
      {
        value: 4000,
        what: 'the first deletion',
        of: (r) => firstDeletion(r).timeUs / 1000,
      },
      { value: 0, what: 'first deleted offset', of: (r) => firstDeletion(r).fromOffset },
      { value: 8, what: 'last deleted offset', of: (r) => firstDeletion(r).logStartOffset - 1 },
      { value: 9, what: 'the new log start offset', of: (r) => firstDeletion(r).logStartOffset },
    ],
    [
      {
        value: 2,
        what: 'dashboard ms a record',
        of: (r) => groupSpec(r, 'dashboard').processingMs as number,
      },
      {
        value: 150,
        what: 'archiver ms a record',
        of: (r) => groupSpec(r, 'archiver').processingMs as number,
      },
      {
        value: 7,
        what: 'archiver records a second',
        of: (r) => perSecond(groupSpec(r, 'archiver').processingMs as number),
      },
      { value: 15, what: 'written a second', of: (r) => producerSpec(r, 'web').rate.perSec },
      {
        value: 7050,
        what: 'archiver first out of range',
        of: (r) => [...firstResets(r).values()][0]!.timeUs / 1000,
      },
      { value: 13, what: 'clicks-0 position (first lost)', of: (r) => reset(r, 0).position },
      {
        value: 19,
        what: 'clicks-0 log start, reset to',
        of: (r) => reset(r, 0).logStartOffset,
      },
      { value: 18, what: 'clicks-0 last lost', of: (r) => reset(r, 0).logStartOffset - 1 },
      { value: 17, what: 'clicks-2 position (first lost)', of: (r) => reset(r, 2).position },
      { value: 21, what: 'clicks-2 log start', of: (r) => reset(r, 2).logStartOffset },
      { value: 20, what: 'clicks-2 last lost', of: (r) => reset(r, 2).logStartOffset - 1 },
      {
        value: 10,
        what: 'records lost at the first reset (both partitions, no other)',
        of: (r) =>
          firstResets(r).size === 2 &&
          firstLost(r) ===
            reset(r, 0).logStartOffset -
              reset(r, 0).position +
              reset(r, 2).logStartOffset -
              reset(r, 2).position
            ? firstLost(r)
            : -1,
      },
    ],
    [
      { value: 12000, what: 'the end', of: (r) => r.scenario.durationMs ?? -1 },
      {
        value: 10,
        what: 'archiver resets',
        of: (r) => only(r, 'offsetOutOfRange').filter((e) => e.group === 'archiver').length,
      },
      {
        value: 6,
        what: 'archiver polls with resets',
        of: (r) =>
          new Set(
            only(r, 'offsetOutOfRange')
              .filter((e) => e.group === 'archiver')
              .map((e) => e.timeUs),
          ).size,
      },
      { value: 44, what: 'archiver lost', of: archiverLost },
      {
        value: 180,
        what: 'records written; dashboard processed',
        of: (r) => (group(r.summary, 'dashboard').processed === appended(r) ? appended(r) : -1),
      },
      { value: 79, what: 'archiver processed', of: (r) => group(r.summary, 'archiver').processed },
      { value: 0, what: 'dashboard lost', of: (r) => group(r.summary, 'dashboard').lost },
    ],
    [
      {
        value: 13,
        what: 'archiver-latest: deleted before it read them',
        of: (r) => lostBy(r, 'archiver-latest', 'retention'),
      },
      {
        value: 48,
        what: 'archiver-latest: jumped over, still in the log',
        of: (r) => lostBy(r, 'archiver-latest', 'offset-reset-latest'),
      },
      {
        value: 61,
        what: 'archiver-latest lost',
        of: (r) => {
          const s = group(r.summary, 'archiver-latest').lost;
          return s === anomalyCount(r, 'lost', 'archiver-latest') ? s : -1;
        },
      },
      { value: 44, what: 'archiver lost', of: archiverLost },
    ],
    [
      {
        value: 150,
        what: 'archiver ms a record',
        of: (r) => groupSpec(r, 'archiver').processingMs as number,
      },
      { value: 3, what: 'partitions; members', of: (r) => topicSpec(r, 'clicks').partitions },
      {
        value: 20,
        what: '3 members at 150 ms a record, records a second',
        of: (r) =>
          Math.round(
            (topicSpec(r, 'clicks').partitions * 1000) /
              (groupSpec(r, 'archiver').processingMs as number),
          ),
      },
    ],
  ],
};

export const retentionSolutions: Record<string, Record<number, Action[]>> = {
  'retention-outruns-a-slow-consumer': {
    4: [{ op: 'set', path: 'groups[id=archiver].members', value: 3 }],
  },
};
