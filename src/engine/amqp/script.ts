/**
 * AMQP 0-9-1 scripts: a list of operations as a client issues them, and what that client sees.
 * The same script runs on the simulator (`runAmqpScript`) and on a real RabbitMQ through
 * amqplib (`npm run conform`); the two observation lists are compared after `normalizeObservations`.
 * Names (exchange, queue, channel, consumer tag) are RabbitMQ's own, as a client passes them.
 * The JSON Schema is public/amqp-script.schema.json.
 */

/** A header or argument value as AMQP field tables carry it (JSON-safe subset). */
export type AmqpValue = string | number | boolean | null | AmqpValue[] | { [k: string]: AmqpValue };
export type AmqpTable = Record<string, AmqpValue>;

export type ExchangeType = 'direct' | 'fanout' | 'topic' | 'headers';

/** Which RabbitMQ's behaviour to follow where versions differ (quorum queues above all). */
export type AmqpProfile = '3.10' | '4.x';

/**
 * The channel a declaration, deletion, purge or binding runs on. Without it: an implicit channel
 * named "admin" that the client opens itself (and opens again after the broker closed it), so a
 * refusal (404 NOT_FOUND, 406 PRECONDITION_FAILED inequivalent arg) is a channelError on "admin".
 */
export interface AmqpOnChannel {
  channel?: string;
}

export type AmqpOp =
  | (AmqpOnChannel & {
      op: 'declareExchange';
      exchange: string;
      type: ExchangeType;
      durable?: boolean;
      autoDelete?: boolean;
      internal?: boolean;
      /** e.g. { "alternate-exchange": "unrouted" } */
      arguments?: AmqpTable;
    })
  | (AmqpOnChannel & { op: 'deleteExchange'; exchange: string })
  | (AmqpOnChannel & {
      op: 'declareQueue';
      queue: string;
      /** Default false, as in AMQP's queue.declare (amqplib's own default is true; the runner passes false). */
      durable?: boolean;
      exclusive?: boolean;
      autoDelete?: boolean;
      /** x-queue-type, x-max-length, x-max-length-bytes, x-overflow, x-message-ttl, x-expires,
       *  x-dead-letter-exchange, x-dead-letter-routing-key, x-delivery-limit … */
      arguments?: AmqpTable;
    })
  | (AmqpOnChannel & { op: 'deleteQueue'; queue: string })
  | (AmqpOnChannel & { op: 'purgeQueue'; queue: string })
  | (AmqpOnChannel & {
      op: 'bind' | 'unbind';
      /** The exchange the messages come from. */
      source: string;
      /** A queue, or an exchange for an exchange-to-exchange binding. */
      destination: string;
      destinationType: 'queue' | 'exchange';
      routingKey: string;
      arguments?: AmqpTable;
    })
  | {
      op: 'openChannel';
      channel: string;
      /** Publisher confirms (confirm.select). */
      confirm?: boolean;
      /** basic.qos prefetch_count, per consumer (global=false). */
      prefetch?: number;
      /** basic.qos prefetch_count with global=true: shared by the channel's consumers. */
      prefetchGlobal?: number;
    }
  | { op: 'closeChannel'; channel: string }
  | {
      op: 'publish';
      channel: string;
      exchange: string;
      routingKey: string;
      body: string;
      headers?: AmqpTable;
      /** Per-message TTL in ms, as AMQP carries it: a string. */
      expiration?: string;
      mandatory?: boolean;
      /** delivery_mode 2 */
      persistent?: boolean;
      messageId?: string;
    }
  | { op: 'consume'; channel: string; queue: string; consumerTag: string; noAck?: boolean }
  | { op: 'cancel'; channel: string; consumerTag: string }
  | { op: 'get'; channel: string; queue: string; noAck?: boolean }
  | { op: 'ack'; channel: string; deliveryTag: number; multiple?: boolean }
  | { op: 'nack'; channel: string; deliveryTag: number; multiple?: boolean; requeue?: boolean }
  | { op: 'reject'; channel: string; deliveryTag: number; requeue?: boolean }
  /** Stop and start the broker: transient messages and non-durable queues/exchanges are gone. */
  | { op: 'restartBroker' }
  /** Let time pass (TTLs, x-expires). */
  | { op: 'advanceTime'; ms: number }
  | { op: 'queueStats'; queue: string };

export interface AmqpScript {
  name?: string;
  description?: string;
  /** Default '3.10' (the Debian broker the corpus runs against). */
  profile?: AmqpProfile;
  ops: AmqpOp[];
}

/** What the client sees. `step` is the index of the op after which it was seen. */
export type AmqpObservation =
  | {
      kind: 'delivery';
      step: number;
      channel: string;
      consumerTag: string;
      deliveryTag: number;
      redelivered: boolean;
      exchange: string;
      routingKey: string;
      body: string;
      headers?: AmqpTable;
    }
  | {
      kind: 'get';
      step: number;
      channel: string;
      queue: string;
      deliveryTag: number;
      redelivered: boolean;
      exchange: string;
      routingKey: string;
      body: string;
      /** Messages left ready in the queue after this one (basic.get-ok message_count). */
      messageCount: number;
      headers?: AmqpTable;
    }
  | { kind: 'getEmpty'; step: number; channel: string; queue: string }
  /** Publisher confirm for the channel's publish number `seq` (1-based, per channel). */
  | { kind: 'confirm'; step: number; channel: string; seq: number; ack: boolean }
  /** basic.return: a mandatory message that reached no queue (312 NO_ROUTE). */
  | {
      kind: 'return';
      step: number;
      channel: string;
      replyCode: number;
      replyText: string;
      exchange: string;
      routingKey: string;
      body: string;
    }
  | {
      kind: 'queueStats';
      step: number;
      queue: string;
      messages: number;
      messages_ready: number;
      messages_unacknowledged: number;
      consumers: number;
    }
  /** The broker closed the channel (e.g. 406 PRECONDITION_FAILED, 404 NOT_FOUND). */
  | { kind: 'channelError'; step: number; channel: string; code: number; text: string }
  /** An operation refused with a connection-level error (e.g. 530 NOT_ALLOWED, 503 COMMAND_INVALID). */
  | { kind: 'connectionError'; step: number; code: number; text: string };

export type AmqpObservationKind = AmqpObservation['kind'];
