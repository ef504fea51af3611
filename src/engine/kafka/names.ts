import type { SimState } from './state';

/** { topic, partition } of a global partition index, for events. */
export function topicName(s: SimState, gp: number): { topic: string; partition: number } {
  return { topic: s.model.topics[s.model.gpTopic[gp]!]!.name, partition: s.model.gpPartition[gp]! };
}
