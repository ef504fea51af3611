/**
 * Dead-lettering, after rabbit_dead_letter.erl (v3.10.25): make_msg builds the copy (x-death,
 * x-first-death-*, routing to the dead-letter exchange), detect_cycles drops copies that would
 * come back to a queue they already died in with no `rejected` death on the way. A missing
 * dead-letter exchange drops the message (rabbit_amqqueue_process: the DLX is looked up first).
 */
import type { DeathReason, MessageRef } from './events';
import { route, routedBindings } from './route';
import type { AmqpTable, AmqpValue } from './script';
import {
  queueHead,
  readyCount,
  type AmqpBinding,
  type AmqpMessage,
  type AmqpQueue,
  type AmqpState,
  type QueuedMessage,
} from './state';
import type { Tx } from './tx';
import { defineKey, tableDelete, tableGet, tableSet } from './values';
import { consumerAvailable } from './consumers';

/** Cascades deeper than this stop (a guard: cycle detection normally ends them far sooner). */
const MAX_DEPTH = 200;

export function makeDeadLetterMessage(
  msg: AmqpMessage,
  reason: DeathReason,
  queue: string,
  dlx: string,
  dlrk: string | null,
  id: number,
  timeUs: number,
  profile: AmqpState['profile'],
): AmqpMessage {
  const info: AmqpTable = {};
  defineKey(info, 'reason', reason);
  defineKey(info, 'queue', queue);
  defineKey(info, 'time', Math.floor(timeUs / 1_000_000));
  defineKey(info, 'exchange', msg.exchange);
  defineKey(info, 'routing-keys', [msg.routingKey, ...ccRoutes(msg.headers)]);
  if (msg.expiration !== undefined) defineKey(info, 'original-expiration', msg.expiration);
  let headers: AmqpTable = msg.headers ?? {};
  const deaths = tableGet(headers, 'x-death');
  if (!Array.isArray(deaths)) {
    // The first death gets its own top-level headers (rabbitmq-server#1332).
    headers = tableSet(headers, 'x-first-death-reason', reason);
    headers = tableSet(headers, 'x-first-death-queue', queue);
    headers = tableSet(headers, 'x-first-death-exchange', msg.exchange);
    headers = tableSet(headers, 'x-death', [withCount(info, 1)]);
  } else {
    // The entry for (queue, reason) counts one more and moves to the front; others keep order.
    const tables = deaths.filter(isTable);
    const i = tables.findIndex(
      (d) => tableGet(d, 'queue') === queue && tableGet(d, 'reason') === reason,
    );
    let entry: AmqpTable;
    if (i >= 0) {
      const old = tables[i];
      const n = tableGet(old, 'count');
      entry = tableSet(old, 'count', (typeof n === 'number' ? n : 0) + 1);
      tables.splice(i, 1);
    } else entry = withCount(info, 1);
    headers = tableSet(headers, 'x-death', [entry, ...tables]);
  }
  // RabbitMQ 3.13+ also records the latest death at the top level.
  if (profile === '4.x') {
    headers = tableSet(headers, 'x-last-death-reason', reason);
    headers = tableSet(headers, 'x-last-death-queue', queue);
    headers = tableSet(headers, 'x-last-death-exchange', msg.exchange);
  }
  if (dlrk !== null) headers = tableDelete(headers, 'CC');
  const out: { -readonly [K in keyof AmqpMessage]: AmqpMessage[K] } = {
    id,
    exchange: dlx,
    routingKey: dlrk ?? msg.routingKey,
    body: msg.body,
    bytes: msg.bytes,
    headers,
    persistent: msg.persistent,
  };
  if (msg.meta !== undefined) out.meta = msg.meta;
  return out;
}

function withCount(info: AmqpTable, n: number): AmqpTable {
  const t: AmqpTable = {};
  defineKey(t, 'count', n);
  for (const [k, v] of Object.entries(info)) defineKey(t, k, v);
  return t;
}

function isTable(v: AmqpValue): v is AmqpTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ccRoutes(headers: AmqpTable | undefined): string[] {
  const out: string[] = [];
  for (const k of ['CC', 'BCC']) {
    const v = tableGet(headers, k);
    if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push(x);
  }
  return out;
}

/** rabbit_dead_letter:is_cycle: the deaths up to and including `queue`'s have no rejection. */
export function isCycle(queue: string, headers: AmqpTable | undefined): boolean {
  const deaths = tableGet(headers, 'x-death');
  if (!Array.isArray(deaths)) return false;
  const i = deaths.findIndex((d) => isTable(d) && tableGet(d, 'queue') === queue);
  if (i < 0) return false;
  for (const d of deaths.slice(0, i + 1)) {
    if (!isTable(d) || tableGet(d, 'reason') === 'rejected') return false;
  }
  return true;
}

/** Would one more message overflow `q` (rabbit_amqqueue_process:will_overflow)? Ready only. */
export function wouldOverflow(q: AmqpQueue, bytes: number): boolean {
  const c = q.cfg;
  return (
    (c.maxLength !== null && readyCount(q) + 1 > c.maxLength) ||
    (c.maxLengthBytes !== null && q.readyBytes + bytes > c.maxLengthBytes)
  );
}

/** Splits target queues into those that take the message and those that refuse it. */
export function admit(
  s: AmqpState,
  queues: string[],
  bytes: number,
): { accepted: string[]; rejected: string[] } {
  const accepted: string[] = [];
  const rejected: string[] = [];
  for (const name of queues) {
    const q = s.queues.get(name) as AmqpQueue;
    if (q.cfg.overflow !== 'drop-head' && wouldOverflow(q, bytes)) rejected.push(name);
    else accepted.push(name);
  }
  return { accepted, rejected };
}

/**
 * After messages entered `queues`: drop-head queues over x-max-length / x-max-length-bytes drop
 * (dead-letter, reason maxlen) from the head. Reject-publish-dlx queues that refused the message
 * dead-letter it. A message a waiting consumer takes at once (the queue was empty) is not
 * dropped: RabbitMQ hands it over before it is ever enqueued (attempt_delivery).
 */
export function afterEnqueue(
  tx: Tx,
  msg: AmqpMessage,
  accepted: string[],
  rejected: string[],
  depth: number,
): void {
  for (const name of accepted) {
    for (;;) {
      const q = tx.s.queues.get(name);
      if (q === undefined || tx.full) break;
      const c = q.cfg;
      const over =
        (c.maxLength !== null && readyCount(q) > c.maxLength) ||
        (c.maxLengthBytes !== null && q.readyBytes > c.maxLengthBytes);
      const head = queueHead(q);
      if (!over || head === undefined) break;
      if (head.msg.id === msg.id && readyCount(q) === 1 && consumerAvailable(tx.s, q)) break;
      deadLetter(
        tx,
        { kind: 'ready', queue: name, seq: head.seq },
        name,
        'maxlen',
        head,
        depth + 1,
      );
    }
  }
  for (const name of rejected) {
    const q = tx.s.queues.get(name);
    if (q === undefined || q.cfg.overflow !== 'reject-publish-dlx' || tx.full) continue;
    const qm: QueuedMessage = {
      seq: 0,
      msg,
      enqueuedUs: tx.timeUs,
      expiresAtUs: null,
      redelivered: false,
      deliveryCount: 0,
    };
    deadLetter(tx, { kind: 'refused', queue: name }, name, 'maxlen', qm, depth + 1);
  }
}

/** The message leaves `fromQueue` for `reason`: dead-lettered, or dropped saying why. */
export function deadLetter(
  tx: Tx,
  source: MessageRef,
  fromQueue: string,
  reason: DeathReason,
  qm: QueuedMessage,
  depth = 0,
): void {
  const s = tx.s;
  const q = s.queues.get(fromQueue);
  const drop = (
    why: 'noDeadLetterExchange' | 'deadLetterExchangeMissing' | 'cycle' | 'queueGone',
  ) => tx.emit({ type: 'amqp.dropped', source, fromQueue, reason, why });
  if (q === undefined) return drop('queueGone');
  const dlx = q.cfg.deadLetterExchange;
  if (dlx === null || depth > MAX_DEPTH || tx.full) return drop('noDeadLetterExchange');
  if (!s.exchanges.has(dlx)) return drop('deadLetterExchangeMissing');
  const message = makeDeadLetterMessage(
    qm.msg,
    reason,
    fromQueue,
    dlx,
    q.cfg.deadLetterRoutingKey,
    s.nextMessageId,
    tx.timeUs,
    s.profile,
  );
  const matched: AmqpBinding[] = [];
  let queues = route(s, dlx, message, matched);
  if (reason !== 'rejected') {
    const kept = queues.filter((name) => !isCycle(name, message.headers));
    if (queues.length > 0 && kept.length === 0) return drop('cycle');
    queues = kept;
  }
  const { accepted, rejected } = admit(s, queues, message.bytes);
  tx.emit({
    type: 'amqp.deadLettered',
    source,
    fromQueue,
    reason,
    message,
    queues: accepted,
    rejectedBy: rejected,
    ...(matched.length > 0 ? { bindings: routedBindings(matched, queues) } : {}),
    timeUs: tx.timeUs,
  });
  afterEnqueue(tx, message, accepted, rejected, depth);
}
