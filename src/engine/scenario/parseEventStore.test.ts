import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acceptedEventStoreScenarioArb, eventStoreMutationArb, mutate } from './arbitraries';
import { SCENARIO_ERROR_CODES } from './errorCodes';
import { parseScenario } from './parse';

const schema = JSON.parse(
  readFileSync(new URL('../../../public/scenario.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const SEED = 1313;

/** What a JSON Schema cannot say about the section: references, one value against another. */
const SEMANTIC = [
  /^unknown (aggregate|projection) "/,
  /^duplicate id "/,
  /needs an async projection/,
  /^must be above from/,
  /^must be ≥ startMs/,
  /^an aggregate needs keys/,
  /^unknown topic "/,
];
const semantic = (m: string) => SEMANTIC.some((re) => re.test(m));

const base = (eventStore: unknown, version = 2) => ({
  version,
  name: 'es',
  topics: [],
  eventStore,
});
const agg = (over: Record<string, unknown> = {}) => ({
  id: 'order',
  commands: { rate: { kind: 'constant', perSec: 1 }, keys: { kind: 'fixed', keys: ['1'] } },
  rules: [{ command: 'Place', event: 'Placed' }],
  ...over,
});

function errors(doc: unknown) {
  const r = parseScenario(doc);
  return r.ok ? [] : r.errors;
}

describe('$.eventStore (parseEventStore)', () => {
  it('accepts a full section and keeps what it says', () => {
    const r = parseScenario(
      base({
        aggregates: [
          agg({
            handlers: 2,
            maxRetries: 1,
            snapshot: { every: 5, schemaVersion: 2 },
            eventVersion: 1,
            upcast: { from: 1, to: 2, defaults: { currency: 'EUR' } },
          }),
        ],
        projections: [{ id: 'p', from: '$all', mode: 'async', kind: 'idempotent' }],
        queries: [{ id: 'q', projection: 'p', rate: { kind: 'poisson', perSec: 3 } }],
        faults: [
          { kind: 'projectionCrash', projection: 'p', atMs: 10 },
          { kind: 'deploy', aggregate: 'order', atMs: 20, eventVersion: 2 },
        ],
      }),
    );
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    expect(r.scenario.eventStore!.aggregates[0]!.upcast).toEqual({
      from: 1,
      to: 2,
      defaults: { currency: 'EUR' },
    });
    expect(r.scenario.eventStore!.faults).toHaveLength(2);
  });

  it('names the path and code of each problem', () => {
    const e = errors(
      base({
        aggregates: [
          agg({ id: 'order-x' }),
          agg({ upcast: { from: 2, to: 2, defaults: {} } }),
          agg({ commands: { rate: { kind: 'constant', perSec: 1 }, keys: { kind: 'null' } } }),
        ],
        projections: [
          { id: 'p', from: 'nope', mode: 'inline', kind: 'counter' },
          { id: 'p', from: '$all', mode: 'sync', kind: 'counter' },
        ],
        queries: [{ id: 'q', projection: 'missing', rate: { kind: 'constant', perSec: 1 } }],
        faults: [{ kind: 'rebuild', projection: 'p', atMs: 0 }],
      }),
    );
    const by = (path: string) => e.filter((x) => x.path === path).map((x) => x.code);
    expect(by('$.eventStore.aggregates[0].id')).toEqual(['mustMatch']);
    expect(by('$.eventStore.aggregates[1].upcast.to')).toEqual(['upcastVersions']);
    expect(by('$.eventStore.aggregates[2].commands.keys.kind')).toEqual(['needsAKey']);
    expect(by('$.eventStore.projections[1].mode')).toEqual(['mustBeOneOf']);
    // References are checked once every item parsed.
    const refs = errors(
      base({
        aggregates: [agg(), agg()],
        projections: [
          { id: 'p', from: 'nope', mode: 'inline', kind: 'counter' },
          { id: 'p', from: '$all', mode: 'async', kind: 'counter' },
        ],
        queries: [{ id: 'q', projection: 'missing', rate: { kind: 'constant', perSec: 1 } }],
        faults: [
          { kind: 'rebuild', projection: 'p', atMs: 0 },
          { kind: 'deploy', aggregate: 'nope', atMs: 0 },
        ],
      }),
    );
    expect(refs.map((x) => [x.path, x.code])).toEqual([
      ['$.eventStore.aggregates[1].id', 'duplicateId'],
      ['$.eventStore.projections[0].from', 'unknownAggregate'],
      ['$.eventStore.projections[1].id', 'duplicateId'],
      ['$.eventStore.queries[0].projection', 'unknownProjection'],
      ['$.eventStore.faults[1].aggregate', 'unknownAggregate'],
    ]);
    const inline = errors(
      base({
        aggregates: [agg()],
        projections: [{ id: 'p', from: 'order', mode: 'inline', kind: 'counter' }],
        faults: [{ kind: 'projectionCrash', projection: 'p', atMs: 0 }],
      }),
    );
    expect(inline).toEqual([
      expect.objectContaining({
        path: '$.eventStore.faults[0].projection',
        code: 'inlineProjectionFault',
        params: { kind: 'projectionCrash', name: 'p' },
      }),
    ]);
    for (const x of [...e, ...refs, ...inline]) expect(SCENARIO_ERROR_CODES).toContain(x.code);
  });

  it('commands from a Kafka topic name a declared topic', () => {
    expect(errors(base({ aggregates: [agg({ commands: { topic: 'orders' } })] }))).toEqual([
      expect.objectContaining({
        path: '$.eventStore.aggregates[0].commands.topic',
        code: 'unknownTopic',
        params: { name: 'orders' },
      }),
    ]);
    const ok = parseScenario({
      ...base({ aggregates: [agg({ commands: { topic: 'orders' } })] }),
      topics: [{ name: 'orders', partitions: 1 }],
    });
    expect(ok.ok ? [] : ok.errors).toEqual([]);
  });

  it('is a version 2 feature', () => {
    expect(errors(base({ aggregates: [agg()] }, 1))).toEqual([
      expect.objectContaining({ path: '$.eventStore', code: 'needsVersion2' }),
    ]);
  });

  it('user names are Map keys: __proto__ is a legal projection and aggregate id', () => {
    const r = parseScenario(
      base({
        aggregates: [agg({ id: '__proto__' })],
        projections: [{ id: '__proto__', from: '__proto__', mode: 'async', kind: 'counter' }],
        queries: [
          { id: 'constructor', projection: '__proto__', rate: { kind: 'constant', perSec: 1 } },
        ],
      }),
    );
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('the parser and public/scenario.schema.json agree on accepted documents (seeded property)', () => {
    fc.assert(
      fc.property(acceptedEventStoreScenarioArb, (s) => {
        const r = parseScenario(s);
        expect(r.ok ? [] : r.errors).toEqual([]);
        expect(validate(s) ? [] : validate.errors).toEqual([]);
      }),
      { seed: SEED, numRuns: 100, endOnFailure: true },
    );
  });

  it('and on mutated ones, but for cross-checks; malformed input never throws (seeded property)', () => {
    fc.assert(
      fc.property(
        acceptedEventStoreScenarioArb,
        fc.array(eventStoreMutationArb, { minLength: 1, maxLength: 3 }),
        (s, ms) => {
          const doc = {
            ...s,
            eventStore: ms.reduce(mutate, s.eventStore as Record<string, unknown>),
          };
          const r = parseScenario(doc);
          const schemaOk = validate(doc);
          if (r.ok) expect(schemaOk ? [] : validate.errors).toEqual([]);
          else if (schemaOk) expect(r.errors.filter((e) => !semantic(e.message))).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: 300, endOnFailure: true },
    );
  });
});
