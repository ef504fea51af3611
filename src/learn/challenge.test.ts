import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { challengeDocuments } from '../challenges';
import { renderMsg } from '../i18n';
import type { Anomaly } from '../insight';
import { builtInScenarios } from '../scenarios';
import { applyActions } from './actions';
import {
  challengeStart,
  constraintViolations,
  parseChallenge,
  scoreOf,
  verdict,
} from './challenge';
import { evaluateGoal, type RunResult } from './goals';
import type { Challenge } from './types';
import { lessons } from '../lessons';
import { challengeIds } from '../challenges';
import { verifyChallenges, verifyLessons } from './verify';

const SEED = 2020;
const read = (f: string) =>
  JSON.parse(readFileSync(new URL(`../../public/${f}`, import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(read('scenario.schema.json'));
const validate = ajv.compile(read('challenge.schema.json'));
const en = (m: Parameters<typeof renderMsg>[1]) => renderMsg('en', m);

function shipped(i = 0): Challenge {
  const p = parseChallenge(challengeDocuments[i]);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.challenge;
}

describe('shipped challenges', () => {
  it('there are at least 8, with the ids lessons name', () => {
    const ids = challengeDocuments.map((d) => (d as { id: string }).id);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    for (const id of [
      'make-a-duplicate',
      'make-a-loss',
      'order-through-rebalance',
      'no-duplicates-without-dedup',
      'survive-broker-failure',
      'keep-lag-low',
      'poison-message',
      'idempotent-consumer',
    ])
      expect(ids).toContain(id);
  });

  it('each parses and is valid for public/challenge.schema.json', () => {
    for (const doc of challengeDocuments) {
      expect(parseChallenge(doc).ok).toBe(true);
      expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });

  it('each reference solution solves its challenge; the empty solution does not; par = its length', () => {
    const reports = verifyChallenges(challengeDocuments);
    for (const r of reports) expect(r.problems, r.id).toEqual([]);
    expect(reports.every((r) => r.score === 3)).toBe(true);
  }, 240_000);

  it('the replay fails a challenge for each kind of mistake, naming the reason', () => {
    const base = challengeDocuments[1] as Record<string, unknown>; // make-a-loss
    const variant = (over: Record<string, unknown>) => ({ ...structuredClone(base), ...over });
    const problems = (doc: unknown) => verifyChallenges([doc])[0]!.problems;
    expect(problems(variant({ goal: { summary: 'lost', op: '>=', value: 0 } }))).toContain(
      'the empty solution already solves it',
    );
    expect(problems(variant({ solution: [], par: 0 }))[0]).toMatch(
      /^the solution does not solve it: not yet: lost is 0/,
    );
    expect(problems(variant({ par: 2 }))).toEqual(['par is 2 but the solution has 1 actions']);
    const sneaky = variant({
      solution: [
        { op: 'set', path: 'groups[id=notifier].commit', value: 'before-processing' },
        { op: 'set', path: 'groups[id=notifier].members', value: 3 },
      ],
      par: 2,
    });
    expect(problems(sneaky)).toContain(
      'the solution breaks a constraint: groups[id=notifier].members may not be changed in this challenge',
    );
    expect(problems({ id: 'x' })[0]).toMatch(/^does not parse: /);
  }, 120_000);

  it('every lesson parses, its steps resolve, it has a task step, and its closing challenge exists', () => {
    const reports = verifyLessons(lessons, challengeIds);
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) expect(r.problems, r.id).toEqual([]);
    // And a lesson naming a challenge that does not exist is caught.
    const doc = structuredClone(lessons[0]) as { challenge?: string };
    doc.challenge = 'no-such-challenge';
    expect(verifyLessons([doc], challengeIds)[0]!.problems).toEqual([
      'its challenge no-such-challenge does not exist',
    ]);
    // And so is a lesson without a task step (the reader only reads).
    const untasked = structuredClone(lessons[0]) as { steps: { task?: unknown }[] };
    for (const step of untasked.steps) delete step.task;
    expect(verifyLessons([untasked], challengeIds)[0]!.problems).toEqual([
      'it has no task step (a step with a task the app checks)',
    ]);
  });

  it('the schema lists exactly the built-in scenarios a challenge may start from', () => {
    const schema = read('challenge.schema.json') as {
      properties: { start: { oneOf: { properties: { builtIn?: { enum: string[] } } }[] } };
    };
    expect(schema.properties.start.oneOf[0]!.properties.builtIn!.enum.sort()).toEqual(
      Object.keys(builtInScenarios).sort(),
    );
  });
});

describe('parseChallenge', () => {
  it('names the path of each problem', () => {
    const doc = structuredClone(challengeDocuments[0]) as Record<string, unknown>;
    doc.id = 'Not Kebab';
    (doc.title as Record<string, unknown>)['zh-CN'] = '';
    doc.par = -1;
    doc.goal = { summary: 'nonsense', op: '==', value: 0 };
    (doc.constraints as Record<string, unknown>).allow = ['a..b'];
    doc.solution = [{ op: 'set', path: 'groups[id=nobody].commit', value: 'x' }];
    doc.extra = 1;
    const r = parseChallenge(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    for (const p of [
      '$.id',
      '$.title["zh-CN"]',
      '$.par',
      '$.goal.summary',
      '$.constraints.allow[0]',
      '$.solution[0]',
      '$.extra',
    ])
      expect(paths).toContain(p);
  });

  it('reports a bad embedded scenario under $.start.scenario', () => {
    const doc = structuredClone(challengeDocuments[0]) as {
      start: { scenario: { topics: unknown } };
    };
    doc.start.scenario.topics = 'nope';
    const r = parseChallenge(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.path).toBe('$.start.scenario.topics');
  });

  it('a goal may only name groups of the start scenario', () => {
    const doc = structuredClone(challengeDocuments[0]) as Record<string, unknown>;
    doc.goal = { summary: 'duplicates', op: '>=', value: 1, group: 'ghost' };
    const r = parseChallenge(doc);
    expect(!r.ok && r.errors.some((e) => e.path === '$.goal.group')).toBe(true);
  });

  it('never throws and agrees with the schema on mutated documents (seeded fuzz)', () => {
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, p: (string | number)[], depth: number) => {
      if (depth > 4) return;
      paths.push(p);
      if (Array.isArray(v)) v.slice(0, 3).forEach((x, i) => walk(x, [...p, i], depth + 1));
      else if (typeof v === 'object' && v !== null)
        for (const k of Object.keys(v))
          if (k !== 'scenario') walk((v as Record<string, unknown>)[k], [...p, k], depth + 1);
    };
    walk(challengeDocuments[0], [], 0);
    const edge = fc.oneof(
      fc.constantFrom(
        null,
        -1,
        0,
        1,
        64,
        65,
        1000,
        1001,
        1e13,
        '',
        ' ',
        'x',
        '*',
        'a..b',
        [],
        {},
        true,
      ),
      fc.constantFrom('😀'.repeat(201), 'x'.repeat(201), 'make-a-loss', 'crash', '=='),
      fc.anything({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: challengeDocuments.length - 1 }),
        fc.array(fc.tuple(fc.constantFrom(...paths), edge, fc.boolean()), {
          minLength: 1,
          maxLength: 3,
        }),
        (which, edits) => {
          const doc = structuredClone(challengeDocuments[which]) as Record<string, unknown>;
          let root: unknown = doc;
          for (const [path, value, remove] of edits) {
            if (path.length === 0) {
              root = value;
              continue;
            }
            let cur: unknown = root;
            for (const k of path.slice(0, -1))
              cur =
                typeof cur === 'object' && cur !== null
                  ? (cur as Record<string | number, unknown>)[k]
                  : undefined;
            if (typeof cur !== 'object' || cur === null) continue;
            const last = path[path.length - 1]!;
            // An array loses the item (JSON has no holes); an object the key.
            if (remove && Array.isArray(cur)) cur.splice(Number(last), 1);
            else if (remove) delete (cur as Record<string | number, unknown>)[last];
            else (cur as Record<string | number, unknown>)[last] = value;
          }
          const r = parseChallenge(root);
          const schemaOk = validate(root);
          // The parser refuses more (references, paths, the solution replayed), never less.
          if (!schemaOk) expect(r.ok).toBe(false);
          if (r.ok) expect(schemaOk, JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('refuses values nested too deep or too large without throwing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(parseChallenge(deep).ok).toBe(false);
    expect(
      parseChallenge({
        ...(challengeDocuments[0] as object),
        brief: { en: 'x'.repeat(20_000), 'zh-CN': 'y' },
      }).ok,
    ).toBe(false);
  });
});

describe('constraints, verdict and score', () => {
  const c = shipped(0); // make-a-duplicate: no field may change, one crash/pause/leave fault
  const crash = (atMs: number) => ({
    op: 'addFault' as const,
    fault: { kind: 'crash' as const, atMs, group: 'ledger', member: 'ledger-1' },
  });

  it('names each broken constraint', () => {
    const v = constraintViolations(
      { allow: ['groups[id=*].commit'], faults: { max: 1, kinds: ['crash'] }, maxActions: 2 },
      [
        { op: 'set', path: 'groups[id=ledger].config["max.poll.records"]', value: 5 },
        crash(1000),
        { op: 'addFault', fault: { kind: 'brokerDown', atMs: 1, broker: 1 } },
      ],
    ).map(en);
    expect(v).toEqual([
      'groups[id=ledger].config["max.poll.records"] may not be changed in this challenge',
      'a brokerDown fault is not allowed here (allowed: crash)',
      '2 faults added; at most 1',
      '3 changes; at most 2',
    ]);
    expect(
      constraintViolations({ allow: [] }, [{ op: 'removeFault', fault: crash(1).fault }]).map(en),
    ).toEqual(['the challenge’s own crash fault may not be removed']);
  });

  it('is solved only when the goal holds and no constraint is broken; scores against par', () => {
    const ok = { ok: true, feedback: { key: 'challenges.goal.allMet' } };
    expect(en(verdict(c, [crash(2000)], ok).feedback)).toBe('Solved in 1 move (par 1) ★★★');
    const broken = verdict(c, [crash(2000), crash(3000)], ok);
    expect(broken.solved).toBe(false);
    expect(broken.violations.map(en)).toEqual(['2 faults added; at most 1']);
    expect(en(broken.feedback)).toMatch(/^the goal holds .*but the rules are broken$/);
    expect([scoreOf(1, 1), scoreOf(3, 1), scoreOf(4, 1), scoreOf(0, 2)]).toEqual([3, 2, 1, 3]);
  });

  it('the start scenario of a challenge loads', () => {
    const start = challengeStart(c);
    expect(start?.groups.map((g) => g.id)).toEqual(['ledger']);
    expect(applyActions(start!, c.solution).ok).toBe(true);
  });
});

describe('evaluateGoal explains itself', () => {
  const anomaly = (over: Partial<Anomaly>): Anomaly =>
    ({
      id: 'x',
      kind: 'reordered',
      cause: 'null-key',
      index: 1,
      timeUs: 4_200_000,
      group: 'fulfilment',
      topic: 'orders',
      partition: 2,
      offset: 41,
      count: 1,
      key: 'order-7',
      ...over,
    }) as Anomaly;
  const run = (anomalies: Anomaly[], duplicates = 3): RunResult =>
    ({
      summary: {
        duplicates,
        lagMax: null,
        groups: [{ group: 'ledger', duplicates, lag: null, lagMax: null }],
      },
      anomalies,
      events: 1,
    }) as unknown as RunResult;

  it('a failing anomaly goal names the first offending record and its time', () => {
    const r = evaluateGoal(
      { anomalies: 'reordered', op: '==', value: 0 },
      run([anomaly({}), anomaly({ key: 'order-9' })]),
    );
    expect(r.ok).toBe(false);
    expect(en(r.feedback)).toBe(
      'not yet: order-7 is still reordered at 4,200 ms (2 in all, needs 0)',
    );
    expect(renderMsg('zh-CN', r.feedback)).toContain('order-7');
    const place = evaluateGoal(
      { anomalies: 'stuck', op: '==', value: 0 },
      run([anomaly({ kind: 'stuck', key: undefined })]),
    );
    expect(en(place.feedback)).toBe(
      'not yet: orders-2 offset 41 is still stuck at 4,200 ms (1 in all, needs 0)',
    );
    expect(en(evaluateGoal({ anomalies: 'duplicate', op: '>=', value: 1 }, run([])).feedback)).toBe(
      'not yet: no duplicate in the run',
    );
  });

  it('a failing counter goal says the value and what it needs', () => {
    expect(en(evaluateGoal({ summary: 'duplicates', op: '==', value: 0 }, run([])).feedback)).toBe(
      'not yet: duplicates is 3, needs to be 0',
    );
    expect(
      en(
        evaluateGoal({ summary: 'duplicates', op: '<=', value: 5, group: 'ledger' }, run([]))
          .feedback,
      ),
    ).toBe('duplicates of ledger is 3');
    expect(en(evaluateGoal({ summary: 'lagMax', op: '<', value: 100 }, run([])).feedback)).toMatch(
      /^not yet: largest partition lag is unknown/,
    );
    const all = evaluateGoal(
      {
        all: [
          { summary: 'duplicates', op: '>=', value: 1 },
          { not: { summary: 'duplicates', op: '>', value: 2 } },
        ],
      },
      run([]),
    );
    expect(en(all.feedback)).toBe('not yet: this must not happen: duplicates is 3');
    expect(
      evaluateGoal(
        {
          any: [
            { summary: 'duplicates', op: '==', value: 0 },
            { summary: 'duplicates', op: '==', value: 3 },
          ],
        },
        run([]),
      ).ok,
    ).toBe(true);
  });
});
