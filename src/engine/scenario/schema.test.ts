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
    ['a wrong version', (s) => (s.version = 3)],
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

describe('the schema covers the cluster, network and fault sections', () => {
  it('accepts a replicated scenario with every infrastructure fault, as the parser does', () => {
    const s = {
      version: 1,
      name: 'cluster',
      cluster: {
        brokers: 3,
        'replica.lag.time.max.ms': 500,
        'unclean.leader.election.enable': false,
      },
      network: {
        latencyMs: { kind: 'uniform', minMs: 1, maxMs: 3 },
        links: [{ between: ['shop', 'broker-1'], dropRate: 0.1 }],
      },
      topics: [
        { name: 'orders', partitions: 3, 'replication.factor': 3, 'min.insync.replicas': 2 },
      ],
      producers: [
        {
          id: 'shop',
          topic: 'orders',
          rate: { kind: 'constant', perSec: 10 },
          keys: { kind: 'null' },
          eventType: 'E',
          config: {
            acks: 'all',
            'enable.idempotence': true,
            retries: 5,
            'max.in.flight.requests.per.connection': 5,
            'request.timeout.ms': 100,
            'delivery.timeout.ms': 1000,
            'retry.backoff.ms': 10,
          },
        },
      ],
      groups: [{ id: 'g', topics: ['orders'], members: 1 }],
      faults: [
        { kind: 'brokerDown', atMs: 10, broker: 1 },
        { kind: 'brokerUp', atMs: 20, broker: 1 },
        { kind: 'networkPartition', atMs: 30, between: ['g-1', 'coordinator'], durationMs: 100 },
        { kind: 'ackLoss', atMs: 40, producer: 'shop', count: 2 },
        { kind: 'poisonMessage', atMs: 50, producer: 'shop' },
      ],
    };
    expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
    expect(parseScenario(s).ok).toBe(true);
    const bad = structuredClone(s);
    bad.faults[0] = { kind: 'brokerDown', atMs: 10, broker: 9 };
    const r = parseScenario(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.path).toBe('$.faults[0].broker');
  });
});
