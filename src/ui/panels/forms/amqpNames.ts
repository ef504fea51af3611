/**
 * RabbitMQ's own names for its settings, shown as RabbitMQ spells them in every language (as
 * Kafka's `linger.ms` is): queue arguments, exchange and publish flags. Not translated text.
 */
export const AMQP_NAME = {
  durable: 'durable',
  internal: 'internal',
  alternateExchange: 'alternate-exchange',
  queueType: 'x-queue-type',
  maxLength: 'x-max-length',
  maxLengthBytes: 'x-max-length-bytes',
  overflow: 'x-overflow',
  messageTtl: 'x-message-ttl',
  expires: 'x-expires',
  deadLetterExchange: 'x-dead-letter-exchange',
  deadLetterRoutingKey: 'x-dead-letter-routing-key',
  deliveryLimit: 'x-delivery-limit',
  xMatch: 'x-match',
  mandatory: 'mandatory',
  persistent: 'persistent',
  confirm: 'confirm',
  expiration: 'expiration',
  prefetch: 'prefetch',
  autoAck: 'auto-ack',
  requeue: 'requeue',
  /** An example routing-key template (the seed's logs_topic). */
  templateExample: '{severity}.{component}',
} as const;
