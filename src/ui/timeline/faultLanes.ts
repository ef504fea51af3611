/**
 * Fault lanes (pure): which lane each scheduled fault sits on, which faults a lane accepts, and
 * the fault a palette item makes on a lane at a time. One lane per consumer group (member
 * faults), per producer (poison, lost acks) and one for the cluster (brokers).
 */
import type { FaultSpec, Scenario } from '../../engine';

export type LaneKind = 'group' | 'producer' | 'cluster';

export interface FaultLane {
  id: string;
  kind: LaneKind;
  /** Group or producer id; '' for the cluster. */
  name: string;
  label: string;
  /** A group's members (the first is the default target). */
  members: string[];
}

export type PaletteFault = 'crash' | 'pause' | 'restart' | 'poisonMessage' | 'ackLoss' | 'brokerDown' | 'brokerUp';

export const PALETTE: readonly { kind: PaletteFault; label: string; lane: LaneKind }[] = [
  { kind: 'crash', label: 'Crash', lane: 'group' },
  { kind: 'pause', label: 'Pause 2 s', lane: 'group' },
  { kind: 'restart', label: 'Restart', lane: 'group' },
  { kind: 'poisonMessage', label: 'Poison message', lane: 'producer' },
  { kind: 'ackLoss', label: 'Lose 5 acks', lane: 'producer' },
  { kind: 'brokerDown', label: 'Broker down', lane: 'cluster' },
  { kind: 'brokerUp', label: 'Broker up', lane: 'cluster' },
];

export function lanesOf(s: Scenario): FaultLane[] {
  const groups = s.groups.map((g): FaultLane => {
    const members = Array.isArray(g.members) ? g.members.map((m) => m.id) : Array.from({ length: g.members }, (_, i) => `${g.id}-${i + 1}`);
    return { id: `group:${g.id}`, kind: 'group', name: g.id, label: g.id, members };
  });
  const producers = s.producers.map((p): FaultLane => ({ id: `producer:${p.id}`, kind: 'producer', name: p.id, label: p.id, members: [] }));
  const cluster: FaultLane[] = s.cluster ? [{ id: 'cluster', kind: 'cluster', name: '', label: 'brokers', members: [] }] : [];
  return [...producers, ...groups, ...cluster];
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
      return `producer:${f.producer}`;
    case 'brokerDown':
    case 'brokerUp':
      return 'cluster';
    case 'networkPartition': {
      const owner = lanes.find((l) => l.members.includes(f.between[0]) || (l.kind === 'producer' && l.name === f.between[0]));
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
      return { kind, atMs, producer: lane.name };
    case 'ackLoss':
      return { kind, atMs, producer: lane.name, count: 5 };
    case 'brokerDown':
    case 'brokerUp':
      return { kind, atMs, broker: 1 };
  }
}

/** A fault's short label on its lane. */
export function faultLabel(f: FaultSpec): string {
  switch (f.kind) {
    case 'crash':
    case 'restart':
    case 'leave':
      return `${f.kind} ${f.member}`;
    case 'pause':
      return `pause ${f.member} ${f.durationMs} ms`;
    case 'poisonMessage':
      return 'poison';
    case 'ackLoss':
      return `lose ${f.count} acks`;
    case 'brokerDown':
      return `broker ${f.broker} down`;
    case 'brokerUp':
      return `broker ${f.broker} up`;
    case 'networkPartition':
      return `cut ${f.between[0]}–${f.between[1]}`;
    default:
      return 'fault';
  }
}

/** Sim ms at pixel `x` of a lane `width` px wide for a run of `endMs`, whole ms, clamped. */
export function msAt(x: number, width: number, endMs: number): number {
  if (!(width > 0)) return 0;
  return Math.max(0, Math.min(endMs, Math.round((x / width) * endMs)));
}
