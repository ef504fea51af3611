/**
 * What the RabbitMQ lessons' claims measure on a step's run (claims.ts): copies routed into a
 * queue, handlings per consumer or member, dead-letterings by reason, deliveries of one message,
 * x-death counts. Read from the event log, as the timeline shows them.
 */
import type { SimEvent } from '../engine';
import type { StepRun } from './claims';

type Ev<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;
const only = <T extends SimEvent['type']>(r: StepRun, type: T): Ev<T>[] =>
  r.events.filter((e): e is Ev<T> => e.type === type);

/** Published messages that entered `queue` (dead-lettered copies not counted). */
export const routedInto = (r: StepRun, queue: string): number =>
  only(r, 'amqp.published').filter((e) => e.queues.includes(queue)).length;

/** Published messages that reached no queue with this routing key (all keys when omitted). */
export const unroutableWith = (r: StepRun, key?: string): number =>
  only(r, 'amqp.published').filter(
    (e) => e.queues.length === 0 && (key === undefined || e.message.routingKey === key),
  ).length;

/** Queue entries made by publishes: a message routed to two queues counts twice. */
export const queueEntries = (r: StepRun): number =>
  only(r, 'amqp.published').reduce((n, e) => n + e.queues.length, 0);

/** Handlings that succeeded (ok) or failed, by consumer id and optionally member id. */
export const handled = (r: StepRun, consumer: string, ok: boolean, member?: string): number =>
  only(r, 'amqp.handled').filter(
    (e) => e.consumer === consumer && e.ok === ok && (member === undefined || e.member === member),
  ).length;

/** Dead-letterings out of a queue (any when omitted) for a reason (any when omitted). */
export const deadLetterings = (r: StepRun, reason?: string, fromQueue?: string): number =>
  only(r, 'amqp.deadLettered').filter(
    (e) =>
      (reason === undefined || e.reason === reason) &&
      (fromQueue === undefined || e.fromQueue === fromQueue),
  ).length;

/** The first dead-lettering for a reason: its time (ms) and the x-death count of (queue, reason). */
export const firstDeadLettering = (r: StepRun, reason: string): Ev<'amqp.deadLettered'> => {
  const e = only(r, 'amqp.deadLettered').find((x) => x.reason === reason);
  if (!e) throw new Error(`no dead-lettering for ${reason}`);
  return e;
};

export const xDeathCount = (e: Ev<'amqp.deadLettered'>, queue: string, reason: string): number => {
  const deaths = (e.message.headers?.['x-death'] ?? []) as {
    queue?: unknown;
    reason?: unknown;
    count?: unknown;
  }[];
  const d = deaths.find((x) => x.queue === queue && x.reason === reason);
  return typeof d?.count === 'number' ? d.count : 0;
};

/** The highest x-death count of (queue, reason) on any dead-lettered copy. */
export const maxXDeath = (r: StepRun, queue: string, reason: string): number =>
  Math.max(0, ...only(r, 'amqp.deadLettered').map((e) => xDeathCount(e, queue, reason)));

/** Deliveries of the poison message in a queue, with their redelivered flags and counts. */
export const poisonDeliveries = (r: StepRun, queue: string): Ev<'amqp.delivered'>[] =>
  only(r, 'amqp.delivered').filter((e) => e.queue === queue && e.message.meta?.poison === true);

/** Deliveries with redelivered=true from a queue, up to `ms`. */
export const redeliveredFrom = (r: StepRun, queue: string, ms = Infinity): number =>
  only(r, 'amqp.delivered').filter(
    (e) => e.queue === queue && e.redelivered && e.timeUs <= ms * 1000,
  ).length;

/** Deliveries a consumer member held unacknowledged when it crashed (its channel's requeue). */
export const requeuedOnClose = (r: StepRun): number =>
  only(r, 'amqp.requeued')
    .filter((e) => e.cause === 'channelClosed')
    .reduce((n, e) => n + e.deliveryTags.length, 0);

/**
 * Deliveries a crashed member had already handled but not yet acknowledged (a batch waiting for
 * its basic.ack) when its channel closed and RabbitMQ requeued them: each comes back to be
 * handled again. The channel is `<consumer> <member>`; tags are the channel's own.
 */
export const handledThenRequeued = (r: StepRun): number => {
  let n = 0;
  for (const q of only(r, 'amqp.requeued')) {
    if (q.cause !== 'channelClosed') continue;
    const tags = new Set(q.deliveryTags);
    n += only(r, 'amqp.handled').filter(
      (e) =>
        e.ok &&
        `${e.consumer} ${e.member}` === q.channel &&
        e.timeUs <= q.timeUs &&
        tags.has(e.deliveryTag),
    ).length;
  }
  return n;
};

export const amqp = (r: StepRun) => {
  const a = r.summary.amqp;
  if (!a) throw new Error('no RabbitMQ in this run');
  return a;
};
