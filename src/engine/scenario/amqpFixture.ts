/**
 * A valid version 2 scenario with every part of the amqp section, for tests: the seed's
 * `logs_topic` example (routing keys `severity.component`), a work queue fed through a Kafka
 * service that bridges to RabbitMQ, a quorum queue with a delivery limit and a dead-letter
 * exchange, and the RabbitMQ faults. Tests clone it and break one thing at a time.
 */
import type { Scenario } from './types';

export function amqpScenario(): Scenario {
  return {
    version: 2,
    name: 'logs and orders',
    durationMs: 5000,
    topics: [{ name: 'orders', partitions: 3 }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 50 },
        keys: { kind: 'uniform', count: 10, prefix: 'order-' },
        keyField: 'orderId',
        eventType: 'OrderCreated',
      },
    ],
    groups: [
      {
        id: 'bridge',
        topics: ['orders'],
        members: 1,
        processingMs: 1,
        handlers: [
          {
            on: 'OrderCreated',
            emit: [{ type: 'ShipOrder', exchange: 'work', routingKey: 'ship.{orderId}' }],
          },
        ],
      },
    ],
    faults: [
      { kind: 'rabbitmqRestart', atMs: 3000 },
      {
        kind: 'connectionLoss',
        atMs: 1000,
        consumer: 'errors',
        member: 'errors-1',
        durationMs: 500,
      },
      { kind: 'poisonMessage', atMs: 1500, producer: 'app' },
    ],
    amqp: {
      profile: '3.10',
      exchanges: [
        { name: 'logs_topic', type: 'topic' },
        {
          name: 'work',
          type: 'direct',
          durable: true,
          arguments: { 'alternate-exchange': 'unrouted' },
        },
        { name: 'unrouted', type: 'fanout' },
        { name: 'dlx', type: 'fanout' },
        { name: 'by-header', type: 'headers', internal: false, autoDelete: false },
      ],
      queues: [
        { name: 'errors', arguments: { 'x-max-length': 100, 'x-overflow': 'reject-publish' } },
        {
          name: 'shipping',
          durable: true,
          arguments: {
            'x-queue-type': 'quorum',
            'x-delivery-limit': 3,
            'x-dead-letter-exchange': 'dlx',
            'x-dead-letter-routing-key': 'dead',
          },
        },
        { name: 'dead', arguments: { 'x-message-ttl': 60000, 'x-expires': 3600000 } },
        { name: 'lost' },
      ],
      bindings: [
        {
          source: 'logs_topic',
          destination: 'errors',
          destinationType: 'queue',
          routingKey: '*.error',
        },
        { source: 'work', destination: 'shipping', destinationType: 'queue', routingKey: 'ship.#' },
        { source: 'unrouted', destination: 'lost', destinationType: 'queue', routingKey: '' },
        { source: 'dlx', destination: 'dead', destinationType: 'queue', routingKey: '' },
        {
          source: 'amq.topic',
          destination: 'logs_topic',
          destinationType: 'exchange',
          routingKey: '#',
        },
        {
          source: 'by-header',
          destination: 'errors',
          destinationType: 'queue',
          routingKey: '',
          arguments: { 'x-match': 'any', severity: 'error' },
        },
      ],
      publishers: [
        {
          id: 'app',
          exchange: 'logs_topic',
          routingKey: { kind: 'choice', keys: ['kern.error', 'app.info'], weights: [1, 3] },
          rate: { kind: 'poisson', perSec: 20 },
          keys: { kind: 'uniform', count: 5, prefix: 'host-' },
          eventType: 'LogLine',
          headers: { severity: 'error' },
          mandatory: true,
          persistent: false,
          confirm: true,
          expiration: '5000',
          bodyBytes: 200,
          startMs: 0,
          stopMs: 4000,
        },
        {
          id: 'direct',
          exchange: '',
          routingKey: 'errors',
          rate: { kind: 'constant', perSec: 1 },
          eventType: 'LogLine',
        },
      ],
      consumers: [
        {
          id: 'errors',
          queue: 'errors',
          members: 2,
          prefetch: 10,
          processingMs: { kind: 'uniform', minMs: 1, maxMs: 3 },
          failure: { rate: 0.1, requeue: true },
          handlers: [{ on: 'LogLine', emit: [{ type: 'Alert', topic: 'orders' }] }],
        },
        {
          id: 'shipper',
          queue: 'shipping',
          members: [{ id: 'ship-a' }, { id: 'ship-b', processingMs: 2 }],
          autoAck: false,
          prefetch: 1,
          failure: { rate: 0.2, requeue: false },
          idempotent: true,
        },
      ],
    },
  };
}
