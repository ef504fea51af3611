import type { OffsetsSkipped, SegmentsDeleted } from '../engine/kafka/events';
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { offsetRange, place, timeParam } from './format';
import { tpName } from './events';

/**
 * Retention in the explanations (engine: src/engine/kafka/retention.ts): which deletion took
 * the records a group lost, and the words for "deleted before the group read them".
 */
interface Deletion {
  from: number;
  to: number;
  reason: SegmentsDeleted['reason'];
  limit: number;
  timeUs: number;
}

/** Every segment deletion so far, per partition (one entry per check that deleted some). */
export class RetentionFacts {
  private readonly byTp = new Map<string, Deletion[]>();

  deleted(e: SegmentsDeleted): void {
    const tp = tpName(e.topic, e.partition);
    let list = this.byTp.get(tp);
    if (!list) this.byTp.set(tp, (list = []));
    list.push({
      from: e.fromOffset,
      to: e.logStartOffset,
      reason: e.reason,
      limit: e.limit,
      timeUs: e.timeUs,
    });
  }

  /** The deletion that removed `offset` of the partition, if seen. */
  covering(topic: string, partition: number, offset: number): Deletion | undefined {
    const list = this.byTp.get(tpName(topic, partition));
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const d = list[i]!;
      if (offset >= d.from && offset < d.to) return d;
    }
    return undefined;
  }
}

/**
 * "orders-2 @ 100–180 (81 records) were deleted by retention.ms=60000 at 65,000 ms before group
 * g read them; its position 100 was below the log start offset 181, so auto.offset.reset=earliest
 * moved it to 181."
 */
export function retentionLossText(e: OffsetsSkipped, d: Deletion | undefined): Msg {
  const tp = tpName(e.topic, e.partition);
  const r = e.outOfRange!;
  const by = d
    ? msg('explain.lost.retention.by', {
        config: d.reason,
        limit: d.limit,
        at: timeParam(d.timeUs),
      })
    : msg('explain.lost.retention.byUnknown');
  const then =
    r.position === null
      ? msg('explain.lost.retention.noCommit', { logStart: r.logStartOffset })
      : msg('explain.lost.retention.outOfRange', {
          position: r.position,
          logStart: r.logStartOffset,
          reset: `auto.offset.reset=${r.policy}`,
          resetTo: r.resetTo,
        });
  return msg('explain.lost.retention', {
    place: place(tp, offsetRange(e.from, e.to)),
    n: e.to - e.from,
    by,
    group: e.group,
    then,
  });
}

/** The records latest jumped over after an out-of-range position (not deleted: skipped). */
export function outOfRangeLatestText(e: OffsetsSkipped, head: Msg): Msg {
  const r = e.outOfRange!;
  return msg('explain.lost.resetLatestOutOfRange', {
    head,
    member: e.member,
    position: r.position ?? r.logStartOffset,
    logStart: r.logStartOffset,
    end: e.to,
    at: timeParam(e.timeUs),
  });
}
