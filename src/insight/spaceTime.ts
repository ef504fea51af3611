import { scaleLinear } from 'd3';
import type { AmqpSimEvent, Model } from '../engine';
import { tpName, type InsightEvent } from './events';
import { formatMs } from './format';
import { BucketCounter, type ArrowBucket } from './spaceTimeBuckets';
import { LaneIndex, laneLayout, type Lane } from './spaceTimeLanes';

export {
  laneLayout,
  memberLane,
  partitionLane,
  producerLane,
  type Lane,
  type LaneKind,
} from './spaceTimeLanes';

/**
 * append: producer (or the member of a service that emitted it) → partition;
 * fetch: partition → member (a poll returning a range); process: partition → member, from
 * the fetch to the moment it was processed; commit: member → partition.
 * RabbitMQ's, beside them: append also for a publish (publisher, or the member of a service
 * that published, → each queue it entered) and a dead-lettering (queue → the queues the
 * dead-letter exchange routed it to, flagged `rejected`); deliver: queue → consumer member,
 * from the delivery to the moment it was handled (redelivered and reordered flagged, as a
 * Kafka redelivery is); ack: member → queue (basic.ack); requeue: member → queue (a nack or
 * reject with requeue, or a closed channel), flagged.
 */
export type ArrowKind = 'append' | 'fetch' | 'process' | 'commit' | 'deliver' | 'ack' | 'requeue';

export interface Arrow {
  kind: ArrowKind;
  /** Lane ids. */
  from: string;
  to: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The log index and time of the event the arrow draws. */
  index: number;
  timeUs: number;
  offset?: number;
  eventId?: number;
  /** fetch: records in the range. */
  count?: number;
  redelivered?: boolean;
  reordered?: boolean;
  rejected?: boolean;
}

export interface SpaceTimeWindow {
  fromUs: number;
  toUs: number;
  /** Pixels across the window (default 1,000). */
  width?: number;
  /** Pixels per lane (default 20). */
  laneHeight?: number;
  /** Beyond this many arrows the window is summarised in buckets (default 2,000). */
  maxArrows?: number;
  kinds?: readonly ArrowKind[];
}

export interface SpaceTime {
  lanes: Lane[];
  /** Every arrow, or when summarised only those that carry an anomaly (up to a quarter of the cap). */
  arrows: Arrow[];
  /** Empty unless summarised: arrow counts per lane pair and slice of time. */
  buckets: (ArrowBucket & { x1: number; x2: number; y1: number; y2: number })[];
  summarised: boolean;
  /** Arrows the window holds in all. */
  total: number;
  ticks: { x: number; label: string }[];
  width: number;
  height: number;
}

const KINDS: readonly ArrowKind[] = [
  'append',
  'fetch',
  'process',
  'commit',
  'deliver',
  'ack',
  'requeue',
];

/**
 * Layout data for a space-time (Lamport) diagram of one time window: lanes for producers,
 * partitions and consumer members, arrows for what moved between them. Pure: d3 computes the
 * scales, the UI draws. The log must be in time order (the engine's is). A processing arrow
 * whose fetch happened before the window starts at the window's left edge.
 */
export function spaceTime(
  model: Model,
  events: readonly InsightEvent[],
  window: SpaceTimeWindow,
): SpaceTime {
  const width = window.width ?? 1000;
  const laneHeight = window.laneHeight ?? 20;
  const maxArrows = window.maxArrows ?? 2000;
  const lanes = laneLayout(model, laneHeight);
  const x = scaleLinear().domain([window.fromUs, window.toUs]).range([0, width]);
  const sink = new ArrowSink(lanes, x, window, maxArrows);
  collect(events, window, new LaneIndex(model, lanes), sink);
  const summarised = sink.total > maxArrows;
  const arrows = summarised ? sink.kept.filter(flagged).slice(0, sink.flaggedCap) : sink.kept;
  const laneIds = lanes.map((l) => l.id);
  const buckets = summarised
    ? sink.counter.buckets(maxArrows, laneIds).map((b) => ({
        ...b,
        x1: x(b.fromUs),
        x2: x(b.toUs),
        y1: lanes[laneIds.indexOf(b.from)]!.y,
        y2: lanes[laneIds.indexOf(b.to)]!.y,
      }))
    : [];
  const ticks = x
    .ticks(Math.max(2, Math.floor(width / 120)))
    .map((t) => ({ x: x(t), label: formatMs(t) }));
  return {
    lanes,
    arrows,
    buckets,
    summarised,
    total: sink.total,
    ticks,
    width,
    height: lanes.length * laneHeight,
  };
}

function flagged(a: Pick<Arrow, 'redelivered' | 'reordered' | 'rejected'>): boolean {
  return a.redelivered === true || a.reordered === true || a.rejected === true;
}

/**
 * Counts every arrow (into buckets) and keeps the first `maxArrows`, plus arrows that carry an
 * anomaly. `wants` is asked before an arrow object is built, so a wide window allocates only
 * what it keeps.
 */
class ArrowSink {
  readonly kept: Arrow[] = [];
  readonly counter: BucketCounter;
  readonly flaggedCap: number;
  total = 0;
  private keptFlagged = 0;
  private readonly kinds: boolean[];

  constructor(
    private readonly lanes: readonly Lane[],
    private readonly x: (us: number) => number,
    window: SpaceTimeWindow,
    private readonly maxArrows: number,
  ) {
    this.counter = new BucketCounter(window.fromUs, window.toUs, lanes.length);
    this.flaggedCap = Math.floor(maxArrows / 4);
    const asked = new Set(window.kinds ?? KINDS);
    this.kinds = KINDS.map((k) => asked.has(k));
  }

  /** Counts the arrow; true when the caller should build it and `keep` it. */
  wants(kind: number, from: number, to: number, timeUs: number, isFlagged: boolean): boolean {
    if (!this.kinds[kind] || from < 0 || to < 0) return false;
    this.total++;
    this.counter.add(KINDS[kind]!, kind, from, to, timeUs, isFlagged);
    if (this.total <= this.maxArrows) return true;
    return isFlagged && this.keptFlagged < this.flaggedCap;
  }

  keep(
    kind: number,
    from: number,
    to: number,
    x1Us: number,
    detail: Omit<Arrow, 'kind' | 'from' | 'to' | 'x1' | 'x2' | 'y1' | 'y2'>,
  ): void {
    if (flagged(detail)) this.keptFlagged++;
    const a = this.lanes[from]!;
    const b = this.lanes[to]!;
    this.kept.push({
      kind: KINDS[kind]!,
      from: a.id,
      to: b.id,
      x1: this.x(x1Us),
      x2: this.x(detail.timeUs),
      y1: a.y,
      y2: b.y,
      ...detail,
    });
  }
}

const APPEND = 0;
const FETCH = 1;
const PROCESS = 2;
const COMMIT = 3;
const DELIVER = 4;
const ACK = 5;
const REQUEUE = 6;

/** Walks the window's events and hands each arrow to the sink, in log order. */
function collect(
  events: readonly InsightEvent[],
  w: SpaceTimeWindow,
  lanes: LaneIndex,
  sink: ArrowSink,
): void {
  const fetchedAt = new Map<string, number>();
  /** The member of each group that acted last (a service's emits follow its processing). */
  const actor = new Map<string, { member: string; timeUs: number }>();
  const rabbit = new RabbitArrows(lanes, sink, w, actor);
  for (let index = firstAtOrAfter(events, w.fromUs); index < events.length; index++) {
    const e = events[index]!;
    const t = e.timeUs;
    if (t > w.toUs) break;
    if (e.type.startsWith('amqp.')) {
      rabbit.see(e as AmqpSimEvent, index);
      continue;
    }
    switch (e.type) {
      case 'recordAppended': {
        const from = rabbit.sender(e.producer, t);
        const to = lanes.partition(e.topic, e.partition);
        if (sink.wants(APPEND, from, to, t, false))
          sink.keep(APPEND, from, to, t, {
            index,
            timeUs: t,
            offset: e.offset,
            eventId: e.eventId,
          });
        break;
      }
      case 'produceHandled': {
        // The request path: a batch appended by its leader (one arrow per batch).
        if (e.outcome !== 'appended') break;
        const from = lanes.producer(e.producer);
        const to = lanes.partition(e.topic, e.partition);
        if (sink.wants(APPEND, from, to, t, false))
          sink.keep(APPEND, from, to, t, {
            index,
            timeUs: t,
            offset: e.baseOffset,
            count: e.count,
          });
        break;
      }
      case 'recordsFetched':
        for (const r of e.ranges) {
          const from = lanes.partition(r.topic, r.partition);
          const to = lanes.member(e.group, e.member);
          fetchedAt.set(`${e.group}\u0000${e.member}\u0000${tpName(r.topic, r.partition)}`, t);
          if (sink.wants(FETCH, from, to, t, false))
            sink.keep(FETCH, from, to, t, {
              index,
              timeUs: t,
              offset: r.from,
              count: r.to - r.from,
            });
        }
        break;
      case 'recordProcessed':
      case 'recordDeadLettered': {
        actor.set(e.group, { member: e.member, timeUs: t });
        const from = lanes.partition(e.topic, e.partition);
        const to = lanes.member(e.group, e.member);
        const processed = e.type === 'recordProcessed';
        const isFlagged = processed && (e.redelivered || e.reorderedAfter !== null);
        if (!sink.wants(PROCESS, from, to, t, isFlagged)) break;
        const fetched =
          fetchedAt.get(`${e.group}\u0000${e.member}\u0000${tpName(e.topic, e.partition)}`) ??
          w.fromUs;
        const flags = processed
          ? { eventId: e.eventId, redelivered: e.redelivered, reordered: e.reorderedAfter !== null }
          : {};
        sink.keep(PROCESS, from, to, fetched, { index, timeUs: t, offset: e.offset, ...flags });
        break;
      }
      case 'offsetsCommitted':
      case 'commitRejected': {
        const rejected = e.type === 'commitRejected';
        for (const o of e.offsets) {
          const from = lanes.member(e.group, e.member);
          const to = lanes.partition(o.topic, o.partition);
          if (sink.wants(COMMIT, from, to, t, rejected))
            sink.keep(COMMIT, from, to, t, { index, timeUs: t, offset: o.offset, rejected });
        }
        break;
      }
      default:
        break;
    }
  }
}

/** RabbitMQ's arrows; and who sent a record or message (a service's member acting now). */
class RabbitArrows {
  /** Per channel and delivery tag: when and from which queue it was delivered. */
  private readonly delivered = new Map<string, { queue: string; timeUs: number }>();
  /** The member of each RabbitMQ consumer that handled last (its emits follow). */
  private readonly handler = new Map<string, { member: string; timeUs: number }>();

  constructor(
    private readonly lanes: LaneIndex,
    private readonly sink: ArrowSink,
    private readonly w: SpaceTimeWindow,
    private readonly actor: Map<string, { member: string; timeUs: number }>,
  ) {}

  /** The lane of whoever sent at `t`: a Kafka service's member, a RabbitMQ consumer's, a producer. */
  sender(producer: string, t: number): number {
    const by = this.actor.get(producer);
    if (by && by.timeUs === t) return this.lanes.member(producer, by.member);
    const h = this.handler.get(producer);
    if (h && h.timeUs === t) return this.lanes.consumer(producer, h.member);
    const p = this.lanes.producer(producer);
    return p >= 0 ? p : this.lanes.publisher(producer);
  }

  see(e: AmqpSimEvent, index: number): void {
    const t = e.timeUs;
    const { lanes, sink } = this;
    switch (e.type) {
      case 'amqp.published': {
        const producer = e.message.meta?.['producer'];
        const from = this.sender(typeof producer === 'string' ? producer : '', t);
        const eventId = e.message.meta?.['eventId'];
        for (const q of e.queues) {
          const to = lanes.queue(q);
          if (sink.wants(APPEND, from, to, t, false))
            sink.keep(APPEND, from, to, t, {
              index,
              timeUs: t,
              ...(typeof eventId === 'number' ? { eventId } : {}),
            });
        }
        return;
      }
      case 'amqp.deadLettered': {
        const from = lanes.queue(e.fromQueue);
        const eventId = e.message.meta?.['eventId'];
        for (const q of e.queues) {
          const to = lanes.queue(q);
          if (sink.wants(APPEND, from, to, t, true))
            sink.keep(APPEND, from, to, t, {
              index,
              timeUs: t,
              rejected: true,
              ...(typeof eventId === 'number' ? { eventId } : {}),
            });
        }
        return;
      }
      case 'amqp.delivered':
        this.delivered.set(`${e.channel}\u0000${e.deliveryTag}`, { queue: e.queue, timeUs: t });
        return;
      case 'amqp.handled': {
        this.handler.set(e.consumer, { member: e.member, timeUs: t });
        const to = lanes.consumer(e.consumer, e.member);
        const from = lanes.queue(e.queue);
        const flagged = e.redelivered || e.reorderedAfter !== null;
        if (!sink.wants(DELIVER, from, to, t, flagged)) return;
        const channel = lanes.channelName(e.consumer, e.member);
        const d =
          channel === null ? undefined : this.delivered.get(`${channel}\u0000${e.deliveryTag}`);
        sink.keep(DELIVER, from, to, Math.max(this.w.fromUs, d?.timeUs ?? this.w.fromUs), {
          index,
          timeUs: t,
          eventId: e.eventId,
          redelivered: e.redelivered,
          reordered: e.reorderedAfter !== null,
        });
        return;
      }
      case 'amqp.acked':
      case 'amqp.requeued': {
        const from = lanes.channel(e.channel);
        const ack = e.type === 'amqp.acked';
        for (const tag of e.deliveryTags) {
          const k = `${e.channel}\u0000${tag}`;
          const d = this.delivered.get(k);
          this.delivered.delete(k);
          if (!d) continue;
          const to = lanes.queue(d.queue);
          if (sink.wants(ack ? ACK : REQUEUE, from, to, t, !ack))
            sink.keep(ack ? ACK : REQUEUE, from, to, t, {
              index,
              timeUs: t,
              ...(ack ? {} : { rejected: true }),
            });
        }
        return;
      }
      default:
        return;
    }
  }
}

/** Binary search: the first event at or after `timeUs` (events are in time order). */
export function firstAtOrAfter(events: readonly InsightEvent[], timeUs: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.timeUs < timeUs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
