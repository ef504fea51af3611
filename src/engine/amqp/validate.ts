/**
 * Shape checks for untrusted scripts (JSON from a file or the UI): each problem names the path,
 * e.g. `ops[3].channel: must be a string`. The JSON Schema (public/amqp-script.schema.json)
 * says the same; amqpSchema.test.ts keeps the two in agreement on samples.
 */
const str = 'string';
const bool = 'boolean';
const tbl = 'table';
type Kind =
  typeof str | 'integer' | typeof bool | typeof tbl | 'nonNegative' | 'destType' | 'exType';

/** Required fields (name → kind) and optional ones, per op. */
const SHAPES: Record<string, { req: Record<string, Kind>; opt: Record<string, Kind> }> = {
  declareExchange: {
    req: { exchange: str, type: 'exType' },
    opt: { channel: str, durable: bool, autoDelete: bool, internal: bool, arguments: tbl },
  },
  deleteExchange: { req: { exchange: str }, opt: { channel: str } },
  declareQueue: {
    req: { queue: str },
    opt: { channel: str, durable: bool, exclusive: bool, autoDelete: bool, arguments: tbl },
  },
  deleteQueue: { req: { queue: str }, opt: { channel: str } },
  purgeQueue: { req: { queue: str }, opt: { channel: str } },
  bind: {
    req: { source: str, destination: str, destinationType: 'destType', routingKey: str },
    opt: { channel: str, arguments: tbl },
  },
  unbind: {
    req: { source: str, destination: str, destinationType: 'destType', routingKey: str },
    opt: { channel: str, arguments: tbl },
  },
  openChannel: {
    req: { channel: str },
    opt: { confirm: bool, prefetch: 'nonNegative', prefetchGlobal: 'nonNegative' },
  },
  closeChannel: { req: { channel: str }, opt: {} },
  publish: {
    req: { channel: str, exchange: str, routingKey: str, body: str },
    opt: { headers: tbl, expiration: str, mandatory: bool, persistent: bool, messageId: str },
  },
  consume: { req: { channel: str, queue: str, consumerTag: str }, opt: { noAck: bool } },
  cancel: { req: { channel: str, consumerTag: str }, opt: {} },
  get: { req: { channel: str, queue: str }, opt: { noAck: bool } },
  ack: { req: { channel: str, deliveryTag: 'nonNegative' }, opt: { multiple: bool } },
  nack: {
    req: { channel: str, deliveryTag: 'nonNegative' },
    opt: { multiple: bool, requeue: bool },
  },
  reject: { req: { channel: str, deliveryTag: 'nonNegative' }, opt: { requeue: bool } },
  restartBroker: { req: {}, opt: {} },
  advanceTime: { req: { ms: 'nonNegative' }, opt: {} },
  queueStats: { req: { queue: str }, opt: {} },
};

export const AMQP_OP_NAMES = Object.keys(SHAPES);

/** Most operations a script may have, and most milliseconds one advanceTime may move. */
export const MAX_OPS = 10_000;
export const MAX_ADVANCE_MS = 86_400_000;

function check(kind: Kind, v: unknown): string | null {
  switch (kind) {
    case 'string':
      return typeof v === 'string' ? null : 'must be a string';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be true or false';
    case 'integer':
      return Number.isSafeInteger(v) ? null : 'must be an integer';
    case 'nonNegative':
      return Number.isSafeInteger(v) && (v as number) >= 0 ? null : 'must be an integer ≥ 0';
    case 'table':
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? null : 'must be an object';
    case 'destType':
      return v === 'queue' || v === 'exchange' ? null : 'must be "queue" or "exchange"';
    case 'exType':
      return v === 'direct' || v === 'fanout' || v === 'topic' || v === 'headers'
        ? null
        : 'must be one of direct, fanout, topic, headers';
  }
}

/** Problems with one op (empty: fine). */
export function opProblems(op: unknown, i: number): string[] {
  const at = `ops[${i}]`;
  if (typeof op !== 'object' || op === null || Array.isArray(op))
    return [`${at}: must be an object`];
  const o = op as Record<string, unknown>;
  const name = o.op;
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(SHAPES, name)) {
    return [`${at}.op: must be one of ${AMQP_OP_NAMES.join(', ')}`];
  }
  const shape = SHAPES[name] as { req: Record<string, Kind>; opt: Record<string, Kind> };
  const out: string[] = [];
  for (const [k, kind] of Object.entries(shape.req)) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) out.push(`${at}.${k}: required`);
    else {
      const p = check(kind, o[k]);
      if (p !== null) out.push(`${at}.${k}: ${p}`);
    }
  }
  for (const k of Object.keys(o)) {
    if (k === 'op' || Object.prototype.hasOwnProperty.call(shape.req, k)) continue;
    if (!Object.prototype.hasOwnProperty.call(shape.opt, k)) {
      out.push(`${at}.${k}: unknown field for ${name}`);
      continue;
    }
    const p = o[k] === undefined ? null : check(shape.opt[k] as Kind, o[k]);
    if (p !== null) out.push(`${at}.${k}: ${p}`);
  }
  if (name === 'advanceTime' && typeof o.ms === 'number' && o.ms > MAX_ADVANCE_MS) {
    out.push(`${at}.ms: must be ≤ ${MAX_ADVANCE_MS}`);
  }
  return out;
}

/** Problems with the script as a whole (not its ops). */
export function scriptProblems(script: unknown): string[] {
  if (typeof script !== 'object' || script === null || Array.isArray(script))
    return ['$: must be an object'];
  const s = script as Record<string, unknown>;
  const out: string[] = [];
  if (s.profile !== undefined && s.profile !== '3.10' && s.profile !== '4.x')
    out.push('profile: must be "3.10" or "4.x"');
  if (!Array.isArray(s.ops)) out.push('ops: must be an array');
  else if (s.ops.length > MAX_OPS)
    out.push(`ops: at most ${MAX_OPS} operations, got ${s.ops.length}`);
  return out;
}
