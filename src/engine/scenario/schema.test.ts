import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../../scenarios';
import { parseScenario } from './parse';

const schema = JSON.parse(
  readFileSync(new URL('../../../public/scenario.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe('the published JSON Schema and parseScenario agree', () => {
  it.each(Object.entries(builtInScenarios))(
    'built-in scenario %s is valid for both',
    (_name, s) => {
      expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
      expect(parseScenario(s).ok).toBe(true);
    },
  );

  const base = builtInScenarios['order-flow'] as Record<string, unknown>;
  const broken: [string, (s: Record<string, any>) => void][] = [
    ['a wrong version', (s) => (s.version = 2)],
    ['zero partitions', (s) => (s.topics[0].partitions = 0)],
    ['an unknown consumer setting', (s) => (s.groups[0].config = { 'max.poll.recordz': 5 })],
    [
      'an unknown assignor',
      (s) => (s.groups[0].config = { 'partition.assignment.strategy': 'random' }),
    ],
    ['a negative rate', (s) => (s.producers[0].rate.perSec = -1)],
    ['a fault without a time', (s) => delete s.faults[0].atMs],
    ['a probability above 1', (s) => (s.groups[0].handlers[0].emit[0].probability = 2)],
  ];
  it.each(broken)('both reject %s', (_what, mutate) => {
    const s = structuredClone(base);
    mutate(s);
    expect(validate(s)).toBe(false);
    expect(parseScenario(s).ok).toBe(false);
  });
});
