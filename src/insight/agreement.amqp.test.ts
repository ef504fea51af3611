/**
 * One set of numbers for RabbitMQ: the anomaly detector's RabbitMQ totals equal the engine
 * summary's `amqp` counters (duplicates, reordered, lost by cause, deadLettered) at random
 * points of random RabbitMQ runs with faults (crash, restart, connectionLoss, rabbitmqRestart,
 * poison), and the detector's mirror of each queue's ready messages names the message every
 * delivery takes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, parseScenario, simulate, summarize, type Scenario } from '../engine';
import type { AmqpCounters } from '../engine/amqp/system/state';
import type { Anomaly } from './anomaly';
import { AmqpFacts, amqpEventId } from './amqpFacts';
import { AnomalyDetector } from './detector';
import { anomalyTotals } from './totals';
import { builtInScenarios } from '../scenarios';
import { amqpScenarioArb } from './test/amqpArb';
import { amqpScenario } from '../engine/scenario/amqpFixture';
import { renderMsg } from '../i18n/translate';

const LOST_CAUSE = {
  lostAutoAck: 'auto-ack',
  lostUnroutable: 'unroutable',
  lostDropped: 'dropped',
  lostRestart: 'broker-restart',
  lostDisconnected: 'publisher-disconnected',
  lostRefused: 'refused',
} as const;

function figures(c: AmqpCounters) {
  return {
    duplicates: c.duplicates,
    deduplicated: c.deduplicated,
    reordered: c.reordered,
    lost: c.lost,
    lostAutoAck: c.lostAutoAck,
    lostUnroutable: c.lostUnroutable,
    lostDropped: c.lostDropped,
    lostRestart: c.lostRestart,
    lostDisconnected: c.lostDisconnected,
    lostRefused: c.lostRefused,
    deadLettered: c.deadLettered,
  };
}

function detected(list: readonly Anomaly[]): ReturnType<typeof figures> {
  const t = anomalyTotals(list).amqp;
  const lost = (cause: string) =>
    list
      .filter((a) => a.system === 'rabbitmq' && a.kind === 'lost' && a.cause === cause)
      .reduce((n, a) => n + a.count, 0);
  return {
    duplicates: t.duplicate,
    deduplicated: list.filter((a) => a.system === 'rabbitmq' && a.absorbed).length,
    reordered: t.reordered,
    lost: t.lost,
    lostAutoAck: lost(LOST_CAUSE.lostAutoAck),
    lostUnroutable: lost(LOST_CAUSE.lostUnroutable),
    lostDropped: lost(LOST_CAUSE.lostDropped),
    lostRestart: lost(LOST_CAUSE.lostRestart),
    lostDisconnected: lost(LOST_CAUSE.lostDisconnected),
    lostRefused: lost(LOST_CAUSE.lostRefused),
    deadLettered: t['dead-lettered'],
  };
}

function checkAgreement(raw: Scenario, cuts: number[]): { anomalies: Anomaly[] } {
  const parsed = parseScenario(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const r = simulate(parsed.scenario);
  const d = new AnomalyDetector(r.model);
  const mirror = new AmqpFacts(r.model);
  const at = [...new Set(cuts.map((c) => Math.floor(c * r.events.length)))].sort((a, b) => a - b);
  let next = 0;
  for (let i = 0; i < r.events.length; i++) {
    const e = r.events[i]!;
    d.push(e, i);
    if (e.type.startsWith('amqp.')) {
      if (e.type === 'amqp.delivered') {
        const known = mirror.readyEventId(e.queue, e.seq);
        expect(known, `event ${i}: the ready message ${e.queue}/${e.seq}`).toBe(
          amqpEventId(e.message),
        );
      }
      mirror.apply(e as Parameters<AmqpFacts['apply']>[0], i);
    }
    while (next < at.length && at[next] === i + 1) {
      const s = summarize(fold(r.model, r.events, i + 1), i + 1, '');
      expect(detected(d.anomalies()), `after event ${i}`).toEqual(figures(s.amqp!));
      next++;
    }
  }
  expect(detected(d.anomalies())).toEqual(figures(r.summary.amqp!));
  // The Kafka side of a RabbitMQ-only run has nothing to report.
  if (parsed.scenario.topics.length === 0)
    expect(d.anomalies().every((a) => a.system === 'rabbitmq')).toBe(true);
  return { anomalies: [...d.anomalies()] };
}

describe('one set of numbers, RabbitMQ: the detector agrees with summary.amqp', () => {
  for (const [name, json] of Object.entries(builtInScenarios)) {
    const parsed = parseScenario(json);
    if (!parsed.ok || parsed.scenario.amqp === undefined) continue;
    it(`built-in ${name}: at several moments and at the end`, () => {
      checkAgreement(parsed.scenario, [0.1, 0.3, 0.5, 0.75]);
    });
  }

  it('a Kafka service bridging to an exchange while the broker restarts: its publishes are lost, counted and explained', () => {
    const { anomalies } = checkAgreement(amqpScenario(), [0.2, 0.6, 0.9]);
    const lost = anomalies.filter(
      (a) => a.kind === 'lost' && a.cause === 'publisher-disconnected' && a.exchange === 'work',
    );
    expect(lost.length).toBeGreaterThan(0);
    expect(renderMsg('en', lost[0]!.explanation)).toMatch(
      /^Service bridge published message #\d+ \(order-\d+\) to exchange work at [\d,.]+ ms while its channel was closed \(the broker restarted at 3,000 ms; the client recovers its connection after 5 s\): it never reached the broker/,
    );
  });

  it('property: random RabbitMQ scenarios with faults, at random moments and at the end', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        amqpScenarioArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
        (s, cuts) => {
          for (const a of checkAgreement(s, cuts).anomalies) seen.add(`${a.kind}/${a.cause}`);
        },
      ),
      { numRuns: 80, seed: 9301, verbose: 0 },
    );
    // The random runs reach the kinds this test is about (so the property is not vacuous).
    for (const k of [
      'lost/unroutable',
      'lost/auto-ack',
      'lost/publisher-disconnected',
      'dead-lettered/dead-letter',
      'reordered/requeue',
      'duplicate/connection-lost',
      'lost/refused',
    ])
      expect([...seen].sort(), k).toContain(k);
  });
});
