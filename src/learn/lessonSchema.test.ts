/// <reference types="vite/client" />
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { child } from '../engine/scenario/validate';
import { parseLesson } from './lesson';
import sample from './test/sampleLesson.json';

/*
 * The parser (src/learn/lesson.ts) and the published public/lesson.schema.json agree: every
 * shipped lesson is valid for both; on bad documents, what the parser accepts the schema
 * accepts, and what the schema rejects the parser rejects, but for what a JSON Schema cannot
 * say (one value against another, the action path grammar, references inside a scenario).
 */
const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../public/${name}`, import.meta.url), 'utf8'));
const schema = read('lesson.schema.json');
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(read('scenario.schema.json'));
const validate = ajv.compile(schema);
const SEED = 2020;

/** The lessons shipped in src/lessons (helper F's content), found by file so none is missed. */
const shipped = Object.entries(
  import.meta.glob<unknown>('../lessons/**/*.json', { eager: true, import: 'default' }),
);

/** Parser errors no JSON Schema can express. */
const SEMANTIC = [
  /^must be ≥ fromMs /,
  /^the path |path|segment/i,
  // Inside a whole scenario: the scenario parser's own cross-checks (schemaAgreement.test.ts).
  /^unknown (topic|group|producer|client|server) "/,
  /^duplicate (topic|id|member) "/,
  /^group ".*" has no member "/,
  /has \d+ partitions; partition must be </,
  /^must be ≥ (startMs|minMs) /,
  /^must be lower than session\.timeout\.ms /,
  /^is \d+ but the cluster has \d+ brokers?$/,
  /^is \d+, more than replication\.factor \d+$/,
  /^the cluster has brokers 1 … \d+, got \d+$/,
  /^a loop with no processing time/,
];
const semantic = (m: string) => SEMANTIC.some((re) => re.test(m));

function expectBothAccept(doc: unknown): void {
  const r = parseLesson(doc);
  expect(r.ok ? [] : r.errors).toEqual([]);
  expect(validate(doc) ? [] : validate.errors).toEqual([]);
}

describe('parseLesson and public/lesson.schema.json agree', () => {
  it('the sample lesson and the schema examples are valid for both', () => {
    expectBothAccept(sample);
    expect((schema.examples as unknown[]).length).toBeGreaterThanOrEqual(1);
    for (const ex of schema.examples as unknown[]) expectBothAccept(ex);
  });

  it.runIf(shipped.length > 0)('every shipped lesson is valid for both', () => {
    for (const [file, lesson] of shipped) {
      const r = parseLesson(lesson);
      expect(r.ok ? [] : r.errors, file).toEqual([]);
      expect(validate(lesson) ? [] : validate.errors, file).toEqual([]);
    }
  });

  const bad: [string, (l: any) => void][] = [
    ['no title', (l) => delete l.title],
    ['a title in one language', (l) => delete l.title['zh-CN']],
    ['an empty narration', (l) => (l.steps[0].narration.en = '')],
    ['version 2', (l) => (l.version = 2)],
    ['an id with capitals', (l) => (l.id = 'Lesson')],
    ['an unknown top-level field', (l) => (l.author = 'me')],
    ['no steps', (l) => (l.steps = [])],
    ['a step that is a string', (l) => (l.steps[1] = 'step')],
    ['a first step of changes', (l) => (l.steps[0].scenario = { changes: [] })],
    ['a source with two kinds', (l) => (l.steps[1].scenario = { builtIn: 'a', changes: [] })],
    ['an empty source', (l) => (l.steps[1].scenario = {})],
    ['a built-in with a space', (l) => (l.steps[0].scenario = { builtIn: 'a b' })],
    ['a negative atMs', (l) => (l.steps[0].atMs = -1)],
    ['a string atMs', (l) => (l.steps[0].atMs = '100')],
    ['highlight with an unknown field', (l) => (l.steps[0].highlight.color = 'red')],
    ['a node that is a number', (l) => (l.steps[0].highlight.nodes = [3])],
    ['a task without goal', (l) => delete l.steps[2].task.goal],
    ['a goal with two forms', (l) => (l.steps[2].task.goal = { not: { all: [] }, all: [] })],
    ['an empty all', (l) => (l.steps[2].task.goal = { all: [] })],
    ['an unknown op', (l) => (l.steps[2].task.goal.op = '=')],
    [
      'an unknown anomaly kind',
      (l) => (l.steps[2].task.goal = { anomalies: 'late', op: '>', value: 0 }),
    ],
    ['a set without value', (l) => delete l.steps[2].scenario.changes[0].value],
    ['an unknown action', (l) => (l.steps[2].scenario.changes[0].op = 'delete')],
    [
      'a fault with a string time',
      (l) =>
        (l.steps[2].scenario.changes = [
          { op: 'addFault', fault: { kind: 'crash', atMs: '1', group: 'g', member: 'm' } },
        ]),
    ],
    [
      'a whole scenario with no topics',
      (l) => (l.steps[1].scenario = { scenario: { version: 1, name: 'x' } }),
    ],
    ['a hint that is text', (l) => (l.steps[2].task.hints = ['hint'])],
    ['a title of 201 characters', (l) => (l.title.en = 'x'.repeat(201))],
    ['a title of 200 emoji (allowed: code points)', (l) => (l.title.en = '😀'.repeat(200))],
    [
      'toMs before fromMs (the parser only)',
      (l) => ((l.steps[0].highlight.fromMs = 9), (l.steps[0].highlight.toMs = 1)),
    ],
    [
      'a path that does not parse (the parser only)',
      (l) => (l.steps[2].scenario.changes[0].path = 'groups[id='),
    ],
  ];

  it.each(bad)(
    '%s: both agree (or the parser refuses for a reason no schema can say)',
    (_, mutate) => {
      const doc = structuredClone(sample) as any;
      mutate(doc);
      const r = parseLesson(doc);
      const schemaOk = validate(doc);
      if (r.ok) expect(schemaOk ? [] : validate.errors).toEqual([]);
      else if (schemaOk) expect(r.errors.filter((e) => !semantic(e.message))).toEqual([]);
    },
  );

  it('the bad documents are refused by the parser (but the emoji title)', () => {
    const refused = bad.map(([name, mutate]) => {
      const doc = structuredClone(sample) as any;
      mutate(doc);
      return [name, parseLesson(doc).ok] as const;
    });
    expect(refused.filter(([, ok]) => ok).map(([n]) => n)).toEqual([
      'a title of 200 emoji (allowed: code points)',
    ]);
  });

  it('mutated lessons (seeded property): parser ⇒ schema, and schema rejects ⇒ parser rejects', () => {
    const all: string[] = [];
    const walk = (v: unknown, p: string) => {
      if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          const q = child(p, Array.isArray(v) ? Number(k) : k);
          all.push(q);
          walk(x, q);
        }
    };
    walk(sample, '$');
    const value = fc.oneof(
      fc.constantFrom<unknown>(
        null,
        true,
        0,
        -1,
        0.5,
        '',
        'x',
        'a b',
        [],
        {},
        { en: 'a', 'zh-CN': 'b' },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(fc.nat(all.length - 1), value, fc.boolean(), (i, v, remove) => {
        const doc = structuredClone(sample) as any;
        let n = 0;
        const visit = (o: any): void => {
          if (!o || typeof o !== 'object') return;
          for (const k of Object.keys(o)) {
            if (n++ === i) {
              if (remove && Array.isArray(o)) o.splice(Number(k), 1);
              else if (remove) delete o[k];
              else o[k] = v;
              n = Infinity;
              return;
            }
            visit(o[k]);
          }
        };
        visit(doc);
        const r = parseLesson(doc);
        const schemaOk = validate(doc);
        if (r.ok) expect(schemaOk ? [] : validate.errors).toEqual([]);
        else if (schemaOk) expect(r.errors.filter((e) => !semantic(e.message))).toEqual([]);
      }),
      { seed: SEED, numRuns: 800 },
    );
  });
});
