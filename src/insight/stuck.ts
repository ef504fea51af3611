import { anomalyId, type Anomaly } from './anomaly';
import { tpName } from './events';
import type { Facts, Outage, PartitionFacts } from './facts';
import { formatMs, records, times } from './format';

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
    const policy = !gm
      ? ''
      : Number.isFinite(gm.retries)
        ? ` Group ${pf.group} retries a failing record ${times(gm.retries)}, then ${dlt ? `sends it to the dead-letter topic ${dlt}` : 'drops it (it has no dead-letter topic)'}.`
        : ` Group ${pf.group} has no failure policy, so it retries the record forever: give it retries and a dead-letter topic to move on.`;
    const explanation =
      `${tp} @ ${f.offset} is stuck in group ${pf.group}: its handler failed ${times(f.count)} in a row ` +
      `(on ${f.member}, first at ${formatMs(f.firstUs)}, last at ${formatMs(timeUs)}), and the partition ` +
      `cannot move past it while ${records(behind)} wait behind it.${policy}`;
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
    const explanation =
      `${tp} has had no live consumer in group ${pf.group} for ${formatMs(this.thresholdUs)} ` +
      `(since ${formatMs(pf.waitingSinceUs)}) while ${records(facts.lag(pf))} wait: ${outageText(facts, pf, o)}.`;
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

function outageText(facts: Facts, pf: PartitionFacts, o: Outage): string {
  const gm = facts.model.groups[facts.model.groupIndex.get(pf.group) ?? -1];
  const session = gm ? ` (${formatMs(gm.sessionTimeoutUs)})` : '';
  const at = formatMs(o.timeUs);
  switch (o.kind) {
    case 'crashed':
      return `its owner ${o.member} crashed at ${at}, and the coordinator hands a silent member's partitions on only after session.timeout.ms${session} without a heartbeat, or when the member restarts and rejoins`;
    case 'paused':
      return `its owner ${o.member} has been paused since ${at}; it keeps the partition until it resumes or session.timeout.ms${session} passes`;
    case 'expired':
      return `its owner ${o.member} was removed from the group at ${at}, and the rebalance has not given the partition to another member yet`;
    case 'left':
      return `its owner ${o.member} left the group at ${at}, and no member has taken the partition yet`;
    case 'revoked':
      return `it was revoked from ${o.member} at ${at} in a rebalance that has not completed`;
    case 'rejoining':
      return `${o.member} gave it up at ${at} to rejoin the group, and the rebalance has not completed`;
    case 'unassigned':
      return 'no member of the group has been assigned it yet';
  }
}
