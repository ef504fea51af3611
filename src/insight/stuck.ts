import { anomalyId, type Anomaly } from './anomaly';
import { tpName } from './events';
import type { Facts, Outage, PartitionFacts } from './facts';
import { msg } from '../i18n/translate';
import type { Msg, Param } from '../i18n/types';
import { place, records, timeParam, times } from './format';

/**
 * Progress that stopped: a partition with lag and no live owner for longer than `thresholdUs`
 * (its owner crashed, paused, was removed or left, and the group has not handed it on), and a
 * record whose handler failed `maxFailed` times in a row (a poison message). Each outage and each
 * failure streak is reported once.
 */
export class StuckWatch {
  constructor(
    private readonly thresholdUs: number,
    private readonly maxFailed: number,
  ) {}

  /**
   * Partitions whose wait crossed the threshold by `timeUs`. The anomaly's time is the moment
   * the threshold passed; its index is the first event at or after it (when the log shows it).
   */
  check(facts: Facts, timeUs: number, index: number): Anomaly[] {
    if (facts.waiting.size === 0) return [];
    const out: Anomaly[] = [];
    for (const pf of facts.waiting) {
      const dueUs = pf.waitingSinceUs + this.thresholdUs;
      if (dueUs > timeUs) continue;
      facts.waiting.delete(pf);
      out.push(this.outageAnomaly(facts, pf, dueUs, index));
    }
    return out;
  }

  /** After a handlerFailed has been folded into the facts. */
  failure(facts: Facts, pf: PartitionFacts, timeUs: number, index: number): Anomaly | null {
    const f = pf.failing;
    if (!f || f.reported || f.count < this.maxFailed) return null;
    f.reported = true;
    const tp = tpName(pf.topic, pf.partition);
    const behind = Math.max(0, facts.records.logEnd(pf.topic, pf.partition) - f.offset - 1);
    const gm = facts.model.groups[facts.model.groupIndex.get(pf.group) ?? -1];
    const dlt =
      gm && gm.deadLetterTopic >= 0 ? facts.model.topics[gm.deadLetterTopic]?.name : undefined;
    const policy: Param = !gm
      ? ''
      : Number.isFinite(gm.retries)
        ? msg('explain.stuck.policy', {
            group: pf.group,
            times: times(gm.retries),
            then: dlt
              ? msg('explain.stuck.toDeadLetter', { topic: dlt })
              : msg('explain.stuck.drop'),
          })
        : msg('explain.stuck.forever', { group: pf.group });
    const explanation = msg('explain.stuck.poison', {
      place: place(tp, f.offset),
      group: pf.group,
      times: times(f.count),
      member: f.member,
      first: timeParam(f.firstUs),
      last: timeParam(timeUs),
      records: records(behind),
      policy,
    });
    const rec = facts.records.at(pf.topic, pf.partition, f.offset);
    return {
      id: anomalyId('stuck', index, {
        group: pf.group,
        topic: pf.topic,
        partition: pf.partition,
        offset: f.offset,
      }),
      kind: 'stuck',
      cause: 'poison-record',
      count: 1,
      index,
      timeUs,
      group: pf.group,
      member: f.member,
      topic: pf.topic,
      partition: pf.partition,
      offset: f.offset,
      ...(rec ? { eventId: rec.eventId } : {}),
      explanation,
      causeIndex: f.firstIndex,
    };
  }

  private outageAnomaly(facts: Facts, pf: PartitionFacts, dueUs: number, index: number): Anomaly {
    const tp = tpName(pf.topic, pf.partition);
    const o = pf.outage!;
    const explanation = msg('explain.stuck.outage', {
      tp,
      group: pf.group,
      threshold: timeParam(this.thresholdUs),
      since: timeParam(pf.waitingSinceUs),
      records: records(facts.lag(pf)),
      why: outageText(facts, pf, o),
    });
    return {
      id: anomalyId('stuck', index, { group: pf.group, topic: pf.topic, partition: pf.partition }),
      kind: 'stuck',
      cause: 'no-live-owner',
      count: 1,
      index,
      timeUs: dueUs,
      group: pf.group,
      ...(o.member ? { member: o.member } : {}),
      topic: pf.topic,
      partition: pf.partition,
      explanation,
      ...(o.index >= 0 ? { causeIndex: o.index } : {}),
    };
  }
}

function outageText(facts: Facts, pf: PartitionFacts, o: Outage): Msg {
  const gm = facts.model.groups[facts.model.groupIndex.get(pf.group) ?? -1];
  const session: Param = gm ? msg('explain.limit', { time: timeParam(gm.sessionTimeoutUs) }) : '';
  const at = timeParam(o.timeUs);
  const member = String(o.member);
  switch (o.kind) {
    case 'crashed':
      return msg('explain.stuck.crashed', { member, at, session });
    case 'paused':
      return msg('explain.stuck.paused', { member, at, session });
    case 'expired':
      return msg('explain.stuck.expired', { member, at });
    case 'left':
      return msg('explain.stuck.left', { member, at });
    case 'revoked':
      return msg('explain.stuck.revoked', { member, at });
    case 'rejoining':
      return msg('explain.stuck.rejoining', { member, at });
    case 'unassigned':
      return msg('explain.stuck.unassigned');
  }
}
