import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mutate, type Mutation } from './arbitraries';
import { SCENARIO_ERROR_CODES } from './errorCodes';
import { parseScenario } from './parse';
import { ORDER_SAGA } from '../test/orderSaga';

const schema = JSON.parse(
  readFileSync(new URL('../../../public/scenario.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const SEED = 1414;

/** What a JSON Schema cannot say: references, the steps' order, one list against another. */
const SEMANTIC = [
  /^unknown topic "/,
  /^duplicate (id|step name) "/,
  /^a .* step cannot follow/,
  /^a saga has at most one pivot/,
  /needs a compensation$/,
  /is never compensated/,
  /is also a success type/,
];
const semantic = (m: string) => SEMANTIC.some((re) => re.test(m));

const TOPICS = [
  'orders',
  'saga-replies',
  'inventory-commands',
  'payment-commands',
  'shipping-commands',
];
const doc = (sagas: unknown, version = 2) => ({
  version,
  name: 'sagas',
  topics: TOPICS.map((name) => ({ name, partitions: 2 })),
  producers: [],
  groups: [],
  faults: [],
  sagas,
});

type Json = Record<string, unknown>;

const typeArb = fc.constantFrom('A', 'B', 'C', 'Success', 'Failure', '__proto__', 'é');
const topicArb = fc.constantFrom(...TOPICS);
const cmdArb = fc.record({ type: typeArb, topic: topicArb });

/** Accepted sagas sections: compensatable steps, at most one pivot, then retriable ones. */
const sagaArb: fc.Arbitrary<Json> = fc.gen().map((g) => {
  const nComp = g(() => fc.nat(3));
  const pivot = g(() => fc.boolean());
  const nRetr = g(() => fc.nat(2));
  const kinds = [
    ...Array<string>(nComp).fill('compensatable'),
    ...(pivot ? ['pivot'] : []),
    ...Array<string>(nRetr).fill('retriable'),
  ];
  if (kinds.length === 0) kinds.push('pivot');
  const steps = kinds.map((kind, i) => {
    const st: Json = {
      name: `s${i}`,
      kind,
      command: g(() => cmdArb),
      success: [`ok${i}`],
    };
    if (g(() => fc.boolean())) st.failure = [`fail${i}`];
    if (kind === 'compensatable') st.compensation = { ...g(() => cmdArb), success: [`undone${i}`] };
    if (g(() => fc.boolean())) st.timeoutMs = g(() => fc.integer({ min: 1, max: 1e6 }));
    if (g(() => fc.boolean())) st.retries = g(() => fc.integer({ min: 0, max: 100 }));
    if (g(() => fc.boolean())) st.backoffMs = g(() => fc.integer({ min: 0, max: 1e6 }));
    return st;
  });
  const s: Json = {
    id: g(() => fc.constantFrom('order-saga', '__proto__', 'constructor')),
    start: g(() => cmdArb),
    replyTopics: g(() => fc.uniqueArray(topicArb, { maxLength: 3 })),
    steps,
  };
  const opt = <T>(k: string, a: fc.Arbitrary<T>) => {
    if (g(() => fc.boolean())) s[k] = g(() => a);
  };
  opt('compensation', fc.constantFrom('sequential', 'parallel'));
  opt('deduplicate', fc.boolean());
  opt('processingMs', fc.integer({ min: 1, max: 100 }));
  opt('commitEvery', fc.integer({ min: 1, max: 10_000 }));
  opt('maxAttempts', fc.integer({ min: 1, max: 100 }));
  opt('stuckAfterMs', fc.integer({ min: 1, max: 1e6 }));
  opt('onCompleted', cmdArb);
  opt('onCancelled', cmdArb);
  opt('crashes', fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 1e6 }) }), { maxLength: 3 }));
  return s;
});

const sagasDocArb: fc.Arbitrary<Json> = fc
  .array(sagaArb, { minLength: 1, maxLength: 2 })
  .map((sagas) => doc(sagas.map((x, i) => ({ ...x, id: `${String(x.id)}${i}` }))));

const edgeArb = fc.constantFrom<unknown>(
  'pivot',
  'retriable',
  'compensatable',
  'parallel',
  'x',
  '',
  0,
  -1,
  1.5,
  101,
  null,
  true,
  {},
  [],
);
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: edgeArb }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('addKey' as const),
    at: fc.nat(),
    key: fc.constantFrom('compensation', 'failure', 'kind', 'topic', 'crashes', 'retries'),
  }),
);

const errors = (d: unknown) => {
  const r = parseScenario(d);
  return r.ok ? [] : r.errors;
};

describe('the sagas section (issue 14)', () => {
  it('accepts the seed order saga', () => {
    expect(errors(doc([ORDER_SAGA]))).toEqual([]);
    const full = {
      ...ORDER_SAGA,
      compensation: 'parallel',
      deduplicate: true,
      commitEvery: 3,
      maxAttempts: 5,
      stuckAfterMs: 9,
      processingMs: 2,
      crashes: [{ atMs: 1 }],
    };
    const r = parseScenario(doc([full]));
    expect(r.ok && r.scenario.sagas).toEqual([full]);
    expect(validate(doc([ORDER_SAGA]))).toBe(true);
  });

  it('is a version 2 feature', () => {
    const e = errors(doc([ORDER_SAGA], 1));
    expect(e.map((x) => [x.path, x.code])).toContainEqual(['$.sagas', 'needsVersion2']);
  });

  it('refuses steps out of the literature order, two pivots, missing or extra compensations', () => {
    const [c, p, r] = ORDER_SAGA.steps;
    const e = errors(doc([{ ...ORDER_SAGA, steps: [p, c, r, { ...p!, name: 'p2' }] }]));
    expect(e.map((x) => [x.path, x.code])).toEqual(
      expect.arrayContaining([
        ['$.sagas[0].steps[1].kind', 'sagaStepOrder'],
        ['$.sagas[0].steps[3].kind', 'sagaTwoPivots'],
      ]),
    );
    const bare = { ...c! };
    delete bare.compensation;
    const e2 = errors(
      doc([{ ...ORDER_SAGA, steps: [bare, { ...p!, compensation: c!.compensation }, r] }]),
    );
    expect(e2.map((x) => [x.path, x.code])).toEqual([
      ['$.sagas[0].steps[0].compensation', 'sagaCompensationMissing'],
      ['$.sagas[0].steps[1].compensation', 'sagaCompensationNotAllowed'],
    ]);
  });

  it('names unknown topics, duplicate ids and a reply type that is both success and failure', () => {
    const bad = {
      ...ORDER_SAGA,
      replyTopics: ['nope'],
      steps: [{ ...ORDER_SAGA.steps[0]!, failure: ['InventoryReserved'] }],
    };
    const e = errors(doc([bad, ORDER_SAGA]));
    expect(e.map((x) => [x.path, x.code])).toEqual(
      expect.arrayContaining([
        ['$.sagas[0].steps[0].failure', 'sagaReplyBoth'],
        ['$.sagas[0].replyTopics[0]', 'unknownTopic'],
        ['$.sagas[1].id', 'duplicateId'],
      ]),
    );
  });

  it('bounds its lists and numbers, naming the field', () => {
    const e = errors(
      doc([{ ...ORDER_SAGA, maxAttempts: 1000, steps: Array(21).fill(ORDER_SAGA.steps[2]) }]),
    );
    expect(e.map((x) => x.path)).toEqual(
      expect.arrayContaining(['$.sagas[0].maxAttempts', '$.sagas[0].steps']),
    );
    expect(
      errors(doc([{ ...ORDER_SAGA, steps: [{ ...ORDER_SAGA.steps[0]!, timeoutMs: 0 }] }]))[0]?.path,
    ).toBe('$.sagas[0].steps[0].timeoutMs');
  });

  it('every problem has a code', () => {
    fc.assert(
      fc.property(sagasDocArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (s, ms) => {
        const d = { ...s, sagas: ms.reduce(mutate, s.sagas as Json) };
        for (const x of errors(d)) expect(SCENARIO_ERROR_CODES).toContain(x.code);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('the parser and public/scenario.schema.json agree on accepted documents (seeded property)', () => {
    fc.assert(
      fc.property(sagasDocArb, (s) => {
        expect(errors(s)).toEqual([]);
        expect(validate(s) ? [] : validate.errors).toEqual([]);
      }),
      { seed: SEED, numRuns: 150, endOnFailure: true },
    );
  });

  it('and on mutated ones, but for cross-checks; malformed input never throws (seeded property)', () => {
    fc.assert(
      fc.property(sagasDocArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (s, ms) => {
        const d = { ...s, sagas: ms.reduce(mutate, s.sagas as Json) };
        const r = parseScenario(d);
        const schemaOk = validate(d);
        if (r.ok) expect(schemaOk ? [] : validate.errors).toEqual([]);
        else if (schemaOk) expect(r.errors.filter((e) => !semantic(e.message))).toEqual([]);
      }),
      { seed: SEED, numRuns: 400, endOnFailure: true },
    );
  });
});
