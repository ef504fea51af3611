import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import logsTopic from '../../../scenarios/rabbitmq-logs-topic.json';
import retry from '../../../scenarios/rabbitmq-retry-with-delay.json';
import { parseScenario } from '../../scenario/parse';
import type { AmqpBindingSpec, Scenario } from '../../scenario/types';
import { fold, simulate } from '../../simulate';
import { bindingKey } from '../route';
import { topicMatches } from '../topic';
import { amqpBindingCounts, amqpExchangeCounts } from './views';
import poison from '../../../scenarios/rabbitmq-poison-message.json';

// Which binding each message took: per-binding routed counts in RabbitMQ's run state.
// fast-check prints the seed on failure; FC_SEED pins it.
const FC_SEED = 20261202;

function load(json: unknown): Scenario {
  const r = parseScenario(json);
  if (!r.ok) throw new Error('built-in does not parse');
  return r.scenario;
}

const published_ = (events: { type: string }[]) =>
  events.filter(
    (e): e is { type: 'amqp.published'; message: { exchange: string; routingKey: string } } =>
      e.type === 'amqp.published',
  );

describe('per-binding routed counts', () => {
  it('logs_topic: each binding counts exactly the published routing keys its binding key matches', () => {
    const s = load(logsTopic);
    const r = simulate(s, { untilMs: 2000 });
    const counts = amqpBindingCounts(r.state)!;
    const pubs = published_(r.events);
    expect(pubs.length).toBeGreaterThan(50);
    let anyRouted = 0;
    for (const b of s.amqp!.bindings) {
      const expected = pubs.filter(
        (e) => e.message.exchange === b.source && topicMatches(b.routingKey, e.message.routingKey),
      ).length;
      expect(counts[bindingKey(b)] ?? 0, b.routingKey).toBe(expected);
      anyRouted += expected;
    }
    expect(anyRouted).toBeGreaterThan(0);
  });

  it('retry-with-delay: the dead-letter exchange bindings count the dead-lettered copies', () => {
    const s = load(retry);
    const r = simulate(s);
    const counts = amqpBindingCounts(r.state)!;
    const dead = r.events.filter((e) => e.type === 'amqp.deadLettered');
    expect(dead.length).toBeGreaterThan(0);
    const viaDlx = Object.values(counts).reduce((a, b) => a + b, 0);
    const viaPublish = published_(r.events).reduce(
      (n, e) => n + ((e as { bindings?: string[] }).bindings?.length ?? 0),
      0,
    );
    const viaDead = dead.reduce(
      (n, e) => n + ((e as { bindings?: string[] }).bindings?.length ?? 0),
      0,
    );
    expect(viaDead).toBeGreaterThan(0);
    expect(viaDlx).toBe(viaPublish + viaDead);
  });

  it('random topic bindings: counts = matches among published keys, and state = fold(events) at any cut', () => {
    const base = load(logsTopic);
    const bindingArb = fc.record({
      destination: fc.constantFrom('errors', 'payment-logs', 'kern-logs', 'missing-queue'),
      routingKey: fc.constantFrom('#', '*.*', 'error.*', '*.payment', '#.kern', 'info.auth', 'x'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(bindingArb, {
          minLength: 1,
          maxLength: 6,
          selector: (b) => `${b.destination} ${b.routingKey}`,
        }),
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (drawn, seed, at) => {
          const bindings: AmqpBindingSpec[] = drawn.map((b) => ({
            source: 'logs_topic',
            destinationType: 'queue',
            ...b,
          }));
          const s: Scenario = { ...base, seed, amqp: { ...base.amqp!, bindings } };
          const r = simulate(s, { untilMs: 600 });
          const counts = amqpBindingCounts(r.state)!;
          const pubs = published_(r.events);
          for (const b of bindings) {
            const exists = b.destination !== 'missing-queue';
            const expected = exists
              ? pubs.filter((e) => topicMatches(b.routingKey, e.message.routingKey)).length
              : 0;
            expect(counts[bindingKey(b)] ?? 0).toBe(expected);
          }
          const cut = Math.floor(at * r.events.length);
          const half = amqpBindingCounts(fold(r.model, r.events, cut))!;
          const upToCut = new Map<string, number>();
          for (const e of r.events.slice(0, cut))
            for (const k of (e as { bindings?: string[] }).bindings ?? [])
              upToCut.set(k, (upToCut.get(k) ?? 0) + 1);
          expect({ ...half }).toEqual(Object.fromEntries(upToCut));
          expect({ ...amqpBindingCounts(fold(r.model, r.events))! }).toEqual({ ...counts });
        },
      ),
      { numRuns: 25, seed: FC_SEED },
    );
  });

  it('each consumer member counts its redeliveries and names the newest one (crash, then restart)', () => {
    const s = load(logsTopic);
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 1500 }),
        fc.integer({ min: 1, max: 400 }),
        (at, gap) => {
          const run = simulate(
            {
              ...s,
              faults: [
                { kind: 'crash', atMs: at, group: 'alerting', member: 'alerting-1' },
                { kind: 'restart', atMs: at + gap, group: 'alerting', member: 'alerting-1' },
              ],
            },
            { untilMs: 2500 },
          );
          const j = run.model.amqp!.memberIndex.get('alerting\u0000alerting-1')!;
          const channel = run.model.amqp!.members[j]!.channel;
          const redelivered = run.events.filter(
            (e) =>
              e.type === 'amqp.delivered' &&
              (e as { channel: string }).channel === channel &&
              (e as { redelivered: boolean }).redelivered &&
              (e as { consumerTag: string | null }).consumerTag !== null,
          ) as unknown as { message: { meta?: { eventId?: number } } }[];
          const ms = run.state.amqp!.members[j]!;
          expect(ms.redelivered).toBe(redelivered.length);
          expect(ms.lastRedelivered).toBe(
            redelivered.length === 0 ? null : redelivered.at(-1)!.message.meta!.eventId,
          );
          const folded = fold(run.model, run.events).amqp!.members[j]!;
          expect([folded.redelivered, folded.lastRedelivered]).toEqual([
            ms.redelivered,
            ms.lastRedelivered,
          ]);
        },
      ),
      { numRuns: 15, seed: FC_SEED },
    );
    // A crash 1 ms after a delivery to alerting-1 (handling takes 5 ms) holds it unacked: after
    // the restart it comes back with redelivered=true.
    const plain = simulate(s, { untilMs: 1500 });
    const d = plain.events.find(
      (e) => e.type === 'amqp.delivered' && e.timeUs > 1_000_000 && e.queue === 'errors',
    )!;
    const atMs = Math.floor(d.timeUs / 1000) + 1;
    const run = simulate(
      {
        ...s,
        faults: [
          { kind: 'crash', atMs, group: 'alerting', member: 'alerting-1' },
          { kind: 'restart', atMs: atMs + 200, group: 'alerting', member: 'alerting-1' },
        ],
      },
      { untilMs: 2500 },
    );
    const j = run.model.amqp!.memberIndex.get('alerting\u0000alerting-1')!;
    expect(run.state.amqp!.members[j]!.redelivered).toBeGreaterThan(0);
  });

  it('a dead-letter exchange counts the copies it routed (and the binding they took)', () => {
    for (const json of [poison, retry]) {
      const s = load(json);
      const r = simulate(s);
      const dead = r.events.filter((e) => e.type === 'amqp.deadLettered') as unknown as {
        message: { exchange: string };
        queues: string[];
      }[];
      expect(dead.length).toBeGreaterThan(0);
      for (const x of new Set(dead.map((d) => d.message.exchange))) {
        const published = published_(r.events).filter((e) => e.message.exchange === x);
        const via = dead.filter((d) => d.message.exchange === x);
        const counts = amqpExchangeCounts(r.state, x)!;
        expect(counts.routed + counts.unroutable, x).toBe(published.length + via.length);
        expect(counts.routed, x).toBeGreaterThanOrEqual(
          via.filter((d) => d.queues.length > 0).length,
        );
      }
    }
  });
});
