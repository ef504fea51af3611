import { normalize } from './normalize';
import type { AmqpSimEvent, Model } from '../engine';
import { AmqpLineage } from './amqpLineage';
import type { CommitCause } from '../engine/kafka/events';
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { tpName, type InsightEvent, type LogTruncated } from './events';
import { place } from './format';
import type { RecordAppended } from './records';

/** One append of the record (a log duplicate has two). */
export interface AppendStep {
  index: number;
  timeUs: number;
  producer: string;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  entity: string | null;
  eventType: string;
  causationId: number | null;
  correlationId: number;
}

/** A step by a consumer group member at one moment of the log. */
export interface GroupStep {
  index: number;
  timeUs: number;
  group: string;
  member: string;
}

export interface FetchStep extends GroupStep {
  /** The fetched range [from, to) that contained the record. */
  from: number;
  to: number;
}

/** `offset` tells which copy, when the record was appended more than once. */
export interface ProcessStep extends GroupStep {
  offset: number;
  attempt: number;
  redelivered: boolean;
  deduplicated: boolean;
  reorderedAfter: number | null;
}

export interface FailureStep extends GroupStep {
  offset: number;
  attempt: number;
}

export interface DeadLetterStep extends GroupStep {
  offset: number;
  attempts: number;
  deadLetterTopic: string | null;
}

/** The first commit of each group that moved past the record: from then on it is done for good. */
export interface CommitStep extends GroupStep {
  offset: number;
  cause: CommitCause;
}

export interface SkipStep extends GroupStep {
  reason: string;
}

export interface TruncateStep {
  index: number;
  timeUs: number;
  reason: string | Msg;
}

/** One record's journey through the log, and the records it caused (by causation id). */
export interface Lineage {
  eventId: number;
  eventType: string;
  appends: AppendStep[];
  fetches: FetchStep[];
  attempts: ProcessStep[];
  failures: FailureStep[];
  deadLettered: DeadLetterStep[];
  commits: CommitStep[];
  skipped: SkipStep[];
  truncated: TruncateStep[];
  /** Groups that read the record's topic and have not processed, dead-lettered or skipped it. */
  awaiting: string[];
  children: Lineage[];
  /** Downstream records left out to keep the tree within `maxRecords`. */
  omitted: number;
  /**
   * A RabbitMQ message's journey (published, returned, delivered, handled, acked, requeued,
   * dead-lettered, dropped, lost), as lines: RabbitMQ's steps have no Kafka counterpart to
   * share a shape with, so they are kept as the messages the panel shows (see amqpLineage.ts).
   */
  amqp: LineageStep[];
}

export interface LineageOptions {
  /** The most records the tree holds, root included (default 500). */
  maxRecords?: number;
}

interface Placed {
  node: Lineage;
  offset: number;
  committed: Set<string>;
}

/**
 * The journey of the record with `eventId`: where it was appended, which members fetched it,
 * every processing attempt (and redelivery), handler failures, dead-lettering, the first
 * commit per group that covered it, and the records it caused downstream, recursively. One
 * pass over the log: a record's causes are always appended before it. null when no record has
 * that event id.
 */
export function lineage(
  model: Model,
  events: readonly InsightEvent[],
  eventId: number,
  options: LineageOptions = {},
): Lineage | null {
  const walk = new LineageWalk(eventId, options.maxRecords ?? 500);
  const rabbit = model.amqp ? new AmqpLineage(model, walk.nodes, walk) : null;
  for (const { e, index } of normalize(events)) {
    if (e.type.startsWith('amqp.')) rabbit?.see(e as AmqpSimEvent, index);
    else walk.see(e, index);
  }
  const root = walk.nodes.get(eventId);
  if (!root) return null;
  for (const node of walk.nodes.values()) node.awaiting = awaiting(model, node);
  return root;
}

/** One pass over the log, collecting the steps of every record in the tree. */
class LineageWalk {
  readonly nodes = new Map<number, Lineage>();
  /** Where each record of the tree sits, per "topic-partition". */
  private readonly placed = new Map<string, Placed[]>();

  constructor(
    private readonly eventId: number,
    private readonly max: number,
  ) {}

  /**
   * The node for a message or record `eventId` caused by `causationId` (or the root): created
   * when it belongs in the tree, null otherwise (not ours, or past `maxRecords`).
   */
  nodeFor(eventId: number, causationId: number | null, eventType: string): Lineage | null {
    let node = this.nodes.get(eventId);
    if (node) return node;
    const parent = causationId === null ? undefined : this.nodes.get(causationId);
    if (eventId !== this.eventId && !parent) return null;
    if (this.nodes.size >= this.max) {
      if (parent) parent.omitted++;
      return null;
    }
    node = emptyLineage(eventId, eventType);
    this.nodes.set(eventId, node);
    parent?.children.push(node);
    return node;
  }

  see(e: InsightEvent, index: number): void {
    switch (e.type) {
      case 'recordAppended':
        return this.appended(e, index);
      case 'recordsFetched':
        for (const r of e.ranges)
          for (const p of this.at(r.topic, r.partition))
            if (r.from <= p.offset && p.offset < r.to)
              p.node.fetches.push({ ...step(e, index), from: r.from, to: r.to });
        return;
      case 'recordProcessed':
        for (const p of this.at(e.topic, e.partition))
          if (p.offset === e.offset && p.node.eventId === e.eventId)
            p.node.attempts.push({
              ...step(e, index),
              offset: e.offset,
              attempt: e.attempt,
              redelivered: e.redelivered,
              deduplicated: e.deduplicated,
              reorderedAfter: e.reorderedAfter,
            });
        return;
      case 'handlerFailed':
        for (const p of this.at(e.topic, e.partition))
          if (p.offset === e.offset)
            p.node.failures.push({ ...step(e, index), offset: e.offset, attempt: e.attempt });
        return;
      case 'recordDeadLettered':
        for (const p of this.at(e.topic, e.partition))
          if (p.offset === e.offset)
            p.node.deadLettered.push({
              ...step(e, index),
              offset: e.offset,
              attempts: e.attempts,
              deadLetterTopic: e.deadLetterTopic,
            });
        return;
      case 'offsetsCommitted':
        for (const o of e.offsets)
          for (const p of this.at(o.topic, o.partition))
            if (o.offset > p.offset && !p.committed.has(e.group)) {
              p.committed.add(e.group);
              p.node.commits.push({ ...step(e, index), offset: o.offset, cause: e.cause });
            }
        return;
      case 'offsetsSkipped':
        for (const p of this.at(e.topic, e.partition))
          if (e.from <= p.offset && p.offset < e.to)
            p.node.skipped.push({ ...step(e, index), reason: e.reason });
        return;
      case 'logTruncated':
        return this.truncated(e, index);
      default:
        return;
    }
  }

  private at(topic: string, partition: number): readonly Placed[] {
    return this.placed.get(tpName(topic, partition)) ?? NONE;
  }

  /** The root, or a record caused by one in the tree (its causes are always appended first). */
  private appended(e: RecordAppended, index: number): void {
    const node = this.nodeFor(e.eventId, e.causationId, e.eventType);
    if (!node) return;
    node.appends.push({
      index,
      timeUs: e.timeUs,
      producer: e.producer,
      topic: e.topic,
      partition: e.partition,
      offset: e.offset,
      key: e.key,
      entity: e.entity,
      eventType: e.eventType,
      causationId: e.causationId,
      correlationId: e.correlationId,
    });
    const tp = tpName(e.topic, e.partition);
    const list = this.placed.get(tp) ?? [];
    list.push({ node, offset: e.offset, committed: new Set() });
    this.placed.set(tp, list);
  }

  private truncated(e: LogTruncated, index: number): void {
    const inRange = (p: Placed) => e.fromOffset <= p.offset && p.offset < e.toOffset;
    for (const p of this.at(e.topic, e.partition))
      if (inRange(p)) p.node.truncated.push({ index, timeUs: e.timeUs, reason: e.reason });
    // Later appends at these offsets are other records.
    this.placed.set(
      tpName(e.topic, e.partition),
      this.at(e.topic, e.partition).filter((p) => !inRange(p)),
    );
  }
}

const NONE: Placed[] = [];

function step(e: { timeUs: number; group: string; member: string }, index: number): GroupStep {
  return { index, timeUs: e.timeUs, group: e.group, member: e.member };
}

function emptyLineage(eventId: number, eventType: string): Lineage {
  return {
    eventId,
    eventType,
    appends: [],
    fetches: [],
    attempts: [],
    failures: [],
    deadLettered: [],
    commits: [],
    skipped: [],
    truncated: [],
    awaiting: [],
    children: [],
    omitted: 0,
    amqp: [],
  };
}

function awaiting(model: Model, node: Lineage): string[] {
  const done = new Set(
    [...node.attempts, ...node.deadLettered, ...node.skipped].map((s) => s.group),
  );
  const out = new Set<string>();
  for (const a of node.appends) {
    const ti = model.topicIndex.get(a.topic);
    if (ti === undefined || node.truncated.length > 0) continue;
    for (const gi of model.topics[ti]!.subscribers) {
      const g = model.groups[gi]!.id;
      if (!done.has(g)) out.add(g);
    }
  }
  return [...out];
}

/** One line of a record's journey: where in the log, when, and what happened (a message). */
export interface LineageStep {
  index: number;
  timeUs: number;
  text: Msg;
}

/**
 * A node's steps in log order, each as a message ("appended by checkout to payments-2 @ 7",
 * "processed by ledger-1 (ledger), redelivered"): the lineage panel renders them in its language.
 */
export function lineageSteps(n: Lineage): LineageStep[] {
  const out: LineageStep[] = [];
  for (const a of n.appends)
    out.push({
      index: a.index,
      timeUs: a.timeUs,
      text: msg('explain.lineage.appended', {
        producer: a.producer,
        place: place(tpName(a.topic, a.partition), a.offset),
        key: a.key ? msg('explain.lineage.key', { key: a.key }) : '',
      }),
    });
  for (const f of n.fetches)
    out.push({
      index: f.index,
      timeUs: f.timeUs,
      text: msg('explain.lineage.fetched', {
        member: f.member,
        group: f.group,
        from: f.from,
        last: f.to - 1,
      }),
    });
  for (const p of n.attempts)
    out.push({
      index: p.index,
      timeUs: p.timeUs,
      text: msg('explain.lineage.processed', {
        member: p.member,
        group: p.group,
        redelivered: p.redelivered ? 'yes' : 'no',
        dedup: p.deduplicated ? 'yes' : 'no',
        attempt: p.attempt > 1 ? msg('explain.lineage.attempt', { attempt: p.attempt }) : '',
      }),
    });
  for (const f of n.failures)
    out.push({
      index: f.index,
      timeUs: f.timeUs,
      text: msg('explain.lineage.failed', { member: f.member, group: f.group, attempt: f.attempt }),
    });
  for (const d of n.deadLettered)
    out.push({
      index: d.index,
      timeUs: d.timeUs,
      text: msg('explain.lineage.deadLettered', {
        group: d.group,
        to: d.deadLetterTopic ? msg('explain.lineage.toTopic', { topic: d.deadLetterTopic }) : '',
        attempts: d.attempts,
      }),
    });
  for (const a of n.amqp) out.push(a);
  for (const c of n.commits)
    out.push({
      index: c.index,
      timeUs: c.timeUs,
      text: msg('explain.lineage.committed', {
        member: c.member,
        group: c.group,
        offset: c.offset,
      }),
    });
  return out.sort((x, y) => x.index - y.index);
}
