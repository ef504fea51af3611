import type { SimEvent } from '../engine';
import type { Msg } from '../i18n/types';

/**
 * `logTruncated`: records removed from a partition's log (retention, an unclean leader
 * election, a failover with acks=1). The engine does not emit it yet; this narrow local copy
 * lets insight handle it today. When the engine adds it to `SimEvent`, this union still
 * compiles (both members narrow on `type === 'logTruncated'`), and this type can go.
 */
export interface LogTruncated {
  type: 'logTruncated';
  timeUs: number;
  topic: string;
  partition: number;
  /** The first removed offset. */
  fromOffset: number;
  /** One past the last removed offset. */
  toOffset: number;
  /** Why, as a message (the engine's own words are a Msg; hand-built logs may use text). */
  reason: string | Msg;
}

/** Every event insight reads: the engine's log, plus events the engine is about to emit. */
export type InsightEvent = SimEvent | LogTruncated;

/** The "topic-partition" name Kafka tools print (and the engine uses in assignments). */
export function tpName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}
