/**
 * Runs an AmqpScript on the simulated broker and reports what the client sees. After every op
 * the broker settles: due expiries, then every delivery it can push, until nothing changes.
 * `advanceTime` moves the clock through each due TTL / x-expires in turn. Untrusted input never
 * throws: a malformed op or an op on a channel the client has not opened is a `problem` (as the
 * real-broker runner reports them) and the run goes on; work is bounded.
 */
import { decideOp } from './decideOp';
import { decideDispatch, decideExpiry, nextDueUs } from './deliver';
import type { AmqpEvent } from './events';
import { evolveAmqp } from './evolve';
import type { AmqpObservation, AmqpOp, AmqpScript, AmqpTable } from './script';
import { consumerCount, initialAmqpState, readyCount, type AmqpState } from './state';
import { opProblems, scriptProblems } from './validate';
import { tableSet } from './values';

/** Most events one script run may produce before it stops (a problem says so). */
export const MAX_EVENTS_PER_RUN = 500_000;

export interface AmqpRunResult {
  observations: AmqpObservation[];
  problems: string[];
  /** The run's events, in order (State = fold(events)). */
  events: AmqpEvent[];
  state: AmqpState;
  timeUs: number;
}

export function runAmqpScript(script: AmqpScript): AmqpObservation[] {
  return runAmqpScriptDetailed(script).observations;
}

export function runAmqpScriptDetailed(script: unknown): AmqpRunResult {
  const sp = scriptProblems(script);
  const s0 = script as Partial<AmqpScript>;
  const state = initialAmqpState(s0?.profile === '4.x' ? '4.x' : '3.10');
  const run: AmqpRunResult = { observations: [], problems: sp, events: [], state, timeUs: 0 };
  if (sp.length > 0) return run;
  const ops = (s0.ops ?? []) as unknown[];
  for (let step = 0; step < ops.length; step++) {
    const bad = opProblems(ops[step], step);
    if (bad.length > 0) {
      run.problems.push(...bad);
      continue;
    }
    const op = ops[step] as AmqpOp;
    if (!execOp(run, op, step)) {
      run.problems.push(`step ${step}: the run stopped after ${MAX_EVENTS_PER_RUN} events`);
      break;
    }
  }
  return run;
}

function execOp(run: AmqpRunResult, op: AmqpOp, step: number): boolean {
  const s = run.state;
  if (op.op === 'queueStats') {
    const q = s.queues.get(op.queue);
    if (q === undefined)
      run.problems.push(`step ${step}: queueStats: queue "${op.queue}" does not exist`);
    else {
      const ready = readyCount(q);
      run.observations.push({
        kind: 'queueStats',
        step,
        queue: op.queue,
        messages: ready + q.unacked,
        messages_ready: ready,
        messages_unacknowledged: q.unacked,
        consumers: consumerCount(q),
      });
    }
    return true;
  }
  if (op.op === 'advanceTime') {
    const target = run.timeUs + op.ms * 1000;
    for (;;) {
      const due = nextDueUs(s);
      if (due === null || due <= run.timeUs || due > target) break;
      run.timeUs = due;
      if (!settle(run, step)) return false;
    }
    run.timeUs = target;
    return settle(run, step);
  }
  const r = decideOp(s, op, run.timeUs);
  if (r.problem !== undefined) run.problems.push(`step ${step}: ${op.op}: ${r.problem}`);
  apply(run, r.events, step);
  return settle(run, step);
}

function settle(run: AmqpRunResult, step: number): boolean {
  while (run.events.length < MAX_EVENTS_PER_RUN) {
    const expired = decideExpiry(run.state, run.timeUs);
    if (expired.length > 0) {
      apply(run, expired, step);
      continue;
    }
    const d = decideDispatch(run.state, run.timeUs);
    if (d === null) return true;
    apply(run, [d], step);
  }
  return false;
}

function apply(run: AmqpRunResult, events: AmqpEvent[], step: number): void {
  for (const e of events) {
    const o = observe(run.state, e, step);
    if (o !== null) run.observations.push(o);
    evolveAmqp(run.state, e);
    run.events.push(e);
  }
}

/** The headers a client sees: the message's, plus x-delivery-count from a quorum queue. */
export function deliveryHeaders(
  s: AmqpState,
  e: Extract<AmqpEvent, { type: 'amqp.delivered' }>,
): AmqpTable | undefined {
  const q = s.queues.get(e.queue);
  let h = e.message.headers;
  // rabbit_fifo_client (3.10.8): basic.get (dequeue) always adds x-delivery-count, 0 the
  // first time; a consumer delivery only once the message has come back. 4.x: only then.
  const always = e.consumerTag === null && s.profile === '3.10';
  if (q?.type === 'quorum' && (e.deliveryCount > 0 || always)) {
    h = tableSet(h, 'x-delivery-count', e.deliveryCount);
  }
  return h === undefined || Object.keys(h).length === 0 ? undefined : h;
}

/** What the client sees of an event (read from the state before the event applies). */
function observe(s: AmqpState, e: AmqpEvent, step: number): AmqpObservation | null {
  switch (e.type) {
    case 'amqp.delivered': {
      const headers = deliveryHeaders(s, e);
      const common = {
        step,
        channel: e.channel,
        deliveryTag: e.deliveryTag,
        redelivered: e.redelivered,
        exchange: e.message.exchange,
        routingKey: e.message.routingKey,
        body: e.message.body,
        ...(headers === undefined ? {} : { headers }),
      };
      if (e.consumerTag !== null)
        return { kind: 'delivery', consumerTag: e.consumerTag, ...common };
      return { kind: 'get', queue: e.queue, messageCount: e.messageCount ?? 0, ...common };
    }
    case 'amqp.getEmpty':
      return { kind: 'getEmpty', step, channel: e.channel, queue: e.queue };
    case 'amqp.confirmed':
      return { kind: 'confirm', step, channel: e.channel, seq: e.seq, ack: e.ack };
    case 'amqp.returned':
      return {
        kind: 'return',
        step,
        channel: e.channel,
        replyCode: e.replyCode,
        replyText: e.replyText,
        exchange: e.exchange,
        routingKey: e.routingKey,
        body: e.body,
      };
    case 'amqp.channelError':
      return { kind: 'channelError', step, channel: e.channel, code: e.code, text: e.text };
    case 'amqp.connectionError':
      return { kind: 'connectionError', step, code: e.code, text: e.text };
    default:
      return null;
  }
}
