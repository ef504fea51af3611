import { scaleBand } from 'd3';
import type { Model } from '../engine';
import { tpName } from './events';

export type LaneKind = 'producer' | 'partition' | 'member' | 'queue' | 'consumer';

/**
 * A horizontal line of the diagram: a producer, a partition (the broker side) or a member; for
 * RabbitMQ a publisher (kind producer), a queue (the broker side) or a consumer's member
 * (kind consumer, `group` holding the RabbitMQ consumer's id).
 */
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
export const publisherLane = (id: string) => `publisher:${id}`;
export const queueLane = (queue: string) => `queue:${queue}`;
export const consumerLane = (consumer: string, member: string) => `consumer:${consumer}/${member}`;

/**
 * Producers and RabbitMQ's publishers, then every topic's partitions and RabbitMQ's queues, then
 * each group's members and each RabbitMQ consumer's members, as one band scale: the senders on
 * top, the brokers in the middle, the consumers below, whichever broker they use.
 */
export function laneLayout(model: Model, laneHeight: number): Lane[] {
  const amqp = model.amqp;
  const specs: Omit<Lane, 'y' | 'height'>[] = [
    ...model.producers.map((p) => ({
      id: producerLane(p.id),
      kind: 'producer' as const,
      label: p.id,
    })),
    ...(amqp?.publishers ?? []).map((p) => ({
      id: publisherLane(p.id),
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
    ...(amqp?.spec.queues ?? []).map((q) => ({
      id: queueLane(q.name),
      kind: 'queue' as const,
      label: q.name,
    })),
    ...model.members.map((m) => {
      const group = model.groups[m.group]!.id;
      return { id: memberLane(group, m.id), kind: 'member' as const, label: m.id, group };
    }),
    ...(amqp?.members ?? []).map((m) => {
      const consumer = amqp!.consumers[m.consumer]!.id;
      return {
        id: consumerLane(consumer, m.id),
        kind: 'consumer' as const,
        label: m.id,
        group: consumer,
      };
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
    const amqp = model.amqp;
    if (!amqp) return;
    for (const p of amqp.publishers) this.publishers.set(p.id, byId.get(publisherLane(p.id))!);
    for (const q of amqp.spec.queues) this.queues.set(q.name, byId.get(queueLane(q.name))!);
    for (const m of amqp.members) {
      const c = amqp.consumers[m.consumer]!;
      this.amqpMembers.set(m.channel, byId.get(consumerLane(c.id, m.id))!);
      this.amqpMembers.set(`${c.id}\u0000${m.id}`, byId.get(consumerLane(c.id, m.id))!);
      this.channels.set(`${c.id}\u0000${m.id}`, m.channel);
    }
  }

  private readonly channels = new Map<string, string>();
  private readonly publishers = new Map<string, number>();
  private readonly queues = new Map<string, number>();
  /** By channel name and by "consumer\0member". */
  private readonly amqpMembers = new Map<string, number>();

  publisher(id: string): number {
    return this.publishers.get(id) ?? -1;
  }

  queue(name: string): number {
    return this.queues.get(name) ?? -1;
  }

  /** A RabbitMQ consumer member's lane, by its channel. */
  channel(channel: string): number {
    return this.amqpMembers.get(channel) ?? -1;
  }

  /** A RabbitMQ consumer member's channel name, or null. */
  channelName(consumer: string, member: string): string | null {
    return this.channels.get(`${consumer}\u0000${member}`) ?? null;
  }

  consumer(consumer: string, member: string): number {
    return this.amqpMembers.get(`${consumer}\u0000${member}`) ?? -1;
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
