import { Checker, child } from './validate';
import type { BrokerSpec, TopicSpec } from './types';

/*
 * The log's settings over time (issue 12): a topic's retention and segment settings, and the
 * broker's retention check interval. Bounds are Kafka's own (LogConfig / KafkaConfig, 3.x):
 * retention.ms ≥ -1 (-1 = unlimited), retention.bytes any (negative = unlimited, Kafka's
 * "retentionSize < 0"), segment.ms ≥ 1, segment.bytes ≥ 14 (LegacyRecord.RECORD_OVERHEAD_V0)
 * and ≤ Integer.MAX_VALUE, log.retention.check.interval.ms ≥ 1, log.initial.task.delay.ms ≥ 0. Milliseconds are capped at
 * 10^12 (about 31 years) so that sim time in microseconds stays an exact integer.
 */

/** The topic fields this file parses (parse.ts lists them as known keys). */
export const TOPIC_LOG_KEYS = [
  'retention.ms',
  'retention.bytes',
  'segment.ms',
  'segment.bytes',
  'cleanup.policy',
] as const;

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
    // compact and "compact,delete" are Kafka's too, but the cleaner is not simulated yet.
    const policy = c.oneOf(o['cleanup.policy'], child(p, 'cleanup.policy'), ['delete'] as const);
    if (policy !== undefined) t['cleanup.policy'] = policy;
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
  ]);
  const out: BrokerSpec = {};
  // offsets.retention.minutes is an int ≥ 1 in Kafka (KafkaConfig); capped like the others.
  for (const [key, min, max] of [
    ['log.retention.check.interval.ms', 1, MAX_LOG_MS],
    ['log.initial.task.delay.ms', 0, MAX_LOG_MS],
    ['offsets.retention.minutes', 1, MAX_LOG_MS / 60_000],
    ['offsets.retention.check.interval.ms', 1, MAX_LOG_MS],
  ] as const) {
    if (o[key] === undefined) continue;
    const v = c.number(o[key], child(p, key), { integer: true, min, max });
    if (v !== undefined) out[key] = v;
  }
  return out;
}
