/**
 * A RabbitMQ message's journey for lineage: published (exchange, routing key, the queues it
 * entered and through which binding), returned, delivered (consumer, member, delivery tag,
 * redelivered), handled, acknowledged, requeued (why), dead-lettered (reason, x-death count),
 * dropped, lost with auto-ack — and what it caused, by causation id, into Kafka or RabbitMQ
 * (the tree is lineage.ts's: a record or message caused by a node becomes its child).
 */
import { topicMatches, type AmqpSimEvent, type Model } from '../engine';
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { DROP_WHY, REASON_MSG, requeueText } from './amqpAnomalies';
import { AmqpFacts, amqpEventId } from './amqpFacts';
import { joinList } from './format';
import type { Lineage } from './lineage';

interface NodeSource {
  nodeFor(eventId: number, causationId: number | null, eventType: string): Lineage | null;
}

export class AmqpLineage {
  private readonly facts: AmqpFacts;
  /** The broker's message id → event id (a basic.return names the broker's id). */
  private readonly brokerIds = new Map<number, number>();

  constructor(
    private readonly model: Model,
    private readonly nodes: Map<number, Lineage>,
    private readonly source: NodeSource,
  ) {
    this.facts = new AmqpFacts(model);
  }

  private add(eventId: number | undefined, index: number, timeUs: number, text: Msg): void {
    if (eventId === undefined) return;
    this.nodes.get(eventId)?.amqp.push({ index, timeUs, text });
  }

  see(e: AmqpSimEvent, index: number): void {
    this.line(e, index);
    this.facts.apply(e, index);
  }

  private line(e: AmqpSimEvent, index: number): void {
    switch (e.type) {
      case 'amqp.messageSent':
        if (!e.channelOpen && this.source.nodeFor(e.eventId, null, e.eventType))
          this.add(
            e.eventId,
            index,
            e.timeUs,
            msg('explain.lineage.amqp.sentDown', { producer: e.publisher }),
          );
        return;
      case 'amqp.published': {
        const meta = e.message.meta ?? {};
        const id = amqpEventId(e.message);
        const cause = typeof meta['causationId'] === 'number' ? meta['causationId'] : null;
        const type = typeof meta['eventType'] === 'string' ? meta['eventType'] : '';
        if (!this.source.nodeFor(id, cause, type)) return;
        this.brokerIds.set(e.message.id, id);
        const producer = typeof meta['producer'] === 'string' ? meta['producer'] : e.channel;
        this.add(
          id,
          index,
          e.timeUs,
          msg('explain.lineage.amqp.published', {
            producer,
            exchange: e.message.exchange || '(AMQP default)',
            routingKey: e.message.routingKey,
            queues:
              e.queues.length > 0
                ? msg('explain.lineage.amqp.into', {
                    queues: joinList(
                      e.queues.map((q) =>
                        msg('explain.lineage.amqp.binding', {
                          queue: q,
                          binding:
                            tookBinding(e.bindings, q) ??
                            this.bindingKey(e.message.exchange, q, e.message.routingKey),
                        }),
                      ),
                    ),
                  })
                : msg('explain.lineage.amqp.noQueue', { mandatory: e.mandatory ? 'yes' : 'no' }),
          }),
        );
        return;
      }
      case 'amqp.returned':
        this.add(
          this.brokerIds.get(e.messageId),
          index,
          e.timeUs,
          msg('explain.lineage.amqp.returned', { code: e.replyCode, text: e.replyText }),
        );
        return;
      case 'amqp.delivered': {
        const [consumer, member] = this.facts.ownerOf(e.channel);
        this.add(
          amqpEventId(e.message),
          index,
          e.timeUs,
          msg('explain.lineage.amqp.delivered', {
            queue: e.queue,
            member: member ?? e.channel,
            consumer: consumer ?? e.consumerTag ?? '',
            tag: e.deliveryTag,
            redelivered: e.redelivered ? 'yes' : 'no',
            noAck: e.noAck ? 'yes' : 'no',
          }),
        );
        return;
      }
      case 'amqp.handled':
        this.add(
          e.eventId,
          index,
          e.timeUs,
          msg('explain.lineage.amqp.handled', {
            member: e.member,
            consumer: e.consumer,
            ok: e.ok ? 'yes' : 'no',
            dedup: e.deduplicated ? 'yes' : 'no',
          }),
        );
        return;
      case 'amqp.acked':
        for (const tag of e.deliveryTags) {
          const d = this.facts.delivery(e.channel, tag);
          this.add(
            d?.eventId,
            index,
            e.timeUs,
            msg('explain.lineage.amqp.acked', { member: d?.member ?? e.channel, tag }),
          );
        }
        return;
      case 'amqp.requeued':
        for (const tag of e.deliveryTags) {
          const d = this.facts.delivery(e.channel, tag);
          if (!d) continue;
          const why = this.facts.requeueCause(e.channel, e.cause, e.timeUs);
          const text = requeueText({
            cause: why.cause,
            how: e.cause === 'channelClosed' ? 'closed' : e.cause,
            consumer: d.consumer,
            member: d.member,
            atUs: e.timeUs,
            index,
          });
          this.add(
            d.eventId,
            index,
            e.timeUs,
            msg('explain.lineage.amqp.requeued', { queue: d.queue, why: text }),
          );
        }
        return;
      case 'amqp.deadLettered': {
        const id = amqpEventId(e.message);
        this.add(
          id,
          index,
          e.timeUs,
          msg('explain.lineage.amqp.deadLettered', {
            queue: e.fromQueue,
            reason: e.reason,
            exchange: e.message.exchange || '(AMQP default)',
            count: deathCount(e),
            to:
              e.queues.length > 0
                ? msg('explain.amqp.deadLettered.to', { queues: e.queues.join(', ') })
                : msg('explain.amqp.deadLettered.nowhere'),
          }),
        );
        if (this.nodes.has(id)) this.brokerIds.set(e.message.id, id);
        return;
      }
      case 'amqp.dropped': {
        const ref = e.source;
        const id =
          ref.kind === 'ready'
            ? this.facts.readyEventId(ref.queue, ref.seq)
            : ref.kind === 'unacked'
              ? this.facts.delivery(ref.channel, ref.deliveryTag)?.eventId
              : undefined;
        this.add(
          id,
          index,
          e.timeUs,
          msg('explain.lineage.amqp.dropped', {
            queue: e.fromQueue,
            reason: msg(REASON_MSG[e.reason]),
            why: msg(DROP_WHY[e.why]),
          }),
        );
        return;
      }
      case 'amqp.memberCrashed':
      case 'amqp.connectionLost':
      case 'amqp.brokerRestarting':
        for (const id of e.lostEventIds)
          this.add(
            id,
            index,
            e.timeUs,
            msg('explain.lineage.amqp.lostAutoAck', {
              member: 'member' in e ? e.member : '',
              event:
                e.type === 'amqp.memberCrashed'
                  ? 'crash'
                  : e.type === 'amqp.connectionLost'
                    ? 'connection'
                    : 'restart',
            }),
          );
        return;
      default:
        return;
    }
  }

  /** Older logs (no `bindings` on the event): the binding a message took from `exchange` to
   *  `queue`, found from the scenario's bindings. */
  private bindingKey(exchange: string, queue: string, routingKey: string): string {
    const spec = this.model.amqp?.spec;
    if (!spec) return routingKey;
    const type = spec.exchanges.find((x) => x.name === exchange)?.type;
    const direct = spec.bindings.filter(
      (b) => b.source === exchange && b.destination === queue && b.destinationType === 'queue',
    );
    const hit =
      direct.find((b) =>
        type === 'topic'
          ? topicMatches(b.routingKey, routingKey)
          : type === 'direct'
            ? b.routingKey === routingKey
            : true,
      ) ?? direct[0];
    // No direct binding: the default exchange (binding = queue name) or an exchange-to-exchange path.
    if (!hit) return exchange === '' ? queue : routingKey;
    return type === 'fanout' || type === 'headers'
      ? hit.routingKey || `(${type})`
      : hit.routingKey || '""';
  }
}

/** The key of the binding into `queue` the engine says the message took (source, destination,
 *  key NUL-separated), or undefined when the event does not say. */
function tookBinding(bindings: readonly string[] | undefined, queue: string): string | undefined {
  for (const b of bindings ?? []) {
    const parts = b.split('\u0000');
    if (parts.length < 3 || parts[1] !== queue) continue;
    const key = parts.slice(2).join('\u0000');
    return key === '' ? '""' : key;
  }
  return undefined;
}

function deathCount(e: Extract<AmqpSimEvent, { type: 'amqp.deadLettered' }>): number {
  const deaths = e.message.headers?.['x-death'];
  if (!Array.isArray(deaths)) return 1;
  for (const d of deaths)
    if (
      d !== null &&
      typeof d === 'object' &&
      !Array.isArray(d) &&
      d['queue'] === e.fromQueue &&
      d['reason'] === e.reason &&
      typeof d['count'] === 'number'
    )
      return d['count'];
  return 1;
}
