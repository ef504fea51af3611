import type { Model } from '../engine';
import {
  DEFAULT_MAX_FAILED_ATTEMPTS,
  DEFAULT_STUCK_AFTER_MS,
  type Anomaly,
  type AnomalyOptions,
} from './anomaly';
import { appendDuplicateAnomaly, redeliveryAnomaly } from './duplicates';
import { tpName, type InsightEvent } from './events';
import { Facts } from './facts';
import { EventNormalizer } from './normalize';
import { skippedAnomaly, truncatedAnomaly } from './loss';
import { KeyOrder } from './reorder';
import { StuckWatch } from './stuck';

/**
 * Live anomaly detection: feed it the log one event at a time, in order, and it reports
 * duplicates, reordering, loss and stuck progress as they become visible, each with a
 * plain-language cause built from the events so far. The worker runs one while the simulation
 * streams; `detectAnomalies` runs one over a whole log. Both give the same list.
 *
 * Memory: per-partition and per-member facts, one entry per key (order), one per redelivered
 * offset, and ~20 bytes per record for the event-id index.
 */
export class AnomalyDetector {
  private readonly facts: Facts;
  private readonly order = new KeyOrder();
  private readonly stuck: StuckWatch;
  private readonly found: Anomaly[] = [];
  /** Times each redelivered (group, partition, offset) was processed so far. */
  private readonly deliveries = new Map<string, number>();

  constructor(model: Model, options: AnomalyOptions = {}) {
    this.facts = new Facts(model);
    this.stuck = new StuckWatch(
      Math.round((options.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS) * 1000),
      options.maxFailedAttempts ?? DEFAULT_MAX_FAILED_ATTEMPTS,
    );
  }

  private readonly normalizer = new EventNormalizer();

  /** Looks at the event at `index` of the log; returns the anomalies it made visible. */
  push(event: InsightEvent, index: number): Anomaly[] {
    const out: Anomaly[] = [];
    for (const e of this.normalizer.expand(event)) out.push(...this.pushOne(e, index));
    return out;
  }

  private pushOne(e: InsightEvent, index: number): Anomaly[] {
    const facts = this.facts;
    const out = this.stuck.check(facts, e.timeUs, index);
    if (e.type === 'recordAppended') {
      const first = facts.records.byEventId(e.eventId);
      const dup = first !== undefined && first !== e && first.producer === e.producer;
      if (dup) out.push(appendDuplicateAnomaly(facts, e, first, index));
      const late = this.order.onAppended(e, index, dup);
      if (late) out.push(late);
    } else if (e.type === 'recordProcessed') {
      if (e.redelivered) {
        const k = `${e.group}\u0000${tpName(e.topic, e.partition)}\u0000${e.offset}`;
        const n = (this.deliveries.get(k) ?? 1) + 1;
        this.deliveries.set(k, n);
        out.push(redeliveryAnomaly(facts, e, index, n));
      }
      const late = this.order.onProcessed(facts, e, index);
      if (late) out.push(late);
    } else if (e.type === 'offsetsSkipped') out.push(skippedAnomaly(facts, e, index));
    else if (e.type === 'logTruncated') out.push(truncatedAnomaly(facts, e, index));
    facts.apply(e, index);
    if (e.type === 'handlerFailed') {
      const pf = facts.partition(e.group, e.topic, e.partition);
      const poison = this.stuck.failure(facts, pf, e.timeUs, index);
      if (poison) out.push(poison);
    }
    for (const a of out) this.found.push(a);
    return out;
  }

  /** Everything found so far, in the order it became visible. */
  anomalies(): readonly Anomaly[] {
    return this.found;
  }
}

/** Runs a detector over a whole log (events[i] has index i). */
export function detectAnomalies(
  model: Model,
  events: readonly InsightEvent[],
  options?: AnomalyOptions,
): Anomaly[] {
  const d = new AnomalyDetector(model, options);
  events.forEach((e, i) => d.push(e, i));
  return [...d.anomalies()];
}
