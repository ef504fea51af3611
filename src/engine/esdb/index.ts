/** EventStoreDB model (issue 13): the event store's public surface. See ../README.md (esdb/). */
export type * from './types';
export type { EsEvent, EsEventType, AppendCause } from './events';
export { assertNever as assertNeverEs } from './events';
export {
  initialEsState,
  lastEventNumber,
  metadataOf,
  categoryOf,
  isSoftDeleted,
  DELETED_STREAM,
  LINK_TO,
  STREAM_DELETED,
  STREAM_METADATA,
  SYSTEM_PROJECTIONS,
  type EsState,
  type EsStream,
  type EsProjection,
} from './state';
export { evolveEs, foldEs } from './evolve';
export {
  checkCommit,
  decideAppend,
  decideDelete,
  decideSetStreamMetadata,
  decideProjectionStep,
  readStream,
  readAll,
  readEventAt,
  resolveLink,
  type CommitCheck,
  type Decision,
  type WriteOutcome,
  type ReadOptions,
  type ReadOutcome,
} from './store';
export {
  runEventStoreScript,
  runEventStoreScriptDetailed,
  MAX_RECORDS_PER_RUN,
  MAX_READ_EVENTS_PER_RUN,
  type EsRunResult,
} from './runScript';
export { opProblems, scriptProblems, ES_OP_NAMES, MAX_OPS } from './validate';
export { esDigest } from './digest';
export type * from './script';
