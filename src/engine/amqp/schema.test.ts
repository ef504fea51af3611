import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { opProblems, scriptProblems } from './validate';
import { busyScript, script } from './testArbitraries';

const schema = JSON.parse(
  readFileSync(new URL('../../../public/amqp-script.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  schema,
);

const sample = {
  name: 'topic routing with a consumer',
  profile: '3.10',
  ops: [
    {
      op: 'declareExchange',
      exchange: 'logs',
      type: 'topic',
      durable: true,
      arguments: { 'alternate-exchange': 'ae' },
    },
    {
      op: 'declareQueue',
      queue: 'errors',
      arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': 3 },
      durable: true,
    },
    {
      op: 'bind',
      source: 'logs',
      destination: 'errors',
      destinationType: 'queue',
      routingKey: '*.error',
    },
    { op: 'openChannel', channel: 'c1', confirm: true, prefetch: 10 },
    {
      op: 'publish',
      channel: 'c1',
      exchange: 'logs',
      routingKey: 'db.error',
      body: 'x',
      headers: { a: [1, { b: null }] },
      expiration: '100',
    },
    { op: 'consume', channel: 'c1', queue: 'errors', consumerTag: 'w' },
    { op: 'nack', channel: 'c1', deliveryTag: 1, multiple: false, requeue: false },
    { op: 'advanceTime', ms: 100 },
    { op: 'restartBroker' },
    { op: 'queueStats', queue: 'errors' },
  ],
};

const broken: Array<[string, unknown]> = [
  ['no ops', { name: 'x' }],
  ['unknown op', { ops: [{ op: 'teleport' }] }],
  ['missing channel', { ops: [{ op: 'publish', exchange: '', routingKey: 'q', body: 'b' }] }],
  ['bad exchange type', { ops: [{ op: 'declareExchange', exchange: 'x', type: 'x-delayed' }] }],
  ['negative delivery tag', { ops: [{ op: 'ack', channel: 'c', deliveryTag: -1 }] }],
  [
    'expiration as a number',
    {
      ops: [
        { op: 'publish', channel: 'c', exchange: '', routingKey: 'q', body: 'b', expiration: 100 },
      ],
    },
  ],
  ['unknown field', { ops: [{ op: 'get', channel: 'c', queue: 'q', autoAck: true }] }],
  ['bad profile', { profile: '3.8', ops: [] }],
];

function validatorProblems(doc: unknown): string[] {
  const p = scriptProblems(doc);
  if (p.length > 0) return p;
  return ((doc as { ops: unknown[] }).ops ?? []).flatMap((op, i) => opProblems(op, i));
}

describe('public/amqp-script.schema.json', () => {
  it('accepts a sample script, and the runner finds no problem in it either', () => {
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
    expect(validatorProblems(sample)).toEqual([]);
  });

  it.each(broken)('rejects a broken script (%s), as the runner does', (_name, doc) => {
    expect(validate(doc)).toBe(false);
    expect(validatorProblems(doc).length).toBeGreaterThan(0);
  });

  it('agrees with the runner on generated scripts (seeded)', () => {
    fc.assert(
      fc.property(fc.oneof(script, busyScript), (sc) => {
        const clean = JSON.parse(JSON.stringify(sc));
        expect(validate(clean), JSON.stringify(validate.errors)).toBe(true);
        expect(validatorProblems(clean)).toEqual([]);
      }),
      { seed: 777, numRuns: 100 },
    );
  });
});
