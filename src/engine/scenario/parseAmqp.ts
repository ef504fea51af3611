/*
 * The `amqp` section of a version 2 scenario: a RabbitMQ broker (exchanges, queues, bindings)
 * with its publishers and consumers. Same rules as parse.ts: never throw, name the JSON path of
 * every problem, give every problem a code. What RabbitMQ itself refuses is refused here with
 * RabbitMQ's reason (rabbit_channel.erl, rabbit_amqqueue.erl, v3.10), so a scenario that parses
 * declares cleanly on a real broker.
 */
import type {
  AmqpBindingSpec,
  AmqpConsumerSpec,
  AmqpExchangeSpec,
  AmqpPublisherSpec,
  AmqpQueueSpec,
  AmqpSpec,
  AmqpTable,
  DistSpec,
  HandlerRule,
  KeySpec,
  MemberSpec,
  RateSpec,
  RoutingKeySpec,
} from './types';
import { utf8Length } from '../amqp/values';
import { Checker, child } from './validate';

/** The parsers parse.ts shares with this section (passed in, so the two files import one way). */
export interface SharedParsers {
  list<T>(
    c: Checker,
    v: unknown,
    path: string,
    max: number,
    item: (c: Checker, v: unknown, p: string) => T | undefined,
  ): T[] | undefined;
  rate(c: Checker, v: unknown, p: string): RateSpec | undefined;
  keys(c: Checker, v: unknown, p: string): KeySpec | undefined;
  dist(c: Checker, v: unknown, p: string): DistSpec | undefined;
  member(c: Checker, v: unknown, p: string): MemberSpec | undefined;
  handler(c: Checker, v: unknown, p: string): HandlerRule | undefined;
}

const MAX_MS = 1e9;
/** RabbitMQ's names are AMQP short strings: at most 255 bytes of UTF-8. */
export const AMQP_NAME_MAX_BYTES = 255;
/** rabbit_misc:check_expiry: TTLs and x-expires at most 2^32 − 1 ms. */
const MAX_EXPIRY = 4294967295;
export const AMQP_LIMITS = {
  exchanges: 200,
  queues: 200,
  bindings: 2000,
  publishers: 100,
  consumers: 100,
  members: 200,
  routingKeys: 1000,
};

/** The exchanges every RabbitMQ virtual host has without declaring them, with their types. */
export const PREDECLARED_EXCHANGES: ReadonlyMap<string, AmqpExchangeSpec['type']> = new Map([
  ['amq.direct', 'direct'],
  ['amq.fanout', 'fanout'],
  ['amq.topic', 'topic'],
  ['amq.headers', 'headers'],
  ['amq.match', 'headers'],
] as const);

/** Queue arguments the simulator models (RabbitMQ ignores others: a typo must not pass). */
export const QUEUE_ARGUMENTS = [
  'x-queue-type',
  'x-max-length',
  'x-max-length-bytes',
  'x-overflow',
  'x-message-ttl',
  'x-expires',
  'x-dead-letter-exchange',
  'x-dead-letter-routing-key',
  'x-delivery-limit',
] as const;
export const X_MATCH = ['all', 'any', 'all-with-x', 'any-with-x'] as const;

/** Parses `$.amqp` (shapes and values); references are checked by `crossCheckAmqp`. */
export function parseAmqp(
  c: Checker,
  v: unknown,
  p: string,
  sp: SharedParsers,
): AmqpSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['profile', 'exchanges', 'queues', 'bindings', 'publishers', 'consumers']);
  const profile =
    o.profile === undefined
      ? undefined
      : c.oneOf(o.profile, child(p, 'profile'), ['3.10', '4.x'] as const);
  const section = <T>(
    k: string,
    max: number,
    item: (c: Checker, v: unknown, p: string) => T | undefined,
  ) => sp.list(c, o[k] === undefined ? [] : o[k], child(p, k), max, item);
  const exchanges = section('exchanges', AMQP_LIMITS.exchanges, parseExchange);
  const queues = section('queues', AMQP_LIMITS.queues, parseQueue);
  const bindings = section('bindings', AMQP_LIMITS.bindings, parseBinding);
  const publishers = section('publishers', AMQP_LIMITS.publishers, (c2, x, xp) =>
    parsePublisher(c2, x, xp, sp),
  );
  const consumers = section('consumers', AMQP_LIMITS.consumers, (c2, x, xp) =>
    parseConsumer(c2, x, xp, sp),
  );
  if (!exchanges || !queues || !bindings || !publishers || !consumers) return undefined;
  if (o.profile !== undefined && profile === undefined) return undefined;
  const out: AmqpSpec = { exchanges, queues, bindings, publishers, consumers };
  if (profile !== undefined) out.profile = profile;
  return out;
}

/** A RabbitMQ name: any text of at most 255 bytes of UTF-8. */
export function amqpName(
  c: Checker,
  v: unknown,
  p: string,
  opts: { nonEmpty?: boolean } = {},
): string | undefined {
  const s = c.string(v, p, { nonEmpty: opts.nonEmpty ?? true, maxLength: AMQP_NAME_MAX_BYTES });
  if (s === undefined) return undefined;
  const bytes = utf8Length(s);
  if (bytes > AMQP_NAME_MAX_BYTES)
    return c.fail(
      p,
      `is ${bytes} bytes in UTF-8; RabbitMQ names and keys are at most ${AMQP_NAME_MAX_BYTES} bytes`,
      'amqpNameTooLong',
      { bytes, max: AMQP_NAME_MAX_BYTES },
    );
  return s;
}

/** rabbit_channel:check_name: a new exchange or queue may not be named amq.* (403). */
function notReserved(c: Checker, name: string, p: string, kind: 'exchange' | 'queue'): boolean {
  if (!name.startsWith('amq.')) return true;
  c.fail(
    p,
    `${kind} name '${name}' contains reserved prefix 'amq.*' (RabbitMQ refuses it: 403 ACCESS_REFUSED)` +
      (kind === 'exchange'
        ? '; amq.direct, amq.fanout, amq.topic, amq.headers and amq.match exist already: bind and publish to them without declaring them'
        : ''),
    'reservedAmqPrefix',
    { kind, name },
  );
  return false;
}

function table(c: Checker, v: unknown, p: string): AmqpTable | undefined {
  return c.object(v, p) as AmqpTable | undefined;
}

function parseExchange(c: Checker, v: unknown, p: string): AmqpExchangeSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['name', 'type', 'durable', 'autoDelete', 'internal', 'arguments']);
  const name = amqpName(c, o.name, child(p, 'name'));
  const type = c.oneOf(o.type, child(p, 'type'), ['direct', 'fanout', 'topic', 'headers'] as const);
  if (name === undefined || !type || !notReserved(c, name, child(p, 'name'), 'exchange'))
    return undefined;
  const x: AmqpExchangeSpec = { name, type };
  for (const k of ['durable', 'autoDelete', 'internal'] as const)
    if (o[k] !== undefined) x[k] = c.boolean(o[k], child(p, k));
  if (o.arguments !== undefined) {
    const ap = child(p, 'arguments');
    const args = table(c, o.arguments, ap);
    if (args) {
      c.knownKeys(args, ap, ['alternate-exchange']);
      if (args['alternate-exchange'] !== undefined)
        amqpName(c, args['alternate-exchange'], child(ap, 'alternate-exchange'));
      x.arguments = args;
    }
  }
  return x;
}

function parseQueue(c: Checker, v: unknown, p: string): AmqpQueueSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['name', 'durable', 'autoDelete', 'exclusive', 'arguments']);
  const name = amqpName(c, o.name, child(p, 'name'));
  if (name === undefined || !notReserved(c, name, child(p, 'name'), 'queue')) return undefined;
  const q: AmqpQueueSpec = { name };
  for (const k of ['durable', 'autoDelete', 'exclusive'] as const)
    if (o[k] !== undefined) q[k] = c.boolean(o[k], child(p, k));
  if (o.arguments !== undefined) {
    const args = queueArguments(c, o.arguments, child(p, 'arguments'));
    if (args) q.arguments = args;
  }
  if (q.arguments?.['x-queue-type'] === 'quorum') {
    // rabbit_quorum_queue:declare (3.10): 406 PRECONDITION_FAILED "invalid property …".
    const bad: [keyof AmqpQueueSpec, boolean][] = [
      ['durable', false],
      ['exclusive', true],
      ['autoDelete', true],
    ];
    for (const [k, value] of bad)
      if (q[k] === value)
        c.fail(
          child(p, k),
          `a quorum queue must be ${k === 'durable' ? 'durable' : `not ${k === 'exclusive' ? 'exclusive' : 'auto-delete'}`} (RabbitMQ refuses it: 406 PRECONDITION_FAILED)`,
          'quorumQueueProperty',
          { property: k },
        );
  }
  return q;
}

/** Queue arguments typed and ranged as rabbit_amqqueue:check_declare_arguments does. */
function queueArguments(c: Checker, v: unknown, p: string): AmqpTable | undefined {
  const args = table(c, v, p);
  if (!args) return undefined;
  c.knownKeys(args, p, QUEUE_ARGUMENTS);
  const at = (k: string) => child(p, k);
  const type =
    args['x-queue-type'] === undefined
      ? 'classic'
      : c.oneOf(args['x-queue-type'], at('x-queue-type'), ['classic', 'quorum'] as const);
  for (const k of ['x-max-length', 'x-max-length-bytes'])
    if (args[k] !== undefined)
      c.number(args[k], at(k), { integer: true, min: 0, max: 2 ** 53 - 1 });
  if (args['x-message-ttl'] !== undefined)
    c.number(args['x-message-ttl'], at('x-message-ttl'), {
      integer: true,
      min: 0,
      max: MAX_EXPIRY,
    });
  if (args['x-expires'] !== undefined)
    c.number(args['x-expires'], at('x-expires'), { integer: true, min: 1, max: MAX_EXPIRY });
  if (args['x-overflow'] !== undefined) {
    const ov = c.oneOf(args['x-overflow'], at('x-overflow'), [
      'drop-head',
      'reject-publish',
      'reject-publish-dlx',
    ] as const);
    // RabbitMQ's docs (Queue Length Limit; quorum queue feature matrix): quorum queues support
    // drop-head and reject-publish only; 3.10 ignores reject-publish-dlx on one (drop-head).
    if (ov === 'reject-publish-dlx' && type === 'quorum')
      c.fail(
        at('x-overflow'),
        'quorum queues support x-overflow drop-head and reject-publish, not reject-publish-dlx (RabbitMQ would use drop-head)',
        'quorumOverflow',
      );
  }
  if (args['x-dead-letter-exchange'] !== undefined)
    // Any name: RabbitMQ lets a queue name a dead-letter exchange that does not exist (it drops).
    amqpName(c, args['x-dead-letter-exchange'], at('x-dead-letter-exchange'), { nonEmpty: false });
  if (args['x-dead-letter-routing-key'] !== undefined) {
    amqpName(c, args['x-dead-letter-routing-key'], at('x-dead-letter-routing-key'), {
      nonEmpty: false,
    });
    // rabbit_amqqueue:check_dlxrk_arg: {error, routing_key_but_no_dlx_defined}.
    if (args['x-dead-letter-exchange'] === undefined)
      c.fail(
        at('x-dead-letter-routing-key'),
        'needs x-dead-letter-exchange (RabbitMQ: routing_key_but_no_dlx_defined)',
        'deadLetterRoutingKeyWithoutExchange',
      );
  }
  if (args['x-delivery-limit'] !== undefined) {
    c.number(args['x-delivery-limit'], at('x-delivery-limit'), {
      integer: true,
      min: -1,
      max: 2 ** 31 - 1,
    });
    if (type === 'classic')
      c.fail(
        at('x-delivery-limit'),
        'is a quorum queue argument (set x-queue-type to "quorum"); a classic queue ignores it',
        'quorumOnlyArgument',
        { argument: 'x-delivery-limit' },
      );
  }
  return args;
}

function parseBinding(c: Checker, v: unknown, p: string): AmqpBindingSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['source', 'destination', 'destinationType', 'routingKey', 'arguments']);
  const source = amqpName(c, o.source, child(p, 'source'), { nonEmpty: false });
  const destination = amqpName(c, o.destination, child(p, 'destination'), { nonEmpty: false });
  const destinationType = c.oneOf(
    o.destinationType === undefined ? 'queue' : o.destinationType,
    child(p, 'destinationType'),
    ['queue', 'exchange'] as const,
  );
  const routingKey = amqpName(
    c,
    o.routingKey === undefined ? '' : o.routingKey,
    child(p, 'routingKey'),
    {
      nonEmpty: false,
    },
  );
  if (source === undefined || destination === undefined || !destinationType) return undefined;
  if (routingKey === undefined) return undefined;
  const b: AmqpBindingSpec = { source, destination, destinationType, routingKey };
  if (o.arguments !== undefined) {
    const ap = child(p, 'arguments');
    const args = table(c, o.arguments, ap);
    if (args) {
      if (args['x-match'] !== undefined) c.oneOf(args['x-match'], child(ap, 'x-match'), X_MATCH);
      b.arguments = args;
    }
  }
  return b;
}

/** A routing key template: text with `{field}` parts; braces balanced, fields named. */
export function templateProblem(t: string): string | null {
  let open = false;
  let field = '';
  for (const ch of t) {
    if (ch === '{') {
      if (open) return 'a "{" inside a {field}';
      open = true;
      field = '';
    } else if (ch === '}') {
      if (!open) return 'a "}" without its "{"';
      if (field === '') return 'an empty {}';
      open = false;
    } else if (open) field += ch;
  }
  return open ? 'a "{" without its "}"' : null;
}

/** A routing key template (a fixed key is a template without parts). */
export function routingKeyTemplate(c: Checker, v: unknown, p: string): string | undefined {
  const t = amqpName(c, v, p, { nonEmpty: false });
  if (t === undefined) return undefined;
  const problem = templateProblem(t);
  if (problem)
    return c.fail(
      p,
      `"${t}" is not a routing key template (${problem}): write text with {field} parts, e.g. "order.{type}"`,
      'routingKeyTemplate',
      { template: t },
    );
  return t;
}

function parseRoutingKey(c: Checker, v: unknown, p: string): RoutingKeySpec | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return routingKeyTemplate(c, v, p);
  const o = v as Record<string, unknown>;
  c.knownKeys(o, p, ['kind', 'keys', 'weights']);
  const kind = c.oneOf(o.kind, child(p, 'kind'), ['choice'] as const);
  const kp = child(p, 'keys');
  const keysArr = c.array(o.keys, kp);
  let keys: string[] | undefined;
  if (keysArr) {
    if (keysArr.length === 0) c.fail(kp, 'must list at least one key', 'needsAKey');
    else if (keysArr.length > AMQP_LIMITS.routingKeys)
      c.fail(
        kp,
        `at most ${AMQP_LIMITS.routingKeys} entries, got ${keysArr.length}`,
        'tooManyEntries',
        {
          max: AMQP_LIMITS.routingKeys,
          got: keysArr.length,
        },
      );
    else {
      const ks = keysArr.map((k, i) => amqpName(c, k, child(kp, i), { nonEmpty: false }));
      if (ks.every((k) => k !== undefined)) keys = ks as string[];
    }
  }
  let weights: number[] | undefined;
  if (o.weights !== undefined) {
    const wp = child(p, 'weights');
    const ws = c.array(o.weights, wp);
    if (ws) {
      const nums = ws.map((w, i) => c.number(w, child(wp, i), { min: 0, max: 1e9 }));
      if (keys && ws.length !== keys.length)
        c.fail(
          wp,
          `must give one weight per key (${keys.length}), got ${ws.length}`,
          'weightsLength',
          {
            keys: keys.length,
            got: ws.length,
          },
        );
      else if (nums.every((n) => n !== undefined)) {
        weights = nums as number[];
        if (weights.length > 0 && weights.every((w) => w === 0))
          c.fail(wp, 'must not all be 0 (no key could be drawn)', 'weightsAllZero');
      }
    }
  }
  if (!kind || !keys) return undefined;
  return weights ? { kind, keys, weights } : { kind, keys };
}

function parsePublisher(
  c: Checker,
  v: unknown,
  p: string,
  sp: SharedParsers,
): AmqpPublisherSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, [
    'id',
    'exchange',
    'routingKey',
    'rate',
    'keys',
    'keyField',
    'eventType',
    'payload',
    'headers',
    'mandatory',
    'persistent',
    'confirm',
    'expiration',
    'bodyBytes',
    'startMs',
    'stopMs',
  ]);
  const id = c.string(o.id, child(p, 'id'), { pattern: /^[A-Za-z0-9._-]+$/ });
  const exchange = amqpName(c, o.exchange, child(p, 'exchange'), { nonEmpty: false });
  const routingKey = parseRoutingKey(
    c,
    o.routingKey === undefined ? '' : o.routingKey,
    child(p, 'routingKey'),
  );
  const rate = sp.rate(c, o.rate, child(p, 'rate'));
  const eventType = c.string(o.eventType, child(p, 'eventType'));
  if (!id || exchange === undefined || routingKey === undefined || !rate || !eventType)
    return undefined;
  const out: AmqpPublisherSpec = { id, exchange, routingKey, rate, eventType };
  if (o.keys !== undefined) out.keys = sp.keys(c, o.keys, child(p, 'keys'));
  if (o.keyField !== undefined) out.keyField = c.string(o.keyField, child(p, 'keyField'));
  if (o.payload !== undefined) out.payload = c.object(o.payload, child(p, 'payload'));
  if (o.headers !== undefined) out.headers = table(c, o.headers, child(p, 'headers'));
  for (const k of ['mandatory', 'persistent', 'confirm'] as const)
    if (o[k] !== undefined) out[k] = c.boolean(o[k], child(p, k));
  if (o.expiration !== undefined)
    // AMQP's expiration is a string of digits (rabbit_basic:parse_expiration); ms, ≤ MAX_MS.
    out.expiration = c.string(o.expiration, child(p, 'expiration'), { pattern: /^[0-9]{1,9}$/ });
  if (o.bodyBytes !== undefined)
    out.bodyBytes = c.number(o.bodyBytes, child(p, 'bodyBytes'), {
      integer: true,
      min: 0,
      max: 10_000_000,
    });
  if (o.startMs !== undefined)
    out.startMs = c.number(o.startMs, child(p, 'startMs'), { min: 0, max: MAX_MS });
  if (o.stopMs !== undefined)
    out.stopMs = c.number(o.stopMs, child(p, 'stopMs'), { min: 0, max: MAX_MS });
  return out;
}

function parseConsumer(
  c: Checker,
  v: unknown,
  p: string,
  sp: SharedParsers,
): AmqpConsumerSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, [
    'id',
    'queue',
    'members',
    'prefetch',
    'autoAck',
    'ackEvery',
    'ackFlushMs',
    'processingMs',
    'handlers',
    'failure',
    'idempotent',
  ]);
  const id = c.string(o.id, child(p, 'id'), { pattern: /^[A-Za-z0-9._-]+$/ });
  const queue = amqpName(c, o.queue, child(p, 'queue'));
  const mp = child(p, 'members');
  const members =
    typeof o.members === 'number'
      ? c.number(o.members, mp, { integer: true, min: 0, max: AMQP_LIMITS.members })
      : sp.list(c, o.members, mp, AMQP_LIMITS.members, sp.member);
  if (!id || queue === undefined || members === undefined) return undefined;
  const out: AmqpConsumerSpec = { id, queue, members };
  if (o.prefetch !== undefined)
    // basic.qos prefetch_count is an AMQP short: 0 (no limit) … 65535.
    out.prefetch = c.number(o.prefetch, child(p, 'prefetch'), {
      integer: true,
      min: 0,
      max: 65535,
    });
  if (o.autoAck !== undefined) out.autoAck = c.boolean(o.autoAck, child(p, 'autoAck'));
  if (o.ackEvery !== undefined)
    out.ackEvery = c.number(o.ackEvery, child(p, 'ackEvery'), {
      integer: true,
      min: 1,
      max: 65535,
    });
  if (o.ackFlushMs !== undefined)
    out.ackFlushMs = c.number(o.ackFlushMs, child(p, 'ackFlushMs'), { min: 0, max: 3_600_000 });
  if (o.processingMs !== undefined)
    out.processingMs = sp.dist(c, o.processingMs, child(p, 'processingMs'));
  if (o.handlers !== undefined)
    out.handlers = sp.list(c, o.handlers, child(p, 'handlers'), 100, sp.handler);
  if (o.failure !== undefined) {
    const fp = child(p, 'failure');
    const f = c.object(o.failure, fp);
    if (f) {
      c.knownKeys(f, fp, ['rate', 'requeue']);
      const rate = c.number(f.rate, child(fp, 'rate'), { min: 0, max: 1 });
      // basic.nack's requeue defaults to true, as in AMQP.
      const requeue = c.boolean(f.requeue === undefined ? true : f.requeue, child(fp, 'requeue'));
      if (rate !== undefined && requeue !== undefined) out.failure = { rate, requeue };
    }
  }
  if (o.idempotent !== undefined) out.idempotent = c.boolean(o.idempotent, child(p, 'idempotent'));
  return out;
}

/**
 * The member ids of a RabbitMQ consumer: listed, or `${consumer}-1` … `${consumer}-n` for a
 * count (as a Kafka group's: `memberIds` in parse.ts).
 */
export function consumerMemberIds(cs: AmqpConsumerSpec): string[] {
  if (typeof cs.members === 'number')
    return Array.from({ length: cs.members }, (_, i) => `${cs.id}-${i + 1}`);
  return cs.members.map((m) => m.id);
}

/** The exchanges a message may be published to: declared, pre-declared, or the default "". */
export function exchangeNames(a: AmqpSpec | undefined): Set<string> {
  const out = new Set<string>(a ? a.exchanges.map((x) => x.name) : []);
  if (a) {
    out.add('');
    for (const name of PREDECLARED_EXCHANGES.keys()) out.add(name);
  }
  return out;
}

/**
 * References inside the amqp section and from it: unique exchange and queue names, unique ids
 * (publishers and consumers share producers' and groups' namespace, `ids`), bindings between
 * things that exist, publishers' exchanges, consumers' queues and members. Returns each
 * consumer's member ids (faults name them).
 */
export function crossCheckAmqp(
  c: Checker,
  a: AmqpSpec,
  ids: Set<string>,
  needEmitTarget: (e: HandlerRule['emit'][number], path: string) => void,
): Map<string, Set<string>> {
  const p = '$.amqp';
  const unique = (
    names: string[],
    what: 'exchange' | 'queue',
    code: 'duplicateExchange' | 'duplicateQueue',
  ) => {
    const seen = new Set<string>();
    names.forEach((n, i) => {
      if (seen.has(n))
        c.fail(
          `${p}.${what === 'exchange' ? 'exchanges' : 'queues'}[${i}].name`,
          `duplicate ${what} "${n}"`,
          code,
          {
            name: n,
          },
        );
      seen.add(n);
    });
    return seen;
  };
  const declared = unique(
    a.exchanges.map((x) => x.name),
    'exchange',
    'duplicateExchange',
  );
  const queues = unique(
    a.queues.map((q) => q.name),
    'queue',
    'duplicateQueue',
  );
  const exchanges = exchangeNames(a);
  const needExchange = (name: string, path: string) => {
    if (!exchanges.has(name))
      c.fail(
        path,
        `unknown exchange "${name}" (declare it in $.amqp.exchanges)`,
        'unknownExchange',
        { name },
      );
  };
  const needQueue = (name: string, path: string) => {
    if (!queues.has(name))
      c.fail(path, `unknown queue "${name}" (declare it in $.amqp.queues)`, 'unknownQueue', {
        name,
      });
  };
  a.bindings.forEach((b, i) => {
    const bp = `${p}.bindings[${i}]`;
    for (const [name, path, isExchange] of [
      [b.source, `${bp}.source`, true],
      [b.destination, `${bp}.destination`, b.destinationType === 'exchange'],
    ] as const) {
      if (!isExchange) needQueue(name, path);
      else if (name === '')
        // rabbit_channel:check_not_default_exchange: 403 ACCESS_REFUSED.
        c.fail(
          path,
          'the default exchange "" cannot be bound (RabbitMQ refuses it: 403 ACCESS_REFUSED); it routes to the queue named by the routing key by itself',
          'defaultExchangeBinding',
        );
      else if (!declared.has(name) && !PREDECLARED_EXCHANGES.has(name)) needExchange(name, path);
    }
  });
  a.publishers.forEach((pub, i) => {
    const pp = `${p}.publishers[${i}]`;
    if (ids.has(pub.id))
      c.fail(`${pp}.id`, `duplicate id "${pub.id}"`, 'duplicateId', { id: pub.id });
    ids.add(pub.id);
    needExchange(pub.exchange, `${pp}.exchange`);
    if (pub.startMs !== undefined && pub.stopMs !== undefined && pub.stopMs < pub.startMs)
      c.fail(`${pp}.stopMs`, `must be ≥ startMs (${pub.startMs})`, 'stopBeforeStart', {
        start: pub.startMs,
        got: pub.stopMs,
      });
  });
  const members = new Map<string, Set<string>>();
  a.consumers.forEach((cs, i) => {
    const cp = `${p}.consumers[${i}]`;
    if (ids.has(cs.id)) c.fail(`${cp}.id`, `duplicate id "${cs.id}"`, 'duplicateId', { id: cs.id });
    ids.add(cs.id);
    needQueue(cs.queue, `${cp}.queue`);
    cs.handlers?.forEach((h, j) =>
      h.emit.forEach((e, k) => needEmitTarget(e, `${cp}.handlers[${j}].emit[${k}]`)),
    );
    const ms = new Set<string>();
    consumerMemberIds(cs).forEach((m, j) => {
      if (ms.has(m))
        c.fail(`${cp}.members[${j}].id`, `duplicate member "${m}"`, 'duplicateMember', {
          member: m,
        });
      ms.add(m);
    });
    members.set(cs.id, ms);
  });
  return members;
}
