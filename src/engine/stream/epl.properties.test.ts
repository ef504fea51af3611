/**
 * Properties of runEpl over random input (fast-check). Replay a failure: fast-check prints `seed`
 * and `path`; pass them to fc.assert's options.
 * - determinism: the same statement and events give the same result;
 * - malformed statements never throw, and name a position inside the statement;
 * - `select count(*) from T#length(n)` and `#time(t)` equal a naive recomputation;
 * - `every a=A -> b=B`, `every a=A -> b=B(k = a.k)` and `every (a=A -> b=B)` equal a naive
 *   recomputation (Esper reference, the "every" example table, states what they match).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runEpl, type EplEvent, type EplResult } from './epl';

/** A JSON-comparable view of a result (Maps become entry arrays). */
function plain(r: EplResult): unknown {
  return {
    ok: r.ok,
    kind: r.kind,
    problems: r.problems,
    matches: r.matches.map((m) => [m.time, [...m.tags.entries()]]),
    updates: r.updates.map((u) => [
      u.time,
      u.insert.map((x) => [...x]),
      u.remove.map((x) => [...x]),
    ]),
  };
}

const eventsArb = (types: readonly string[], maxLen = 60): fc.Arbitrary<EplEvent[]> =>
  fc
    .array(
      fc.record({
        type: fc.constantFrom(...types),
        gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })),
        k: fc.integer({ min: 0, max: 2 }),
        v: fc.integer({ min: -5, max: 50 }),
      }),
      { maxLength: maxLen },
    )
    .map((xs) => {
      let t = 0;
      return xs.map((x, i) => {
        t += x.gap;
        return { type: x.type, time: t, data: { id: i, k: x.k, v: x.v } };
      });
    });

const atomArb = fc
  .record({
    tag: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
    type: fc.constantFrom('A', 'B', 'C'),
    filter: fc.constantFrom('', '(v > 10)', '(k = 1, v < 40)', "(k != 2 or v = 'x')"),
  })
  .map((x) => `${x.tag ? `${x.tag}=` : ''}${x.type}${x.filter}`);

const patternArb: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atomArb,
    fc.constantFrom('timer:interval(2 sec)', 'timer:interval(500 msec)'),
    fc.tuple(fc.constantFrom('every ', 'not ', ''), tie('p')).map(([op, p]) => `${op}(${p})`),
    fc
      .tuple(tie('p'), fc.constantFrom(' -> ', ' and ', ' or '), tie('p'))
      .map(([a, op, b]) => `${a}${op}${b}`),
    fc
      .tuple(tie('p'), fc.integer({ min: 1, max: 9000 }))
      .map(([p, ms]) => `(${p}) where timer:within(${ms} msec)`),
  ),
})).p;

const windowStatementArb = fc
  .record({
    stream: fc.constantFrom('', 'irstream ', 'rstream '),
    select: fc.constantFrom(
      '*',
      'count(*)',
      'k, sum(v) as s',
      'k, avg(v), min(v), max(v)',
      'id, count(v)',
    ),
    window: fc.constantFrom('#length(3)', '#time(4 sec)', '.win:time(2500 msec)', ''),
    where: fc.constantFrom('', ' where v > 5', ' where k = 1 or v < 0'),
    group: fc.constantFrom('', ' group by k'),
    having: fc.constantFrom('', ' having count(*) > 1', ' having sum(v) > 20'),
  })
  .map((x) => `select ${x.stream}${x.select} from A${x.window}${x.where}${x.group}${x.having}`);

const statementArb = fc.oneof(
  patternArb.map((p) => `select * from pattern [${p}]`),
  windowStatementArb,
);

describe('runEpl properties', () => {
  it('is deterministic', () => {
    fc.assert(
      fc.property(statementArb, eventsArb(['A', 'B', 'C']), (statement, events) => {
        const a = runEpl(statement, events, { endTime: (events.at(-1)?.time ?? 0) + 10_000 });
        const b = runEpl(statement, structuredClone(events), {
          endTime: (events.at(-1)?.time ?? 0) + 10_000,
        });
        expect(plain(a)).toEqual(plain(b));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on malformed statements, and names a position inside the statement', () => {
    const tokens = [
      'select',
      '*',
      'from',
      'pattern',
      '[',
      ']',
      '(',
      ')',
      'every',
      'not',
      'and',
      'or',
      '->',
      'where',
      'timer',
      ':',
      'within',
      'interval',
      '5',
      'sec',
      'A',
      'a',
      '=',
      'B',
      '.',
      'x',
      "'s",
      ',',
      '#',
      'time',
      'length',
      'group',
      'by',
      'having',
      'count',
      'sum',
      '>',
      'irstream',
      '__proto__',
      '"',
      '-',
      '1e999',
    ];
    const soup = fc.array(fc.constantFrom(...tokens), { maxLength: 40 }).map((ts) => ts.join(' '));
    const mutated = fc
      .tuple(statementArb, fc.nat(), fc.nat({ max: 5 }), fc.string({ maxLength: 4 }))
      .map(([s, at, del, ins]) => {
        const i = at % (s.length + 1);
        return s.slice(0, i) + ins + s.slice(i + del);
      });
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 80 }), soup, mutated),
        eventsArb(['A', 'B'], 10),
        (statement, events) => {
          const r = runEpl(statement, events);
          if (!r.ok) {
            expect(r.problems.length).toBeGreaterThan(0);
            const p = r.problems[0]!;
            expect(p.message.length).toBeGreaterThan(0);
            if (p.path === 'statement' && p.position !== null) {
              expect(p.position).toBeGreaterThanOrEqual(0);
              expect(p.position).toBeLessThanOrEqual(statement.length);
            }
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('never throws on malformed events or options', () => {
    fc.assert(
      fc.property(statementArb, fc.anything(), fc.anything(), (statement, events, options) => {
        const r = runEpl(statement, events, options as never);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('select count(*) from T#length(n) equals a naive recomputation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), eventsArb(['T', 'U'], 80), (n, events) => {
        const r = runEpl(`select count(*) from T#length(${n})`, events);
        const expected: [number, number][] = [];
        let seen = 0;
        for (const e of events) {
          if (e.type !== 'T') continue;
          seen++;
          expected.push([e.time, Math.min(seen, n)]);
        }
        expect(r.updates.map((u) => [u.time, u.insert[0]?.get('count(*)')])).toEqual(expected);
        expect(r.updates.every((u) => u.insert.length === 1 && u.remove.length === 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('select irstream count(*) from T#time(t) equals a naive recomputation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), eventsArb(['T', 'U'], 60), (t, events) => {
        const end = (events.at(-1)?.time ?? 0) + t;
        const r = runEpl(`select irstream count(*) as n from T#time(${t} msec)`, events, {
          endTime: end,
        });
        // Naive: at each instant the window changes, count the T events that arrived and not left.
        const arrived: number[] = [];
        const expected: [number, number, number][] = [];
        const inWindow = (now: number): number =>
          arrived.filter((a) => a <= now && a + t > now).length;
        const expiriesUpTo = (from: number, to: number): number[] =>
          [...new Set(arrived.map((a) => a + t))]
            .filter((x) => x > from && x <= to)
            .sort((x, y) => x - y);
        let clock = 0;
        const moveTo = (to: number): void => {
          for (const x of expiriesUpTo(clock, to)) {
            // before the expiry: count just before x; after: at x
            expected.push([x, inWindow(x), inWindow(x - 1)]);
          }
          clock = to;
        };
        for (const e of events) {
          moveTo(e.time);
          if (e.type !== 'T') continue;
          const before = inWindow(e.time);
          arrived.push(e.time);
          expected.push([e.time, inWindow(e.time), before]);
        }
        moveTo(end);
        expect(
          r.updates.map((u) => [u.time, u.insert[0]?.get('n'), u.remove[0]?.get('n')]),
        ).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  const abEvents = eventsArb(['A', 'B', 'C'], 80);
  const ids = (r: EplResult): [number, unknown, unknown][] =>
    r.matches.map((m) => [m.time, m.tags.get('a')?.data['id'], m.tags.get('b')?.data['id']]);

  it('every a=A -> b=B equals a naive recomputation: each A with the first B after it', () => {
    fc.assert(
      fc.property(abEvents, (events) => {
        const expected: [number, unknown, unknown][] = [];
        const pending: EplEvent[] = [];
        for (const e of events) {
          if (e.type === 'B') {
            for (const a of pending) expected.push([e.time, a.data['id'], e.data['id']]);
            pending.length = 0;
          } else if (e.type === 'A') pending.push(e);
        }
        expect(ids(runEpl('select * from pattern [every a=A -> b=B]', events))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('every a=A -> b=B(k = a.k) equals a naive recomputation: each A with the first B of its k after it', () => {
    fc.assert(
      fc.property(abEvents, (events) => {
        const expected: [number, unknown, unknown][] = [];
        let pending: EplEvent[] = [];
        for (const e of events) {
          if (e.type === 'B') {
            for (const a of pending)
              if (a.data['k'] === e.data['k']) expected.push([e.time, a.data['id'], e.data['id']]);
            pending = pending.filter((a) => a.data['k'] !== e.data['k']);
          } else if (e.type === 'A') pending.push(e);
        }
        expect(ids(runEpl('select * from pattern [every a=A -> b=B(k = a.k)]', events))).toEqual(
          expected,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('every (a=A -> b=B) equals a naive recomputation: A then the next B, then start over', () => {
    fc.assert(
      fc.property(abEvents, (events) => {
        const expected: [number, unknown, unknown][] = [];
        let a: EplEvent | null = null;
        for (const e of events) {
          if (a === null && e.type === 'A') a = e;
          else if (a !== null && e.type === 'B') {
            expected.push([e.time, a.data['id'], e.data['id']]);
            a = null;
          }
        }
        expect(ids(runEpl('select * from pattern [every (a=A -> b=B)]', events))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
