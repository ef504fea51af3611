/**
 * The shipped lessons (Kafka, then RabbitMQ), as raw JSON (the player parses each with parseLesson, like a file
 * or a link). In teaching order; see README.md for what each covers.
 */
import eventsAndTopics from './01-events-and-topics.json';
import partitionsAndOrdering from './02-partitions-and-ordering.json';
import consumerGroupsAndRebalances from './03-consumer-groups-and-rebalances.json';
import commitPlacement from './04-commit-placement.json';
import idempotentConsumers from './05-idempotent-consumers.json';
import acksReplicationIsr from './06-acks-replication-and-the-isr.json';
import producerRetriesAndIdempotence from './07-producer-retries-and-idempotence.json';
import hotPartitionsAndKeyDesign from './08-hot-partitions-and-key-design.json';
import eventualConsistency from './09-eventual-consistency-of-read-models.json';
import rabbitmqExchangesAndRouting from './10-rabbitmq-exchanges-and-routing.json';
import rabbitmqAcksPrefetchAndRedelivery from './11-rabbitmq-acks-prefetch-and-redelivery.json';
import rabbitmqDeadLetteringTtlAndRetries from './12-rabbitmq-dead-lettering-ttl-and-retries.json';
import rabbitmqPoisonMessagesAndDeliveryLimits from './13-rabbitmq-poison-messages-and-delivery-limits.json';
import kafkaToRabbitmqBridge from './14-kafka-to-rabbitmq-bridge.json';
import exactlyOnceWithTransactions from './15-exactly-once-with-transactions.json';
import retentionOutrunsASlowConsumer from './16-retention-outruns-a-slow-consumer.json';
import aCompactedTopicAsATable from './17-a-compacted-topic-as-a-table.json';
import addingPartitionsBreaksKeyOrder from './18-adding-partitions-breaks-key-order.json';
import optimisticConcurrencyTwoWriters from './19-optimistic-concurrency-two-writers.json';
import staleReadsAndReadYourWrites from './20-stale-reads-and-read-your-writes.json';
import projectionCrashDoubleCount from './21-projection-crash-double-count.json';
import rebuildingAReadModel from './22-rebuilding-a-read-model.json';
import upcastingEventVersions from './23-upcasting-event-versions.json';

export const lessons: unknown[] = [
  eventsAndTopics,
  partitionsAndOrdering,
  consumerGroupsAndRebalances,
  commitPlacement,
  idempotentConsumers,
  acksReplicationIsr,
  producerRetriesAndIdempotence,
  hotPartitionsAndKeyDesign,
  eventualConsistency,
  rabbitmqExchangesAndRouting,
  rabbitmqAcksPrefetchAndRedelivery,
  rabbitmqDeadLetteringTtlAndRetries,
  rabbitmqPoisonMessagesAndDeliveryLimits,
  kafkaToRabbitmqBridge,
  exactlyOnceWithTransactions,
  retentionOutrunsASlowConsumer,
  aCompactedTopicAsATable,
  addingPartitionsBreaksKeyOrder,
  optimisticConcurrencyTwoWriters,
  staleReadsAndReadYourWrites,
  projectionCrashDoubleCount,
  rebuildingAReadModel,
  upcastingEventVersions,
];
