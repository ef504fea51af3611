import { describe, expect, it } from 'vitest';
import {
  compileModel,
  initialState,
  parseScenario,
  run,
  type Scenario,
  type SimEvent,
} from '../engine';
import orderFlow from '../scenarios/order-flow.json';
import { buildView } from './view';

function defaultScenario(): Scenario {
  const r = parseScenario(orderFlow);
  if (!r.ok) throw new Error('order-flow.json does not parse');
  return r.scenario;
}

/** Runs the default scenario to `untilUs` in `steps` calls of run(); returns state and log. */
function runTo(untilUs: number, steps = 1) {
  const state = initialState(compileModel(defaultScenario()));
  const events: SimEvent[] = [];
  for (let i = 1; i <= steps; i++)
    run(state, Math.round((untilUs * i) / steps), (e) => events.push(e));
  return { state, events, view: buildView(state, events.length) };
}

describe('buildView on 400 ms of the default scenario', () => {
  const { events, view } = runTo(400_000);
  const appended = events.filter((e) => e.type === 'recordAppended');

  it('reports every topic with one log-end offset per partition, matching the log', () => {
    expect(Object.keys(view.topics)).toEqual([
      'order-events',
      'inventory-events',
      'payment-events',
      'shipping-events',
      'payment-dlq',
    ]);
    const oe = view.topics['order-events']!.logEndOffsets;
    expect(oe).toHaveLength(6);
    for (let p = 0; p < 6; p++) {
      expect(oe[p]).toBe(
        appended.filter((e) => e.topic === 'order-events' && e.partition === p).length,
      );
    }
    // ~200 records/s for 0.4 s.
    const total = oe.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(40);
    expect(total).toBeLessThan(160);
    expect(view.producers['order-service']!.sent).toBe(total);
  });

  it('keeps committed ≤ log-end offset and derives lag from them', () => {
    let unknown = 0;
    for (const [id, g] of Object.entries(view.groups)) {
      // Lag counts partitions with a committed offset; with none it is unknown (null).
      let lag: number | null = null;
      for (const [topic, committed] of Object.entries(g.committed)) {
        const leo = view.topics[topic]!.logEndOffsets;
        committed.forEach((c, p) => {
          expect(c, `${id} ${topic}-${p}`).toBeLessThanOrEqual(leo[p]!);
          if (c >= 0) lag = (lag ?? 0) + leo[p]! - c;
        });
      }
      expect(g.lag, id).toBe(lag);
      if (lag === null) unknown++;
    }
    // 400 ms in, the auto-committing groups have not committed yet (the interval is 5 s).
    expect(unknown).toBeGreaterThan(0);
  });

  it('shows members, their status and one owner per partition once the group has settled', () => {
    const payment = view.groups['payment']!;
    expect(payment.members.map((m) => m.id)).toEqual(['payment-1', 'payment-2', 'payment-3']);
    const owned = payment.members.flatMap((m) =>
      m.assigned.flatMap((a) => a.partitions.map((p) => `${a.topic}-${p}`)),
    );
    expect(owned.sort()).toEqual([0, 1, 2, 3, 4, 5].map((p) => `order-events-${p}`));
    for (const m of payment.members) expect(['running', 'idle']).toContain(m.status);
    expect(view.groups['inventory']!.members).toHaveLength(2);
  });

  it('counts processing per group as the log does', () => {
    const processed = (g: string) =>
      events.filter((e) => e.type === 'recordProcessed' && e.group === g).length;
    for (const g of ['inventory', 'payment', 'email']) {
      expect(view.groups[g]!.processed, g).toBe(processed(g));
      expect(view.groups[g]!.processed, g).toBeGreaterThan(0);
    }
    expect(view.totals.events).toBe(events.length);
    expect(view.totals.appended).toBe(appended.length);
    expect(view.totals.duplicates).toBe(0);
    expect(view.totals.lost).toBe(0);
  });

  it('is the same whether the engine got there in one call or in many (as the worker runs it)', () => {
    expect(runTo(400_000, 13).view).toEqual(view);
  });

  it('is structured-clone safe (it crosses postMessage)', () => {
    expect(structuredClone(view)).toEqual(view);
  });
});
