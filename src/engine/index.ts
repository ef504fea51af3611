/**
 * EventFlow's engine: a deterministic, in-memory Kafka simulator. Pure TypeScript: no DOM, no
 * React, no clock, no unseeded randomness. The UI (in a Web Worker), the CLI, the tests and the bench
 * all run this same code.
 */
export { murmur2, toPositive, partitionForKey } from './kafka/murmur2';
export {
  assignPartitions,
  partitionsToRevoke,
  type AssignorName,
  type MemberSubscription,
} from './kafka/assignors';
export {
  parseScenario,
  parseScenarioJson,
  formatErrors,
  memberIds,
  type ParseResult,
} from './scenario/parse';
export { gotOf, type ScenarioError } from './scenario/validate';
export { upcastScenario, CURRENT_SCENARIO_VERSION } from './scenario/upcast';
export { consumerMemberIds, PREDECLARED_EXCHANGES } from './scenario/parseAmqp';
export {
  SCENARIO_ERROR_CODES,
  COST_PROBLEM_CODES,
  type ScenarioErrorCode,
  type CostProblemCode,
  type ErrorParams,
} from './scenario/errorCodes';
export {
  checkJsonValue,
  parseJsonBounded,
  scanJsonDepth,
  JSON_LIMITS,
  type JsonLimits,
  type JsonTextResult,
} from './scenario/jsonBounds';
export type * from './scenario/types';
export {
  simulate,
  run,
  fold,
  DEFAULT_DURATION_MS,
  type SimulateOptions,
  type SimulateResult,
} from './simulate';
export { nextActor } from './kafka/decide';
export { decide, evolve, isAmqpEvent, isEsEvent, isStreamEvent, WORLD } from './world';
export { cloneState } from './kafka/clone';
export { stateDigest } from './kafka/digest';
export { recordFloors, releaseRecords, minFloors, MIN_RELEASE } from './kafka/retain';
export {
  estimateCost,
  costProblems,
  costIssues,
  type CostProblem,
  BROWSER_LIMITS,
  CLI_LIMITS,
  type ScenarioCost,
  type CostLimits,
} from './scenario/cost';
export {
  initialState,
  recordAt,
  tpName,
  type SimState,
  type GroupState,
  type MemberState,
  type MemberStatus,
} from './kafka/state';
export { compileModel, type Model } from './kafka/model';
export { summarize, type Summary, type GroupSummary } from './kafka/summary';
export { logHash, LogHasher } from './kernel/hash';
export { assertNever, type SimEvent, type SimEventType, type KafkaEvent } from './kafka/events';
export type { AmqpSimEvent, AmqpClientEvent, AmqpBrokerSimEvent } from './amqp/system/events';
export {
  amqpQueueCounts,
  amqpConsumerCounts,
  amqpExchangeCounts,
  amqpBindingCounts,
  amqpSummary,
} from './amqp/system/views';
export type { EsSimEvent, EsClientEvent, EsStoreSimEvent } from './esdb/system/events';
export {
  esStreamHeads,
  esProjectionLag,
  esReadModel,
  esSummary,
  esAggregateCounts,
  esQueryCounts,
  esAllTail,
} from './esdb/system/views';
export type { EsCounters } from './esdb/system/state';
export type { AggState } from './esdb/system/domain';
export type { StreamSimEvent, StreamRecordRef } from './stream/system/events';
export {
  streamWindowJobViews,
  streamPatternJobViews,
  type WindowJobView,
  type PatternJobView,
  type PartitionWatermarkView,
  type LiveWindowView,
} from './stream/system/views';
export type { StreamCounters, FiredView, LateView } from './stream/system/state';
export { WindowOperator, type LiveWindow } from './stream/windows';
export { STREAMS_LIMITS } from './scenario/parseStreams';
export { bindingKey } from './amqp/route';
export { topicMatches, runAmqpScript, normalizeObservations } from './amqp';
export { exportDefinitions, importDefinitions, type DefinitionsJson } from './amqp/definitions';
export type { AmqpScript, AmqpOp, AmqpObservation } from './amqp';
export { eventOf, type EventView } from './kafka/eventView';
export {
  runEventStoreScript,
  runEventStoreScriptDetailed,
  foldEsRun,
  parkedStreamName,
  checkpointStreamName,
  DEFAULT_PERSISTENT_SETTINGS,
  type EventStoreScript,
  type EsOp,
  type StoreOp,
  type PersistentScriptOp,
  type CatchUpOp,
  type EsObservation,
  type ParkedMessage,
  type EsRunResult,
  type EsRunEvent,
  type EsRunState,
  type PersistentSubscriptionSettings,
} from './esdb';
export {
  runEpl,
  type EplResult,
  type EplMatch,
  type EplOptions,
  type EplEvent,
  type EplUpdate,
  type EplRow,
  type EplProblem,
} from './stream/epl';
export {
  runWindows,
  getWindowStartWithOffset,
  assignWindows,
  mergeWindows,
  boundedOutOfOrdernessWatermark,
  withPeriodicWatermarks,
  watermarkValve,
  validateSpec as validateWindowsSpec,
  WINDOW_LIMITS,
  DEFAULT_AUTO_WATERMARK_INTERVAL,
  type WindowsSpec,
  type WindowInput,
  type WindowsRun,
  type WindowResult,
  type LateElement,
  type WindowTraceEvent,
  type TimeWindow,
  type TriggerSpec,
  type AssignerSpec,
  type WindowProblem,
  type ValveInput,
  type ValveRun,
  type ArrivingRecord,
  type WindowKey,
  type ElementInput,
  type AggregateFn,
  type Condition,
} from './stream/windows';
// Sagas (issue 14): orchestrators in runs, the orchestrator alone, choreography, views.
export type {
  SagaEvent,
  SagaEventType,
  SagaCommandSent,
  SagaReplyRejected,
  SagaMessageHandled,
} from './saga/events';
export {
  compileSagaDef,
  compileSagas,
  SAGA_DEFAULTS,
  type SagaDefModel,
  type SagaStepModel,
  type SagaSystemModel,
} from './saga/model';
export {
  stateName as sagaStateName,
  type SagaDefState,
  type SagaInstance,
  type SagaMark,
  type SagaMessage,
  type SagaCounters,
  type SagaStatus,
} from './saga/state';
export { compensationPlan, type IdSource } from './saga/orchestrator';
export {
  runSaga,
  foldSaga,
  sagaStep,
  sagaNextWakeUs,
  type SagaEnvironment,
  type SagaRun,
} from './saga/runner';
export { isSagaEvent } from './saga/system';
export {
  deriveChoreography,
  type ChoreographyMachine,
  type ChoreographyTransition,
  type ChoreographyPath,
} from './saga/choreography';
export {
  sagaRows,
  sagaInstanceView,
  stuckInstances,
  sagaFacts,
  sagaTotals,
  type SagaInstanceView,
  type SagaFact,
  type SagaFactKind,
} from './saga/views';
export { SAGA_LIMITS } from './scenario/parseSagas';
