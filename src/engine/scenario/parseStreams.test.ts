import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mutate, mutationArb, type Mutation } from './arbitraries';
import { parseScenario } from './parse';

// The streams section (issue 15): problems name JSON paths and carry codes; the parser and
// public/scenario.schema.json agree on random documents.

type Json = Record<string, unknown>;

function doc(streams: unknown, extra: Json = {}): Json {
  return {
    version: 2,
    name: 's',
    topics: [
      { name: 'payments', partitions: 2 },
      { name: 'alerts', partitions: 1 },
    ],
    producers: [],
    groups: [],
    streams,
    ...extra,
  };
}

const JOB = {
  id: 'fraud',
  source: 'payments',
  keyBy: 'userId',
  assigner: { type: 'tumbling', size: 300000 },
  aggregate: { fn: 'sum', field: 'amount' },
  condition: '> 10000',
  sink: 'alerts',
};

function errors(d: Json) {
  const r = parseScenario(d);
  return r.ok ? [] : r.errors.map((e) => ({ path: e.path, code: e.code }));
}

describe('the streams section: paths and codes', () => {
  it('accepts the fraud job and an EPL statement', () => {
    const r = parseScenario(
      doc({
        windows: [JOB],
        patterns: [
          {
            id: 'temp',
            sources: ['payments'],
            epl: 'select userId, avg(amount) from Payment#time(5 min) group by userId having avg(amount) > 30',
            sink: 'alerts',
          },
        ],
      }),
    );
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('is a version 2 feature', () => {
    expect(errors({ ...doc({ windows: [JOB] }), version: 1 })).toContainEqual({
      path: '$.streams',
      code: 'needsVersion2',
    });
  });

  it('names unknown topics, duplicate ids, missing fields and Flink parameter checks', () => {
    expect(errors(doc({ windows: [{ ...JOB, source: 'nope' }] }))).toEqual([
      { path: '$.streams.windows[0].source', code: 'unknownTopic' },
    ]);
    expect(errors(doc({ windows: [JOB, JOB] }))).toEqual([
      { path: '$.streams.windows[1].id', code: 'duplicateId' },
    ]);
    expect(errors(doc({ windows: [{ ...JOB, aggregate: { fn: 'avg' } }] }))).toEqual([
      { path: '$.streams.windows[0].aggregate.field', code: 'aggregateNeedsField' },
    ]);
    expect(
      errors(doc({ windows: [{ ...JOB, assigner: { type: 'tumbling', size: 10, offset: 10 } }] })),
    ).toEqual([{ path: '$.streams.windows[0].assigner.offset', code: 'flinkWindowParameters' }]);
    expect(
      errors(doc({ windows: [{ ...JOB, assigner: { type: 'sliding', size: 100000, slide: 1 } }] })),
    ).toEqual([{ path: '$.streams.windows[0].assigner.slide', code: 'flinkWindowParameters' }]);
    expect(errors(doc({ windows: [{ ...JOB, condition: 'over 9000' }] }))).toEqual([
      { path: '$.streams.windows[0].condition', code: 'flinkWindowParameters' },
    ]);
    expect(errors(doc({ windows: [{ ...JOB, watermarks: { idlenessMs: 0 } }] }))).toEqual([
      { path: '$.streams.windows[0].watermarks.idlenessMs', code: 'tooSmall' },
    ]);
  });

  it('an EPL syntax error names the statement and its character position', () => {
    const r = parseScenario(
      doc({
        patterns: [{ id: 'p', sources: ['payments'], epl: 'select * from pattern [every ->]' }],
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ path: '$.streams.patterns[0].epl', code: 'eplSyntax' });
    expect(typeof r.errors[0]!.params!.position).toBe('number');
  });

  it('refuses a job whose output leads back to its own source (directly or through another job)', () => {
    expect(errors(doc({ windows: [{ ...JOB, sink: 'payments' }] }))).toEqual([
      { path: '$.streams.windows[0].sink', code: 'streamCycle' },
    ]);
    const loop = doc({
      windows: [JOB],
      patterns: [
        { id: 'back', sources: ['alerts'], epl: 'select * from WindowResult', sink: 'payments' },
      ],
    });
    expect(errors(loop)).toEqual([
      { path: '$.streams.windows[0].sink', code: 'streamCycle' },
      { path: '$.streams.patterns[0].sink', code: 'streamCycle' },
    ]);
  });

  it('bounds the lists', () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ ...JOB, id: `j${i}` }));
    expect(errors(doc({ windows: many }))).toEqual([
      { path: '$.streams.windows', code: 'tooManyEntries' },
    ]);
  });

  it('a producer outOfOrdernessMs is a non-negative integer', () => {
    const p = {
      id: 'p',
      topic: 'payments',
      rate: { kind: 'constant', perSec: 1 },
      keys: { kind: 'null' },
      eventType: 'E',
    };
    expect(errors(doc(undefined, { producers: [{ ...p, outOfOrdernessMs: -1 }] }))).toEqual([
      { path: '$.producers[0].outOfOrdernessMs', code: 'tooSmall' },
    ]);
    expect(errors(doc(undefined, { producers: [{ ...p, outOfOrdernessMs: 500 }] }))).toEqual([]);
  });
});

const schema = JSON.parse(
  readFileSync(new URL('../../../public/scenario.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const msArb = (min: number) => fc.integer({ min, max: 100_000 });
const assignerArb = fc.oneof(
  msArb(1).chain((size) =>
    fc.record({
      type: fc.constant('tumbling'),
      size: fc.constant(size),
      offset: fc.integer({ min: 0, max: size - 1 }),
    }),
  ),
  fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 50 })).chain(([slide, k]) =>
    fc.record({
      type: fc.constant('sliding'),
      size: fc.constant(slide * k),
      slide: fc.constant(slide),
      offset: fc.integer({ min: 0, max: slide - 1 }),
    }),
  ),
  fc.record({ type: fc.constant('session'), gap: msArb(1) }),
);
const triggerArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant({ type: 'eventTime' }),
  fc.constant({ type: 'processingTime' }),
  fc.record({ type: fc.constant('count'), count: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ type: fc.constant('purging'), trigger: fc.constant({ type: 'eventTime' }) }),
);
const windowJobArb = fc.record(
  {
    id: fc.constantFrom('a', 'b', '__proto__', 'constructor'),
    source: fc.constant('payments'),
    keyBy: fc.constantFrom('userId', 'x'),
    time: fc.constantFrom('event', 'processing'),
    assigner: assignerArb,
    aggregate: fc.oneof(
      fc.constant({ fn: 'count' }),
      fc.record({ fn: fc.constantFrom('sum', 'min', 'max', 'avg'), field: fc.constant('amount') }),
    ),
    condition: fc.oneof(
      fc.constantFrom('> 10000', '<= -3.5', ' == 2 '),
      fc.record({ op: fc.constantFrom('>', '!='), value: fc.integer() }),
    ),
    sink: fc.constant('alerts'),
    alertType: fc.constant('Alert'),
    allowedLateness: msArb(0),
    sideOutputLateData: fc.constant('late'),
    trigger: triggerArb,
    watermarks: fc.record(
      {
        maxOutOfOrdernessMs: msArb(0),
        autoWatermarkIntervalMs: msArb(1),
        idlenessMs: msArb(1),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['id', 'source', 'keyBy', 'assigner', 'aggregate'] },
);
const patternJobArb = fc.record(
  {
    id: fc.constantFrom('p', 'q'),
    sources: fc.constantFrom(['payments'], ['payments', 'late']),
    epl: fc.constantFrom(
      'select * from pattern [every a=Payment -> b=Payment where timer:within(5 sec)]',
      'select count(*) from Payment#length(3)',
    ),
    sink: fc.constant('alerts'),
    outputType: fc.constant('Match'),
  },
  { requiredKeys: ['id', 'sources', 'epl'] },
);
const streamsDocArb = fc
  .record({
    windows: fc.array(windowJobArb, { maxLength: 2 }),
    patterns: fc.array(patternJobArb, { maxLength: 2 }),
  })
  .map((s) => {
    // Unique ids across both lists.
    let n = 0;
    const windows = s.windows.map((w) => ({ ...w, id: `${w.id}${n++}` }));
    const patterns = s.patterns.map((p) => ({ ...p, id: `${p.id}${n++}` }));
    const d = doc({ windows, patterns });
    (d.topics as Json[]).push({ name: 'late', partitions: 1 });
    return d;
  });

describe('the streams section and public/scenario.schema.json agree', () => {
  it('every random accepted streams document is accepted by both', () => {
    fc.assert(
      fc.property(streamsDocArb, (d) => {
        const r = parseScenario(d);
        expect(r.ok ? [] : r.errors).toEqual([]);
        expect(validate(d) ? [] : validate.errors).toEqual([]);
      }),
      { seed: 1515, numRuns: 300 },
    );
  });

  it('a mutated document the schema rejects, the parser rejects too (never throws)', () => {
    fc.assert(
      fc.property(streamsDocArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (d, ms) => {
        const m = ms.reduce((x, mu: Mutation) => mutate(x as never, mu) as Json, d);
        const r = parseScenario(m);
        if (!validate(m)) expect(r.ok).toBe(false);
      }),
      { seed: 1516, numRuns: 400 },
    );
  });
});
