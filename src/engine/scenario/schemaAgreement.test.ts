import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  acceptedScenarioArb,
  acceptedV2ScenarioArb,
  amqpMutationArb,
  mutate,
  mutationArb,
} from './arbitraries';
import { parseScenario } from './parse';

/*
 * Issue 9 §5: the parser and the published JSON Schema must agree. Every document the parser
 * accepts is valid for the schema, and every document the schema rejects the parser rejects
 * too. The parser may refuse more only for what a JSON Schema cannot say: references between
 * sections, one value against another, and the depth / size bounds.
 */
const schema = JSON.parse(
  readFileSync(new URL('../../../public/scenario.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const SEED = 4242;

/** Parser errors no JSON Schema can express (cross-field and cross-section checks). */
const SEMANTIC = [
  /^unknown topic "/,
  /^duplicate (topic|id|member) "/,
  /^unknown group "/,
  /^group ".*" has no member "/,
  /has \d+ partitions; partition must be </,
  /^must be ≥ (startMs|minMs) /,
  /^must be lower than session\.timeout\.ms /,
  /^is \d+ but the cluster has \d+ brokers?$/,
  /^is \d+, more than replication\.factor \d+$/,
  /^unknown (client|server) "/,
  /^the cluster has brokers 1 … \d+, got \d+$/,
  /^unknown producer "/,
  /^a loop with no processing time/,
  // Version 2: RabbitMQ's references, bytes rather than characters, features by version.
  /^unknown (exchange|queue|consumer) "/,
  /^duplicate (exchange|queue) "/,
  /^consumer ".*" has no member "/,
  /^is \d+ bytes in UTF-8/,
  /^must give one weight per key/,
  /^the default exchange "" cannot be bound/,
  /^needs "version": 2/,
  /needs a RabbitMQ broker/,
];
const semantic = (message: string) => SEMANTIC.some((re) => re.test(message));

describe('parseScenario and public/scenario.schema.json agree', () => {
  it('every random accepted scenario is accepted by both (seeded property)', () => {
    fc.assert(
      fc.property(acceptedScenarioArb, (s) => {
        const r = parseScenario(s);
        expect(r.ok ? [] : r.errors).toEqual([]);
        expect(validate(s) ? [] : validate.errors).toEqual([]);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('mutated scenarios: what the parser accepts the schema accepts, and vice versa but for cross-checks', () => {
    fc.assert(
      fc.property(
        acceptedScenarioArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        (s, ms) => {
          const doc = ms.reduce(mutate, s);
          const r = parseScenario(doc);
          const schemaOk = validate(doc);
          if (r.ok) expect(schemaOk ? [] : validate.errors).toEqual([]);
          else if (schemaOk) expect(r.errors.filter((e) => !semantic(e.message))).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: 800 },
    );
  });

  it('mutated version 2 scenarios (amqp edge values): the same agreement', () => {
    fc.assert(
      fc.property(
        acceptedV2ScenarioArb,
        fc.array(amqpMutationArb, { minLength: 1, maxLength: 3 }),
        (s, ms) => {
          const doc = ms.reduce(mutate, s);
          const r = parseScenario(doc);
          const schemaOk = validate(doc);
          if (r.ok) expect(schemaOk ? [] : validate.errors).toEqual([]);
          else if (schemaOk) expect(r.errors.filter((e) => !semantic(e.message))).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: 600 },
    );
  });

  it("the schema's own examples are valid for the schema and for the parser", () => {
    const examples = schema.examples as unknown[];
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const ex of examples) {
      expect(validate(ex) ? [] : validate.errors).toEqual([]);
      const r = parseScenario(ex);
      expect(r.ok ? [] : r.errors).toEqual([]);
    }
  });
});
