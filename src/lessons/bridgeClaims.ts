/**
 * The Kafka-to-RabbitMQ bridge lesson's claims (14) and task answer, merged into claims.ts:
 * every number its narration, task text and hints show, measured on the step's run (the Kafka
 * group's summary, RabbitMQ's summary, the event log) or read from its scenario. A republished
 * OrderConfirmed is a new RabbitMQ message with a new event id; which order it confirms is its
 * causation id (the Kafka record's event id), so "handled twice" is counted by causation id.
 */
import type { SimEvent } from '../engine';
import type { Action } from '../learn/types';
import type { Claim, StepRun } from './claims';
import { amqp, handled, handledThenRequeued, requeuedOnClose } from './amqpMeasures';

type Ev<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;
const only = <T extends SimEvent['type']>(r: StepRun, type: T): Ev<T>[] =>
  r.events.filter((e): e is Ev<T> => e.type === type);

const BRIDGE = 'notification-bridge';
const bridge = (r: StepRun) => {
  const g = r.summary.groups.find((x) => x.group === BRIDGE);
  if (!g) throw new Error(`no group ${BRIDGE}`);
  return g;
};
const appended = (r: StepRun, topic: string): number =>
  only(r, 'recordAppended').filter((e) => e.topic === topic).length;
const fault = (r: StepRun, kind: string) => {
  const f = r.scenario.faults.find((x) => x.kind === kind);
  if (!f) throw new Error(`no ${kind} fault`);
  return f;
};

/** The Kafka record (causation id) each RabbitMQ message the bridge published confirms. */
const causeOf = (r: StepRun): Map<number, number> => {
  const m = new Map<number, number>();
  for (const e of only(r, 'amqp.published')) {
    const c = e.message.meta?.causationId;
    const id = e.message.meta?.eventId;
    if (e.message.meta?.producer === BRIDGE && typeof c === 'number' && typeof id === 'number')
      m.set(id, c);
  }
  return m;
};
/** Kafka records the bridge published to RabbitMQ more than once. */
const republished = (r: StepRun): number => {
  const n = new Map<number, number>();
  for (const c of causeOf(r).values()) n.set(c, (n.get(c) ?? 0) + 1);
  return [...n.values()].filter((k) => k > 1).length;
};
/** Orders a RabbitMQ consumer handled a confirmation of more than once (by causation id). */
const confirmedTwice = (r: StepRun, consumer: string): number => {
  const cause = causeOf(r);
  const n = new Map<number, number>();
  for (const e of only(r, 'amqp.handled')) {
    const c = cause.get(e.eventId);
    if (e.consumer === consumer && e.ok && c !== undefined) n.set(c, (n.get(c) ?? 0) + 1);
  }
  return [...n.values()].filter((k) => k > 1).length;
};

const KAFKA_AUTO_COMMIT =
  'Kafka consumer configuration docs (kafka.apache.org/documentation/#consumerconfigs): enable.auto.commit default true, auto.commit.interval.ms default 5000';

export const bridgeClaims: Record<string, Claim[][]> = {
  'kafka-to-rabbitmq-bridge': [
    [
      {
        value: 30,
        what: 'records per second',
        of: (r) => r.scenario.producers.find((p) => p.id === 'order-service')?.rate.perSec ?? -1,
      },
      {
        value: 3,
        what: 'partitions',
        of: (r) => r.scenario.topics.find((t) => t.name === 'order-events')?.partitions ?? -1,
      },
      {
        value: 120,
        what: 'appended; published; handled by email-sender and by sms-sender',
        of: (r) =>
          amqp(r).published === appended(r, 'order-events') &&
          handled(r, 'email-sender', true) === amqp(r).published &&
          handled(r, 'sms-sender', true) === amqp(r).published
            ? amqp(r).published
            : -1,
      },
      { value: 4000, what: 'the run', of: (r) => r.scenario.durationMs ?? -1 },
    ],
    [
      { value: 5000, what: 'auto.commit.interval.ms default', kafka: KAFKA_AUTO_COMMIT },
      { value: 2000, what: 'crash', of: (r) => fault(r, 'crash').atMs },
      { value: 2500, what: 'restart', of: (r) => fault(r, 'restart').atMs },
      {
        value: 60,
        what: 're-read (duplicates in the group), republished, confirmed twice by email-sender',
        of: (r) =>
          bridge(r).duplicates === bridge(r).redeliveries &&
          republished(r) === bridge(r).duplicates &&
          confirmedTwice(r, 'email-sender') === bridge(r).duplicates
            ? bridge(r).duplicates
            : -1,
      },
      { value: 180, what: 'OrderConfirmed published', of: (r) => amqp(r).published },
      { value: 120, what: 'orders', of: (r) => appended(r, 'order-events') },
      {
        value: 0,
        what: "RabbitMQ's duplicates (none redelivered)",
        of: (r) => (amqp(r).redelivered === 0 ? amqp(r).duplicates : -1),
      },
    ],
    [
      {
        value: 10,
        what: 'ackEvery',
        of: (r) => r.scenario.amqp?.consumers.find((c) => c.id === 'email-sender')?.ackEvery ?? -1,
      },
      { value: 1500, what: 'connection lost', of: (r) => fault(r, 'connectionLoss').atMs },
      {
        value: 500,
        what: 'for',
        of: (r) => {
          const f = fault(r, 'connectionLoss');
          return f.kind === 'connectionLoss' ? f.durationMs : -1;
        },
      },
      {
        value: 5,
        what: 'unacked and requeued, all handled before; redelivered; handled again',
        of: (r) =>
          requeuedOnClose(r) === handledThenRequeued(r) &&
          amqp(r).redelivered === requeuedOnClose(r) &&
          amqp(r).duplicates === requeuedOnClose(r)
            ? amqp(r).duplicates
            : -1,
      },
      { value: 60, what: "the bridge's duplicates", of: (r) => bridge(r).duplicates },
    ],
    [],
  ],
};

export const bridgeSolutions: Record<string, Record<number, Action[]>> = {
  'kafka-to-rabbitmq-bridge': {
    // The seed's idempotent consumer on both sides: the bridge's dedup store skips a re-read
    // record (nothing republished); email-sender's skips a redelivered message.
    3: [
      { op: 'set', path: 'groups[id=notification-bridge].idempotent', value: true },
      { op: 'set', path: 'amqp.consumers[id=email-sender].idempotent', value: true },
    ],
  },
};
