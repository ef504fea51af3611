/** What each node kind is called, as a catalog key (a literal map: the catalog test finds them). */
import type { NodeKind } from '../../diagram';
import type { MessageKey } from '../../i18n';

export const KIND_LABEL: Readonly<Record<NodeKind, MessageKey>> = {
  producer: 'canvas.kind.producer',
  topic: 'canvas.kind.topic',
  consumerGroup: 'canvas.kind.consumerGroup',
  service: 'canvas.kind.service',
  deadLetterTopic: 'canvas.kind.deadLetterTopic',
  readModel: 'canvas.kind.readModel',
  exchange: 'canvas.kind.exchange',
  queue: 'canvas.kind.queue',
  aggregate: 'eventStore.kind.aggregate',
  eventStore: 'eventStore.kind.eventStore',
  projection: 'eventStore.kind.projection',
  query: 'eventStore.kind.query',
};
