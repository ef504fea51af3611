/**
 * Property tests of runWindows and the watermark helpers over random inputs. Naive recomputations
 * here are written independently of the operator (floor division instead of
 * getWindowStartWithOffset, a sweep over sorted timestamps instead of MergingWindowSet).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  runWindows,
  watermarkValve,
  withPeriodicWatermarks,
  type AssignerSpec,
  type TriggerSpec,
  type ValveInput,
  type WindowInput,
  type WindowsSpec,
} from './windows';

const KEYS = ['a', 'b', '__proto__', 'constructor'];
const END = 2 ** 52;

const assignerArb: fc.Arbitrary<AssignerSpec> = fc.oneof(
  fc
    .integer({ min: 1, max: 50 })
    .chain((size) =>
      fc
        .integer({ min: -(size - 1), max: size - 1 })
        .map((offset): AssignerSpec => ({ type: 'tumbling', size, offset })),
    ),
  fc.integer({ min: 1, max: 20 }).chain((slide) =>
    fc
      .record({
        size: fc.integer({ min: 1, max: slide * 5 }),
        offset: fc.integer({ min: -(slide - 1), max: slide - 1 }),
      })
      .map(({ size, offset }): AssignerSpec => ({ type: 'sliding', size, slide, offset })),
  ),
  fc.integer({ min: 1, max: 30 }).map((gap): AssignerSpec => ({ type: 'session', gap })),
);

/** Windows containing ts, by floor division (independent of the operator's remainder formula). */
function naiveWindows(a: AssignerSpec, ts: number): [number, number][] {
  if (a.type === 'session') return [[ts, ts + a.gap]];
  const slide = a.type === 'tumbling' ? a.size : a.slide;
  const offset = a.type === 'tumbling' ? (a.offset ?? 0) % a.size : (a.offset ?? 0);
  const out: [number, number][] = [];
  for (let s = Math.floor((ts - offset) / slide) * slide + offset; s + a.size > ts; s -= slide) {
    if (s <= ts) out.push([s, s + a.size]);
  }
  return out;
}

interface El {
  key: string;
  value: number;
  timestamp: number;
}

/** Expected (key, start, end, sum, count) rows for all elements, ignoring lateness. */
function naiveResults(a: AssignerSpec, els: readonly El[]): string[] {
  const acc = new Map<
    string,
    { key: string; start: number; end: number; sum: number; count: number }
  >();
  const add = (key: string, start: number, end: number, v: number) => {
    const id = JSON.stringify([key, start, end]);
    const cur = acc.get(id) ?? { key, start, end, sum: 0, count: 0 };
    cur.sum += v;
    cur.count += 1;
    acc.set(id, cur);
  };
  if (a.type === 'session') {
    for (const key of KEYS) {
      const mine = els.filter((e) => e.key === key).sort((x, y) => x.timestamp - y.timestamp);
      let group: El[] = [];
      let start = 0;
      let end = 0;
      const flush = () => {
        for (const e of group) add(key, start, end, e.value);
        group = [];
      };
      for (const e of mine) {
        if (group.length > 0 && e.timestamp > end) flush();
        if (group.length === 0) {
          start = e.timestamp;
          end = e.timestamp + a.gap;
        } else end = Math.max(end, e.timestamp + a.gap);
        group.push(e);
      }
      flush();
    }
  } else {
    for (const e of els)
      for (const [s, t] of naiveWindows(a, e.timestamp)) add(e.key, s, t, e.value);
  }
  return [...acc.values()]
    .map((r) => JSON.stringify([r.key, r.start, r.end, r.sum, r.count]))
    .sort();
}

/** In-order elements with watermarks that never make a later element late. */
const inOrderArb = fc
  .record({
    start: fc.integer({ min: -200, max: 200 }),
    steps: fc.array(
      fc.record({
        delta: fc.integer({ min: 0, max: 15 }),
        key: fc.constantFrom(...KEYS),
        value: fc.integer({ min: -100, max: 100 }),
        watermark: fc.boolean(),
      }),
      { maxLength: 60 },
    ),
  })
  .map(({ start, steps }) => {
    let ts = start;
    return steps.map((s) => {
      ts += s.delta;
      return { key: s.key, value: s.value, timestamp: ts, watermark: s.watermark };
    });
  });

describe('runWindows properties', () => {
  it('in-order input with watermarks: results equal a naive recomputation from all elements', () => {
    fc.assert(
      fc.property(assignerArb, inOrderArb, (assigner, steps) => {
        // A watermark t promises no element <= t follows. For sessions it stays 2 behind: a session
        // that fired at watermark end - 1 is cleaned up, and an element at exactly `end` would then
        // start a new session although the windows touch (see the unit test).
        const lag = assigner.type === 'session' ? 2 : 1;
        const inputs: WindowInput[] = [];
        for (const s of steps) {
          inputs.push({ key: s.key, value: s.value, timestamp: s.timestamp });
          if (s.watermark) inputs.push({ watermark: s.timestamp - lag });
        }
        inputs.push({ watermark: END });
        const r = runWindows({ assigner, aggregate: { fn: 'list' } }, inputs);
        expect(r.problems).toEqual([]);
        expect(r.counters.numLateRecordsDropped).toBe(0);
        const got = r.results
          .map((x) => {
            const vals = x.value as number[];
            return JSON.stringify([
              x.key,
              x.window.start,
              x.window.end,
              vals.reduce((p, q) => p + q, 0),
              vals.length,
            ]);
          })
          .sort();
        expect(got).toEqual(naiveResults(assigner, steps));
        for (const x of r.results) {
          expect(x.timestamp).toBe(x.window.end - 1);
          expect(x.late).toBeUndefined();
        }
      }),
      { numRuns: 300 },
    );
  });

  const triggerArb: fc.Arbitrary<TriggerSpec> = fc.oneof(
    fc.constant<TriggerSpec>({ type: 'eventTime' }),
    fc.constant<TriggerSpec>({ type: 'purging', trigger: { type: 'eventTime' } }),
    fc.integer({ min: 1, max: 4 }).map((count): TriggerSpec => ({ type: 'count', count })),
  );
  const outOfOrderArb = fc.array(
    fc.oneof(
      fc.record({ key: fc.constantFrom(...KEYS), timestamp: fc.integer({ min: -50, max: 150 }) }),
      fc.record({ watermark: fc.integer({ min: -60, max: 160 }) }),
    ),
    { maxLength: 60 },
  );

  it('late elements: dropped or side output exactly when every window is late, and never counted afterwards', () => {
    fc.assert(
      fc.property(
        assignerArb,
        triggerArb,
        fc.integer({ min: 0, max: 20 }),
        fc.boolean(),
        outOfOrderArb,
        (assigner, trigger, allowedLateness, sideOutputLateData, raw) => {
          // value = input index, so every element is identifiable in 'list' results
          const inputs: WindowInput[] = raw.map((x, i) =>
            'watermark' in x ? x : { ...x, value: i },
          );
          inputs.push({ watermark: END });
          const spec: WindowsSpec = {
            assigner,
            trigger,
            allowedLateness,
            sideOutputLateData,
            aggregate: { fn: 'list' },
          };
          const r = runWindows(spec, inputs);
          expect(r.problems).toEqual([]);
          const lateInputs = r.trace.flatMap((e) => (e.type === 'late' ? [e.input] : []));
          expect(r.counters.numLateRecordsDropped + r.sideOutput.length).toBe(lateInputs.length);
          expect(sideOutputLateData ? r.counters.numLateRecordsDropped : r.sideOutput.length).toBe(
            0,
          );
          // never counted after being declared late
          const lateSet = new Set(lateInputs);
          for (const res of r.results)
            for (const v of res.value as number[]) expect(lateSet.has(v)).toBe(false);
          // independent lateness for non-merging windows: Flink's isWindowLate for all windows + isElementLate
          let wm = Number.NEGATIVE_INFINITY;
          const expectedLate: number[] = [];
          inputs.forEach((x, i) => {
            if ('watermark' in x) wm = Math.max(wm, x.watermark);
            else if ('timestamp' in x && x.timestamp !== undefined) {
              const ws = naiveWindows(assigner, x.timestamp);
              const ts = x.timestamp;
              if (
                assigner.type !== 'session' &&
                ws.every(([, end]) => end - 1 + allowedLateness <= wm) &&
                ts + allowedLateness <= wm
              )
                expectedLate.push(i);
            }
          });
          if (assigner.type !== 'session') expect(lateInputs).toEqual(expectedLate);
          // with the event-time trigger every accepted element that has a window shows up in a result
          if (trigger.type === 'eventTime') {
            const seen = new Set(r.results.flatMap((x) => x.value as number[]));
            inputs.forEach((x, i) => {
              if (
                'timestamp' in x &&
                x.timestamp !== undefined &&
                !lateSet.has(i) &&
                naiveWindows(assigner, x.timestamp).length > 0
              )
                expect(seen.has(i)).toBe(true);
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('allowed lateness: the last firing of each window holds every element its window accepted', () => {
    const nonMerging = assignerArb.filter((a) => a.type !== 'session');
    fc.assert(
      fc.property(
        nonMerging,
        fc.integer({ min: 0, max: 30 }),
        outOfOrderArb,
        (assigner, allowedLateness, raw) => {
          const inputs: WindowInput[] = raw.map((x, i) =>
            'watermark' in x ? x : { ...x, value: i },
          );
          inputs.push({ watermark: END });
          const r = runWindows({ assigner, allowedLateness, aggregate: { fn: 'list' } }, inputs);
          // independent: an element joins window w iff w was not late when it arrived
          const expected = new Map<string, number[]>();
          let wm = Number.NEGATIVE_INFINITY;
          inputs.forEach((x, i) => {
            if ('watermark' in x) wm = Math.max(wm, x.watermark);
            else if ('timestamp' in x && x.timestamp !== undefined && 'key' in x) {
              for (const [s, e] of naiveWindows(assigner, x.timestamp)) {
                if (e - 1 + allowedLateness <= wm) continue;
                const id = JSON.stringify([x.key, s, e]);
                expected.set(id, [...(expected.get(id) ?? []), i]);
              }
            }
          });
          const last = new Map<string, number[]>();
          for (const res of r.results)
            last.set(
              JSON.stringify([res.key, res.window.start, res.window.end]),
              res.value as number[],
            );
          expect([...last.keys()].sort()).toEqual([...expected.keys()].sort());
          for (const [id, vals] of expected)
            expect([...(last.get(id) ?? [])].sort((a, b) => a - b)).toEqual(vals);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same input gives the same output', () => {
    fc.assert(
      fc.property(
        assignerArb,
        triggerArb,
        fc.integer({ min: 0, max: 20 }),
        outOfOrderArb,
        (assigner, trigger, allowedLateness, raw) => {
          const inputs = raw.map((x, i) => ('watermark' in x ? x : { ...x, value: i }));
          const spec: WindowsSpec = {
            assigner,
            trigger,
            allowedLateness,
            aggregate: { fn: 'sum' },
            condition: '> 5',
          };
          const a = runWindows(spec, inputs);
          const b = runWindows(
            JSON.parse(JSON.stringify(spec)) as unknown,
            JSON.parse(JSON.stringify(inputs)) as unknown,
          );
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('malformed spec or inputs never throw', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (spec, inputs) => {
        const r = runWindows(spec, inputs);
        expect(Array.isArray(r.problems)).toBe(true);
      }),
      { numRuns: 300 },
    );
    const valid: WindowsSpec = {
      assigner: { type: 'session', gap: 5 },
      aggregate: { fn: 'avg', field: 'x' },
      keyBy: 'k',
    };
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.anything(),
            fc.record({ watermark: fc.anything() }),
            fc.record({ value: fc.anything(), timestamp: fc.anything() }),
          ),
        ),
        (inputs) => {
          const r = runWindows(valid, inputs);
          expect(r.results.every((x) => typeof x.value === 'number')).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('watermark helpers', () => {
  it('malformed records, options or channel inputs never throw', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (records, options, n) => {
        const g = withPeriodicWatermarks(records as never, options as never);
        expect(Array.isArray(g.problems)).toBe(true);
        const v = watermarkValve(n as never, records as never);
        expect(Array.isArray(v.problems)).toBe(true);
        const v2 = watermarkValve(2, [records, options] as never);
        expect(Array.isArray(v2.problems)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('bounded out-of-orderness: an element at most `bound` behind the max seen is never late', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.array(
          fc.record({
            ahead: fc.integer({ min: 0, max: 30 }),
            back: fc.nat(),
            gap: fc.integer({ min: 0, max: 500 }),
          }),
          { maxLength: 60 },
        ),
        (bound, steps) => {
          let max = 0;
          let at = 0;
          const records = steps.map((s, i) => {
            max += s.ahead;
            at += s.gap;
            return { key: 'k', value: i, timestamp: max - (s.back % (bound + 1)), arrival: at };
          });
          const { inputs, problems } = withPeriodicWatermarks(records, {
            maxOutOfOrderness: bound,
            until: at + 1000,
          });
          expect(problems).toEqual([]);
          const wms = inputs.flatMap((x) => ('watermark' in x ? [x.watermark] : []));
          for (let i = 1; i < wms.length; i++) expect(wms[i]).toBeGreaterThan(wms[i - 1] as number);
          if (records.length > 0)
            expect(wms[wms.length - 1]).toBe(
              Math.max(...records.map((x) => x.timestamp)) - bound - 1,
            );
          const r = runWindows(
            { assigner: { type: 'tumbling', size: 10 }, aggregate: { fn: 'count' } },
            inputs,
          );
          expect(r.counters.numLateRecordsDropped).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the periodic generator emits every autoWatermarkInterval (200 ms by default) only when the watermark rises', () => {
    const { inputs } = withPeriodicWatermarks(
      [
        { key: 'k', value: 1, timestamp: 1000, arrival: 50 },
        { key: 'k', value: 2, timestamp: 900, arrival: 250 },
        { key: 'k', value: 3, timestamp: 2000, arrival: 420 },
      ],
      { maxOutOfOrderness: 100, until: 1000 },
    );
    expect(
      inputs.map((x) =>
        'watermark' in x ? `wm ${x.watermark}` : 'timestamp' in x ? `el ${x.timestamp}` : '?',
      ),
    ).toEqual([
      'el 1000',
      'wm 899', // tick at 200
      'el 900', // tick at 400 sees nothing new: no watermark
      'el 2000',
      'wm 1899', // tick at 600
    ]);
  });

  it('operator watermark = min over active channels; a stalled channel holds it back, an idle one does not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ channel: fc.nat(), watermark: fc.integer({ min: -100, max: 100 }) }), {
          maxLength: 50,
        }),
        (n, raw) => {
          const inputs: ValveInput[] = raw.map((x) => ({
            channel: x.channel % n,
            watermark: x.watermark,
          }));
          const r = watermarkValve(n, inputs);
          const ws = r.outputs.flatMap((o) => ('watermark' in o ? [o.watermark] : []));
          for (let i = 1; i < ws.length; i++) expect(ws[i]).toBeGreaterThan(ws[i - 1] as number);
          const maxSoFar: (number | null)[] = new Array<number | null>(n).fill(null);
          for (const x of inputs)
            if ('watermark' in x)
              maxSoFar[x.channel] = Math.max(maxSoFar[x.channel] ?? -Infinity, x.watermark);
          const expected = maxSoFar.some((m) => m === null)
            ? null
            : Math.min(...(maxSoFar as number[]));
          expect(r.watermark).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
    // a stalled partition: channel 1 never sends, so nothing is emitted until it is marked idle
    const stalled = watermarkValve(2, [
      { channel: 0, watermark: 5000 },
      { channel: 0, watermark: 9000 },
    ]);
    expect(stalled.watermark).toBeNull();
    const idled = watermarkValve(2, [
      { channel: 0, watermark: 5000 },
      { channel: 1, idle: true },
      { channel: 0, watermark: 9000 },
    ]);
    expect(idled.outputs.map((o) => ('watermark' in o ? o.watermark : `idle ${o.idle}`))).toEqual([
      5000, 9000,
    ]);
  });
});
