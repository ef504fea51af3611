/**
 * Fault lanes (pure): which lane each scheduled fault sits on, which faults a lane accepts, and
 * the fault a palette item makes on a lane at a time. One lane per consumer group (member
 * faults), per producer (poison, lost acks) and one for the cluster (brokers).
 */
import type { FaultSpec, Scenario } from '../../engine';
import { msg, type MessageKey, type Msg } from '../../i18n';

export type LaneKind = 'group' | 'producer' | 'cluster' | 'topic';

export interface FaultLane {
  id: string;
  kind: LaneKind;
  /** Group or producer id; '' for the cluster. */
  name: string;
  /** The entity's name, or a message (the cluster's lane). */
  label: Msg | string;
  /** A group's members (the first is the default target). */
  members: string[];
  /** A topic's lane: the partition count after its scheduled addPartitions actions. */
  partitions?: number;
}

export type PaletteFault =
  | 'crash'
  | 'pause'
  | 'restart'
  | 'poisonMessage'
  | 'ackLoss'
  | 'producerRestart'
  | 'brokerDown'
  | 'brokerUp'
  | 'addPartitions';

export const PALETTE: readonly { kind: PaletteFault; label: MessageKey; lane: LaneKind }[] = [
  { kind: 'crash', label: 'timeline.palette.crash', lane: 'group' },
  { kind: 'pause', label: 'timeline.palette.pause', lane: 'group' },
  { kind: 'restart', label: 'timeline.palette.restart', lane: 'group' },
  { kind: 'poisonMessage', label: 'timeline.palette.poisonMessage', lane: 'producer' },
  { kind: 'ackLoss', label: 'timeline.palette.ackLoss', lane: 'producer' },
  { kind: 'producerRestart', label: 'timeline.palette.producerRestart', lane: 'producer' },
  { kind: 'brokerDown', label: 'timeline.palette.brokerDown', lane: 'cluster' },
  { kind: 'brokerUp', label: 'timeline.palette.brokerUp', lane: 'cluster' },
  { kind: 'addPartitions', label: 'timeline.palette.addPartitions', lane: 'topic' },
];

export function lanesOf(s: Scenario): FaultLane[] {
  const groups = s.groups.map((g): FaultLane => {
    const members = Array.isArray(g.members)
      ? g.members.map((m) => m.id)
      : Array.from({ length: g.members }, (_, i) => `${g.id}-${i + 1}`);
    return { id: `group:${g.id}`, kind: 'group', name: g.id, label: g.id, members };
  });
  const producers = s.producers.map((p): FaultLane => ({
    id: `producer:${p.id}`,
    kind: 'producer',
    name: p.id,
    label: p.id,
    members: [],
  }));
  const cluster: FaultLane[] = s.cluster
    ? [
        {
          id: 'cluster',
          kind: 'cluster',
          name: '',
          label: msg('timeline.lanes.brokers'),
          members: [],
        },
      ]
    : [];
  // One lane per Kafka topic, for the addPartitions action (kafka-topics.sh --alter).
  const topics = s.topics.map((t): FaultLane => {
    let partitions = t.partitions;
    for (const f of s.faults)
      if (f.kind === 'addPartitions' && f.topic === t.name)
        partitions = Math.max(partitions, f.partitions);
    return {
      id: `topic:${t.name}`,
      kind: 'topic',
      name: t.name,
      label: t.name,
      members: [],
      partitions,
    };
  });
  return [...producers, ...groups, ...cluster, ...topics];
}

/** The lane a fault is drawn on, or null when no lane fits (e.g. a network partition of a producer). */
export function laneOfFault(f: FaultSpec, lanes: readonly FaultLane[]): string | null {
  switch (f.kind) {
    case 'crash':
    case 'restart':
    case 'leave':
    case 'pause':
      return `group:${f.group}`;
    case 'poisonMessage':
    case 'ackLoss':
    case 'producerRestart':
      return `producer:${f.producer}`;
    case 'brokerDown':
    case 'brokerUp':
      return 'cluster';
    case 'addPartitions':
      return `topic:${f.topic}`;
    case 'networkPartition': {
      const owner = lanes.find(
        (l) =>
          l.members.includes(f.between[0]) || (l.kind === 'producer' && l.name === f.between[0]),
      );
      return owner?.id ?? null;
    }
    default:
      return null;
  }
}

/** The fault a palette item makes when dropped on `lane` at `atMs`; null when the lane does not take it. */
export function faultFor(kind: PaletteFault, lane: FaultLane, atMs: number): FaultSpec | null {
  const item = PALETTE.find((p) => p.kind === kind);
  if (!item || item.lane !== lane.kind) return null;
  const member = lane.members[0] ?? '';
  switch (kind) {
    case 'crash':
    case 'restart':
      return { kind, atMs, group: lane.name, member };
    case 'pause':
      return { kind, atMs, group: lane.name, member, durationMs: 2000 };
    case 'poisonMessage':
    case 'producerRestart':
      return { kind, atMs, producer: lane.name };
    case 'ackLoss':
      return { kind, atMs, producer: lane.name, count: 5 };
    case 'brokerDown':
    case 'brokerUp':
      return { kind, atMs, broker: 1 };
    case 'addPartitions':
      // Two more than the topic will have by then (its other actions included).
      return { kind, atMs, topic: lane.name, partitions: (lane.partitions ?? 1) + 2 };
  }
}

/** A fault's short label on its lane, as a message. */
export function faultLabel(f: FaultSpec): Msg {
  switch (f.kind) {
    case 'crash':
      return msg('timeline.fault.crash', { member: f.member });
    case 'restart':
      return msg('timeline.fault.restart', { member: f.member });
    case 'leave':
      return msg('timeline.fault.leave', { member: f.member });
    case 'pause':
      return msg('timeline.fault.pause', { member: f.member, ms: f.durationMs });
    case 'poisonMessage':
      return msg('timeline.fault.poison');
    case 'ackLoss':
      return msg('timeline.fault.ackLoss', { n: f.count });
    case 'producerRestart':
      return msg('timeline.fault.producerRestart');
    case 'brokerDown':
      return msg('timeline.fault.brokerDown', { b: f.broker });
    case 'brokerUp':
      return msg('timeline.fault.brokerUp', { b: f.broker });
    case 'networkPartition':
      return msg('timeline.fault.cut', { a: f.between[0], b: f.between[1] });
    case 'txnCoordinatorFailover':
      return msg('timeline.fault.txnCoordinatorFailover', { ms: f.durationMs });
    case 'addPartitions':
      return msg('timeline.fault.addPartitions', { topic: f.topic, n: f.partitions });
    default:
      return msg('timeline.fault.other');
  }
}

/** Sim ms at pixel `x` of a lane `width` px wide for a run of `endMs`, whole ms, clamped. */
export function msAt(x: number, width: number, endMs: number): number {
  if (!(width > 0)) return 0;
  return Math.max(0, Math.min(endMs, Math.round((x / width) * endMs)));
}
