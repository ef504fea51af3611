import type { TombstoneMissed } from '../engine/kafka/events';
import { msg } from '../i18n/translate';
import { anomalyId, type Anomaly } from './anomaly';
import { tpName } from './events';
import { place, timeParam } from './format';

/**
 * Compaction in the anomaly list (engine: src/engine/kafka/compaction.ts). A consumer that
 * rebuilds a table from a compacted topic sees every key's latest value, and older values too
 * until the cleaner removes them: that is by design, not an anomaly. What Kafka's docs warn
 * about is the reader that lags more than delete.retention.ms: the cleaner removes a tombstone
 * before it reads it, so its table keeps a key the log deleted. The engine names each such
 * miss (`tombstoneMissed`, when the group's fetch passes the removed tombstone while its table
 * holds a value of the key); this explains it. Listed as lost with count 0: the summary counts
 * them apart (`missedTombstones`), not in `lost`, which counts records.
 */
export function missedTombstoneAnomaly(e: TombstoneMissed, index: number): Anomaly {
  const tp = tpName(e.topic, e.partition);
  return {
    id: anomalyId('lost', index, {
      group: e.group,
      topic: e.topic,
      partition: e.partition,
      offset: e.offset,
    }),
    kind: 'lost',
    cause: 'missed-tombstone',
    count: 0,
    index,
    timeUs: e.timeUs,
    group: e.group,
    member: e.member,
    topic: e.topic,
    partition: e.partition,
    offset: e.offset,
    key: e.key,
    explanation: msg('explain.compaction.missedTombstone', {
      group: e.group,
      key: e.key,
      place: place(tp, e.offset),
      written: timeParam(e.tombstoneTimeUs),
      cleaned: timeParam(e.firstCleanedUs),
      removed: timeParam(e.removedUs),
      ms: e.deleteRetentionMs,
      last: place(tp, e.lastOffset),
      member: e.member,
      at: timeParam(e.timeUs),
    }),
  };
}
