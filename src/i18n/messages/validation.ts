/**
 * Messages of the validation area (see README.md): the scenario validator's problems by code
 * (src/engine/scenario/errorCodes.ts, mapped in src/diagram/validationText.ts), what is too large
 * to run, and the readers of design files and share links. The JSON path stays as written (data).
 */
import type { Messages } from '../types';

export const en = {
  'validation.atPath': '{path}: {problem}',
  'validation.plain': '{path}: {message}',
  'validation.text': '{message}',
  'validation.mustBeObject':
    'must be an object, got {gotKind, select, array {an array} object {an object} missing {nothing} other {{got}}}',
  'validation.mustBeArray':
    'must be an array, got {gotKind, select, array {an array} object {an object} missing {nothing} other {{got}}}',
  'validation.mustBeString':
    'must be a string, got {gotKind, select, array {an array} object {an object} missing {nothing} other {{got}}}',
  'validation.mustNotBeEmpty': 'must not be empty',
  'validation.tooLong': 'must be at most {max, number} characters',
  'validation.mustMatch': '"{value}" must match {pattern}',
  'validation.mustBeNumber':
    'must be a finite number, got {gotKind, select, array {an array} object {an object} missing {nothing} other {{got}}}',
  'validation.mustBeInteger': 'must be an integer, got {got}',
  'validation.tooSmall': 'must be ≥ {min}, got {got}',
  'validation.mustBeAbove': 'must be > {min}, got {got}',
  'validation.tooLarge': 'must be ≤ {max}, got {got}',
  'validation.mustBeBoolean':
    'must be true or false, got {gotKind, select, array {an array} object {an object} missing {nothing} other {{got}}}',
  'validation.mustBeOneOf':
    'must be one of {options}, got {gotKind, select, array {an array} object {an object} missing {nothing} other {{got}}}',
  'validation.unknownField': 'unknown field "{field}" (known: {known})',
  'validation.unsupportedVersion':
    'must be 1 or 2 (the scenario format versions; 1 is read as 2), got {gotKind, select, missing {nothing} other {{got}}}',
  'validation.needsVersion2':
    'needs "version": 2 ({feature, select, amqp {the amqp section} eventStore {the eventStore section} streams {the streams section} sagas {the sagas section} exchangeEmit {an emit to an exchange} other {the {feature} fault}} is a version 2 feature)',
  'validation.tooManyEntries': 'at most {max, number} entries, got {got, number}',
  'validation.maxBelowMin': 'must be ≥ minMs ({min}), got {got}',
  'validation.needsAKey': 'must list at least one key',
  'validation.heartbeatNotBelowSession':
    'must be lower than session.timeout.ms ({session}), got {got}',
  'validation.instanceIdNotUnique':
    'every member needs its own group.instance.id: put {token} in it ({n, number} members share "{id}")',
  'validation.transactionalIdNotUnique':
    'every member\'s producer needs its own transactional.id: put {token} in it ({n, number} members share "{id}" and would fence each other)',
  'validation.transactionalAutoCommit':
    'must be false with transactional.id: the offsets commit in the transaction (sendOffsetsToTransaction)',
  'validation.transactionalCommitMode':
    'cannot be before-processing with transactional.id: the offsets commit with the records in each transaction',
  'validation.needsATopic': 'must subscribe to at least one topic',
  'validation.duplicateTopic': 'duplicate topic "{name}"',
  'validation.unknownTopic': 'unknown topic "{name}" (declare it in $.topics)',
  'validation.duplicateId': 'duplicate id "{id}"',
  'validation.duplicateGroupId': 'duplicate id "{id}" (producers and groups share one namespace)',
  'validation.partitionOutOfRange':
    'topic "{topic}" has {partitions, plural, one {# partition} other {# partitions}}; partition must be < {partitions}, got {got}',
  'validation.stopBeforeStart': 'must be ≥ startMs ({start}), got {got}',
  'validation.duplicateMember': 'duplicate member "{member}"',
  'validation.unknownGroup': 'unknown group "{group}"',
  'validation.unknownMember': 'group "{group}" has no member "{member}" (members: {members})',
  'validation.emitTarget':
    'must name exactly one of topic (a Kafka topic) and exchange (a RabbitMQ exchange), not both',
  'validation.routingKeyWithoutExchange': 'is for an exchange: a Kafka topic has no routing key',
  'validation.unknownExchange': 'unknown exchange "{name}" (declare it in $.amqp.exchanges)',
  'validation.noAmqpBroker': '{kind} needs a RabbitMQ broker: the scenario has no $.amqp section',
  'validation.unknownConsumer': 'unknown consumer "{consumer}"',
  'validation.unknownConsumerMember':
    'consumer "{consumer}" has no member "{member}" (members: {members})',
  'validation.amqpNameTooLong':
    'is {bytes, number} bytes in UTF-8; RabbitMQ names and keys are at most {max, number} bytes',
  'validation.reservedAmqPrefix':
    "{kind, select, exchange {exchange} other {queue}} name '{name}' contains reserved prefix 'amq.*' (RabbitMQ refuses it: 403 ACCESS_REFUSED){kind, select, exchange {; amq.direct, amq.fanout, amq.topic, amq.headers and amq.match exist already: bind and publish to them without declaring them} other {}}",
  'validation.quorumQueueProperty':
    'a quorum queue must be {property, select, durable {durable} exclusive {not exclusive} other {not auto-delete}} (RabbitMQ refuses it: 406 PRECONDITION_FAILED)',
  'validation.quorumOverflow':
    'quorum queues support x-overflow drop-head and reject-publish, not reject-publish-dlx (RabbitMQ would use drop-head)',
  'validation.deadLetterRoutingKeyWithoutExchange':
    'needs x-dead-letter-exchange (RabbitMQ: routing_key_but_no_dlx_defined)',
  'validation.quorumOnlyArgument':
    'is a quorum queue argument (set x-queue-type to "quorum"); a classic queue ignores it',
  'validation.routingKeyTemplate':
    '"{template}" is not a routing key template: write text with parts in curly braces, each holding one field name (key, type or a payload field)',
  'validation.weightsLength': 'must give one weight per key ({keys}), got {got}',
  'validation.weightsAllZero': 'must not all be 0 (no key could be drawn)',
  'validation.duplicateExchange': 'duplicate exchange "{name}"',
  'validation.duplicateQueue': 'duplicate queue "{name}"',
  'validation.unknownQueue': 'unknown queue "{name}" (declare it in $.amqp.queues)',
  'validation.defaultExchangeBinding':
    'the default exchange "" cannot be bound (RabbitMQ refuses it: 403 ACCESS_REFUSED); it routes to the queue named by the routing key by itself',
  'validation.pairLength': 'must name two components, got {got}',
  'validation.idempotenceRetries':
    'Must set retries to non-zero when using the idempotent producer.',
  'validation.idempotenceAcks':
    'Must set acks to all in order to use the idempotent producer (got acks={got}). Otherwise we cannot guarantee idempotence.',
  'validation.idempotenceInFlight':
    'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer (got {got}).',
  'validation.replicationFactorAboveBrokers':
    'is {got} but the cluster has {brokers, plural, one {# broker} other {# brokers}}',
  'validation.minIsrAboveReplicationFactor': 'is {got}, more than replication.factor {rf}',
  'validation.unknownClient': 'unknown client "{name}" (a producer id or a member id)',
  'validation.unknownServer':
    'unknown server "{name}" (broker-1 … broker-{brokers}, or coordinator)',
  'validation.unknownBroker': 'the cluster has brokers 1 … {brokers}, got {got}',
  'validation.unknownProducer': 'unknown producer "{producer}"',
  'validation.transactionalIdempotence':
    'Cannot set a transactional.id without also enabling idempotence.',
  'validation.transactionRecordsNeedsId':
    'counts the records of each transaction: it needs config["transactional.id"]',
  'validation.duplicateTransactionalId':
    '"{id}" is already the transactional.id of {kind, select, member {member} other {producer}} {name}: each transactional producer needs its own, or they would fence each other',
  'validation.noTransactionalGroup':
    'no group or producer is transactional, so there is no transaction coordinator to fail over (set transactional.id on a group or a producer)',
  'validation.instantLoop':
    'a loop with no processing time ({loop}), which starts the loop again. Every record would be handled again at the same instant, so the run would never get past it. Give {groups} a processingMs of at least 0.001 ms, or emit to a topic outside the loop.',
  'validation.textTooLong':
    'the text is {chars, number} characters; at most {max, number} are read',
  'validation.notJson': 'not valid JSON: {detail}',
  'validation.tooDeep': 'nested more than {max} levels deep',
  'validation.tooManyValues': 'holds more than {max, number} values',
  'validation.cost.partitions':
    'Topics × partitions: {partitions, number} partitions over {topics, number} topics; at most {limit, number} can run in the browser.',
  'validation.cost.members':
    'Consumers: {members, number} group members; at most {limit, number} can run in the browser.',
  'validation.cost.assignmentWork':
    'Members × partitions: each rebalance assigns {pairs, number} member-partition pairs; at most {limit, number} in the browser.',
  'validation.cost.keys':
    'Producers × keys: {keys, number} keys in all; at most {limit, number} in the browser.',
  'validation.cost.keyTableBytes':
    'Groups × producers × keys: per-key order tables need {mb, number} MB; at most {limitMb, number} MB in the browser.',
  'validation.cost.fanOut':
    'Handler fan-out: each produced record leads to {fanOut, number} appended records; at most {limit, number} in the browser.',
  'validation.cost.fanOutUnbounded':
    'Handler fan-out: service handlers emit into a cycle that never dies out (each record leads to more and more records).',
  'validation.cost.peakRecordsPerSec':
    'Rate × bursts{withFanOut, select, yes { × fan-out} other {}}: up to {perSec, number} records per sim second; at most {limit, number} in the browser.',
  'validation.cost.totalEvents':
    'Records/s × duration: about {events, number} events over {seconds, number} s of sim time; at most {limit, number} in the browser (shorten the run or lower the rates).',
  'validation.cost.amqpRoutingWork':
    'RabbitMQ publish rate × bindings: routing examines {perSec, number} bindings per sim second; at most {limit, number} in the browser.',
  'validation.cost.stateBytes':
    'State size: the simulation state would reach about {mb, number} MB (partitions, key tables, dedup stores); at most {limitMb, number} MB in the browser.',
  'validation.design.format': 'must be "{format}"',
  'validation.design.version': 'must be 1, got {gotKind, select, missing {nothing} other {{got}}}',
  'validation.design.nonEmptyString': 'must be a non-empty string',
  'validation.design.duplicateNode': 'duplicate node id "{id}"',
  'validation.design.shape': 'must be {shape}',
  'validation.design.tooManyNodes': 'at most {max, number} nodes, got {got, number}',
  'validation.design.tooManyMembers': 'at most {max, number} members, got {got, number}',
  'validation.design.number': 'must be a number',
  'validation.design.members': 'must be a number or a list of members',
  'validation.design.numberOrObject': 'must be a number or an object',
  'validation.design.uniqueString': 'must be a unique string',
  'validation.design.unknownNode':
    'must name a node in $.nodes, got {gotKind, select, missing {nothing} other {{got}}}',
  'validation.file.tooLarge': 'the file is {bytes, number} bytes; at most {max, number} are read',
  'validation.file.notObject': 'must be a JSON object (a scenario or an EventFlow design)',
  'validation.file.definitions': 'RabbitMQ definitions.json: {problem}',
  'validation.share.notText': 'The shared state is not text.',
  'validation.share.empty': 'The shared state is empty.',
  'validation.share.tooLong':
    'The shared state is too long: {chars, number} characters, the limit is {max, number}.',
  'validation.share.badCharacter':
    'The shared state is damaged: it is not base64url text (unexpected character {char} at position {at}).',
  'validation.share.badLength':
    'The shared state is damaged: it is not base64url text (a length of {length} characters is impossible).',
  'validation.share.inflatesTooLarge':
    'The shared state is damaged: it inflates to more than {max, number} bytes.',
  'validation.share.notDeflate':
    'The shared state is damaged: its compressed data does not inflate.',
  'validation.share.notUtf8':
    'The shared state is damaged: it inflates to bytes that are not UTF-8 text.',
  'validation.share.notJson': 'The shared state is not valid JSON: {detail}',
  'validation.share.tooComplex':
    'The shared state is too complex: {hasPath, select, yes {{where} is } other {}}{problem}.',
  'validation.share.notObject': 'The shared state is not an object.',
  'validation.share.version':
    'The shared state has format version {gotKind, select, missing {none} other {{got}}}; this app reads version {version}.',
  'validation.share.seed':
    'seed must be an integer from 0 to 4294967295, got {gotKind, select, missing {nothing} other {{got}}}.',
  'validation.share.cursor':
    'cursor must be a non-negative integer, got {gotKind, select, missing {nothing} other {{got}}}.',
  'validation.share.forks':
    'forks must be an array, got {gotKind, select, missing {nothing} other {{got}}}.',
  'validation.share.tooManyForks': 'forks: at most {max} forks, got {got}.',
  'validation.share.invalidScenario':
    'The shared scenario is invalid: {first}{more, plural, =0 {} other { (and # more)}}',
  'validation.design.edge.producerToDlq':
    'a producer writes to a topic; a dead-letter topic gets the records a service fails to handle',
  'validation.design.edge.producerTarget':
    'a producer writes to a topic, not to {target, select, producer {a producer} topic {a topic} deadLetterTopic {a dead-letter topic} consumerGroup {a consumer group} service {a service} other {a read model}}: connect it to a Topic',
  'validation.design.edge.topicTarget':
    '{source, select, producer {a producer} topic {a topic} deadLetterTopic {a dead-letter topic} consumerGroup {a consumer group} service {a service} other {a read model}} is read by a consumer group, service or read model, not by {target, select, producer {a producer} topic {a topic} deadLetterTopic {a dead-letter topic} consumerGroup {a consumer group} service {a service} other {a read model}}',
  'validation.design.edge.serviceTarget':
    'a service emits to a topic, not to {target, select, producer {a producer} topic {a topic} deadLetterTopic {a dead-letter topic} consumerGroup {a consumer group} service {a service} other {a read model}}',
  'validation.design.edge.noOutput':
    '{source, select, producer {a producer} topic {a topic} deadLetterTopic {a dead-letter topic} consumerGroup {a consumer group} service {a service} other {a read model}} does not write anywhere{source, select, consumerGroup {: use a Service to emit events} other {}}',
  'validation.design.edge.missingNode': 'connects a node that is not in the diagram',
  'validation.design.issue.edge':
    'edge to {hasTarget, select, yes {"{target}"} other {a missing node}}: {reason}',
  'validation.design.issue.empty':
    'The diagram is empty: drag a Producer, a Topic and a Consumer group from the palette and connect them.',
  'validation.design.issue.noTopic': 'writes to no topic: connect it to a Topic',
  'validation.design.issue.manyTopics': 'writes to one topic, but is connected to {topics}',
  'validation.design.issue.readsNoTopic': 'reads no topic: connect a Topic to it',
  'validation.design.issue.manyDlqs': 'has one dead-letter topic, but is connected to {topics}',
  'validation.design.issue.emitsNowhere':
    'emits events but is connected to no topic: connect it to a Topic',
  'validation.design.issue.emitsNothing':
    'is connected to {topics} but emits nothing: name the event it emits',
  'validation.design.issue.notConnected': 'emits {type} to "{topic}", which it is not connected to',
  'validation.design.issue.field': '{field}: {problem}',
  'validation.design.issue.emptyNumber': 'must be a number (the field is empty)',
  'validation.design.issue.fault': 'the {kind} fault at {atMs} ms: {problem}',
  'validation.design.issue.aFault': 'a fault: {problem}',
  'validation.design.issue.at': '{hasPath, select, yes {{where}} other {scenario}}: {problem}',
  'validation.unknownAggregate':
    'unknown aggregate "{name}" (an aggregate\'s id in $.eventStore.aggregates)',
  'validation.unknownProjection':
    'unknown projection "{name}" (declare it in $.eventStore.projections)',
  'validation.upcastVersions': 'must be above from ({from}), got {to}',
  'validation.inlineProjectionFault':
    '{kind} needs an async projection: "{name}" is inline (updated with the append)',
  'validation.aggregateNeedsField': '{fn} needs the payload field it aggregates',
  'validation.flinkWindowParameters': 'Flink refuses these window parameters: {rule}',
  'validation.eplSyntax': 'EPL statement, at character {position}: {problem}',
  'validation.streamCycle':
    'topic "{name}" leads back to this job\'s source: its output would feed it again at the same instant',
  'validation.sagaStepOrder':
    'a {kind} step cannot follow the {afterKind} step "{after}" (compensatable steps, then the pivot, then retriable steps)',
  'validation.sagaTwoPivots': 'a saga has at most one pivot: "{first}" is one already',
  'validation.sagaCompensationMissing': 'the compensatable step "{step}" needs a compensation',
  'validation.sagaCompensationNotAllowed':
    'a {kind} step is never compensated: remove the compensation of "{step}"',
  'validation.sagaReplyBoth': '"{type}" is also a success type of step "{step}"',
  'validation.unknownStockItem': 'unknown item "{name}" (declare its stock in the group\'s stock)',
  'validation.partitionsNotIncreased':
    'topic "{topic}" has {partitions} partitions at {ms} ms; Kafka can only add partitions (InvalidPartitionsException), got {got}',
  'validation.tombstoneNeedsKey':
    'a tombstone deletes its key: the producer must send keys (keys not null, sendKey not false)',
  'validation.compactedNeedsKey':
    'topic "{topic}" is compacted (cleanup.policy={policy}): Kafka refuses records without a key there (INVALID_RECORD)',
  'validation.compactedTransactional':
    'a transactional service or producer cannot write to the compacted topic "{topic}" (cleanup.policy={policy}): transactions on compacted topics are not simulated',
} as const;

export const zh: Messages<typeof en> = {
  'validation.atPath': '{path}：{problem}',
  'validation.plain': '{path}：{message}',
  'validation.text': '{message}',
  'validation.mustBeObject':
    '必须是对象，但{gotKind, select, array {给出的是数组} object {给出的是对象} missing {未填写} other {给出的是 {got}}}',
  'validation.mustBeArray':
    '必须是数组，但{gotKind, select, array {给出的是数组} object {给出的是对象} missing {未填写} other {给出的是 {got}}}',
  'validation.mustBeString':
    '必须是字符串，但{gotKind, select, array {给出的是数组} object {给出的是对象} missing {未填写} other {给出的是 {got}}}',
  'validation.mustNotBeEmpty': '不能为空',
  'validation.tooLong': '最多 {max, number} 个字符',
  'validation.mustMatch': '"{value}" 不符合格式 {pattern}',
  'validation.mustBeNumber':
    '必须是有限的数字，但{gotKind, select, array {给出的是数组} object {给出的是对象} missing {未填写} other {给出的是 {got}}}',
  'validation.mustBeInteger': '必须是整数，给出的是 {got}',
  'validation.tooSmall': '必须 ≥ {min}，给出的是 {got}',
  'validation.mustBeAbove': '必须 > {min}，给出的是 {got}',
  'validation.tooLarge': '必须 ≤ {max}，给出的是 {got}',
  'validation.mustBeBoolean':
    '必须是 true 或 false，但{gotKind, select, array {给出的是数组} object {给出的是对象} missing {未填写} other {给出的是 {got}}}',
  'validation.mustBeOneOf':
    '必须是 {options} 之一，但{gotKind, select, array {给出的是数组} object {给出的是对象} missing {未填写} other {给出的是 {got}}}',
  'validation.unknownField': '未知字段 "{field}"（可用字段：{known}）',
  'validation.unsupportedVersion':
    '必须是 1 或 2（场景格式版本；1 按 2 读取），{gotKind, select, missing {但未填写} other {给出的是 {got}}}',
  'validation.needsVersion2':
    '需要 "version": 2（{feature, select, amqp {amqp 部分} eventStore {eventStore 部分} streams {streams 部分} sagas {sagas 部分} exchangeEmit {发往交换机的 emit} other {{feature} 故障}}是第 2 版格式的功能）',
  'validation.tooManyEntries': '最多 {max, number} 项，实际有 {got, number} 项',
  'validation.maxBelowMin': '必须 ≥ minMs（{min}），给出的是 {got}',
  'validation.needsAKey': '至少要列出一个键',
  'validation.heartbeatNotBelowSession': '必须小于 session.timeout.ms（{session}），给出的是 {got}',
  'validation.instanceIdNotUnique':
    '每个成员都需要自己的 group.instance.id：在其中写上 {token}（{n, number} 个成员共用 "{id}"）',
  'validation.transactionalIdNotUnique':
    '每个成员的生产者都需要自己的 transactional.id：在其中写上 {token}（{n, number} 个成员共用 "{id}"，会互相隔离（fence））',
  'validation.transactionalAutoCommit':
    '设置了 transactional.id 时必须为 false：偏移量随事务提交（sendOffsetsToTransaction）',
  'validation.transactionalCommitMode':
    '设置了 transactional.id 时不能是 before-processing：偏移量与记录在每个事务中一起提交',
  'validation.needsATopic': '至少要订阅一个主题',
  'validation.duplicateTopic': '主题 "{name}" 重复',
  'validation.unknownTopic': '未知主题 "{name}"（请在 $.topics 中声明）',
  'validation.duplicateId': 'id "{id}" 重复',
  'validation.duplicateGroupId': 'id "{id}" 重复（生产者和消费者组共用一个命名空间）',
  'validation.partitionOutOfRange':
    '主题 "{topic}" 有 {partitions} 个分区；partition 必须 < {partitions}，给出的是 {got}',
  'validation.stopBeforeStart': '必须 ≥ startMs（{start}），给出的是 {got}',
  'validation.duplicateMember': '成员 "{member}" 重复',
  'validation.unknownGroup': '未知消费者组 "{group}"',
  'validation.unknownMember': '消费者组 "{group}" 中没有成员 "{member}"（现有成员：{members}）',
  'validation.emitTarget':
    '必须且只能指定 topic（Kafka 主题）或 exchange（RabbitMQ 交换机）之一，不能两者都写',
  'validation.routingKeyWithoutExchange': '只用于交换机：Kafka 主题没有路由键',
  'validation.unknownExchange': '未知交换机 "{name}"（请在 $.amqp.exchanges 中声明）',
  'validation.noAmqpBroker': '{kind} 需要 RabbitMQ broker：场景中没有 $.amqp 部分',
  'validation.unknownConsumer': '未知消费者 "{consumer}"',
  'validation.unknownConsumerMember':
    '消费者 "{consumer}" 中没有成员 "{member}"（现有成员：{members}）',
  'validation.amqpNameTooLong':
    'UTF-8 编码为 {bytes, number} 字节；RabbitMQ 的名称和键最多 {max, number} 字节',
  'validation.reservedAmqPrefix':
    "{kind, select, exchange {交换机} other {队列}}名称 '{name}' 使用了保留前缀 'amq.*'（RabbitMQ 会拒绝：403 ACCESS_REFUSED）{kind, select, exchange {；amq.direct、amq.fanout、amq.topic、amq.headers 和 amq.match 已经存在：无需声明，直接绑定或发布即可} other {}}",
  'validation.quorumQueueProperty':
    'quorum 队列必须{property, select, durable {是 durable} exclusive {不是 exclusive} other {不是 auto-delete}}（RabbitMQ 会拒绝：406 PRECONDITION_FAILED）',
  'validation.quorumOverflow':
    'quorum 队列的 x-overflow 只支持 drop-head 和 reject-publish，不支持 reject-publish-dlx（RabbitMQ 会改用 drop-head）',
  'validation.deadLetterRoutingKeyWithoutExchange':
    '需要同时设置 x-dead-letter-exchange（死信交换机；RabbitMQ：routing_key_but_no_dlx_defined）',
  'validation.quorumOnlyArgument':
    '是 quorum 队列的参数（请把 x-queue-type 设为 "quorum"）；classic 队列会忽略它',
  'validation.routingKeyTemplate':
    '"{template}" 不是有效的路由键模板：请写成文本加花括号部分，每对花括号里写一个字段名（key、type 或载荷字段）',
  'validation.weightsLength': '每个键需要一个权重（{keys} 个），实际有 {got} 个',
  'validation.weightsAllZero': '不能全部为 0（否则抽不到任何键）',
  'validation.duplicateExchange': '交换机 "{name}" 重复',
  'validation.duplicateQueue': '队列 "{name}" 重复',
  'validation.unknownQueue': '未知队列 "{name}"（请在 $.amqp.queues 中声明）',
  'validation.defaultExchangeBinding':
    '默认交换机 "" 不能绑定（RabbitMQ 会拒绝：403 ACCESS_REFUSED）；它会自动路由到与路由键同名的队列',
  'validation.pairLength': '必须指定两个组件，实际给出了 {got} 个',
  'validation.idempotenceRetries': '使用幂等生产者时，retries 必须不为 0。',
  'validation.idempotenceAcks':
    '使用幂等生产者时必须设置 acks=all（当前为 acks={got}），否则无法保证幂等。',
  'validation.idempotenceInFlight':
    '使用幂等生产者时，max.in.flight.requests.per.connection 最多为 5（当前为 {got}）。',
  'validation.replicationFactorAboveBrokers': '为 {got}，但集群只有 {brokers} 个 broker',
  'validation.minIsrAboveReplicationFactor': '为 {got}，大于 replication.factor（{rf}）',
  'validation.unknownClient': '未知客户端 "{name}"（应为生产者 id 或成员 id）',
  'validation.unknownServer':
    '未知服务端 "{name}"（应为 broker-1 … broker-{brokers} 或 coordinator）',
  'validation.unknownBroker': '集群的 broker 编号为 1 … {brokers}，给出的是 {got}',
  'validation.unknownProducer': '未知生产者 "{producer}"',
  'validation.transactionalIdempotence':
    '设置了 transactional.id 就必须同时启用幂等（enable.idempotence 不能为 false）。',
  'validation.transactionRecordsNeedsId':
    '这是每个事务包含的记录数：需要先设置 config["transactional.id"]',
  'validation.duplicateTransactionalId':
    '"{id}" 已经是{kind, select, member {成员} other {生产者}} {name} 的 transactional.id：每个事务型生产者都需要自己的 transactional.id，否则它们会互相隔离（fence）',
  'validation.noTransactionalGroup':
    '没有任何消费者组或生产者是事务性的，因此没有可以故障转移的事务协调器（请为某个消费者组或生产者设置 transactional.id）',
  'validation.instantLoop':
    '存在一个没有处理时间的循环（{loop}），随后又回到循环起点。每条记录都会在同一时刻被再次处理，模拟将永远停在这一刻。请给 {groups} 设置至少 0.001 ms 的 processingMs，或把事件发到循环之外的主题。',
  'validation.textTooLong': '文本有 {chars, number} 个字符，最多只读取 {max, number} 个',
  'validation.notJson': '不是有效的 JSON：{detail}',
  'validation.tooDeep': '嵌套超过 {max} 层',
  'validation.tooManyValues': '包含超过 {max, number} 个值',
  'validation.cost.partitions':
    '主题 × 分区：{topics, number} 个主题共 {partitions, number} 个分区；浏览器中最多可运行 {limit, number} 个分区。',
  'validation.cost.members':
    '消费者：消费者组成员共 {members, number} 个；浏览器中最多可运行 {limit, number} 个。',
  'validation.cost.assignmentWork':
    '成员 × 分区：每次再平衡要分配 {pairs, number} 个成员-分区对；浏览器中最多 {limit, number} 个。',
  'validation.cost.keys': '生产者 × 键：共 {keys, number} 个键；浏览器中最多 {limit, number} 个。',
  'validation.cost.keyTableBytes':
    '消费者组 × 生产者 × 键：按键记录顺序的表需要 {mb, number} MB；浏览器中最多 {limitMb, number} MB。',
  'validation.cost.fanOut':
    '处理器扇出：每条生产的记录会引出 {fanOut, number} 条追加的记录；浏览器中最多 {limit, number} 条。',
  'validation.cost.fanOutUnbounded':
    '处理器扇出：服务处理器发出的事件形成了一个永不衰减的循环（每条记录都会引出越来越多的记录）。',
  'validation.cost.peakRecordsPerSec':
    '速率 × 突发{withFanOut, select, yes { × 扇出} other {}}：每模拟秒最多 {perSec, number} 条记录；浏览器中最多 {limit, number} 条。',
  'validation.cost.totalEvents':
    '记录速率 × 时长：{seconds, number} 秒模拟时间内约 {events, number} 个事件；浏览器中最多 {limit, number} 个（请缩短运行时间或降低速率）。',
  'validation.cost.amqpRoutingWork':
    'RabbitMQ 发布速率 × 绑定数：路由每个模拟秒要检查 {perSec, number} 个绑定；浏览器中最多 {limit, number} 个。',
  'validation.cost.stateBytes':
    '状态大小：模拟状态将达到约 {mb, number} MB（分区、键表、去重存储）；浏览器中最多 {limitMb, number} MB。',
  'validation.design.format': '必须是 "{format}"',
  'validation.design.version':
    '必须是 1，{gotKind, select, missing {但未填写} other {给出的是 {got}}}',
  'validation.design.nonEmptyString': '必须是非空字符串',
  'validation.design.duplicateNode': '节点 id "{id}" 重复',
  'validation.design.shape': '必须是 {shape} 的形式',
  'validation.design.tooManyNodes': '最多 {max, number} 个节点，实际有 {got, number} 个',
  'validation.design.tooManyMembers': '最多 {max, number} 个成员，实际有 {got, number} 个',
  'validation.design.number': '必须是数字',
  'validation.design.members': '必须是数字或成员列表',
  'validation.design.numberOrObject': '必须是数字或对象',
  'validation.design.uniqueString': '必须是不重复的字符串',
  'validation.design.unknownNode':
    '必须是 $.nodes 中某个节点的 id，{gotKind, select, missing {但未填写} other {给出的是 {got}}}',
  'validation.file.tooLarge': '文件有 {bytes, number} 字节，最多只读取 {max, number} 字节',
  'validation.file.notObject': '必须是 JSON 对象（场景或 EventFlow 设计）',
  'validation.file.definitions': 'RabbitMQ definitions.json：{problem}',
  'validation.share.notText': '共享状态不是文本。',
  'validation.share.empty': '共享状态为空。',
  'validation.share.tooLong': '共享状态太长：{chars, number} 个字符，上限为 {max, number}。',
  'validation.share.badCharacter':
    '共享状态已损坏：它不是 base64url 文本（位置 {at} 处有意外的字符 {char}）。',
  'validation.share.badLength':
    '共享状态已损坏：它不是 base64url 文本（长度 {length} 个字符不可能出现）。',
  'validation.share.inflatesTooLarge': '共享状态已损坏：解压后超过 {max, number} 字节。',
  'validation.share.notDeflate': '共享状态已损坏：其中的压缩数据无法解压。',
  'validation.share.notUtf8': '共享状态已损坏：解压后的字节不是 UTF-8 文本。',
  'validation.share.notJson': '共享状态不是有效的 JSON：{detail}',
  'validation.share.tooComplex':
    '共享状态过于复杂：{hasPath, select, yes {{where} } other {}}{problem}。',
  'validation.share.notObject': '共享状态不是对象。',
  'validation.share.version':
    '共享状态的格式版本为 {gotKind, select, missing {（无）} other {{got}}}，本应用只能读取版本 {version}。',
  'validation.share.seed':
    'seed 必须是 0 到 4294967295 之间的整数，{gotKind, select, missing {但未填写} other {给出的是 {got}}}。',
  'validation.share.cursor':
    'cursor 必须是非负整数，{gotKind, select, missing {但未填写} other {给出的是 {got}}}。',
  'validation.share.forks':
    'forks 必须是数组，{gotKind, select, missing {但未填写} other {给出的是 {got}}}。',
  'validation.share.tooManyForks': 'forks：最多 {max} 个分叉，实际有 {got} 个。',
  'validation.share.invalidScenario':
    '共享的场景无效：{first}{more, plural, =0 {} other {（另有 # 个问题）}}',
  'validation.design.edge.producerToDlq': '生产者只能写入主题；死信主题接收的是服务处理失败的记录',
  'validation.design.edge.producerTarget':
    '生产者写入的是主题，而不是{target, select, producer {生产者} topic {主题} deadLetterTopic {死信主题} consumerGroup {消费者组} service {服务} other {读模型}}：请把它连到一个主题',
  'validation.design.edge.topicTarget':
    '{source, select, producer {生产者} topic {主题} deadLetterTopic {死信主题} consumerGroup {消费者组} service {服务} other {读模型}}由消费者组、服务或读模型读取，而不是由{target, select, producer {生产者} topic {主题} deadLetterTopic {死信主题} consumerGroup {消费者组} service {服务} other {读模型}}读取',
  'validation.design.edge.serviceTarget':
    '服务把事件发到主题，而不是发到{target, select, producer {生产者} topic {主题} deadLetterTopic {死信主题} consumerGroup {消费者组} service {服务} other {读模型}}',
  'validation.design.edge.noOutput':
    '{source, select, producer {生产者} topic {主题} deadLetterTopic {死信主题} consumerGroup {消费者组} service {服务} other {读模型}}不向任何地方写入{source, select, consumerGroup {：请用服务来发出事件} other {}}',
  'validation.design.edge.missingNode': '连接了一个不在图中的节点',
  'validation.design.issue.edge':
    '连到{hasTarget, select, yes { "{target}" } other {缺失节点}}的边：{reason}',
  'validation.design.issue.empty':
    '图是空的：从组件面板拖入一个生产者、一个主题和一个消费者组，并把它们连接起来。',
  'validation.design.issue.noTopic': '没有写入任何主题：请把它连到一个主题',
  'validation.design.issue.manyTopics': '只能写入一个主题，但连到了 {topics}',
  'validation.design.issue.readsNoTopic': '没有读取任何主题：请把一个主题连到它',
  'validation.design.issue.manyDlqs': '只能有一个死信主题，但连到了 {topics}',
  'validation.design.issue.emitsNowhere': '会发出事件，但没有连到任何主题：请把它连到一个主题',
  'validation.design.issue.emitsNothing':
    '连到了 {topics}，但不发出任何事件：请填写它发出的事件类型',
  'validation.design.issue.notConnected': '把 {type} 发到 "{topic}"，但并没有连到该主题',
  'validation.design.issue.field': '{field}：{problem}',
  'validation.design.issue.emptyNumber': '必须是数字（该字段为空）',
  'validation.design.issue.fault': '{atMs} ms 处的 {kind} 故障：{problem}',
  'validation.design.issue.aFault': '某个故障：{problem}',
  'validation.design.issue.at': '{hasPath, select, yes {{where}} other {场景}}：{problem}',
  'validation.unknownAggregate': '未知聚合 "{name}"（$.eventStore.aggregates 中聚合的 id）',
  'validation.unknownProjection': '未知投影 "{name}"（请在 $.eventStore.projections 中声明）',
  'validation.upcastVersions': '必须大于 from（{from}），给出的是 {to}',
  'validation.inlineProjectionFault': '{kind} 需要异步投影："{name}" 是内联投影（随追加一起更新）',
  'validation.aggregateNeedsField': '{fn} 需要指定要聚合的负载字段',
  'validation.flinkWindowParameters': 'Flink 不接受这些窗口参数：{rule}',
  'validation.eplSyntax': 'EPL 语句第 {position} 个字符处：{problem}',
  'validation.streamCycle': '主题 "{name}" 会回到本作业的源：它的输出会在同一时刻再次输入它自己',
  'validation.sagaStepOrder':
    '{kind} 步骤不能排在 {afterKind} 步骤 "{after}" 之后（先是可补偿步骤，然后是关键步骤 pivot，最后是可重试步骤）',
  'validation.sagaTwoPivots': '一个 Saga 最多只有一个关键步骤（pivot）："{first}" 已经是了',
  'validation.sagaCompensationMissing': '可补偿步骤 "{step}" 需要一个补偿操作（compensation）',
  'validation.sagaCompensationNotAllowed':
    '{kind} 步骤永远不会被补偿：请删除 "{step}" 的 compensation',
  'validation.sagaReplyBoth': '"{type}" 同时也是步骤 "{step}" 的成功类型',
  'validation.unknownStockItem': '未知商品 "{name}"（请在该组的 stock 中声明它的库存）',
  'validation.partitionsNotIncreased':
    '主题 "{topic}" 在 {ms} ms 时有 {partitions} 个分区；Kafka 只能增加分区（InvalidPartitionsException），给出的是 {got}',
  'validation.tombstoneNeedsKey':
    '墓碑消息（tombstone）删除的是它的键：该生产者必须发送键（keys 不能为 null，sendKey 不能为 false）',
  'validation.compactedNeedsKey':
    '主题 "{topic}" 是压缩主题（cleanup.policy={policy}）：Kafka 拒绝写入没有键的记录（INVALID_RECORD）',
  'validation.compactedTransactional':
    '事务型服务或生产者不能写入压缩主题 "{topic}"（cleanup.policy={policy}）：本模拟器不支持压缩主题上的事务',
};
