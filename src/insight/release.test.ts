import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, recordFloors, simulate, type Scenario } from '../engine';
import { scenarioArb } from '../engine/test/arbitraries';
import { builtInScenarios } from '../scenarios';
import { AnomalyDetector } from './detector';
import { amqpScenarioArb } from './test/amqpArb';
import { clusterScenarioArb } from './test/clusterArb';

/**
 * Runs the scenario with two detectors: one that keeps every record, one that releases what
 * the engine state's floors (and its own needs) allow every `every` events, as eagerly as it
 * can (minRelease 1). Both must find exactly the same anomalies. Returns records released.
 */
function checkRelease(raw: Scenario, every: number): number {
  const parsed = parseScenario(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const holder: { d: AnomalyDetector | null } = { d: null };
  let i = 0;
  let released = 0;
  const r = simulate(parsed.scenario, {
    onEvent: (e, s) => {
      const d = (holder.d ??= new AnomalyDetector(s.model));
      d.push(e, i++);
      if (i % every === 0) released += d.release(recordFloors(s), 1);
    },
  });
  const all = new AnomalyDetector(r.model);
  r.events.forEach((e, k) => all.push(e, k));
  expect(holder.d === null ? [] : [...holder.d.anomalies()]).toEqual([...all.anomalies()]);
  return released;
}

describe('the detector releases records nobody can ask about, and finds exactly the same anomalies', () => {
  for (const [name, json] of Object.entries(builtInScenarios)) {
    it(`built-in ${name}`, () => {
      const parsed = parseScenario(json);
      if (!parsed.ok) throw new Error(name);
      const released = checkRelease(parsed.scenario, 5);
      // Every built-in runs long enough for its consumers to commit or acknowledge: records and
      // messages do go. Not a compacted topic's: the log cleaner reads it from the log start
      // offset on (retain.ts), so nothing below it can go.
      if (name === 'compacted-table') expect(released).toBe(0);
      else expect(released).toBeGreaterThan(0);
    });
  }

  it('property: random scenarios with member faults (seed 9311)', () => {
    let runs = 0;
    let releasing = 0;
    fc.assert(
      fc.property(scenarioArb(), fc.integer({ min: 1, max: 40 }), (s, every) => {
        runs++;
        if (checkRelease(s, every) > 0) releasing++;
      }),
      { numRuns: 60, seed: 9311, verbose: 0 },
    );
    // Not vacuous: most runs do release records.
    expect(releasing).toBeGreaterThan(runs / 2);
  });

  it('property: random scenarios on the request path with broker, ack and network faults (seed 9312)', () => {
    let runs = 0;
    let releasing = 0;
    fc.assert(
      fc.property(clusterScenarioArb, fc.integer({ min: 1, max: 40 }), (s, every) => {
        runs++;
        if (checkRelease(s, every) > 0) releasing++;
      }),
      { numRuns: 60, seed: 9312, verbose: 0 },
    );
    // Not vacuous: most runs do release records.
    expect(releasing).toBeGreaterThan(runs / 2);
  });

  it('property: random RabbitMQ scenarios with faults forget settled messages (seed 9313)', () => {
    let runs = 0;
    let releasing = 0;
    fc.assert(
      fc.property(amqpScenarioArb, fc.integer({ min: 1, max: 40 }), (s, every) => {
        runs++;
        if (checkRelease(s, every) > 0) releasing++;
      }),
      { numRuns: 60, seed: 9313, verbose: 0 },
    );
    expect(releasing).toBeGreaterThan(runs / 2);
  });
});
