/**
 * Applies RabbitMQ's events to a simulation state: the broker's through ../evolve.ts, the
 * clients' here, then reschedules RabbitMQ's actors. The only code that changes RabbitMQ's part
 * of the state in a run.
 */
import { FAULT_ACTOR } from '../../kafka/model';
import { faultWakeUs } from '../../kafka/addPartitions';
import type { SimState } from '../../kafka/state';
import { decideDispatch, nextDueUs } from '../deliver';
import { evolveAmqp } from '../evolve';
import type { AmqpEvent } from '../events';
import { eventIdOf } from './decide';
import { isClientEvent, type AmqpClientEvent, type AmqpSimEvent } from './events';
import { amqpMemberActor, brokerActor, publisherActor } from './model';
import type { AmqpMemberState, AmqpSimState } from './state';

const INF = Number.POSITIVE_INFINITY;

export function evolveAmqpSim(s: SimState, e: AmqpSimEvent): void {
  s.timeUs = e.timeUs;
  const a = s.amqp;
  if (a === null) throw new Error(`invariant: ${e.type} in a run without RabbitMQ`);
  if (isClientEvent(e)) client(s, a, e);
  else broker(s, a, e);
  wakeBroker(s, a, e.timeUs);
}

function nextFault(s: SimState): void {
  s.faultCursor++;
  s.wake.set(FAULT_ACTOR, faultWakeUs(s));
}

function memberOf(s: SimState, consumer: string, member: string): number {
  const j = s.model.amqp!.memberIndex.get(`${consumer}\u0000${member}`);
  if (j === undefined) throw new Error(`invariant: no RabbitMQ member ${consumer}/${member}`);
  return j;
}

function lose(
  a: AmqpSimState,
  n: number,
  kind:
    | 'lostAutoAck'
    | 'lostRestart'
    | 'lostDisconnected'
    | 'lostDropped'
    | 'lostUnroutable'
    | 'lostRefused',
): void {
  a.counters.lost += n;
  a.counters[kind] += n;
}

function client(s: SimState, a: AmqpSimState, e: AmqpClientEvent): void {
  const m = s.model.amqp!;
  const c = a.counters;
  switch (e.type) {
    case 'amqp.topologyStep':
      a.topologyCursor = e.next;
      break;
    case 'amqp.brokerChecked':
      a.checkedUs = e.timeUs;
      break;
    case 'amqp.messageSent': {
      const pi = m.publisherIndex.get(e.publisher)!;
      const ps = a.publishers[pi]!;
      ps.sent++;
      if (e.poison) ps.poisonNext = false;
      c.sent++;
      if (e.eventId >= s.nextEventId) s.nextEventId = e.eventId + 1;
      if (!e.channelOpen) lose(a, 1, 'lostDisconnected');
      s.wake.set(publisherActor(m, pi), e.nextSendUs ?? INF);
      break;
    }
    case 'amqp.emitLost':
      if (e.eventId >= s.nextEventId) s.nextEventId = e.eventId + 1;
      lose(a, 1, 'lostDisconnected');
      break;
    case 'amqp.handlingStarted': {
      const j = memberOf(s, e.consumer, e.member);
      const ms = a.members[j]!;
      const d = ms.buffer.shift();
      if (d === undefined || d.deliveryTag !== e.deliveryTag)
        throw new Error(`invariant: ${e.member} starts delivery ${e.deliveryTag} it does not hold`);
      ms.busy = { ...d, doneUs: e.doneUs };
      ms.steps++;
      s.wake.set(amqpMemberActor(m, j), e.doneUs);
      break;
    }
    case 'amqp.handled': {
      const j = memberOf(s, e.consumer, e.member);
      const ms = a.members[j]!;
      const ci = m.members[j]!.consumer;
      const cm = m.consumers[ci]!;
      ms.busy = null;
      ms.steps++;
      if (e.ok) {
        c.processed++;
        const ids = a.processedIds[ci]!;
        ids.set(e.eventId, (ids.get(e.eventId) ?? 0) + 1);
        a.dedup[ci]?.add(e.eventId);
        if (e.duplicate) c.duplicates++;
        if (e.deduplicated) c.deduplicated++;
        if (e.reorderedAfter !== null) c.reordered++;
        if (e.entity !== null) {
          const k = `${e.producer}\u0000${e.entity}`;
          const max = a.orderMax[ci]!.get(k);
          if (max === undefined || e.eventId > max) a.orderMax[ci]!.set(k, e.eventId);
        }
        if (!cm.autoAck && cm.ackEvery > 1) {
          if (ms.handledUnacked === 0) ms.flushUs = e.timeUs + cm.ackFlushUs;
          ms.handledUnacked++;
          ms.lastHandledTag = e.deliveryTag;
        }
      } else {
        c.handlerFailures++;
        if (cm.autoAck) lose(a, 1, 'lostAutoAck');
      }
      wakeMember(s, a, j, e.timeUs);
      break;
    }
    case 'amqp.memberCrashed':
    case 'amqp.connectionLost': {
      const j = memberOf(s, e.consumer, e.member);
      const ms = a.members[j]!;
      ms.status = e.type === 'amqp.memberCrashed' ? 'crashed' : 'disconnected';
      dropHeld(ms);
      lose(a, e.lostEventIds.length, 'lostAutoAck');
      if (e.type === 'amqp.connectionLost') {
        ms.reconnectUs = e.untilUs;
        s.wake.set(amqpMemberActor(m, j), e.untilUs);
      } else s.wake.set(amqpMemberActor(m, j), INF);
      nextFault(s);
      break;
    }
    case 'amqp.memberConnected': {
      const j = memberOf(s, e.consumer, e.member);
      const ms = a.members[j]!;
      ms.status = 'up';
      dropHeld(ms);
      s.wake.set(amqpMemberActor(m, j), INF);
      if (e.fault !== null) nextFault(s);
      break;
    }
    case 'amqp.brokerRestarting':
      lose(a, e.lostEventIds.length, 'lostAutoAck');
      a.topologyCursor = 0;
      a.recoverUs = e.recoverUs;
      a.members.forEach((ms, j) => {
        dropHeld(ms);
        if (ms.status === 'crashed') return;
        ms.status = 'disconnected';
        ms.reconnectUs = Math.max(ms.reconnectUs, e.recoverUs);
        s.wake.set(amqpMemberActor(m, j), ms.reconnectUs);
      });
      nextFault(s);
      break;
    case 'amqp.poisonArmed':
      a.publishers[m.publisherIndex.get(e.publisher)!]!.poisonNext = true;
      nextFault(s);
      break;
    default: {
      const never: never = e;
      throw new Error(`unexpected RabbitMQ client event ${JSON.stringify(never)}`);
    }
  }
}

function broker(s: SimState, a: AmqpSimState, e: AmqpEvent & { timeUs: number }): void {
  evolveAmqp(a.broker, e);
  const m = s.model.amqp!;
  const c = a.counters;
  switch (e.type) {
    case 'amqp.published': {
      c.published++;
      const st = a.exchangeStats.get(e.message.exchange) ?? { routed: 0, unroutable: 0 };
      a.exchangeStats.set(e.message.exchange, st);
      if (e.queues.length > 0) {
        c.routed++;
        st.routed++;
      } else {
        st.unroutable++;
        if (e.rejectedBy.length === 0) {
          c.unroutable++;
          if (!e.mandatory) lose(a, 1, 'lostUnroutable');
        }
      }
      c.refusedByQueue += e.rejectedBy.length;
      lose(a, refusedForGood(a, e.rejectedBy), 'lostRefused');
      if (e.bindings !== undefined) countBindings(a, e.bindings);
      const id = e.message.meta?.eventId;
      if (typeof id === 'number' && id >= s.nextEventId) s.nextEventId = id + 1;
      break;
    }
    case 'amqp.returned':
      c.returned++;
      break;
    case 'amqp.confirmed':
      if (e.ack) c.confirmAcks++;
      else c.confirmNacks++;
      break;
    case 'amqp.delivered': {
      c.delivered++;
      if (e.redelivered) c.redelivered++;
      const id = eventIdOf(e.message);
      // Per message and queue: a message routed to two queues is not delivered twice.
      const key = `${id}\u0000${e.queue}`;
      const n = (a.deliveries.get(key) ?? 0) + 1;
      a.deliveries.set(key, n);
      if (n > c.maxDeliveries) c.maxDeliveries = n;
      const j = m.channelMember.get(e.channel);
      if (j === undefined || e.consumerTag === null) break;
      const ms = a.members[j]!;
      if (e.redelivered) {
        ms.redelivered++;
        ms.lastRedelivered = id;
      }
      ms.buffer.push({
        deliveryTag: e.deliveryTag,
        msg: e.message,
        redelivered: e.redelivered,
        queue: e.queue,
      });
      if (ms.busy === null && ms.status === 'up') s.wake.set(amqpMemberActor(m, j), e.timeUs);
      break;
    }
    case 'amqp.acked': {
      c.acked += e.deliveryTags.length;
      const j = m.channelMember.get(e.channel);
      if (j === undefined) break;
      const ms = a.members[j]!;
      if (ms.handledUnacked > 0 && e.deliveryTags.includes(ms.lastHandledTag)) {
        ms.handledUnacked = 0;
        ms.flushUs = INF;
        wakeMember(s, a, j, e.timeUs);
      }
      break;
    }
    case 'amqp.requeued':
      c.requeued += e.deliveryTags.length;
      break;
    case 'amqp.deadLettered': {
      c.deadLettered++;
      if (e.bindings !== undefined) countBindings(a, e.bindings);
      // The dead-letter exchange routed (or could not route) the copy: its tile counts it.
      const st = a.exchangeStats.get(e.message.exchange) ?? { routed: 0, unroutable: 0 };
      a.exchangeStats.set(e.message.exchange, st);
      if (e.queues.length > 0) st.routed++;
      else st.unroutable++;
      // The dead-letter exchange routed this copy nowhere: RabbitMQ drops it silently.
      if (e.queues.length === 0 && e.rejectedBy.length === 0) lose(a, 1, 'lostUnroutable');
      lose(a, refusedForGood(a, e.rejectedBy), 'lostRefused');
      break;
    }
    case 'amqp.dropped':
      lose(a, 1, 'lostDropped');
      break;
    case 'amqp.brokerRestarted':
      lose(a, e.lostMessages, 'lostRestart');
      break;
    case 'amqp.channelClosed': {
      const j = m.channelMember.get(e.channel);
      if (j === undefined) break;
      const ms = a.members[j]!;
      if (ms.status !== 'up' && ms.status !== 'connecting') break;
      // Closed by the broker (a channel error): the client reopens it after the recovery interval.
      ms.status = 'disconnected';
      dropHeld(ms);
      ms.reconnectUs = e.timeUs + 5_000_000;
      s.wake.set(amqpMemberActor(m, j), ms.reconnectUs);
      break;
    }
    default:
      break;
  }
}

/** A member's channel is gone: what it held is the broker's again (requeued or lost). */
function dropHeld(ms: AmqpMemberState): void {
  ms.buffer = [];
  ms.busy = null;
  ms.handledUnacked = 0;
  ms.flushUs = INF;
}

/** An up member acts when handling finishes, when a delivery waits, or when a batch of acks is due. */
function wakeMember(s: SimState, a: AmqpSimState, j: number, t: number): void {
  const ms = a.members[j]!;
  const actor = amqpMemberActor(s.model.amqp!, j);
  if (ms.status !== 'up') return;
  if (ms.busy !== null) s.wake.set(actor, ms.busy.doneUs);
  else if (ms.buffer.length > 0) s.wake.set(actor, t);
  else s.wake.set(actor, ms.handledUnacked > 0 ? Math.max(t, ms.flushUs) : INF);
}

/** The broker acts now when a declaration or a delivery is due, else at the next expiry. */
function wakeBroker(s: SimState, a: AmqpSimState, t: number): void {
  const m = s.model.amqp!;
  let w = INF;
  if (a.topologyCursor < m.topology.length) w = Math.max(t, a.recoverUs);
  else if (decideDispatch(a.broker, t) !== null) w = t;
  else {
    const due = nextDueUs(a.broker);
    if (due !== null) {
      const d = Math.max(t, due);
      if (d > a.checkedUs) w = d;
    }
  }
  s.wake.set(brokerActor(m), w);
}

/** Queues that refused a copy with x-overflow reject-publish: it is gone (reject-publish-dlx
 *  dead-letters it instead, which later events account for). */
function refusedForGood(a: AmqpSimState, queues: readonly string[]): number {
  let n = 0;
  for (const q of queues) if (a.broker.queues.get(q)?.cfg.overflow === 'reject-publish') n++;
  return n;
}

function countBindings(a: AmqpSimState, keys: string[]): void {
  for (const k of keys) a.bindingStats.set(k, (a.bindingStats.get(k) ?? 0) + 1);
}
