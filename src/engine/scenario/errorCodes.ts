/**
 * Stable codes for every problem the scenario validator reports. The engine writes its English
 * `message` for the CLI and the tests; a `code` with its `params` lets a UI say the same thing in
 * another language without parsing English (the engine knows no languages: src/i18n is outside
 * it). Params are plain strings and numbers; the JSON path stays in `path`.
 *
 * Adding a code: add it here, pass it at the `fail` site, and give it a message in both
 * languages in src/i18n/messages/validation.ts (a test checks that every code has one).
 */
export const SCENARIO_ERROR_CODES = [
  // validate.ts: the shape of one value. `got`/`gotKind` describe what was found (gotOf).
  'mustBeObject',
  'mustBeArray',
  'mustBeString',
  'mustNotBeEmpty',
  'tooLong',
  'mustMatch',
  'mustBeNumber',
  'mustBeInteger',
  'tooSmall',
  'mustBeAbove',
  'tooLarge',
  'mustBeBoolean',
  'mustBeOneOf',
  'unknownField',
  // parse.ts: the scenario's own rules.
  'unsupportedVersion',
  'needsVersion2',
  'tooManyEntries',
  'maxBelowMin',
  'needsAKey',
  'heartbeatNotBelowSession',
  'instanceIdNotUnique',
  'transactionalIdNotUnique',
  'transactionalAutoCommit',
  'transactionalCommitMode',
  'needsATopic',
  'duplicateTopic',
  'unknownTopic',
  'duplicateId',
  'duplicateGroupId',
  'partitionOutOfRange',
  'stopBeforeStart',
  'duplicateMember',
  'unknownGroup',
  'unknownMember',
  'emitTarget',
  'routingKeyWithoutExchange',
  'unknownExchange',
  'noAmqpBroker',
  'unknownConsumer',
  'unknownConsumerMember',
  'tombstoneNeedsKey',
  'compactedNeedsKey',
  'compactedTransactional',
  // parseAmqp.ts: RabbitMQ's exchanges, queues, bindings, publishers and consumers, refused as
  // RabbitMQ refuses them (rabbit_channel, rabbit_amqqueue).
  'amqpNameTooLong',
  'reservedAmqPrefix',
  'quorumQueueProperty',
  'quorumOverflow',
  'deadLetterRoutingKeyWithoutExchange',
  'quorumOnlyArgument',
  'routingKeyTemplate',
  'weightsLength',
  'weightsAllZero',
  'duplicateExchange',
  'duplicateQueue',
  'unknownQueue',
  'defaultExchangeBinding',
  // parseCluster.ts: brokers, links, the idempotent producer (Kafka's ConfigException texts).
  'pairLength',
  'idempotenceRetries',
  'idempotenceAcks',
  'idempotenceInFlight',
  'replicationFactorAboveBrokers',
  'minIsrAboveReplicationFactor',
  'unknownClient',
  'unknownServer',
  'unknownBroker',
  'unknownProducer',
  'noTransactionalGroup',
  'transactionalIdempotence',
  'transactionRecordsNeedsId',
  'duplicateTransactionalId',
  // instantLoops.ts
  'instantLoop',
  // jsonBounds.ts: untrusted JSON text and values.
  'textTooLong',
  'notJson',
  'tooDeep',
  'tooManyValues',
  // parseCluster.ts: addPartitions (Kafka's InvalidPartitionsException).
  'partitionsNotIncreased',
  // parseEventStore.ts: the event store's aggregates, projections, queries and faults.
  'unknownAggregate',
  'unknownProjection',
  'upcastVersions',
  'inlineProjectionFault',
  // parseStreams.ts: stream processing jobs (Flink windows, Esper EPL).
  'aggregateNeedsField',
  'flinkWindowParameters',
  'eplSyntax',
  'streamCycle',
  // parseSagas.ts: saga orchestrators (step kinds in the saga literature's order).
  'sagaStepOrder',
  'sagaTwoPivots',
  'sagaCompensationMissing',
  'sagaCompensationNotAllowed',
  'sagaReplyBoth',
  'unknownStockItem',
] as const;

export type ScenarioErrorCode = (typeof SCENARIO_ERROR_CODES)[number];

/** Parameters of a problem: plain text and numbers (they travel through postMessage and JSON). */
export type ErrorParams = Readonly<Record<string, string | number>>;

/**
 * Codes of what makes a scenario too large to run (cost.ts). Params: the figures, and `limit`.
 */
export const COST_PROBLEM_CODES = [
  'partitions',
  'members',
  'assignmentWork',
  'keys',
  'keyTableBytes',
  'fanOut',
  'fanOutUnbounded',
  'peakRecordsPerSec',
  'totalEvents',
  'stateBytes',
  'amqpRoutingWork',
] as const;

export type CostProblemCode = (typeof COST_PROBLEM_CODES)[number];
