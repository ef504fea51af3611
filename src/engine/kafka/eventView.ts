import type { LogRecord } from './events';
import type { Model } from './model';

/** A record's event as the seed's order event looks: id, type, time, payload, metadata. */
export interface EventView {
  eventId: string;
  eventType: string;
  timestamp: number;
  payload: Record<string, unknown>;
  metadata: { correlationId: string; causationId: string | null; source: string; version: number };
}

/**
 * The full event a record carries. Records store only what varies (ids, key, type); the
 * payload is the producer's template with its key field set, so it is rebuilt on demand
 * instead of being copied into every record.
 */
export function eventOf(model: Model, rec: LogRecord): EventView {
  const pi = model.producerIndex.get(rec.producer);
  const spec = pi === undefined ? undefined : model.scenario.producers[pi];
  // A service's records carry the entity of the record that caused them (e.g. the orderId):
  // name it as the producers name it when they agree.
  const fields = new Set(model.producers.map((p) => p.keyField));
  const shared = fields.size === 1 ? [...fields][0]! : 'key';
  const keyField = pi === undefined ? shared : model.producers[pi]!.keyField;
  const payload: Record<string, unknown> = { ...(spec?.payload ?? {}) };
  if (rec.entity !== null) payload[keyField] = rec.entity;
  return {
    eventId: `evt-${rec.eventId}`,
    eventType: rec.eventType,
    timestamp: Math.round(rec.timeUs / 1000),
    payload,
    metadata: {
      correlationId: `evt-${rec.correlationId}`,
      causationId: rec.causationId === null ? null : `evt-${rec.causationId}`,
      source: rec.producer,
      version: 1,
    },
  };
}
