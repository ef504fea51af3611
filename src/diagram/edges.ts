/**
 * What an edge means, from the kinds of its ends. Producers write to topics; topics are read by
 * consumer groups, services and read models; services emit to topics and dead-letter their
 * failures. RabbitMQ: a producer publishes to an exchange; an exchange is bound to a queue or
 * another exchange (the edge is the binding); a queue is consumed by a consumer group or a
 * service (its competing consumers); a service also emits to an exchange. Anything else gets a
 * reason a person can act on.
 */
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { isGroupKind, isTopicKind, type NodeKind } from './types';

export type FlowKind = 'produce' | 'consume' | 'emit' | 'deadLetter' | 'publish' | 'bind';

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
};

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
  k === 'producer' || isTopicKind(k) || k === 'service' || k === 'exchange' || k === 'queue';
export const hasInput = (k: NodeKind): boolean => k !== 'producer';
