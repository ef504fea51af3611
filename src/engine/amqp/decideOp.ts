/**
 * One client operation → the broker's events. Topology operations run on `op.channel`, or on
 * an implicit channel "admin" the client opens itself (and opens again after the broker closed
 * it), as script.ts describes. An operation the broker never sees (a channel the client has not
 * opened, a malformed op) yields `problem` and no events.
 */
import { getFromQueue } from './deliver';
import type { AmqpEvent } from './events';
import { publishInto } from './publish';
import type { AmqpOp } from './script';
import {
  closeChannel,
  collectTags,
  decideAck,
  decideNack,
  decideRestart,
  failChannel,
} from './settle';
import type { AmqpState } from './state';
import {
  bindOrUnbind,
  cancel,
  consume,
  declareExchange,
  declareQueue,
  deleteExchange,
  deleteQueue,
  purgeQueue,
} from './topology';
import { Tx } from './tx';
import { rs } from './config';

export const ADMIN_CHANNEL = 'admin';

export interface OpResult {
  events: AmqpEvent[];
  problem?: string;
}

const problem = (message: string): OpResult => ({ events: [], problem: message });

export function decideOp(s: AmqpState, op: AmqpOp, timeUs: number): OpResult {
  const tx = new Tx(s, timeUs);
  const open = (ch: string) => s.channels.has(ch);
  switch (op.op) {
    case 'declareExchange':
    case 'deleteExchange':
    case 'declareQueue':
    case 'deleteQueue':
    case 'purgeQueue':
    case 'bind':
    case 'unbind': {
      let ch = op.channel;
      if (ch === undefined) {
        ch = ADMIN_CHANNEL;
        if (!open(ch))
          tx.emit({
            type: 'amqp.channelOpened',
            channel: ch,
            confirm: false,
            prefetch: 0,
            prefetchGlobal: 0,
          });
      } else if (!open(ch)) return problem(`channel '${ch}' is not open`);
      if (op.op === 'declareExchange') declareExchange(tx, ch, op);
      else if (op.op === 'deleteExchange') deleteExchange(tx, ch, op.exchange);
      else if (op.op === 'declareQueue') {
        if (op.queue === '')
          return problem('server-named queues (an empty name) are not supported; name the queue');
        declareQueue(tx, ch, op);
      } else if (op.op === 'deleteQueue') deleteQueue(tx, ch, op.queue);
      else if (op.op === 'purgeQueue') purgeQueue(tx, ch, op.queue);
      else {
        bindOrUnbind(tx, ch, op.op, {
          source: op.source,
          destination: op.destination,
          destinationType: op.destinationType,
          routingKey: op.routingKey,
          args: op.arguments ?? {},
        });
      }
      return { events: tx.events };
    }
    case 'openChannel':
      if (open(op.channel)) return problem(`channel '${op.channel}' is already open`);
      tx.emit({
        type: 'amqp.channelOpened',
        channel: op.channel,
        confirm: op.confirm === true,
        prefetch: op.prefetch ?? 0,
        prefetchGlobal: op.prefetchGlobal ?? 0,
      });
      return { events: tx.events };
    case 'closeChannel':
      if (!open(op.channel)) return problem(`channel '${op.channel}' is not open`);
      closeChannel(tx, op.channel);
      return { events: tx.events };
    case 'publish':
      if (!open(op.channel)) return problem(`channel '${op.channel}' is not open`);
      publishInto(tx, op);
      return { events: tx.events };
    case 'consume':
      if (!open(op.channel)) return problem(`channel '${op.channel}' is not open`);
      if (op.consumerTag === '')
        return problem('consumerTag must not be empty (server-generated tags are not supported)');
      consume(tx, op.channel, op.queue, op.consumerTag, op.noAck === true);
      return { events: tx.events };
    case 'cancel':
      if (!open(op.channel)) return problem(`channel '${op.channel}' is not open`);
      cancel(tx, op.channel, op.consumerTag);
      return { events: tx.events };
    case 'get':
      if (!open(op.channel)) return problem(`channel '${op.channel}' is not open`);
      if (!s.queues.has(op.queue))
        failChannel(tx, op.channel, 404, `NOT_FOUND - no ${rs('queue', op.queue)}`);
      else getFromQueue(tx, op.channel, op.queue, op.noAck === true);
      return { events: tx.events };
    case 'ack':
      if (!open(op.channel)) return problem(`channel '${op.channel}' is not open`);
      return { events: decideAck(s, op.channel, op.deliveryTag, op.multiple === true, timeUs) };
    case 'nack':
      if (!open(op.channel)) return problem(`channel '${op.channel}' is not open`);
      return {
        events: decideNack(
          s,
          op.channel,
          op.deliveryTag,
          op.multiple === true,
          op.requeue !== false,
          timeUs,
        ),
      };
    case 'reject':
      if (!open(op.channel)) return problem(`channel '${op.channel}' is not open`);
      return {
        events: decideNack(
          s,
          op.channel,
          op.deliveryTag,
          false,
          op.requeue !== false,
          timeUs,
          'reject',
        ),
      };
    case 'restartBroker':
      return { events: decideRestart(s, timeUs) };
    case 'advanceTime':
    case 'queueStats':
      return { events: [] };
    default: {
      const unknown: never = op;
      return problem(`unknown op ${JSON.stringify((unknown as { op?: unknown }).op)}`);
    }
  }
}

export { collectTags };
