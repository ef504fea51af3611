/** RabbitMQ (AMQP 0-9-1) broker model: the public surface. See README.md. */
export { topicMatches, splitTopicKey } from './topic';
export { headersMatch, xMatchError, type XMatch } from './headers';
export { route } from './route';
export type { AmqpEvent, AmqpEventType, DeathReason, MessageRef } from './events';
export { assertNever as assertNeverAmqp } from './events';
export {
  initialAmqpState,
  cloneAmqpState,
  queueCounts,
  queueHead,
  readyCount,
  consumerCount,
  consumerKey,
  BUILTIN_EXCHANGES,
  type AmqpState,
  type AmqpMessage,
  type AmqpMeta,
  type AmqpQueue,
  type AmqpChannel,
  type AmqpConsumer,
  type AmqpExchange,
  type AmqpBinding,
  type QueuedMessage,
  type QueueConfig,
  type QueueType,
} from './state';
export { evolveAmqp } from './evolve';
export { amqpDigest, amqpCanonical, heldMessages } from './digest';
export { decidePublish, type PublishInput } from './publish';
export { decideDispatch, decideExpiry, nextDueUs } from './deliver';
export {
  decideAck,
  decideNack,
  decideReject,
  decideChannelClose,
  decideCancel,
  decideRestart,
} from './settle';
export { decideOp, ADMIN_CHANNEL, type OpResult } from './decideOp';
export {
  runAmqpScript,
  runAmqpScriptDetailed,
  deliveryHeaders,
  type AmqpRunResult,
} from './runScript';
export { normalizeObservations } from './normalize';
export { opProblems, scriptProblems, AMQP_OP_NAMES } from './validate';
export { DEFAULT_DELIVERY_LIMIT_4X } from './config';
export type * from './script';
