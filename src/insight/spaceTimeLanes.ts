import { scaleBand } from 'd3';
import type { Model } from '../engine';
import { tpName } from './events';

export type LaneKind = 'producer' | 'partition' | 'member';

/** A horizontal line of the diagram: a producer, a partition (the broker side) or a member. */
export interface Lane {
  id: string;
  kind: LaneKind;
  label: string;
  group?: string;
  /** The lane's centre line and its band height, in pixels from the top. */
  y: number;
  height: number;
}

export const producerLane = (id: string) => `producer:${id}`;
export const partitionLane = (topic: string, partition: number) =>
  `partition:${tpName(topic, partition)}`;
export const memberLane = (group: string, member: string) => `member:${group}/${member}`;

/** Producers, then every topic's partitions, then each group's members, as one band scale. */
export function laneLayout(model: Model, laneHeight: number): Lane[] {
  const specs: Omit<Lane, 'y' | 'height'>[] = [
    ...model.producers.map((p) => ({
      id: producerLane(p.id),
      kind: 'producer' as const,
      label: p.id,
    })),
    ...model.topics.flatMap((t) =>
      Array.from({ length: t.partitions }, (_, p) => ({
        id: partitionLane(t.name, p),
        kind: 'partition' as const,
        label: tpName(t.name, p),
      })),
    ),
    ...model.members.map((m) => {
      const group = model.groups[m.group]!.id;
      return { id: memberLane(group, m.id), kind: 'member' as const, label: m.id, group };
    }),
  ];
  const band = scaleBand()
    .domain(specs.map((s) => s.id))
    .range([0, specs.length * laneHeight]);
  return specs.map((s) => ({
    ...s,
    y: (band(s.id) ?? 0) + band.bandwidth() / 2,
    height: band.bandwidth(),
  }));
}

/**
 * Lane numbers by name without building a string per event: the diagram walks hundreds of
 * thousands of events for a wide window. -1 for a name the model does not have.
 */
export class LaneIndex {
  private readonly producers = new Map<string, number>();
  private readonly partitions = new Map<string, number>();
  private readonly members = new Map<string, Map<string, number>>();

  constructor(model: Model, lanes: readonly Lane[]) {
    const byId = new Map(lanes.map((l, i) => [l.id, i]));
    for (const p of model.producers) this.producers.set(p.id, byId.get(producerLane(p.id))!);
    for (const t of model.topics) this.partitions.set(t.name, byId.get(partitionLane(t.name, 0))!);
    for (const m of model.members) {
      const group = model.groups[m.group]!.id;
      let g = this.members.get(group);
      if (!g) this.members.set(group, (g = new Map()));
      g.set(m.id, byId.get(memberLane(group, m.id))!);
    }
    this.partitionCount = new Map(model.topics.map((t) => [t.name, t.partitions]));
  }

  private readonly partitionCount: Map<string, number>;

  producer(id: string): number {
    return this.producers.get(id) ?? -1;
  }

  partition(topic: string, partition: number): number {
    const first = this.partitions.get(topic);
    if (first === undefined || partition < 0 || partition >= this.partitionCount.get(topic)!)
      return -1;
    return first + partition;
  }

  member(group: string, member: string): number {
    return this.members.get(group)?.get(member) ?? -1;
  }
}
