import { addPartitionsStep } from './addPartitions';
import type { ProducerRestarted, SimEvent } from './events';
import { unacknowledged } from './stateCluster';
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
    case 'producerRestart':
      return [producerRestarted(s, t, f.producer, fault)];
    case 'txnCoordinatorFailover':
      if (s.txn!.downUntilUs > t)
        return skip('the transaction coordinator is already failing over');
      return [
        {
          type: 'txnCoordinatorFailedOver',
          timeUs: t,
          fault,
          untilUs: t + f.durationUs,
          open: s.txn!.open.size,
        },
      ];
    case 'addPartitions':
      return addPartitionsStep(s, t, f, fault);
    default:
      return skip(`fault ${f.kind} has no member`);
  }
}

/**
 * A producer's process restarts (KafkaProducer created anew): InitProducerId hands it a new
 * producer id, and it sends again what it never saw acknowledged. Counted here: the records
 * resent, and those of them the log already holds (the leader will append them again).
 */
function producerRestarted(s: SimState, t: number, pi: number, fault: number): SimEvent {
  const req = s.producers[pi]!.req!;
  if (req.txn !== null)
    // A transactional producer keeps its transactional.id's producer id: its new instance calls
    // initTransactions (producerTxn.ts), which aborts the open transaction and sends it again.
    return {
      type: 'producerRestarted',
      timeUs: t,
      producer: s.model.producers[pi]!.id,
      fault,
      producerId: req.producerId,
      previousProducerId: req.producerId,
      resent: 0,
      inLog: 0,
      firstNewEventId: s.nextEventId,
      batches: [],
      transactional: true,
    };
  let resent = 0;
  let inLog = 0;
  for (const b of req.batches.values()) {
    const appended = req.appended.has(b.id) ? 1 : 0;
    for (const r of b.records) if ((req.resent.get(r.eventId) ?? appended) > 0) inLog++;
  }
  const batches: ProducerRestarted['batches'] = [];
  let id = req.nextBatchId;
  for (const [gp, records] of unacknowledged(req)) {
    resent += records.length;
    // One batch per partition, as the accumulator drains a partition's whole queue at once
    // here (an open batch grows while its partition waits: see openDueUs).
    batches.push({
      batch: id++,
      ...topicName(s, gp),
      first: records[0]!.eventId,
      count: records.length,
    });
  }
  return {
    type: 'producerRestarted',
    timeUs: t,
    producer: s.model.producers[pi]!.id,
    fault,
    producerId: s.cluster.nextProducerId,
    previousProducerId: req.producerId,
    resent,
    inLog,
    firstNewEventId: s.nextEventId,
    batches,
  };
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
