import { Checker, child } from './validate';
import type { BrokerSpec, CleanupPolicy, TopicSpec } from './types';

/*
 * The log's settings over time (issue 12): a topic's retention and segment settings, and the
 * broker's retention check interval. Bounds are Kafka's own (LogConfig / KafkaConfig, 3.x):
 * retention.ms ≥ -1 (-1 = unlimited), retention.bytes any (negative = unlimited, Kafka's
 * "retentionSize < 0"), segment.ms ≥ 1, segment.bytes ≥ 14 (LegacyRecord.RECORD_OVERHEAD_V0)
 * and ≤ Integer.MAX_VALUE, log.retention.check.interval.ms ≥ 1, log.initial.task.delay.ms ≥ 0. Milliseconds are capped at
 * 10^12 (about 31 years) so that sim time in microseconds stays an exact integer.
 * Compaction (kafka/compaction.ts): cleanup.policy is a list of delete and compact (Kafka
 * accepts "compact,delete" and "delete,compact"); delete.retention.ms ≥ 0,
 * min.compaction.lag.ms ≥ 0, min.cleanable.dirty.ratio in [0, 1] (LogConfig's bounds), and
 * log.cleaner.backoff.ms ≥ 1 (Kafka: ≥ 0; a zero backoff would stop sim time).
 */

/** The topic fields this file parses (parse.ts lists them as known keys). */
export const TOPIC_LOG_KEYS = [
  'retention.ms',
  'retention.bytes',
  'segment.ms',
  'segment.bytes',
  'cleanup.policy',
  'delete.retention.ms',
  'min.compaction.lag.ms',
  'min.cleanable.dirty.ratio',
] as const;

const POLICIES: readonly CleanupPolicy[] = [
  'delete',
  'compact',
  'compact,delete',
  'delete,compact',
];

/** Whether the topic's cleanup.policy includes compact (the log cleaner cleans it). */
export function isCompacted(t: TopicSpec): boolean {
  return (t['cleanup.policy'] ?? 'delete').includes('compact');
}

/** Whether the topic's cleanup.policy includes delete (retention deletes its old segments). */
export function isDeleted(t: TopicSpec): boolean {
  return (t['cleanup.policy'] ?? 'delete').includes('delete');
}

const MAX_LOG_MS = 1e12;
const INT_MAX = 2147483647;

/** Reads the topic's log settings from `o` into `t` (each problem named by its path). */
export function parseTopicLog(
  c: Checker,
  o: Record<string, unknown>,
  p: string,
  t: TopicSpec,
): void {
  const num = (key: (typeof TOPIC_LOG_KEYS)[number], min: number, max: number) =>
    o[key] === undefined ? undefined : c.number(o[key], child(p, key), { integer: true, min, max });
  const retentionMs = num('retention.ms', -1, MAX_LOG_MS);
  if (retentionMs !== undefined) t['retention.ms'] = retentionMs;
  const retentionBytes = num('retention.bytes', -1, Number.MAX_SAFE_INTEGER);
  if (retentionBytes !== undefined) t['retention.bytes'] = retentionBytes;
  const segmentMs = num('segment.ms', 1, MAX_LOG_MS);
  if (segmentMs !== undefined) t['segment.ms'] = segmentMs;
  const segmentBytes = num('segment.bytes', 14, INT_MAX);
  if (segmentBytes !== undefined) t['segment.bytes'] = segmentBytes;
  if (o['cleanup.policy'] !== undefined) {
    const policy = c.oneOf(o['cleanup.policy'], child(p, 'cleanup.policy'), POLICIES);
    if (policy !== undefined) t['cleanup.policy'] = policy;
  }
  const deleteRetention = num('delete.retention.ms', 0, MAX_LOG_MS);
  if (deleteRetention !== undefined) t['delete.retention.ms'] = deleteRetention;
  const lag = num('min.compaction.lag.ms', 0, MAX_LOG_MS);
  if (lag !== undefined) t['min.compaction.lag.ms'] = lag;
  if (o['min.cleanable.dirty.ratio'] !== undefined) {
    const ratio = c.number(o['min.cleanable.dirty.ratio'], child(p, 'min.cleanable.dirty.ratio'), {
      min: 0,
      max: 1,
    });
    if (ratio !== undefined) t['min.cleanable.dirty.ratio'] = ratio;
  }
}

/** The scenario's `broker` section. */
export function parseBroker(c: Checker, v: unknown, p: string): BrokerSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, [
    'log.retention.check.interval.ms',
    'log.initial.task.delay.ms',
    'offsets.retention.minutes',
    'offsets.retention.check.interval.ms',
    'log.cleaner.backoff.ms',
  ]);
  const out: BrokerSpec = {};
  // offsets.retention.minutes is an int ≥ 1 in Kafka (KafkaConfig); capped like the others.
  for (const [key, min, max] of [
    ['log.retention.check.interval.ms', 1, MAX_LOG_MS],
    ['log.initial.task.delay.ms', 0, MAX_LOG_MS],
    ['offsets.retention.minutes', 1, MAX_LOG_MS / 60_000],
    ['offsets.retention.check.interval.ms', 1, MAX_LOG_MS],
    // Kafka allows 0 (a busy loop); sim time must move on, so at least 1 ms here.
    ['log.cleaner.backoff.ms', 1, MAX_LOG_MS],
  ] as const) {
    if (o[key] === undefined) continue;
    const v = c.number(o[key], child(p, key), { integer: true, min, max });
    if (v !== undefined) out[key] = v;
  }
  return out;
}
