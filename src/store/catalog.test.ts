import { describe, expect, it } from 'vitest';
import { simulate } from '../engine';
import { catalog, DEFAULT_SCENARIO_ID, findScenario } from './catalog';

describe('built-in scenario catalog', () => {
  it('has the default scenario', () => {
    expect(findScenario(DEFAULT_SCENARIO_ID)?.ok).toBe(true);
  });

  it.each(catalog.map((e) => [e.id, e] as const))(
    '%s parses and runs its first second',
    (_id, entry) => {
      if (!entry.ok) throw new Error(entry.error);
      const r = simulate(entry.scenario, { untilMs: 1000, keepEvents: false, hash: false });
      // Kafka's records, RabbitMQ's messages for a RabbitMQ built-in, or the event store's
      // appended events and handled commands for an event store built-in.
      expect(
        r.summary.appended +
          (r.summary.amqp?.published ?? 0) +
          (r.summary.eventStore?.appends ?? 0),
      ).toBeGreaterThan(0);
      expect(
        r.summary.processed +
          (r.summary.amqp?.processed ?? 0) +
          (r.summary.eventStore?.succeeded ?? 0),
      ).toBeGreaterThan(0);
    },
  );
});
