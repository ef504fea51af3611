/**
 * basic.publish, as rabbit_channel handles it (3.10): the exchange must exist (404) and not be
 * internal (403), the expiration must parse (406); the message is routed (route.ts), queues
 * over their limit with x-overflow reject-publish(-dlx) refuse it, and then:
 * - mandatory and no queue at all → basic.return 312 NO_ROUTE, sent before the confirm
 *   (https://www.rabbitmq.com/docs/confirms: "basic.return is sent before basic.ack");
 * - confirm mode → basic.ack, or basic.nack when a queue refused it (reject-publish).
 */
import { parseExpiration, rs } from './config';
import { admit, afterEnqueue } from './deadLetter';
import type { AmqpEvent } from './events';
import { route, routedBindings } from './route';
import type { AmqpTable } from './script';
import type { AmqpBinding, AmqpMessage, AmqpMeta, AmqpState } from './state';
import { failChannel } from './settle';
import { Tx } from './tx';
import { utf8Length } from './values';

export interface PublishInput {
  channel: string;
  exchange: string;
  routingKey: string;
  body: string;
  headers?: AmqpTable;
  expiration?: string;
  mandatory?: boolean;
  persistent?: boolean;
  meta?: AmqpMeta;
}

function hasLimit(s: AmqpState, queue: string): boolean {
  const c = s.queues.get(queue)?.cfg;
  return c !== undefined && (c.maxLength !== null || c.maxLengthBytes !== null);
}

export function decidePublish(s: AmqpState, p: PublishInput, timeUs: number): AmqpEvent[] {
  const tx = new Tx(s, timeUs);
  publishInto(tx, p);
  return tx.events;
}

export function publishInto(tx: Tx, p: PublishInput): void {
  const s = tx.s;
  const ch = s.channels.get(p.channel);
  if (ch === undefined) return;
  const x = s.exchanges.get(p.exchange);
  if (x === undefined) {
    return failChannel(tx, p.channel, 404, `NOT_FOUND - no ${rs('exchange', p.exchange)}`);
  }
  if (x.internal) {
    return failChannel(
      tx,
      p.channel,
      403,
      `ACCESS_REFUSED - cannot publish to internal ${rs('exchange', p.exchange)}`,
    );
  }
  if (p.expiration !== undefined) {
    const e = parseExpiration(p.expiration);
    if ('error' in e) {
      return failChannel(
        tx,
        p.channel,
        406,
        `PRECONDITION_FAILED - invalid expiration '${p.expiration}': ${e.error}`,
      );
    }
  }
  const message: { -readonly [K in keyof AmqpMessage]: AmqpMessage[K] } = {
    id: s.nextMessageId,
    exchange: p.exchange,
    routingKey: p.routingKey,
    body: p.body,
    bytes: utf8Length(p.body),
    persistent: p.persistent === true,
  };
  if (p.headers !== undefined) message.headers = p.headers;
  if (p.expiration !== undefined) message.expiration = p.expiration;
  if (p.meta !== undefined) message.meta = p.meta;
  const matched: AmqpBinding[] = [];
  const routed = route(s, p.exchange, message, matched);
  const { accepted, rejected } = admit(s, routed, message.bytes);
  const publishSeq = ch.confirm ? ch.nextPublishSeq : null;
  tx.emit({
    type: 'amqp.published',
    channel: p.channel,
    publishSeq,
    message,
    mandatory: p.mandatory === true,
    queues: accepted,
    rejectedBy: rejected,
    ...(matched.length > 0 ? { bindings: routedBindings(matched, routed) } : {}),
    timeUs: tx.timeUs,
  });
  // Only queues with a length limit can need more events (and a look at the new state).
  const limited = accepted.filter((name) => hasLimit(s, name));
  const dlxRefused = rejected.filter(
    (name) => s.queues.get(name)?.cfg.overflow === 'reject-publish-dlx',
  );
  if (limited.length > 0 || dlxRefused.length > 0)
    afterEnqueue(tx, message, limited, dlxRefused, 0);
  if (p.mandatory === true && routed.length === 0) {
    tx.emit({
      type: 'amqp.returned',
      channel: p.channel,
      replyCode: 312,
      replyText: 'NO_ROUTE',
      messageId: message.id,
      exchange: p.exchange,
      routingKey: p.routingKey,
      body: p.body,
    });
  }
  if (publishSeq !== null) {
    tx.emit({
      type: 'amqp.confirmed',
      channel: p.channel,
      seq: publishSeq,
      ack: rejected.length === 0,
    });
  }
}
