import { describe, expect, it } from 'vitest';
import orderFlow from '../../scenarios/order-flow.json';
import { formatErrors, parseScenario, parseScenarioJson } from './parse';

const clone = () => structuredClone(orderFlow) as Record<string, any>;

function errorsOf(mutate: (s: Record<string, any>) => void): string {
  const s = clone();
  mutate(s);
  const r = parseScenario(s);
  if (r.ok) throw new Error('expected errors');
  return formatErrors(r.errors);
}

describe('parseScenario names the path of every problem', () => {
  it('accepts the default scenario and fills nothing in silently', () => {
    const r = parseScenario(orderFlow);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.topics[0]).toEqual({ name: 'order-events', partitions: 6 });
  });

  it('reports JSON syntax errors at $', () => {
    const r = parseScenarioJson('{"version": 1,');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.path).toBe('$');
  });

  it('rejects non-objects without throwing', () => {
    for (const v of [null, 42, 'x', [], undefined]) expect(parseScenario(v).ok).toBe(false);
  });

  it.each([
    [
      (s: Record<string, any>) => (s.topics[1].partitions = 2.5),
      '$.topics[1].partitions: must be an integer, got 2.5',
    ],
    [
      (s: Record<string, any>) => (s.groups[1].config['max.poll.records'] = 0),
      '$.groups[1].config["max.poll.records"]: must be ≥ 1, got 0',
    ],
    [
      (s: Record<string, any>) => (s.groups[0].topics = ['nope']),
      '$.groups[0].topics[0]: unknown topic "nope"',
    ],
    [
      (s: Record<string, any>) => (s.producers[0].topic = 'missing'),
      '$.producers[0].topic: unknown topic "missing"',
    ],
    [
      (s: Record<string, any>) => (s.faults[0].member = 'payment-9'),
      '$.faults[0].member: group "payment" has no member "payment-9"',
    ],
    [
      (s: Record<string, any>) => (s.groups[0].colour = 'red'),
      '$.groups[0].colour: unknown field "colour"',
    ],
    [
      (s: Record<string, any>) => (s.groups[2].id = 'inventory'),
      '$.groups[2].id: duplicate id "inventory"',
    ],
    [
      (s: Record<string, any>) => (s.producers[0].rate.kind = 'bursty'),
      '$.producers[0].rate.kind: must be one of "constant", "poisson", got "bursty"',
    ],
    [
      (s: Record<string, any>) =>
        (s.groups[1].config = { 'heartbeat.interval.ms': 5000, 'session.timeout.ms': 3000 }),
      '$.groups[1].config["heartbeat.interval.ms"]: must be lower than session.timeout.ms',
    ],
  ])('%#: %s', (mutate, expected) => {
    expect(errorsOf(mutate)).toContain(expected);
  });

  it('collects several problems at once', () => {
    const text = errorsOf((s) => {
      s.topics[0].partitions = -1;
      s.producers[0].rate.perSec = 'fast';
    });
    expect(text).toContain('$.topics[0].partitions');
    expect(text).toContain('$.producers[0].rate.perSec');
  });
});
