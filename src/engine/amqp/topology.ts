/**
 * Declarations, deletions, bindings, consumers: the checks and texts of rabbit_channel.erl and
 * rabbit_amqqueue.erl (v3.10.25). Every refusal closes the channel it ran on.
 */
import { EQUIVALENCE_KEYS, fieldType, queueArgsError, queueTypeOf, rs } from './config';
import { xMatchError } from './headers';
import type { AmqpTable, AmqpValue, ExchangeType } from './script';
import { failChannel, failConnection, cancelConsumer } from './settle';
import { consumerKey, readyCount, type AmqpBinding, type QueueType } from './state';
import type { Tx } from './tx';
import { tableEquals, tableGet, valueEquals } from './values';

const DEFAULT_X = 'ACCESS_REFUSED - operation not permitted on the default exchange';

/** rabbit_misc:assert_field_equivalence: "received 'New' but current is 'Orig'". */
function fieldMismatch(key: string, res: string, received: string, current: string): string {
  return `PRECONDITION_FAILED - inequivalent arg '${key}' for ${res}: received '${received}' but current is '${current}'`;
}

function val(v: AmqpValue | undefined): string {
  if (v === undefined) return 'none';
  const shown = typeof v === 'string' ? v : JSON.stringify(v);
  return `the value '${shown}' of type '${fieldType(v)}'`;
}

/** rabbit_misc:assert_args_equivalence over `keys`. */
function argsMismatch(
  res: string,
  current: AmqpTable,
  received: AmqpTable,
  keys: string[],
): string | null {
  for (const key of keys) {
    const a = tableGet(current, key);
    const b = tableGet(received, key);
    if (a === undefined && b === undefined) continue;
    if (a !== undefined && b !== undefined) {
      if (valueEquals(a, b) || (typeof a === 'number' && a === b)) continue;
      return fieldMismatch(
        key,
        res,
        typeof b === 'string' ? b : JSON.stringify(b),
        typeof a === 'string' ? a : JSON.stringify(a),
      );
    }
    return `PRECONDITION_FAILED - inequivalent arg '${key}' for ${res}: received ${val(b)} but current is ${val(a)}`;
  }
  return null;
}

export interface ExchangeDecl {
  exchange: string;
  type: ExchangeType;
  durable?: boolean;
  autoDelete?: boolean;
  internal?: boolean;
  arguments?: AmqpTable;
}

export function declareExchange(tx: Tx, channel: string, d: ExchangeDecl): void {
  if (d.exchange === '') return failChannel(tx, channel, 403, DEFAULT_X);
  const durable = d.durable === true;
  const autoDelete = d.autoDelete === true;
  const internal = d.internal === true;
  const args = d.arguments ?? {};
  const x = tx.s.exchanges.get(d.exchange);
  if (x === undefined) {
    if (d.exchange.startsWith('amq.')) {
      return failChannel(
        tx,
        channel,
        403,
        `ACCESS_REFUSED - exchange name '${d.exchange}' contains reserved prefix 'amq.*'`,
      );
    }
    tx.emit({
      type: 'amqp.exchangeDeclared',
      exchange: d.exchange,
      exchangeType: d.type,
      durable,
      autoDelete,
      internal,
      arguments: args,
    });
    return;
  }
  const res = rs('exchange', d.exchange);
  const bad =
    (x.type !== d.type && fieldMismatch('type', res, d.type, x.type)) ||
    (x.durable !== durable && fieldMismatch('durable', res, String(durable), String(x.durable))) ||
    (x.autoDelete !== autoDelete &&
      fieldMismatch('auto_delete', res, String(autoDelete), String(x.autoDelete))) ||
    (x.internal !== internal &&
      fieldMismatch('internal', res, String(internal), String(x.internal))) ||
    argsMismatch(res, x.args, args, ['alternate-exchange']);
  if (bad) failChannel(tx, channel, 406, bad);
}

export function deleteExchange(tx: Tx, channel: string, exchange: string): void {
  if (exchange === '') return failChannel(tx, channel, 403, DEFAULT_X);
  if (tx.s.exchanges.has(exchange)) tx.emit({ type: 'amqp.exchangeDeleted', exchange });
}

export interface QueueDecl {
  queue: string;
  durable?: boolean;
  exclusive?: boolean;
  autoDelete?: boolean;
  arguments?: AmqpTable;
}

export function declareQueue(tx: Tx, channel: string, d: QueueDecl): void {
  if (d.queue.startsWith('amq.')) {
    return failChannel(
      tx,
      channel,
      403,
      `ACCESS_REFUSED - queue name '${d.queue}' contains reserved prefix 'amq.*'`,
    );
  }
  const durable = d.durable === true;
  const exclusive = d.exclusive === true;
  const autoDelete = d.autoDelete === true;
  const args = d.arguments ?? {};
  const res = rs('queue', d.queue);
  const q = tx.s.queues.get(d.queue);
  if (q !== undefined) {
    const received = normaliseType(args, q.type);
    const bad =
      (q.durable !== durable &&
        fieldMismatch('durable', res, String(durable), String(q.durable))) ||
      (q.autoDelete !== autoDelete &&
        fieldMismatch('auto_delete', res, String(autoDelete), String(q.autoDelete))) ||
      argsMismatch(res, normaliseType(q.args, q.type), received, EQUIVALENCE_KEYS);
    if (bad) return failChannel(tx, channel, 406, bad);
    tx.emit({ type: 'amqp.queueUsed', queue: d.queue, timeUs: tx.timeUs });
    return;
  }
  const type = queueTypeOf(args);
  if (type !== 'classic' && type !== 'quorum') {
    return failChannel(
      tx,
      channel,
      406,
      `PRECONDITION_FAILED - invalid arg 'x-queue-type' for ${res}: {unsupported_type,<<"${type}">>}`,
    );
  }
  const argErr = queueArgsError(d.queue, type, args);
  if (argErr !== null) return failChannel(tx, channel, 406, `PRECONDITION_FAILED - ${argErr}`);
  if (type === 'quorum') {
    // rabbit_queue_type_util checks, in this order (rabbit_quorum_queue:declare, 3.10).
    const prop = autoDelete
      ? 'auto-delete'
      : exclusive
        ? 'exclusive-owner'
        : !durable
          ? 'non-durable'
          : null;
    if (prop !== null)
      return failChannel(
        tx,
        channel,
        406,
        `PRECONDITION_FAILED - invalid property '${prop}' for ${res}`,
      );
  }
  tx.emit({
    type: 'amqp.queueDeclared',
    queue: d.queue,
    queueType: type as QueueType,
    durable,
    exclusive,
    autoDelete,
    arguments: args,
    timeUs: tx.timeUs,
  });
}

/** A classic queue declared without x-queue-type is equivalent to one declared 'classic'. */
function normaliseType(args: AmqpTable, type: QueueType): AmqpTable {
  if (type !== 'classic' || tableGet(args, 'x-queue-type') !== undefined) return args;
  const out: AmqpTable = {};
  for (const k of Object.keys(args))
    Object.defineProperty(out, k, { value: args[k], enumerable: true });
  Object.defineProperty(out, 'x-queue-type', { value: 'classic', enumerable: true });
  return out;
}

export function deleteQueue(tx: Tx, _channel: string, queue: string): void {
  const q = tx.s.queues.get(queue);
  if (q === undefined) return;
  for (const key of [...q.consumers, ...q.blocked]) {
    const c = tx.s.consumers.get(key);
    if (c !== undefined)
      tx.emit({
        type: 'amqp.cancelled',
        channel: c.channel,
        consumerTag: c.tag,
        byBroker: true,
        timeUs: tx.timeUs,
      });
  }
  const now = tx.s.queues.get(queue);
  if (now !== undefined)
    tx.emit({ type: 'amqp.queueDeleted', queue, reason: 'deleted', messages: readyCount(now) });
}

export function purgeQueue(tx: Tx, channel: string, queue: string): void {
  const q = tx.s.queues.get(queue);
  if (q === undefined) return failChannel(tx, channel, 404, `NOT_FOUND - no ${rs('queue', queue)}`);
  tx.emit({ type: 'amqp.queuePurged', queue, messages: readyCount(q) });
}

export function bindOrUnbind(tx: Tx, channel: string, op: 'bind' | 'unbind', b: AmqpBinding): void {
  if (b.source === '' || (b.destinationType === 'exchange' && b.destination === '')) {
    return failChannel(tx, channel, 403, DEFAULT_X);
  }
  const x = tx.s.exchanges.get(b.source);
  if (x === undefined)
    return failChannel(tx, channel, 404, `NOT_FOUND - no ${rs('exchange', b.source)}`);
  const destExists =
    b.destinationType === 'queue'
      ? tx.s.queues.has(b.destination)
      : tx.s.exchanges.has(b.destination);
  if (!destExists)
    return failChannel(tx, channel, 404, `NOT_FOUND - no ${rs(b.destinationType, b.destination)}`);
  const exists = (tx.s.bindings.get(b.source) ?? []).some(
    (o) =>
      o.destination === b.destination &&
      o.destinationType === b.destinationType &&
      o.routingKey === b.routingKey &&
      tableEquals(o.args, b.args),
  );
  if (op === 'bind') {
    if (x.type === 'headers') {
      const err = xMatchError(b.args);
      if (err !== null) return failChannel(tx, channel, 406, `PRECONDITION_FAILED - ${err}`);
    }
    if (!exists) tx.emit({ type: 'amqp.bound', binding: b });
    return;
  }
  // Unbinding what is not bound is answered unbind-ok (seen on RabbitMQ 3.10.8).
  if (exists) tx.emit({ type: 'amqp.unbound', binding: b });
}

export function consume(
  tx: Tx,
  channel: string,
  queue: string,
  consumerTag: string,
  noAck: boolean,
): void {
  const ch = tx.s.channels.get(channel);
  if (ch === undefined) return;
  const q = tx.s.queues.get(queue);
  if (q === undefined) return failChannel(tx, channel, 404, `NOT_FOUND - no ${rs('queue', queue)}`);
  if (tx.s.consumers.has(consumerKey(channel, consumerTag))) {
    return failConnection(tx, 530, `NOT_ALLOWED - attempt to reuse consumer tag '${consumerTag}'`);
  }
  if (q.type === 'quorum' && ch.prefetchGlobal > 0) {
    return failConnection(
      tx,
      540,
      `NOT_IMPLEMENTED - ${rs('queue', queue)} does not support global qos`,
    );
  }
  tx.emit({ type: 'amqp.consumed', channel, consumerTag, queue, noAck, timeUs: tx.timeUs });
}

export function cancel(tx: Tx, channel: string, consumerTag: string): void {
  cancelConsumer(tx, channel, consumerTag, false);
}
