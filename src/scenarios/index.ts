import type { Scenario } from '../engine';
import type { MessageKey } from '../i18n/catalog';
import { translate } from '../i18n/translate';
import type { Locale } from '../i18n/types';
import brokerFailure from './broker-failure.json';
import crashBeforeCommit from './crash-before-commit.json';
import exactlyOnce from './exactly-once.json';
import hotPartition from './hot-partition.json';
import kafkaToRabbitmq from './kafka-to-rabbitmq.json';
import orderFlow from './order-flow.json';
import orderingNeedsAKey from './ordering-needs-a-key.json';
import rabbitmqLogsTopic from './rabbitmq-logs-topic.json';
import rabbitmqPoisonMessage from './rabbitmq-poison-message.json';
import rabbitmqRetryWithDelay from './rabbitmq-retry-with-delay.json';
import rabbitmqWorkQueue from './rabbitmq-work-queue.json';
import zombieFenced from './zombie-fenced.json';
import retentionOutrunsConsumer from './retention-outruns-consumer.json';
import addingPartitionsBreaksKeyOrder from './adding-partitions-breaks-key-order.json';
import compactedTable from './compacted-table.json';
import esOptimisticConcurrency from './es-optimistic-concurrency.json';
import esStaleRead from './es-stale-read.json';
import esDoubleCount from './es-double-count.json';
import esRebuildReadModel from './es-rebuild-read-model.json';
import esUpcasting from './es-upcasting.json';

/** Built-in scenarios, validated by the tests against parseScenario and the JSON Schema. */
export const builtInScenarios: Record<string, unknown> = {
  'order-flow': orderFlow,
  'crash-before-commit': crashBeforeCommit,
  'ordering-needs-a-key': orderingNeedsAKey,
  'hot-partition': hotPartition,
  'broker-failure': brokerFailure,
  'exactly-once': exactlyOnce,
  'zombie-fenced': zombieFenced,
  'rabbitmq-logs-topic': rabbitmqLogsTopic,
  'rabbitmq-work-queue': rabbitmqWorkQueue,
  'rabbitmq-retry-with-delay': rabbitmqRetryWithDelay,
  'rabbitmq-poison-message': rabbitmqPoisonMessage,
  'kafka-to-rabbitmq': kafkaToRabbitmq,
  'retention-outruns-consumer': retentionOutrunsConsumer,
  'adding-partitions-breaks-key-order': addingPartitionsBreaksKeyOrder,
  'compacted-table': compactedTable,
  'es-optimistic-concurrency': esOptimisticConcurrency,
  'es-stale-read': esStaleRead,
  'es-double-count': esDoubleCount,
  'es-rebuild-read-model': esRebuildReadModel,
  'es-upcasting': esUpcasting,
};

/**
 * Each built-in's name and description in the message catalogs (messages/scenarios.ts). The
 * JSON keeps the English text (it is a plain scenario file); the English catalog repeats it, and
 * a test keeps the two equal.
 */
export const builtInText: Readonly<Record<string, { name: MessageKey; description: MessageKey }>> =
  {
    'order-flow': {
      name: 'scenarios.orderFlow.name',
      description: 'scenarios.orderFlow.description',
    },
    'crash-before-commit': {
      name: 'scenarios.crashBeforeCommit.name',
      description: 'scenarios.crashBeforeCommit.description',
    },
    'ordering-needs-a-key': {
      name: 'scenarios.orderingNeedsAKey.name',
      description: 'scenarios.orderingNeedsAKey.description',
    },
    'hot-partition': {
      name: 'scenarios.hotPartition.name',
      description: 'scenarios.hotPartition.description',
    },
    'broker-failure': {
      name: 'scenarios.brokerFailure.name',
      description: 'scenarios.brokerFailure.description',
    },
    'rabbitmq-logs-topic': {
      name: 'scenarios.rabbitmqLogsTopic.name',
      description: 'scenarios.rabbitmqLogsTopic.description',
    },
    'rabbitmq-work-queue': {
      name: 'scenarios.rabbitmqWorkQueue.name',
      description: 'scenarios.rabbitmqWorkQueue.description',
    },
    'rabbitmq-retry-with-delay': {
      name: 'scenarios.rabbitmqRetryWithDelay.name',
      description: 'scenarios.rabbitmqRetryWithDelay.description',
    },
    'rabbitmq-poison-message': {
      name: 'scenarios.rabbitmqPoisonMessage.name',
      description: 'scenarios.rabbitmqPoisonMessage.description',
    },
    'kafka-to-rabbitmq': {
      name: 'scenarios.kafkaToRabbitmq.name',
      description: 'scenarios.kafkaToRabbitmq.description',
    },
    'exactly-once': {
      name: 'scenarios.exactlyOnce.name',
      description: 'scenarios.exactlyOnce.description',
    },
    'zombie-fenced': {
      name: 'scenarios.zombieFenced.name',
      description: 'scenarios.zombieFenced.description',
    },
    'retention-outruns-consumer': {
      name: 'scenarios.retentionOutrunsConsumer.name',
      description: 'scenarios.retentionOutrunsConsumer.description',
    },
    'adding-partitions-breaks-key-order': {
      name: 'scenarios.addingPartitions.name',
      description: 'scenarios.addingPartitions.description',
    },
    'compacted-table': {
      name: 'scenarios.compactedTable.name',
      description: 'scenarios.compactedTable.description',
    },
    'es-optimistic-concurrency': {
      name: 'scenarios.esOptimisticConcurrency.name',
      description: 'scenarios.esOptimisticConcurrency.description',
    },
    'es-stale-read': {
      name: 'scenarios.esStaleRead.name',
      description: 'scenarios.esStaleRead.description',
    },
    'es-double-count': {
      name: 'scenarios.esDoubleCount.name',
      description: 'scenarios.esDoubleCount.description',
    },
    'es-rebuild-read-model': {
      name: 'scenarios.esRebuildReadModel.name',
      description: 'scenarios.esRebuildReadModel.description',
    },
    'es-upcasting': {
      name: 'scenarios.esUpcasting.name',
      description: 'scenarios.esUpcasting.description',
    },
  };

/**
 * A built-in's name and description in `locale`, or null for an id that is not a built-in
 * (own keys only: "__proto__" or "toString" from a saved origin find nothing).
 */
export function builtInTextIn(
  locale: Locale,
  id: string,
): { name: string; description: string } | null {
  if (!Object.prototype.hasOwnProperty.call(builtInText, id)) return null;
  const keys = builtInText[id]!;
  return { name: translate(locale, keys.name), description: translate(locale, keys.description) };
}

export const defaultScenarioJson: unknown = orderFlow;
export type { Scenario };
