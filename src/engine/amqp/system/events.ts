/**
 * RabbitMQ's events in a simulation run: the broker's own facts (../events.ts) stamped with the
 * sim time, and the clients' facts (publishers sending, consumers handling, faults). All
 * past-tense, JSON-safe; system/evolve.ts applies them.
 */
import type { AmqpEvent } from '../events';

export type AmqpBrokerSimEvent = AmqpEvent & { timeUs: number };

export type AmqpClientEvent =
  /** The broker actor ran one topology declaration (at start or in a recovery). */
  | { type: 'amqp.topologyStep'; timeUs: number; next: number }
  /** The broker actor looked for due expiries and found none left (a head's TTL was reset). */
  | { type: 'amqp.brokerChecked'; timeUs: number }
  /** A publisher sent its next message (the broker's amqp.published follows, if its channel is open). */
  | {
      type: 'amqp.messageSent';
      timeUs: number;
      publisher: string;
      eventId: number;
      eventType: string;
      entity: string | null;
      keyId: number;
      routingKey: string;
      poison: boolean;
      /** false: the publisher's connection was down (a broker restart): the message is lost. */
      channelOpen: boolean;
      nextSendUs: number | null;
    }
  /** A service (a Kafka group's handler, or a RabbitMQ consumer's) published while its channel
   *  was closed (the broker restarting): the message never reached the broker. */
  | {
      type: 'amqp.emitLost';
      timeUs: number;
      service: string;
      exchange: string;
      routingKey: string;
      eventId: number;
      eventType: string;
      entity: string | null;
    }
  /** A consumer member starts handling a delivery; it finishes at `doneUs`. */
  | {
      type: 'amqp.handlingStarted';
      timeUs: number;
      consumer: string;
      member: string;
      deliveryTag: number;
      eventId: number;
      doneUs: number;
    }
  /** A consumer member finished handling a delivery: its ack / nack follows (none with auto-ack). */
  | {
      type: 'amqp.handled';
      timeUs: number;
      consumer: string;
      member: string;
      deliveryTag: number;
      eventId: number;
      eventType: string;
      entity: string | null;
      /** The publisher (or service) that sent the message. */
      producer: string;
      queue: string;
      redelivered: boolean;
      ok: boolean;
      /** ok and this message id was already processed by this consumer (a duplicate). */
      duplicate: boolean;
      /** ok but the dedup store (idempotent consumer) absorbed it. */
      deduplicated: boolean;
      /** ok and an earlier message of the same entity and publisher was processed after it. */
      reorderedAfter: number | null;
    }
  /** Fault: a consumer member's process dies; its channel closes (unacked deliveries requeued). */
  | {
      type: 'amqp.memberCrashed';
      timeUs: number;
      consumer: string;
      member: string;
      fault: number;
      /** Auto-ack deliveries it held and never handled: lost. */
      lostEventIds: number[];
    }
  /** Fault: the member's connection dropped; it reconnects at `untilUs`. */
  | {
      type: 'amqp.connectionLost';
      timeUs: number;
      consumer: string;
      member: string;
      fault: number;
      untilUs: number;
      lostEventIds: number[];
    }
  /** A member (re)connects: its channel and basic.consume follow. */
  | {
      type: 'amqp.memberConnected';
      timeUs: number;
      consumer: string;
      member: string;
      fault: number | null;
    }
  /** Fault: the broker restarts; clients recover their topology after the recovery interval. */
  | {
      type: 'amqp.brokerRestarting';
      timeUs: number;
      fault: number;
      recoverUs: number;
      lostEventIds: number[];
    }
  /** Fault: a publisher's next message is poison (every handling attempt fails). */
  | { type: 'amqp.poisonArmed'; timeUs: number; fault: number; publisher: string };

export type AmqpSimEvent = AmqpBrokerSimEvent | AmqpClientEvent;
export type AmqpSimEventType = AmqpSimEvent['type'];

const CLIENT_TYPES = new Set<string>([
  'amqp.topologyStep',
  'amqp.brokerChecked',
  'amqp.messageSent',
  'amqp.emitLost',
  'amqp.handlingStarted',
  'amqp.handled',
  'amqp.memberCrashed',
  'amqp.connectionLost',
  'amqp.memberConnected',
  'amqp.brokerRestarting',
  'amqp.poisonArmed',
]);

export const isClientEvent = (e: AmqpSimEvent): e is AmqpClientEvent => CLIENT_TYPES.has(e.type);
