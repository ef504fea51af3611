/**
 * What an edge means, from the kinds of its ends. Producers write to topics; topics are read by
 * consumer groups, services and read models; services emit to topics and dead-letter their
 * failures. RabbitMQ: a producer publishes to an exchange; an exchange is bound to a queue or
 * another exchange (the edge is the binding); a queue is consumed by a consumer group or a
 * service (its competing consumers); a service also emits to an exchange. The event store
 * (EventStoreDB): a topic's records are an aggregate's commands; an aggregate appends to the
 * Event store; a projection reads an aggregate's category or the Event store's `$all`; a query
 * reads a projection's read model. Anything else gets a reason a person can act on.
 */
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { isEsKind, isGroupKind, isTopicKind, type NodeKind } from './types';

export type FlowKind =
  | 'produce'
  | 'consume'
  | 'emit'
  | 'deadLetter'
  | 'publish'
  | 'bind'
  /** topic → aggregate: its records are commands. */
  | 'command'
  /** aggregate → event store. */
  | 'append'
  /** aggregate (its category) or event store (`$all`) → projection. */
  | 'project'
  /** projection → query (the read model). */
  | 'read';

/** A refused edge says why in English (`reason`) and as a message for the UI (`why`). */
export type EdgeMeaning = { ok: true; flow: FlowKind } | { ok: false; reason: string; why: Msg };

const LABEL: Record<NodeKind, string> = {
  producer: 'a producer',
  topic: 'a topic',
  deadLetterTopic: 'a dead-letter topic',
  consumerGroup: 'a consumer group',
  service: 'a service',
  readModel: 'a read model',
  exchange: 'an exchange',
  queue: 'a queue',
  aggregate: 'an aggregate',
  eventStore: 'the event store',
  projection: 'a projection',
  query: 'a query',
};

/** What each event store end accepts, in words (English; the UI's are eventStore.edge.*). */
function esMeaning(source: NodeKind, target: NodeKind): EdgeMeaning | null {
  if (!isEsKind(source) && !isEsKind(target)) return null;
  const no = (reason: string, why: Msg): EdgeMeaning => ({ ok: false, reason, why });
  if (target === 'aggregate') {
    if (isTopicKind(source)) return { ok: true, flow: 'command' };
    return no(
      `commands reach an aggregate from a topic (its records) or from its own command rate, not from ${LABEL[source]}`,
      msg('eventStore.edge.toAggregate', { source }),
    );
  }
  if (source === 'aggregate') {
    if (target === 'eventStore') return { ok: true, flow: 'append' };
    if (target === 'projection') return { ok: true, flow: 'project' };
    return no(
      `an aggregate appends to the event store and is read by projections, not by ${LABEL[target]}`,
      msg('eventStore.edge.fromAggregate', { target }),
    );
  }
  if (source === 'eventStore') {
    if (target === 'projection') return { ok: true, flow: 'project' };
    return no(
      `the event store is read by projections (of $all), not by ${LABEL[target]}`,
      msg('eventStore.edge.fromStore', { target }),
    );
  }
  if (source === 'projection') {
    if (target === 'query') return { ok: true, flow: 'read' };
    return no(
      `a projection's read model is read by queries, not by ${LABEL[target]}`,
      msg('eventStore.edge.fromProjection', { target }),
    );
  }
  if (source === 'query')
    return no('a query only reads: it writes nowhere', msg('eventStore.edge.fromQuery'));
  if (target === 'eventStore')
    return no(
      `only aggregates append to the event store (${LABEL[source]} cannot)`,
      msg('eventStore.edge.toStore', { source }),
    );
  if (target === 'projection')
    return no(
      `a projection reads an aggregate's category or $all (the event store), not ${LABEL[source]}`,
      msg('eventStore.edge.toProjection', { source }),
    );
  return no(
    `a query reads a projection's read model, not ${LABEL[source]}`,
    msg('eventStore.edge.toQuery', { source }),
  );
}

/** What each RabbitMQ end accepts, in words (English; the UI's words are canvas.design.edge.*). */
function amqpMeaning(source: NodeKind, target: NodeKind): EdgeMeaning | null {
  if (source === 'producer' && target === 'exchange') return { ok: true, flow: 'publish' };
  if (source === 'exchange') {
    if (target === 'queue' || target === 'exchange') return { ok: true, flow: 'bind' };
    return refuse(
      source,
      target,
      `an exchange routes to a queue or to another exchange (a binding), not to ${LABEL[target]}`,
    );
  }
  if (source === 'queue') {
    if (target === 'consumerGroup' || target === 'service') return { ok: true, flow: 'consume' };
    return refuse(
      source,
      target,
      `a queue is consumed by a consumer group or a service, not by ${LABEL[target]}`,
    );
  }
  if (source === 'service' && target === 'exchange') return { ok: true, flow: 'emit' };
  if (target === 'exchange' || target === 'queue') {
    const why =
      target === 'queue'
        ? `${LABEL[source]} cannot write to a queue: messages reach a queue through an exchange and a binding`
        : `${LABEL[source]} cannot publish to an exchange: connect a Producer or a Service to it`;
    return refuse(source, target, why);
  }
  return null;
}

function refuse(source: NodeKind, target: NodeKind, reason: string): EdgeMeaning {
  return { ok: false, reason, why: msg('canvas.design.edge.amqp', { source, target }) };
}

export function edgeMeaning(source: NodeKind, target: NodeKind): EdgeMeaning {
  const es = esMeaning(source, target);
  if (es) return es;
  const amqp = amqpMeaning(source, target);
  if (amqp) return amqp;
  if (source === 'producer') {
    if (target === 'topic') return { ok: true, flow: 'produce' };
    if (target === 'deadLetterTopic')
      return {
        ok: false,
        reason:
          'a producer writes to a topic; a dead-letter topic gets the records a service fails to handle',
        why: msg('validation.design.edge.producerToDlq'),
      };
    return {
      ok: false,
      reason: `a producer writes to a topic, not to ${LABEL[target]}: connect it to a Topic`,
      why: msg('validation.design.edge.producerTarget', { target }),
    };
  }
  if (isTopicKind(source)) {
    if (isGroupKind(target)) return { ok: true, flow: 'consume' };
    return {
      ok: false,
      reason: `${LABEL[source]} is read by a consumer group, service or read model, not by ${LABEL[target]}`,
      why: msg('validation.design.edge.topicTarget', { source, target }),
    };
  }
  if (source === 'service') {
    if (target === 'topic') return { ok: true, flow: 'emit' };
    if (target === 'deadLetterTopic') return { ok: true, flow: 'deadLetter' };
    return {
      ok: false,
      reason: `a service emits to a topic, not to ${LABEL[target]}`,
      why: msg('validation.design.edge.serviceTarget', { target }),
    };
  }
  return {
    ok: false,
    reason: `${LABEL[source]} does not write anywhere${source === 'consumerGroup' ? ': use a Service to emit events' : ''}`,
    why: msg('validation.design.edge.noOutput', { source }),
  };
}

/** Whether a node of this kind can start / end an edge at all (which handles it shows). */
export const hasOutput = (k: NodeKind): boolean =>
  k === 'producer' ||
  isTopicKind(k) ||
  k === 'service' ||
  k === 'exchange' ||
  k === 'queue' ||
  k === 'aggregate' ||
  k === 'eventStore' ||
  k === 'projection';
export const hasInput = (k: NodeKind): boolean => k !== 'producer';
