import { addPartitionsStep } from './addPartitions';
import type { SimEvent } from './events';
import type { FaultModel } from './model';
import { NetSends } from './network';
import { topicName } from './names';
import { ackResponses, elect, leaderIdx } from './replication';
import type { SimState } from './state';

/** Faults that hit brokers, links and producers (the consumer faults are in decide.ts). */
export function infraFault(s: SimState, t: number, f: FaultModel, fault: number): SimEvent[] {
  const skip = (reason: string): SimEvent[] => [{ type: 'faultSkipped', timeUs: t, fault, reason }];
  const producer = f.producer >= 0 ? s.model.producers[f.producer]!.id : '';
  switch (f.kind) {
    case 'brokerDown':
      if (!s.cluster.brokersUp[f.broker]) return skip(`broker ${f.broker} is already down`);
      return brokerDown(s, t, f.broker, fault);
    case 'brokerUp':
      if (s.cluster.brokersUp[f.broker]) return skip(`broker ${f.broker} is up`);
      return brokerUp(s, t, f.broker, fault);
    case 'networkPartition':
      return [
        {
          type: 'networkPartitioned',
          timeUs: t,
          between: f.between!,
          untilUs: t + f.durationUs,
          fault,
        },
      ];
    case 'ackLoss':
      return [{ type: 'ackLossArmed', timeUs: t, producer, count: f.count, fault }];
    case 'poisonMessage':
      return [{ type: 'poisonArmed', timeUs: t, producer, fault }];
    case 'addPartitions':
      return addPartitionsStep(s, t, f, fault);
    default:
      return skip(`fault ${f.kind} has no member`);
  }
}

/**
 * A broker stops: partitions it led elect a new leader (or go offline); it leaves the ISR of
 * partitions it followed, which may move their high watermark and release acks=all answers.
 */
function brokerDown(s: SimState, t: number, broker: number, fault: number): SimEvent[] {
  const out: SimEvent[] = [{ type: 'brokerStopped', timeUs: t, broker, fault }];
  const net = new NetSends(s);
  const cm = s.model.cluster;
  for (let gp = 0; gp < s.cluster.replicas.length; gp++) {
    const reps = cm.replicas[gp]!;
    const idx = reps.indexOf(broker);
    if (idx < 0) continue;
    const r = s.cluster.replicas[gp]!;
    if (r.leader === broker) {
      out.push(elect(s, gp, t, broker));
      continue;
    }
    if (!r.inIsr[idx]) continue;
    const inIsr = Array.from(r.inIsr);
    inIsr[idx] = 0;
    const li = leaderIdx(s, gp);
    let hw = s.leo[gp]!;
    for (let i = 0; i < inIsr.length; i++) if (inIsr[i] && i !== li) hw = Math.min(hw, r.rleo[i]!);
    hw = Math.max(hw, s.hw[gp]!);
    const isr = Array.from(reps).filter((_, i) => inIsr[i]);
    const acks = hw > s.hw[gp]! ? ackResponses(s, gp, hw, t, net, inIsr) : [];
    out.push({
      type: 'isrChanged',
      timeUs: t,
      ...topicName(s, gp),
      isr,
      reason: `broker ${broker} stopped`,
      highWatermark: hw,
      acks,
    });
  }
  return out;
}

/** A broker returns: offline partitions it can lead get a leader; its replicas catch up. */
function brokerUp(s: SimState, t: number, broker: number, fault: number): SimEvent[] {
  const out: SimEvent[] = [{ type: 'brokerStarted', timeUs: t, broker, fault }];
  const cm = s.model.cluster;
  for (let gp = 0; gp < s.cluster.replicas.length; gp++) {
    const reps = Array.from(cm.replicas[gp]!);
    const idx = reps.indexOf(broker);
    const r = s.cluster.replicas[gp]!;
    if (idx < 0 || r.leader >= 0) continue;
    const clean = r.inIsr[idx] === 1;
    if (!clean && !cm.unclean[gp]) continue;
    const leo = r.rleo[idx]!;
    const truncatedTo = leo < s.leo[gp]! ? leo : null;
    out.push({
      type: 'leaderElected',
      timeUs: t,
      ...topicName(s, gp),
      leader: broker,
      epoch: r.epoch + 1,
      unclean: !clean,
      isr: [broker],
      truncatedTo,
      highWatermark: Math.min(s.hw[gp]!, leo),
    });
  }
  return out;
}
