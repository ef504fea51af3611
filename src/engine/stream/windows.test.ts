/**
 * runWindows replaying Apache Flink's own operator tests
 * (flink-streaming-java/src/test/java/org/apache/flink/streaming/runtime/operators/windowing/
 * WindowOperatorTest.java and TimeWindowTest.java). Flink's tests compare output sorted
 * (TestHarnessUtil.assertOutputEqualsSorted); where emission order matters we assert it too.
 */
import { describe, expect, it } from 'vitest';
import {
  assignWindows,
  getWindowStartWithOffset,
  mergeWindows,
  runWindows,
  type ValveInput,
  type WindowInput,
  type WindowResult,
  type WindowsSpec,
  watermarkValve,
  withPeriodicWatermarks,
} from './windows';

const el = (key: string, value: unknown, timestamp: number): WindowInput => ({
  key,
  value,
  timestamp,
});
const wm = (watermark: number): WindowInput => ({ watermark });
const sum: WindowsSpec['aggregate'] = { fn: 'sum' };

/** (key, value, timestamp) triples sorted like Flink's Tuple2ResultSortComparator. */
function sorted(rs: readonly WindowResult[]): [string, unknown, number][] {
  return rs
    .map((r): [string, unknown, number] => [String(r.key), r.value, r.timestamp])
    .sort((a, b) => a[2] - b[2] || a[0].localeCompare(b[0]) || Number(a[1]) - Number(b[1]));
}

/** The elements WindowOperatorTest feeds its tumbling and sliding tests, out of order. */
const FLINK_ELEMENTS: WindowInput[] = [
  el('key2', 1, 3999),
  el('key2', 1, 3000),
  el('key1', 1, 20),
  el('key1', 1, 0),
  el('key1', 1, 999),
  el('key2', 1, 1998),
  el('key2', 1, 1999),
  el('key2', 1, 1000),
];

/** Index of the first result emitted at or after input index i. */
function resultsAfter(rs: readonly WindowResult[], from: number, to: number): WindowResult[] {
  return rs.filter((r) => r.input >= from && r.input < to);
}

describe('TimeWindowTest.testGetWindowStartWithOffset', () => {
  it('offset 0: [-14,-7), [-7,0), [0,7), [7,14)', () => {
    const cases: [number, number][] = [
      [-8, -14],
      [-7, -7],
      [-6, -7],
      [-1, -7],
      [1, 0],
      [6, 0],
      [7, 7],
      [8, 7],
    ];
    for (const [ts, start] of cases) expect(getWindowStartWithOffset(ts, 0, 7)).toBe(start);
  });
  it('offset 3 and offset -2', () => {
    const o3: [number, number][] = [
      [-10, -11],
      [-9, -11],
      [-3, -4],
      [-2, -4],
      [-1, -4],
      [1, -4],
      [2, -4],
      [3, 3],
      [9, 3],
      [10, 10],
    ];
    for (const [ts, start] of o3) expect(getWindowStartWithOffset(ts, 3, 7)).toBe(start);
    const om2: [number, number][] = [
      [-12, -16],
      [-7, -9],
      [-4, -9],
      [-3, -9],
      [2, -2],
      [-1, -2],
      [1, -2],
      [-2, -2],
      [3, -2],
      [4, -2],
      [7, 5],
      [12, 12],
    ];
    for (const [ts, start] of om2) expect(getWindowStartWithOffset(ts, -2, 7)).toBe(start);
  });
  it('a day window at GMT+08:00', () => {
    expect(getWindowStartWithOffset(1470902048450, -8 * 3600_000, 86_400_000)).toBe(1470844800000);
  });
  it('TimeWindowTest.testIntersect: touching windows merge, a gap of one does not', () => {
    expect(
      mergeWindows([
        { start: 10, end: 20 },
        { start: 20, end: 30 },
      ]),
    ).toEqual([
      {
        result: { start: 10, end: 30 },
        merged: [
          { start: 10, end: 20 },
          { start: 20, end: 30 },
        ],
      },
    ]);
    expect(
      mergeWindows([
        { start: 10, end: 20 },
        { start: 21, end: 30 },
      ]),
    ).toEqual([]);
  });
});

describe('assigners', () => {
  it('SlidingEventTimeWindows assigns size/slide windows, latest start first', () => {
    expect(assignWindows({ type: 'sliding', size: 5000, slide: 1000 }, 0)).toEqual([
      { start: 0, end: 5000 },
      { start: -1000, end: 4000 },
      { start: -2000, end: 3000 },
      { start: -3000, end: 2000 },
      { start: -4000, end: 1000 },
    ]);
  });
  it('sliding with slide > size leaves gaps: some timestamps get no window', () => {
    expect(assignWindows({ type: 'sliding', size: 1000, slide: 5000 }, 2000)).toEqual([]);
    expect(assignWindows({ type: 'sliding', size: 1000, slide: 5000 }, 5999)).toEqual([
      { start: 5000, end: 6000 },
    ]);
  });
  it('tumbling with offset and a negative timestamp', () => {
    expect(assignWindows({ type: 'tumbling', size: 5000, offset: 100 }, -1)).toEqual([
      { start: -4900, end: 100 },
    ]);
    expect(assignWindows({ type: 'tumbling', size: 5000 }, -1)).toEqual([{ start: -5000, end: 0 }]);
  });
});

describe('WindowOperatorTest', () => {
  it('testTumblingEventTimeWindows (size 3 s, sum): fires at 2999 and 5999 only', () => {
    const inputs = [
      ...FLINK_ELEMENTS,
      wm(999),
      wm(1999),
      wm(2999),
      wm(3999),
      wm(4999),
      wm(5999),
      wm(6999),
      wm(7999),
    ];
    const r = runWindows({ assigner: { type: 'tumbling', size: 3000 }, aggregate: sum }, inputs);
    expect(r.problems).toEqual([]);
    const n = FLINK_ELEMENTS.length;
    expect(resultsAfter(r.results, 0, n + 2)).toEqual([]);
    expect(sorted(resultsAfter(r.results, n + 2, n + 3))).toEqual([
      ['key1', 3, 2999],
      ['key2', 3, 2999],
    ]);
    expect(sorted(resultsAfter(r.results, n + 3, n + 6))).toEqual([['key2', 2, 5999]]);
    expect(r.results).toHaveLength(3);
    expect(r.results[0]?.window).toEqual({ start: 0, end: 3000 });
  });

  it('testSlidingEventTimeWindows (size 3 s, slide 1 s, sum)', () => {
    const inputs = [
      ...FLINK_ELEMENTS,
      wm(999),
      wm(1999),
      wm(2999),
      wm(3999),
      wm(4999),
      wm(5999),
      wm(6999),
      wm(7999),
    ];
    const r = runWindows(
      { assigner: { type: 'sliding', size: 3000, slide: 1000 }, aggregate: sum },
      inputs,
    );
    const n = FLINK_ELEMENTS.length;
    const at = (k: number) => sorted(resultsAfter(r.results, n + k, n + k + 1));
    expect(at(0)).toEqual([['key1', 3, 999]]);
    expect(at(1)).toEqual([
      ['key1', 3, 1999],
      ['key2', 3, 1999],
    ]);
    expect(at(2)).toEqual([
      ['key1', 3, 2999],
      ['key2', 3, 2999],
    ]);
    expect(at(3)).toEqual([['key2', 5, 3999]]);
    expect(at(4)).toEqual([['key2', 2, 4999]]);
    expect(at(5)).toEqual([['key2', 2, 5999]]);
    expect(at(6)).toEqual([]);
    expect(at(7)).toEqual([]);
  });

  it('testSessionWindows (gap 3 s, sum per session)', () => {
    const inputs: WindowInput[] = [
      el('key2', 1, 0),
      el('key2', 2, 1000),
      el('key2', 3, 2500),
      el('key1', 1, 10),
      el('key1', 2, 1000),
      el('key1', 3, 2500),
      el('key2', 4, 5501),
      el('key2', 5, 6000),
      el('key2', 5, 6000),
      el('key2', 6, 6050),
      wm(12000),
      el('key2', 10, 15000),
      el('key2', 20, 15000),
      wm(17999),
    ];
    const r = runWindows({ assigner: { type: 'session', gap: 3000 }, aggregate: sum }, inputs);
    const rows = r.results.map((x) => [x.key, x.value, x.window.start, x.window.end, x.timestamp]);
    expect(
      rows.sort((a, b) => Number(a[4]) - Number(b[4]) || String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['key1', 6, 10, 5500, 5499],
      ['key2', 6, 0, 5500, 5499],
      ['key2', 20, 5501, 9050, 9049],
      ['key2', 30, 15000, 18000, 17999],
    ]);
    expect(
      r.trace.some((e) => e.type === 'merged' && e.key === 'key2' && e.window.end === 5500),
    ).toBe(true);
  });

  it('testSessionWindowsWithCountTrigger (PurgingTrigger.of(CountTrigger.of(4))): a merge sums the counts', () => {
    const spec: WindowsSpec = {
      assigner: { type: 'session', gap: 3000 },
      aggregate: sum,
      trigger: { type: 'purging', trigger: { type: 'count', count: 4 } },
    };
    const before: WindowInput[] = [
      el('key2', 1, 0),
      el('key2', 2, 1000),
      el('key2', 3, 2500),
      el('key2', 4, 3500),
      el('key1', 1, 10),
      el('key1', 2, 1000),
      el('key1', 3, 2500),
      el('key1', 1, 6000),
      el('key1', 2, 6500),
      el('key1', 3, 7000),
    ];
    const r1 = runWindows(spec, before);
    expect(r1.results.map((x) => [x.key, x.value, x.window, x.timestamp])).toEqual([
      ['key2', 10, { start: 0, end: 6500 }, 6499],
    ]);
    // "add an element that merges the two key1 sessions, they should now have count 6, and therefore fire"
    const r2 = runWindows(spec, [...before, el('key1', 10, 4500)]);
    expect(r2.results.map((x) => [x.key, x.value, x.window, x.timestamp])).toEqual([
      ['key2', 10, { start: 0, end: 6500 }, 6499],
      ['key1', 22, { start: 10, end: 10000 }, 9999],
    ]);
  });

  it('testSideOutputDueToLatenessTumbling / testLateness (2 s windows, lateness 500, purging event-time trigger)', () => {
    const inputs = [
      el('key2', 1, 500),
      wm(1500),
      el('key2', 1, 1300),
      wm(2300),
      el('key2', 1, 1997),
      wm(6000),
      el('key2', 1, 1998),
      wm(7000),
    ];
    const base: WindowsSpec = {
      assigner: { type: 'tumbling', size: 2000 },
      aggregate: sum,
      allowedLateness: 500,
      trigger: { type: 'purging', trigger: { type: 'eventTime' } },
    };
    const side = runWindows({ ...base, sideOutputLateData: true }, inputs);
    // "this is 1 and not 3 because the trigger fires and purges"
    expect(
      side.results.map((x) => [x.key, x.value, x.timestamp, x.late === true, x.input]),
    ).toEqual([
      ['key2', 2, 1999, false, 3],
      ['key2', 1, 1999, true, 4],
    ]);
    expect(side.sideOutput.map((x) => [x.key, x.value, x.timestamp, x.lateBy])).toEqual([
      ['key2', 1, 1998, 4002],
    ]);
    expect(side.counters.numLateRecordsDropped).toBe(0);
    const dropped = runWindows(base, inputs);
    expect(dropped.results).toEqual(side.results);
    expect(dropped.sideOutput).toEqual([]);
    expect(dropped.counters.numLateRecordsDropped).toBe(1);
    // cleanup timer at maxTimestamp + allowedLateness = 2499, fired by watermark 6000
    expect(
      side.trace.filter((e) => e.type === 'cleanedUp').map((e) => e.type === 'cleanedUp' && e.at),
    ).toContain(2499);
  });

  it('testAlignedSideOutputDueToLatenessSliding: late only when EVERY sliding window is late', () => {
    // size 3 s, slide 1 s, lateness 0: element 1000 at watermark 2999 still has [1000,4000) open.
    const spec: WindowsSpec = {
      assigner: { type: 'sliding', size: 3000, slide: 1000 },
      aggregate: sum,
      sideOutputLateData: true,
    };
    const r = runWindows(spec, [wm(2999), el('key', 1, 1000), el('key', 1, 999), wm(9999)]);
    // 999 is in [-2000,1000), [-1000,2000), [0,3000): all late; 1000 still has [1000,4000)
    expect(r.sideOutput.map((x) => x.timestamp)).toEqual([999]);
    expect(r.results.map((x) => [x.window.start, x.value])).toEqual([[1000, 1]]);
    const r2 = runWindows(spec, [wm(3999), el('key', 1, 1000), wm(9999)]);
    expect(r2.sideOutput.map((x) => x.timestamp)).toEqual([1000]);
    expect(r2.results).toEqual([]);
  });

  it('allowed lateness without purging: the late firing re-emits the updated result', () => {
    const r = runWindows(
      {
        assigner: { type: 'tumbling', size: 2000 },
        aggregate: { fn: 'count' },
        allowedLateness: 500,
      },
      [
        el('k', 1, 500),
        el('k', 1, 1300),
        wm(2300),
        el('k', 1, 1997),
        wm(2499),
        el('k', 1, 1998),
        wm(9000),
      ],
    );
    expect(r.results.map((x) => [x.value, x.late === true])).toEqual([
      [2, false],
      [3, true],
    ]);
    expect(r.counters.numLateRecordsDropped).toBe(1);
  });

  it('negative timestamps with an offset (tumbling 5 s, offset 100)', () => {
    const r = runWindows(
      { assigner: { type: 'tumbling', size: 5000, offset: 100 }, aggregate: { fn: 'list' } },
      [el('k', 1, -1), el('k', 2, -4900), el('k', 3, -4901), el('k', 4, 100), wm(99), wm(5099)],
    );
    // watermark 99 fires both earlier windows; the timer at -4901 comes before the one at 99
    expect(r.results.map((x) => [x.window, x.value, x.timestamp, x.input])).toEqual([
      [{ start: -9900, end: -4900 }, [3], -4901, 4],
      [{ start: -4900, end: 100 }, [1, 2], 99, 4],
      [{ start: 100, end: 5100 }, [4], 5099, 5],
    ]);
  });

  it('count trigger on tumbling windows fires every n elements and keeps contents (no purge)', () => {
    const r = runWindows(
      {
        assigner: { type: 'tumbling', size: 1000 },
        aggregate: { fn: 'count' },
        trigger: { type: 'count', count: 2 },
      },
      [el('k', 1, 1), el('k', 1, 2), el('k', 1, 3), el('k', 1, 4), wm(5000)],
    );
    expect(r.results.map((x) => [x.value, x.input])).toEqual([
      [2, 1],
      [4, 3],
    ]);
  });

  it('processing-time tumbling windows assign by the operator clock and fire at end - 1', () => {
    const r = runWindows(
      { time: 'processing', assigner: { type: 'tumbling', size: 3000 }, aggregate: sum },
      [
        { processingTime: 3 },
        { key: 'a', value: 1 },
        { key: 'a', value: 1 },
        { processingTime: 2998 },
        { processingTime: 2999 },
        { key: 'a', value: 5, timestamp: 0 },
        { processingTime: 6000 },
      ],
    );
    expect(r.results.map((x) => [x.value, x.window, x.input])).toEqual([
      [2, { start: 0, end: 3000 }, 4],
      // assigned at processing time 2999 to [0,3000) whose time already came: its timer fires at
      // the next advance (a processing-time window is never late)
      [5, { start: 0, end: 3000 }, 6],
    ]);
  });

  it('a session that touches a window already fired and cleaned up starts a new session', () => {
    const r = runWindows({ assigner: { type: 'session', gap: 10 }, aggregate: { fn: 'count' } }, [
      el('k', 1, 0),
      wm(9),
      el('k', 1, 10),
      wm(100),
    ]);
    expect(r.results.map((x) => x.window)).toEqual([
      { start: 0, end: 10 },
      { start: 10, end: 20 },
    ]);
  });

  it('condition marks alerts (fraud: sum > 10000 within 5 minutes)', () => {
    const r = runWindows(
      {
        keyBy: 'user',
        assigner: { type: 'tumbling', size: 300_000 },
        aggregate: { fn: 'sum', field: 'amount' },
        condition: '> 10000',
      },
      [
        { value: { user: 'ann', amount: 9000 }, timestamp: 1 },
        { value: { user: 'ann', amount: 2000 }, timestamp: 2 },
        { value: { user: 'bob', amount: 10000 }, timestamp: 3 },
        wm(299_999),
      ],
    );
    expect(r.results.map((x) => [x.key, x.value, x.alert === true])).toEqual([
      ['ann', 11000, true],
      ['bob', 10000, false],
    ]);
  });
});

describe('trace (window lifecycle for the UI)', () => {
  it('created, added, fired, late firing, cleaned up at maxTimestamp + allowedLateness, then late', () => {
    const r = runWindows(
      {
        assigner: { type: 'tumbling', size: 10 },
        aggregate: { fn: 'count' },
        allowedLateness: 5,
        sideOutputLateData: true,
      },
      [el('k', 1, 3), wm(9), el('k', 1, 4), wm(14), el('k', 1, 5)],
    );
    expect(r.trace.map((e) => `${e.type}@${e.input}`)).toEqual([
      'created@0',
      'added@0',
      'watermark@1',
      'fired@1',
      'added@2',
      'fired@2',
      'watermark@3',
      'cleanedUp@3',
      'late@4',
    ]);
    expect(r.results.map((x) => [x.value, x.late === true])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(r.sideOutput.map((x) => [x.timestamp, x.lateBy])).toEqual([[5, 9]]);
  });

  it('a late element within the lateness merges into a fired session', () => {
    const spec: WindowsSpec = {
      assigner: { type: 'session', gap: 10 },
      aggregate: { fn: 'list' },
      allowedLateness: 20,
    };
    // extended past the watermark: EventTimeTrigger.onMerge sets a timer at the new maxTimestamp
    // 14 > 9, so the session fires again on time, not late
    const r = runWindows(spec, [el('k', 'a', 0), wm(9), el('k', 'b', 5), wm(100)]);
    expect(r.results.map((x) => [x.window, x.value, x.late === true, x.input])).toEqual([
      [{ start: 0, end: 10 }, ['a'], false, 1],
      [{ start: 0, end: 15 }, ['a', 'b'], false, 3],
    ]);
    // still behind the watermark after merging: the trigger fires at once, a late firing
    const r2 = runWindows(spec, [el('k', 'a', 0), wm(20), el('k', 'b', 2), wm(100)]);
    expect(r2.results.map((x) => [x.window, x.value, x.late === true, x.input])).toEqual([
      [{ start: 0, end: 10 }, ['a'], false, 1],
      [{ start: 0, end: 12 }, ['a', 'b'], true, 2],
    ]);
  });
});

describe('the seed scenarios end to end (generator, valve, operator)', () => {
  /** Feed one partition's generated stream through a 2-channel valve, channel 1 as given. */
  function throughValve(
    partition0: WindowInput[],
    channel1: ({ watermark: number } | { idle: boolean })[],
  ): WindowInput[] {
    const valveInputs: ValveInput[] = channel1.map((x) => ({ channel: 1, ...x }));
    const at: number[] = []; // valve input index -> position in partition0
    partition0.forEach((x, i) => {
      if ('watermark' in x) {
        valveInputs.push({ channel: 0, watermark: x.watermark });
        at.push(i);
      }
    });
    const valve = watermarkValve(2, valveInputs);
    const out: WindowInput[] = [];
    const byPos = new Map<number, number[]>();
    for (const o of valve.outputs) {
      if (!('watermark' in o)) continue;
      const pos = o.input < channel1.length ? -1 : (at[o.input - channel1.length] as number);
      byPos.set(pos, [...(byPos.get(pos) ?? []), o.watermark]);
    }
    for (const w of byPos.get(-1) ?? []) out.push({ watermark: w });
    partition0.forEach((x, i) => {
      if (!('watermark' in x)) out.push(x);
      for (const w of byPos.get(i) ?? []) out.push({ watermark: w });
    });
    return out;
  }

  const fraud: WindowsSpec = {
    keyBy: 'user',
    assigner: { type: 'tumbling', size: 300_000 },
    aggregate: { fn: 'sum', field: 'amount' },
    condition: '> 10000',
  };
  const records = [
    { key: 'ann', value: { user: 'ann', amount: 6000 }, timestamp: 10_000, arrival: 10_050 },
    { key: 'ann', value: { user: 'ann', amount: 5000 }, timestamp: 9_000, arrival: 12_000 },
    { key: 'ann', value: { user: 'ann', amount: 1 }, timestamp: 400_000, arrival: 400_100 },
  ];
  const gen = withPeriodicWatermarks(records, { maxOutOfOrderness: 5000, until: 401_000 });

  it('fraud alert fires once the watermark passes the window end', () => {
    const r = runWindows(fraud, throughValve(gen.inputs, [{ idle: true }]));
    expect(r.results.map((x) => [x.key, x.value, x.alert === true, x.timestamp])).toEqual([
      ['ann', 11000, true, 299_999],
    ]);
    expect(r.watermark).toBe(400_000 - 5000 - 1);
  });

  it('a stalled partition holds the watermark back: the alert never fires', () => {
    const r = runWindows(fraud, throughValve(gen.inputs, [{ watermark: 0 }]));
    expect(r.results).toEqual([]);
    expect(r.watermark).toBe(0);
  });
});

describe('validation', () => {
  it("names the field for bad specs, as Flink's constructors do", () => {
    const p = (spec: unknown) => runWindows(spec, []).problems.map((x) => x.field);
    expect(p({ assigner: { type: 'tumbling', size: 1000, offset: 1000 }, aggregate: sum })).toEqual(
      ['spec.assigner.offset'],
    );
    expect(p({ assigner: { type: 'sliding', size: 1000, slide: 0 }, aggregate: sum })).toEqual([
      'spec.assigner',
    ]);
    expect(p({ assigner: { type: 'session', gap: 0 }, aggregate: sum })).toEqual([
      'spec.assigner.gap',
    ]);
    expect(
      p({ assigner: { type: 'tumbling', size: 10 }, aggregate: sum, allowedLateness: -1 }),
    ).toEqual(['spec.allowedLateness']);
    expect(p({ assigner: { type: 'tumbling', size: 10 }, aggregate: { fn: 'median' } })).toEqual([
      'spec.aggregate.fn',
    ]);
    expect(
      p({
        assigner: { type: 'tumbling', size: 10 },
        aggregate: sum,
        trigger: { type: 'count', count: 0 },
      }),
    ).toEqual(['spec.trigger.count']);
    expect(
      p({ assigner: { type: 'tumbling', size: 10 }, aggregate: sum, condition: 'drop table' }),
    ).toEqual(['spec.condition']);
  });
  it('skips malformed inputs with a problem and keeps going', () => {
    const r = runWindows({ assigner: { type: 'tumbling', size: 10 }, aggregate: sum }, [
      { key: 'a', value: 'x', timestamp: 1 },
      { key: 'a', value: 2 },
      { key: 'a', value: 3, timestamp: 1 },
      { watermark: 1.5 },
      null,
      wm(100),
    ]);
    expect(r.problems.map((x) => x.field)).toEqual([
      'inputs[0].value',
      'inputs[1].timestamp',
      'inputs[3].watermark',
      'inputs[4]',
    ]);
    expect(r.results.map((x) => x.value)).toEqual([3]);
  });
  it('keys named __proto__ are ordinary keys', () => {
    const r = runWindows({ assigner: { type: 'tumbling', size: 10 }, aggregate: { fn: 'count' } }, [
      el('__proto__', 1, 1),
      el('constructor', 1, 2),
      wm(100),
    ]);
    expect(r.results.map((x) => x.key)).toEqual(['__proto__', 'constructor']);
  });
  it('stops at the windows-per-key bound', () => {
    const inputs: WindowInput[] = [];
    for (let i = 0; i < 10_001; i++) inputs.push(el('k', 1, i * 10));
    const r = runWindows(
      { assigner: { type: 'tumbling', size: 10 }, aggregate: { fn: 'count' } },
      inputs,
    );
    expect(r.stoppedAt).toBe(10_000);
    expect(r.problems[0]?.message).toMatch(/more than 10000 windows/);
  });
});
