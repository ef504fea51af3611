import type { SimEvent } from '../engine';
import { msg } from '../i18n/translate';
import type { InsightEvent } from './events';
import type { RecordAppended } from './records';

type RecordSent = Extract<SimEvent, { type: 'recordSent' }>;

/**
 * Presents the engine's two producer paths the same way. On the request path a record is
 * created (`recordSent`) and later appended as part of a batch (`produceHandled` with outcome
 * `appended`), possibly twice when a retry without idempotence duplicates it; a truncation is
 * a field of `leaderElected`. This turns those into the `recordAppended` and `logTruncated`
 * facts the detectors, lineage and space-time diagram read, so one code path serves both.
 */
export class EventNormalizer {
  private readonly sent = new Map<number, RecordSent>();
  private readonly leo = new Map<string, number>();

  expand(e: InsightEvent): InsightEvent[] {
    switch (e.type) {
      case 'recordSent':
        this.sent.set(e.eventId, e);
        return [e];
      case 'recordAppended':
        this.leo.set(`${e.topic}\u0000${e.partition}`, e.offset + 1);
        return [e];
      case 'produceHandled': {
        if (e.outcome !== 'appended' || !e.eventIds) return [e];
        const out: InsightEvent[] = [e];
        e.eventIds.forEach((id, i) => {
          const r = this.sent.get(id);
          if (!r) return;
          const appended: RecordAppended = {
            type: 'recordAppended',
            timeUs: e.timeUs,
            producer: r.producer,
            topic: r.topic,
            partition: r.partition,
            offset: e.baseOffset + i,
            key: r.key,
            entity: r.entity,
            keyId: r.keyId,
            eventId: r.eventId,
            eventType: r.eventType,
            causationId: r.causationId,
            correlationId: r.correlationId,
          };
          if (e.txn !== undefined) appended.txn = e.txn;
          out.push(appended);
        });
        this.leo.set(`${e.topic}\u0000${e.partition}`, e.baseOffset + e.eventIds.length);
        return out;
      }
      case 'leaderElected': {
        if (e.truncatedTo === null) return [e];
        const k = `${e.topic}\u0000${e.partition}`;
        const to = this.leo.get(k) ?? e.truncatedTo;
        this.leo.set(k, e.truncatedTo);
        if (to <= e.truncatedTo) return [e];
        const reason = e.unclean
          ? msg('explain.truncated.unclean', { broker: e.leader })
          : msg('explain.truncated.shorterLog', { broker: e.leader });
        return [
          {
            type: 'logTruncated',
            timeUs: e.timeUs,
            topic: e.topic,
            partition: e.partition,
            fromOffset: e.truncatedTo,
            toOffset: to,
            reason,
          },
          e,
        ];
      }
      default:
        return [e];
    }
  }
}

/** A whole log, normalised, each event with the index of the engine event it came from. */
export function normalize(events: readonly InsightEvent[]): { e: InsightEvent; index: number }[] {
  const n = new EventNormalizer();
  const out: { e: InsightEvent; index: number }[] = [];
  events.forEach((e, index) => {
    for (const x of n.expand(e)) out.push({ e: x, index });
  });
  return out;
}
