/**
 * Queue arguments: validation as rabbit_amqqueue:check_declare_arguments (3.10) words it, and
 * the effective configuration. Error texts: "invalid arg '<key>' for queue '<q>' in vhost '/':
 * <erlang term>" (rabbit_amqqueue.erl, check_*_arg).
 */
import type { AmqpProfile, AmqpTable, AmqpValue } from './script';
import type { Overflow, QueueConfig, QueueType } from './state';
import { tableGet } from './values';

export const rs = (kind: 'queue' | 'exchange', name: string): string =>
  `${kind} '${name}' in vhost '/'`;

/** The default delivery limit of quorum queues in RabbitMQ 4.0+ (rabbit_quorum_queue.erl,
 *  ?DEFAULT_DELIVERY_LIMIT = 20, v4.0.1); 3.10 has none. */
export const DEFAULT_DELIVERY_LIMIT_4X = 20;

/** Keys compared by a redeclaration (rabbit_amqqueue:declare_args/0, v3.10). */
export const EQUIVALENCE_KEYS = [
  'x-expires',
  'x-message-ttl',
  'x-dead-letter-exchange',
  'x-dead-letter-routing-key',
  'x-max-length',
  'x-max-length-bytes',
  'x-max-priority',
  'x-overflow',
  'x-queue-mode',
  'x-single-active-consumer',
  'x-queue-type',
];

function isInt(v: AmqpValue | undefined): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** RabbitMQ's name for the AMQP field type amqplib encodes a JSON value as. */
export function fieldType(v: AmqpValue): string {
  if (typeof v === 'string') return 'longstr';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') {
    // amqplib picks the smallest signed integer type (codec.js); RabbitMQ names them so.
    if (!Number.isInteger(v)) return 'double';
    if (v >= -128 && v < 128) return 'byte';
    if (v >= -0x8000 && v < 0x8000) return 'short';
    if (v >= -0x80000000 && v < 0x80000000) return 'signedint';
    return 'long';
  }
  if (v === null) return 'void';
  if (Array.isArray(v)) return 'array';
  return 'table';
}

/** The argument error text for a new queue, or null. */
export function queueArgsError(name: string, type: QueueType, args: AmqpTable): string | null {
  const bad = (key: string, term: string) =>
    `invalid arg '${key}' for ${rs('queue', name)}: ${term}`;
  for (const key of ['x-max-length', 'x-max-length-bytes', 'x-message-ttl', 'x-expires']) {
    const v = tableGet(args, key);
    if (v === undefined) continue;
    if (!isInt(v)) return bad(key, `{unacceptable_type,${fieldType(v)}}`);
    if (v < 0) return bad(key, `{value_negative,${v}}`);
    if (key === 'x-expires' && v === 0) return bad(key, '{value_zero,0}');
  }
  const overflow = tableGet(args, 'x-overflow');
  if (overflow !== undefined) {
    if (typeof overflow !== 'string')
      return bad('x-overflow', `{unacceptable_type,${fieldType(overflow)}}`);
    if (!['drop-head', 'reject-publish', 'reject-publish-dlx'].includes(overflow)) {
      return bad('x-overflow', 'invalid_overflow');
    }
  }
  for (const key of ['x-dead-letter-exchange', 'x-dead-letter-routing-key']) {
    const v = tableGet(args, key);
    if (v !== undefined && typeof v !== 'string')
      return bad(key, `{unacceptable_type,${fieldType(v)}}`);
  }
  const limit = tableGet(args, 'x-delivery-limit');
  if (limit !== undefined && !isInt(limit) && type === 'quorum') {
    return bad('x-delivery-limit', `{unacceptable_type,${fieldType(limit)}}`);
  }
  return null;
}

export function queueTypeOf(args: AmqpTable): QueueType | string {
  const t = tableGet(args, 'x-queue-type');
  return t === undefined ? 'classic' : typeof t === 'string' ? t : String(t);
}

export function queueConfig(type: QueueType, args: AmqpTable, profile: AmqpProfile): QueueConfig {
  const num = (k: string): number | null => {
    const v = tableGet(args, k);
    return isInt(v) ? v : null;
  };
  const str = (k: string): string | null => {
    const v = tableGet(args, k);
    return typeof v === 'string' ? v : null;
  };
  let overflow = (str('x-overflow') ?? 'drop-head') as Overflow;
  // rabbit_quorum_queue:overflow/3 (3.10): reject-publish-dlx is not supported by quorum
  // queues; it logs a warning and keeps the default, drop-head.
  if (type === 'quorum' && overflow === 'reject-publish-dlx') overflow = 'drop-head';
  let deliveryLimit: number | null = null;
  if (type === 'quorum') {
    const arg = num('x-delivery-limit');
    if (profile === '4.x') {
      // 4.x: a negative limit means none; no argument means 20.
      deliveryLimit = arg === null ? DEFAULT_DELIVERY_LIMIT_4X : arg < 0 ? null : arg;
    } else {
      deliveryLimit = arg;
    }
  }
  return {
    maxLength: num('x-max-length'),
    maxLengthBytes: num('x-max-length-bytes'),
    overflow,
    messageTtlMs: num('x-message-ttl'),
    expiresMs: num('x-expires'),
    deadLetterExchange: str('x-dead-letter-exchange'),
    deadLetterRoutingKey: str('x-dead-letter-routing-key'),
    deliveryLimit,
  };
}

/**
 * rabbit_basic:parse_expiration + rabbit_channel:check_expiration_header: the error term, or the
 * TTL in ms. string:to_integer semantics: a leading sign and digits, the rest must be empty.
 */
export function parseExpiration(exp: string): { ms: number } | { error: string } {
  const m = /^([+-]?\d+)(.*)$/s.exec(exp);
  if (m === null) return { error: 'no_integer' };
  if (m[2] !== '') return { error: `{leftover_string,${JSON.stringify(m[2])}}` };
  const n = Number(m[1]);
  if (n < 0) return { error: `{value_negative,${n}}` };
  return { ms: n };
}
