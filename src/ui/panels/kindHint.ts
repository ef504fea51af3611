/** What each node kind does, as a catalog key (a literal map: the catalog test finds them). */
import type { NodeKind } from '../../diagram';
import type { MessageKey } from '../../i18n';

export const KIND_HINT: Readonly<Record<NodeKind, MessageKey>> = {
  producer: 'panels.kind.producer.hint',
  topic: 'panels.kind.topic.hint',
  consumerGroup: 'panels.kind.consumerGroup.hint',
  service: 'panels.kind.service.hint',
  deadLetterTopic: 'panels.kind.deadLetterTopic.hint',
  readModel: 'panels.kind.readModel.hint',
  exchange: 'panels.kind.exchange.hint',
  queue: 'panels.kind.queue.hint',
  aggregate: 'eventStore.hint.aggregate',
  eventStore: 'eventStore.hint.eventStore',
  projection: 'eventStore.hint.projection',
  query: 'eventStore.hint.query',
};
