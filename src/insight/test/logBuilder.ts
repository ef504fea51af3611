import {
  compileModel,
  parseScenario,
  type Model,
  type Scenario,
  type SimEvent,
} from '../../engine';
import type { CommitCause } from '../../engine/kafka/events';
import type { InsightEvent } from '../events';
import type { RecordAppended } from '../records';

/** Omit distributed over a union, so each event keeps its own fields. */
type WithoutTime<T> = T extends unknown ? Omit<T, 'timeUs'> : never;

/**
 * Hand-built logs for insight's tests: each method appends one event with the fields a real
 * run would give it, so a test states only the facts it is about. Times are in ms.
 */
export class LogBuilder {
  readonly events: InsightEvent[] = [];
  private nowUs = 0;
  private nextEventId = 1;
  private readonly leo = new Map<string, number>();

  at(ms: number): this {
    this.nowUs = Math.round(ms * 1000);
    return this;
  }

  /** Index the next event will get. */
  get next(): number {
    return this.events.length;
  }

  push(e: InsightEvent): number {
    this.events.push(e);
    return this.events.length - 1;
  }

  append(
    topic: string,
    partition: number,
    key: string | null,
    opts: {
      producer?: string;
      entity?: string | null;
      eventId?: number;
      causationId?: number | null;
      eventType?: string;
    } = {},
  ): RecordAppended {
    const tp = `${topic}-${partition}`;
    const offset = this.leo.get(tp) ?? 0;
    this.leo.set(tp, offset + 1);
    const eventId = opts.eventId ?? this.nextEventId;
    this.nextEventId = Math.max(this.nextEventId, eventId + 1);
    const e: RecordAppended = {
      type: 'recordAppended',
      timeUs: this.nowUs,
      producer: opts.producer ?? 'shop',
      topic,
      partition,
      offset,
      key,
      entity: opts.entity === undefined ? key : opts.entity,
      keyId: -1,
      eventId,
      eventType: opts.eventType ?? 'OrderCreated',
      causationId: opts.causationId ?? null,
      correlationId: eventId,
    };
    this.push(e);
    return e;
  }

  assign(
    group: string,
    member: string,
    partitions: string[],
    positions: Record<string, number>,
    generation = 1,
    revoked: string[] = [],
  ): number {
    return this.push({
      type: 'partitionsAssigned',
      timeUs: this.nowUs,
      group,
      member,
      generation,
      partitions,
      revoked,
      positions,
      wakeUs: this.nowUs,
    });
  }

  fetch(
    group: string,
    member: string,
    topic: string,
    partition: number,
    from: number,
    to: number,
  ): number {
    return this.push({
      type: 'recordsFetched',
      timeUs: this.nowUs,
      group,
      member,
      generation: 1,
      ranges: [{ topic, partition, from, to }],
      wakeUs: this.nowUs,
    });
  }

  process(
    group: string,
    member: string,
    topic: string,
    partition: number,
    offset: number,
    opts: {
      redelivered?: boolean;
      deduplicated?: boolean;
      reorderedAfter?: number | null;
      eventId?: number;
    } = {},
  ): number {
    const eventId = opts.eventId ?? this.recordAt(topic, partition, offset)?.eventId ?? -1;
    return this.push({
      type: 'recordProcessed',
      timeUs: this.nowUs,
      group,
      member,
      generation: 1,
      topic,
      partition,
      offset,
      eventId,
      attempt: 1,
      redelivered: opts.redelivered ?? false,
      deduplicated: opts.deduplicated ?? false,
      reorderedAfter: opts.reorderedAfter ?? null,
      wakeUs: this.nowUs,
    });
  }

  commit(
    group: string,
    member: string,
    topic: string,
    partition: number,
    offset: number,
    cause: CommitCause = 'after-processing',
  ): number {
    return this.push({
      type: 'offsetsCommitted',
      timeUs: this.nowUs,
      group,
      member,
      generation: 1,
      cause,
      offsets: [{ topic, partition, offset }],
    });
  }

  crash(
    group: string,
    member: string,
    uncommitted: { topic: string; partition: number; from: number; to: number }[] = [],
  ): number {
    return this.push({
      type: 'consumerCrashed',
      timeUs: this.nowUs,
      group,
      member,
      fault: 0,
      uncommitted,
    });
  }

  pause(group: string, member: string, durationMs: number): number {
    return this.push({
      type: 'consumerPaused',
      timeUs: this.nowUs,
      group,
      member,
      fault: 0,
      untilUs: this.nowUs + Math.round(durationMs * 1000),
    });
  }

  expire(
    group: string,
    member: string,
    lastSeenMs: number,
    reason: 'session.timeout.ms' | 'max.poll.interval.ms' = 'session.timeout.ms',
  ): number {
    return this.push({
      type: 'memberExpired',
      timeUs: this.nowUs,
      group,
      member,
      reason,
      lastSeenUs: Math.round(lastSeenMs * 1000),
    });
  }

  fail(
    group: string,
    member: string,
    topic: string,
    partition: number,
    offset: number,
    attempt: number,
  ): number {
    return this.push({
      type: 'handlerFailed',
      timeUs: this.nowUs,
      group,
      member,
      topic,
      partition,
      offset,
      attempt,
      wakeUs: this.nowUs,
    });
  }

  other(e: WithoutTime<SimEvent>): number {
    return this.push({ ...e, timeUs: this.nowUs } as SimEvent);
  }

  recordAt(topic: string, partition: number, offset: number): RecordAppended | undefined {
    return this.events.find(
      (e): e is RecordAppended =>
        e.type === 'recordAppended' &&
        e.topic === topic &&
        e.partition === partition &&
        e.offset === offset,
    );
  }
}

/** Group g: two members, a 300 ms session, 2 retries then dead-letter to orders-dlq. */
export const GROUP_G = {
  id: 'g',
  topics: ['orders'],
  members: 2,
  commit: 'after-processing',
  config: { 'session.timeout.ms': 300, 'heartbeat.interval.ms': 100 },
  failure: { rate: 0, retries: 2, backoffMs: 10, deadLetterTopic: 'orders-dlq' },
} as const;

/** Group idem: an idempotent consumer (a dedup store). */
export const GROUP_IDEM = { id: 'idem', topics: ['orders'], members: 2, idempotent: true } as const;

/**
 * The model hand-built logs run against: topic orders (2 partitions) fed by producer shop
 * (orderId in the payload), a dead-letter topic, and the groups given (default: g only).
 */
export function testModel(groups: unknown[] = [GROUP_G], extra: Partial<Scenario> = {}): Model {
  const scenario = {
    version: 1,
    name: 'insight test',
    topics: [
      { name: 'orders', partitions: 2 },
      { name: 'orders-dlq', partitions: 1 },
    ],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 1 },
        keys: { kind: 'fixed', keys: ['order-1'] },
        keyField: 'orderId',
        eventType: 'OrderCreated',
      },
    ],
    groups,
    faults: [],
    ...extra,
  };
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return compileModel(parsed.scenario);
}
