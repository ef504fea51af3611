/**
 * What an edge means, from the kinds of its ends. Producers write to topics; topics are read by
 * consumer groups, services and read models; services emit to topics and dead-letter their
 * failures. Anything else gets a reason a person can act on.
 */
import { isGroupKind, isTopicKind, type NodeKind } from './types';

export type FlowKind = 'produce' | 'consume' | 'emit' | 'deadLetter';

export type EdgeMeaning = { ok: true; flow: FlowKind } | { ok: false; reason: string };

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
      return { ok: false, reason: 'a producer writes to a topic; a dead-letter topic gets the records a service fails to handle' };
    return { ok: false, reason: `a producer writes to a topic, not to ${LABEL[target]}: connect it to a Topic` };
  }
  if (isTopicKind(source)) {
    if (isGroupKind(target)) return { ok: true, flow: 'consume' };
    return { ok: false, reason: `${LABEL[source]} is read by a consumer group, service or read model, not by ${LABEL[target]}` };
  }
  if (source === 'service') {
    if (target === 'topic') return { ok: true, flow: 'emit' };
    if (target === 'deadLetterTopic') return { ok: true, flow: 'deadLetter' };
    return { ok: false, reason: `a service emits to a topic, not to ${LABEL[target]}` };
  }
  return {
    ok: false,
    reason: `${LABEL[source]} does not write anywhere${source === 'consumerGroup' ? ': use a Service to emit events' : ''}`,
  };
}

/** Whether a node of this kind can start / end an edge at all (which handles it shows). */
export const hasOutput = (k: NodeKind): boolean => k === 'producer' || isTopicKind(k) || k === 'service';
export const hasInput = (k: NodeKind): boolean => k !== 'producer';
