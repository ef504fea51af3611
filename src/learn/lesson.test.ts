import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../engine';
import { child } from '../engine/scenario/validate';
import { builtInScenarios } from '../scenarios';
import { parseLesson, parseLessonJson, resolveLessonSteps, type LessonError } from './lesson';
import sample from './test/sampleLesson.json';

type J = Record<string, any>;
const clone = (): J => structuredClone(sample) as J;
const builtIn = (id: string): Scenario | undefined => {
  if (!Object.hasOwn(builtInScenarios, id)) return undefined;
  const r = parseScenario(builtInScenarios[id]);
  return r.ok ? r.scenario : undefined;
};

function errorsOf(mutate: (l: J) => void): LessonError[] {
  const l = clone();
  mutate(l);
  const r = parseLesson(l);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}
const line = (e: LessonError[]) => e.map((x) => `${x.path}: ${x.message}`);

/** Seeds of the property tests (printed on failure by fast-check; pinned so runs repeat). */
const SEED = 1010;

describe('parseLesson', () => {
  it('accepts the sample lesson and keeps every field', () => {
    const r = parseLesson(sample);
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    expect(r.lesson.steps).toHaveLength(3);
    expect(r.lesson.steps[0]!.atMs).toBe(1200);
    expect(r.lesson.steps[0]!.highlight).toEqual({ nodes: ['payments'], fromMs: 0, toMs: 2500 });
    expect(r.lesson.steps[2]!.task?.hints).toHaveLength(2);
    expect(r.lesson.steps[2]!.task?.goal).toEqual({
      summary: 'duplicates',
      op: '==',
      value: 0,
      group: 'ledger',
    });
  });

  it('reads JSON text within bounds; a syntax error is at $', () => {
    expect(parseLessonJson(JSON.stringify(sample)).ok).toBe(true);
    const r = parseLessonJson('{"version": 1,');
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['$']);
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const d = parseLessonJson(deep);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.errors[0]!.message).toMatch(/nested more than 64 levels/);
  });

  it('rejects non-objects without throwing', () => {
    for (const v of [null, 42, 'x', [], undefined, true]) {
      const r = parseLesson(v);
      expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['$']);
    }
  });

  it.each<[string, (l: J) => void, string]>([
    [
      'a missing translation',
      (l) => delete l.steps[1].narration['zh-CN'],
      '$.steps[1].narration["zh-CN"]: must be a string, got undefined',
    ],
    [
      'a wrong version',
      (l) => (l.version = 2),
      '$.version: must be 1 (the only lesson format version), got 2',
    ],
    [
      'an id not in kebab-case',
      (l) => (l.id = 'Bad Id'),
      '$.id: "Bad Id" must match /^[a-z0-9]+(-[a-z0-9]+)*$/',
    ],
    [
      'an unknown field',
      (l) => (l.steps[0].naration = {}),
      '$.steps[0].naration: unknown field "naration" (known: title, narration, scenario, atMs, highlight, task)',
    ],
    ['a negative atMs', (l) => (l.steps[1].atMs = -5), '$.steps[1].atMs: must be ≥ 0, got -5'],
    [
      'toMs before fromMs',
      (l) => ((l.steps[0].highlight.fromMs = 100), (l.steps[0].highlight.toMs = 0)),
      '$.steps[0].highlight.toMs: must be ≥ fromMs (100), got 0',
    ],
    [
      'a bad node name',
      (l) => (l.steps[0].highlight.nodes = ['a b']),
      '$.steps[0].highlight.nodes[0]: "a b" must match /^[A-Za-z0-9._-]+$/',
    ],
    [
      'a first step that changes nothing',
      (l) => (l.steps[0].scenario = { changes: [] }),
      '$.steps[0].scenario: the first step must name a built-in or give a whole scenario (there is no previous step to change)',
    ],
    [
      'two scenario sources',
      (l) => (l.steps[1].scenario = { builtIn: 'x', changes: [] }),
      '$.steps[1].scenario: must have exactly one of "builtIn", "scenario", "changes", got "builtIn", "changes"',
    ],
    [
      'an unknown goal counter',
      (l) => (l.steps[2].task.goal.summary = 'dupes'),
      '$.steps[2].task.goal.summary: must be one of "processed", "duplicates", "redeliveries", "duplicateSideEffects", "dedupAbsorbed", "reordered", "lost", "pending", "lag", "lagMax", "rebalances", "rejectedCommits", "dlq", "handlerFailures", "abortedRead", "outputDuplicates", "missedTombstones", "produced", "appended", "acknowledged", "logDuplicates", "lostAcked", "reorderedInLog", "failedSends", "amqp.published", "amqp.routed", "amqp.unroutable", "amqp.delivered", "amqp.redelivered", "amqp.processed", "amqp.duplicates", "amqp.reordered", "amqp.handlerFailures", "amqp.acked", "amqp.requeued", "amqp.deadLettered", "amqp.lost", "amqp.maxDeliveries", "es.succeeded", "es.conflicts", "es.failedCommands", "es.doubleCounted", "es.staleReads", "es.versionErrors", "es.upcasted", "es.rebuilds", got "dupes"',
    ],
    [
      'a goal of no known form',
      (l) => (l.steps[2].task.goal = { every: [] }),
      '$.steps[2].task.goal: must be one of {all}, {any}, {not}, {summary, op, value}, {anomalies, op, value}; got an object with fields "every"',
    ],
    [
      'a nested goal',
      (l) => (l.steps[2].task.goal = { all: [{ not: { anomalies: 'lost', op: '=', value: 0 } }] }),
      '$.steps[2].task.goal.all[0].not.op: must be one of "<", "<=", "==", "!=", ">=", ">", got "="',
    ],
    [
      'a bad action path',
      (l) => (l.steps[2].scenario.changes[0].path = 'groups[id=ledger'),
      '$.steps[2].scenario.changes[0].path:',
    ],
    [
      'an action without a value',
      (l) => delete l.steps[2].scenario.changes[0].value,
      '$.steps[2].scenario.changes[0].value: must be given (null removes the field)',
    ],
    [
      'a fault of an unknown kind',
      (l) =>
        (l.steps[2].scenario.changes = [{ op: 'addFault', fault: { kind: 'explode', atMs: 1 } }]),
      '$.steps[2].scenario.changes[0].fault.kind: must be one of',
    ],
    [
      'a pause without its duration',
      (l) =>
        (l.steps[2].scenario.changes = [
          {
            op: 'addFault',
            fault: { kind: 'pause', atMs: 1, group: 'ledger', member: 'ledger-1' },
          },
        ]),
      '$.steps[2].scenario.changes[0].fault.durationMs: must be a finite number, got undefined',
    ],
    [
      'a hint in one language',
      (l) => (l.steps[2].task.hints[1] = { en: 'x' }),
      '$.steps[2].task.hints[1]["zh-CN"]: must be a string, got undefined',
    ],
    [
      'a narration too long',
      (l) => (l.steps[0].narration.en = 'x'.repeat(8001)),
      '$.steps[0].narration.en: must be at most 8000 characters',
    ],
    [
      'too many steps',
      (l) => (l.steps = Array.from({ length: 61 }, () => l.steps[0])),
      '$.steps: at most 60 entries, got 61',
    ],
    ['no steps', (l) => (l.steps = []), '$.steps: must have at least 1 entry'],
    [
      'a __proto__ key',
      (l) => Object.defineProperty(l.title, '__proto__', { value: { en: 'x' }, enumerable: true }),
      '$.title.__proto__: unknown field "__proto__" (known: en, zh-CN)',
    ],
  ])('%s: names the field', (_, mutate, expected) => {
    const lines = line(errorsOf(mutate));
    expect(
      lines.some((l) => l.startsWith(expected)),
      lines.join('\n'),
    ).toBe(true);
  });

  it('a whole scenario inside a step is checked by the scenario parser, at its path in the lesson', () => {
    const errs = line(
      errorsOf((l) => {
        const s = structuredClone(builtInScenarios['order-flow']) as J;
        s.topics[1].partitions = 0;
        l.steps[1].scenario = { scenario: s };
      }),
    );
    expect(errs).toContain('$.steps[1].scenario.scenario.topics[1].partitions: must be ≥ 1, got 0');
  });

  it('a fault naming a group the empty check scenario lacks is accepted here, refused when applied', () => {
    const l = clone();
    l.steps[2].scenario.changes = [
      { op: 'addFault', fault: { kind: 'crash', atMs: 100, group: 'nobody', member: 'nobody-1' } },
    ];
    const r = parseLesson(l);
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    const s = resolveLessonSteps(r.lesson, builtIn);
    expect(s.ok).toBe(false);
    if (!s.ok) {
      expect(s.errors[0]!.path).toBe('$.steps[2].scenario.changes');
      expect(s.errors[0]!.message).toMatch(/nobody/);
    }
  });
});

describe('resolveLessonSteps', () => {
  it('gives each step its scenario: built-ins, and changes applied to the previous step', () => {
    const r = parseLesson(sample);
    if (!r.ok) throw new Error('sample must parse');
    const s = resolveLessonSteps(r.lesson, builtIn);
    expect(s.ok ? [] : s.errors).toEqual([]);
    if (!s.ok) return;
    const base = builtIn('crash-before-commit')!;
    expect(s.scenarios[0]).toEqual(base);
    expect(s.scenarios[1]).toEqual(base);
    const ledger = s.scenarios[2]!.groups.find((g) => g.id === 'ledger')!;
    expect(ledger.commit).toBe('before-processing');
    // Only that field changed.
    expect({ ...s.scenarios[2]!, groups: [] }).toEqual({ ...base, groups: [] });
    expect(base.groups.find((g) => g.id === 'ledger')!.commit).toBe('after-processing');
  });

  it('names a missing built-in and a change that does not apply', () => {
    const l = clone();
    l.steps[0].scenario = { builtIn: 'no-such-thing' };
    const r = parseLesson(l);
    if (!r.ok) throw new Error('must parse');
    const s = resolveLessonSteps(r.lesson, builtIn);
    expect(s.ok ? [] : line(s.errors)).toEqual([
      '$.steps[0].scenario.builtIn: no built-in scenario "no-such-thing"',
    ]);
    const l2 = clone();
    l2.steps[2].scenario.changes[0].path = 'groups[id=nobody].commit';
    const r2 = parseLesson(l2);
    if (!r2.ok) throw new Error('must parse');
    const s2 = resolveLessonSteps(r2.lesson, builtIn);
    expect(s2.ok).toBe(false);
    if (!s2.ok) expect(s2.errors[0]!.path).toBe('$.steps[2].scenario.changes[0]');
  });
});

/** Every path of a JSON value, with the value's parent and key (to mutate it in place). */
function paths(
  v: unknown,
  p = '$',
  out: { path: string; parent: any; key: string | number }[] = [],
) {
  if (Array.isArray(v))
    v.forEach(
      (x, i) => (out.push({ path: child(p, i), parent: v, key: i }), paths(x, child(p, i), out)),
    );
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push({ path: child(p, k), parent: v, key: k });
      paths(x, child(p, k), out);
    }
  return out;
}

const related = (a: string, b: string) => a === b || a.startsWith(b) || b.startsWith(a);

describe('parseLesson fuzz (seeded properties): never throws, names the path', () => {
  const edge = fc.oneof(
    fc.constantFrom<unknown>(
      null,
      true,
      0,
      -1,
      1e308,
      '',
      'x',
      [],
      {},
      [null],
      { en: 1 },
      '__proto__',
    ),
    fc.string({ maxLength: 20 }),
    fc.double(),
    fc.string({ minLength: 9000, maxLength: 9001 }),
  );

  it('a value replaced or removed anywhere: accepted, or an error at (or around) that path', () => {
    const all = paths(sample);
    fc.assert(
      fc.property(fc.nat(all.length - 1), edge, fc.boolean(), (i, value, remove) => {
        const doc = clone();
        const at = paths(doc)[i]!;
        if (remove) {
          if (Array.isArray(at.parent)) at.parent.splice(at.key as number, 1);
          else delete at.parent[at.key];
        } else at.parent[at.key] = value;
        const r = parseLesson(doc);
        if (r.ok) return;
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(e.path.startsWith('$')).toBe(true);
          expect(typeof e.message).toBe('string');
          expect(e.message.length).toBeGreaterThan(0);
        }
        // Removing an array entry shifts later paths; a value that replaced a field is named.
        if (!remove)
          expect(
            r.errors.some((e) => related(e.path, at.path)),
            `${at.path}: ${line(r.errors).join('\n')}`,
          ).toBe(true);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('deep nesting anywhere is refused at its path, without a stack overflow', () => {
    const all = paths(sample);
    fc.assert(
      fc.property(fc.nat(all.length - 1), fc.integer({ min: 60, max: 5000 }), (i, depth) => {
        const doc = clone();
        const at = paths(doc)[i]!;
        let deep: unknown = 1;
        for (let d = 0; d < depth; d++) deep = d % 2 ? [deep] : { a: deep };
        at.parent[at.key] = deep;
        const r = parseLesson(doc);
        expect(r.ok).toBe(false);
        if (!r.ok)
          expect(r.errors.some((e) => related(e.path.replace(/….*$/, ''), at.path))).toBe(true);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('arbitrary JSON values: never throws, always an answer', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const r = parseLesson(v);
        expect(r.ok ? r.lesson : r.errors.length).toBeTruthy();
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('a cyclic value handed over by code is refused, not looped on', () => {
    const l = clone();
    l.steps[0].highlight.self = l.steps[0].highlight;
    const r = parseLesson(l);
    expect(r.ok).toBe(false);
  });
});
