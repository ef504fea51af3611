/**
 * RabbitMQ's events: past-tense facts, JSON-safe, each `type` prefixed `amqp.`. evolve.ts is
 * the only code that applies them; everything a later step needs travels in the event.
 */
import type { AmqpTable, ExchangeType } from './script';
import type { AmqpBinding, AmqpMessage, QueueType } from './state';

export type DeathReason = 'rejected' | 'expired' | 'maxlen' | 'delivery_limit';

/** Where a message leaves from: a queue's ready list, or a channel's unacked deliveries. */
export type MessageRef =
  | { kind: 'ready'; queue: string; seq: number }
  | { kind: 'unacked'; channel: string; deliveryTag: number }
  /** A message a queue refused at publish (x-overflow reject-publish-dlx): never entered it. */
  | { kind: 'refused'; queue: string };

/** ownerGone: an exclusive queue whose connection closed. */
export type QueueDeletedReason = 'deleted' | 'expired' | 'autoDelete' | 'restart' | 'ownerGone';

export type AmqpEvent =
  | {
      type: 'amqp.exchangeDeclared';
      exchange: string;
      exchangeType: ExchangeType;
      durable: boolean;
      autoDelete: boolean;
      internal: boolean;
      arguments: AmqpTable;
    }
  | { type: 'amqp.exchangeDeleted'; exchange: string }
  | {
      type: 'amqp.queueDeclared';
      queue: string;
      queueType: QueueType;
      durable: boolean;
      exclusive: boolean;
      autoDelete: boolean;
      arguments: AmqpTable;
      timeUs: number;
    }
  /** A redeclare or basic.get: the x-expires clock starts again. */
  | { type: 'amqp.queueUsed'; queue: string; timeUs: number }
  /** `messages`: ready messages that went with it (unacked ones stay on their channels). */
  | { type: 'amqp.queueDeleted'; queue: string; reason: QueueDeletedReason; messages: number }
  | { type: 'amqp.queuePurged'; queue: string; messages: number }
  | { type: 'amqp.bound'; binding: AmqpBinding }
  | { type: 'amqp.unbound'; binding: AmqpBinding }
  | {
      type: 'amqp.channelOpened';
      channel: string;
      confirm: boolean;
      prefetch: number;
      prefetchGlobal: number;
    }
  /** The broker closes the channel with this error (its close follows). */
  | { type: 'amqp.channelError'; channel: string; code: number; text: string }
  /** The broker closes the connection with this error (every channel's close follows). */
  | { type: 'amqp.connectionError'; code: number; text: string }
  /** The channel is gone: its unacked deliveries were settled or requeued before. */
  | { type: 'amqp.channelClosed'; channel: string }
  | {
      type: 'amqp.published';
      channel: string;
      /** The publish's confirm number when the channel is in confirm mode. */
      publishSeq: number | null;
      message: AmqpMessage;
      mandatory: boolean;
      /** The queues it entered. */
      queues: string[];
      /** Queues that refused it (x-overflow reject-publish / reject-publish-dlx). */
      rejectedBy: string[];
      /** The bindings it was routed through (`bindingKey`: source, destination, binding key
       *  NUL-separated); absent when none matched. */
      bindings?: string[];
      timeUs: number;
    }
  /** basic.return: a mandatory message that reached no queue. */
  | {
      type: 'amqp.returned';
      channel: string;
      replyCode: number;
      replyText: string;
      messageId: number;
      exchange: string;
      routingKey: string;
      body: string;
    }
  | { type: 'amqp.confirmed'; channel: string; seq: number; ack: boolean }
  | {
      type: 'amqp.delivered';
      queue: string;
      seq: number;
      channel: string;
      /** null: a basic.get. */
      consumerTag: string | null;
      deliveryTag: number;
      noAck: boolean;
      redelivered: boolean;
      /** Quorum queues: the message's x-delivery-count (0: none yet). */
      deliveryCount: number;
      message: AmqpMessage;
      /** basic.get-ok message_count: ready messages left. */
      messageCount: number | null;
      /** Consumers tried first and found at their prefetch limit: now blocked. */
      skipped: string[];
    }
  /** Ready messages, and every consumer in the round-robin is at its prefetch limit. */
  | { type: 'amqp.consumersBlocked'; queue: string; consumers: string[] }
  | { type: 'amqp.getEmpty'; channel: string; queue: string; timeUs: number }
  | { type: 'amqp.acked'; channel: string; deliveryTags: number[] }
  /** Back to their queues (classic: at their old position; quorum: see evolve.ts). */
  | {
      type: 'amqp.requeued';
      channel: string;
      deliveryTags: number[];
      cause: 'nack' | 'reject' | 'channelClosed';
    }
  | {
      type: 'amqp.deadLettered';
      source: MessageRef;
      fromQueue: string;
      reason: DeathReason;
      /** The copy published to the dead-letter exchange (x-death set). */
      message: AmqpMessage;
      queues: string[];
      rejectedBy: string[];
      /** The dead-letter exchange's bindings it was routed through (as on amqp.published). */
      bindings?: string[];
      timeUs: number;
    }
  /** A message removed for `reason` and not dead-lettered (`why`). */
  | {
      type: 'amqp.dropped';
      source: MessageRef;
      fromQueue: string;
      reason: DeathReason;
      why: 'noDeadLetterExchange' | 'deadLetterExchangeMissing' | 'cycle' | 'queueGone';
    }
  | {
      type: 'amqp.consumed';
      channel: string;
      consumerTag: string;
      queue: string;
      noAck: boolean;
      timeUs: number;
    }
  /** basic.cancel (byBroker: the queue was deleted, the client gets a basic.cancel). */
  | {
      type: 'amqp.cancelled';
      channel: string;
      consumerTag: string;
      byBroker: boolean;
      timeUs: number;
    }
  /** After every channel closed: transient messages, non-durable queues and exchanges are gone. */
  | { type: 'amqp.brokerRestarted'; lostMessages: number; timeUs: number };

export type AmqpEventType = AmqpEvent['type'];

export function assertNever(x: never): never {
  throw new Error(`unexpected AMQP event: ${JSON.stringify(x)}`);
}
