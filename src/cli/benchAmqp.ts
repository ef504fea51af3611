/**
 * RabbitMQ's throughput in the engine: a topic exchange routing into `queues` queues, each read
 * by two competing consumers (prefetch 10, manual ack), messages per second of wall time.
 */
import { performance } from 'node:perf_hooks';
import { simulate, type Scenario } from '../engine';

export interface AmqpBench {
  queues: number;
  messages: number;
  processed: number;
  events: number;
  wallMs: number;
  messagesPerSec: number;
  eventsPerSec: number;
}

export function benchAmqpScenario(queues: number, perSec: number, durationMs: number): Scenario {
  const q = (i: number) => `q${i}`;
  return {
    version: 2,
    name: `bench-amqp-${queues}`,
    durationMs,
    topics: [],
    producers: [],
    groups: [],
    faults: [],
    amqp: {
      exchanges: [{ name: 'events', type: 'topic' }],
      queues: Array.from({ length: queues }, (_, i) => ({ name: q(i) })),
      bindings: Array.from({ length: queues }, (_, i) => ({
        source: 'events',
        destination: q(i),
        destinationType: 'queue' as const,
        routingKey: `k${i}.#`,
      })),
      publishers: [
        {
          id: 'p',
          exchange: 'events',
          routingKey: { kind: 'choice', keys: Array.from({ length: queues }, (_, i) => `k${i}.e`) },
          rate: { kind: 'constant', perSec },
          keys: { kind: 'uniform', count: 10_000 },
          eventType: 'E',
        },
      ],
      consumers: Array.from({ length: queues }, (_, i) => ({
        id: `c${i}`,
        queue: q(i),
        members: 2,
        prefetch: 10,
        processingMs: 0.002,
      })),
    },
  };
}

export function benchAmqp(queues: number, simMs: number): AmqpBench {
  simulate(benchAmqpScenario(queues, 20_000, Math.min(simMs, 200)), {
    keepEvents: false,
    hash: false,
  }); // warm-up
  const t0 = performance.now();
  const { summary } = simulate(benchAmqpScenario(queues, 20_000, simMs), {
    keepEvents: false,
    hash: false,
  });
  const wallMs = performance.now() - t0;
  const c = summary.amqp!;
  return {
    queues,
    messages: c.published,
    processed: c.processed,
    events: summary.events,
    wallMs: Math.round(wallMs),
    messagesPerSec: Math.round((c.published / wallMs) * 1000),
    eventsPerSec: Math.round((summary.events / wallMs) * 1000),
  };
}
