/**
 * The shipped challenges, as raw JSON (each is parsed with parseChallenge, like a file). In
 * teaching order; helper lessons name them by id as their closing challenge.
 */
import idempotentConsumer from './idempotent-consumer.json';
import keepLagLow from './keep-lag-low.json';
import makeADuplicate from './make-a-duplicate.json';
import makeALoss from './make-a-loss.json';
import noDuplicatesWithoutDedup from './no-duplicates-without-dedup.json';
import orderThroughRebalance from './order-through-rebalance.json';
import poisonMessage from './poison-message.json';
import rabbitmqCatchUnroutable from './rabbitmq-catch-unroutable.json';
import rabbitmqDeliveryLimit from './rabbitmq-delivery-limit.json';
import rabbitmqFairDispatch from './rabbitmq-fair-dispatch.json';
import rabbitmqRetryLater from './rabbitmq-retry-later.json';
import surviveBrokerFailure from './survive-broker-failure.json';
import esEveryCommandLands from './es-every-command-lands.json';
import esNoStaleReads from './es-no-stale-reads.json';
import esCountOnce from './es-count-once.json';
import esFastRebuild from './es-fast-rebuild.json';
import esUpcastInvoices from './es-upcast-invoices.json';

export const challengeDocuments: readonly unknown[] = [
  makeADuplicate,
  makeALoss,
  orderThroughRebalance,
  idempotentConsumer,
  noDuplicatesWithoutDedup,
  surviveBrokerFailure,
  keepLagLow,
  poisonMessage,
  rabbitmqCatchUnroutable,
  rabbitmqFairDispatch,
  rabbitmqRetryLater,
  rabbitmqDeliveryLimit,
  esEveryCommandLands,
  esNoStaleReads,
  esCountOnce,
  esFastRebuild,
  esUpcastInvoices,
];

/** The id of every shipped challenge, in order (read from the documents, not parsed). */
export const challengeIds: readonly string[] = challengeDocuments.map((d) =>
  typeof d === 'object' && d !== null && typeof (d as { id?: unknown }).id === 'string'
    ? (d as { id: string }).id
    : '',
);
