import type { Anomaly, AnomalyKind } from './anomaly';

/** Per kind, in records (stuck: partitions and poison records, one per anomaly). */
export type KindTotals = Record<AnomalyKind, number>;

/**
 * The anomaly list's figures in the summary's unit: records. A group's figures sit under its id;
 * anomalies of the log itself (a producer's retry appended twice, records out of send order,
 * acknowledged records truncated away) under `log`. These are the numbers the engine's summary
 * reports (`duplicates`, `reordered`, `lost` per group; `logDuplicates`, `reorderedInLog`,
 * `lostAcked` for the log), and the agreement test holds them equal.
 */
export interface AnomalyTotals {
  all: KindTotals;
  log: KindTotals;
  groups: Record<string, KindTotals>;
  /** RabbitMQ's anomalies: the summary's `amqp` counters (duplicates, reordered, lost, deadLettered). */
  amqp: KindTotals;
  /** The event store's anomalies: the summary's `eventStore` counters (staleReads, doubleCounted,
   *  conflicts, failedCommands, versionErrors). */
  eventStore: KindTotals;
}

export function emptyKindTotals(): KindTotals {
  return {
    duplicate: 0,
    reordered: 0,
    lost: 0,
    stuck: 0,
    'dead-lettered': 0,
    'stale-read': 0,
    'double-count': 0,
    'write-conflict': 0,
    'command-failed': 0,
    'schema-mismatch': 0,
  };
}

/** Sums `Anomaly.count` per kind, per group and for the log. */
export function anomalyTotals(anomalies: Iterable<Anomaly>): AnomalyTotals {
  const t: AnomalyTotals = {
    all: emptyKindTotals(),
    log: emptyKindTotals(),
    groups: {},
    amqp: emptyKindTotals(),
    eventStore: emptyKindTotals(),
  };
  for (const a of anomalies) addToTotals(t, a);
  return t;
}

export function addToTotals(t: AnomalyTotals, a: Anomaly): void {
  const place =
    a.system === 'rabbitmq'
      ? t.amqp
      : a.system === 'eventstore'
        ? t.eventStore
        : a.group === undefined
          ? t.log
          : (t.groups[a.group] ??= emptyKindTotals());
  place[a.kind] += a.count;
  t.all[a.kind] += a.count;
}
