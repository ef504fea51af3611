/**
 * The event store lessons' claims (19–23, issue 13) and task answers, merged into claims.ts:
 * every number their narration shows, measured on the step's run (the summary's `eventStore`
 * counters, the crash, rebuild and deploy events) or read from the step's scenario.
 */
import type { EsClientEvent, SimEvent } from '../engine';
import type { Action } from '../learn/types';
import type { Claim, StepRun } from './claims';

type Of<T extends EsClientEvent['type']> = Extract<EsClientEvent, { type: T }>;
const only = <T extends EsClientEvent['type']>(r: StepRun, t: T): Of<T>[] =>
  r.events.filter((e: SimEvent) => e.type === t) as unknown as Of<T>[];
const es = (r: StepRun) => {
  const c = r.summary.eventStore;
  if (!c) throw new Error('no event store in the run');
  return c;
};
const spec = (r: StepRun) => r.scenario.eventStore!;
const aggregate = (r: StepRun, id: string) => spec(r).aggregates.find((a) => a.id === id)!;
const projection = (r: StepRun, id: string) => spec(r).projections!.find((p) => p.id === id)!;
const producerRate = (r: StepRun, id: string) =>
  r.scenario.producers.find((p) => p.id === id)!.rate.perSec;
const ms = (d: unknown): number => (typeof d === 'number' ? d : -1);
const crash = (r: StepRun, p: string) =>
  only(r, 'es.projectionCrashed').find((e) => e.projection === p)!;
const rebuild = (r: StepRun) => only(r, 'es.rebuildStarted')[0]!;

export const esClaims: Record<string, Claim[][]> = {
  'optimistic-concurrency-two-writers': [
    [
      { value: 25, what: 'ms between commands', of: (r) => 1000 / producerRate(r, 'shop') },
      { value: 40, what: 'processingMs', of: (r) => ms(aggregate(r, 'order').processingMs) },
      { value: 4, what: 'appends refused', of: (r) => es(r).conflicts },
      { value: 3, what: 'retries', of: (r) => es(r).retries },
      { value: 2, what: 'maxRetries', of: (r) => aggregate(r, 'order').maxRetries! },
      { value: 1, what: 'failed commands', of: (r) => es(r).failedCommands },
    ],
    [],
    [],
  ],
  'stale-reads-and-read-your-writes': [
    [
      {
        value: 60,
        what: 'projection ms per event',
        of: (r) => ms(projection(r, 'balances').processingMs),
      },
      {
        value: 12,
        what: 'stale answers of balance-page',
        of: (r) =>
          only(r, 'es.queryAnswered').filter((e) => e.stale && e.query === 'balance-page').length,
      },
      { value: 1, what: 'most events behind', of: (r) => es(r).maxStaleEvents },
      { value: 45, what: 'longest ms behind', of: (r) => es(r).maxStaleMs },
    ],
    [],
    [],
  ],
  'projection-crash-double-count': [
    [
      {
        value: 5,
        what: 'checkpointEvery',
        of: (r) => projection(r, 'item-counter').checkpointEvery!,
      },
      { value: 1130, what: 'the crash (ms)', of: (r) => crash(r, 'item-counter').timeUs / 1000 },
      {
        value: 22,
        what: 'last position handled',
        of: (r) => crash(r, 'item-counter').position - 1,
      },
      { value: 20, what: 'the checkpoint', of: (r) => crash(r, 'item-counter').checkpoint },
      {
        value: 3,
        what: 'events received again, counted twice, skipped',
        of: (r) => {
          const c = crash(r, 'item-counter');
          const again = c.position - c.checkpoint;
          const counted = es(r).doubleCounted;
          const skipped = es(r).deduplicated;
          return again === counted && counted === skipped ? counted : -1;
        },
      },
    ],
    [],
    [],
  ],
  'rebuilding-a-read-model': [
    [
      { value: 2000, what: 'the rebuild (ms)', of: (r) => rebuild(r).timeUs / 1000 },
      {
        value: 0,
        what: 'the first position replayed',
        of: (r) => {
          const at = rebuild(r).timeUs;
          return only(r, 'es.projected').find((e) => e.timeUs >= at)!.position;
        },
      },
      { value: 40, what: 'the rebuild target', of: (r) => rebuild(r).target },
      {
        value: 2600,
        what: 'the rebuild done (ms)',
        of: (r) => only(r, 'es.projected').find((e) => e.rebuildCompleted)!.timeUs / 1000,
      },
      { value: 5, what: 'stale answers', of: (r) => es(r).staleReads },
      { value: 11, what: 'most events behind', of: (r) => es(r).maxStaleEvents },
    ],
    [],
    [],
  ],
  'upcasting-event-versions': [
    [
      {
        value: 1,
        what: 'the event version written first',
        of: (r) => aggregate(r, 'invoice').eventVersion ?? 1,
      },
      {
        value: 1000,
        what: 'the deploys (ms)',
        of: (r) => only(r, 'es.deployed')[0]!.timeUs / 1000,
      },
      {
        value: 2,
        what: 'the deployed event version',
        of: (r) => only(r, 'es.deployed')[1]!.eventVersion,
      },
      { value: 28, what: 'upcasts on read', of: (r) => es(r).upcasted },
      { value: 4, what: 'snapshots ignored', of: (r) => es(r).snapshotsIgnored },
      { value: 11, what: 'failed commands', of: (r) => es(r).failedCommands },
    ],
    [],
    [],
  ],
};

export const esSolutions: Record<string, Record<number, Action[]>> = {
  'optimistic-concurrency-two-writers': {
    1: [{ op: 'set', path: 'eventStore.aggregates[id=order].maxRetries', value: 5 }],
  },
  'stale-reads-and-read-your-writes': {
    1: [{ op: 'set', path: 'eventStore.queries[id=balance-page].readYourWrites', value: true }],
  },
  'projection-crash-double-count': {
    1: [{ op: 'set', path: 'eventStore.projections[id=item-counter].kind', value: 'idempotent' }],
  },
  'rebuilding-a-read-model': {
    1: [{ op: 'set', path: 'eventStore.projections[id=order-totals].processingMs', value: 1 }],
  },
  'upcasting-event-versions': {
    1: [
      {
        op: 'set',
        path: 'eventStore.aggregates[id=invoice].upcast',
        value: { from: 1, to: 2, defaults: { currency: 'EUR' } },
      },
    ],
  },
};
