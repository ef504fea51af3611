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
  evolveEsRun,
  foldEsRun,
  initialEsRunState,
  CHECKPOINT_EVENT,
  DEFAULT_CONSUMER_BUFFER_SIZE,
  MAX_RECORDS_PER_RUN,
  MAX_READ_EVENTS_PER_RUN,
  MAX_RUN_EVENTS,
  type EsRunResult,
  type EsRunEvent,
  type EsRunState,
} from './runScript';
export {
  stepPersistent,
  foldPersistent,
  evolvePersistent,
  initialPersistentState,
  parkedMessages,
  persistentGroupInfo,
  parkedStreamName,
  checkpointStreamName,
  TICK_US,
  type PersistentGroupInfo,
} from './persistent';
export {
  DEFAULT_PERSISTENT_SETTINGS,
  type PersistentSubscriptionSettings,
  type PersistentOp as PersistentModuleOp,
  type PersistentEvent,
  type PersistentSource,
  type PersistentState,
  type PersistentStepResult,
  type PsDelivery,
  type PsDropReason,
  type PsParked,
  type PsGroup,
} from './persistentTypes';
export {
  initialCatchUpState,
  evolveCatchUp,
  type CatchUpState,
  type CatchUpEvent,
  type CatchUpSubscription,
  type CatchUpDropReason,
  type StoredCheckpoint,
} from './catchUp';
export { opProblems, scriptProblems, ES_OP_NAMES, MAX_OPS } from './validate';
export { esDigest } from './digest';
export type * from './script';
