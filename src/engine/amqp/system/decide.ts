/**
 * What RabbitMQ's actors do next, as events: the broker (topology declarations, deliveries,
 * expiry), publishers, and consumer members. Draws randomness from counter-based streams
 * (kernel/rng.ts); never changes the state (evolve.ts does).
 */
import type { SimEvent } from '../../kafka/events';
import type { LogRecord, RecordAppended } from '../../kafka/events';
import type { EmitModel } from '../../kafka/model';
import { partitionForKey } from '../../kafka/murmur2';
import { countSeen, METADATA_MAX_AGE_MS } from '../../kafka/addPartitions';
import { nextSendUs, chooseKey } from '../../kafka/producer';
import { sampleFrom } from '../../kafka/distributions';
import type { SimState } from '../../kafka/state';
import { draw01 } from '../../kernel/rng';
import { decideOp } from '../decideOp';
import { decideDispatch, decideExpiry } from '../deliver';
import type { AmqpEvent } from '../events';
import { publishInto } from '../publish';
import type { AmqpOp } from '../script';
import { decideAck, decideChannelClose, decideNack, decideRestart } from '../settle';
import type { AmqpMessage, AmqpMeta } from '../state';
import { Tx } from '../tx';
import type { AmqpClientEvent, AmqpSimEvent } from './events';
import { memberConnectOps, RECOVERY_INTERVAL_US, type PublisherModel } from './model';
import type { AmqpSimState, HeldDelivery } from './state';

const stamp = (evs: AmqpEvent[], t: number): AmqpSimEvent[] =>
  evs.map((e) => ({ ...e, timeUs: t }) as AmqpSimEvent);

/** Several ops in one step, each seeing the ones before. */
function runOps(a: AmqpSimState, ops: AmqpOp[], t: number): AmqpSimEvent[] {
  const tx = new Tx(a.broker, t);
  for (const op of ops) for (const e of decideOp(tx.s, op, t).events) tx.emit(e);
  return stamp(tx.events, t);
}

/** A Kafka record's identity as a RabbitMQ message's meta (a bridge from a Kafka service). */
export function recordMeta(r: LogRecord): AmqpMeta {
  return {
    eventId: r.eventId,
    eventType: r.eventType,
    entity: r.entity,
    keyId: r.keyId,
    producer: r.producer,
    correlationId: r.correlationId,
    causationId: r.causationId,
    poison: r.poison === true,
  };
}

export const metaOf = (m: AmqpMessage): AmqpMeta => m.meta ?? {};
export const eventIdOf = (m: AmqpMessage): number => {
  const v = m.meta?.eventId;
  return typeof v === 'number' ? v : -m.id;
};

/** The broker actor: topology first, then a delivery, then expiries. */
export function brokerStep(s: SimState, t: number): SimEvent[] {
  const a = s.amqp!;
  const m = s.model.amqp!;
  if (a.topologyCursor < m.topology.length && t >= a.recoverUs) {
    const op = m.topology[a.topologyCursor]!;
    return [
      ...runOps(a, [op], t),
      { type: 'amqp.topologyStep', timeUs: t, next: a.topologyCursor + 1 },
    ];
  }
  const d = decideDispatch(a.broker, t);
  if (d !== null) return stamp([d], t);
  const ex = decideExpiry(a.broker, t);
  if (ex.length > 0) return stamp(ex, t);
  return [{ type: 'amqp.brokerChecked', timeUs: t }];
}

function fillRoutingKey(
  pm: PublisherModel,
  entity: string | null,
  eventType: string,
  u: number,
  counter: number,
): string {
  const rk = pm.routingKey;
  if (rk.kind === 'choice') {
    let i = 0;
    while (i < rk.cdf.length - 1 && rk.cdf[i]! <= u) i++;
    return rk.keys[i] ?? '';
  }
  let out = '';
  let k = 10;
  for (const part of rk.parts) {
    if (typeof part === 'string') out += part;
    else if (part.field === 'key') out += entity ?? '';
    else if (part.field === 'type') out += eventType;
    else {
      const v = pm.payload[part.field];
      if (Array.isArray(v)) {
        const pick = v[Math.floor(draw01(pm.p.streamKey, counter, k++) * v.length)];
        out += pick === undefined || pick === null ? '' : String(pick);
      } else if (v !== undefined && v !== null)
        out += typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  }
  return out;
}

/** A publisher sends its next message to its exchange. */
export function publisherStep(s: SimState, pi: number, t: number): SimEvent[] {
  const a = s.amqp!;
  const pm = s.model.amqp!.publishers[pi]!;
  const ps = a.publishers[pi]!;
  const key0 = pm.p.streamKey;
  const ki = chooseKey(pm.p, draw01(key0, ps.sent, 0));
  const entity = ki < 0 ? null : pm.p.keyNames[ki]!;
  const keyId = ki < 0 ? -1 : (s.model.keyIds.get(entity!) ?? -1);
  const eventId = s.nextEventId;
  const routingKey = fillRoutingKey(pm, entity, pm.p.eventType, draw01(key0, ps.sent, 1), ps.sent);
  const next = nextSendUs(pm.p, t, key0, ps.sent);
  const open = a.broker.channels.has(pm.channel);
  const sent: AmqpClientEvent = {
    type: 'amqp.messageSent',
    timeUs: t,
    publisher: pm.id,
    eventId,
    eventType: pm.p.eventType,
    entity,
    keyId,
    routingKey,
    poison: ps.poisonNext,
    channelOpen: open,
    nextSendUs: Number.isFinite(next) ? next : null,
  };
  if (!open) return [sent];
  const meta: AmqpMeta = {
    eventId,
    eventType: pm.p.eventType,
    entity,
    keyId,
    producer: pm.id,
    correlationId: eventId,
    causationId: null,
    poison: ps.poisonNext,
  };
  const tx = new Tx(a.broker, t);
  publishInto(tx, {
    channel: pm.channel,
    exchange: pm.exchange,
    routingKey,
    body: bodyOf(pm.p.eventType, entity, eventId, pm.bodyBytes),
    ...(pm.headers ? { headers: pm.headers } : {}),
    ...(pm.expiration !== undefined ? { expiration: pm.expiration } : {}),
    mandatory: pm.mandatory,
    persistent: pm.persistent,
    meta,
  });
  return [sent, ...stamp(tx.events, t)];
}

function bodyOf(type: string, entity: string | null, eventId: number, bytes: number): string {
  const b = JSON.stringify({ type, key: entity, eventId });
  return b.length >= bytes ? b : b + ' '.repeat(bytes - b.length);
}

/** A consumer member: connect, start handling the next delivery, or finish the current one. */
export function amqpMemberStep(s: SimState, j: number, t: number): SimEvent[] {
  const a = s.amqp!;
  const m = s.model.amqp!;
  const ms = a.members[j]!;
  const mm = m.members[j]!;
  const c = m.consumers[mm.consumer]!;
  if (ms.status === 'connecting' || ms.status === 'disconnected') {
    return [
      { type: 'amqp.memberConnected', timeUs: t, consumer: c.id, member: mm.id, fault: null },
      ...runOps(a, memberConnectOps(m, j), t),
    ];
  }
  if (ms.busy !== null) return finishHandling(s, j, ms.busy, t);
  if (ms.handledUnacked > 0 && (t >= ms.flushUs || ms.buffer.length === 0))
    return flushAcks(a, mm.channel, ms.lastHandledTag, t);
  const d = ms.buffer[0]!;
  const doneUs = t + sampleFrom(mm.processing, mm.streamKey, ms.steps, 0);
  return [
    {
      type: 'amqp.handlingStarted',
      timeUs: t,
      consumer: c.id,
      member: mm.id,
      deliveryTag: d.deliveryTag,
      eventId: eventIdOf(d.msg),
      doneUs,
    },
  ];
}

function finishHandling(s: SimState, j: number, d: HeldDelivery, t: number): SimEvent[] {
  const a = s.amqp!;
  const m = s.model.amqp!;
  const mm = m.members[j]!;
  const ms = a.members[j]!;
  const c = m.consumers[mm.consumer]!;
  const meta = metaOf(d.msg);
  const eventId = eventIdOf(d.msg);
  const poison = meta.poison === true;
  const fails = poison || (c.failRate > 0 && draw01(mm.streamKey, ms.steps, 2) < c.failRate);
  const seen = a.processedIds[c.index]!.get(eventId) ?? 0;
  const dedup = a.dedup[c.index] ?? null;
  const deduplicated = !fails && dedup !== null && dedup.has(eventId);
  const entity = typeof meta.entity === 'string' ? meta.entity : null;
  const producer = typeof meta.producer === 'string' ? meta.producer : '';
  let reorderedAfter: number | null = null;
  if (!fails && entity !== null && seen === 0) {
    const max = a.orderMax[c.index]!.get(`${producer}\u0000${entity}`);
    if (max !== undefined && max > eventId) reorderedAfter = max;
  }
  const eventType = typeof meta.eventType === 'string' ? meta.eventType : '';
  const out: SimEvent[] = [
    {
      type: 'amqp.handled',
      timeUs: t,
      consumer: c.id,
      member: mm.id,
      deliveryTag: d.deliveryTag,
      eventId,
      eventType,
      entity,
      producer,
      queue: d.queue,
      redelivered: d.redelivered,
      ok: !fails,
      duplicate: !fails && seen > 0 && !deduplicated,
      deduplicated,
      reorderedAfter,
    },
  ];
  if (!c.autoAck) {
    // A batching consumer acknowledges its handled deliveries together (basic.ack with
    // multiple=true) once it has `ackEvery` of them; until then they stay unacked, and a crash
    // or a lost connection sends them back to the queue to be handled again (duplicates).
    if (fails)
      out.push(...stamp(decideNack(a.broker, mm.channel, d.deliveryTag, false, c.requeue, t), t));
    else if (c.ackEvery <= 1)
      out.push(...stamp(decideAck(a.broker, mm.channel, d.deliveryTag, false, t), t));
    else if (ms.handledUnacked + 1 >= c.ackEvery)
      out.push(...stamp(decideAck(a.broker, mm.channel, d.deliveryTag, true, t), t));
  }
  if (!fails && !deduplicated) {
    const rules = c.handlers.get(eventType);
    if (rules) out.push(...emits(s, rules, d.msg, c.id, mm.streamKey, ms.steps, t, out));
  }
  return out;
}

/** A batching consumer acknowledges everything it handled up to `tag` (multiple=true). */
function flushAcks(a: AmqpSimState, channel: string, tag: number, t: number): SimEvent[] {
  const evs = decideAck(a.broker, channel, tag, true, t);
  if (evs.length === 0) throw new Error(`invariant: nothing to acknowledge on ${channel}`);
  return stamp(evs, t);
}

/**
 * A service's emits: records appended to Kafka topics, messages published to RabbitMQ
 * exchanges (on the service's channel). Used by RabbitMQ consumers and by Kafka services.
 */
export function emits(
  s: SimState,
  rules: EmitModel[],
  source: AmqpMessage | { meta: AmqpMeta },
  service: string,
  key0: number,
  counter: number,
  t: number,
  before: readonly SimEvent[],
): SimEvent[] {
  const meta = source.meta ?? {};
  const entity = typeof meta.entity === 'string' ? meta.entity : null;
  const keyId = typeof meta.keyId === 'number' ? meta.keyId : -1;
  const causation = typeof meta.eventId === 'number' ? meta.eventId : null;
  const correlation =
    typeof meta.correlationId === 'number' ? meta.correlationId : (causation ?? 0);
  let nextId = s.nextEventId;
  for (const e of before)
    if (
      'eventId' in e &&
      typeof e.eventId === 'number' &&
      e.eventId >= nextId &&
      e.type === 'recordAppended'
    )
      nextId = e.eventId + 1;
  const out: SimEvent[] = [];
  const perGp = new Map<number, number>();
  let tx: Tx | null = null;
  let k = 5;
  for (const rule of rules) {
    if (rule.probability < 1 && draw01(key0, counter, k++) >= rule.probability) continue;
    const key = rule.sameKey ? entity : null;
    const eventId = nextId++;
    if (rule.topic >= 0) {
      const topic = s.model.topics[rule.topic]!;
      // The bridge's Kafka producer knows added partitions after Kafka's default
      // metadata.max.age.ms (addPartitions.ts).
      const count =
        s.model.partitionSteps.length === 0
          ? topic.partitions
          : countSeen(
              s.model.partitionSteps,
              rule.topic,
              topic.initialPartitions,
              0,
              METADATA_MAX_AGE_MS * 1000,
              t,
            );
      const partition = key !== null ? partitionForKey(key, count) : eventId % count;
      const gp = topic.firstGp + partition;
      const before2 = perGp.get(gp) ?? 0;
      perGp.set(gp, before2 + 1);
      const rec: RecordAppended = {
        type: 'recordAppended',
        timeUs: t,
        producer: service,
        topic: topic.name,
        partition,
        offset: s.leo[gp]! + before2,
        key,
        entity,
        keyId,
        eventId,
        eventType: rule.type,
        causationId: causation,
        correlationId: correlation,
      };
      out.push(rec);
    } else if (rule.exchange !== undefined && s.amqp) {
      const channel = s.model.amqp!.serviceChannels.get(service);
      if (channel === undefined) continue;
      const rk = (rule.routingKey ?? '')
        .replace(/\{key\}/g, entity ?? '')
        .replace(/\{type\}/g, rule.type);
      if (!s.amqp.broker.channels.has(channel)) {
        out.push({
          type: 'amqp.emitLost',
          timeUs: t,
          service,
          exchange: rule.exchange,
          routingKey: rk,
          eventId,
          eventType: rule.type,
          entity,
        });
        continue;
      }
      tx ??= new Tx(s.amqp.broker, t);
      publishInto(tx, {
        channel,
        exchange: rule.exchange,
        routingKey: rk,
        body: bodyOf(rule.type, entity, eventId, 0),
        persistent: true,
        meta: {
          eventId,
          eventType: rule.type,
          entity,
          keyId,
          producer: service,
          correlationId: correlation,
          causationId: causation,
          poison: false,
        },
      });
    }
  }
  if (tx) out.push(...stamp(tx.events, t));
  return out;
}

/** RabbitMQ's faults (the Kafka fault actor hands them over). */
export function amqpFaultStep(
  s: SimState,
  t: number,
  kind: string,
  fault: number,
  target: { consumer: string; member: string } | { publisher: string } | null,
  durationUs: number,
): SimEvent[] {
  const a = s.amqp!;
  const m = s.model.amqp!;
  const skip = (reason: string): SimEvent[] => [{ type: 'faultSkipped', timeUs: t, fault, reason }];
  if (kind === 'rabbitmqRestart') {
    return [
      {
        type: 'amqp.brokerRestarting',
        timeUs: t,
        fault,
        recoverUs: t + RECOVERY_INTERVAL_US,
        lostEventIds: autoAckHeld(s),
      },
      ...stamp(decideRestart(a.broker, t), t),
    ];
  }
  if (target !== null && 'publisher' in target) {
    if (kind !== 'poisonMessage') return skip(`${kind} does not apply to a publisher`);
    return [{ type: 'amqp.poisonArmed', timeUs: t, fault, publisher: target.publisher }];
  }
  if (target === null) return skip(`${kind}: no such RabbitMQ consumer member`);
  const j = m.memberIndex.get(`${target.consumer}\u0000${target.member}`);
  if (j === undefined) return skip(`${target.member} is not a member of ${target.consumer}`);
  const ms = a.members[j]!;
  const mm = m.members[j]!;
  const down = ms.status === 'crashed' || ms.status === 'disconnected';
  const lost = (): number[] => heldAutoAck(s, j);
  switch (kind) {
    case 'crash':
      if (ms.status === 'crashed') return skip(`${mm.id} is already crashed`);
      return [
        { type: 'amqp.memberCrashed', timeUs: t, ...target, fault, lostEventIds: lost() },
        ...stamp(decideChannelClose(a.broker, mm.channel, t), t),
      ];
    case 'connectionLoss':
      if (down) return skip(`${mm.id} is ${ms.status}`);
      return [
        {
          type: 'amqp.connectionLost',
          timeUs: t,
          ...target,
          fault,
          untilUs: t + durationUs,
          lostEventIds: lost(),
        },
        ...stamp(decideChannelClose(a.broker, mm.channel, t), t),
      ];
    case 'restart':
      if (ms.status !== 'crashed') return skip(`${mm.id} is ${ms.status}`);
      return [
        { type: 'amqp.memberConnected', timeUs: t, ...target, fault },
        ...runOps(a, memberConnectOps(m, j), t),
      ];
    default:
      return skip(`${kind} is a Kafka fault; ${target.consumer} is a RabbitMQ consumer`);
  }
}

/** Auto-ack deliveries member j holds (received, not yet handled): lost if it dies. */
function heldAutoAck(s: SimState, j: number): number[] {
  const m = s.model.amqp!;
  const c = m.consumers[m.members[j]!.consumer]!;
  if (!c.autoAck) return [];
  const ms = s.amqp!.members[j]!;
  return [...(ms.busy ? [ms.busy] : []), ...ms.buffer].map((d) => eventIdOf(d.msg));
}

function autoAckHeld(s: SimState): number[] {
  const out: number[] = [];
  s.model.amqp!.members.forEach((_, j) => out.push(...heldAutoAck(s, j)));
  return out;
}
