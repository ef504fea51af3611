import { describe, expect, it } from 'vitest';
import { eventOf } from './eventView';
import { parseScenario } from '../scenario/parse';
import { simulate } from '../simulate';
import orderFlow from '../../scenarios/order-flow.json';

describe('eventOf', () => {
  it("rebuilds the seed's order event: payload template + orderId, correlation and causation ids", () => {
    const parsed = parseScenario(orderFlow);
    if (!parsed.ok) throw new Error('invalid');
    const r = simulate(parsed.scenario, { untilMs: 500 });
    const created = r.events.find(
      (e) => e.type === 'recordAppended' && e.eventType === 'OrderCreated',
    )!;
    if (created.type !== 'recordAppended') throw new Error();
    const ev = eventOf(r.model, created);
    expect(ev.payload).toMatchObject({ orderId: created.entity, currency: 'USD' });
    expect(ev.metadata).toMatchObject({
      correlationId: `evt-${created.eventId}`,
      causationId: null,
      source: 'order-service',
    });
    const child = r.events.find(
      (e) => e.type === 'recordAppended' && e.causationId === created.eventId,
    );
    if (child && child.type === 'recordAppended') {
      const cv = eventOf(r.model, child);
      expect(cv.metadata.causationId).toBe(ev.eventId);
      expect(cv.metadata.correlationId).toBe(ev.metadata.correlationId);
      expect(cv.payload.orderId).toBe(created.entity);
    }
  });
});
