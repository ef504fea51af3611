/**
 * RabbitMQ's anomalies, found from its events (`amqp.*`) as Kafka's are from Kafka's: a message
 * handled twice by one consumer (a duplicate: why it came back), an entity's later message
 * handled before an earlier one (reordered: a requeue or competing consumers), messages lost
 * (auto-ack + crash, unroutable without `mandatory`, dropped with no dead-letter exchange,
 * transient at a restart, sent while disconnected), dead-lettered (reason and x-death count),
 * and a poison loop (stuck). Counts are in messages, as the summary's `amqp` counters.
 */
import type { AmqpSimEvent } from '../engine';
import { msg } from '../i18n/translate';
import type { Msg, Param } from '../i18n/types';
import type { Anomaly, AnomalyCause, AnomalyKind } from './anomaly';
import { AmqpFacts, amqpEventId, type MessageInfo, type Requeue } from './amqpFacts';
import { timeParam, times } from './format';

/** Ids listed in one explanation; more are counted, not listed. */
const MAX_IDS = 8;

/** A message as explanations name it: "#12 (order-3)". */
export function messageName(eventId: number, entity: string | null | undefined): string {
  return entity ? `#${eventId} (${entity})` : `#${eventId}`;
}

/** Why a message went back to its queue, as a clause. */
export function requeueText(r: Requeue): Msg {
  const member = r.member ?? '?';
  switch (r.cause) {
    case 'consumer-crash':
      return msg('explain.amqp.why.crash', { member, at: timeParam(r.atUs) });
    case 'connection-lost':
      return msg('explain.amqp.why.connection', { member, at: timeParam(r.atUs) });
    case 'broker-restart':
      return msg('explain.amqp.why.restart', { at: timeParam(r.atUs) });
    case 'requeue':
      return msg('explain.amqp.why.nack', {
        member,
        how: r.how === 'reject' ? 'reject' : 'nack',
        at: timeParam(r.atUs),
      });
    default:
      return msg('explain.amqp.why.channel', { member, at: timeParam(r.atUs) });
  }
}

function base(
  kind: AnomalyKind,
  cause: AnomalyCause,
  index: number,
  timeUs: number,
  place: string,
  count: number,
  explanation: Msg,
  extra: Partial<Anomaly> = {},
): Anomaly {
  const id = `${kind}:${index}:amqp:${place}${extra.eventId === undefined ? '' : `#${extra.eventId}`}${extra.member ? `/${extra.member}` : ''}`;
  return {
    id,
    kind,
    cause,
    index,
    timeUs,
    topic: place,
    partition: -1,
    count,
    explanation,
    system: 'rabbitmq',
    ...extra,
  };
}

/** Options: a message delivered more than `maxDeliveries` times with no ack is a poison loop. */
export class AmqpWatch {
  readonly facts: AmqpFacts;

  constructor(
    facts: AmqpFacts,
    private readonly maxDeliveries: number,
  ) {
    this.facts = facts;
  }

  /** Forgets messages no longer held anywhere (AmqpFacts.release). */
  release(): number {
    return this.facts.release();
  }

  /** The anomalies event `index` makes visible; then folds it into the facts. */
  push(e: AmqpSimEvent, index: number): Anomaly[] {
    const out = this.detect(e, index);
    this.facts.apply(e, index);
    if (e.type === 'amqp.delivered') {
      const stuck = this.poison(e, index);
      if (stuck) out.push(stuck);
    }
    return out;
  }

  private detect(e: AmqpSimEvent, index: number): Anomaly[] {
    switch (e.type) {
      case 'amqp.handled':
        return this.handled(e, index);
      case 'amqp.memberCrashed':
      case 'amqp.connectionLost':
      case 'amqp.brokerRestarting': {
        if (e.lostEventIds.length === 0) return [];
        const who = e.type === 'amqp.brokerRestarting' ? null : e;
        // The first few ids name them; the count says how many (a long list would drown the line).
        const shown = e.lostEventIds.slice(0, MAX_IDS).map((id) => `#${id}`);
        const ids = shown.join(', ') + (e.lostEventIds.length > MAX_IDS ? ', …' : '');
        const explanation = msg('explain.amqp.lost.autoAck', {
          n: e.lostEventIds.length,
          ids,
          member: who?.member ?? '',
          consumer: who?.consumer ?? '',
          event:
            e.type === 'amqp.memberCrashed'
              ? 'crash'
              : e.type === 'amqp.connectionLost'
                ? 'connection'
                : 'restart',
          at: timeParam(e.timeUs),
        });
        const queue = who ? this.queueOfConsumer(who.consumer) : '';
        return [
          base('lost', 'auto-ack', index, e.timeUs, queue, e.lostEventIds.length, explanation, {
            ...(queue ? { queue } : {}),
            ...(who ? { consumer: who.consumer, member: who.member } : {}),
            eventId: e.lostEventIds[0]!,
            causeIndex: index,
          }),
        ];
      }
      case 'amqp.published': {
        const refused = this.refused(e, e.rejectedBy, index, e.publishSeq !== null);
        if (e.queues.length > 0 || e.rejectedBy.length > 0 || e.mandatory) return refused;
        const id = amqpEventId(e.message);
        const explanation = msg('explain.amqp.lost.unroutable', {
          message: messageName(id, entityOf(e.message.meta)),
          exchange: e.message.exchange || '(AMQP default)',
          routingKey: e.message.routingKey,
          at: timeParam(e.timeUs),
        });
        return [
          base('lost', 'unroutable', index, e.timeUs, e.message.exchange, 1, explanation, {
            exchange: e.message.exchange,
            eventId: id,
            causeIndex: index,
          }),
        ];
      }
      case 'amqp.messageSent': {
        if (e.channelOpen) return [];
        const restart = this.facts.lastRestart;
        const explanation = msg('explain.amqp.lost.disconnected', {
          message: messageName(e.eventId, e.entity),
          publisher: e.publisher,
          at: timeParam(e.timeUs),
          since: restart
            ? msg('explain.amqp.lost.sinceRestart', { at: timeParam(restart.atUs) })
            : '',
        });
        const exchange = this.model().publishers.find((p) => p.id === e.publisher)?.exchange ?? '';
        return [
          base('lost', 'publisher-disconnected', index, e.timeUs, exchange, 1, explanation, {
            exchange,
            eventId: e.eventId,
            ...(restart ? { causeIndex: restart.index } : {}),
          }),
        ];
      }
      case 'amqp.emitLost': {
        const restart = this.facts.lastRestart;
        const explanation = msg('explain.amqp.lost.emitLost', {
          message: messageName(e.eventId, e.entity),
          service: e.service,
          exchange: e.exchange || '(AMQP default)',
          at: timeParam(e.timeUs),
          since: restart
            ? msg('explain.amqp.lost.sinceRestart', { at: timeParam(restart.atUs) })
            : '',
        });
        return [
          base('lost', 'publisher-disconnected', index, e.timeUs, e.exchange, 1, explanation, {
            exchange: e.exchange,
            eventId: e.eventId,
            ...(restart ? { causeIndex: restart.index } : {}),
          }),
        ];
      }
      case 'amqp.dropped': {
        const id = this.refEventId(e.source);
        const i = id === undefined ? undefined : this.facts.message(id);
        const explanation = msg('explain.amqp.lost.dropped', {
          message: id === undefined ? msg('explain.amqp.aMessage') : messageName(id, i?.entity),
          queue: e.fromQueue,
          at: timeParam(e.timeUs),
          reason: msg(REASON_MSG[e.reason]),
          why: msg(DROP_WHY[e.why]),
        });
        return [
          base('lost', 'dropped', index, e.timeUs, e.fromQueue, 1, explanation, {
            queue: e.fromQueue,
            reason: e.reason,
            ...(id === undefined ? {} : { eventId: id }),
            causeIndex: index,
          }),
        ];
      }
      case 'amqp.brokerRestarted': {
        if (e.lostMessages === 0) return [];
        const explanation = msg('explain.amqp.lost.restart', {
          n: e.lostMessages,
          at: timeParam(e.timeUs),
        });
        return [
          base('lost', 'broker-restart', index, e.timeUs, 'broker', e.lostMessages, explanation, {
            ...(this.facts.lastRestart ? { causeIndex: this.facts.lastRestart.index } : {}),
          }),
        ];
      }
      case 'amqp.deadLettered': {
        const out = [this.deadLettered(e, index), ...this.refused(e, e.rejectedBy, index, false)];
        if (e.queues.length === 0 && e.rejectedBy.length === 0) {
          const id = amqpEventId(e.message);
          const explanation = msg('explain.amqp.lost.deadLetterUnroutable', {
            message: messageName(id, entityOf(e.message.meta)),
            queue: e.fromQueue,
            reason: e.reason,
            exchange: e.message.exchange || '(AMQP default)',
            routingKey: e.message.routingKey,
            at: timeParam(e.timeUs),
          });
          out.push(
            base('lost', 'unroutable', index, e.timeUs, e.message.exchange, 1, explanation, {
              queue: e.fromQueue,
              exchange: e.message.exchange,
              reason: e.reason,
              eventId: id,
              causeIndex: index,
            }),
          );
        }
        return out;
      }
      default:
        return [];
    }
  }

  private model() {
    return this.facts.model.amqp!;
  }

  private queueOfConsumer(consumer: string): string {
    const m = this.model();
    const ci = m.consumerIndex.get(consumer);
    return ci === undefined ? '' : m.consumers[ci]!.queue;
  }

  private refEventId(ref: Parameters<AmqpFacts['takeRef']>[0]): number | undefined {
    if (ref.kind === 'ready') return this.facts.readyEventId(ref.queue, ref.seq);
    if (ref.kind === 'unacked') return this.facts.delivery(ref.channel, ref.deliveryTag)?.eventId;
    return undefined;
  }

  private handled(e: Extract<AmqpSimEvent, { type: 'amqp.handled' }>, index: number): Anomaly[] {
    const out: Anomaly[] = [];
    const info = this.facts.message(e.eventId);
    const name = messageName(e.eventId, e.entity);
    const where = { queue: e.queue, consumer: e.consumer, member: e.member, eventId: e.eventId };
    if (e.ok && (e.duplicate || e.deduplicated)) {
      const first = this.facts.handled.get(e.consumer)?.get(e.eventId);
      const { why, cause, causeIndex } = cameBack(info);
      const explanation = msg('explain.amqp.duplicate', {
        message: name,
        queue: e.queue,
        consumer: e.consumer,
        first: first?.member ?? '?',
        firstAt: timeParam(first?.timeUs ?? Number.NaN),
        why,
        member: e.member,
        at: timeParam(e.timeUs),
        absorbed: e.deduplicated ? 'yes' : 'no',
      });
      out.push(
        base('duplicate', cause, index, e.timeUs, e.queue, e.duplicate ? 1 : 0, explanation, {
          ...where,
          ...(e.entity ? { key: e.entity } : {}),
          ...(e.deduplicated ? { absorbed: true } : {}),
          ...(causeIndex !== undefined ? { causeIndex } : {}),
        }),
      );
    }
    if (e.ok && e.reorderedAfter !== null) out.push(this.reordered(e, info, index));
    if (!e.ok && this.facts.autoAck.get(e.consumer)) {
      const explanation = msg('explain.amqp.lost.autoAckFailed', {
        message: name,
        member: e.member,
        consumer: e.consumer,
        at: timeParam(e.timeUs),
      });
      out.push(
        base('lost', 'auto-ack', index, e.timeUs, e.queue, 1, explanation, {
          ...where,
          causeIndex: index,
        }),
      );
    }
    return out;
  }

  private reordered(
    e: Extract<AmqpSimEvent, { type: 'amqp.handled' }>,
    info: MessageInfo | undefined,
    index: number,
  ): Anomaly {
    const laterId = e.reorderedAfter!;
    const later = this.facts.handled.get(e.consumer)?.get(laterId);
    let cause: AnomalyCause;
    let why: Msg;
    let causeIndex: number | undefined;
    if (info?.lastRequeue) {
      const rc = info.lastRequeue.cause;
      cause = rc === 'channel' ? 'requeue' : rc;
      why = msg('explain.amqp.reorder.requeue', { requeue: requeueText(info.lastRequeue) });
      causeIndex = info.lastRequeue.index;
    } else if (later && later.member !== e.member) {
      cause = 'competing-consumers';
      why = msg('explain.amqp.reorder.competing', {
        consumer: e.consumer,
        laterMember: later.member,
      });
    } else if (info?.lastDeath) {
      cause = 'dead-letter';
      why = msg('explain.amqp.reorder.deadLetter', {
        queue: info.lastDeath.queue,
        reason: info.lastDeath.reason,
        at: timeParam(info.lastDeath.atUs),
      });
      causeIndex = info.lastDeath.index;
    } else {
      cause = 'processing-order';
      why = msg('explain.amqp.reorder.unknown');
    }
    const explanation = msg('explain.amqp.reordered', {
      message: messageName(e.eventId, e.entity),
      consumer: e.consumer,
      member: e.member,
      at: timeParam(e.timeUs),
      later: `#${laterId}`,
      entity: e.entity ?? '',
      laterMember: later?.member ?? '?',
      laterAt: timeParam(later?.timeUs ?? Number.NaN),
      why,
    });
    return base('reordered', cause, index, e.timeUs, e.queue, 1, explanation, {
      queue: e.queue,
      consumer: e.consumer,
      member: e.member,
      eventId: e.eventId,
      ...(e.entity ? { key: e.entity } : {}),
      ...(causeIndex !== undefined ? { causeIndex } : {}),
    });
  }

  /** Copies refused by full queues with x-overflow reject-publish: gone. */
  private refused(
    e: Extract<AmqpSimEvent, { type: 'amqp.published' | 'amqp.deadLettered' }>,
    rejectedBy: readonly string[],
    index: number,
    confirm: boolean,
  ): Anomaly[] {
    const queues = this.facts.refusingForGood(rejectedBy);
    if (queues.length === 0) return [];
    const id = amqpEventId(e.message);
    return queues.map((queue) =>
      base(
        'lost',
        'refused',
        index,
        e.timeUs,
        queue,
        1,
        msg('explain.amqp.lost.refused', {
          message: messageName(id, entityOf(e.message.meta)),
          queue,
          at: timeParam(e.timeUs),
          how: e.type === 'amqp.deadLettered' ? 'deadLetter' : confirm ? 'confirm' : 'plain',
        }),
        { queue, eventId: id, causeIndex: index },
      ),
    );
  }

  private deadLettered(
    e: Extract<AmqpSimEvent, { type: 'amqp.deadLettered' }>,
    index: number,
  ): Anomaly {
    const id = amqpEventId(e.message);
    const deaths = e.message.headers?.['x-death'];
    let count = 1;
    if (Array.isArray(deaths))
      for (const d of deaths)
        if (
          d !== null &&
          typeof d === 'object' &&
          !Array.isArray(d) &&
          d['queue'] === e.fromQueue &&
          d['reason'] === e.reason &&
          typeof d['count'] === 'number'
        )
          count = d['count'];
    const explanation = msg('explain.amqp.deadLettered', {
      message: messageName(id, entityOf(e.message.meta)),
      queue: e.fromQueue,
      at: timeParam(e.timeUs),
      reason: e.reason,
      reasonText: msg(REASON_MSG[e.reason]),
      exchange: e.message.exchange || '(AMQP default)',
      times: times(count),
      routed:
        e.queues.length > 0
          ? msg('explain.amqp.deadLettered.to', { queues: e.queues.join(', ') })
          : msg('explain.amqp.deadLettered.nowhere'),
    });
    return base('dead-lettered', 'dead-letter', index, e.timeUs, e.fromQueue, 1, explanation, {
      queue: e.fromQueue,
      exchange: e.message.exchange,
      reason: e.reason,
      eventId: id,
      causeIndex: index,
    });
  }

  /** After a delivery is folded in: more than maxDeliveries deliveries with no ack. */
  private poison(e: Extract<AmqpSimEvent, { type: 'amqp.delivered' }>, index: number) {
    const i = this.facts.message(amqpEventId(e.message));
    if (!i || i.stuckReported || i.sinceAck <= this.maxDeliveries) return null;
    i.stuckReported = true;
    const [consumer, member] = this.facts.ownerOf(e.channel);
    const explanation = msg('explain.amqp.stuck.poison', {
      message: messageName(i.eventId, i.entity),
      queue: e.queue,
      times: times(i.sinceAck),
      member: member ?? e.channel,
      at: timeParam(e.timeUs),
    });
    return base('stuck', 'poison-loop', index, e.timeUs, e.queue, 1, explanation, {
      queue: e.queue,
      eventId: i.eventId,
      ...(consumer ? { consumer } : {}),
      ...(member ? { member } : {}),
      ...(i.lastRequeue ? { causeIndex: i.lastRequeue.index } : {}),
    });
  }
}

/** A reason's meaning (literal keys: the catalog test finds them). */
/** A dead-letter reason's explanation (shared with amqpLineage.ts). */
export const REASON_MSG = {
  rejected: 'explain.amqp.reason.rejected',
  expired: 'explain.amqp.reason.expired',
  maxlen: 'explain.amqp.reason.maxlen',
  delivery_limit: 'explain.amqp.reason.deliveryLimit',
} as const;

/** Why a message was dropped, not dead-lettered (shared with amqpLineage.ts). */
export const DROP_WHY = {
  noDeadLetterExchange: 'explain.amqp.drop.noDeadLetterExchange',
  deadLetterExchangeMissing: 'explain.amqp.drop.deadLetterExchangeMissing',
  cycle: 'explain.amqp.drop.cycle',
  queueGone: 'explain.amqp.drop.queueGone',
} as const;

function entityOf(meta: Record<string, unknown> | undefined): string | null {
  const v = meta?.['entity'];
  return typeof v === 'string' ? v : null;
}

/** Why a message was handled again: the requeue (or the dead-letter route) that brought it back. */
function cameBack(info: MessageInfo | undefined): {
  why: Param;
  cause: AnomalyCause;
  causeIndex?: number;
} {
  const r = info?.lastRequeue;
  const d = info?.lastDeath;
  if (r && (!d || d.atUs <= r.atUs))
    return {
      why: requeueText(r),
      cause: r.cause === 'channel' ? 'requeue' : r.cause,
      causeIndex: r.index,
    };
  if (d)
    return {
      why: msg('explain.amqp.why.deadLettered', {
        queue: d.queue,
        reason: d.reason,
        at: timeParam(d.atUs),
        target: d.queues.join(', '),
      }),
      cause: 'dead-letter',
      causeIndex: d.index,
    };
  return { why: msg('explain.amqp.why.unknown'), cause: 'redelivery' };
}
