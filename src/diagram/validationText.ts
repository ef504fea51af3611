/**
 * The engine's problems as messages in the user's language. The engine reports a stable code
 * with plain params (it knows no languages); this maps each code to its catalog key by a literal
 * table, so a code without a message is a type error and every key is found by the catalog test.
 * The JSON path is data and is shown as written in both languages.
 */
import type {
  CostProblem,
  CostProblemCode,
  ErrorParams,
  ScenarioError,
  ScenarioErrorCode,
} from '../engine';
import type { MessageKey } from '../i18n/catalog';
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';

export const SCENARIO_ERROR_KEYS: Readonly<Record<ScenarioErrorCode, MessageKey>> = {
  mustBeObject: 'validation.mustBeObject',
  mustBeArray: 'validation.mustBeArray',
  mustBeString: 'validation.mustBeString',
  mustNotBeEmpty: 'validation.mustNotBeEmpty',
  tooLong: 'validation.tooLong',
  mustMatch: 'validation.mustMatch',
  mustBeNumber: 'validation.mustBeNumber',
  mustBeInteger: 'validation.mustBeInteger',
  tooSmall: 'validation.tooSmall',
  mustBeAbove: 'validation.mustBeAbove',
  tooLarge: 'validation.tooLarge',
  mustBeBoolean: 'validation.mustBeBoolean',
  mustBeOneOf: 'validation.mustBeOneOf',
  unknownField: 'validation.unknownField',
  unsupportedVersion: 'validation.unsupportedVersion',
  needsVersion2: 'validation.needsVersion2',
  tooManyEntries: 'validation.tooManyEntries',
  maxBelowMin: 'validation.maxBelowMin',
  needsAKey: 'validation.needsAKey',
  heartbeatNotBelowSession: 'validation.heartbeatNotBelowSession',
  instanceIdNotUnique: 'validation.instanceIdNotUnique',
  transactionalIdNotUnique: 'validation.transactionalIdNotUnique',
  transactionalAutoCommit: 'validation.transactionalAutoCommit',
  transactionalCommitMode: 'validation.transactionalCommitMode',
  needsATopic: 'validation.needsATopic',
  duplicateTopic: 'validation.duplicateTopic',
  unknownTopic: 'validation.unknownTopic',
  duplicateId: 'validation.duplicateId',
  duplicateGroupId: 'validation.duplicateGroupId',
  partitionOutOfRange: 'validation.partitionOutOfRange',
  stopBeforeStart: 'validation.stopBeforeStart',
  duplicateMember: 'validation.duplicateMember',
  unknownGroup: 'validation.unknownGroup',
  unknownMember: 'validation.unknownMember',
  emitTarget: 'validation.emitTarget',
  routingKeyWithoutExchange: 'validation.routingKeyWithoutExchange',
  unknownExchange: 'validation.unknownExchange',
  noAmqpBroker: 'validation.noAmqpBroker',
  unknownConsumer: 'validation.unknownConsumer',
  unknownConsumerMember: 'validation.unknownConsumerMember',
  tombstoneNeedsKey: 'validation.tombstoneNeedsKey',
  compactedNeedsKey: 'validation.compactedNeedsKey',
  compactedTransactional: 'validation.compactedTransactional',
  amqpNameTooLong: 'validation.amqpNameTooLong',
  reservedAmqPrefix: 'validation.reservedAmqPrefix',
  quorumQueueProperty: 'validation.quorumQueueProperty',
  quorumOverflow: 'validation.quorumOverflow',
  deadLetterRoutingKeyWithoutExchange: 'validation.deadLetterRoutingKeyWithoutExchange',
  quorumOnlyArgument: 'validation.quorumOnlyArgument',
  routingKeyTemplate: 'validation.routingKeyTemplate',
  weightsLength: 'validation.weightsLength',
  weightsAllZero: 'validation.weightsAllZero',
  duplicateExchange: 'validation.duplicateExchange',
  duplicateQueue: 'validation.duplicateQueue',
  unknownQueue: 'validation.unknownQueue',
  defaultExchangeBinding: 'validation.defaultExchangeBinding',
  pairLength: 'validation.pairLength',
  idempotenceRetries: 'validation.idempotenceRetries',
  idempotenceAcks: 'validation.idempotenceAcks',
  idempotenceInFlight: 'validation.idempotenceInFlight',
  replicationFactorAboveBrokers: 'validation.replicationFactorAboveBrokers',
  minIsrAboveReplicationFactor: 'validation.minIsrAboveReplicationFactor',
  unknownClient: 'validation.unknownClient',
  unknownServer: 'validation.unknownServer',
  unknownBroker: 'validation.unknownBroker',
  unknownProducer: 'validation.unknownProducer',
  noTransactionalGroup: 'validation.noTransactionalGroup',
  transactionalIdempotence: 'validation.transactionalIdempotence',
  transactionRecordsNeedsId: 'validation.transactionRecordsNeedsId',
  duplicateTransactionalId: 'validation.duplicateTransactionalId',
  instantLoop: 'validation.instantLoop',
  textTooLong: 'validation.textTooLong',
  notJson: 'validation.notJson',
  tooDeep: 'validation.tooDeep',
  tooManyValues: 'validation.tooManyValues',
  partitionsNotIncreased: 'validation.partitionsNotIncreased',
  unknownAggregate: 'validation.unknownAggregate',
  unknownProjection: 'validation.unknownProjection',
  upcastVersions: 'validation.upcastVersions',
  inlineProjectionFault: 'validation.inlineProjectionFault',
  aggregateNeedsField: 'validation.aggregateNeedsField',
  flinkWindowParameters: 'validation.flinkWindowParameters',
  eplSyntax: 'validation.eplSyntax',
  streamCycle: 'validation.streamCycle',
  sagaStepOrder: 'validation.sagaStepOrder',
  sagaTwoPivots: 'validation.sagaTwoPivots',
  sagaCompensationMissing: 'validation.sagaCompensationMissing',
  sagaCompensationNotAllowed: 'validation.sagaCompensationNotAllowed',
  sagaReplyBoth: 'validation.sagaReplyBoth',
  unknownStockItem: 'validation.unknownStockItem',
};

export const COST_PROBLEM_KEYS: Readonly<Record<CostProblemCode, MessageKey>> = {
  partitions: 'validation.cost.partitions',
  members: 'validation.cost.members',
  assignmentWork: 'validation.cost.assignmentWork',
  keys: 'validation.cost.keys',
  keyTableBytes: 'validation.cost.keyTableBytes',
  fanOut: 'validation.cost.fanOut',
  fanOutUnbounded: 'validation.cost.fanOutUnbounded',
  peakRecordsPerSec: 'validation.cost.peakRecordsPerSec',
  totalEvents: 'validation.cost.totalEvents',
  stateBytes: 'validation.cost.stateBytes',
  amqpRoutingWork: 'validation.cost.amqpRoutingWork',
};

/** Own keys only: a code read from data ("toString", "__proto__") never finds a key. */
function keyOf<C extends string>(table: Readonly<Record<C, MessageKey>>, code: unknown) {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(table, code)
    ? table[code as C]
    : undefined;
}

/** The problem alone, without its path ("must be ≥ 1, got 0"). */
export function problemMsg(e: Pick<ScenarioError, 'message' | 'code' | 'params'>): Msg {
  const key = keyOf(SCENARIO_ERROR_KEYS, e.code);
  return key ? msg(key, e.params ?? {}) : msg('validation.text', { message: e.message });
}

/**
 * One problem with its JSON path: `$.topics[0].partitions: must be ≥ 1, got 0` / `…：必须 ≥ 1…`.
 * A problem with no code (a validator that sets none) is shown by its English message.
 */
export function scenarioErrorMsg(e: ScenarioError): Msg {
  const key = keyOf(SCENARIO_ERROR_KEYS, e.code);
  if (!key) return msg('validation.plain', { path: e.path, message: e.message });
  return msg('validation.atPath', { path: e.path, problem: msg(key, e.params ?? {}) });
}

/** A path and a problem given by code (the diagram's own readers use engine codes too). */
export function atPath(path: string, code: ScenarioErrorCode, params: ErrorParams = {}): Msg {
  return msg('validation.atPath', { path, problem: msg(SCENARIO_ERROR_KEYS[code], params) });
}

/** What makes a scenario too large for the browser, one message per problem. */
export function costProblemMsg(p: CostProblem): Msg {
  const key = keyOf(COST_PROBLEM_KEYS, p.code);
  return key ? msg(key, p.params) : msg('validation.plain', { path: '$', message: p.code });
}
