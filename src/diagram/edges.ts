/**
 * What an edge means, from the kinds of its ends. Producers write to topics; topics are read by
 * consumer groups, services and read models; services emit to topics and dead-letter their
 * failures. Anything else gets a reason a person can act on.
 */
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { isGroupKind, isTopicKind, type NodeKind } from './types';

export type FlowKind = 'produce' | 'consume' | 'emit' | 'deadLetter';

/** A refused edge says why in English (`reason`) and as a message for the UI (`why`). */
export type EdgeMeaning = { ok: true; flow: FlowKind } | { ok: false; reason: string; why: Msg };

const LABEL: Record<NodeKind, string> = {
  producer: 'a producer',
  topic: 'a topic',
  deadLetterTopic: 'a dead-letter topic',
  consumerGroup: 'a consumer group',
  service: 'a service',
  readModel: 'a read model',
};

export function edgeMeaning(source: NodeKind, target: NodeKind): EdgeMeaning {
  if (source === 'producer') {
    if (target === 'topic') return { ok: true, flow: 'produce' };
    if (target === 'deadLetterTopic')
      return { ok: false, reason: 'a producer writes to a topic; a dead-letter topic gets the records a service fails to handle', why: msg('validation.design.edge.producerToDlq') };
    return { ok: false, reason: `a producer writes to a topic, not to ${LABEL[target]}: connect it to a Topic`, why: msg('validation.design.edge.producerTarget', { target }) };
  }
  if (isTopicKind(source)) {
    if (isGroupKind(target)) return { ok: true, flow: 'consume' };
    return { ok: false, reason: `${LABEL[source]} is read by a consumer group, service or read model, not by ${LABEL[target]}`, why: msg('validation.design.edge.topicTarget', { source, target }) };
  }
  if (source === 'service') {
    if (target === 'topic') return { ok: true, flow: 'emit' };
    if (target === 'deadLetterTopic') return { ok: true, flow: 'deadLetter' };
    return { ok: false, reason: `a service emits to a topic, not to ${LABEL[target]}`, why: msg('validation.design.edge.serviceTarget', { target }) };
  }
  return {
    ok: false,
    reason: `${LABEL[source]} does not write anywhere${source === 'consumerGroup' ? ': use a Service to emit events' : ''}`,
    why: msg('validation.design.edge.noOutput', { source }),
  };
}

/** Whether a node of this kind can start / end an edge at all (which handles it shows). */
export const hasOutput = (k: NodeKind): boolean => k === 'producer' || isTopicKind(k) || k === 'service';
export const hasInput = (k: NodeKind): boolean => k !== 'producer';
