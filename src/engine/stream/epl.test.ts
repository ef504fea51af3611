/**
 * runEpl replaying the Esper reference's examples and Esper's own regression cases.
 * Sources (cited per test):
 * - Esper reference, "EPL Reference: Patterns": the `every` example table over the sequence
 *   A1 B1 C1 B2 A2 D1 A3 B3 E1 A4 F1 B4, and the operator precedence table.
 * - espertechinc/nesper NEsper.Regression/suite/pattern/PatternGuardTimerWithin.cs and
 *   PatternOperatorNot.cs (ports of Esper's Java regressions), over
 *   EventCollectionFactory.GetEventSetOne(0, 1000): A1 B1 C1 B2 A2 D1 E1 F1 D2 B3 G1 D3 at
 *   1000, 2000, … 12000 ms, the statement started at 0.
 * - Esper reference, "Processing Model" (length and time windows, insert and remove streams) and
 *   "Output Reference and Samples" (aggregated / grouped output rows).
 */
import { describe, expect, it } from 'vitest';
import { runEpl, type EplEvent, type EplResult } from './epl';
import { parseEpl } from './eplParse';

const ev = (type: string, time: number, data: Record<string, unknown> = {}): EplEvent => ({
  type,
  time,
  data,
});

/** A1 B1 C1 … as events of type A, B, C … with an `id`, one per second from 1000 ms. */
function sequence(ids: readonly string[], step = 1000): EplEvent[] {
  return ids.map((id, i) => ev(id.slice(0, 1), (i + 1) * step, { id }));
}

/** Matches as "tag=id tag=id" strings, tags in name order. */
function matched(r: EplResult): string[] {
  expect(r.ok).toBe(true);
  return r.matches.map((m) =>
    [...m.tags.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([tag, e]) => `${tag}=${String(e.data['id'])}`)
      .join(' '),
  );
}

/**
 * The regression harness (PatternTestHarness) checks which matches each event produced, not their
 * order among themselves; so these cases compare matches grouped by time, sorted within a time.
 */
function matchedPerTime(r: EplResult): string[] {
  const names = matched(r);
  return names
    .map((n, i) => [r.matches[i]!.time, n] as const)
    .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([, n]) => n);
}

const sortedPerTime = (r: EplResult, expected: readonly string[]): void => {
  const time = new Map<string, number>();
  r.matches.forEach((m, i) => time.set(matched(r)[i]!, m.time));
  expect(matchedPerTime(r)).toEqual(
    [...expected].sort(
      (a, b) => (time.get(a) ?? 0) - (time.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
    ),
  );
};

const TABLE = sequence(['A1', 'B1', 'C1', 'B2', 'A2', 'D1', 'A3', 'B3', 'E1', 'A4', 'F1', 'B4']);

describe('the every operator (Esper reference, "every" example table)', () => {
  it('every ( A -> B ): A1 B1, A2 B3, A4 B4', () => {
    expect(matched(runEpl('select * from pattern [every (a=A -> b=B)]', TABLE))).toEqual([
      'a=A1 b=B1',
      'a=A2 b=B3',
      'a=A4 b=B4',
    ]);
  });
  it('every A -> B: A1 B1, A2 B3, A3 B3, A4 B4', () => {
    expect(matched(runEpl('select * from pattern [every a=A -> b=B]', TABLE))).toEqual([
      'a=A1 b=B1',
      'a=A2 b=B3',
      'a=A3 b=B3',
      'a=A4 b=B4',
    ]);
  });
  it('A -> every B: A1 with each of B1 B2 B3 B4', () => {
    expect(matched(runEpl('select * from pattern [a=A -> every b=B]', TABLE))).toEqual([
      'a=A1 b=B1',
      'a=A1 b=B2',
      'a=A1 b=B3',
      'a=A1 b=B4',
    ]);
  });
  it('every A -> every B: every A with every later B', () => {
    expect(matched(runEpl('select * from pattern [every a=A -> every b=B]', TABLE))).toEqual([
      'a=A1 b=B1',
      'a=A1 b=B2',
      'a=A1 b=B3',
      'a=A2 b=B3',
      'a=A3 b=B3',
      'a=A1 b=B4',
      'a=A2 b=B4',
      'a=A3 b=B4',
      'a=A4 b=B4',
    ]);
  });
  it('A -> B without every matches once and the pattern ends', () => {
    const r = runEpl('select * from pattern [a=A -> b=B]', TABLE);
    expect(matched(r)).toEqual(['a=A1 b=B1']);
    expect(r.matches[0]!.time).toBe(2000);
  });
  it('match times are the times of the completing events', () => {
    const r = runEpl('select * from pattern [every a=A -> b=B]', TABLE);
    expect(r.matches.map((m) => m.time)).toEqual([2000, 8000, 8000, 12000]);
  });
});

describe('operator precedence (Esper reference, pattern operator precedence table)', () => {
  const shape = (s: string): unknown => {
    const p = parseEpl(`select * from pattern [${s}]`);
    if (!p.ok || p.statement.kind !== 'pattern') return p;
    const walk = (x: (typeof p.statement)['pattern']): unknown => {
      switch (x.k) {
        case 'filter':
          return x.type;
        case 'interval':
          return `interval(${x.ms})`;
        case 'every':
        case 'not':
          return [x.k, walk(x.child)];
        case 'within':
          return ['within', x.ms, walk(x.child)];
        default:
          return [x.k, ...x.children.map(walk)];
      }
    };
    return walk(p.statement.pattern);
  };
  it('-> binds loosest, then or, then and, then every/not, then the where guard', () => {
    expect(shape('every A -> B or C and not D')).toEqual([
      'followedBy',
      ['every', 'A'],
      ['or', 'B', ['and', 'C', ['not', 'D']]],
    ]);
    expect(shape('every A where timer:within(2 sec)')).toEqual(['every', ['within', 2000, 'A']]);
    expect(shape('A and B or C -> D')).toEqual(['followedBy', ['or', ['and', 'A', 'B'], 'C'], 'D']);
    expect(shape('(A -> B) where timer:within(1 min 30 sec)')).toEqual([
      'within',
      90000,
      ['followedBy', 'A', 'B'],
    ]);
    expect(shape('timer:interval(500 msec) and not A')).toEqual([
      'and',
      'interval(500)',
      ['not', 'A'],
    ]);
  });
});

const SET_ONE = sequence(['A1', 'B1', 'C1', 'B2', 'A2', 'D1', 'E1', 'F1', 'D2', 'B3', 'G1', 'D3']);

describe('timer:within (PatternGuardTimerWithin)', () => {
  const cases: [string, string[]][] = [
    ["b=B(id='B1') where timer:within(2 sec)", []],
    ["b=B(id='B1') where timer:within(2001 msec)", ['b=B1']],
    ["b=B(id='B1') where timer:within(1999 msec)", []],
    ["b=B(id='B3') where timer:within(10001 msec)", ['b=B3']],
    ["b=B(id='B3') where timer:within(10 sec)", []],
    ['(every b=B) where timer:within(2.001)', ['b=B1']],
    ['(every b=B) where timer:within(4.001)', ['b=B1', 'b=B2']],
    ['every b=B where timer:within(2.001)', ['b=B1', 'b=B2', 'b=B3']],
    ['every (b=B where timer:within(2001 msec))', ['b=B1', 'b=B2', 'b=B3']],
    [
      'every ((every b=B) where timer:within(2.001))',
      ['b=B1', 'b=B2', 'b=B2', 'b=B3', 'b=B3', 'b=B3', 'b=B3'],
    ],
    ['(every b=B) where timer:within(11.001)', ['b=B1', 'b=B2', 'b=B3']],
    ['every (b=B) where timer:within(6.001)', ['b=B1', 'b=B2', 'b=B3']],
    ['b=B -> d=D where timer:within(4001 milliseconds)', ['b=B1 d=D1']],
    ['b=B() -> d=D() where timer:within(4 sec)', []],
    [
      'every (b=B() where timer:within (4.001) and d=D() where timer:within(6.001))',
      ['b=B1 d=D1', 'b=B3 d=D2'],
    ],
    ['b=B() where timer:within (2001 msec) and d=D() where timer:within(6001 msec)', ['b=B1 d=D1']],
    ['b=B() where timer:within (2001 msec) and d=D() where timer:within(6000 msec)', []],
    ['b=B() where timer:within (2000 msec) and d=D() where timer:within(6001 msec)', []],
    ['every b=B -> d=D where timer:within(4000 msec)', ['b=B2 d=D1', 'b=B3 d=D3']],
    [
      'every b=B() -> every d=D where timer:within(4000 msec)',
      ['b=B1 d=D1', 'b=B2 d=D1', 'b=B1 d=D2', 'b=B2 d=D2', 'b=B1 d=D3', 'b=B2 d=D3', 'b=B3 d=D3'],
    ],
    ['b=B() -> d=D() where timer:within(3999 msec)', []],
    ['every b=B() -> (every d=D) where timer:within(2001 msec)', ['b=B2 d=D1', 'b=B3 d=D3']],
    ['every (b=B() -> d=D()) where timer:within(6001 msec)', ['b=B1 d=D1', 'b=B3 d=D3']],
    ['b=B() where timer:within (2000 msec) or d=D() where timer:within(6000 msec)', []],
    [
      '(b=B() where timer:within (2000 msec) or d=D() where timer:within(6000 msec)) where timer:within (1999 msec)',
      [],
    ],
    ['b=B() where timer:within (2001 msec) or d=D() where timer:within(6001 msec)', ['b=B1']],
    ['b=B() where timer:within (2000 msec) or d=D() where timer:within(6001 msec)', ['d=D1']],
    [
      'every b=B() where timer:within (2001 msec) and every d=D() where timer:within(6001 msec)',
      [
        'b=B1 d=D1',
        'b=B2 d=D1',
        'b=B1 d=D2',
        'b=B2 d=D2',
        'b=B3 d=D1',
        'b=B3 d=D2',
        'b=B1 d=D3',
        'b=B2 d=D3',
        'b=B3 d=D3',
      ],
    ],
    [
      '(every b=B) where timer:within (2000 msec) and every d=D() where timer:within(6001 msec)',
      [],
    ],
  ];
  for (const [pattern, expected] of cases) {
    it(pattern, () => {
      sortedPerTime(runEpl(`select * from pattern [${pattern}]`, SET_ONE), expected);
    });
  }

  it('at its exact boundary the guard has expired (start + t − 1 matches, start + t does not)', () => {
    // PatternInterval10Min: within(1 days 2 hours 3 minutes 4 seconds 5 milliseconds), started at 0.
    const t = 24 * 3_600_000 + 2 * 3_600_000 + 3 * 60_000 + 4000 + 5;
    const statement =
      'select * from pattern [(every e=SupportBean) where timer:within(1 days 2 hours 3 minutes 4 seconds 5 milliseconds)]';
    const r = runEpl(statement, [
      ev('SupportBean', 0, { id: 'E0' }),
      ev('SupportBean', t - 1, { id: 'E1' }),
      ev('SupportBean', t, { id: 'E2' }),
    ]);
    expect(matched(r)).toEqual(['e=E0', 'e=E1']);
  });

  it('every (X -> Y where timer:within(5 sec)) restarts after the guard expires (PatternPatternNotFollowedBy)', () => {
    const r = runEpl(
      'select * from pattern [ every(s=SupportBean -> (m=SupportMarketDataBean where timer:within(5 sec))) ]',
      [
        ev('SupportBean', 0, { id: 'E1' }),
        ev('SupportBean', 0, { id: 'E2' }),
        ev('SupportBean', 6000, { id: 'E4' }),
        ev('SupportMarketDataBean', 6000, { id: 'E5' }),
      ],
    );
    expect(matched(r)).toEqual(['m=E5 s=E4']);
  });
});

describe('not, and, or (PatternOperatorNot)', () => {
  const cases: [string, string[]][] = [
    ['b=B and not d=D', ['b=B1']],
    ['every b=B and not g=G', ['b=B1', 'b=B2', 'b=B3']],
    ['every b=B and not d=D', ['b=B1', 'b=B2']],
    ["b=B and not a=A(id='A1')", []],
    ["b=B and not a2=A(id='A2')", ['b=B1']],
    ["every (b=B and not b3=B(id='B3'))", ['b=B1', 'b=B2']],
    ['every (b=B or not D())', []],
    ["every (every b=B and not B(id='B2'))", ['b=B1', 'b=B3', 'b=B3']],
    ["every (b=B and not B(id='B2'))", ['b=B1', 'b=B3']],
    ['(b=B -> d=D) and not A', []],
    ['(b=B -> d=D) and not G', ['b=B1 d=D1']],
    ['every (b=B -> d=D) and not G', ['b=B1 d=D1']],
    ["every (b=B -> d=D) and not G(id='x')", ['b=B1 d=D1', 'b=B3 d=D3']],
  ];
  for (const [pattern, expected] of cases) {
    it(pattern, () => {
      sortedPerTime(runEpl(`select * from pattern [${pattern}]`, SET_ONE), expected);
    });
  }

  it("every a=A and not A(id='A4') over uniform events (PatternUniformEvents)", () => {
    const events = ['B1', 'B2', 'B3', 'A4', 'A5', 'A6'].map((id, i) =>
      ev('A', (i + 1) * 1000, { id }),
    );
    expect(
      matched(runEpl("select * from pattern [every a=A() and not a1=A(id='A4')]", events)),
    ).toEqual(['a=B1', 'a=B2', 'a=B3']);
  });

  it('timer:interval and not, with a tag in the filter (PatternNotTimeInterval)', () => {
    const r = runEpl(
      'select * from pattern [every A=SupportBean(intPrimitive=123) -> (timer:interval(30 seconds) and not SupportMarketDataBean(volume=123, symbol=A.theString))]',
      [
        ev('SupportBean', 0, { theString: 'E1', intPrimitive: 123 }),
        ev('SupportBean', 10000, { theString: 'E2', intPrimitive: 123 }),
        ev('SupportMarketDataBean', 20000, { symbol: 'E1', volume: 123 }),
        ev('SupportBean', 30000, { theString: 'E3', intPrimitive: 123 }),
      ],
      { endTime: 40000 },
    );
    expect(r.matches.map((m) => [m.time, m.tags.get('A')?.data['theString']])).toEqual([
      [40000, 'E2'],
    ]);
  });

  it('every (A -> (B and not C)): C ends the waiting instances (PatternNotFollowedBy)', () => {
    const sb = (id: string, intPrimitive: number, time: number): EplEvent =>
      ev('SupportBean', time, { id, intPrimitive });
    const r = runEpl(
      'select * from pattern [ every( s=SupportBean(intPrimitive>0) -> (m=SupportMarketDataBean and not SupportBean(intPrimitive=0) ) ) ]',
      [
        sb('E1', 1, 1),
        sb('E2', 2, 2),
        sb('E3', 0, 3),
        sb('E4', 1, 4),
        ev('SupportMarketDataBean', 5, { id: 'E5' }),
      ],
    );
    const got = matched(r);
    expect(got.length).toBeGreaterThan(0);
    expect(new Set(got)).toEqual(new Set(['m=E5 s=E4']));
  });

  it('(every a=A) and not A(x < 0) (PatternNotWithEvery)', () => {
    const sb = (id: string, intPrimitive: number, time: number): EplEvent =>
      ev('SupportBean', time, { id, intPrimitive });
    const r = runEpl(
      'select * from pattern [(every a=SupportBean(intPrimitive>=0)) and not SupportBean(intPrimitive<0)]',
      [
        sb('E1', 1, 1),
        sb('E2', 2, 2),
        sb('E3', 3, 3),
        sb('E4', -1, 4),
        sb('E5', 3, 5),
        sb('E6', -1, 6),
      ],
    );
    expect(matched(r)).toEqual(['a=E1', 'a=E2', 'a=E3']);
  });

  it('followed-by with a reference to an earlier tag (B=Withdrawal(account = A.account))', () => {
    const r = runEpl(
      'select * from pattern [every A=Withdrawal -> B=Withdrawal(account = A.account, amount > 10)]',
      [
        ev('Withdrawal', 1, { id: 'w1', account: 'x', amount: 5 }),
        ev('Withdrawal', 2, { id: 'w2', account: 'y', amount: 50 }),
        ev('Withdrawal', 3, { id: 'w3', account: 'x', amount: 20 }),
        ev('Withdrawal', 4, { id: 'w4', account: 'y', amount: 7 }),
        ev('Withdrawal', 5, { id: 'w5', account: 'y', amount: 70 }),
      ],
    );
    expect(matched(r)).toEqual(['A=w1 B=w3', 'A=w2 B=w5', 'A=w4 B=w5']);
  });

  it("'every not A' is not restarted and says why", () => {
    const r = runEpl('select * from pattern [every not A]', sequence(['A1', 'A2']));
    expect(r.matches).toEqual([]);
    expect(r.problems.map((p) => p.message).join()).toMatch(/every/);
  });
});

/** Rows of one update as plain objects (in tests only). */
const rows = (r: readonly ReadonlyMap<string, unknown>[]): Record<string, unknown>[] =>
  r.map((m) => Object.fromEntries(m));

describe('EPL statements over data windows (Esper reference, Processing Model)', () => {
  it('length window: the n+1th event pushes the oldest out as a remove-stream row in the same update', () => {
    const r = runEpl('select irstream * from W#length(2)', [
      ev('W', 1, { id: 'W1' }),
      ev('W', 2, { id: 'W2' }),
      ev('W', 3, { id: 'W3' }),
      ev('X', 4, { id: 'X1' }),
    ]);
    expect(r.updates.map((u) => [u.time, rows(u.insert), rows(u.remove)])).toEqual([
      [1, [{ id: 'W1' }], []],
      [2, [{ id: 'W2' }], []],
      [3, [{ id: 'W3' }], [{ id: 'W1' }]],
    ]);
  });

  it('time window: an event that arrived at T leaves at T + t, before events at that instant', () => {
    const r = runEpl(
      'select irstream id from W.win:time(4 sec)',
      [
        ev('W', 1000, { id: 'W1' }),
        ev('W', 2000, { id: 'W2' }),
        ev('W', 2000, { id: 'W3' }),
        ev('W', 5000, { id: 'W4' }),
        ev('W', 6000, { id: 'W5' }),
      ],
      { endTime: 10000 },
    );
    expect(r.updates.map((u) => [u.time, rows(u.insert), rows(u.remove)])).toEqual([
      [1000, [{ id: 'W1' }], []],
      [2000, [{ id: 'W2' }], []],
      [2000, [{ id: 'W3' }], []],
      [5000, [], [{ id: 'W1' }]],
      [5000, [{ id: 'W4' }], []],
      [6000, [], [{ id: 'W2' }, { id: 'W3' }]],
      [6000, [{ id: 'W5' }], []],
      [9000, [], [{ id: 'W4' }]],
      [10000, [], [{ id: 'W5' }]],
    ]);
  });

  it('select (istream) posts no remove stream; select rstream posts only it', () => {
    const events = [ev('W', 1, { id: 'W1' }), ev('W', 2, { id: 'W2' })];
    const i = runEpl('select id from W#length(1)', events);
    expect(i.updates.map((u) => [rows(u.insert), rows(u.remove)])).toEqual([
      [[{ id: 'W1' }], []],
      [[{ id: 'W2' }], []],
    ]);
    const r = runEpl('select rstream id from W#length(1)', events);
    expect(r.updates.map((u) => [u.time, rows(u.insert), rows(u.remove)])).toEqual([
      [2, [], [{ id: 'W1' }]],
    ]);
  });

  it('fully aggregated, un-grouped: one row per update; the remove row carries the aggregate before it', () => {
    const r = runEpl('select irstream sum(price) as s, count(*) as n from M#length(2)', [
      ev('M', 1, { price: 25 }),
      ev('M', 2, { price: 9 }),
      ev('M', 3, { price: 24 }),
    ]);
    expect(r.updates.map((u) => [rows(u.insert), rows(u.remove)])).toEqual([
      [[{ s: 25, n: 1 }], [{ s: null, n: 0 }]],
      [[{ s: 34, n: 2 }], [{ s: 25, n: 1 }]],
      [[{ s: 33, n: 2 }], [{ s: 34, n: 2 }]],
    ]);
  });

  it('aggregated, un-grouped with a property: a row per event with the aggregate after the update', () => {
    const r = runEpl('select irstream symbol, sum(price) from M#length(1)', [
      ev('M', 1, { symbol: 'IBM', price: 25 }),
      ev('M', 2, { symbol: 'MSFT', price: 9 }),
    ]);
    expect(r.updates.map((u) => [rows(u.insert), rows(u.remove)])).toEqual([
      [[{ symbol: 'IBM', 'sum(price)': 25 }], []],
      [[{ symbol: 'MSFT', 'sum(price)': 9 }], [{ symbol: 'IBM', 'sum(price)': 9 }]],
    ]);
  });

  it('the temperature alert: avg over #time(5 min) per sensor with having, irstream rows per group', () => {
    const min = 60_000;
    const r = runEpl(
      'select irstream sensor, avg(temp) as a from Temp#time(5 min) group by sensor having avg(temp) > 30',
      [
        ev('Temp', 0, { sensor: 's1', temp: 28 }),
        ev('Temp', 1 * min, { sensor: 's2', temp: 40 }),
        ev('Temp', 2 * min, { sensor: 's1', temp: 36 }),
        ev('Temp', 3 * min, { sensor: 's1', temp: 20 }),
      ],
      { endTime: 8 * min },
    );
    // 0: s1 28 fails having before (no value) and after (28): no update.
    // 5 min: s1's 28 leaves; avg(36, 20) = 28 fails having before and after: no update.
    // 6 min: s2's 40 leaves: its remove row (40) passes; the insert row (no values: null) does not.
    // 7 and 8 min: s1's 36 and 20 leave; 28 → 20 → null all fail having.
    expect(r.updates.map((u) => [u.time / min, rows(u.insert), rows(u.remove)])).toEqual([
      [1, [{ sensor: 's2', a: 40 }], []],
      [2, [{ sensor: 's1', a: 32 }], []],
      [3, [], [{ sensor: 's1', a: 32 }]],
      [6, [], [{ sensor: 's2', a: 40 }]],
    ]);
  });

  it('group by without having: the insert and remove rows of each touched group, new events first', () => {
    const r = runEpl(
      'select irstream k, count(*) as n, max(v) as mx, min(v) as mn from T#length(2) group by k',
      [ev('T', 1, { k: 'a', v: 5 }), ev('T', 2, { k: 'b', v: 7 }), ev('T', 3, { k: 'b', v: 1 })],
    );
    expect(r.updates.map((u) => [rows(u.insert), rows(u.remove)])).toEqual([
      [[{ k: 'a', n: 1, mx: 5, mn: 5 }], [{ k: 'a', n: 0, mx: null, mn: null }]],
      [[{ k: 'b', n: 1, mx: 7, mn: 7 }], [{ k: 'b', n: 0, mx: null, mn: null }]],
      [
        [
          { k: 'b', n: 2, mx: 7, mn: 1 },
          { k: 'a', n: 0, mx: null, mn: null },
        ],
        [
          { k: 'b', n: 1, mx: 7, mn: 7 },
          { k: 'a', n: 1, mx: 5, mn: 5 },
        ],
      ],
    ]);
  });

  it('where filters events before aggregation; the stream filter too', () => {
    const r = runEpl("select count(*) as n from T(v > 0)#length(3) where k = 'a'", [
      ev('T', 1, { k: 'a', v: 1 }),
      ev('T', 2, { k: 'b', v: 1 }),
      ev('T', 3, { k: 'a', v: -1 }),
      ev('T', 4, { k: 'a', v: 2 }),
    ]);
    expect(r.updates.map((u) => [u.time, rows(u.insert)])).toEqual([
      [1, [{ n: 1 }]],
      [4, [{ n: 2 }]],
    ]);
  });
});

/**
 * Esper's output specification (Esper reference, Appendix "Output Reference and Samples") as its
 * regression tests assert it: Esper's TestOutputLimitRowForAll ("Fully-Aggregated and
 * Un-grouped") and TestOutputLimitEventPerGroup ("Fully-Aggregated and Grouped"), runAssertion12,
 * package com.espertech.esper.regression.resultset: MarketData events into a 5.5 sec time window,
 * the statement created at 0, the expected insert / remove stream rows per step (the input
 * prices and times are the ones the expected sums imply).
 */
describe('Esper output specification: MarketData#time(5.5 sec)', () => {
  const md = (time: number, symbol: string, price: number): EplEvent =>
    ev('MarketData', time, { symbol, price });
  const input = [
    md(200, 'IBM', 25),
    md(800, 'MSFT', 9),
    md(1500, 'IBM', 24),
    md(1500, 'YAH', 1),
    md(2100, 'IBM', 26),
    md(3500, 'YAH', 2),
    md(4300, 'IBM', 22),
    md(4900, 'YAH', 3),
    md(5900, 'YAH', 1),
  ];
  it('fully aggregated, un-grouped: select irstream sum(price)', () => {
    const r = runEpl('select irstream sum(price) from MarketData#time(5.5 sec)', input, {
      endTime: 7000,
    });
    expect(r.updates.map((u) => [u.time, rows(u.insert), rows(u.remove)])).toEqual(
      (
        [
          [200, 25, null],
          [800, 34, 25],
          [1500, 58, 34],
          [1500, 59, 58],
          [2100, 85, 59],
          [3500, 87, 85],
          [4300, 109, 87],
          [4900, 112, 109],
          [5700, 87, 112],
          [5900, 88, 87],
          [6300, 79, 88],
          [7000, 54, 79],
        ] as const
      ).map(([t, ins, rem]) => [t, [{ 'sum(price)': ins }], [{ 'sum(price)': rem }]]),
    );
  });
  it('fully aggregated and grouped: select irstream symbol, sum(price) ... group by symbol', () => {
    const r = runEpl(
      'select irstream symbol, sum(price) from MarketData#time(5.5 sec) group by symbol',
      input,
      {
        endTime: 5900,
      },
    );
    const row = (symbol: string, sum: number | null): Record<string, unknown> => ({
      symbol,
      'sum(price)': sum,
    });
    expect(r.updates.map((u) => [u.time, rows(u.insert), rows(u.remove)])).toEqual([
      [200, [row('IBM', 25)], [row('IBM', null)]],
      [800, [row('MSFT', 9)], [row('MSFT', null)]],
      [1500, [row('IBM', 49)], [row('IBM', 25)]],
      [1500, [row('YAH', 1)], [row('YAH', null)]],
      [2100, [row('IBM', 75)], [row('IBM', 49)]],
      [3500, [row('YAH', 3)], [row('YAH', 1)]],
      [4300, [row('IBM', 97)], [row('IBM', 75)]],
      [4900, [row('YAH', 6)], [row('YAH', 3)]],
      [5700, [row('IBM', 72)], [row('IBM', 97)]],
      [5900, [row('YAH', 7)], [row('YAH', 6)]],
    ]);
  });
});

describe('untrusted input', () => {
  it('names the position of a syntax error', () => {
    const r = runEpl('select * from pattern [every a=A -> ]', []);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ path: 'statement', position: 36 });
    expect(r.problems[0]!.message).toMatch(/expected/);
  });
  it('rejects an unknown tag, an aggregate in where, unsupported views', () => {
    expect(runEpl('select * from pattern [a=A -> b=B(x = c.x)]', []).problems[0]!.message).toMatch(
      /'c'/,
    );
    expect(runEpl('select * from T where sum(x) > 1', []).problems[0]!.message).toMatch(/where/);
    expect(runEpl('select * from T#unique(x)', []).problems[0]!.message).toMatch(/data window/);
    expect(runEpl('select * from T#length(0)', []).problems[0]!.message).toMatch(/#length/);
  });
  it('bounds nesting depth without overflowing the stack', () => {
    const deep = `select * from pattern [${'('.repeat(5000)}A${')'.repeat(5000)}]`;
    const r = runEpl(deep, []);
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toMatch(/deeper|longer|tokens/);
  });
  it('validates events and names the field', () => {
    const r = runEpl('select * from T', [
      ev('T', 5),
      { type: 'T', time: 3, data: {} },
      { type: 1, time: 'x' },
    ]);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.path)).toEqual([
      'events[1].time',
      'events[2].type',
      'events[2].time',
    ]);
  });
  it('treats __proto__ as an ordinary field name', () => {
    const data = JSON.parse('{"__proto__": 5, "k": "x"}') as Record<string, unknown>;
    const r = runEpl('select __proto__ as p from T where __proto__ > 1', [
      { type: 'T', time: 0, data },
    ]);
    expect(r.updates.map((u) => rows(u.insert))).toEqual([[{ p: 5 }]]);
  });
  it('stops with a problem instead of firing a 1 msec guard for ten years of quiet', () => {
    const r = runEpl('select * from pattern [every (a=A where timer:within(1 msec))]', [
      ev('A', 0),
      ev('A', 10 * 365 * 86_400_000),
    ]);
    expect(r.ok).toBe(true);
    expect(r.problems[0]!.message).toMatch(/timer firings/);
  });
  it('stops with a problem beyond 1,000 active pattern instances', () => {
    const events = Array.from({ length: 2000 }, (_, i) => ev('A', i, { id: `A${i}` }));
    const r = runEpl('select * from pattern [every a=A -> b=B]', events);
    expect(r.ok).toBe(true);
    expect(r.problems[0]!.message).toMatch(/1000 active pattern instances/);
  });
});
