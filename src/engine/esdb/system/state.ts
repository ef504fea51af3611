/** The event store's part of a simulation state: the store, and the clients around it. */
import { initialEsState, type EsState } from '../state';
import type { AggState } from './domain';
import type { EsSimModel } from './model';

export interface PendingCommand {
  commandId: number;
  commandType: string;
  stream: string;
  sentUs: number;
}

export type EsHandlerStatus = 'idle' | 'due' | 'busy';

export interface EsHandlerState {
  /** idle: nothing to do (no wake); due: woken to take the next command; busy: handling one. */
  status: EsHandlerStatus;
  command: PendingCommand | null;
  attempt: number;
  readVersion: number;
  /** The state it read (decided from at doneUs). */
  state: AggState | null;
  steps: number;
}

export interface Snapshot {
  version: number;
  schemaVersion: number;
  state: AggState;
}

/** A read model row: per stream, events counted, their amounts, and the last version seen. */
export interface ReadModelRow {
  count: number;
  total: number;
  lastVersion: number;
}

export interface EsProjectionState {
  /** The next `$all` position it handles (in memory). */
  position: number;
  /** The last checkpoint written: where a restart resumes. */
  checkpoint: number;
  handledSinceCheckpoint: number;
  readModel: Map<string, ReadModelRow>;
  /** The record being handled (its `$all` position) until doneUs, or null. */
  busy: { position: number; doneUs: number } | null;
  /** A rebuild running: the `$all` position it must reach, or null. */
  rebuildTarget: number | null;
  steps: number;
}

export interface LastWrite {
  stream: string;
  version: number;
  timeUs: number;
}

export interface EsQueryState {
  sent: number;
  /** Answers that were stale (the read model behind the command's version). */
  stale: number;
  /** A read-your-writes query waiting for the model: what it waits for, since when. */
  waiting: (LastWrite & { sinceUs: number }) | null;
}

export interface EsCounters {
  commands: number;
  succeeded: number;
  /** Records the handlers appended. */
  appends: number;
  conflicts: number;
  retries: number;
  failedCommands: number;
  rejectedCommands: number;
  snapshots: number;
  snapshotsIgnored: number;
  eventsRead: number;
  projected: number;
  /** Events a counter projection counted again (handled twice after a crash). */
  doubleCounted: number;
  /** Events an idempotent projection skipped as already seen. */
  deduplicated: number;
  projectionCrashes: number;
  rebuilds: number;
  queries: number;
  staleReads: number;
  maxStaleEvents: number;
  maxStaleMs: number;
  readYourWritesWaits: number;
  upcasted: number;
  versionErrors: number;
}

/** One aggregate's command outcomes (what its node shows). */
export interface EsAggregateCounters {
  succeeded: number;
  /** Appends refused with WrongExpectedVersion (each re-read and retry counts once). */
  conflicts: number;
  failed: number;
  rejected: number;
}

export interface EsSimState {
  store: EsState;
  sources: { sent: number }[];
  /** Per aggregate, in model order. */
  aggregateCounters: EsAggregateCounters[];
  /** Commands waiting for a handler, per aggregate, in arrival order. */
  queues: PendingCommand[][];
  handlers: EsHandlerState[];
  /** The handlers' belief of each stream's state after their last successful command. */
  aggregates: Map<string, AggState>;
  snapshots: Map<string, Snapshot>;
  /** The code running per aggregate: the schema versions it writes and expects. */
  eventVersion: number[];
  snapshotSchemaVersion: number[];
  projections: EsProjectionState[];
  queries: EsQueryState[];
  /** The last successful command per aggregate, and over all of them (what a query follows). */
  lastWrite: (LastWrite | null)[];
  lastWriteAll: LastWrite | null;
  nextCommandId: number;
  faultCursor: number;
  counters: EsCounters;
}

export const zeroEsCounters = (): EsCounters => ({
  commands: 0,
  succeeded: 0,
  appends: 0,
  conflicts: 0,
  retries: 0,
  failedCommands: 0,
  rejectedCommands: 0,
  snapshots: 0,
  snapshotsIgnored: 0,
  eventsRead: 0,
  projected: 0,
  doubleCounted: 0,
  deduplicated: 0,
  projectionCrashes: 0,
  rebuilds: 0,
  queries: 0,
  staleReads: 0,
  maxStaleEvents: 0,
  maxStaleMs: 0,
  readYourWritesWaits: 0,
  upcasted: 0,
  versionErrors: 0,
});

export function initialEsSimState(m: EsSimModel): EsSimState {
  return {
    store: initialEsState(),
    sources: m.aggregates.map(() => ({ sent: 0 })),
    aggregateCounters: m.aggregates.map(() => ({
      succeeded: 0,
      conflicts: 0,
      failed: 0,
      rejected: 0,
    })),
    queues: m.aggregates.map(() => []),
    handlers: m.handlers.map((): EsHandlerState => ({
      status: 'idle',
      command: null,
      attempt: 0,
      readVersion: -1,
      state: null,
      steps: 0,
    })),
    aggregates: new Map(),
    snapshots: new Map(),
    eventVersion: m.aggregates.map((a) => a.eventVersion),
    snapshotSchemaVersion: m.aggregates.map((a) => a.snapshotSchemaVersion),
    projections: m.projections.map((): EsProjectionState => ({
      position: 0,
      checkpoint: 0,
      handledSinceCheckpoint: 0,
      busy: null,
      readModel: new Map(),
      rebuildTarget: null,
      steps: 0,
    })),
    queries: m.queries.map(() => ({ sent: 0, stale: 0, waiting: null })),
    lastWrite: m.aggregates.map(() => null),
    lastWriteAll: null,
    nextCommandId: 1,
    faultCursor: 0,
    counters: zeroEsCounters(),
  };
}

function cloneStore(s: EsState): EsState {
  return {
    timeUs: s.timeUs,
    log: s.log.slice(),
    streams: new Map(
      [...s.streams].map(([k, st]) => [
        k,
        { ...st, events: st.events.slice(), ids: new Map(st.ids) },
      ]),
    ),
    projections: new Map([...s.projections].map(([k, p]) => [k, { ...p }])),
  };
}

export function cloneEsSimState(s: EsSimState): EsSimState {
  return {
    ...s,
    store: cloneStore(s.store),
    sources: s.sources.map((x) => ({ ...x })),
    aggregateCounters: s.aggregateCounters.map((x) => ({ ...x })),
    queues: s.queues.map((q) => q.slice()),
    handlers: s.handlers.map((h) => ({ ...h })),
    aggregates: new Map(s.aggregates),
    snapshots: new Map(s.snapshots),
    eventVersion: s.eventVersion.slice(),
    snapshotSchemaVersion: s.snapshotSchemaVersion.slice(),
    projections: s.projections.map((p) => ({
      ...p,
      readModel: new Map([...p.readModel].map(([k, r]) => [k, { ...r }])),
    })),
    queries: s.queries.map((q) => ({ ...q })),
    lastWrite: s.lastWrite.slice(),
    counters: { ...s.counters },
  };
}
