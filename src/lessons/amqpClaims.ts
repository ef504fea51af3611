/**
 * The RabbitMQ lessons' claims (10–13) and task answers, merged into claims.ts: every number
 * their narration, task text and hints show, measured on the step's run or read from its
 * scenario; `kafka` claims (the field keeps claims.ts's name) are RabbitMQ facts no run shows,
 * with the source named.
 */
import type { Action } from '../learn/types';
import type { Claim, StepRun } from './claims';
import {
  amqp,
  deadLetterings,
  firstDeadLettering,
  handled,
  handledThenRequeued,
  maxXDeath,
  poisonDeliveries,
  queueEntries,
  redeliveredFrom,
  requeuedOnClose,
  routedInto,
  unroutableWith,
  xDeathCount,
} from './amqpMeasures';

const publisher = (r: StepRun, id: string) => {
  const p = r.scenario.amqp?.publishers.find((x) => x.id === id);
  if (!p) throw new Error(`no publisher ${id}`);
  return p;
};
const consumer = (r: StepRun, id: string) => {
  const c = r.scenario.amqp?.consumers.find((x) => x.id === id);
  if (!c) throw new Error(`no consumer ${id}`);
  return c;
};
const queueArg = (r: StepRun, queue: string, arg: string): unknown =>
  r.scenario.amqp?.queues.find((q) => q.name === queue)?.arguments?.[arg];
const memberMs = (r: StepRun, c: string, m: string): number => {
  const ms = consumer(r, c).members;
  const spec = Array.isArray(ms) ? ms.find((x) => x.id === m) : undefined;
  return typeof spec?.processingMs === 'number' ? spec.processingMs : -1;
};
const faultAt = (r: StepRun, kind: string): number =>
  r.scenario.faults.find((f) => f.kind === kind)?.atMs ?? -1;
const num = (v: unknown): number => (typeof v === 'number' ? v : -1);
const ms = (us: number) => Math.round(us / 1000);
/** Messages published into a queue that its consumer never processed (held up behind). */
const waitingIn = (r: StepRun, queue: string, c: string): number =>
  routedInto(r, queue) - handled(r, c, true);
const RABBITMQ_4 =
  'RabbitMQ 4.0 release notes and the quorum queue guide: quorum queues get a default delivery limit of 20 (none before 4.0)';

export const amqpClaims: Record<string, Claim[][]> = {
  'rabbitmq-exchanges-and-routing': [
    [
      { value: 50, what: 'lines per second', of: (r) => publisher(r, 'app-logs').rate.perSec },
      { value: 201, what: 'published', of: (r) => amqp(r).published },
      { value: 63, what: 'into errors', of: (r) => routedInto(r, 'errors') },
      { value: 74, what: 'into payment-logs', of: (r) => routedInto(r, 'payment-logs') },
      { value: 67, what: 'into kern-logs', of: (r) => routedInto(r, 'kern-logs') },
    ],
    [
      {
        value: 24,
        what: 'error.payment lines (in both errors and payment-logs)',
        of: (r) =>
          r.events.filter(
            (e) =>
              e.type === 'amqp.published' &&
              e.message.routingKey === 'error.payment' &&
              e.queues.includes('errors') &&
              e.queues.includes('payment-logs'),
          ).length,
      },
      { value: 161, what: 'routed', of: (r) => amqp(r).routed },
      { value: 204, what: 'queue entries', of: queueEntries },
      { value: 21, what: 'info.auth unroutable', of: (r) => unroutableWith(r, 'info.auth') },
      { value: 19, what: 'warning.auth unroutable', of: (r) => unroutableWith(r, 'warning.auth') },
      {
        value: 40,
        what: 'unroutable, counted lost',
        of: (r) => (amqp(r).lostUnroutable === amqp(r).unroutable ? amqp(r).unroutable : -1),
      },
    ],
    [
      { value: 0, what: 'into errors with *.error', of: (r) => routedInto(r, 'errors') },
      { value: 20, what: 'error.auth unroutable', of: (r) => unroutableWith(r, 'error.auth') },
      { value: 60, what: 'unroutable', of: (r) => amqp(r).unroutable },
      {
        value: 40,
        what: 'task: info.auth + warning.auth unroutable',
        of: (r) => unroutableWith(r, 'info.auth') + unroutableWith(r, 'warning.auth'),
      },
    ],
  ],
  'rabbitmq-acks-prefetch-and-redelivery': [
    [
      { value: 40, what: 'tasks per second', of: (r) => publisher(r, 'new-task').rate.perSec },
      { value: 4000, what: 'publisher stops', of: (r) => publisher(r, 'new-task').stopMs ?? -1 },
      { value: 160, what: 'tasks', of: (r) => amqp(r).published },
      { value: 10, what: 'fast ms', of: (r) => memberMs(r, 'workers', 'fast') },
      { value: 100, what: 'slow ms', of: (r) => memberMs(r, 'workers', 'slow') },
      { value: 1, what: 'prefetch_count', of: (r) => consumer(r, 'workers').prefetch ?? -1 },
      { value: 141, what: 'fast processed', of: (r) => handled(r, 'workers', true, 'fast') },
      { value: 19, what: 'slow processed', of: (r) => handled(r, 'workers', true, 'slow') },
    ],
    [
      { value: 3000, what: 'crash', of: (r) => faultAt(r, 'crash') },
      { value: 1, what: 'unacked at the crash, requeued', of: requeuedOnClose },
      { value: 1, what: 'redelivered', of: (r) => redeliveredFrom(r, 'task_queue') },
      { value: 0, what: 'lost', of: (r) => amqp(r).lost },
      { value: 160, what: 'all processed', of: (r) => amqp(r).processed },
    ],
    [
      { value: 0, what: 'prefetch', of: (r) => consumer(r, 'workers').prefetch ?? -1 },
      { value: 3000, what: 'crash', of: (r) => faultAt(r, 'crash') },
      {
        value: 30,
        what: 'held and redelivered',
        of: (r) => (requeuedOnClose(r) === amqp(r).redelivered ? requeuedOnClose(r) : -1),
      },
      { value: 131, what: 'fast processed', of: (r) => handled(r, 'workers', true, 'fast') },
      { value: 29, what: 'slow processed', of: (r) => handled(r, 'workers', true, 'slow') },
    ],
    [
      { value: 1, what: 'prefetch', of: (r) => consumer(r, 'workers').prefetch ?? -1 },
      { value: 3000, what: 'crash', of: (r) => faultAt(r, 'crash') },
      {
        value: 30,
        what: 'lost with autoAck',
        of: (r) => (amqp(r).lostAutoAck === amqp(r).lost ? amqp(r).lost : -1),
      },
      { value: 130, what: 'processed', of: (r) => amqp(r).processed },
      { value: 160, what: 'tasks', of: (r) => amqp(r).published },
    ],
    [
      {
        value: 20,
        what: 'ackEvery; prefetch_count; unacked at the crash, requeued and redelivered',
        of: (r) =>
          consumer(r, 'workers').ackEvery === consumer(r, 'workers').prefetch &&
          requeuedOnClose(r) === amqp(r).redelivered &&
          redeliveredFrom(r, 'task_queue') === amqp(r).redelivered &&
          consumer(r, 'workers').ackEvery === requeuedOnClose(r)
            ? requeuedOnClose(r)
            : -1,
      },
      { value: 3000, what: 'crash', of: (r) => faultAt(r, 'crash') },
      {
        value: 7,
        what: 'handled before the crash, unacked; handled again (duplicates)',
        of: (r) => (handledThenRequeued(r) === amqp(r).duplicates ? amqp(r).duplicates : -1),
      },
      { value: 167, what: 'handlings', of: (r) => amqp(r).processed },
      { value: 160, what: 'tasks', of: (r) => amqp(r).published },
      { value: 0, what: 'lost', of: (r) => amqp(r).lost },
    ],
    [
      { value: 20, what: 'batches of', of: (r) => consumer(r, 'workers').ackEvery ?? -1 },
      { value: 7, what: 'redelivered tasks handled twice', of: (r) => amqp(r).duplicates },
    ],
  ],
  'rabbitmq-dead-lettering-ttl-and-retries': [
    [
      { value: 60, what: 'payments', of: (r) => amqp(r).published },
      {
        value: 30,
        what: 'failure rate %',
        of: (r) => Math.round((consumer(r, 'payment-worker').failure?.rate ?? -1) * 100),
      },
      {
        value: 1000,
        what: 'x-message-ttl',
        of: (r) => num(queueArg(r, 'payments.wait-1s', 'x-message-ttl')),
      },
      {
        value: 35,
        what: 'rejections; expiries',
        of: (r) =>
          deadLetterings(r, 'rejected', 'payments.work') ===
          deadLetterings(r, 'expired', 'payments.wait-1s')
            ? deadLetterings(r, 'rejected', 'payments.work')
            : -1,
      },
      {
        value: 60,
        what: 'processed, none lost',
        of: (r) => (amqp(r).lost === 0 ? amqp(r).processed : -1),
      },
    ],
    [
      {
        value: 70,
        what: 'first rejection',
        of: (r) => ms(firstDeadLettering(r, 'rejected').timeUs),
      },
      {
        value: 1,
        what: 'x-death count of the first rejection',
        of: (r) => xDeathCount(firstDeadLettering(r, 'rejected'), 'payments.work', 'rejected'),
      },
      { value: 1070, what: 'first expiry', of: (r) => ms(firstDeadLettering(r, 'expired').timeUs) },
      {
        value: 1000,
        what: 'later (the TTL)',
        of: (r) =>
          ms(firstDeadLettering(r, 'expired').timeUs - firstDeadLettering(r, 'rejected').timeUs),
      },
      { value: 4, what: 'most deliveries of one payment', of: (r) => amqp(r).maxDeliveries },
      {
        value: 3,
        what: 'x-death counts of its last copy',
        of: (r) =>
          maxXDeath(r, 'payments.work', 'rejected') === maxXDeath(r, 'payments.wait-1s', 'expired')
            ? maxXDeath(r, 'payments.work', 'rejected')
            : -1,
      },
      { value: 3, what: 'reordered', of: (r) => amqp(r).reordered },
    ],
    [
      {
        value: 23,
        what: 'lost (dropped at expiry)',
        of: (r) => (amqp(r).lostDropped === amqp(r).lost ? amqp(r).lost : -1),
      },
      { value: 37, what: 'processed', of: (r) => amqp(r).processed },
    ],
  ],
  'rabbitmq-poison-messages-and-delivery-limits': [
    [
      {
        value: 20,
        what: 'jobs per second; classic-worker processed',
        of: (r) =>
          publisher(r, 'orders-classic').rate.perSec === handled(r, 'classic-worker', true)
            ? handled(r, 'classic-worker', true)
            : -1,
      },
      { value: 1000, what: 'poison at', of: (r) => faultAt(r, 'poisonMessage') },
      {
        value: 301,
        what: 'poison deliveries',
        of: (r) =>
          poisonDeliveries(r, 'jobs.classic').length === amqp(r).maxDeliveries
            ? amqp(r).maxDeliveries
            : -1,
      },
      { value: 1, what: 'prefetch', of: (r) => consumer(r, 'classic-worker').prefetch ?? -1 },
      { value: 81, what: 'published into jobs.classic', of: (r) => routedInto(r, 'jobs.classic') },
    ],
    [
      {
        value: 3,
        what: 'x-delivery-limit; redeliveries; a delivery count',
        of: (r) => num(queueArg(r, 'jobs.quorum', 'x-delivery-limit')),
      },
      {
        value: 0,
        what: 'first x-delivery-count',
        of: (r) => poisonDeliveries(r, 'jobs.quorum')[0]?.deliveryCount ?? -1,
      },
      {
        value: 1,
        what: 'second x-delivery-count; x-death count',
        of: (r) =>
          poisonDeliveries(r, 'jobs.quorum')[1]?.deliveryCount ===
          xDeathCount(firstDeadLettering(r, 'delivery_limit'), 'jobs.quorum', 'delivery_limit')
            ? 1
            : -1,
      },
      {
        value: 2,
        what: 'third x-delivery-count',
        of: (r) => poisonDeliveries(r, 'jobs.quorum')[2]?.deliveryCount ?? -1,
      },
      { value: 4, what: 'deliveries in all', of: (r) => poisonDeliveries(r, 'jobs.quorum').length },
      {
        value: 1040,
        what: 'dead-lettered (delivery_limit)',
        of: (r) => ms(firstDeadLettering(r, 'delivery_limit').timeUs),
      },
      { value: 79, what: 'quorum-worker processed', of: (r) => handled(r, 'quorum-worker', true) },
      { value: 20, what: 'default delivery limit since RabbitMQ 4', kafka: RABBITMQ_4 },
    ],
    [
      {
        value: 5,
        what: 'task: at most 5 deliveries (still loops at the start)',
        of: (r) =>
          amqp(r).maxDeliveries > 5 && waitingIn(r, 'jobs.classic', 'classic-worker') > 0 ? 5 : -1,
      },
    ],
  ],
};

export const amqpSolutions: Record<string, Record<number, Action[]>> = {
  'rabbitmq-exchanges-and-routing': {
    2: [{ op: 'set', path: 'amqp.bindings[destination=errors].routingKey', value: 'error.*' }],
  },
  'rabbitmq-acks-prefetch-and-redelivery': {
    3: [{ op: 'set', path: 'amqp.consumers[id=workers].autoAck', value: false }],
    // The seed's idempotent consumer: batches stay, the dedup store absorbs the redelivered.
    5: [{ op: 'set', path: 'amqp.consumers[id=workers].idempotent', value: true }],
  },
  'rabbitmq-dead-lettering-ttl-and-retries': {
    2: [
      {
        op: 'set',
        path: 'amqp.queues[name=payments.wait-1s].arguments["x-dead-letter-exchange"]',
        value: 'payments',
      },
    ],
  },
  'rabbitmq-poison-messages-and-delivery-limits': {
    2: [{ op: 'set', path: 'amqp.consumers[id=classic-worker].failure.requeue', value: false }],
  },
};
